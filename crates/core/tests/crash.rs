//! `kill -9` at random moments while a writer saves requests: nothing acknowledged is lost and
//! nothing is half-applied.
//!
//! The test binary re-executes itself as the writer (`TEREZE_CRASH_WRITER=<data dir>`). The
//! writer saves requests in a loop, now and then moves one to `signed` or attaches a scan, and
//! prints a line for each write only after the store returned `Ok`. The parent kills it with
//! SIGKILL after a seeded random 5–80 ms, reopens the store and checks every invariant, over and
//! over. Reproduce a failure with `TEREZE_CRASH_SEED=<seed>`; `TEREZE_CRASH_KILLS` sets the
//! number of kills (default 200).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{NewOperator, RequestDraft, Role, Store, sha256_hex};
use time::macros::date;
use uuid::Uuid;

const TEST_NAME: &str = "kill_nine_never_loses_an_acknowledged_save";
const WRITER_ENV: &str = "TEREZE_CRASH_WRITER";
const RUN_ENV: &str = "TEREZE_CRASH_RUN";
const DEFAULT_SEED: u64 = 0x7e7e_2e5e_ed00_0001;
const DEFAULT_KILLS: usize = 200;

const LAST_NAMES: [&str; 8] = [
    "Сейтқали",
    "Нұрланов",
    "Әбдірахманова",
    "Иванова",
    "Жұмабеков",
    "Кожахметова",
    "Петров",
    "Өтебаев",
];
const FIRST_NAMES: [&str; 8] = [
    "Іңкәр",
    "Айсұлу",
    "Ерасыл",
    "Мария",
    "Нұрсұлтан",
    "Әлихан",
    "Дмитрий",
    "Ұлжан",
];

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

fn pick<'a>(list: &[&'a str], key: &str, salt: u8) -> &'a str {
    let h = sha256_hex(format!("{salt}{key}").as_bytes());
    let n = usize::from_str_radix(&h[..8], 16).unwrap();
    list[n % list.len()]
}

/// The form the writer saves under `key`; the parent recomputes it to check what it reads.
fn fields_for(key: &str) -> FieldValues {
    let child_iin = (1..)
        .find_map(|s| Iin::compose(date!(2021 - 02 - 11), Sex::Female, s))
        .unwrap();
    [
        ("child-last-name", pick(&LAST_NAMES, key, 1).to_owned()),
        ("child-first-name", pick(&FIRST_NAMES, key, 2).to_owned()),
        ("applicant-last-name", pick(&LAST_NAMES, key, 3).to_owned()),
        (
            "applicant-first-name",
            pick(&FIRST_NAMES, key, 4).to_owned(),
        ),
        (
            "applicant-address",
            format!("Шымкент қ., Төле би к-сі, {key}"),
        ),
        ("child-iin", child_iin.as_string()),
        ("note", key.to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn scan_for(key: &str) -> Vec<u8> {
    tereze_core::scan::sample_jpeg(key.as_bytes(), 4096)
}

fn writer(dir: &Path) {
    let run: String = std::env::var(RUN_ENV).unwrap();
    let mut store = Store::open(dir, &test_key()).unwrap();
    let iin = (1..)
        .find_map(|s| Iin::compose(date!(1987 - 08 - 05), Sex::Female, s))
        .unwrap();
    let op = match store.operator_by_iin(&iin).unwrap() {
        Some(o) => o.id,
        None => {
            store
                .add_operator(
                    &NewOperator {
                        iin,
                        full_name: "Тестова Жазушы".into(),
                        role: Role::Executor,
                        office_id: "edu-crash".into(),
                        password_hash: None,
                    },
                    None,
                )
                .unwrap()
                .id
        }
    };
    let sources = dir.join("sources");
    fs::create_dir_all(&sources).unwrap();
    let mut out = std::io::stdout().lock();
    for k in 0u64.. {
        let key = format!("{run}-{k}");
        let draft = RequestDraft {
            id: None,
            expected_version: None,
            service_id: "preschool-queue".into(),
            profile: "default".into(),
            channel: Channel::Office,
            fields: fields_for(&key),
        };
        let saved = store.save_request(&draft, op).unwrap();
        writeln!(out, "ack save {} {key}", saved.id).unwrap();
        out.flush().unwrap();
        if k % 3 == 1 {
            store
                .apply_action(saved.id, Flow::Standard, Status::Draft, Action::Sign, op)
                .unwrap();
            writeln!(out, "ack status {}", saved.id).unwrap();
            out.flush().unwrap();
        }
        if k % 4 == 2 {
            let src = sources.join(format!("{key}.png"));
            fs::write(&src, scan_for(&key)).unwrap();
            let a = store
                .add_attachment(saved.id, "birth-certificate", "scan.png", &src, op)
                .unwrap();
            writeln!(out, "ack attach {} {}", saved.id, a.sha256).unwrap();
            out.flush().unwrap();
        }
    }
}

#[derive(Default)]
struct Acked {
    key: String,
    signed: bool,
    scans: Vec<String>,
}

/// Reads the complete lines of the writer's output into `acked`; returns the ids touched.
fn absorb(output: &[u8], acked: &mut HashMap<Uuid, Acked>) -> Vec<Uuid> {
    let text = String::from_utf8_lossy(output);
    let mut touched = Vec::new();
    // The last line may have been cut by the kill: only lines ending in '\n' count.
    let complete = match text.rfind('\n') {
        Some(end) => &text[..end],
        None => "",
    };
    for line in complete.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["ack", "save", id, key] => {
                let id = Uuid::parse_str(id).unwrap();
                acked.entry(id).or_default().key = (*key).to_owned();
                touched.push(id);
            }
            ["ack", "status", id] => {
                let id = Uuid::parse_str(id).unwrap();
                acked.get_mut(&id).unwrap().signed = true;
            }
            ["ack", "attach", id, sha] => {
                let id = Uuid::parse_str(id).unwrap();
                acked.get_mut(&id).unwrap().scans.push((*sha).to_owned());
            }
            _ => {}
        }
    }
    touched
}

fn count_by_entity(store: &Store, sql: &str) -> HashMap<String, i64> {
    let conn = store.connection();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every invariant of the store after a crash; `check_fields` lists the acknowledged requests
/// whose contents are compared in full.
/// Blob hashes already read back and checked in an earlier round (blobs are never rewritten).
type Checked = HashSet<String>;

fn verify(
    dir: &Path,
    acked: &HashMap<Uuid, Acked>,
    check_fields: &[Uuid],
    checked: &mut Checked,
    context: &str,
) {
    let store =
        Store::open(dir, &test_key()).unwrap_or_else(|e| panic!("{context}: reopen failed: {e:?}"));
    let conn = store.connection();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{context}");
    store
        .verify_audit()
        .unwrap_or_else(|e| panic!("{context}: audit chain: {e:?}"));

    // Outbox numbers are dense from 1.
    let (n, min, max): (i64, Option<i64>, Option<i64>) = conn
        .query_row("SELECT count(*), min(seq), max(seq) FROM outbox", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    if n > 0 {
        assert_eq!(
            (min, max),
            (Some(1), Some(n)),
            "{context}: outbox has a gap"
        );
    }

    // Every request and attachment has exactly its outbox operations and audit rows, and every
    // operation or audit row points at something that exists.
    let ops = count_by_entity(
        &store,
        "SELECT entity_id, count(*) FROM outbox GROUP BY entity_id",
    );
    let audits = count_by_entity(
        &store,
        "SELECT entity_id, count(*) FROM audit WHERE entity_kind IN ('request', 'attachment')
         GROUP BY entity_id",
    );
    let fields = count_by_entity(
        &store,
        "SELECT request_id, count(*) FROM request_fields GROUP BY request_id",
    );
    let mut requests: HashMap<String, (String, i64)> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, status, version FROM requests")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .unwrap();
        for row in rows {
            let (id, v): (String, (String, i64)) = row.unwrap();
            requests.insert(id, v);
        }
    }
    let mut attachments: Vec<(String, String)> = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT id, sha256 FROM attachments").unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        for row in rows {
            attachments.push(row.unwrap());
        }
    }
    for (id, (status, version)) in &requests {
        let expected_version = match status.as_str() {
            "draft" => 1,
            "signed" => 2,
            other => panic!("{context}: unexpected status {other}"),
        };
        assert_eq!(*version, expected_version, "{context}: request {id}");
        assert_eq!(ops.get(id), Some(version), "{context}: outbox of {id}");
        assert_eq!(audits.get(id), Some(version), "{context}: audit of {id}");
        assert_eq!(fields.get(id), Some(&7), "{context}: fields of {id}");
    }
    for (id, sha) in &attachments {
        assert_eq!(
            ops.get(id),
            Some(&1),
            "{context}: outbox of attachment {id}"
        );
        assert_eq!(
            audits.get(id),
            Some(&1),
            "{context}: audit of attachment {id}"
        );
        if checked.contains(sha) {
            let path = store.attachment_path(sha).unwrap();
            assert!(path.is_file(), "{context}: blob {sha} vanished");
        } else {
            store
                .read_attachment(sha)
                .unwrap_or_else(|e| panic!("{context}: blob {sha}: {e:?}"));
            checked.insert(sha.clone());
        }
    }
    let ids: HashSet<&String> = requests
        .keys()
        .chain(attachments.iter().map(|(id, _)| id))
        .collect();
    for entity in ops.keys().chain(audits.keys()) {
        assert!(
            ids.contains(entity),
            "{context}: orphan operation for {entity}"
        );
    }
    let indexed: i64 = conn
        .query_row(
            "SELECT count(*) FROM request_search s JOIN requests r ON r.rid = s.rowid",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let index_rows: i64 = conn
        .query_row("SELECT count(*) FROM request_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed as usize, requests.len(), "{context}: search index");
    assert_eq!(
        index_rows as usize,
        requests.len(),
        "{context}: search index"
    );

    // Nothing acknowledged is missing; the newly acknowledged ones are checked in full.
    for (id, a) in acked {
        let (status, _) = requests
            .get(&id.to_string())
            .unwrap_or_else(|| panic!("{context}: acknowledged request {id} lost"));
        if a.signed {
            assert_eq!(
                status, "signed",
                "{context}: acknowledged status of {id} lost"
            );
        }
    }
    for id in check_fields {
        let a = &acked[id];
        let loaded = store.load_request(*id).unwrap();
        assert_eq!(
            loaded.fields,
            fields_for(&a.key),
            "{context}: fields of {id}"
        );
        let stored: Vec<String> = store
            .attachments(*id)
            .unwrap()
            .into_iter()
            .map(|x| x.sha256)
            .collect();
        for sha in &a.scans {
            assert!(
                stored.contains(sha),
                "{context}: acknowledged scan of {id} lost"
            );
            assert_eq!(*sha, sha256_hex(&scan_for(&a.key)));
        }
    }
}

#[test]
fn kill_nine_never_loses_an_acknowledged_save() {
    if let Some(dir) = std::env::var_os(WRITER_ENV) {
        writer(Path::new(&dir));
        return;
    }
    let seed = std::env::var("TEREZE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let kills = std::env::var("TEREZE_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_KILLS);
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let exe = std::env::current_exe().unwrap();
    let mut acked: HashMap<Uuid, Acked> = HashMap::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut checked = Checked::new();

    for round in 0..kills {
        let mut child = Command::new(&exe)
            .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(WRITER_ENV, &dir)
            .env(RUN_ENV, round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let out_reader = thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.read_to_end(&mut buf);
            buf
        });
        let err_reader = thread::spawn(move || {
            let mut buf = String::new();
            let _ = stderr.read_to_string(&mut buf);
            buf
        });
        let delay = 5 + rng.next() % 76;
        thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let output = out_reader.join().unwrap();
        let errors = err_reader.join().unwrap();
        let context = format!("seed {seed}, round {round}, killed after {delay} ms");
        assert_eq!(
            status.signal(),
            Some(9),
            "{context}: the writer stopped on its own: {errors}"
        );
        let touched = absorb(&output, &mut acked);
        for line in String::from_utf8_lossy(&output).lines() {
            for kind in ["save", "status", "attach"] {
                if line.starts_with(&format!("ack {kind} ")) {
                    *kinds.entry(kind).or_default() += 1;
                }
            }
        }
        verify(&dir, &acked, &touched, &mut checked, &context);
    }
    let all: Vec<Uuid> = acked.keys().copied().collect();
    verify(
        &dir,
        &acked,
        &all,
        &mut Checked::new(),
        &format!("seed {seed}, final"),
    );
    println!("crash test: {kills} kills, acknowledged {kinds:?}");
    // The test means something only if the writer got real work done between kills.
    assert!(
        kinds.get("save").copied().unwrap_or(0) >= kills,
        "{kinds:?}"
    );
    assert!(kinds.get("status").copied().unwrap_or(0) > 0, "{kinds:?}");
    assert!(kinds.get("attach").copied().unwrap_or(0) > 0, "{kinds:?}");
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
