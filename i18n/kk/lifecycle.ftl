## Request lifecycle: statuses, actions, outcomes and the preschool queue.

## Request statuses
status-draft = Жоба
status-signed = Қол қойылды
status-registered = Келіп түскендер
status-in-work = Жұмыста
status-decided = Шешім қабылданды
status-result-signed = Шығыс құжатына қол қойылды
status-issued = Орындалды, берілді
status-refused = Дәлелді бас тарту

## Operator actions on a request
action-sign = Қол қою
action-register = Тіркеу
action-take-into-work = Жұмысқа алу
action-decide = Шешім қабылдау
action-refuse = Дәлелді бас тарту
action-sign-result = Шығыс құжатына қол қою
action-issue = Шығыс құжатын беру

## Outcome of a decided request
outcome-granted = Қызмет көрсетілді
outcome-refused = Дәлелді бас тарту

## Flows
flow-standard = Стандартты тәртіп
flow-preschool-queue = Мектепке дейінгі ұйымдарға кезек

## Preschool queue entry states
queue-state-waiting = Кезекте
queue-state-offered = Орын ұсынылды
queue-state-referred = Жолдама берілді
queue-state-enrolled = Мектепке дейінгі ұйымға қабылданды
queue-state-stop-listed = Стоп-парақта
queue-state-withdrawn = Өтініш кері қайтарып алынды
queue-state-removed = Кезектен шығарылды

## Preschool queue events
queue-event-offer = Орын ұсыну
queue-event-refuse-offer = Орыннан жазбаша бас тарту
queue-event-offer-expired = Таңдау мерзімі өтті
queue-event-accept-offer = Жазбаша келісім, жолдама беру
queue-event-enroll = Қабылдау
queue-event-annul-referral = Жолдаманың күшін жою
queue-event-stop-list-ended = Стоп-парақ мерзімі аяқталды
queue-event-withdraw = Өтінішті кері қайтарып алу
queue-event-remove = Кезектен шығару

## Errors
lifecycle-transition-not-allowed =
    «{ $action ->
        [sign] Қол қою
        [register] Тіркеу
        [take-into-work] Жұмысқа алу
        [decide] Шешім қабылдау
        [refuse] Дәлелді бас тарту
        [sign-result] Шығыс құжатына қол қою
        [issue] Шығыс құжатын беру
       *[other] { $action }
    }» әрекеті қолжетімсіз: өтінім «{ $from ->
        [draft] Жоба
        [signed] Қол қойылды
        [registered] Келіп түскендер
        [in-work] Жұмыста
        [decided] Шешім қабылданды
        [result-signed] Шығыс құжатына қол қойылды
        [issued] Орындалды, берілді
        [refused] Дәлелді бас тарту
       *[other] { $from }
    }» мәртебесінде.
queue-transition-not-allowed =
    «{ $event ->
        [offer] Орын ұсыну
        [refuse-offer] Орыннан жазбаша бас тарту
        [offer-expired] Таңдау мерзімі өтті
        [accept-offer] Жазбаша келісім, жолдама беру
        [enroll] Қабылдау
        [annul-referral] Жолдаманың күшін жою
        [stop-list-ended] Стоп-парақ мерзімі аяқталды
        [withdraw] Өтінішті кері қайтарып алу
        [remove] Кезектен шығару
       *[other] { $event }
    }» әрекеті қолжетімсіз: кезектегі орын «{ $from ->
        [waiting] Кезекте
        [offered] Орын ұсынылды
        [referred] Жолдама берілді
        [enrolled] Мектепке дейінгі ұйымға қабылданды
        [stop-listed] Стоп-парақта
        [withdrawn] Өтініш кері қайтарып алынды
        [removed] Кезектен шығарылды
       *[other] { $from }
    }» күйінде.
