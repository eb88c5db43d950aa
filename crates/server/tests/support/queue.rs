//! Test support for the preschool queue: a department with reference data and an
//! administrator, children registered by pushing the real operations, and the queue calls.

#![allow(dead_code)]

use std::collections::BTreeMap;

use tereze_core::calendar::Calendar;
use tereze_core::store::{Role, sha256_hex};
use tereze_protocol::{
    AttachmentRecord, ChangedEntity, Envelope, GroupList, GroupRecord, LeaseRecord, OfferRecord,
    Operation, PositionAnswer, PushOperation, PushOutcome, QueueEntryList, QueueEntryRecord,
    QueuePlace, RequestRecord, RunSummary, Seq, WorkstationId,
};
use time::{Date, Duration, Month, OffsetDateTime};
use uuid::Uuid;

use crate::support::{Answer, Client, OFFICE, TestDb, TestServer, add_operator};

/// The scanned privilege document every privileged child gets.
const SCAN: &[u8] = b"%PDF-1.4\nprivilege document\n%%EOF\n";

/// A child to register.
#[derive(Debug, Clone)]
pub struct Child {
    pub last: &'static str,
    pub first: &'static str,
    pub born: Date,
    pub category: &'static str,
    pub applied: OffsetDateTime,
    pub language: &'static str,
    pub iin: Option<String>,
    /// Whether the privilege document is attached and then removed again before registering.
    pub document_removed: bool,
}

impl Child {
    /// A general-queue Kazakh-group child born `born`, applying at `applied`.
    pub fn new(last: &'static str, born: Date, applied: OffsetDateTime) -> Child {
        Child {
            last,
            first: "Айша",
            born,
            category: "none",
            applied,
            language: "kk",
            iin: None,
            document_removed: false,
        }
    }

    pub fn category(mut self, category: &'static str) -> Child {
        self.category = category;
        self
    }
}

/// An education department: the server, its operators, one workstation pushing registrations.
pub struct Desk {
    pub server: TestServer,
    pub executor: Client,
    pub head: Client,
    pub con_operator: Client,
    pub admin: Client,
    pub admin_id: Uuid,
    pub seq: u64,
    pub label: &'static str,
    scan_sha: String,
}

/// The first working day on or after `from`, outside June–August, so that a test's dates and
/// the five weeks after them never fall in the August transfer.
pub fn base_date(from: Date) -> Date {
    let cal = Calendar::builtin().unwrap();
    let mut d = from;
    if matches!(d.month(), Month::June | Month::July | Month::August) {
        d = Date::from_calendar_date(d.year(), Month::September, 2).unwrap();
    }
    while !cal.is_working_day(d) {
        d = d.next_day().unwrap();
    }
    d
}

/// Born `years` years and two months before `on`.
pub fn born_aged(on: Date, years: i32) -> Date {
    let d = on - Duration::days(61);
    Date::from_calendar_date(d.year() - years, d.month(), d.day().min(28)).unwrap()
}

impl Desk {
    pub fn open(db: &TestDb) -> Desk {
        let server = TestServer::start(db, None, None);
        let raw = server.open_db();
        let admin_id = add_operator(&raw, Role::Administrator, 4, None, OFFICE);
        let assets =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference");
        tereze_server::admin::import_reference(&raw, &assets).unwrap();
        drop(raw);
        let desk = Desk {
            executor: server.client(server.executor),
            head: server.client(server.head),
            con_operator: server.client(server.con_operator),
            admin: server.client(admin_id),
            admin_id,
            server,
            seq: 0,
            label: db.label,
            scan_sha: sha256_hex(SCAN),
        };
        let put = desk.executor.put(
            &format!("/v1/blobs/{}", desk.scan_sha),
            Some(&format!("bytes 0-{}/{}", SCAN.len() - 1, SCAN.len())),
            SCAN,
        );
        assert!(put.status == 200 || put.status == 201, "{}", put.body);
        desk
    }

    /// Restarts the server on the same database; the clients follow it to its new address.
    pub fn restart(&mut self) {
        self.server.restart(None);
        self.executor = self.server.client(self.server.executor);
        self.head = self.server.client(self.server.head);
        self.con_operator = self.server.client(self.server.con_operator);
        self.admin = self.server.client(self.admin_id);
    }

    /// The office's groups.
    pub fn groups(&self) -> BTreeMap<String, GroupRecord> {
        let a = self.executor.get("/v1/queue/groups");
        assert_eq!(a.status, 200, "{}", a.body);
        a.json::<GroupList>()
            .groups
            .into_iter()
            .map(|g| (g.group_id.clone(), g))
            .collect()
    }

    /// Leaves places only in the groups named (capacity as given, nothing occupied).
    pub fn only(&self, places: &[(&str, u32)]) {
        for id in self.groups().keys() {
            let capacity = places.iter().find(|(g, _)| g == id).map_or(0, |(_, c)| *c);
            let a = self.set_counts(id, capacity, 0);
            assert_eq!(a.status, 200, "{}", a.body);
        }
    }

    pub fn set_counts(&self, group: &str, capacity: u32, occupied: u32) -> Answer {
        self.admin.put_json(
            &format!("/v1/queue/groups/{group}"),
            &serde_json::json!({ "capacity": capacity, "occupied": occupied }),
        )
    }

    fn next_seq(&mut self) -> Seq {
        self.seq += 1;
        Seq(self.seq)
    }

    pub fn op(&mut self, operation: Operation) -> PushOperation {
        PushOperation::from_envelope(Envelope {
            workstation: WorkstationId(self.server.workstation),
            seq: self.next_seq(),
            operation,
        })
    }

    /// Registers a child the way a workstation does (save, privilege scan, sign, register),
    /// and returns the request id, its official request number and its queue place.
    pub fn register(&mut self, child: &Child) -> (Uuid, String, Option<QueuePlace>) {
        let by = self.server.executor;
        let id = Uuid::now_v7();
        let mut fields = BTreeMap::new();
        fields.insert("child-last-name".to_owned(), child.last.to_owned());
        fields.insert("child-first-name".to_owned(), child.first.to_owned());
        fields.insert(
            "child-birth-date".to_owned(),
            tereze_core::validate::date::to_stored(child.born),
        );
        fields.insert("group-language".to_owned(), child.language.to_owned());
        fields.insert("correctional-group".to_owned(), "false".to_owned());
        fields.insert("privilege-category".to_owned(), child.category.to_owned());
        if let Some(iin) = &child.iin {
            fields.insert("child-iin".to_owned(), iin.clone());
        }
        let at = child.applied;
        let mut ops = vec![self.op(Operation::SaveRequest {
            request: RequestRecord {
                id,
                version: 1,
                number: None,
                service_id: "preschool-queue".into(),
                profile: "default".into(),
                channel: "office".into(),
                status: "draft".into(),
                fields,
                created_by: by,
                saved_by: by,
                created_at: at - Duration::minutes(1),
                updated_at: at - Duration::minutes(1),
                queue: None,
            },
        })];
        if child.category != "none" {
            let attachment = AttachmentRecord {
                id: Uuid::now_v7(),
                version: 1,
                request_id: id,
                slot: "privilege-document".into(),
                sha256: self.scan_sha.clone(),
                size: SCAN.len() as u64,
                media_type: "application/pdf".into(),
                file_name: "privilege.pdf".into(),
                added_by: by,
                added_at: at - Duration::seconds(30),
            };
            let attachment_id = attachment.id;
            ops.push(self.op(Operation::AddAttachment { attachment }));
            if child.document_removed {
                ops.push(self.op(Operation::RemoveAttachment {
                    attachment_id,
                    request_id: id,
                    version: 2,
                    by,
                    at: at - Duration::seconds(20),
                }));
            }
        }
        for (version, from, to, action, when) in [
            (2, "draft", "signed", "sign", at - Duration::seconds(10)),
            (3, "signed", "registered", "register", at),
        ] {
            ops.push(self.op(Operation::SetStatus {
                request_id: id,
                version,
                from: from.into(),
                to: to.into(),
                action: action.into(),
                outcome: None,
                by,
                at: when,
            }));
        }
        let results = self.executor.push(&ops).results;
        let number = match &results.last().unwrap().outcome {
            PushOutcome::Accepted {
                number: Some(n), ..
            } => n.clone(),
            other => panic!("{}: registration not accepted: {other:?}", self.label),
        };
        for r in &results {
            assert!(
                matches!(r.outcome, PushOutcome::Accepted { .. }),
                "{}: {:?}",
                self.label,
                r.outcome
            );
        }
        (id, number, self.place(id))
    }

    /// The request's queue place as the office's change log last described it.
    pub fn place(&self, id: Uuid) -> Option<QueuePlace> {
        self.executor
            .all_changes()
            .into_iter()
            .rev()
            .filter_map(|c| match c.entity {
                ChangedEntity::Request { request } if request.id == id => Some(request.queue),
                _ => None,
            })
            .next()
            .flatten()
    }

    /// A head's run on `date` with `seed`.
    pub fn run(&self, date: Date, seed: u64) -> Answer {
        self.head.post_json(
            "/v1/queue/runs",
            &serde_json::json!({ "date": tereze_core::validate::date::to_stored(date), "seed": seed }),
        )
    }

    pub fn run_ok(&self, date: Date, seed: u64) -> RunSummary {
        let a = self.run(date, seed);
        assert_eq!(a.status, 200, "{}: {}", self.label, a.body);
        a.json()
    }

    pub fn answer(&self, who: &Client, offer: Uuid, answer: &str) -> Answer {
        who.post(&format!("/v1/queue/offers/{offer}/{answer}"), b"")
    }

    pub fn answer_ok(&self, offer: Uuid, answer: &str) -> OfferRecord {
        let a = self.answer(&self.executor, offer, answer);
        assert_eq!(a.status, 200, "{}: {}", self.label, a.body);
        a.json()
    }

    /// The queue as the head sees it, by request.
    pub fn entries(&self) -> BTreeMap<Uuid, QueueEntryRecord> {
        let a = self.head.get("/v1/queue/entries");
        assert_eq!(a.status, 200, "{}", a.body);
        a.json::<QueueEntryList>()
            .entries
            .into_iter()
            .map(|e| (e.request_id, e))
            .collect()
    }

    pub fn position_by_number(&self, number: &str) -> PositionAnswer {
        let a = self.executor.post_json(
            "/v1/queue/position",
            &serde_json::json!({ "request_number": number }),
        );
        assert_eq!(a.status, 200, "{}", a.body);
        a.json()
    }

    /// The open offer of a request.
    pub fn expire_offer_of(&self, request: Uuid) -> Uuid {
        let db = self.server.open_db();
        let id = request.to_string();
        db.run_blocking(move |s| {
            s.query_opt(
                "SELECT id FROM queue_offers WHERE request_id = $1 AND state = 'offered'",
                &[id.into()],
            )
            .map(|r| Uuid::parse_str(&r.unwrap().text(0).unwrap()).unwrap())
        })
        .unwrap()
    }

    /// Runs the expiry job for `day` as the administrator's subcommand does.
    pub fn expire(&self, day: Date) -> tereze_protocol::ExpirySummary {
        let db = self.server.open_db();
        tereze_server::queue::in_transaction(&db, move |sql| {
            tereze_server::queue::offers::expire(sql, day, tereze_server::clock::now())
        })
        .unwrap()
    }

    pub fn lease(&self, who: &Client, organisation: &str, places: u32) -> Answer {
        who.post_json(
            "/v1/queue/leases",
            &serde_json::json!({
                "organisations": [{ "organisation_id": organisation, "places": places }],
                "days": 3
            }),
        )
    }

    pub fn refer(
        &self,
        who: &Client,
        lease: &LeaseRecord,
        request: Uuid,
        group: &str,
        issued_at: OffsetDateTime,
    ) -> Answer {
        who.post_json(
            &format!("/v1/queue/leases/{}/referrals", lease.lease_id),
            &serde_json::json!({
                "request_id": request,
                "group_id": group,
                "issued_at": issued_at.format(&time::format_description::well_known::Rfc3339).unwrap(),
            }),
        )
    }
}

impl Client {
    pub fn post_json(&self, path: &str, body: &serde_json::Value) -> Answer {
        self.post(path, &serde_json::to_vec(body).unwrap())
    }

    /// A PUT with a JSON body (the shared client's `put` sends raw bytes).
    pub fn put_json(&self, path: &str, body: &serde_json::Value) -> Answer {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let response = agent
            .put(format!("{}{path}", self.base))
            .header(tereze_protocol::PROTOCOL_HEADER, &self.protocol)
            .header("authorization", &format!("Bearer {}", self.credential))
            .header(tereze_protocol::OPERATOR_HEADER, &self.operator.to_string())
            .header("content-type", "application/json")
            .send(&serde_json::to_vec(body).unwrap()[..])
            .unwrap();
        let status = response.status().as_u16();
        let body = response.into_body().read_to_string().unwrap_or_default();
        Answer {
            status,
            body,
            headers: Vec::new(),
        }
    }
}
