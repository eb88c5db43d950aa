## Deadlines of regulated steps and the holiday calendar behind them.

## Steps
step-intake = Intake of documents
step-accept = Acceptance into work
step-decide = Decision
step-issue = Issue of the result

## Time left or overdue; days, hours and minutes are whole numbers
deadline-remaining =
    { $step ->
        [intake] Intake of documents
        [accept] Acceptance into work
        [decide] Decision
        [issue] Issue of the result
       *[other] { $step }
    }: { $days ->
        [0] { $hours ->
            [0] { $minutes } min
           *[other] { $hours } h { $minutes } min
        }
       *[other] { $days } d { $hours } h { $minutes } min
    } left
deadline-overdue =
    { $step ->
        [intake] Intake of documents
        [accept] Acceptance into work
        [decide] Decision
        [issue] Issue of the result
       *[other] { $step }
    }: overdue by { $days ->
        [0] { $hours ->
            [0] { $minutes } min
           *[other] { $hours } h { $minutes } min
        }
       *[other] { $days } d { $hours } h { $minutes } min
    }

## Holiday calendar file errors
calendar-csv = Holiday calendar, line { $line }: the file is damaged (not valid CSV).
calendar-header = Holiday calendar: the first line must be kind,date,name_kk,name_ru,name_en,note.
calendar-columns = Holiday calendar, line { $line }: 6 columns are needed, found { $count }.
calendar-kind = Holiday calendar, line { $line }: unknown kind “{ $kind }”.
calendar-date = Holiday calendar, line { $line }: “{ $value }” is not a valid date (MM-DD for fixed holidays, YYYY-MM-DD otherwise).
calendar-missing-name = Holiday calendar, line { $line }: the Kazakh, Russian and English names are all required.
calendar-not-weekend = Holiday calendar, line { $line }: a transferred working day must be a Saturday or Sunday.
calendar-not-weekday = Holiday calendar, line { $line }: a transferred day off must be a weekday.
calendar-duplicate = Holiday calendar, line { $line }: this day is already listed on line { $first }.
