## Request lifecycle: statuses, actions, outcomes and the preschool queue.

## Request statuses
status-draft = Черновик
status-signed = Подписано
status-registered = Поступившие
status-in-work = В работе
status-decided = Решение принято
status-result-signed = Выходной документ подписан
status-issued = Завершено, выдано
status-refused = Мотивированный отказ

## Operator actions on a request
action-sign = Подписать
action-register = Зарегистрировать
action-take-into-work = Взять в работу
action-decide = Принять решение
action-refuse = Мотивированный отказ
action-sign-result = Подписать выходной документ
action-issue = Выдать выходной документ

## Outcome of a decided request
outcome-granted = Услуга оказана
outcome-refused = Мотивированный отказ

## Flows
flow-standard = Стандартный порядок
flow-preschool-queue = Очередь в дошкольные организации

## Preschool queue entry states
queue-state-waiting = В очереди
queue-state-offered = Предложено место
queue-state-referred = Выдано направление
queue-state-enrolled = Зачислен
queue-state-stop-listed = В стоп-листе
queue-state-withdrawn = Заявление отозвано
queue-state-removed = Снят с очереди

## Preschool queue events
queue-event-offer = Предложить место
queue-event-refuse-offer = Письменный отказ от места
queue-event-offer-expired = Срок выбора истёк
queue-event-accept-offer = Письменное согласие, выдать направление
queue-event-enroll = Зачислить
queue-event-annul-referral = Аннулировать направление
queue-event-stop-list-ended = Срок стоп-листа истёк
queue-event-withdraw = Отозвать заявление
queue-event-remove = Снять с очереди

## Errors
lifecycle-transition-not-allowed =
    Действие «{ $action ->
        [sign] Подписать
        [register] Зарегистрировать
        [take-into-work] Взять в работу
        [decide] Принять решение
        [refuse] Мотивированный отказ
        [sign-result] Подписать выходной документ
        [issue] Выдать выходной документ
       *[other] { $action }
    }» недоступно: заявка в статусе «{ $from ->
        [draft] Черновик
        [signed] Подписано
        [registered] Поступившие
        [in-work] В работе
        [decided] Решение принято
        [result-signed] Выходной документ подписан
        [issued] Завершено, выдано
        [refused] Мотивированный отказ
       *[other] { $from }
    }».
queue-transition-not-allowed =
    Действие «{ $event ->
        [offer] Предложить место
        [refuse-offer] Письменный отказ от места
        [offer-expired] Срок выбора истёк
        [accept-offer] Письменное согласие, выдать направление
        [enroll] Зачислить
        [annul-referral] Аннулировать направление
        [stop-list-ended] Срок стоп-листа истёк
        [withdraw] Отозвать заявление
        [remove] Снять с очереди
       *[other] { $event }
    }» недоступно: место в очереди в состоянии «{ $from ->
        [waiting] В очереди
        [offered] Предложено место
        [referred] Выдано направление
        [enrolled] Зачислен
        [stop-listed] В стоп-листе
        [withdrawn] Заявление отозвано
        [removed] Снят с очереди
       *[other] { $from }
    }».
