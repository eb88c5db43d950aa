# Подключение рабочего места к серверу (tereze connect / disconnect) и строка состояния синхронизации.

connect-usage = Подключить к серверу: tereze connect ФАЙЛ [--data-dir ПАПКА]  ·  отключить: tereze disconnect [--data-dir ПАПКА]
connect-missing-file = Укажите файл подключения: tereze connect connection.toml
connect-file-unreadable = Не удаётся прочитать файл подключения { $path }. Проверьте путь и права на чтение.
connect-file-invalid = { $path } не является файлом подключения Tereze. Попросите у администратора файл, созданный командой «tereze-server provision-workstation --out».
connect-store-failed = Не удалось сохранить подключение в { $path }. Проверьте, что в папку данных можно записывать; прежнее подключение не изменено.
connect-bad-ca = В файле подключения нет пригодного сертификата CA. Попросите у администратора новый файл; ничего не изменено.
connect-unreachable = Сервер не отвечает по этому адресу. Проверьте сеть и адрес в файле; ничего не изменено.
connect-wrong-ca = Сертификат сервера не подписан CA из файла подключения, поэтому ему нельзя доверять. Ничего не изменено; обратитесь к администратору.
connect-refused = Сервер не принял учётные данные этого рабочего места (неизвестны, отозваны или введены с ошибкой). Попросите администратора зарегистрировать рабочее место заново; ничего не изменено.
connect-update-needed = Требуется обновление: эта программа использует версию { $client } протокола синхронизации, а сервер — версию { $server }. Установите подходящую версию Tereze и подключитесь снова.
connect-workstation-in-use = На этом рабочем месте уже есть работа, сделанная под его собственным идентификатором { $id }, а в файле указан другой. Попросите администратора зарегистрировать его с «--id { $id }»; ничего не изменено.
connect-runtime = Не удалось запустить сетевую часть Tereze. Повторите попытку; если ошибка повторяется, перезагрузите компьютер.
connect-done = Подключено к { $url } как рабочее место { $workstation }. Учётные записи с сервера: добавлено { $added }, обновлено { $updated }, пропущено { $skipped }. Запустите Tereze и войдите; синхронизация пойдёт сама.
connect-disconnected = Подключение к серверу удалено. Данные на этом рабочем месте сохранены; оно работает офлайн, пока его снова не подключат.
connect-not-connected = Это рабочее место не подключено к серверу; удалять нечего.

connect-status-not-connected = Офлайн: нет подключения к серверу
connect-status-waiting = Подключено; ожидание синхронизации
connect-status-pulling = { $count ->
    [one] Синхронизация: получено { $count } изменение
    [few] Синхронизация: получено { $count } изменения
    [many] Синхронизация: получено { $count } изменений
   *[other] Синхронизация: получено { $count } изменения
}
connect-status-pushing = Синхронизация: отправлено { $done } из { $total }
connect-status-synced = Синхронизировано в { $time }
connect-status-failed = Синхронизация не удалась: { $reason }
connect-status-update-needed = Синхронизация остановлена. { $reason }
connect-sync-now = Синхронизировать (Ctrl+R)

connect-settings-heading = Сервер
connect-settings-connected = Подключено к { $url } как рабочее место { $workstation }.
connect-settings-not-connected = Не подключено: это рабочее место работает только офлайн.
connect-settings-how = Чтобы подключить или сменить сервер, администратор выполняет «tereze connect ФАЙЛ» с файлом из «tereze-server provision-workstation --out»; «tereze disconnect» удаляет подключение. После этого перезапустите Tereze.

connect-open-sync = Синхронизация и исходящие
connect-sync-heading = Синхронизация и исходящие
connect-outbox-loading = Чтение очереди исходящих…
connect-outbox-failed = Не удалось прочитать очередь исходящих. Повторите попытку; если ошибка повторяется, обратитесь к администратору.
connect-outbox-clear = Ничего не ожидает отправки: сервер принял все операции.
connect-op-save-request = Сохранена форма заявления
connect-op-set-status = Изменён статус
connect-op-add-attachment = Приложен скан
connect-op-remove-attachment = Удалён скан
connect-op-other = Операция «{ $kind }»

connect-conflicts-heading = Конфликты для руководителя отдела
connect-conflicts-loading = Запрос открытых конфликтов у сервера…
connect-conflicts-none = Открытых конфликтов нет.
connect-conflicts-failed = Не удалось прочитать или разрешить конфликты. Повторите, когда сервер будет доступен.
connect-conflicts-title = Заявление { $request }: запоздавшее изменение (операция #{ $seq }) встретило более новую версию на сервере
connect-conflicts-field = Поле
connect-conflicts-theirs = На сервере
connect-conflicts-mine = Запоздавшее изменение
connect-conflicts-keep-theirs = Оставить версию сервера
connect-conflicts-keep-mine = Оставить запоздавшее изменение
connect-conflicts-keep-mine-form-only = Так можно сохранить только форму заявления; для смены статуса оставьте версию сервера и повторите шаг.

sync-crl-store = Не удалось сохранить на этом компьютере списки отозванных сертификатов с сервера. Проверьте, что на диск можно записывать; подписи проверяются по ранее сохранённым спискам.
