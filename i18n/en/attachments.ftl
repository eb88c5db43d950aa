# Attaching, previewing, replacing and removing scans on the request form.
store-attachment-not-found = This scan is no longer attached to the request.
form-drop-hint = You can also drag scans onto the window: they go to the marked document.
form-drop-release = Release the mouse button to attach to: { $slot }
form-drop-target = ✓ Dropped files go here
form-drop-choose = Drop files here
form-attachment-size = { $kib } KB
form-remove = Remove
form-replace = Replace…
form-remove-confirm = Remove this scan from the request?
form-remove-yes = Yes, remove
form-remove-no = Keep it
form-attachment-removed = Scan removed. It stays in the request's history.
form-attachment-replaced = Scan replaced.
preview-loading = Preparing preview…
preview-close = Close preview
preview-too-many-pixels = { $megapixels ->
    [one] The image has { $megapixels } megapixel; previews stop at { $limit }. The scan is attached all the same.
   *[other] The image has { $megapixels } megapixels; previews stop at { $limit }. The scan is attached all the same.
}
preview-undecodable = This image cannot be shown. The scan is attached all the same.
preview-needs-poppler = Preview unavailable — install poppler-utils to see PDF pages.
preview-pdf-failed = The PDF pages could not be drawn. The scan is attached all the same.
preview-timed-out = Drawing the PDF took too long and was stopped.
preview-unreadable = The stored scan could not be read.
