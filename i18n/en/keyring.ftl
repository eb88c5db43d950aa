# The workstation's encryption keys, unlocked with an operator's password.
keyring-locked-out = Too many failed attempts on this workstation. Try again in { $minutes } min.
keyring-last-wrap = This is the only operator who can unlock the workstation; add another operator before removing this one.
keyring-unknown-operator = This operator cannot unlock this workstation.
keyring-damaged = The workstation's key file is damaged, so the encrypted data cannot be opened. Nothing was changed; call your administrator.
keyring-io = The workstation's key file could not be read or written. Nothing was changed; check the disk and try again.
keyring-derivation = The key could not be derived from the password. Nothing was changed; try again.
