report-font-broken = The document font { $font } could not be read. Reinstall the program.
report-qr-too-long = The document's QR code could not be made: its content is too long.
report-write-failed = The PDF file of the document could not be written.
