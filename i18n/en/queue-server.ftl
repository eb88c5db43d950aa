# The preschool queue on the central server: groups, runs, offers, leases, the position lookup,
# and the workstation's own check before it issues a referral offline.
queue-server-admin-only = Only an administrator may change groups and their places.
queue-server-not-permitted = Your role does not allow this step in the preschool queue.
queue-server-unknown-organisation = There is no such kindergarten or mini-centre in this office's reference data.
queue-server-group-exists = A group with this code exists already.
queue-server-bad-group = The group is not valid: check the age band (from below to, at most 7 years) and the language (kk or ru).
queue-server-bad-counts = The places do not add up: occupied and reserved places cannot exceed the capacity.
queue-server-offer-not-open = This offer can no longer be answered this way: it was answered already, or its period is over.
queue-server-rules-changed = The run was made under other queue rules than the server applies now, so it cannot be recomputed here.
queue-server-bad-lease = A lease runs for 1 to 30 days and asks for at least one place in each organisation named.
queue-server-no-vacant-places = None of the organisations named has a vacant place to lease.
queue-server-lease-not-yours = This lease belongs to another workstation.
queue-server-lease-expired = The referral was issued after the lease expired, or its places have returned to the queue.
queue-server-lease-no-place = The lease has no unused place left in that group.
queue-server-not-waiting = The child is not waiting in the queue (already offered a place, referred, stop-listed or out of the queue).
queue-server-does-not-fit = This group does not fit the child (age, language of instruction, correctional group or the organisations asked for).
queue-server-lookup-key = Give either the request number or the child's IIN, not both.
queue-server-bad-iin = The child's IIN is not valid.
queue-offline-lease-expired = The lease on these places has expired; sync with the server before issuing the referral.
queue-offline-no-place = All leased places of this group are used.
queue-offline-not-waiting = The child is not waiting in the queue.
queue-offline-does-not-fit = This group does not fit the child.
queue-offline-not-next = Another child comes first in the queue for this place.
queue-server-unknown-step = The server has no such offer or lease at this office; the step was not recorded.
queue-server-too-many-lookups = Too many queue lookups in the last minute; wait a minute and try again.
