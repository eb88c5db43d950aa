## Deadlines of regulated steps and the holiday calendar behind them.

## Steps
step-intake = Құжаттарды қабылдау
step-accept = Жұмысқа қабылдау
step-decide = Шешім қабылдау
step-issue = Нәтижені беру

## Time left or overdue; days, hours and minutes are whole numbers
deadline-remaining =
    { $step ->
        [intake] Құжаттарды қабылдау
        [accept] Жұмысқа қабылдау
        [decide] Шешім қабылдау
        [issue] Нәтижені беру
       *[other] { $step }
    }: { $days ->
        [0] { $hours ->
            [0] { $minutes } мин
           *[other] { $hours } сағ { $minutes } мин
        }
       *[other] { $days } күн { $hours } сағ { $minutes } мин
    } қалды
deadline-overdue =
    { $step ->
        [intake] Құжаттарды қабылдау
        [accept] Жұмысқа қабылдау
        [decide] Шешім қабылдау
        [issue] Нәтижені беру
       *[other] { $step }
    }: мерзімнен { $days ->
        [0] { $hours ->
            [0] { $minutes } мин
           *[other] { $hours } сағ { $minutes } мин
        }
       *[other] { $days } күн { $hours } сағ { $minutes } мин
    } кешікті

## Holiday calendar file errors
calendar-csv = Мерекелер күнтізбесі, { $line }-жол: файл бүлінген (CSV пішімі дұрыс емес).
calendar-header = Мерекелер күнтізбесі: бірінші жол kind,date,name_kk,name_ru,name_en,note болуы керек.
calendar-columns = Мерекелер күнтізбесі, { $line }-жол: 6 баған керек, ал бағандар саны { $count }.
calendar-kind = Мерекелер күнтізбесі, { $line }-жол: «{ $kind }» түрі белгісіз.
calendar-date = Мерекелер күнтізбесі, { $line }-жол: «{ $value }» дұрыс күн емес (тұрақты мерекелер үшін АА-КК, қалғандары үшін ЖЖЖЖ-АА-КК).
calendar-missing-name = Мерекелер күнтізбесі, { $line }-жол: атауы қазақ, орыс және ағылшын тілдерінде көрсетілуі керек.
calendar-not-weekend = Мерекелер күнтізбесі, { $line }-жол: ауыстырылған жұмыс күні сенбіге немесе жексенбіге түсуі керек.
calendar-not-weekday = Мерекелер күнтізбесі, { $line }-жол: ауыстырылған демалыс күні дүйсенбі мен жұма аралығындағы күнге түсуі керек.
calendar-duplicate = Мерекелер күнтізбесі, { $line }-жол: бұл күн { $first }-жолда көрсетілген.
