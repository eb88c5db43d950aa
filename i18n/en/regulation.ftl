# Problems in regulation files (services as data), shown to the administrator who installs them.

regulation-io = Cannot read the regulation file { $file }: { $detail }
regulation-syntax = { $file }, line { $line }, “{ $field }”: the file cannot be read as a regulation ({ $detail }).
regulation-duplicate-field = { $file }, line { $line }: the field id “{ $field }” is used twice.
regulation-duplicate-slot = { $file }, line { $line }: the attachment id “{ $field }” is used twice.
regulation-duplicate-entry = { $file }, line { $line }: “{ $field }” is declared twice.
regulation-unknown-condition-field = { $file }, line { $line }: “{ $field }” refers to the field “{ $target }”, which the form does not have.
regulation-unknown-condition-option = { $file }, line { $line }: the condition of “{ $field }” expects “{ $option }” in the field “{ $target }”, which that field can never hold.
regulation-bad-condition = { $file }, line { $line }: the attachment “{ $field }” must have exactly one condition if it is conditional, and none otherwise.
regulation-cross-check-format = { $file }, line { $line }: the field “{ $field }” has the wrong format for this cross-check.
regulation-unknown-profile-field = { $file }, line { $line }: the profile “{ $profile }” changes the field “{ $field }”, which the form does not have.
regulation-missing-name = { $file }, line { $line }: “{ $field }” has no name in the language “{ $lang }”.
regulation-contradictory-length = { $file }, line { $line }: the length limits of “{ $field }” contradict each other or the format.
regulation-format-attribute = { $file }, line { $line }: an attribute of “{ $field }” does not fit its format (options belong to a choice, allow-local to a phone).
regulation-missing-default-profile = { $file }: the regulation has no “default” profile.
regulation-duplicate-service = { $file }, line { $line }: the service “{ $field }” is already declared in another file.
regulation-unknown-profile = The service “{ $service }” has no region profile “{ $profile }”.
