-- The audit chain head each workstation reported last and the server acknowledged: a later
-- report must extend it (same hash at this position), otherwise the workstation's local history
-- was rewritten and the report is flagged in `audit` (action `audit-chain-rewritten`).
CREATE TABLE audit_heads (
    workstation_id TEXT PRIMARY KEY NOT NULL,
    seq            BIGINT NOT NULL,
    hash           TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
