# Электрондық цифрлық қолтаңба (ЭЦҚ): кілт файлдары, NCALayer, тексеру.

sign-wrong-password = Құпиясөз бұл кілт файлына сәйкес келмейді. Пернетақта тілін және Caps Lock-ты тексеріп, қайта енгізіңіз.
sign-corrupt-file = Кілт файлы бүлінген немесе кілт файлы (.p12) емес. Куәландырушы орталықтан алған файлды таңдаңыз.
sign-no-private-key = Файлда жабық кілт жоқ. Қол қою кілтінің файлын (RSA256_…) таңдаңыз.
sign-no-certificate = Файлда кілттің сертификаты жоқ. Куәландырушы орталықтан толық кілт файлын сұраңыз.
sign-gost-key = Бұл ГОСТ кілті. Әзірге мұндай кілттермен тек NCALayer арқылы қол қоюға болады: «NCALayer арқылы қол қою» түймесін таңдаңыз.
sign-unsupported-key = Кілттің бұл түріне ({ $algorithm }) қолдау көрсетілмейді. RSA кілт файлын немесе NCALayer-ді пайдаланыңыз.
sign-authentication-key = Бұл аутентификация кілті (AUTH_RSA256_…). Қол қою кілтін (RSA256_…) таңдаңыз.
sign-failed = Қол қою мүмкін болмады. Қайталап көріңіз; қате қайталанса, әкімшіге хабарлаңыз.

sign-ncalayer-not-running = NCALayer іске қосылмаған. NCALayer-ді іске қосып, қайталап көріңіз.
sign-ncalayer-cancelled = NCALayer-де қол қою тоқтатылды. Ештеңеге қол қойылған жоқ.
sign-ncalayer-wrong-key-type = NCALayer-де аутентификация кілті таңдалды. Қайта қол қойып, қол қою кілтін (RSA256_… немесе GOST512_…) таңдаңыз.
sign-ncalayer-timeout = NCALayer уақытында жауап бермеді. NCALayer терезесін тексеріп, қайталап көріңіз.
sign-ncalayer-failed = NCALayer қол қоя алмады ({ $code } коды). Кілтті немесе токенді тексеріп, қайталап көріңіз.
sign-ncalayer-bad-reply = NCALayer күтпеген жауап берді. NCALayer-ді қайта іске қосып, қайталап көріңіз.

sign-trust-unreadable = Сенімді сертификаттарды оқу мүмкін емес: { $path }.
sign-trust-bad-certificate = Сенімді сертификаттардың арасында сертификат емес файл бар: { $path }.
sign-crl-bad = Кері қайтарылған сертификаттар тізімі бүлінген, ол пайдаланылмады.

sign-verdict-valid = Қолтаңба жарамды.
sign-verdict-valid-with-warnings = Қолтаңба жарамды, ескертулер бар.
sign-verdict-invalid = Қолтаңба жарамсыз.

sign-reason-malformed = Қолтаңба бүлінген немесе электрондық қолтаңба емес.
sign-reason-gost-unsupported = Қолтаңба ГОСТ кілтімен қойылған; ол серверде тексеріледі.
sign-reason-unsupported-algorithm = Қолтаңбада қабылданбайтын алгоритм қолданылған.
sign-reason-signer-certificate-missing = Қолтаңбада қол қоюшының сертификаты жоқ.
sign-reason-signed-attributes-missing = Қолтаңбада қол қойылған атрибуттар жоқ.
sign-reason-content-type-wrong = Қолтаңба күтпеген түрдегі деректерге қатысты.
sign-reason-content-digest-mismatch = Өтініш қол қойылғаннан кейін өзгертілген.
sign-reason-signature-mismatch = Қолтаңба қол қоюшының кілтіне сәйкес келмейді.
sign-reason-signing-certificate-mismatch = Қолтаңбада оның ішіндегі сертификат емес, басқа сертификат көрсетілген.
sign-reason-attachment-mismatch = «{ $slot }» сканы өтінішке қол қойылғаннан кейін өзгертілген.
sign-reason-attachment-not-signed = «{ $slot }» сканы қолтаңба қамтитын сканлардың қатарында жоқ.
sign-reason-chain-incomplete = Қол қоюшының сертификатын сенімді куәландырушы орталықпен байланыстыру мүмкін емес.
sign-reason-chain-untrusted = Қол қоюшының сертификатын сенімсіз куәландырушы орталық берген.
sign-reason-chain-signature-invalid = Тізбектегі сертификаттардың біріне оның куәландырушы орталығы қол қоймаған.
sign-reason-issuer-not-ca = Тізбектегі сертификаттардың бірін куәландырушы орталық емес сертификат берген.
sign-reason-expired = Қол қоюшы сертификатының мерзімі { $date } аяқталған.
sign-reason-not-yet-valid = Қол қоюшының сертификаты тек { $date } бастап жарамды.
sign-reason-issuer-outside-validity = Тізбектегі куәландырушы орталық сертификаты қол қойылған сәтте жарамсыз болған.
sign-reason-revoked = Қол қоюшының сертификаты { $date } кері қайтарылған.
sign-reason-no-iin = Қол қоюшының сертификатында ЖСН жоқ.
sign-reason-iin-mismatch = Өтінішке онда көрсетілген орындаушы емес, басқа адам қол қойған.
sign-reason-crl-stale = «{ $issuer }» кері қайтарылған сертификаттар тізімі ескірген (оны { $date } жаңарту керек еді). Синхрондауды орындаңыз.
sign-reason-crl-missing = «{ $issuer }» кері қайтарылған сертификаттар тізімі жоқ, кері қайтарылуы тексерілмеді. Синхрондауды орындаңыз.
sign-reason-crl-unverifiable = «{ $issuer }» кері қайтарылған сертификаттар тізімі тексеруден өтпеді және пайдаланылмады.
sign-reason-signing-time-missing = Қолтаңбада қол қою уақыты көрсетілмеген; сертификат қазіргі сәтке тексерілді.
sign-reason-signing-time-in-future = Қолтаңбадағы қол қою уақыты әлі келмеген. Компьютер сағатын тексеріңіз.
