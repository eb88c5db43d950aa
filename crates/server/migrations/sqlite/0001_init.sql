-- The central server's schema (SQLite). Runs inside the migration transaction.
-- Times are UTC RFC 3339 text; UUIDs are lower-case hyphenated text; JSON bodies are text.
-- The PostgreSQL twin (migrations/postgres/0001_init.sql) holds the same tables and columns.

CREATE TABLE workstations (
    id              TEXT PRIMARY KEY NOT NULL,
    office_id       TEXT NOT NULL,
    name            TEXT NOT NULL,
    credential_hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the bearer credential
    last_seq        BIGINT NOT NULL DEFAULT 0, -- the highest seq settled from this workstation
    active          BIGINT NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL
);

CREATE TABLE operators (
    id            TEXT PRIMARY KEY NOT NULL,
    iin           TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL
                  CHECK (role IN ('executor', 'con-operator', 'head', 'administrator')),
    office_id     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active        BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);

-- Every settled operation, by (workstation, seq): what became of it and what it said.
CREATE TABLE settled_ops (
    workstation_id TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    entity_id      TEXT NOT NULL,
    entity_version BIGINT NOT NULL,
    outcome        TEXT NOT NULL,
    payload        TEXT NOT NULL,
    settled_at     TEXT NOT NULL,
    PRIMARY KEY (workstation_id, seq)
);
CREATE INDEX settled_ops_entity ON settled_ops (entity_id, entity_version);

-- The current state of every entity (requests, attachments) as JSON.
CREATE TABLE entities (
    id         TEXT PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('request', 'attachment')),
    version    BIGINT NOT NULL,
    state      TEXT NOT NULL,
    office_id  TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Per office and year, the last request serial handed out.
CREATE TABLE request_numbers (
    office_id   TEXT NOT NULL,
    year        BIGINT NOT NULL,
    last_serial BIGINT NOT NULL,
    PRIMARY KEY (office_id, year)
);

-- Each change is visible to the workstations of the office that owns the entity.
CREATE TABLE change_log (
    cursor      BIGINT PRIMARY KEY NOT NULL,
    entity_id   TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    body        TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX change_log_office ON change_log (office_id, cursor);

CREATE TABLE conflicts (
    id             TEXT PRIMARY KEY NOT NULL,
    entity_id      TEXT NOT NULL,
    office_id      TEXT NOT NULL,
    base_version   BIGINT NOT NULL,
    server_version BIGINT NOT NULL,
    server_state   TEXT,
    incoming       TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    resolved_at    TEXT,
    resolved_by    TEXT
);
CREATE INDEX conflicts_open ON conflicts (office_id, resolved_at, recorded_at);

-- What the server refused or noticed; no personal data, only ids and reason keys.
CREATE TABLE audit (
    id             BIGINT PRIMARY KEY NOT NULL,
    at             TEXT NOT NULL,
    workstation_id TEXT,
    operator_id    TEXT,
    action         TEXT NOT NULL,
    entity_id      TEXT,
    reason         TEXT
);

-- Blobs whose whole content arrived and matched its SHA-256; the bytes live in the blob folder.
CREATE TABLE blobs (
    sha256    TEXT PRIMARY KEY NOT NULL,
    size      BIGINT NOT NULL,
    stored_at TEXT NOT NULL
);

CREATE TABLE reference_sets (
    version           TEXT PRIMARY KEY NOT NULL,
    offices_csv       TEXT NOT NULL,
    organisations_csv TEXT NOT NULL,
    groups_csv        TEXT NOT NULL,
    imported_at       TEXT NOT NULL,
    seq               BIGINT NOT NULL UNIQUE
);

CREATE TABLE crls (
    issuer      TEXT PRIMARY KEY NOT NULL,
    sha256      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    imported_at TEXT NOT NULL
);
