//! Opening the workstation database with its key.
//!
//! SQLCipher needs the key as the very first statement on a connection; every later read
//! decrypts pages with it. A wrong key (or a file that is not a database at all) shows only at
//! the first read, as "file is not a database": [`open`] makes that read at once and answers
//! with [`StoreError::WrongKey`], having written nothing.

use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::DatabaseKey;
use crate::store::StoreError;

/// Opens the SQLCipher database at `path` with `key` and checks that the key reads it. A new
/// (empty) file becomes an encrypted database on its first write.
pub fn open(path: &Path, key: &DatabaseKey, flags: OpenFlags) -> Result<Connection, StoreError> {
    wait_for_cipher_start();
    let conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, key)?;
    check_key(&conn)?;
    Ok(conn)
}

/// Sets the key on a fresh connection; must come before anything reads the file.
pub(crate) fn apply_key(conn: &Connection, key: &DatabaseKey) -> Result<(), StoreError> {
    // The statement is built from the 32 key bytes' hex only, never from input.
    let statement = zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\";", *key.pragma_value()));
    conn.execute_batch(&statement)?;
    Ok(())
}

/// How many times, a few milliseconds apart, the first keyed connection of the process waits
/// for SQLCipher to finish starting.
const START_PROBES: u32 = 400;

/// Holds the process's first keyed connections until SQLCipher has started.
///
/// SQLite marks itself initialised before it runs SQLCipher's start-up, so a second thread
/// opening a connection in that moment gets SQLite "ready" and SQLCipher not, and its
/// `PRAGMA key` is refused. The app's window and its sync worker, or parallel tests, open their
/// stores at the same moment. So the first caller keys a throw-away in-memory database until
/// that works; everyone else waits for it here, once per process. If SQLCipher cannot start at
/// all, the real open that follows reports the error.
pub(crate) fn wait_for_cipher_start() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        for _ in 0..START_PROBES {
            let keyed = Connection::open_in_memory()
                .and_then(|probe| probe.execute_batch("PRAGMA key = 'start-up probe';"));
            if keyed.is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    });
}

/// Reads the schema once: the first read is where a wrong key shows.
pub(crate) fn check_key(conn: &Connection) -> Result<(), StoreError> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
            Err(StoreError::WrongKey)
        }
        Err(e) => Err(e.into()),
    }
}

/// The SQLCipher version linked in (`PRAGMA cipher_version`), for diagnostics; empty when the
/// library has no cipher (which the tests refuse).
pub fn cipher_version(conn: &Connection) -> Result<String, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("PRAGMA cipher_version", [], |r| r.get::<_, String>(0))
        .optional()?
        .unwrap_or_default())
}
