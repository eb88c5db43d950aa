# Encryption at rest: the database and the scans are readable only after an operator logs in.
encryption-wrong-key = The workstation's database cannot be read with its key: it belongs to another workstation or is damaged. It was left untouched; call your administrator.
encryption-unencrypted = The workstation's database is not encrypted yet. Log in to encrypt it; nothing was changed.
encryption-blob-tampered = A stored scan was altered or damaged on disk and was refused. Attach it again or get it from the server.
encryption-not-set-up = No operator is set up on this workstation yet. Connect it to the server first (tereze connect), or start the demo.
encryption-opener-unreadable = The IIN and password could not be read from the standard input.
