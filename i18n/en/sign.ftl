# Electronic signature (EDS): key files, NCALayer, verification.

sign-wrong-password = The password does not open this key file. Check the keyboard layout and Caps Lock, and try again.
sign-corrupt-file = The key file is damaged or is not a key file (.p12). Choose the file you received from the certification centre.
sign-no-private-key = The file holds no private key. Choose the signing key file (RSA256_…).
sign-no-certificate = The file holds no certificate for its key. Ask the certification centre for a complete key file.
sign-gost-key = This is a GOST key. For now such keys sign only through NCALayer: choose “Sign with NCALayer”.
sign-unsupported-key = This key type ({ $algorithm }) is not supported. Use an RSA key file or NCALayer.
sign-authentication-key = This is an authentication key (AUTH_RSA256_…). Choose the signing key (RSA256_…).
sign-failed = The signature could not be made. Try again; if it repeats, tell the administrator.

sign-ncalayer-not-running = NCALayer is not running. Start NCALayer and try again.
sign-ncalayer-cancelled = Signing was cancelled in NCALayer. Nothing was signed.
sign-ncalayer-wrong-key-type = In NCALayer an authentication key was chosen. Sign again and choose the signing key (RSA256_… or GOST512_…).
sign-ncalayer-timeout = NCALayer did not answer in time. Check the NCALayer window and try again.
sign-ncalayer-failed = NCALayer could not sign (code { $code }). Check the key or token and try again.
sign-ncalayer-bad-reply = NCALayer gave an unexpected answer. Restart NCALayer and try again.

sign-trust-unreadable = The trusted certificates cannot be read: { $path }.
sign-trust-bad-certificate = Not a certificate among the trusted certificates: { $path }.
sign-crl-bad = The revocation list is damaged and was not used.

sign-verdict-valid = The signature is valid.
sign-verdict-valid-with-warnings = The signature is valid, with warnings.
sign-verdict-invalid = The signature is not valid.

sign-reason-malformed = The signature is damaged or is not an electronic signature.
sign-reason-gost-unsupported = The signature was made with a GOST key; it is checked on the server.
sign-reason-unsupported-algorithm = The signature uses an algorithm that is not accepted.
sign-reason-signer-certificate-missing = The signature does not contain the signer’s certificate.
sign-reason-signed-attributes-missing = The signature lacks its signed attributes.
sign-reason-content-type-wrong = The signature covers data of an unexpected type.
sign-reason-content-digest-mismatch = The request was changed after it was signed.
sign-reason-signature-mismatch = The signature does not match the signer’s key.
sign-reason-signing-certificate-mismatch = The signature names a different certificate than the one it contains.
sign-reason-attachment-mismatch = The scan “{ $slot }” was changed after the request was signed.
sign-reason-attachment-not-signed = The scan “{ $slot }” is not among the scans the signature covers.
sign-reason-chain-incomplete = The signer’s certificate cannot be traced to a trusted certification centre.
sign-reason-chain-untrusted = The signer’s certificate was issued by a certification centre that is not trusted.
sign-reason-chain-signature-invalid = A certificate in the chain is not signed by its certification centre.
sign-reason-issuer-not-ca = A certificate in the chain was issued by a certificate that is not a certification centre.
sign-reason-expired = The signer’s certificate had expired on { $date }.
sign-reason-not-yet-valid = The signer’s certificate is valid only from { $date }.
sign-reason-issuer-outside-validity = A certification centre certificate in the chain was not valid at the signing time.
sign-reason-revoked = The signer’s certificate was revoked on { $date }.
sign-reason-no-iin = The signer’s certificate has no IIN.
sign-reason-iin-mismatch = The request was signed by someone other than the executor recorded on it.
sign-reason-crl-stale = The revocation list of “{ $issuer }” is out of date (it should have been renewed on { $date }). Synchronise to update it.
sign-reason-crl-missing = There is no revocation list of “{ $issuer }”; revocation was not checked. Synchronise to fetch it.
sign-reason-crl-unverifiable = The revocation list of “{ $issuer }” failed its check and was not used.
sign-reason-signing-time-missing = The signature states no signing time; the certificate was checked at the present time.
sign-reason-signing-time-in-future = The signing time in the signature is in the future. Check the computer’s clock.
