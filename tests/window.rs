//! The workstation opens a real window titled "Tereze" on a real X server (Xvfb) and creates
//! its store in the data folder it was given.

#![allow(clippy::panic)] // a failed start is reported by panicking

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

fn window_names(display: &str) -> String {
    Command::new("xwininfo")
        .args(["-root", "-tree"])
        .env("DISPLAY", display)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

#[test]
fn opens_a_window_titled_tereze() {
    assert!(
        Path::new("/usr/bin/Xvfb").exists(),
        "Xvfb is missing: scripts/setup-debian --test installs it"
    );
    let display = format!(":{}", 200 + std::process::id() % 500);
    let _xvfb = KillOnDrop(
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
    let data = tempfile::tempdir().unwrap();
    let mut started = Instant::now();
    while !window_names(&display).contains("root window") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "Xvfb did not start"
        );
        sleep(Duration::from_millis(100));
    }
    let mut app = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_tereze"))
            .args(["--lang", "kk", "--data-dir"])
            .arg(data.path())
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tereze"),
    );
    started = Instant::now();
    loop {
        if window_names(&display).contains("\"Tereze\"") {
            break;
        }
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!("tereze exited with {status} before showing its window");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no window titled Tereze appeared:\n{}",
            window_names(&display)
        );
        sleep(Duration::from_millis(200));
    }
    assert!(
        data.path().join("tereze.db").exists(),
        "the store was not created"
    );
}
