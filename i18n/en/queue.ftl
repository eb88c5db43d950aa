# The preschool queue: rules and allocation runs.
queue-rules-parse = The queue rules file { $file } cannot be read: { $message }
queue-rules-invalid = The queue rules file { $file } has a rule that cannot be applied: { $what }
queue-frozen = No places are offered during the transfer between age groups.
