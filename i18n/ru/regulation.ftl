# Ошибки в файлах регламентов (услуги как данные); их видит администратор, который их устанавливает.

regulation-io = Не удалось прочитать файл регламента { $file }: { $detail }
regulation-syntax = { $file }, строка { $line }, «{ $field }»: файл не читается как регламент ({ $detail }).
regulation-duplicate-field = { $file }, строка { $line }: идентификатор поля «{ $field }» используется дважды.
regulation-duplicate-slot = { $file }, строка { $line }: идентификатор вложения «{ $field }» используется дважды.
regulation-duplicate-entry = { $file }, строка { $line }: «{ $field }» объявлено дважды.
regulation-unknown-condition-field = { $file }, строка { $line }: «{ $field }» ссылается на поле «{ $target }», которого нет в форме.
regulation-unknown-condition-option = { $file }, строка { $line }: условие для «{ $field }» ожидает в поле «{ $target }» значение «{ $option }», которое это поле принять не может.
regulation-bad-condition = { $file }, строка { $line }: у вложения «{ $field }» должно быть ровно одно условие, если оно условное, и ни одного в остальных случаях.
regulation-cross-check-format = { $file }, строка { $line }: формат поля «{ $field }» не подходит для этой перекрёстной проверки.
regulation-unknown-profile-field = { $file }, строка { $line }: профиль «{ $profile }» изменяет поле «{ $field }», которого нет в форме.
regulation-missing-name = { $file }, строка { $line }: для «{ $field }» не задано название на языке «{ $lang }».
regulation-contradictory-length = { $file }, строка { $line }: ограничения длины поля «{ $field }» противоречат друг другу или формату.
regulation-format-attribute = { $file }, строка { $line }: атрибут поля «{ $field }» не подходит к его формату (варианты — только для выбора, allow-local — только для телефона).
regulation-missing-default-profile = { $file }: в регламенте нет профиля «default».
regulation-duplicate-service = { $file }, строка { $line }: услуга «{ $field }» уже объявлена в другом файле.
regulation-unknown-profile = У услуги «{ $service }» нет регионального профиля «{ $profile }».
