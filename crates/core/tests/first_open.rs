#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The first stores a process opens may open at the same moment: the app's window and its sync
//! worker, or a test binary's parallel tests. SQLite marks itself initialised before SQLCipher's
//! own start-up has finished, and a connection keyed in that moment was refused with "An error
//! occurred with PRAGMA key". The moment exists once per process, so the test starts itself
//! again as fresh processes, each opening many stores at once the moment it starts.

use std::process::Command;
use std::sync::{Arc, Barrier};

use tereze_core::keyring::MasterKey;
use tereze_core::store::Store;

/// Set in the child processes: open the stores and report.
const CHILD: &str = "TEREZE_FIRST_OPEN_CHILD";
/// Fresh processes started; each used to fail about one time in fifty.
const PROCESSES: usize = 30;
const THREADS: usize = 16;

#[test]
fn stores_opened_at_the_same_moment_at_process_start_all_open() {
    if std::env::var_os(CHILD).is_some() {
        open_at_once();
        return;
    }
    let exe = std::env::current_exe().unwrap();
    for run in 0..PROCESSES {
        let out = Command::new(&exe)
            .args([
                "--exact",
                "stores_opened_at_the_same_moment_at_process_start_all_open",
                "--nocapture",
            ])
            .env(CHILD, "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "process {run} could not open its stores:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Opens `THREADS` stores in their own folders, all released by one barrier.
fn open_at_once() {
    let dirs: Vec<_> = (0..THREADS).map(|_| tempfile::tempdir().unwrap()).collect();
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = dirs
        .iter()
        .map(|dir| {
            let path = dir.path().to_owned();
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                Store::open(&path, &MasterKey::from_bytes([7; 32])).map(|_| ())
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap().unwrap();
    }
}
