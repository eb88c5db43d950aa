-- What this workstation took from or had acknowledged by the server.
--
-- The version (SHA-256) of the reference data last taken from the server. Written in the same
-- transaction as the rows it describes; once present, the reference data is the server's and
-- the copy shipped with the program no longer overwrites it at start-up.
CREATE TABLE server_reference (
    singleton   INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    version     TEXT NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;

-- The audit row the server acknowledged last as this workstation's chain head. Each sync sends
-- the hash the chain has at this position now, so the server notices a rewritten history.
CREATE TABLE audit_acknowledged (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    seq       INTEGER NOT NULL CHECK (seq >= 0)
) STRICT;
