-- The office's preschool queue as the server last showed it to this workstation (a snapshot
-- taken at sync or on a queue refresh): the queue screen reads it, and a referral issued offline
-- against one of this workstation's leases is checked on it. Every table is replaced as a whole
-- by each refresh; an answer or an offline referral made here updates it until the next one.
-- No names and no IINs: initials as on the published lists.

CREATE TABLE queue_cache_state (
    singleton     INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    taken_at      TEXT NOT NULL,    -- the server's time of the snapshot
    server_today  TEXT NOT NULL,    -- the server's date in Kazakhstan then
    rules_version TEXT NOT NULL,
    refreshed_at  TEXT NOT NULL     -- this workstation's time of the refresh
) STRICT;

CREATE TABLE queue_cache_entries (
    request_id        TEXT PRIMARY KEY NOT NULL,
    request_number    TEXT,
    cohort            INTEGER NOT NULL,
    position          INTEGER NOT NULL,
    class             TEXT NOT NULL,
    state             TEXT NOT NULL,
    applied_at        TEXT NOT NULL,
    birth_date        TEXT NOT NULL,
    language          TEXT NOT NULL,
    correctional      INTEGER NOT NULL,
    pmpk_decision     INTEGER NOT NULL,
    wishes            TEXT NOT NULL,  -- JSON array of organisation ids
    initials          TEXT NOT NULL,
    stop_listed_until TEXT
) STRICT;
CREATE INDEX queue_cache_entries_order ON queue_cache_entries (cohort, position);

CREATE TABLE queue_cache_offers (
    offer_id        TEXT PRIMARY KEY NOT NULL,
    run_id          TEXT,
    request_id      TEXT NOT NULL,
    class           TEXT NOT NULL,
    group_id        TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    state           TEXT NOT NULL,
    respond_by      TEXT NOT NULL,
    referral_until  TEXT,
    seq             INTEGER NOT NULL  -- the order the server listed them in
) STRICT;
CREATE INDEX queue_cache_offers_request ON queue_cache_offers (request_id);

CREATE TABLE queue_cache_groups (
    group_id          TEXT PRIMARY KEY NOT NULL,
    organisation_id   TEXT NOT NULL,
    organisation_kind TEXT NOT NULL,
    office_id         TEXT NOT NULL,
    age_min           INTEGER NOT NULL,
    age_max           INTEGER NOT NULL,
    language          TEXT NOT NULL,
    correctional      INTEGER NOT NULL,
    capacity          INTEGER NOT NULL,
    occupied          INTEGER NOT NULL,
    reserved          INTEGER NOT NULL,
    vacant            INTEGER NOT NULL
) STRICT;

CREATE TABLE queue_cache_leases (
    lease_id   TEXT PRIMARY KEY NOT NULL,
    expires_at TEXT NOT NULL,
    returns_at TEXT NOT NULL
) STRICT;

CREATE TABLE queue_cache_lease_places (
    lease_id        TEXT NOT NULL REFERENCES queue_cache_leases (lease_id) ON DELETE CASCADE,
    group_id        TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    places          INTEGER NOT NULL CHECK (places >= 0),
    used            INTEGER NOT NULL CHECK (used >= 0 AND used <= places),
    PRIMARY KEY (lease_id, group_id)
) STRICT;

CREATE TABLE queue_cache_runs (
    run_id   TEXT PRIMARY KEY NOT NULL,
    kind     TEXT NOT NULL,
    run_date TEXT NOT NULL,
    offers   INTEGER NOT NULL,
    seq      INTEGER NOT NULL  -- 0 for the newest
) STRICT;

-- What the archive found for an archival certificate, entered by the archivist when deciding
-- and printed on the certificate: the findings text and the archive references (fund,
-- inventory, file, sheets) as a JSON array.
CREATE TABLE archival_findings (
    request_id  TEXT PRIMARY KEY NOT NULL REFERENCES requests (id),
    findings    TEXT NOT NULL,
    refs        TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;
