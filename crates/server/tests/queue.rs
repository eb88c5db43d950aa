//! The preschool queue through HTTP, on SQLite and on PostgreSQL: official numbers by class and
//! application time, the clock check, allocation runs with the 1 : 3 ratio and the August
//! freeze, offers declined or expired, referrals annulled into the stop-list, replay, the
//! published list, groups kept by the administrator and the position lookup.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod support;

#[path = "support/queue.rs"]
mod queue_support;

use queue_support::{Child, Desk, base_date, born_aged};
use support::{TestDb, iin, on_both, server_binary};
use tereze_protocol::{ApiError, GroupRecord, OfferRecord, PublishedList, ReplayResult};
use tereze_server::queue::today;
use time::{Date, Duration, Month, OffsetDateTime};

const G2: &str = "demo-arys-baldauren-g2";

/// Now, at the microsecond precision the server stores.
fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(t.nanosecond() / 1000 * 1000).unwrap()
}

fn reason(a: &support::Answer) -> String {
    a.json::<ApiError>().key().to_owned()
}

fn count(desk: &Desk, sql: &'static str) -> i64 {
    desk.server
        .open_db()
        .run_blocking(move |s| {
            s.query_opt(sql, &[])
                .map(|r| r.map_or(0, |r| r.int(0).unwrap()))
        })
        .unwrap()
}

fn frozen(d: Date) -> bool {
    tereze_server::queue::rules().unwrap().is_frozen(d)
}

#[test]
fn children_are_numbered_by_class_then_time_and_the_number_reaches_the_workstation() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        let born = born_aged(base_date(today()), 3);
        let t0 = now() - Duration::days(100);
        let mut a = Child::new("Ахметова", born, t0);
        a.iin = Some(iin(101));
        let b = Child::new("Бекова", born, t0 + Duration::hours(1));
        let c = Child::new("Серикова", born, t0 + Duration::hours(2))
            .category("extraordinary-military");
        let e = Child::new("Ермекова", born, t0 + Duration::hours(3))
            .category("first-priority-large-family");
        let (ia, na, pa) = desk.register(&a);
        let (_, _, pb) = desk.register(&b);
        let (ic, _, pc) = desk.register(&c);
        let (ie, _, pe) = desk.register(&e);
        // A privilege whose document was taken off again counts as general.
        let mut unproven =
            Child::new("Жанова", born, t0 + Duration::hours(4)).category("first-priority-orphan");
        unproven.document_removed = true;
        let (iu, _, pu) = desk.register(&unproven);
        assert_eq!(pu.unwrap().number, 5, "{}", db.label);
        let numbers: Vec<u32> = [&pa, &pb, &pc, &pe]
            .iter()
            .map(|p| p.as_ref().expect("a queue place on the request").number)
            .collect();
        // The extraordinary child goes to the front, the first-priority one after it.
        assert_eq!(numbers, vec![1, 2, 1, 2], "{}", db.label);
        let pa = pa.unwrap();
        assert_eq!(pa.cohort, born.year());
        assert_eq!(pa.state, "waiting");
        assert_eq!(pa.clock_flag, None);
        assert_eq!(pa.applied_at, t0, "an honest offline time is kept");

        // Positions move as others are placed ahead: now С, Е, А, Б.
        assert_eq!(desk.position_by_number(&na).position, 3);
        let by_iin = desk.executor.post_json(
            "/v1/queue/position",
            &serde_json::json!({ "child_iin": iin(101) }),
        );
        assert_eq!(by_iin.status, 200, "{}", by_iin.body);
        let by_iin: tereze_protocol::PositionAnswer = by_iin.json();
        assert_eq!((by_iin.request_id, by_iin.position), (ia, 3));
        assert_eq!(by_iin.state, "waiting");
        let con = desk.con_operator.post_json(
            "/v1/queue/position",
            &serde_json::json!({ "request_number": na }),
        );
        assert_eq!(con.status, 200, "a ЦОН operator may look a child up");
        let both = desk.executor.post_json(
            "/v1/queue/position",
            &serde_json::json!({ "request_number": na, "child_iin": iin(101) }),
        );
        assert_eq!(both.status, 400);
        assert_eq!(reason(&both), "queue-server-lookup-key");
        let admin = desk.admin.post_json(
            "/v1/queue/position",
            &serde_json::json!({ "request_number": na }),
        );
        assert_eq!(admin.status, 403);
        let unknown = desk.executor.post_json(
            "/v1/queue/position",
            &serde_json::json!({ "child_iin": iin(102) }),
        );
        assert_eq!(unknown.status, 404);

        let entries = desk.entries();
        assert_eq!(entries[&ic].position, 1);
        assert_eq!(entries[&ie].position, 2);
        assert_eq!(entries[&ic].class, "extraordinary");
        assert_eq!(entries[&ie].class, "first-priority");
        assert_eq!(entries[&iu].class, "general");
        // The IIN is stored only as its hash.
        let iin_text = iin(101);
        let plain = desk
            .server
            .open_db()
            .run_blocking(move |s| {
                s.query_opt(
                    "SELECT count(*) FROM queue_entries WHERE child_iin_sha256 = $1",
                    &[iin_text.into()],
                )
                .map(|r| r.unwrap().int(0).unwrap())
            })
            .unwrap();
        assert_eq!(plain, 0);
        assert_eq!(desk.executor.get("/v1/queue/entries").status, 403);

        // Lookups are counted per operator: a counter's pace passes, walking through IINs not.
        let limit = tereze_server::queue::lookup::LOOKUPS_PER_MINUTE;
        let answers: Vec<u16> = (0..=limit)
            .map(|_| {
                desk.executor
                    .post_json(
                        "/v1/queue/position",
                        &serde_json::json!({ "request_number": na }),
                    )
                    .status
            })
            .collect();
        let first_refused = answers.iter().position(|s| *s == 429);
        assert!(
            first_refused.is_some_and(|i| i > 20),
            "{}: {answers:?}",
            db.label
        );
        assert!(answers[first_refused.unwrap()..].iter().all(|s| *s == 429));
        assert_eq!(
            desk.head
                .post_json(
                    "/v1/queue/position",
                    &serde_json::json!({ "request_number": na })
                )
                .status,
            200,
            "another operator is not held up"
        );
    });
}

#[test]
fn a_workstation_clock_out_of_line_is_flagged_and_the_receipt_time_used() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        let born = born_aged(base_date(today()), 3);
        let started = now();
        let a = Child::new("Ахметова", born, started - Duration::days(1));
        let ahead = Child::new("Бекова", born, started + Duration::hours(3));
        // Offline with the clock set back ten days: this time would jump the queue.
        let behind = Child::new("Серикова", born, started - Duration::days(10));
        let (ia, _, _) = desk.register(&a);
        let (ib, _, pb) = desk.register(&ahead);
        let (ic, _, pc) = desk.register(&behind);
        let d = Child::new("Ермекова", born, now());
        let (id, _, pd) = desk.register(&d);
        assert_eq!(
            pb.unwrap().clock_flag.as_deref(),
            Some("future"),
            "{}",
            db.label
        );
        assert_eq!(pc.unwrap().clock_flag.as_deref(), Some("before-previous"));
        assert_eq!(
            pd.unwrap().clock_flag,
            None,
            "a future time does not poison later ones"
        );
        let entries = desk.entries();
        let c = &entries[&ic];
        assert_eq!(c.claimed_at, started - Duration::days(10));
        assert!(c.applied_at >= started, "ordered by the server's receipt");
        assert_eq!(c.clock_flag.as_deref(), Some("before-previous"));
        let order: Vec<_> = [ia, ib, ic, id]
            .iter()
            .map(|r| entries[r].position)
            .collect();
        assert_eq!(order, vec![1, 2, 3, 4]);
        assert_eq!(
            count(
                &desk,
                "SELECT count(*) FROM audit WHERE action = 'queue-clock-flag'"
            ),
            2
        );
    });
}

#[test]
fn a_run_serves_extraordinary_first_then_one_first_priority_in_four_and_publishes_no_names() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 9)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let t0 = now() - Duration::days(200);
        let mut n = 0;
        let mut at = || {
            n += 1;
            t0 + Duration::hours(n)
        };
        let mut ids = Vec::new();
        // Interleaved arrivals; the extraordinary ones applied last of all.
        for i in 0..10 {
            ids.push((
                "general",
                desk.register(&Child::new("Ахметова", born, at())).0,
            ));
            if i < 4 {
                let c = Child::new("Бекова", born, at()).category("first-priority-orphan");
                ids.push(("first-priority", desk.register(&c).0));
            }
        }
        for _ in 0..2 {
            let c = Child::new("Серикова", born, at()).category("extraordinary-special-state-body");
            ids.push(("extraordinary", desk.register(&c).0));
        }
        assert_eq!(
            desk.executor
                .post_json("/v1/queue/runs", &serde_json::json!({}))
                .status,
            403
        );
        let run = desk.run_ok(d, 7);
        let classes: Vec<&str> = run.offers.iter().map(|o| o.class.as_str()).collect();
        assert_eq!(
            classes,
            vec![
                "extraordinary",
                "extraordinary",
                "first-priority",
                "general",
                "general",
                "general",
                "first-priority",
                "general",
                "general"
            ],
            "{}",
            db.label
        );
        // Within a class, by application time.
        let general: Vec<_> = ids
            .iter()
            .filter(|(c, _)| *c == "general")
            .map(|(_, id)| *id)
            .collect();
        let offered_general: Vec<_> = run
            .offers
            .iter()
            .filter(|o| o.class == "general")
            .map(|o| o.request_id)
            .collect();
        assert_eq!(offered_general, general[..5].to_vec());
        assert!(
            run.offers
                .iter()
                .all(|o| o.state == "offered" && o.group_id == G2)
        );
        assert!(run.offers.iter().all(|o| o.respond_by > d));
        assert_eq!(desk.groups()[G2].vacant, 0);
        assert_eq!(desk.groups()[G2].reserved, 9);

        let published = desk
            .executor
            .get(&format!("/v1/queue/runs/{}/published", run.run_id));
        assert_eq!(published.status, 200, "{}", published.body);
        assert!(!published.body.contains("Ахметова") && !published.body.contains("Айша"));
        let list: PublishedList = published.json();
        assert_eq!(list.offers.len(), 9);
        assert_eq!(list.offers[0].initials, "С. А.");
        assert_eq!(list.offers[0].queue_number, 1);
        assert_eq!(list.vacancies.len(), 1);
        assert_eq!(
            (
                list.vacancies[0].vacant_before,
                list.vacancies[0].vacant_after
            ),
            (9, 0)
        );
    });
}

#[test]
fn a_declined_offer_puts_the_child_back_with_the_original_date_and_the_place_goes_on() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 1)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let t0 = now() - Duration::days(50);
        let (ia, na, _) = desk.register(&Child::new("Ахметова", born, t0));
        let (ib, _, _) = desk.register(&Child::new("Бекова", born, t0 + Duration::hours(1)));
        let run = desk.run_ok(d, 1);
        assert_eq!(run.offers.len(), 1);
        assert_eq!(run.offers[0].request_id, ia);
        assert_eq!(desk.place(ia).unwrap().state, "offered");
        // Enrolment needs a referral first; a ЦОН operator may record the refusal.
        let early = desk.answer(&desk.executor, run.offers[0].offer_id, "enroll");
        assert_eq!(reason(&early), "queue-server-offer-not-open");
        let declined = desk.answer(&desk.con_operator, run.offers[0].offer_id, "decline");
        assert_eq!(declined.status, 200, "{}", declined.body);
        assert_eq!(declined.json::<OfferRecord>().state, "declined");
        let a = &desk.entries()[&ia];
        assert_eq!(a.state, "waiting");
        assert_eq!(a.applied_at, t0, "the original date is kept");
        assert_eq!(desk.position_by_number(&na).position, 1);
        if !frozen(today()) {
            assert_eq!(
                desk.place(ib).unwrap().state,
                "offered",
                "the place went on to the next child"
            );
            assert_eq!(desk.groups()[G2].vacant, 0);
        }
        let again = desk.answer(&desk.executor, run.offers[0].offer_id, "accept");
        assert_eq!(again.status, 400);
        assert_eq!(reason(&again), "queue-server-offer-not-open");
    });
}

#[test]
fn an_unused_referral_is_annulled_into_the_stop_list_and_then_returns_with_the_original_date() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 1)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let t0 = now() - Duration::days(50);
        let (ia, na, _) = desk.register(&Child::new("Ахметова", born, t0));
        let (ib, _, _) = desk.register(&Child::new("Бекова", born, t0 + Duration::hours(1)));
        let run = desk.run_ok(d, 1);
        let referral = desk.answer_ok(run.offers[0].offer_id, "accept");
        assert_eq!(referral.state, "referred");
        let until = referral.referral_until.unwrap();
        assert!(until > today());
        assert_eq!(desk.place(ia).unwrap().state, "referred");

        let annulled_on = until + Duration::days(1);
        let s = desk.expire(annulled_on);
        assert_eq!(
            (s.referrals_annulled, s.offers_made),
            (1, 1),
            "{}",
            db.label
        );
        let a = desk.entries()[&ia].clone();
        assert_eq!(a.state, "stop-listed");
        let stop_until = annulled_on + Duration::days(10);
        assert_eq!(a.stop_listed_until, Some(stop_until));
        // The freed place went to the next child, who takes it up.
        assert_eq!(desk.entries()[&ib].state, "offered");
        let b_offer = desk.expire_offer_of(ib);
        desk.answer_ok(b_offer, "accept");
        desk.answer_ok(b_offer, "enroll");
        assert_eq!(desk.groups()[G2].occupied, 1);

        // While stop-listed the child takes no part, even first in line with a place free.
        assert_eq!(desk.set_counts(G2, 2, 1).status, 200);
        let during = desk.run_ok(annulled_on + Duration::days(2), 3);
        assert!(during.offers.is_empty(), "{}", db.label);
        let s = desk.expire(stop_until + Duration::days(1));
        assert_eq!(s.stop_lists_ended, 1);
        let a = &desk.entries()[&ia];
        assert_eq!(a.state, "waiting");
        assert_eq!(a.applied_at, t0, "back with the original date");
        assert_eq!(desk.position_by_number(&na).position, 1);
        let after = desk.run_ok(stop_until + Duration::days(2), 3);
        assert_eq!(after.offers.len(), 1);
        assert_eq!(after.offers[0].request_id, ia);
    });
}

#[test]
fn no_offers_are_made_in_august_neither_by_runs_nor_on_freed_places() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 1)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let (ia, _, _) = desk.register(&Child::new("Ахметова", born, now() - Duration::days(5)));
        desk.register(&Child::new("Бекова", born, now() - Duration::days(4)));
        let august = Date::from_calendar_date(d.year() + 1, Month::August, 10).unwrap();
        let refused = desk.run(august, 1);
        assert_eq!(refused.status, 400, "{}", db.label);
        assert_eq!(reason(&refused), "queue-frozen");
        assert_eq!(count(&desk, "SELECT count(*) FROM queue_runs"), 0);
        assert_eq!(desk.groups()[G2].vacant, 1);

        let run = desk.run_ok(d, 1);
        assert_eq!(run.offers[0].request_id, ia);
        // The offer lapses during the transfer: the child returns, the place is not offered on.
        let s = desk.expire(august);
        assert_eq!((s.offers_expired, s.offers_made), (1, 0));
        assert_eq!(desk.entries()[&ia].state, "waiting");
        assert_eq!(desk.groups()[G2].vacant, 1);
    });
}

#[test]
fn a_stored_run_replays_to_the_same_offers_and_a_changed_one_does_not() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 2), ("demo-arys-shuak-g1", 2)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let t0 = now() - Duration::days(30);
        for i in 0..6 {
            desk.register(&Child::new("Ахметова", born, t0 + Duration::hours(i)));
        }
        let run = desk.run_ok(d, 42);
        assert_eq!(run.offers.len(), 4);
        // Later changes to the queue do not change what the run was.
        desk.answer_ok(run.offers[0].offer_id, "decline");
        desk.register(&Child::new("Бекова", born, now()));
        let replay = desk
            .head
            .post(&format!("/v1/queue/runs/{}/replay", run.run_id), b"");
        assert_eq!(replay.status, 200, "{}", replay.body);
        let replay: ReplayResult = replay.json();
        assert!(replay.same, "{}", db.label);
        assert_eq!(replay.offers, 4);
        assert_eq!(
            desk.executor
                .post(&format!("/v1/queue/runs/{}/replay", run.run_id), b"")
                .status,
            403
        );
        let out = std::process::Command::new(server_binary())
            .args([
                "--db",
                &desk.server.db,
                "queue-replay",
                "--run",
                &run.run_id.to_string(),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("the same 4 offers"));

        // A run whose stored inputs were altered no longer reproduces its offers.
        let id = run.run_id.to_string();
        desk.server
            .open_db()
            .run_blocking(move |s| {
                s.execute(
                    "UPDATE queue_runs SET inputs = replace(inputs, '\"vacant\":2', '\"vacant\":1')
                     WHERE id = $1",
                    &[id.into()],
                )
            })
            .unwrap();
        let replay: ReplayResult = desk
            .head
            .post(&format!("/v1/queue/runs/{}/replay", run.run_id), b"")
            .json();
        assert!(!replay.same);
        let out = std::process::Command::new(server_binary())
            .args([
                "--db",
                &desk.server.db,
                "queue-replay",
                "--run",
                &run.run_id.to_string(),
            ])
            .output()
            .unwrap();
        assert!(!out.status.success());
    });
}

#[test]
fn the_administrator_keeps_groups_and_a_mini_centre_is_booked_like_a_kindergarten() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[]);
        let refused = desk.executor.put_json(
            &format!("/v1/queue/groups/{G2}"),
            &serde_json::json!({ "capacity": 5 }),
        );
        assert_eq!(refused.status, 403);
        assert_eq!(reason(&refused), "queue-server-admin-only");
        let bad = desk.set_counts(G2, 3, 4);
        assert_eq!(bad.status, 400);
        assert_eq!(reason(&bad), "queue-server-bad-counts");
        let group = serde_json::json!({
            "group_id": "arys-shuak-g2", "organisation_id": "demo-arys-shuak",
            "age_min": 2, "age_max": 5, "language": "kk", "correctional": false,
            "capacity": 1, "occupied": 0
        });
        let added = desk.admin.post_json("/v1/queue/groups", &group);
        assert_eq!(added.status, 200, "{}", added.body);
        let added: GroupRecord = added.json();
        assert_eq!(added.organisation_kind, "mini-centre");
        assert_eq!(added.vacant, 1);
        assert_eq!(
            reason(&desk.admin.post_json("/v1/queue/groups", &group)),
            "queue-server-group-exists"
        );
        let mut foreign = group.clone();
        foreign["group_id"] = "x".into();
        foreign["organisation_id"] = "demo-shym-akbota".into();
        assert_eq!(
            reason(&desk.admin.post_json("/v1/queue/groups", &foreign)),
            "queue-server-unknown-organisation",
            "another office's mini-centre"
        );

        let d = base_date(today());
        let (ia, _, _) = desk.register(&Child::new("Ахметова", born_aged(d, 3), now()));
        let run = desk.run_ok(d, 5);
        assert_eq!(run.offers.len(), 1, "{}", db.label);
        assert_eq!(run.offers[0].request_id, ia);
        assert_eq!(run.offers[0].organisation_id, "demo-arys-shuak");
        let offer = run.offers[0].offer_id;
        desk.answer_ok(offer, "accept");
        assert_eq!(desk.answer(&desk.con_operator, offer, "enroll").status, 403);
        desk.answer_ok(offer, "enroll");
        let g = &desk.groups()["arys-shuak-g2"];
        assert_eq!((g.occupied, g.reserved, g.vacant), (1, 0, 0));
        assert_eq!(desk.entries()[&ia].state, "enrolled");
        assert_eq!(desk.entries()[&ia].position, 0, "out of the queue");

        let out = std::process::Command::new(server_binary())
            .args([
                "--db",
                &desk.server.db,
                "queue-group",
                "--group",
                "arys-shuak-g2",
                "--capacity",
                "4",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("capacity 4, occupied 1"));
        assert_eq!(desk.groups()["arys-shuak-g2"].vacant, 3);
    });
}

#[test]
fn answers_and_lease_referrals_pushed_in_the_outbox_are_settled_like_counter_calls() {
    use tereze_protocol::{
        LeaseRecord, LeaseReferral, OfferAnswer, Operation, PushOutcome, QueueStep,
    };
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 2)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let t0 = now() - Duration::days(20);
        let (ia, _, _) = desk.register(&Child::new("Ахметова", born, t0));
        let (ib, _, _) = desk.register(&Child::new("Бекова", born, t0 + Duration::hours(1)));
        let run = desk.run_ok(d, 9);
        assert_eq!(run.offers.len(), 2);
        let by = desk.server.executor;
        let con = desk.server.con_operator;
        let step = |desk: &mut Desk, step: QueueStep, by: uuid::Uuid| {
            desk.op(Operation::QueueStep {
                step_id: uuid::Uuid::now_v7(),
                version: 1,
                step,
                by,
                at: now(),
            })
        };
        let accept = step(
            &mut desk,
            QueueStep::Answer {
                offer_id: run.offers[0].offer_id,
                answer: OfferAnswer::Accept,
            },
            by,
        );
        let enroll_by_con = step(
            &mut desk,
            QueueStep::Answer {
                offer_id: run.offers[0].offer_id,
                answer: OfferAnswer::Enroll,
            },
            con,
        );
        let unknown = step(
            &mut desk,
            QueueStep::Answer {
                offer_id: uuid::Uuid::now_v7(),
                answer: OfferAnswer::Decline,
            },
            by,
        );
        let decline = step(
            &mut desk,
            QueueStep::Answer {
                offer_id: run.offers[1].offer_id,
                answer: OfferAnswer::Decline,
            },
            by,
        );
        let ops = vec![accept, enroll_by_con, unknown, decline];
        let results: Vec<PushOutcome> = desk
            .executor
            .push(&ops)
            .results
            .into_iter()
            .map(|r| r.outcome)
            .collect();
        assert!(
            matches!(results[0], PushOutcome::Accepted { number: None, .. }),
            "{}: {results:?}",
            db.label
        );
        assert!(
            matches!(&results[1], PushOutcome::Rejected { reason } if reason == "server-not-permitted")
        );
        assert!(
            matches!(&results[2], PushOutcome::Rejected { reason } if reason == "queue-server-unknown-step")
        );
        assert!(matches!(results[3], PushOutcome::Accepted { .. }));
        // Pushed again: settled once.
        let again = desk.executor.push(&ops).results;
        assert!(again.iter().all(|r| r.outcome == PushOutcome::Duplicate));
        assert_eq!(desk.entries()[&ia].state, "referred");
        assert_eq!(desk.place(ia).unwrap().state, "referred");
        let b = &desk.entries()[&ib];
        assert_eq!(
            (b.state.as_str(), b.applied_at),
            ("waiting", t0 + Duration::hours(1))
        );

        // A referral against the workstation's lease, pushed after an offline day.
        assert_eq!(desk.set_counts(G2, 3, 0).status, 200);
        let a = desk.lease(&desk.executor, ORG, 1);
        assert_eq!(a.status, 200, "{}", a.body);
        let lease: LeaseRecord = a.json();
        let referral = step(
            &mut desk,
            QueueStep::LeaseReferral {
                lease_id: lease.lease_id,
                referral: LeaseReferral {
                    request_id: ib,
                    group_id: G2.into(),
                    issued_at: now() - Duration::minutes(1),
                },
            },
            by,
        );
        let out = desk.executor.push(&[referral]).results;
        assert!(
            matches!(out[0].outcome, PushOutcome::Accepted { .. }),
            "{:?}",
            out[0].outcome
        );
        assert_eq!(desk.entries()[&ib].state, "referred");
        let g = &desk.groups()[G2];
        assert_eq!(
            (g.reserved, g.vacant),
            (2, 1),
            "the leased place is now a referral"
        );
    });
}

const ORG: &str = "demo-arys-baldauren";

#[test]
fn a_refused_request_leaves_the_queue_and_its_offered_place_goes_on() {
    use tereze_protocol::{Operation, PushOutcome};
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 1)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let t0 = now() - Duration::days(20);
        let (ia, _, _) = desk.register(&Child::new("Ахметова", born, t0));
        let (ib, nb, _) = desk.register(&Child::new("Бекова", born, t0 + Duration::hours(1)));
        let run = desk.run_ok(d, 1);
        assert_eq!(run.offers[0].request_id, ia);
        let refuse = desk.op(Operation::SetStatus {
            request_id: ia,
            version: 4,
            from: "registered".into(),
            to: "refused".into(),
            action: "refuse".into(),
            outcome: Some("refused".into()),
            by: desk.server.executor,
            at: now(),
        });
        let out = desk.executor.push(&[refuse]).results;
        assert!(
            matches!(out[0].outcome, PushOutcome::Accepted { .. }),
            "{}: {:?}",
            db.label,
            out[0].outcome
        );
        let a = desk.place(ia).unwrap();
        assert_eq!(a.state, "removed");
        assert_eq!(desk.entries()[&ia].position, 0);
        assert_eq!(desk.position_by_number(&nb).position, 1);
        if !frozen(today()) {
            assert_eq!(desk.entries()[&ib].state, "offered", "the place went on");
        }
    });
}

#[test]
fn the_expiry_job_runs_inside_serve() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 1)]);
        let d = base_date(today());
        let (ia, _, _) = desk.register(&Child::new(
            "Ахметова",
            born_aged(d, 3),
            now() - Duration::days(3),
        ));
        let run = desk.run_ok(d, 1);
        assert_eq!(desk.entries()[&ia].state, "offered");
        // The answer window closed long ago; the job runs when `serve` starts, then every
        // quarter of an hour.
        let offer = run.offers[0].offer_id.to_string();
        desk.server
            .open_db()
            .run_blocking(move |s| {
                s.execute(
                    "UPDATE queue_offers SET respond_by = '2000-01-03' WHERE id = $1",
                    &[offer.into()],
                )
            })
            .unwrap();
        desk.restart();
        let mut state = String::new();
        for _ in 0..600 {
            state = desk.entries()[&ia].state.clone();
            if state == "waiting" {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert_eq!(
            state, "waiting",
            "{}: the offer expired inside serve",
            db.label
        );
    });
}

#[test]
fn a_withdrawn_child_leaves_the_queue_its_place_goes_on_and_the_step_is_audited() {
    use tereze_protocol::QueuePlace;
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 1)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let t0 = now() - Duration::days(20);
        let (ia, _, _) = desk.register(&Child::new("Ахметова", born, t0));
        let (ib, nb, _) = desk.register(&Child::new("Бекова", born, t0 + Duration::hours(1)));
        let (ic, nc, _) = desk.register(&Child::new("Галиева", born, t0 + Duration::hours(2)));
        let run = desk.run_ok(d, 1);
        assert_eq!(run.offers[0].request_id, ia);

        let path = format!("/v1/queue/entries/{ia}/withdraw");
        let by_admin = desk.admin.post(&path, b"");
        assert_eq!(by_admin.status, 403, "{}: {}", db.label, by_admin.body);
        assert_eq!(
            desk.entries()[&ia].state,
            "offered",
            "a refusal changes nothing"
        );

        let done = desk.con_operator.post(&path, b"");
        assert_eq!(done.status, 200, "{}: {}", db.label, done.body);
        assert_eq!(done.json::<QueuePlace>().state, "withdrawn");
        assert_eq!(
            desk.place(ia).unwrap().state,
            "withdrawn",
            "the office learns it"
        );
        assert_eq!(desk.entries()[&ia].position, 0);
        assert_eq!(desk.position_by_number(&nb).position, 1);
        assert_eq!(desk.position_by_number(&nc).position, 2);
        let published: PublishedList = desk
            .executor
            .get(&format!("/v1/queue/runs/{}/published", run.run_id))
            .json();
        assert_eq!(published.offers[0].state, "annulled");
        if !frozen(today()) {
            assert_eq!(desk.entries()[&ib].state, "offered", "the place went on");
        }
        assert_eq!(
            count(
                &desk,
                "SELECT count(*) FROM audit WHERE action = 'queue-withdrawn'"
            ),
            1
        );
        let again = desk.executor.post(&path, b"");
        assert_eq!(again.status, 400);
        assert_eq!(reason(&again), "queue-server-not-waiting");
        let unknown = desk.executor.post(
            &format!("/v1/queue/entries/{}/withdraw", uuid::Uuid::now_v7()),
            b"",
        );
        assert_eq!(unknown.status, 404);
        let _ = ic;
    });
}

#[test]
fn the_snapshot_carries_the_queue_open_offers_groups_leases_and_runs_of_the_office() {
    use tereze_protocol::QueueSnapshot;
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 2)]);
        let d = base_date(today());
        let born = born_aged(d, 3);
        let t0 = now() - Duration::days(20);
        let (ia, _, _) = desk.register(&Child::new("Ахметова", born, t0));
        let (ib, _, _) = desk.register(
            &Child::new("Бекова", born, t0 + Duration::hours(1))
                .category("first-priority-large-family"),
        );
        let (ic, _, _) = desk.register(&Child::new("Галиева", born, t0 + Duration::hours(2)));
        let by_admin = desk.admin.get("/v1/queue/snapshot");
        assert_eq!(by_admin.status, 403, "{}", by_admin.body);
        let before: QueueSnapshot = desk.executor.get("/v1/queue/snapshot").json();
        let order: Vec<_> = before
            .entries
            .iter()
            .map(|e| (e.request_id, e.position))
            .collect();
        assert_eq!(order, vec![(ib, 1), (ia, 2), (ic, 3)], "{}", db.label);
        assert_eq!(before.entries[0].class, "first-priority");
        assert_eq!(before.entries[0].birth_date, born);
        assert_eq!(before.entries[0].initials, "Б. А.");
        assert!(before.offers.is_empty() && before.runs.is_empty());
        let g2 = before.groups.iter().find(|g| g.group_id == G2).unwrap();
        assert_eq!(g2.vacant, 2);
        if frozen(d) {
            return;
        }
        let run = desk.run_ok(d, 1);
        assert_eq!(run.offers.len(), 2);
        let lease = desk.lease(&desk.executor, ORG, 1);
        assert_eq!(
            lease.status, 400,
            "no place is left to lease: {}",
            lease.body
        );
        let after: QueueSnapshot = desk.executor.get("/v1/queue/snapshot").json();
        assert_eq!(after.offers.len(), 2);
        assert!(after.offers.iter().all(|o| o.state == "offered"));
        assert_eq!(after.runs.len(), 1);
        assert_eq!(after.runs[0].run_id, run.run_id);
        assert_eq!(after.runs[0].offers, 2);
        let g2 = after.groups.iter().find(|g| g.group_id == G2).unwrap();
        assert_eq!(g2.vacant, 0);
        assert!(after.leases.is_empty());
    });
}
