# Мұрағаттық анықтама үшін мұрағатшы шешім қабылдағанда енгізетін мәліметтер.
counter-archival-title = Мұрағатта табылған мәліметтер (анықтамада басылады)
counter-archival-findings = Мәліметтер, мысалы расталған жұмыс кезеңдері мен лауазымдар
counter-archival-fund = Қор
counter-archival-inventory = Тізімдеме
counter-archival-file = Іс
counter-archival-sheets = Парақтар
counter-archival-findings-missing = Шешім қабылдамас бұрын мұрағатта табылған мәліметтерді енгізіңіз: олар анықтамада басылады.
