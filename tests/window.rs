//! The workstation opens a real window titled "Tereze" on a real X server (Xvfb): with a new
//! data folder it creates its store there; with a damaged database it explains the problem in a
//! window and leaves the file exactly as it was.

#![allow(clippy::panic, clippy::expect_used)] // test helpers report a failed start by panicking

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn window_tree(display: &str) -> String {
    Command::new("xwininfo")
        .args(["-root", "-tree"])
        .env("DISPLAY", display)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// Starts Xvfb on a display of its own.
fn xvfb(offset: u32) -> (KillOnDrop, String) {
    assert!(
        Path::new("/usr/bin/Xvfb").exists(),
        "Xvfb is missing: scripts/setup-debian --test installs it"
    );
    let display = format!(":{}", 200 + (std::process::id() * 2 + offset) % 700);
    let server = KillOnDrop(
        Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1024x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb"),
    );
    let started = Instant::now();
    while !window_tree(&display).contains("root window") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "Xvfb did not start"
        );
        sleep(Duration::from_millis(100));
    }
    (server, display)
}

/// Starts the workstation on `data` and waits until a window titled Tereze is mapped.
fn start_tereze(display: &str, data: &Path) -> KillOnDrop {
    let mut app = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_tereze"))
            .args(["--lang", "kk", "--data-dir"])
            .arg(data)
            .env("DISPLAY", display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tereze"),
    );
    let started = Instant::now();
    while !window_tree(display).contains("\"Tereze\"") {
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!("tereze exited with {status} before showing a window");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no window titled Tereze appeared:\n{}",
            window_tree(display)
        );
        sleep(Duration::from_millis(200));
    }
    app
}

#[test]
fn opens_a_window_titled_tereze_with_the_store_still_closed() {
    let (_x, display) = xvfb(0);
    let data = tempfile::tempdir().unwrap();
    let _app = start_tereze(&display, data.path());
    // The encrypted store opens only when an operator's password unlocks its key.
    assert!(
        !data.path().join("tereze.db").exists(),
        "the store was made before anyone logged in"
    );
}

#[test]
fn a_damaged_database_is_explained_in_a_window_and_left_untouched() {
    let (_x, display) = xvfb(1);
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("tereze.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    fs::write(&db, &garbage).unwrap();
    let mut app = start_tereze(&display, data.path());
    // The window (the login gate: the file is not read before a login) stays up until the
    // operator closes it.
    sleep(Duration::from_millis(500));
    assert!(matches!(app.0.try_wait(), Ok(None)));
    drop(app);
    assert_eq!(
        fs::read(&db).unwrap(),
        garbage,
        "the damaged file was changed"
    );
}
