app-title = Tereze
app-tagline = Рабочее место исполнителя государственных услуг
app-offline-mode = Работа без сети, с локальной папкой данных.
app-data-folder = Папка данных: { $path }
app-requests-count = { $count ->
    [one] Сохранено { $count } заявление
    [few] Сохранено { $count } заявления
    [many] Сохранено { $count } заявлений
   *[other] Сохранено { $count } заявления
}
app-operators-count = { $count ->
    [one] { $count } пользователь
    [few] { $count } пользователя
    [many] { $count } пользователей
   *[other] { $count } пользователя
}
app-offices-count = { $count ->
    [one] { $count } организация в справочнике
    [few] { $count } организации в справочнике
    [many] { $count } организаций в справочнике
   *[other] { $count } организации в справочнике
}
app-demo-data = Демонстрационные данные: пользователи, заявления и детские сады вымышлены и служат только для обучения.
app-services-heading = Услуги
app-settings-not-saved = Язык изменён, но файл настроек сохранить не удалось.
app-window-failed = Не удалось открыть окно
args-usage = Запуск: tereze [--data-dir ПАПКА] [--demo] [--lang kk|ru|en] | --version | --help
args-unknown = Неизвестный параметр: { $option }
args-missing-value = Для параметра { $option } нужно указать значение.
args-language = Неизвестный язык «{ $value }»: укажите kk, ru или en.
startup-no-data-dir = Папка данных не указана, а домашняя папка не найдена. Запустите программу с --data-dir ПАПКА.
startup-create-data-dir = Не удалось создать папку данных { $path }. Проверьте, доступен ли диск для записи.
startup-settings-damaged = Файл настроек повреждён: используются настройки по умолчанию, сам файл не изменён.
demo-not-seeded = Не удалось добавить демонстрационные данные в эту папку данных.
app-start-failed = Не удалось запустить Tereze
app-close = Закрыть
login-heading = Вход в систему
login-iin = ИИН
login-iin-placeholder = 12 цифр
login-password = Пароль
login-submit = Войти
login-failed-internal = Не удалось проверить вход. Повторите попытку; если ошибка повторится, перезапустите программу.
home-operator = Вы вошли как: { $name }
home-log-out = Выйти
home-outbox = { $count ->
    [one] { $count } операция ожидает отправки на сервер
    [few] { $count } операции ожидают отправки на сервер
    [many] { $count } операций ожидают отправки на сервер
   *[other] { $count } операции ожидают отправки на сервер
}
inbox-heading = Заявления
inbox-search-placeholder = Поиск по ФИО, адресу или ИИН
inbox-all-statuses = Все статусы
inbox-loading = Загрузка…
inbox-empty = Подходящих заявлений нет.
inbox-failed = Не удалось прочитать заявления. Повторите попытку.
home-new-request = Новое заявление
home-pick-service = Услуга…
home-pick-profile = Правила региона…
form-back = ← Заявления
form-save = Сохранить черновик
form-saved = Черновик сохранён.
form-save-before-attaching = Сначала сохраните черновик, затем прикрепите сканы.
form-store-busy = Папка данных занята. Повторите попытку.
form-attachments = Сканированные документы
form-attach = Прикрепить…
form-slot-required = обязательно
form-slot-optional = по желанию
form-slot-conditional = обязательно в отдельных случаях
form-sex-male = Мужской
form-sex-female = Женский
form-yes = Да
form-no = Нет
login-locked-idle = Рабочее место заблокировано после периода бездействия. Введите пароль, чтобы продолжить.
login-session-expired = Рабочий сеанс длится уже 8 часов — это максимально допустимое время. Чтобы продолжить, введите пароль ещё раз; всё открытое сохранится.
home-settings = Настройки
settings-heading = Настройки
settings-server = Адрес центрального сервера
settings-server-https = Адрес сервера должен начинаться с https://.
settings-printer = Принтер
settings-printers-loading = Поиск принтеров…
settings-no-printers = На этом компьютере не настроены принтеры; документы по-прежнему можно сохранить в PDF.
settings-default-printer = Принтер по умолчанию
settings-printers-failed = Не удалось получить список принтеров.
settings-idle = Блокировать экран после стольких минут бездействия (2–15)
settings-idle-range = Укажите число минут от 2 до 15.
settings-attachment = Наибольший размер скана, МБ (1–100)
settings-attachment-range = Укажите размер от 1 до 100 МБ.
settings-save = Сохранить настройки
