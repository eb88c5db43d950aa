# Сведения, которые архивист вносит при решении по архивной справке.
counter-archival-title = Что найдено в архиве (печатается в справке)
counter-archival-findings = Сведения, например подтверждённые периоды работы и должности
counter-archival-fund = Фонд
counter-archival-inventory = Опись
counter-archival-file = Дело
counter-archival-sheets = Листы
counter-archival-findings-missing = Перед решением внесите, что найдено в архиве: это печатается в справке.
