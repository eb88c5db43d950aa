# Forming the outcome documents of the other services from the request's form.
document-field-missing = The document cannot be formed: the field "{ $field }" is not filled in. Fill it in on the request and try again.
document-field-invalid = The document cannot be formed: the field "{ $field }" holds a value that cannot be printed on it. Correct it on the request.
document-period-reversed = The document cannot be formed: "{ $to }" is earlier than "{ $from }".

# Taking a request at a ЦОН.
channel-service-not-at-con = The service "{ $service }" is not provided through a ЦОН: the applicant applies at the provider's office or on the portal.
