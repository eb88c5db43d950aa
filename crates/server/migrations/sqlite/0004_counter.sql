-- The counter flow's records pushed by the workstations: the ЭЦП signatures on requests and on
-- their output documents, the decisions, the documents handed out and the anonymous quality
-- survey. Each row is written once, under the id the workstation made; `body` is the record as
-- it was pushed (JSON; a signature's CMS as hex), and goes back out through the change log.
-- The other backend's twin holds the same tables and columns.

CREATE TABLE request_signatures (
    id             TEXT PRIMARY KEY NOT NULL,
    request_id     TEXT NOT NULL,
    office_id      TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('request', 'result')),
    content_sha256 TEXT NOT NULL,
    signer_iin     TEXT NOT NULL,
    serial         TEXT NOT NULL,
    signed_at      TEXT NOT NULL,
    operator_id    TEXT NOT NULL,
    workstation_id TEXT NOT NULL,
    body           TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX request_signatures_request ON request_signatures (request_id, signed_at);

CREATE TABLE request_decisions (
    id             TEXT PRIMARY KEY NOT NULL,
    request_id     TEXT NOT NULL,
    office_id      TEXT NOT NULL,
    outcome_id     TEXT NOT NULL,
    ground_id      TEXT,
    decided_at     TEXT NOT NULL,
    operator_id    TEXT NOT NULL,
    workstation_id TEXT NOT NULL,
    body           TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX request_decisions_request ON request_decisions (request_id, decided_at);

CREATE TABLE issued_documents (
    id             TEXT PRIMARY KEY NOT NULL,
    request_id     TEXT NOT NULL,
    office_id      TEXT NOT NULL,
    document       TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    operator_id    TEXT NOT NULL,
    workstation_id TEXT NOT NULL,
    body           TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX issued_documents_request ON issued_documents (request_id, issued_at);

-- Anonymous: the office and the answers, never the request or the applicant.
CREATE TABLE survey_answers (
    id          TEXT PRIMARY KEY NOT NULL,
    office_id   TEXT NOT NULL,
    process     BIGINT NOT NULL CHECK (process BETWEEN 1 AND 3),
    information BIGINT NOT NULL CHECK (information BETWEEN 1 AND 3),
    answered_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX survey_answers_office ON survey_answers (office_id, answered_at);
