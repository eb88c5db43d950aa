-- An attachment taken off a request is marked, never deleted: its row, its content-addressed
-- blob and the operation that added it stay, so the server and the audit log can follow what
-- happened. Only rows with removed_at IS NULL belong to the request's file.
ALTER TABLE attachments ADD COLUMN removed_at TEXT;
ALTER TABLE attachments ADD COLUMN removed_by TEXT REFERENCES operators (id);

CREATE INDEX attachments_current ON attachments (request_id) WHERE removed_at IS NULL;

-- The start screen shows how many operations wait for the server on every inbox read; this
-- index holds only those and covers the count, so it never reads the payloads.
CREATE INDEX outbox_pending ON outbox (workstation_id, acked_at) WHERE acked_at IS NULL;
