# The archivist's findings for an archival certificate, entered when deciding.
counter-archival-title = What the archive found (printed on the certificate)
counter-archival-findings = Findings, e.g. periods of work and positions confirmed
counter-archival-fund = Fund
counter-archival-inventory = Inventory
counter-archival-file = File
counter-archival-sheets = Sheets
counter-archival-findings-missing = Enter what the archive found before deciding: it is printed on the certificate.
