# The preschool queue on the workstation: the cached queue, the queue screen, offers and
# referrals at the counter.
queue-cache-empty = The queue has not been loaded from the server on this workstation yet; connect and refresh the queue.
queue-cache-unknown-offer = This offer is not in the queue loaded on this workstation; refresh the queue.
queue-cache-unknown-lease = This workstation holds no leased place in that group.
