app-title = Tereze
app-tagline = Executor's workstation for public services
app-offline-mode = Working offline on the local data folder.
app-data-folder = Data folder: { $path }
app-requests-count = { $count ->
    [one] { $count } request stored
   *[other] { $count } requests stored
}
app-operators-count = { $count ->
    [one] { $count } operator
   *[other] { $count } operators
}
app-offices-count = { $count ->
    [one] { $count } office in the reference data
   *[other] { $count } offices in the reference data
}
app-demo-data = Demo data: the operators, the requests and the kindergartens are invented, for practice only.
app-services-heading = Services
app-settings-not-saved = The language was changed, but the settings file could not be saved.
app-window-failed = The window could not be opened
args-usage = Usage: tereze [--data-dir FOLDER] [--demo] [--lang kk|ru|en] | --version | --help
args-unknown = Unknown option: { $option }
args-missing-value = The option { $option } needs a value.
args-language = Unknown language “{ $value }”: use kk, ru or en.
startup-no-data-dir = No data folder was given and the home folder cannot be found. Start with --data-dir FOLDER.
startup-create-data-dir = The data folder { $path } cannot be created. Check that the disk is writable.
startup-settings-damaged = The settings file is damaged; default settings are used and the file was left as it was.
demo-not-seeded = The demo data could not be added to this data folder.
app-start-failed = Tereze could not start
app-close = Close
login-heading = Log in
login-iin = IIN
login-iin-placeholder = 12 digits
login-password = Password
login-submit = Log in
login-failed-internal = The login could not be checked. Try again; if it happens again, restart the workstation.
home-operator = Logged in: { $name }
home-log-out = Log out
home-outbox = { $count ->
    [one] { $count } operation waiting to be sent to the server
   *[other] { $count } operations waiting to be sent to the server
}
inbox-heading = Requests
inbox-search-placeholder = Search by name, address or IIN
inbox-all-statuses = All statuses
inbox-loading = Loading…
inbox-empty = No requests match.
inbox-failed = The requests could not be read. Try again.
home-new-request = New request
home-pick-service = Service…
home-pick-profile = Region rules…
form-back = ← Requests
form-save = Save draft
form-saved = Draft saved.
form-save-before-attaching = Save the draft first, then attach the scans.
form-store-busy = The data folder is busy. Try again.
form-attachments = Scanned documents
form-attach = Attach…
form-slot-required = required
form-slot-optional = optional
form-slot-conditional = required in some cases
form-sex-male = Male
form-sex-female = Female
form-yes = Yes
form-no = No
login-locked-idle = The workstation was locked after a period without activity. Enter your password to continue.
login-session-expired = Your working session has lasted 8 hours, the longest allowed. Enter your password again to continue; nothing you opened is lost.
home-settings = Settings
settings-heading = Settings
settings-server = Central server address
settings-server-https = The server address must start with https://.
settings-printer = Printer
settings-printers-loading = Looking for printers…
settings-no-printers = No printers are set up on this computer; documents can still be saved as PDF.
settings-default-printer = The system's default printer
settings-printers-failed = The list of printers could not be read.
settings-idle = Lock the screen after this many minutes without activity (2–15)
settings-idle-range = Enter a number of minutes from 2 to 15.
settings-attachment = Largest scan accepted, in MB (1–100)
settings-attachment-range = Enter a size from 1 to 100 MB.
settings-save = Save settings
