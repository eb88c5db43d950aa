//! The workstation's local store: one SQLite file (`tereze.db`) and a folder of scans (`blobs/`).
//!
//! A form is "saved" only when one `BEGIN IMMEDIATE` transaction wrote the domain rows, the
//! outbox operation that will carry it to the server and the hash-chained audit row; with WAL and
//! `synchronous=FULL` that survives a crash, `kill -9` and a power cut. Scans are written and
//! fsynced before the row that cites them commits. Every failure is a [`StoreError`] the
//! operator can be shown; a damaged or newer database is refused without a byte written.

mod archival;
mod attachment;
mod audit;
mod audit_ack;
pub(crate) mod blob;
mod clock;
mod counter;
mod enrol;
mod error;
mod inbox;
mod login;
pub mod migrate;
mod open;
mod operator;
mod outbox;
mod queue_cache;
mod request;
mod search;
mod server_reference;
mod stats;
mod sync_state;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use tereze_protocol::{Seq, WorkstationId};
use uuid::Uuid;

pub use archival::{ArchivalFindings, ArchivalReference};
pub use attachment::{Attachment, MediaType};
pub use audit::{AuditAction, AuditHead, EntityKind, GENESIS};
pub use blob::sha256_hex;
pub use counter::{
    Decision, NewDecision, NewSignature, QueueEntry, Registered, SignatureKind, StoredSignature,
    SurveyAnswers,
};
pub use enrol::OperatorImport;
pub use error::{AuditError, StoreError};
pub use inbox::{InboxFilter, step_of};
pub use login::{FREE_ATTEMPTS, LoginError, lock_for};
pub use operator::{NewOperator, Operator, Role};
pub use outbox::OutboxEntry;
pub use queue_cache::{
    BilingualName, GroupName, OrganisationCard, QueueCache, QueueNames, QueueStepError,
};
pub use request::{Request, RequestDraft, RequestSummary, SavedRequest};
pub use search::fts_query;
pub use stats::StoreStats;
pub use sync_state::{OutboxCounts, OutboxItem, OutboxState, PullTally, PushTally};

use crate::encryption::{BlobKey, DatabaseKey};
use crate::iin::Iin;
use crate::keyring::MasterKey;
use crate::lifecycle::{self, Action, Flow, Status};
use crate::reference::{self, ReferenceData};

/// Whether a database file with content exists at `path` (for the conversion).
pub(crate) fn open_has_content(path: &Path) -> Result<bool, StoreError> {
    open::has_content(path)
}

/// Whether the database file at `path` is plaintext SQLite (for the conversion).
pub(crate) fn open_is_plaintext(path: &Path) -> Result<bool, StoreError> {
    open::is_plaintext(path)
}

/// The operator with this IIN on any connection (the plaintext one during conversion).
pub(crate) fn operator_by_iin_on(
    conn: &Connection,
    iin: &Iin,
) -> Result<Option<Operator>, StoreError> {
    operator::by_iin(conn, iin)
}

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "tereze.db";
/// The scans folder's name inside the data folder.
pub const BLOB_DIR: &str = "blobs";

/// Settings of a store that differ between deployments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreOptions {
    /// The largest attachment accepted, in bytes.
    pub max_attachment_bytes: u64,
    /// Whether opening an existing database runs SQLite's `quick_check` over the whole file
    /// first. On by default; a second connection opened while the first is in use (the sync
    /// worker's, right after the login's own check) turns it off, since on an encrypted database
    /// the check reads and decrypts every page.
    pub check_on_open: bool,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            max_attachment_bytes: 10 * 1024 * 1024,
            check_on_open: true,
        }
    }
}

/// An open store. Not shared between threads: wrap it in a mutex or give it to one worker.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    workstation: WorkstationId,
    blobs: blob::Blobs,
    options: StoreOptions,
}

impl Store {
    /// Opens (creating if needed) the encrypted store in `data_dir` with the workstation's
    /// master key and default options.
    pub fn open(data_dir: &Path, key: &MasterKey) -> Result<Store, StoreError> {
        Self::open_with(data_dir, key, StoreOptions::default())
    }

    /// Opens (creating if needed) the encrypted store in `data_dir` with the workstation's
    /// master key (from [`crate::keyring::Keyring::unlock`]). There is no unencrypted way in: a
    /// key that does not read the database is [`StoreError::WrongKey`], a plaintext database
    /// from an older installation is [`StoreError::Unencrypted`] (see
    /// [`crate::encryption::convert`]), a damaged one [`StoreError::Corrupt`] and one written by
    /// a newer version [`StoreError::Newer`]; each is left exactly as it was.
    pub fn open_with(
        data_dir: &Path,
        key: &MasterKey,
        options: StoreOptions,
    ) -> Result<Store, StoreError> {
        let db = data_dir.join(DB_FILE);
        if !open::has_content(&db)? {
            std::fs::create_dir_all(data_dir)
                .map_err(|e| StoreError::io("create data folder", e))?;
        }
        let mut conn = open::connect(&db, &DatabaseKey::derive(key), options.check_on_open)?;
        let workstation = open::workstation(&mut conn)?;
        let dir = data_dir.join(BLOB_DIR);
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io("create blob folder", e))?;
        let blobs = blob::Blobs {
            dir,
            key: BlobKey::derive(key),
        };
        Ok(Store {
            conn,
            workstation,
            blobs,
            options,
        })
    }

    /// This workstation's identity (made on first open, kept in the database).
    pub fn workstation(&self) -> WorkstationId {
        self.workstation
    }

    /// The options the store was opened with.
    pub fn options(&self) -> StoreOptions {
        self.options
    }

    /// Read access for other parts of the core (reference data, reports).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, committed only if `f` returns `Ok`. For
    /// other parts of the core that write their own tables (reference data import).
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Saves a request form: domain rows, search index, outbox operation and audit row in one
    /// transaction. A stale `expected_version` is a [`StoreError::Conflict`] and changes nothing.
    pub fn save_request(
        &mut self,
        draft: &RequestDraft,
        operator: Uuid,
    ) -> Result<SavedRequest, StoreError> {
        let ws = self.workstation;
        self.write(|tx| request::save(tx, ws, draft, operator))
    }

    /// Saves many forms in one transaction (imports, bulk loads); all or nothing.
    pub fn save_requests(
        &mut self,
        drafts: &[RequestDraft],
        operator: Uuid,
    ) -> Result<Vec<SavedRequest>, StoreError> {
        let ws = self.workstation;
        self.write(|tx| {
            drafts
                .iter()
                .map(|d| request::save(tx, ws, d, operator))
                .collect()
        })
    }

    /// Does `action` to a request: the lifecycle ([`lifecycle::transition`]) decides whether it
    /// is allowed from `expected_from` and what status follows; the move is stored atomically
    /// with its outbox operation and audit row. An illegal action is a
    /// [`StoreError::Transition`] and a request no longer in `expected_from` a
    /// [`StoreError::StatusConflict`]; either changes nothing.
    pub fn apply_action(
        &mut self,
        id: Uuid,
        flow: Flow,
        expected_from: Status,
        action: Action,
        operator: Uuid,
    ) -> Result<SavedRequest, StoreError> {
        let to = lifecycle::transition(flow, expected_from, action)?;
        let ws = self.workstation;
        self.write(|tx| request::set_status(tx, ws, id, expected_from, action, to, operator))
    }

    /// A request with its form; [`StoreError::NotFound`] if there is none.
    pub fn load_request(&self, id: Uuid) -> Result<Request, StoreError> {
        request::load(&self.conn, id)
    }

    /// The newest requests first, at most `limit`.
    pub fn list_requests(&self, limit: usize) -> Result<Vec<RequestSummary>, StoreError> {
        request::list(&self.conn, limit)
    }

    /// Searches names and addresses by word prefixes (folded: case, ё/е, Latin look-alikes), or
    /// applicant/child IIN exactly when the query is twelve digits. Most recently stored first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<RequestSummary>, StoreError> {
        search::search(&self.conn, query, limit)
    }

    /// The inbox: requests filtered by status, service and search text, newest first.
    pub fn inbox(&self, filter: &InboxFilter) -> Result<Vec<RequestSummary>, StoreError> {
        inbox::inbox(&self.conn, filter)
    }

    /// Requests whose applicant or child has this IIN, newest first.
    pub fn search_iin(&self, iin: &Iin, limit: usize) -> Result<Vec<RequestSummary>, StoreError> {
        search::by_iin(&self.conn, &iin.as_string(), limit)
    }

    /// Creates an operator account; `by` is the administrator who did it (`None` while
    /// provisioning the first one).
    pub fn add_operator(
        &mut self,
        new: &NewOperator,
        by: Option<Uuid>,
    ) -> Result<Operator, StoreError> {
        self.write(|tx| {
            let op = operator::insert(tx, new)?;
            audit::append_now(
                tx,
                by,
                AuditAction::AddOperator,
                EntityKind::Operator,
                Some(op.id),
                &serde_json::json!({ "role": op.role.as_str(), "office": op.office_id }),
            )?;
            Ok(op)
        })
    }

    /// Checks an IIN and password typed at the login screen, offline, at `now`; see
    /// [`LoginError`] for what the operator is told. Every attempt is audited.
    pub fn login(
        &mut self,
        iin: &str,
        password: &str,
        now: time::OffsetDateTime,
    ) -> Result<Operator, LoginError> {
        login::login(&mut self.conn, iin, password, now)
    }

    /// Sets an operator's password (policy checked, Argon2id verifier stored, audited); `by`
    /// is the administrator, or the operator themselves.
    pub fn set_password(
        &mut self,
        operator_id: Uuid,
        password: &str,
        by: Option<Uuid>,
    ) -> Result<(), StoreError> {
        let verifier = crate::password::hash(password)?;
        self.write(|tx| {
            if !operator::set_password(tx, operator_id, &verifier)? {
                return Err(StoreError::UnknownOperator { id: operator_id });
            }
            audit::append_now(
                tx,
                by,
                AuditAction::SetPassword,
                EntityKind::Operator,
                Some(operator_id),
                &serde_json::json!({}),
            )?;
            Ok(())
        })
    }

    /// The operator with this IIN (login).
    pub fn operator_by_iin(&self, iin: &Iin) -> Result<Option<Operator>, StoreError> {
        operator::by_iin(&self.conn, iin)
    }

    /// The operator with this id.
    pub fn operator(&self, id: Uuid) -> Result<Option<Operator>, StoreError> {
        operator::by_id(&self.conn, id)
    }

    /// Every operator, by name.
    pub fn operators(&self) -> Result<Vec<Operator>, StoreError> {
        operator::all(&self.conn)
    }

    /// Enables or disables an operator account.
    pub fn set_operator_active(&mut self, id: Uuid, active: bool) -> Result<(), StoreError> {
        self.write(|tx| {
            if operator::set_active(tx, id, active)? {
                Ok(())
            } else {
                Err(StoreError::UnknownOperator { id })
            }
        })
    }

    /// Attaches a scan to a request. The size is checked from the file's metadata before it is
    /// read; the type comes from its magic bytes (JPEG, PNG, PDF), never from `file_name`. The
    /// content is stored once under its SHA-256 and fsynced before the row commits.
    pub fn add_attachment(
        &mut self,
        request_id: Uuid,
        slot: &str,
        file_name: &str,
        source: &Path,
        operator: Uuid,
    ) -> Result<Attachment, StoreError> {
        let checked = attachment::check(source, self.options.max_attachment_bytes)?;
        if !request::exists(&self.conn, request_id)? {
            return Err(StoreError::NotFound { id: request_id });
        }
        operator::require(&self.conn, operator)?;
        blob::put(&self.blobs, &checked.sha256, &checked.bytes)?;
        let ws = self.workstation;
        let new = attachment::NewAttachment {
            request_id,
            slot,
            file_name,
            checked: &checked,
            by: operator,
        };
        self.write(|tx| {
            if !request::exists(tx, request_id)? {
                return Err(StoreError::NotFound { id: request_id });
            }
            attachment::insert(tx, ws, &new).map(|(a, _)| a)
        })
    }

    /// Takes a scan off a request: the row is marked removed (never deleted, and the content
    /// stays stored under its hash), with a `remove-attachment` outbox operation and an audit row
    /// in the same transaction. [`StoreError::AttachmentNotFound`] if it is unknown or already
    /// removed; nothing changes then.
    pub fn remove_attachment(
        &mut self,
        attachment_id: Uuid,
        operator: Uuid,
    ) -> Result<Attachment, StoreError> {
        operator::require(&self.conn, operator)?;
        let ws = self.workstation;
        self.write(|tx| attachment::remove(tx, ws, attachment_id, operator).map(|(a, _)| a))
    }

    /// Replaces a scan with another file in one step: the new file is checked (size, type by
    /// magic bytes) and stored first, then one transaction removes the old attachment and adds
    /// the new one to the same slot, each with its outbox operation and audit row. A refused file
    /// or an unknown attachment changes nothing.
    pub fn replace_attachment(
        &mut self,
        attachment_id: Uuid,
        file_name: &str,
        source: &Path,
        operator: Uuid,
    ) -> Result<Attachment, StoreError> {
        let checked = attachment::check(source, self.options.max_attachment_bytes)?;
        operator::require(&self.conn, operator)?;
        blob::put(&self.blobs, &checked.sha256, &checked.bytes)?;
        let ws = self.workstation;
        self.write(|tx| {
            let (old, _) = attachment::remove(tx, ws, attachment_id, operator)?;
            let new = attachment::NewAttachment {
                request_id: old.request_id,
                slot: &old.slot,
                file_name,
                checked: &checked,
                by: operator,
            };
            attachment::insert(tx, ws, &new).map(|(a, _)| a)
        })
    }

    /// The attachments of a request still on file (removed ones are left out), oldest first.
    pub fn attachments(&self, request_id: Uuid) -> Result<Vec<Attachment>, StoreError> {
        attachment::of_request(&self.conn, request_id)
    }

    /// Where the content with this SHA-256 is stored, sealed: the file holds ciphertext, so
    /// viewers and uploads use [`Store::read_attachment`]; this is for diagnostics and tests.
    pub fn attachment_path(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        blob::path(&self.blobs, sha256)
    }

    /// The content with this SHA-256, decrypted and checked against its tag and its hash.
    pub fn read_attachment(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        blob::get(&self.blobs, sha256)
    }

    /// The oldest operations the server has not acknowledged yet, at most `limit`.
    pub fn pending_outbox(&self, limit: usize) -> Result<Vec<OutboxEntry>, StoreError> {
        outbox::pending(&self.conn, self.workstation, limit)
    }

    /// How many operations wait for the server: what the start screen shows on every inbox
    /// read, counted from an index of pending operations only.
    pub fn pending_outbox_count(&self) -> Result<u64, StoreError> {
        outbox::pending_count(&self.conn, self.workstation)
    }

    /// Marks every operation up to `up_to` as acknowledged by the server (never deletes).
    /// Returns how many were newly marked.
    pub fn ack_outbox(&mut self, up_to: Seq) -> Result<usize, StoreError> {
        let ws = self.workstation;
        self.write(|tx| outbox::ack(tx, ws, up_to))
    }

    /// Appends an audit row for an action that writes nothing else (login, sign, print, sync).
    /// `detail` must hold no personal data (no names, IINs, addresses).
    pub fn audit(
        &mut self,
        operator: Option<Uuid>,
        action: AuditAction,
        kind: EntityKind,
        entity: Option<Uuid>,
        detail: &serde_json::Value,
    ) -> Result<AuditHead, StoreError> {
        self.write(|tx| audit::append_now(tx, operator, action, kind, entity, detail))
    }

    /// Loads the reference data (offices, organisations, groups) into the store: an idempotent
    /// upsert, audited when anything changed. Rows a newer file drops are kept, since requests
    /// may cite them.
    pub fn import_reference(
        &mut self,
        data: &ReferenceData,
    ) -> Result<reference::ImportCounts, StoreError> {
        self.import_reference_with(data, |_| Ok(()))
    }

    /// [`Store::import_reference`] with `also` run in the same transaction.
    fn import_reference_with(
        &mut self,
        data: &ReferenceData,
        also: impl FnOnce(&Transaction<'_>) -> Result<(), StoreError>,
    ) -> Result<reference::ImportCounts, StoreError> {
        self.write(|tx| {
            let counts =
                reference::import(tx, data).map_err(|e| StoreError::Reference(Box::new(e)))?;
            also(tx)?;
            if counts.changed_anything() {
                let table = |t: reference::TableCounts| {
                    serde_json::json!({ "inserted": t.inserted, "updated": t.updated })
                };
                audit::append_now(
                    tx,
                    None,
                    AuditAction::ImportReference,
                    EntityKind::Workstation,
                    None,
                    &serde_json::json!({
                        "offices": table(counts.offices),
                        "organisations": table(counts.organisations),
                        "groups": table(counts.groups),
                    }),
                )?;
            }
            Ok(counts)
        })
    }

    /// How much the store holds, for the start screen and diagnostics.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        stats::read(&self.conn)
    }

    /// The newest audit row: what goes to the server at each sync.
    pub fn audit_head(&self) -> Result<AuditHead, StoreError> {
        audit::head(&self.conn)
    }

    /// Walks the whole audit chain and reports the first row that was modified, deleted or
    /// moved; returns the head if the chain is intact.
    pub fn verify_audit(&self) -> Result<AuditHead, AuditError> {
        audit::verify(&self.conn)
    }
}
