# The queue screen at the counter: names of kindergartens and groups, answers sent to the server
# at once, and leases of vacant places for working offline.
queue-counter-group = { $name }, { $from }–{ $to } years, { $language ->
    [kk] in Kazakh
   *[ru] in Russian
}
queue-counter-offline = The last sync could not reach the server, and this needs the link. Sync again once it is back.
queue-counter-answer-on-server = The answer is recorded on the server and the queue is up to date.
queue-counter-answer-offline = The server could not be reached: the answer is recorded on this workstation and will reach the server with the next sync.
queue-counter-lease-title = Reserve places for working offline
queue-counter-lease-none-vacant = No kindergarten or mini-centre has vacant places to reserve.
queue-counter-lease-pick = Kindergarten or mini-centre
queue-counter-lease-choice = { $organisation }: { $places } vacant
queue-counter-lease-places = Places
queue-counter-lease-days = Days
queue-counter-lease-take = Reserve
queue-counter-lease-taken = { $places ->
    [one] One place is
   *[other] { $places } places are
} reserved for working offline until { $date } { $time }.
queue-counter-lease-no-organisation = Choose a kindergarten or mini-centre.
queue-counter-lease-bad-places = Enter how many places to reserve: a whole number from 1.
queue-counter-lease-bad-days = Enter for how many days: a whole number from 1.
