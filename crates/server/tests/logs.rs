//! No personal data in the server's logs, even at trace level: a workstation's requests with
//! children's and applicants' names, IINs and addresses are pushed, edited, refused, pulled and
//! listed through the real binary on both databases, and the whole log is searched for them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod support;

use std::fs::File;
use std::process::Stdio;

use support::{Client, TestDb, Workstation, on_both, provision, spawn_server_logging};
use tereze_core::lifecycle::{Action, Status};

/// The fixture's personal data: each must never reach a log line.
const CHILD: &str = "Сапарқызы Айгерім";
const CHILD_IIN: &str = "230517600127";
const APPLICANT: &str = "Бекмұратов Ерлан";
const APPLICANT_IIN: &str = "790925317006";
const ADDRESS: &str = "Шымкент, Тәуке хан даңғылы, 17";
const PHONE: &str = "+77017654321";

#[test]
fn a_trace_level_log_of_every_flow_holds_no_name_iin_or_address() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(51);
        let id = ws.new_request(CHILD);
        for (field, value) in [
            ("child-iin", CHILD_IIN),
            ("applicant-name", APPLICANT),
            ("applicant-iin", APPLICANT_IIN),
            ("address", ADDRESS),
            ("applicant-phone", PHONE),
        ] {
            ws.edit(id, field, value);
        }
        ws.act(id, Status::Draft, Action::Sign);
        ws.act(id, Status::Signed, Action::Register);
        let credential = provision(&db, &ws);
        let log_path = db.dir.path().join("server.log");
        let mut server = spawn_server_logging(
            &db,
            &[],
            "trace",
            Stdio::from(File::create(&log_path).unwrap()),
        );
        let url = format!("http://{}", server.addr);
        let client = Client::new(&url, &credential, ws.operator.id);
        let pushed = client.push(&ws.outbox());
        assert_eq!(pushed.results.len(), ws.outbox().len());
        // The same batch again (duplicates), then the changes, conflicts and operators lists.
        client.push(&ws.outbox());
        assert_eq!(client.get("/v1/changes?after=0&limit=100").status, 200);
        client.get("/v1/conflicts");
        client.get("/v1/operators");
        // A forged credential and an unknown operator are refused, and logged as such.
        let forged = Client::new(&url, "not-the-credential", ws.operator.id);
        assert_eq!(forged.get("/v1/changes?after=0").status, 401);
        let stranger = Client::new(&url, &credential, uuid::Uuid::now_v7());
        assert_eq!(stranger.push_raw(&ws.outbox()).status, 403);
        server.child.kill().unwrap();
        server.child.wait().unwrap();

        let log = std::fs::read_to_string(&log_path).unwrap();
        // Every call was logged (plainly: no terminal colour codes in a file), refusals too.
        assert!(
            !log.contains('\u{1b}'),
            "colour codes in a log file:\n{log}"
        );
        assert!(log.lines().count() >= 8, "too little was logged:\n{log}");
        for expected in ["/v1/push", "/v1/changes", "status=401", "status=403"] {
            assert!(
                log.contains(expected),
                "{expected} is not in the log:\n{log}"
            );
        }
        for secret in [CHILD, CHILD_IIN, APPLICANT, APPLICANT_IIN, ADDRESS, PHONE] {
            assert!(
                !log.contains(secret),
                "{secret:?} is in the log:\n{}",
                log.lines()
                    .filter(|l| l.contains(secret))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        // Names are also looked for word by word (a log could quote half a name).
        for word in CHILD.split(' ').chain(APPLICANT.split(' ')) {
            assert!(!log.contains(word), "{word:?} is in the log");
        }
    });
}
