# Field validation (ФЛК) messages shown next to a form field or attachment.

flk-mandatory-missing = This field is mandatory.
flk-unknown-field = The form has no such field; the value was not accepted.
flk-attachment-missing = This document must be attached.
flk-unknown-attachment = The form has no place for this document.

phone-empty = Enter the phone number.
phone-invalid-character = A phone number can contain only digits, spaces, brackets, hyphens and a leading +; found “{ $char }”.
phone-too-long = A phone number has at most { $max } digits; this one has { $count }.
phone-wrong-length = A phone number cannot have { $count ->
        [one] { $count } digit
       *[other] { $count } digits
    }: enter 10 or 11 digits with the area code.
phone-local-not-allowed = Enter the full number with the area code, e.g. 8 7252 30-06-79.
phone-bad-prefix = An 11-digit number starts with 8 or 7.

postal-not-digits = A postal index contains only digits.
postal-length = A postal index has 6 digits; { $count } entered.

digits-not-digits = Only digits are allowed here.

length-exact = Must be exactly { $expected } characters long; { $count } entered.
length-too-short = Must be at least { $min } characters long; { $count } entered.
length-too-long = Must be at most { $max } characters long; { $count } entered.

email-invalid = This is not an e-mail address (example: name@mail.kz).

date-format = Write the date as dd.mm.yyyy, e.g. 08.03.2021.
date-not-real = There is no such date.

name-invalid-character = A name can contain only letters, a hyphen, an apostrophe and spaces; found “{ $char }”.
name-no-letters = A name must contain letters.
name-mixed-script = Check the keyboard layout: “{ $words }” mixes Cyrillic and Latin letters.

text-control-character = The text contains an invisible control character; please retype it.

choice-not-an-option = Choose one of the listed options.
choice-not-yes-no = Answer yes or no.
choice-not-sex = Choose male or female.
