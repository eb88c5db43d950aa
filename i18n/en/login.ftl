# Logging in and passwords.
login-refused = Authorisation refused: the IIN or the password is wrong.
login-locked = Too many failed attempts. Try again in { $seconds } s.
password-too-short = The password must have at least { $min } characters.
password-too-long = The password may have at most { $max } characters.
password-too-common = This password is one of the most common ones, which attackers try first. Choose another.
password-hashing = The password could not be saved. Try again; if it happens again, tell the administrator.
