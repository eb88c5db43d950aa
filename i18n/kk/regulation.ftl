# Регламент файлдарындағы қателер (қызметтер деректер ретінде); оларды орнататын әкімші көреді.

regulation-io = { $file } регламент файлын оқу мүмкін болмады: { $detail }
regulation-syntax = { $file }, { $line }-жол, «{ $field }»: файлды регламент ретінде оқу мүмкін емес ({ $detail }).
regulation-duplicate-field = { $file }, { $line }-жол: «{ $field }» өріс идентификаторы екі рет қолданылған.
regulation-duplicate-slot = { $file }, { $line }-жол: «{ $field }» тіркеме идентификаторы екі рет қолданылған.
regulation-duplicate-entry = { $file }, { $line }-жол: «{ $field }» екі рет жарияланған.
regulation-unknown-condition-field = { $file }, { $line }-жол: «{ $field }» нысанда жоқ «{ $target }» өрісіне сілтеме жасайды.
regulation-unknown-condition-option = { $file }, { $line }-жол: «{ $field }» шарты «{ $target }» өрісінен «{ $option }» мәнін күтеді, ал бұл өріс мұндай мән қабылдай алмайды.
regulation-bad-condition = { $file }, { $line }-жол: «{ $field }» тіркемесі шартты болса, оның дәл бір шарты болуы керек, әйтпесе шарт болмауы керек.
regulation-cross-check-format = { $file }, { $line }-жол: «{ $field }» өрісінің пішімі бұл айқас тексеруге сәйкес келмейді.
regulation-unknown-profile-field = { $file }, { $line }-жол: «{ $profile }» профилі нысанда жоқ «{ $field }» өрісін өзгертеді.
regulation-missing-name = { $file }, { $line }-жол: «{ $field }» үшін «{ $lang }» тіліндегі атауы берілмеген.
regulation-contradictory-length = { $file }, { $line }-жол: «{ $field }» өрісінің ұзындық шектеулері бір-біріне немесе пішіміне қайшы келеді.
regulation-format-attribute = { $file }, { $line }-жол: «{ $field }» өрісінің атрибуты оның пішіміне сәйкес келмейді (нұсқалар тек таңдау өрісіне, allow-local тек телефонға арналған).
regulation-missing-default-profile = { $file }: регламентте «default» профилі жоқ.
regulation-duplicate-service = { $file }, { $line }-жол: «{ $field }» қызметі басқа файлда жарияланып қойған.
regulation-unknown-profile = «{ $service }» қызметінде «{ $profile }» өңірлік профилі жоқ.
