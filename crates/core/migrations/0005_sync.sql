-- Sync with the central server: the state of each outbox operation as the app shows it, the
-- pull cursor, and server states held back while a local edit of the same entity is unsent.
-- Runs inside the migration transaction with foreign keys off (see migrate.rs): no BEGIN/COMMIT.

-- Requests and attachments pulled from the server may be written by operators of the office this
-- workstation has never seen, so their author columns no longer point at the local operators
-- table. SQLite cannot drop a constraint: the tables are rebuilt (same columns, same row keys,
-- so the search index, whose rowid is requests.rid, stays valid).
CREATE TABLE requests_0004 (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    number       TEXT UNIQUE,
    service_id   TEXT NOT NULL,
    profile      TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('office', 'con', 'portal')),
    status       TEXT NOT NULL,
    status_since TEXT NOT NULL,
    outcome      TEXT CHECK (outcome IN ('granted', 'refused')),
    version      INTEGER NOT NULL CHECK (version >= 1),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL                -- an operator of the office, maybe not local
) STRICT;

INSERT INTO requests_0004 (rid, id, number, service_id, profile, channel, status, status_since,
                           outcome, version, created_at, updated_at, created_by)
SELECT rid, id, number, service_id, profile, channel, status, status_since,
       outcome, version, created_at, updated_at, created_by
FROM requests;

DROP TABLE requests;
ALTER TABLE requests_0004 RENAME TO requests;
CREATE INDEX requests_newest ON requests (created_at DESC, id DESC);

CREATE TABLE attachments_0004 (
    id         TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests (id),
    slot       TEXT NOT NULL,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size > 0),
    media_type TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL,                 -- an operator of the office, maybe not local
    removed_at TEXT,
    removed_by TEXT                           -- likewise
) STRICT;

INSERT INTO attachments_0004 (id, request_id, slot, sha256, size, media_type, file_name,
                              added_at, added_by, removed_at, removed_by)
SELECT id, request_id, slot, sha256, size, media_type, file_name, added_at, added_by,
       removed_at, removed_by
FROM attachments;

DROP TABLE attachments;
ALTER TABLE attachments_0004 RENAME TO attachments;
CREATE INDEX attachments_by_request ON attachments (request_id);
CREATE INDEX attachments_current ON attachments (request_id) WHERE removed_at IS NULL;

-- queued: not sent yet (or sent and told to retry: sync_reason says why);
-- sending: sent, no answer yet; accepted / conflict / rejected: the server's final answer,
-- recorded together with acked_at.
ALTER TABLE outbox ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'queued'
    CHECK (sync_state IN ('queued', 'sending', 'accepted', 'conflict', 'rejected'));
ALTER TABLE outbox ADD COLUMN sync_reason TEXT;     -- an i18n key, for conflict/rejected/retry

UPDATE outbox SET sync_state = 'accepted' WHERE acked_at IS NOT NULL;

-- The outbox screen's counts, and the operations still to send, without reading every row ever
-- sent (the outbox keeps acknowledged rows for good).
CREATE INDEX outbox_by_state ON outbox (workstation_id, sync_state);
-- Replaces the pending index of 0004: ordered by seq for sending, and still covering the count.
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (workstation_id, seq) WHERE acked_at IS NULL;

-- Exactly one row once the first page was pulled: the server's change-log position this store
-- has committed up to. Written in the same transaction as the page it follows.
CREATE TABLE sync_cursor (
    singleton  INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    position   INTEGER NOT NULL CHECK (position >= 0),
    updated_at TEXT NOT NULL
) STRICT;

-- The newest server state of an entity that has unsent local edits: held here instead of
-- overwriting them, and applied once the server has settled those edits (accepted, conflict or
-- rejected).
CREATE TABLE sync_deferred (
    entity_id TEXT PRIMARY KEY NOT NULL,
    version   INTEGER NOT NULL,
    state     TEXT NOT NULL CHECK (json_valid(state))
) STRICT, WITHOUT ROWID;
