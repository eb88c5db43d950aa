## Request lifecycle: statuses, actions, outcomes and the preschool queue.

## Request statuses
status-draft = Draft
status-signed = Signed
status-registered = Received
status-in-work = In work
status-decided = Decided
status-result-signed = Output document signed
status-issued = Completed, issued
status-refused = Motivated refusal

## Operator actions on a request
action-sign = Sign
action-register = Register
action-take-into-work = Take into work
action-decide = Decide
action-refuse = Motivated refusal
action-sign-result = Sign the output document
action-issue = Issue the output document

## Outcome of a decided request
outcome-granted = Service rendered
outcome-refused = Motivated refusal

## Flows
flow-standard = Standard
flow-preschool-queue = Preschool queue

## Preschool queue entry states
queue-state-waiting = In the queue
queue-state-offered = Place offered
queue-state-referred = Referral issued
queue-state-enrolled = Enrolled
queue-state-stop-listed = On the stop-list
queue-state-withdrawn = Withdrawn by the applicant
queue-state-removed = Removed from the queue

## Preschool queue events
queue-event-offer = Offer a place
queue-event-refuse-offer = Written refusal of the place
queue-event-offer-expired = Choice period expired
queue-event-accept-offer = Written consent, issue the referral
queue-event-enroll = Enrol
queue-event-annul-referral = Annul the referral
queue-event-stop-list-ended = Stop-list period over
queue-event-withdraw = Withdraw the application
queue-event-remove = Remove from the queue

## Errors
lifecycle-transition-not-allowed =
    “{ $action ->
        [sign] Sign
        [register] Register
        [take-into-work] Take into work
        [decide] Decide
        [refuse] Motivated refusal
        [sign-result] Sign the output document
        [issue] Issue the output document
       *[other] { $action }
    }” cannot be done while the request is “{ $from ->
        [draft] Draft
        [signed] Signed
        [registered] Received
        [in-work] In work
        [decided] Decided
        [result-signed] Output document signed
        [issued] Completed, issued
        [refused] Motivated refusal
       *[other] { $from }
    }”.
queue-transition-not-allowed =
    “{ $event ->
        [offer] Offer a place
        [refuse-offer] Written refusal of the place
        [offer-expired] Choice period expired
        [accept-offer] Written consent, issue the referral
        [enroll] Enrol
        [annul-referral] Annul the referral
        [stop-list-ended] Stop-list period over
        [withdraw] Withdraw the application
        [remove] Remove from the queue
       *[other] { $event }
    }” is not possible while the queue entry is “{ $from ->
        [waiting] In the queue
        [offered] Place offered
        [referred] Referral issued
        [enrolled] Enrolled
        [stop-listed] On the stop-list
        [withdrawn] Withdrawn by the applicant
        [removed] Removed from the queue
       *[other] { $from }
    }”.
