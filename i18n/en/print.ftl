print-no-service = Printing is not installed on this computer (package cups-client). Save the document as PDF and print it later.
print-scheduler-not-running = The print service is not running. Save the document as PDF and print it later, or ask the administrator to start the print service.
print-no-printers = No printer is set up on this computer. Save the document as PDF and print it later.
print-unknown-printer = Printer not found: { $printer }. Save the document as PDF and print it later.
print-rejected = The printer { $printer } is not accepting documents right now. Choose another printer or save the document as PDF.
print-unknown-job = The print job { $job } was not found; the print service no longer knows it.
print-failed = The document could not be sent to the printer. Save it as PDF and print it later; if this repeats, call the administrator.
print-io = The document could not be prepared for printing. Save it as PDF and print it later.
