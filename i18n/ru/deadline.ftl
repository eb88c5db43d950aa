## Deadlines of regulated steps and the holiday calendar behind them.

## Steps
step-intake = Приём документов
step-accept = Принятие в работу
step-decide = Принятие решения
step-issue = Выдача результата

## Time left or overdue; days, hours and minutes are whole numbers
deadline-remaining =
    { $step ->
        [intake] Приём документов
        [accept] Принятие в работу
        [decide] Принятие решения
        [issue] Выдача результата
       *[other] { $step }
    }: осталось { $days ->
        [0] { $hours ->
            [0] { $minutes } мин
           *[other] { $hours } ч { $minutes } мин
        }
       *[other] { $days } дн. { $hours } ч { $minutes } мин
    }
deadline-overdue =
    { $step ->
        [intake] Приём документов
        [accept] Принятие в работу
        [decide] Принятие решения
        [issue] Выдача результата
       *[other] { $step }
    }: просрочено на { $days ->
        [0] { $hours ->
            [0] { $minutes } мин
           *[other] { $hours } ч { $minutes } мин
        }
       *[other] { $days } дн. { $hours } ч { $minutes } мин
    }

## Holiday calendar file errors
calendar-csv = Календарь праздников, строка { $line }: файл повреждён (неверный формат CSV).
calendar-header = Календарь праздников: первая строка должна быть kind,date,name_kk,name_ru,name_en,note.
calendar-columns = Календарь праздников, строка { $line }: нужно 6 столбцов, а их { $count }.
calendar-kind = Календарь праздников, строка { $line }: неизвестный вид «{ $kind }».
calendar-date = Календарь праздников, строка { $line }: «{ $value }» — неверная дата (ММ-ДД для постоянных праздников, ГГГГ-ММ-ДД для остальных).
calendar-missing-name = Календарь праздников, строка { $line }: нужно указать названия на казахском, русском и английском языках.
calendar-not-weekend = Календарь праздников, строка { $line }: перенесённый рабочий день должен приходиться на субботу или воскресенье.
calendar-not-weekday = Календарь праздников, строка { $line }: перенесённый выходной день должен приходиться на будний день.
calendar-duplicate = Календарь праздников, строка { $line }: этот день уже указан в строке { $first }.
