app-title = Tereze
app-tagline = Мемлекеттік қызмет орындаушысының жұмыс орны
app-offline-mode = Желісіз жұмыс: деректер жергілікті қалтада сақталады.
app-data-folder = Деректер қалтасы: { $path }
app-requests-count = { $count ->
    [one] { $count } өтініш сақталған
   *[other] { $count } өтініш сақталған
}
app-operators-count = { $count ->
    [one] { $count } пайдаланушы
   *[other] { $count } пайдаланушы
}
app-offices-count = { $count ->
    [one] Анықтамалықта { $count } ұйым
   *[other] Анықтамалықта { $count } ұйым
}
app-demo-data = Демо деректер: пайдаланушылар, өтініштер мен балабақшалар ойдан алынған, тек оқу үшін арналған.
app-services-heading = Қызметтер
app-settings-not-saved = Тіл ауыстырылды, бірақ баптаулар файлын сақтау мүмкін болмады.
app-window-failed = Терезені ашу мүмкін болмады
args-usage = Іске қосу: tereze [--data-dir ҚАЛТА] [--demo] [--lang kk|ru|en] | --version | --help
args-unknown = Белгісіз параметр: { $option }
args-missing-value = { $option } параметріне мән көрсету керек.
args-language = «{ $value }» тілі белгісіз: kk, ru немесе en көрсетіңіз.
startup-no-data-dir = Деректер қалтасы көрсетілмеген, үй қалтасы табылмады. Бағдарламаны --data-dir ҚАЛТА арқылы іске қосыңыз.
startup-create-data-dir = { $path } деректер қалтасын құру мүмкін болмады. Дискіге жазуға рұқсат бар-жоғын тексеріңіз.
startup-settings-damaged = Баптаулар файлы бүлінген: әдепкі баптаулар қолданылады, файлдың өзі өзгертілмеді.
demo-not-seeded = Демо деректерді осы деректер қалтасына қосу мүмкін болмады.
app-start-failed = Tereze іске қосылмады
app-close = Жабу
login-heading = Жүйеге кіру
login-iin = ЖСН
login-iin-placeholder = 12 цифр
login-password = Құпиясөз
login-submit = Кіру
login-failed-internal = Кіруді тексеру мүмкін болмады. Қайталап көріңіз; қате қайталанса, бағдарламаны қайта іске қосыңыз.
home-operator = Жүйеге кірген: { $name }
home-log-out = Шығу
home-outbox = { $count ->
    [one] Серверге жіберуді { $count } операция күтуде
   *[other] Серверге жіберуді { $count } операция күтуде
}
inbox-heading = Өтініштер
inbox-search-placeholder = Аты-жөні, мекенжайы немесе ЖСН бойынша іздеу
inbox-all-statuses = Барлық мәртебелер
inbox-loading = Жүктелуде…
inbox-empty = Сәйкес өтініштер жоқ.
inbox-failed = Өтініштерді оқу мүмкін болмады. Қайталап көріңіз.
home-new-request = Жаңа өтініш
home-pick-service = Қызмет…
home-pick-profile = Өңір ережелері…
form-back = ← Өтініштер
form-save = Жобаны сақтау
form-saved = Жоба сақталды.
form-save-before-attaching = Алдымен жобаны сақтаңыз, содан кейін скан-көшірмелерді тіркеңіз.
form-store-busy = Деректер қалтасы бос емес. Қайталап көріңіз.
form-attachments = Сканерленген құжаттар
form-attach = Тіркеу…
form-slot-required = міндетті
form-slot-optional = қалауы бойынша
form-slot-conditional = кейбір жағдайларда міндетті
form-sex-male = Ер
form-sex-female = Әйел
form-yes = Иә
form-no = Жоқ
login-locked-idle = Әрекетсіз уақыттан кейін жұмыс орны бұғатталды. Жалғастыру үшін құпиясөзді енгізіңіз.
login-session-expired = Жұмыс сеансы рұқсат етілген ең ұзақ уақытқа — 8 сағатқа жетті. Жалғастыру үшін құпиясөзді қайта енгізіңіз; ашылған ештеңе жоғалмайды.
home-settings = Баптаулар
settings-heading = Баптаулар
settings-server = Орталық сервердің мекенжайы
settings-server-https = Сервер мекенжайы https:// деп басталуы керек.
settings-printer = Принтер
settings-printers-loading = Принтерлер ізделуде…
settings-no-printers = Бұл компьютерде принтер бапталмаған; құжаттарды бұрынғыдай PDF ретінде сақтауға болады.
settings-default-printer = Әдепкі принтер
settings-printers-failed = Принтерлер тізімін алу мүмкін болмады.
settings-idle = Әрекетсіздіктің осынша минутынан кейін экранды бұғаттау (2–15)
settings-idle-range = 2-ден 15-ке дейінгі минут санын енгізіңіз.
settings-attachment = Сканның ең үлкен өлшемі, МБ (1–100)
settings-attachment-range = 1-ден 100 МБ-қа дейінгі өлшемді енгізіңіз.
settings-save = Баптауларды сақтау
