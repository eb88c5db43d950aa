# Reference data (offices, preschool organisations, groups): reading the CSV files and importing them.

reference-file-unreadable = Cannot read the reference file { $file }: it is missing, cannot be opened or is not UTF-8 text.
reference-csv-malformed = { $file }, line { $line }: the CSV is malformed (check the quotation marks).
reference-missing-column = { $file }: the header row has no column "{ $column }".
reference-field-count = { $file }, line { $line }: the row has { $count ->
    [one] { $count } field
   *[other] { $count } fields
} but the header has { $expected }.
reference-field-empty = { $file }, line { $line }, column "{ $column }": a value is required.
reference-field-slug = { $file }, line { $line }, column "{ $column }": "{ $value }" is not a valid identifier (lower-case Latin letters, digits and single hyphens).
reference-field-kind = { $file }, line { $line }, column "{ $column }": "{ $value }" is not a known kind.
reference-field-phone = { $file }, line { $line }, column "{ $column }": "{ $value }" is not a phone number of the form +7XXXXXXXXXX.
reference-field-email = { $file }, line { $line }, column "{ $column }": "{ $value }" is not a valid e-mail address.
reference-field-postal-index = { $file }, line { $line }, column "{ $column }": "{ $value }" is not a six-digit postal index.
reference-field-language = { $file }, line { $line }, column "{ $column }": "{ $value }" is not a language code (kk or ru).
reference-field-language-not-offered = { $file }, line { $line }, column "{ $column }": the organisation does not list the language "{ $value }".
reference-field-flag = { $file }, line { $line }, column "{ $column }": "{ $value }" must be true or false.
reference-field-number = { $file }, line { $line }, column "{ $column }": "{ $value }" is not a whole number.
reference-field-age-range = { $file }, line { $line }, column "{ $column }": the age band { $min }–{ $max } must lie within 0–7 years, with the lower bound below the upper one.
reference-field-capacity = { $file }, line { $line }, column "{ $column }": the capacity must be at least one place.
reference-duplicate-id = { $file }, line { $line }: the identifier "{ $id }" is already used on line { $first }.
reference-unknown-office = { $file }, line { $line }, column "{ $column }": there is no office with the identifier "{ $id }".
reference-unknown-organisation = { $file }, line { $line }, column "{ $column }": there is no organisation with the identifier "{ $id }".
reference-database = The reference data could not be saved to the database.
