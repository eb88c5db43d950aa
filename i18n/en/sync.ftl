# Synchronisation with the central server: outbox states, progress and failures.
sync-state-queued = Waiting to be sent
sync-state-sending = Sent, waiting for the server's answer
sync-state-accepted = Accepted by the server
sync-state-conflict = Conflict: changed by someone else meanwhile; both versions were kept for the head of department
sync-state-rejected = Refused by the server
sync-progress-started = Synchronising with the server…
sync-progress-pulled = { $count ->
    [one] Received { $count } change from the server
   *[other] Received { $count } changes from the server
}
sync-progress-pushed = Sent { $done } of { $total }
sync-progress-blob = Transferring scan { $index } of { $total }
sync-progress-finished = Synchronised: { $pulled } received, { $accepted } accepted, { $conflicts } conflicts, { $rejected } refused, { $waiting } still waiting.
sync-progress-next-attempt = Next attempt in { $seconds } s.
sync-address-malformed = The server address is not valid. Enter it as https://host:port.
sync-address-scheme = The server address must start with https:// (not { $scheme }://).
sync-address-plain-not-loopback = The connection to { $host } must be encrypted: use https://. Unencrypted http:// is allowed only to this computer itself.
sync-missing-ca = The project's CA certificate is not installed, so the server cannot be verified. Ask the administrator to provision the workstation again.
sync-bad-ca = The project's CA certificate file is damaged. Ask the administrator to provision the workstation again.
sync-client = The connection could not be prepared. Restart Tereze; if it repeats, call the administrator.
sync-update-needed = Update needed: this program speaks version { $client } of the sync protocol and the server speaks version { $server }. Nothing was sent; your work stays here until Tereze is updated.
sync-unauthenticated = The server does not recognise this workstation. Ask the administrator to provision it again; your work stays here.
sync-forbidden = The server refused the logged-in operator. Ask the administrator to check your account.
sync-refused = The server could not accept what was sent. Update Tereze; if it repeats, call the administrator.
sync-not-found = The server has no such item.
sync-unavailable = The server is busy or unavailable. Synchronisation will be retried automatically.
sync-timeout = The server did not answer in time. Synchronisation will be retried automatically.
sync-connection = No connection to the server. Your work is kept here and will be sent when the connection is back.
sync-tls = The server could not be verified as the project's server; nothing was sent. Call the administrator.
sync-bad-answer = The server's answer could not be read. Synchronisation will be retried automatically.
sync-blob-damaged = A scan arrived damaged and was not saved; it will be fetched again.
sync-blob-rejected = A scan stored on this computer is damaged and the server refused it. Attach the document again.
sync-stuck = The server asked to send the waiting operations again later. Synchronisation will be retried automatically.
