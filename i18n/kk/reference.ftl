# Анықтамалық деректер (мекемелер, мектепке дейінгі ұйымдар, топтар): CSV файлдарын оқу және импорттау.

reference-file-unreadable = { $file } анықтамалық файлын оқу мүмкін болмады: файл жоқ, ашылмайды немесе UTF-8 кодтауында жазылмаған.
reference-csv-malformed = { $file }, { $line }-жол: CSV пішімінде қате бар (тырнақшаларды тексеріңіз).
reference-missing-column = { $file }: тақырып жолында «{ $column }» бағаны жоқ.
reference-field-count = { $file }, { $line }-жол: жолда { $count } өріс бар, ал тақырыпта { $expected } баған.
reference-field-empty = { $file }, { $line }-жол, «{ $column }» бағаны: мәнді толтыру міндетті.
reference-field-slug = { $file }, { $line }-жол, «{ $column }» бағаны: «{ $value }» жарамды идентификатор емес (тек кіші латын әріптері, цифрлар және жалқы дефистер).
reference-field-kind = { $file }, { $line }-жол, «{ $column }» бағаны: «{ $value }» — белгісіз түр.
reference-field-phone = { $file }, { $line }-жол, «{ $column }» бағаны: «{ $value }» +7XXXXXXXXXX түріндегі телефон нөмірі емес.
reference-field-email = { $file }, { $line }-жол, «{ $column }» бағаны: «{ $value }» дұрыс электрондық пошта мекенжайы емес.
reference-field-postal-index = { $file }, { $line }-жол, «{ $column }» бағаны: «{ $value }» алты цифрлы пошта индексі емес.
reference-field-language = { $file }, { $line }-жол, «{ $column }» бағаны: «{ $value }» тіл коды емес (kk немесе ru).
reference-field-language-not-offered = { $file }, { $line }-жол, «{ $column }» бағаны: ұйымның тілдері арасында «{ $value }» жоқ.
reference-field-flag = { $file }, { $line }-жол, «{ $column }» бағаны: мән true немесе false болуы керек, ал «{ $value }» берілген.
reference-field-number = { $file }, { $line }-жол, «{ $column }» бағаны: «{ $value }» бүтін сан емес.
reference-field-age-range = { $file }, { $line }-жол, «{ $column }» бағаны: { $min }–{ $max } жас аралығы 0–7 жас шегінде болуы керек, төменгі шегі жоғарғысынан кіші болуы тиіс.
reference-field-capacity = { $file }, { $line }-жол, «{ $column }» бағаны: топта кемінде бір орын болуы керек.
reference-duplicate-id = { $file }, { $line }-жол: «{ $id }» идентификаторы { $first }-жолда қолданылып қойған.
reference-unknown-office = { $file }, { $line }-жол, «{ $column }» бағаны: мекемелер анықтамалығында «{ $id }» жазбасы жоқ.
reference-unknown-organisation = { $file }, { $line }-жол, «{ $column }» бағаны: ұйымдар анықтамалығында «{ $id }» жазбасы жоқ.
reference-database = Анықтамалық деректерді дерекқорға сақтау мүмкін болмады.
