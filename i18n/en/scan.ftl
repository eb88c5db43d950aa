# Hostile-file checks on attached scans. Nothing is stored when one of these is shown.
scan-too-many-pixels = This image has { $megapixels } megapixels; at most { $limit } are accepted. Scan it again at a lower resolution (300 dpi is enough).
scan-truncated = The file is cut short: it ends before the end of the image or document. Copy or scan it again.
scan-trailing-data = Another file is glued to the end of this one. It was not attached; scan the document again.
scan-damaged = The file is damaged and cannot be attached. Scan the document again.
scan-decompression-bomb = This PDF unpacks to far more data than a scanned document can hold and was refused as unsafe. Scan the document again.
scan-active-content = This PDF contains scripts, actions or embedded files and was refused as unsafe. Attach a plain scan of the document.
scan-encrypted = This PDF is password-protected, so it cannot be checked. Ask for an unprotected copy or scan the paper document.
