# Экран очереди на приёме: названия детских садов и групп, ответы, которые сразу уходят на
# сервер, и бронь свободных мест для работы без связи.
queue-counter-group = { $name }, { $from }–{ $to } лет, { $language ->
    [kk] на казахском языке
   *[ru] на русском языке
}
queue-counter-offline = При последней синхронизации сервер был недоступен, а для этого действия нужна связь. Когда связь восстановится, синхронизируйте снова.
queue-counter-answer-on-server = Ответ записан на сервере, очередь обновлена.
queue-counter-answer-offline = Сервер недоступен: ответ записан на этом рабочем месте и уйдёт на сервер при следующей синхронизации.
queue-counter-lease-title = Забронировать места для работы без связи
queue-counter-lease-none-vacant = Ни в одном детском саду или мини-центре нет свободных мест для брони.
queue-counter-lease-pick = Детский сад или мини-центр
queue-counter-lease-choice = { $organisation }: свободных мест — { $places }
queue-counter-lease-places = Мест
queue-counter-lease-days = Дней
queue-counter-lease-take = Забронировать
queue-counter-lease-taken = { $places ->
    [one] Забронировано { $places } место
    [few] Забронировано { $places } места
    [many] Забронировано { $places } мест
   *[other] Забронировано { $places } места
} для работы без связи до { $date } { $time }.
queue-counter-lease-no-organisation = Выберите детский сад или мини-центр.
queue-counter-lease-bad-places = Укажите, сколько мест забронировать: целое число от 1.
queue-counter-lease-bad-days = Укажите, на сколько дней: целое число от 1.
