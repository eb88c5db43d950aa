iin-length = An IIN has 12 digits; { $count } entered.
iin-not-digits = An IIN consists of digits only.
iin-century = Digit 7 of an IIN must be from 1 to 6; { $digit } entered. Check the number against the document.
iin-birth-date = The first six digits of the IIN are not a real date of birth. Check the number against the document.
iin-no-control-digit = No IIN is issued with these digits. Check the number against the document.
iin-control-digit = The IIN has a typo: its last (check) digit does not match. Check the number against the document.
iin-mismatch-birth-date = The IIN gives the date of birth { $iin_date }, but { $entered } was entered.
iin-mismatch-sex = The IIN belongs to a person of the other sex than the one entered.
