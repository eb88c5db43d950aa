# Synchronisation with the central server: outbox states, progress and failures.
sync-state-queued = Waiting to be sent
sync-state-sending = Sent, waiting for the server's answer
sync-state-accepted = Accepted by the server
sync-state-conflict = Conflict: changed by someone else meanwhile; both versions were kept for the head of department
sync-state-rejected = Refused by the server
