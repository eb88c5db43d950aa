# Жұмыс орнын серверге қосу (tereze connect / disconnect) және синхрондау күйінің жолы.

connect-usage = Серверге қосу: tereze connect ФАЙЛ [--data-dir ҚАЛТА]  ·  ажырату: tereze disconnect [--data-dir ҚАЛТА]
connect-missing-file = Қосылу файлын көрсетіңіз: tereze connect connection.toml
connect-file-unreadable = { $path } қосылу файлын оқу мүмкін емес. Жолды және файлды оқуға рұқсатыңыз бар-жоғын тексеріңіз.
connect-file-invalid = { $path } — Tereze қосылу файлы емес. Әкімшіден «tereze-server provision-workstation --out» жасаған файлды сұраңыз.
connect-store-failed = Қосылымды { $path } ішіне сақтау мүмкін болмады. Деректер қалтасына жазуға болатынын тексеріңіз; бұрынғы қосылым өзгерген жоқ.
connect-bad-ca = Қосылу файлында жарамды CA сертификаты жоқ. Әкімшіден жаңа файл сұраңыз; ештеңе өзгерген жоқ.
connect-unreachable = Сервер бұл мекенжай бойынша жауап бермейді. Желіні және файлдағы мекенжайды тексеріңіз; ештеңе өзгерген жоқ.
connect-wrong-ca = Сервердің сертификатына қосылу файлындағы CA қол қоймаған, сондықтан оған сенуге болмайды. Ештеңе өзгерген жоқ; әкімшіге хабарласыңыз.
connect-refused = Сервер бұл жұмыс орнының тіркелгі деректерін қабылдамады (белгісіз, кері қайтарылған немесе қате). Әкімшіден жұмыс орнын қайта тіркеуді сұраңыз; ештеңе өзгерген жоқ.
connect-update-needed = Жаңарту қажет: бұл бағдарлама синхрондау хаттамасының { $client } нұсқасын, ал сервер { $server } нұсқасын қолданады. Сәйкес Tereze нұсқасын орнатып, қайта қосылыңыз.
connect-workstation-in-use = Бұл жұмыс орнында өз { $id } идентификаторымен жасалған жұмыс бар, ал файлда ол көрсетілмеген. Әкімшіден жұмыс орнын «--id { $id }» арқылы тіркеуді сұраңыз; ештеңе өзгерген жоқ.
connect-runtime = Tereze-нің желілік бөлігі іске қосылмады. Қайталап көріңіз; қате қайталана берсе, компьютерді қайта іске қосыңыз.
connect-done = { $url } серверіне { $workstation } жұмыс орны ретінде қосылды. Сервердегі тіркелгілер: { $added } қосылды, { $updated } жаңартылды, { $skipped } алынбады. Tereze-ні іске қосып, жүйеге кіріңіз; синхрондау өздігінен жүреді.
connect-disconnected = Серверге қосылым жойылды. Осы жұмыс орнындағы деректер сақталады; қайта қосылғанша ол офлайн жұмыс істейді.
connect-not-connected = Бұл жұмыс орны серверге қосылмаған; жоятын ештеңе жоқ.

connect-status-not-connected = Офлайн: серверге қосылмаған
connect-status-waiting = Қосылған; синхрондау күтілуде
connect-status-pulling = Синхрондау: { $count } өзгеріс алынды
connect-status-pushing = Синхрондау: { $total } ішінен { $done } жіберілді
connect-status-synced = { $time } синхрондалды
connect-status-failed = Синхрондау сәтсіз аяқталды: { $reason }
connect-status-update-needed = Синхрондау тоқтады. { $reason }
connect-sync-now = Қазір синхрондау (Ctrl+R)

connect-settings-heading = Сервер
connect-settings-connected = { $url } серверіне { $workstation } жұмыс орны ретінде қосылған.
connect-settings-not-connected = Қосылмаған: бұл жұмыс орны тек офлайн жұмыс істейді.
connect-settings-how = Серверге қосу немесе оны ауыстыру үшін әкімші «tereze-server provision-workstation --out» жасаған файлмен «tereze connect ФАЙЛ» командасын орындайды; «tereze disconnect» қосылымды жояды. Содан кейін Tereze-ні қайта іске қосыңыз.

connect-open-sync = Синхрондау және шығыс кезегі
connect-sync-heading = Синхрондау және шығыс кезегі
connect-outbox-loading = Шығыс кезегі оқылуда…
connect-outbox-failed = Шығыс кезегін оқу мүмкін болмады. Қайталап көріңіз; қате қайталана берсе, әкімшіге хабарласыңыз.
connect-outbox-clear = Күтіп тұрған ештеңе жоқ: барлық операцияны сервер қабылдады.
connect-op-save-request = Өтініш нысаны сақталды
connect-op-set-status = Мәртебе өзгертілді
connect-op-add-attachment = Скан тіркелді
connect-op-remove-attachment = Скан алынып тасталды
connect-op-other = «{ $kind }» операциясы

connect-conflicts-heading = Бөлім басшысына арналған қайшылықтар
connect-conflicts-loading = Серверден ашық қайшылықтар сұралуда…
connect-conflicts-none = Ашық қайшылық жоқ.
connect-conflicts-failed = Қайшылықтарды оқу немесе шешу мүмкін болмады. Сервер қолжетімді болғанда қайталап көріңіз.
connect-conflicts-title = { $request } өтініші: кешіккен өзгеріс (#{ $seq } операция) сервердегі жаңа нұсқамен қайшы келді
connect-conflicts-field = Өріс
connect-conflicts-theirs = Серверде
connect-conflicts-mine = Кешіккен өзгеріс
connect-conflicts-keep-theirs = Сервердегі нұсқаны қалдыру
connect-conflicts-keep-mine = Кешіккен өзгерісті қалдыру
connect-conflicts-keep-mine-form-only = Бұл тәсілмен тек сақталған нысанды қалдыруға болады; мәртебе өзгерісі үшін сервердегі нұсқаны қалдырып, қадамды қайталаңыз.

sync-crl-store = Серверден келген сертификаттарды кері қайтару тізімдерін осы компьютерге сақтау мүмкін болмады. Дискіге жазуға болатынын тексеріңіз; қолтаңбалар бұрын сақталған тізімдер бойынша тексеріледі.
