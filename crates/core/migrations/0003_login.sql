-- Failed logins per IIN typed (known or not, so a locked account and an unknown one look alike),
-- for the growing lockout delay. A successful login deletes the row.
CREATE TABLE login_failures (
    iin          TEXT PRIMARY KEY NOT NULL,
    failures     INTEGER NOT NULL CHECK (failures >= 1),
    locked_until TEXT                              -- UTC, same format as every other time
) STRICT, WITHOUT ROWID;
