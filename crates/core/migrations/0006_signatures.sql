-- The counter flow on the workstation: the ЭЦП signatures kept with each request (the request's
-- own and its output document's), the provisional number given at offline registration, the
-- decision's details (which outcome document, and for a refusal its ground), the documents handed
-- out and the quality survey answered at issue.
-- Runs inside the migration transaction: no BEGIN/COMMIT here.
--
-- The sync protocol carries none of these yet: they stay on the workstation (the status moves
-- they accompany do travel through the outbox).

-- A local registration number, shown (marked provisional) until sync brings the server's
-- official one into requests.number. Unique per workstation: 'П-<year>-<workstation>-<serial>'.
ALTER TABLE requests ADD COLUMN provisional_number TEXT;
CREATE UNIQUE INDEX requests_provisional_number ON requests (provisional_number)
    WHERE provisional_number IS NOT NULL;

-- One row per signature put on a request (kind 'request') or on its output document
-- (kind 'result'). cms is the detached CMS SignedData; content_sha256 the hash of the bytes it
-- signs (the canonical request bytes, or the document's content hash). The verdict is the one
-- found when the signature was made; an invalid signature is never stored.
CREATE TABLE request_signatures (
    id              TEXT PRIMARY KEY NOT NULL,
    request_id      TEXT NOT NULL REFERENCES requests (id),
    request_version INTEGER NOT NULL CHECK (request_version >= 1),
    kind            TEXT NOT NULL CHECK (kind IN ('request', 'result')),
    cms             BLOB NOT NULL,
    content_sha256  TEXT NOT NULL CHECK (length(content_sha256) = 64),
    signer_subject  TEXT NOT NULL,
    signer_iin      TEXT NOT NULL CHECK (length(signer_iin) = 12),
    serial          TEXT NOT NULL,
    signed_at       TEXT NOT NULL,
    verdict         TEXT NOT NULL CHECK (verdict IN ('valid', 'valid-with-warnings')),
    operator_id     TEXT NOT NULL
) STRICT;

CREATE INDEX request_signatures_by_request ON request_signatures (request_id, kind, signed_at);

-- The decision: the regulation's outcome document, and a refusal's ground (an id of the app's
-- list of grounds, with the legal basis it cites).
CREATE TABLE request_decisions (
    request_id  TEXT PRIMARY KEY NOT NULL REFERENCES requests (id),
    outcome_id  TEXT NOT NULL,
    ground_id   TEXT,
    decided_at  TEXT NOT NULL,
    decided_by  TEXT NOT NULL
) STRICT;

-- The quality survey offered at issue (002:L1102-1125): two questions on a 3-point scale
-- (1 not satisfied, 2 partially, 3 satisfied). Anonymous: no applicant data.
CREATE TABLE quality_surveys (
    request_id  TEXT PRIMARY KEY NOT NULL REFERENCES requests (id),
    office_id   TEXT NOT NULL,
    process     INTEGER NOT NULL CHECK (process BETWEEN 1 AND 3),
    information INTEGER NOT NULL CHECK (information BETWEEN 1 AND 3),
    answered_at TEXT NOT NULL
) STRICT;

-- The preschool queue as this workstation knows it: a child registered here waits in its age
-- cohort from the application time. The official queue number comes from the server; until
-- then the talon is provisional.
CREATE TABLE queue_entries (
    request_id      TEXT PRIMARY KEY NOT NULL REFERENCES requests (id),
    cohort          INTEGER NOT NULL,
    category        TEXT NOT NULL,
    applied_at      TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'waiting',
    official_number INTEGER CHECK (official_number >= 1)
) STRICT;

CREATE INDEX queue_entries_by_cohort ON queue_entries (cohort, applied_at);
