-- The workstation's own store: operators, requests and their fields and scans, the outbox that
-- feeds sync, the hash-chained audit log and the search index.
-- Runs inside the migration transaction: no BEGIN/COMMIT here.
-- Times are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (fixed width, so text order = time order).
-- UUIDs are lower-case hyphenated text.

-- Exactly one row: this workstation's identity, made on first open.
CREATE TABLE workstation (
    singleton  INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    id         TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE operators (
    id            TEXT PRIMARY KEY NOT NULL,
    iin           TEXT NOT NULL UNIQUE CHECK (length(iin) = 12),
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL
                  CHECK (role IN ('executor', 'con-operator', 'head', 'administrator')),
    office_id     TEXT NOT NULL,
    password_hash TEXT,                       -- PHC string; NULL until a password is set
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE requests (
    rid        INTEGER PRIMARY KEY,          -- stable row key shared with request_search
    id         TEXT NOT NULL UNIQUE,         -- UUIDv7
    number     TEXT UNIQUE,                  -- office-year-serial, assigned at registration
    service_id TEXT NOT NULL,
    profile    TEXT NOT NULL,
    channel    TEXT NOT NULL CHECK (channel IN ('office', 'con', 'portal')),
    status     TEXT NOT NULL,
    status_since TEXT NOT NULL,              -- when the request entered its status (deadlines)
    outcome    TEXT CHECK (outcome IN ('granted', 'refused')),   -- set by the decision
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES operators (id)
) STRICT;

CREATE INDEX requests_newest ON requests (created_at DESC, id DESC);

CREATE TABLE request_fields (
    request_id TEXT NOT NULL REFERENCES requests (id),
    field_id   TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (request_id, field_id)
) STRICT, WITHOUT ROWID;

-- Exact search by IIN (applicant or child).
CREATE INDEX request_fields_iin ON request_fields (value, request_id)
    WHERE field_id IN ('applicant-iin', 'child-iin');

CREATE TABLE attachments (
    id         TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests (id),
    slot       TEXT NOT NULL,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size > 0),
    media_type TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL REFERENCES operators (id)
) STRICT;

CREATE INDEX attachments_by_request ON attachments (request_id);

-- Operations waiting for (or already given) the server's acknowledgement. seq is dense from 1
-- per workstation; a row is marked acked, never deleted before that.
CREATE TABLE outbox (
    workstation_id TEXT NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    op_kind        TEXT NOT NULL,
    entity_id      TEXT NOT NULL,
    entity_version INTEGER NOT NULL,
    payload        TEXT NOT NULL CHECK (json_valid(payload)),
    created_at     TEXT NOT NULL,
    acked_at       TEXT,
    PRIMARY KEY (workstation_id, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX outbox_by_entity ON outbox (entity_id);

CREATE TRIGGER outbox_dense BEFORE INSERT ON outbox
WHEN NEW.seq <> (SELECT coalesce(max(seq), 0) + 1 FROM outbox
                 WHERE workstation_id = NEW.workstation_id)
BEGIN
    SELECT RAISE(ABORT, 'outbox seq must be the next one');
END;

CREATE TRIGGER outbox_keep_unacked BEFORE DELETE ON outbox
WHEN OLD.acked_at IS NULL
BEGIN
    SELECT RAISE(ABORT, 'outbox row not acknowledged yet');
END;

-- Append-only, hash-chained: hash = SHA-256(prev_hash || canonical row), see store/audit.rs.
-- detail is JSON without personal data.
CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
    at          TEXT NOT NULL,
    operator_id TEXT,
    action      TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id   TEXT,
    detail      TEXT NOT NULL CHECK (json_valid(detail)),
    prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash        TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Search keys (text::search_key) of the names and addresses of each request; rowid = requests.rid.
CREATE VIRTUAL TABLE request_search USING fts5 (
    names,
    addresses,
    tokenize = 'unicode61 remove_diacritics 2'
);
