# Справочные данные (учреждения, дошкольные организации, группы): чтение CSV-файлов и импорт.

reference-file-unreadable = Не удалось прочитать файл справочника { $file }: файла нет, он недоступен или записан не в кодировке UTF-8.
reference-csv-malformed = { $file }, строка { $line }: ошибка формата CSV (проверьте кавычки).
reference-missing-column = { $file }: в строке заголовков нет столбца «{ $column }».
reference-field-count = { $file }, строка { $line }: в строке { $count ->
    [one] { $count } поле
    [few] { $count } поля
    [many] { $count } полей
   *[other] { $count } поля
}, а в заголовке — { $expected }.
reference-field-empty = { $file }, строка { $line }, столбец «{ $column }»: значение обязательно.
reference-field-slug = { $file }, строка { $line }, столбец «{ $column }»: «{ $value }» — недопустимый идентификатор (строчные латинские буквы, цифры и одиночные дефисы).
reference-field-kind = { $file }, строка { $line }, столбец «{ $column }»: неизвестный вид «{ $value }».
reference-field-phone = { $file }, строка { $line }, столбец «{ $column }»: «{ $value }» — не номер телефона в формате +7XXXXXXXXXX.
reference-field-email = { $file }, строка { $line }, столбец «{ $column }»: «{ $value }» — неверный адрес электронной почты.
reference-field-postal-index = { $file }, строка { $line }, столбец «{ $column }»: «{ $value }» — не шестизначный почтовый индекс.
reference-field-language = { $file }, строка { $line }, столбец «{ $column }»: «{ $value }» — не код языка (kk или ru).
reference-field-language-not-offered = { $file }, строка { $line }, столбец «{ $column }»: у организации не указан язык «{ $value }».
reference-field-flag = { $file }, строка { $line }, столбец «{ $column }»: значение «{ $value }» должно быть true или false.
reference-field-number = { $file }, строка { $line }, столбец «{ $column }»: «{ $value }» — не целое число.
reference-field-age-range = { $file }, строка { $line }, столбец «{ $column }»: возрастной диапазон { $min }–{ $max } должен лежать в пределах 0–7 лет, а нижняя граница — быть меньше верхней.
reference-field-capacity = { $file }, строка { $line }, столбец «{ $column }»: в группе должно быть хотя бы одно место.
reference-duplicate-id = { $file }, строка { $line }: идентификатор «{ $id }» уже использован в строке { $first }.
reference-unknown-office = { $file }, строка { $line }, столбец «{ $column }»: в справочнике учреждений нет записи «{ $id }».
reference-unknown-organisation = { $file }, строка { $line }, столбец «{ $column }»: в справочнике организаций нет записи «{ $id }».
reference-database = Не удалось сохранить справочные данные в базу данных.
