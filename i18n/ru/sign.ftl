# Электронная цифровая подпись (ЭЦП): файлы ключей, NCALayer, проверка.

sign-wrong-password = Пароль не подходит к этому файлу ключа. Проверьте раскладку клавиатуры и Caps Lock и повторите ввод.
sign-corrupt-file = Файл ключа повреждён или не является файлом ключа (.p12). Выберите файл, полученный в удостоверяющем центре.
sign-no-private-key = В файле нет закрытого ключа. Выберите файл ключа подписи (RSA256_…).
sign-no-certificate = В файле нет сертификата для ключа. Запросите в удостоверяющем центре полный файл ключа.
sign-gost-key = Это ключ ГОСТ. Пока такие ключи подписывают только через NCALayer: выберите «Подписать через NCALayer».
sign-unsupported-key = Этот тип ключа ({ $algorithm }) не поддерживается. Используйте файл ключа RSA или NCALayer.
sign-authentication-key = Это ключ аутентификации (AUTH_RSA256_…). Выберите ключ подписи (RSA256_…).
sign-failed = Не удалось подписать. Повторите попытку; если ошибка повторится, сообщите администратору.

sign-ncalayer-not-running = NCALayer не запущен. Запустите NCALayer и повторите попытку.
sign-ncalayer-cancelled = Подписание отменено в NCALayer. Ничего не подписано.
sign-ncalayer-wrong-key-type = В NCALayer выбран ключ аутентификации. Подпишите ещё раз и выберите ключ подписи (RSA256_… или GOST512_…).
sign-ncalayer-timeout = NCALayer не ответил вовремя. Проверьте окно NCALayer и повторите попытку.
sign-ncalayer-failed = NCALayer не смог подписать (код { $code }). Проверьте ключ или токен и повторите попытку.
sign-ncalayer-bad-reply = NCALayer ответил неожиданно. Перезапустите NCALayer и повторите попытку.

sign-trust-unreadable = Не удаётся прочитать доверенные сертификаты: { $path }.
sign-trust-bad-certificate = Среди доверенных сертификатов есть файл, который не является сертификатом: { $path }.
sign-crl-bad = Список отозванных сертификатов повреждён и не использован.

sign-verdict-valid = Подпись действительна.
sign-verdict-valid-with-warnings = Подпись действительна, есть предупреждения.
sign-verdict-invalid = Подпись недействительна.

sign-reason-malformed = Подпись повреждена или не является электронной подписью.
sign-reason-gost-unsupported = Подпись сделана ключом ГОСТ; она проверяется на сервере.
sign-reason-unsupported-algorithm = В подписи использован неприемлемый алгоритм.
sign-reason-signer-certificate-missing = В подписи нет сертификата подписавшего.
sign-reason-signed-attributes-missing = В подписи нет подписанных атрибутов.
sign-reason-content-type-wrong = Подпись относится к данным неожиданного типа.
sign-reason-content-digest-mismatch = Заявление изменено после подписания.
sign-reason-signature-mismatch = Подпись не соответствует ключу подписавшего.
sign-reason-signing-certificate-mismatch = В подписи указан не тот сертификат, который в ней содержится.
sign-reason-attachment-mismatch = Скан «{ $slot }» изменён после подписания заявления.
sign-reason-attachment-not-signed = Скан «{ $slot }» не входит в число сканов, охваченных подписью.
sign-reason-chain-incomplete = Сертификат подписавшего не удаётся связать с доверенным удостоверяющим центром.
sign-reason-chain-untrusted = Сертификат подписавшего выдан недоверенным удостоверяющим центром.
sign-reason-chain-signature-invalid = Один из сертификатов цепочки не подписан своим удостоверяющим центром.
sign-reason-issuer-not-ca = Один из сертификатов цепочки выдан сертификатом, который не является удостоверяющим центром.
sign-reason-expired = Срок действия сертификата подписавшего истёк { $date }.
sign-reason-not-yet-valid = Сертификат подписавшего действует только с { $date }.
sign-reason-issuer-outside-validity = Сертификат удостоверяющего центра в цепочке не действовал в момент подписания.
sign-reason-revoked = Сертификат подписавшего отозван { $date }.
sign-reason-no-iin = В сертификате подписавшего нет ИИН.
sign-reason-iin-mismatch = Заявление подписал не тот исполнитель, который в нём указан.
sign-reason-crl-stale = Список отозванных сертификатов «{ $issuer }» устарел (его следовало обновить { $date }). Выполните синхронизацию.
sign-reason-crl-missing = Нет списка отозванных сертификатов «{ $issuer }», отзыв не проверен. Выполните синхронизацию.
sign-reason-crl-unverifiable = Список отозванных сертификатов «{ $issuer }» не прошёл проверку и не использован.
sign-reason-signing-time-missing = В подписи не указано время подписания; сертификат проверен на текущий момент.
sign-reason-signing-time-in-future = Время подписания в подписи ещё не наступило. Проверьте часы компьютера.
