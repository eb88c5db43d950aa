//! Opening the database file: refuse a damaged or newer file without writing to it, then set the
//! durability pragmas and migrate.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params,
};
use tereze_protocol::WorkstationId;
use uuid::Uuid;

use super::{StoreError, clock, migrate};
use crate::encryption::{DatabaseKey, database};

const HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether a database file with content exists at `path`.
pub(crate) fn has_content(path: &Path) -> Result<bool, StoreError> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(m.len() > 0),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(StoreError::io("inspect database", e)),
    }
}

/// Whether the file at `path` is a plaintext SQLite database (an installation from before
/// encryption at rest): its first 16 bytes are SQLite's magic string. An encrypted file starts
/// with random salt instead.
pub(crate) fn is_plaintext(path: &Path) -> Result<bool, StoreError> {
    let mut header = [0u8; 16];
    let mut f = File::open(path).map_err(|e| StoreError::io("open database", e))?;
    match f.read_exact(&mut header) {
        Ok(()) => Ok(&header == HEADER),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(StoreError::io("read database", e)),
    }
}

/// Refuses a file too short to be a database, and a plaintext one (it must be converted first,
/// see [`crate::encryption::convert`]), before SQLite sees it.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut header = [0u8; 100];
    let mut f = File::open(path).map_err(|e| StoreError::io("open database", e))?;
    let mut read = 0;
    while read < header.len() {
        match f.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(StoreError::io("read database", e)),
        }
    }
    if read < header.len() {
        return Err(StoreError::Corrupt {
            detail: "not an SQLite database".to_owned(),
        });
    }
    if &header[..16] == HEADER {
        return Err(StoreError::Unencrypted);
    }
    Ok(())
}

/// Runs read-only checks on an existing file: `quick_check` (when `full`) and the schema
/// version.
fn check_existing(conn: &Connection, full: bool) -> Result<(), StoreError> {
    if full {
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let problems = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        if problems != ["ok"] {
            return Err(StoreError::Corrupt {
                detail: problems.join("; "),
            });
        }
    }
    let found = migrate::user_version(conn)?;
    let supported = migrate::latest();
    if found > supported {
        return Err(StoreError::Newer { found, supported });
    }
    Ok(())
}

/// Opens (or creates) the encrypted database at `path` with `key`, WAL, `synchronous=FULL` and
/// foreign keys, and brings its schema up to date. An existing file that is damaged (when
/// `check` asks for the full `quick_check`), newer, plaintext or not readable with `key` is left
/// untouched.
pub(crate) fn connect(
    path: &Path,
    key: &DatabaseKey,
    check: bool,
) -> Result<Connection, StoreError> {
    let existing = has_content(path)?;
    if existing {
        check_header(path)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut conn = database::open(path, key, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if existing {
        check_existing(&conn, check)?;
    }
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Invalid {
            what: "journal mode",
        });
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Off while migrating (a migration may rebuild a table), checked by the migration itself.
    conn.pragma_update(None, "foreign_keys", false)?;
    migrate::migrate(&mut conn)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(conn)
}

/// This workstation's id, made on first open.
pub(crate) fn workstation(conn: &mut Connection) -> Result<WorkstationId, StoreError> {
    let read = |c: &Connection| -> Result<Option<String>, StoreError> {
        Ok(
            c.query_row("SELECT id FROM workstation WHERE singleton = 1", [], |r| {
                r.get(0)
            })
            .optional()?,
        )
    };
    let id = match read(conn)? {
        Some(id) => id,
        None => {
            let tx = Transaction::new(conn, TransactionBehavior::Immediate)?;
            let (_, at) = clock::now()?;
            tx.execute(
                "INSERT INTO workstation (singleton, id, created_at) VALUES (1, ?1, ?2)
                 ON CONFLICT (singleton) DO NOTHING",
                params![Uuid::now_v7().to_string(), at],
            )?;
            let id = read(&tx)?.ok_or(StoreError::Invalid {
                what: "workstation",
            })?;
            tx.commit()?;
            id
        }
    };
    Uuid::parse_str(&id)
        .map(WorkstationId)
        .map_err(|_| StoreError::Invalid {
            what: "workstation id",
        })
}
