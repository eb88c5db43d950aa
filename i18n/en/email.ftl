# E-mailing the output document to the applicant from the document screen (sent by the server).
email-address = Applicant's e-mail
email-address-placeholder = e.g. name@mail.kz
email-sending = Sending the document by e-mail…
email-sent = Document { $number } was sent to the applicant by e-mail.
email-needs-operator = Log in to send the document by e-mail.
email-unsigned = Sign the document before sending it by e-mail.
email-sign-again = The official number arrived after signing: sign the document again before sending it.
email-not-ready = Only a decided and signed result can be sent by e-mail.
email-not-on-server = This request has not reached the server yet. Sync (Ctrl+R), then send again.
email-not-issued-on-server = The server does not have the signed result yet. Sync (Ctrl+R), then send again.
