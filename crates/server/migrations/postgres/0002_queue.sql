-- The preschool queue (PostgreSQL). Runs inside the migration transaction.
-- The SQLite twin (migrations/sqlite/0002_queue.sql) holds the same tables and columns.
-- Dates are YYYY-MM-DD text; times are UTC RFC 3339 text with six fractional digits.

-- Groups of kindergartens and mini-centres with their places; seeded from the reference data,
-- counts kept by the administrator.
CREATE TABLE queue_groups (
    group_id          TEXT PRIMARY KEY NOT NULL,
    organisation_id   TEXT NOT NULL,
    organisation_kind TEXT NOT NULL,
    office_id         TEXT NOT NULL,
    age_min           BIGINT NOT NULL,
    age_max           BIGINT NOT NULL,
    language          TEXT NOT NULL,
    correctional      BIGINT NOT NULL,
    capacity          BIGINT NOT NULL CHECK (capacity >= 0),
    occupied          BIGINT NOT NULL CHECK (occupied >= 0),
    updated_at        TEXT NOT NULL
);
CREATE INDEX queue_groups_office ON queue_groups (office_id, group_id);

-- One row per registered preschool request: what ordering and allocation need, no names and
-- no IIN (only its SHA-256, for the position lookup).
CREATE TABLE queue_entries (
    request_id        TEXT PRIMARY KEY NOT NULL,
    office_id         TEXT NOT NULL,
    workstation_id    TEXT,
    request_number    TEXT,
    cohort            BIGINT NOT NULL,
    birth_date        TEXT NOT NULL,
    class             TEXT NOT NULL,
    applied_at        TEXT NOT NULL,  -- the time the queue orders by
    claimed_at        TEXT NOT NULL,  -- the time the workstation claimed
    received_at       TEXT NOT NULL,
    clock_flag        TEXT,           -- 'future' | 'before-previous' when claimed_at was not trusted
    language          TEXT NOT NULL,
    correctional      BIGINT NOT NULL,
    pmpk_decision     BIGINT NOT NULL,
    wishes            TEXT NOT NULL,  -- JSON array of organisation ids
    child_iin_sha256  TEXT,
    initials          TEXT NOT NULL,
    official_number   BIGINT NOT NULL,
    state             TEXT NOT NULL,
    stop_listed_until TEXT
);
CREATE INDEX queue_entries_order ON queue_entries (office_id, cohort, class, applied_at, request_id);
CREATE INDEX queue_entries_number ON queue_entries (request_number);
CREATE INDEX queue_entries_iin ON queue_entries (child_iin_sha256);

-- The latest operation time each workstation claimed, to check its clock.
CREATE TABLE queue_workstation_clock (
    workstation_id TEXT PRIMARY KEY NOT NULL,
    last_at        TEXT NOT NULL
);

-- Allocation runs with everything needed to recompute them.
CREATE TABLE queue_runs (
    id            TEXT PRIMARY KEY NOT NULL,
    office_id     TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('scheduled', 'continuous')),
    run_date      TEXT NOT NULL,
    seed          TEXT NOT NULL,          -- u64 as decimal text
    rules_version TEXT NOT NULL,
    inputs        TEXT NOT NULL,          -- JSON: applicants and group places
    result        TEXT NOT NULL,          -- JSON: the core AllocationRun
    created_by    TEXT,
    created_at    TEXT NOT NULL,
    seq           BIGINT NOT NULL UNIQUE
);
CREATE INDEX queue_runs_office ON queue_runs (office_id, seq);

CREATE TABLE queue_offers (
    id              TEXT PRIMARY KEY NOT NULL,
    run_id          TEXT,
    lease_id        TEXT,
    request_id      TEXT NOT NULL,
    office_id       TEXT NOT NULL,
    group_id        TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    class           TEXT NOT NULL,
    state           TEXT NOT NULL
                    CHECK (state IN ('offered', 'referred', 'enrolled', 'declined', 'expired',
                                     'annulled')),
    respond_by      TEXT NOT NULL,
    referral_until  TEXT,
    seq             BIGINT NOT NULL UNIQUE,
    updated_at      TEXT NOT NULL
);
CREATE INDEX queue_offers_request ON queue_offers (request_id, state);
CREATE INDEX queue_offers_group ON queue_offers (group_id, state);
CREATE INDEX queue_offers_run ON queue_offers (run_id, seq);

CREATE TABLE queue_leases (
    id             TEXT PRIMARY KEY NOT NULL,
    office_id      TEXT NOT NULL,
    workstation_id TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    returns_at     TEXT NOT NULL,
    returned       BIGINT NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
);

CREATE TABLE queue_lease_places (
    lease_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    places   BIGINT NOT NULL,
    used     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (lease_id, group_id)
);
CREATE INDEX queue_lease_places_group ON queue_lease_places (group_id);

-- Which attachment slots of a request hold a scan (privilege document, PMPK decision), kept as
-- attachments are added and removed, so registering a child reads no other request.
CREATE TABLE queue_attachments (
    attachment_id TEXT PRIMARY KEY NOT NULL,
    request_id    TEXT NOT NULL,
    slot          TEXT NOT NULL
);
CREATE INDEX queue_attachments_request ON queue_attachments (request_id);

-- Position lookups are limited per operator and minute, counted from the audit.
CREATE INDEX audit_operator_action ON audit (operator_id, action, at);
