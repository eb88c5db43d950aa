-- The counter flow reaches the server: signatures, decisions, issued documents and survey
-- answers now travel through the outbox with the status moves they accompany, and come back
-- through pull (from this workstation or another of the office).
-- Runs inside the migration transaction: no BEGIN/COMMIT here.

-- For a result signature: the output document's content hash (the signed bytes are this text)
-- and the request number printed on the document it signed. A talon signed with the provisional
-- number is re-signed and reprinted once the official number arrives; this is how it is found.
ALTER TABLE request_signatures ADD COLUMN document_sha256 TEXT
    CHECK (document_sha256 IS NULL OR length(document_sha256) = 64);
ALTER TABLE request_signatures ADD COLUMN document_number TEXT;

-- Output documents handed to the applicant, each time one is handed (a reprinted talon again).
CREATE TABLE issued_documents (
    id             TEXT PRIMARY KEY NOT NULL,
    request_id     TEXT NOT NULL REFERENCES requests (id),
    document       TEXT NOT NULL,
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
    issued_at      TEXT NOT NULL,
    issued_by      TEXT NOT NULL
) STRICT;

CREATE INDEX issued_documents_by_request ON issued_documents (request_id, issued_at);
