# Connecting the workstation to its server (tereze connect / disconnect) and the sync status line.

connect-usage = Connect to a server: tereze connect FILE [--data-dir FOLDER]  ·  forget it: tereze disconnect [--data-dir FOLDER]
connect-missing-file = Give the connection file: tereze connect connection.toml
connect-file-unreadable = The connection file { $path } cannot be read. Check the path and that you may read it.
connect-file-invalid = { $path } is not a Tereze connection file. Ask the administrator for the file made by “tereze-server provision-workstation --out”.
connect-store-failed = The connection could not be saved in { $path }. Check that the data folder is writable; the earlier connection is unchanged.
connect-bad-ca = The connection file holds no usable CA certificate. Ask the administrator for a new file; nothing was changed.
connect-unreachable = The server does not answer at this address. Check the network and the address in the file; nothing was changed.
connect-wrong-ca = The server’s certificate is not signed by the CA in the connection file, so it cannot be trusted. Nothing was changed; call the administrator.
connect-refused = The server refused this workstation’s credential (unknown, revoked or mistyped). Ask the administrator to provision the workstation again; nothing was changed.
connect-update-needed = Update needed: this program speaks version { $client } of the sync protocol and the server speaks version { $server }. Install the matching Tereze version, then connect again.
connect-workstation-in-use = This workstation already holds work made under its own id { $id }, which the file does not name. Ask the administrator to provision it with “--id { $id }”; nothing was changed.
connect-runtime = The network part of Tereze could not start. Try again; if it keeps failing, restart the computer.
connect-done = Connected to { $url } as workstation { $workstation }. Accounts from the server: { $added } added, { $updated } updated, { $skipped } left out. Start Tereze and log in; it syncs on its own.
connect-disconnected = The server connection was removed. The data on this workstation stays; it works offline until it is connected again.
connect-not-connected = This workstation is not connected to a server; nothing to remove.

connect-status-not-connected = Offline: not connected to a server
connect-status-waiting = Connected; waiting to sync
connect-status-pulling = { $count ->
    [one] Syncing: { $count } change received
   *[other] Syncing: { $count } changes received
}
connect-status-pushing = Syncing: { $done } of { $total } sent
connect-status-synced = Synced at { $time }
connect-status-failed = Sync failed: { $reason }
connect-status-update-needed = Sync stopped. { $reason }
connect-sync-now = Sync now (Ctrl+R)

connect-settings-heading = Server
connect-settings-connected = Connected to { $url } as workstation { $workstation }.
connect-settings-not-connected = Not connected: this workstation works offline only.
connect-settings-how = To connect or change the server, the administrator runs “tereze connect FILE” with the file from “tereze-server provision-workstation --out”; “tereze disconnect” removes the connection. Restart Tereze afterwards.

connect-open-sync = Sync and outbox
connect-sync-heading = Sync and outbox
connect-outbox-loading = Reading the outbox…
connect-outbox-failed = The outbox could not be read. Try again; if it keeps failing, call the administrator.
connect-outbox-clear = Nothing is waiting: every operation was accepted by the server.
connect-op-save-request = Request form saved
connect-op-set-status = Status changed
connect-op-add-attachment = Scan attached
connect-op-remove-attachment = Scan removed
connect-op-other = Operation “{ $kind }”

connect-conflicts-heading = Conflicts for the head of department
connect-conflicts-loading = Asking the server for open conflicts…
connect-conflicts-none = No open conflicts.
connect-conflicts-failed = The conflicts could not be read or settled. Try again when the server is reachable.
connect-conflicts-title = Request { $request }: a late edit (operation #{ $seq }) met a newer version on the server
connect-conflicts-field = Field
connect-conflicts-theirs = On the server
connect-conflicts-mine = Late edit
connect-conflicts-keep-theirs = Keep the server’s version
connect-conflicts-keep-mine = Keep the late edit
connect-conflicts-keep-mine-form-only = Only a saved form can be kept this way; settle a status change by keeping the server’s version and repeating the step.

sync-crl-store = The certificate revocation lists from the server could not be saved on this computer. Check that the disk is writable; signatures are checked against the lists saved earlier.
