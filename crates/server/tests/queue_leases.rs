//! Offline leases on SQLite and PostgreSQL: two workstations that lease places and issue
//! referrals at the same time can never hand out the same place; a referral issued before the
//! lease expired is accepted when it arrives late; unused places return on expiry.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod support;

#[path = "support/queue.rs"]
mod queue_support;

use std::collections::BTreeSet;

use queue_support::{Child, Desk, base_date, born_aged};
use support::{Client, OFFICE, TestDb, on_both};
use tereze_protocol::{ApiError, LeaseRecord, OfferRecord};
use tereze_server::queue::today;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

const G2: &str = "demo-arys-baldauren-g2";
const ORG: &str = "demo-arys-baldauren";

fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(t.nanosecond() / 1000 * 1000).unwrap()
}

fn reason(a: &support::Answer) -> String {
    a.json::<ApiError>().key().to_owned()
}

/// A second workstation of the same office, used by the same executor.
fn second_workstation(desk: &Desk) -> Client {
    let db = desk.server.open_db();
    let p = tereze_server::admin::provision_workstation(&db, OFFICE, "second", None).unwrap();
    Client::new(&desk.server.url, &p.credential, desk.server.executor)
}

fn waiting_children(desk: &mut Desk, n: i64) -> Vec<Uuid> {
    let born = born_aged(base_date(today()), 3);
    let t0 = now() - Duration::days(60);
    (0..n)
        .map(|i| {
            desk.register(&Child::new("Ахметова", born, t0 + Duration::hours(i)))
                .0
        })
        .collect()
}

#[test]
fn two_workstations_leasing_and_referring_at_once_never_hand_out_the_same_place() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 3)]);
        let children = waiting_children(&mut desk, 8);
        let first = desk.server.client(desk.server.executor);
        let second = second_workstation(&desk);

        let answers = std::thread::scope(|s| {
            let a = s.spawn(|| desk.lease(&first, ORG, 2));
            let b = s.spawn(|| desk.lease(&second, ORG, 2));
            [a.join().unwrap(), b.join().unwrap()]
        });
        let mut leases: Vec<Option<LeaseRecord>> = Vec::new();
        for a in &answers {
            match a.status {
                200 => leases.push(Some(a.json())),
                400 => {
                    assert_eq!(reason(a), "queue-server-no-vacant-places");
                    leases.push(None);
                }
                other => panic!("{}: lease answered {other}: {}", db.label, a.body),
            }
        }
        let leased: u32 = leases
            .iter()
            .flatten()
            .flat_map(|l| &l.places)
            .map(|p| p.places)
            .sum();
        assert_eq!(leased, 3, "{}: three places, leased once each", db.label);
        let g = &desk.groups()[G2];
        assert_eq!((g.reserved, g.vacant), (3, 0));
        assert!(desk.run_ok(base_date(today()), 1).offers.is_empty());
        let more = desk.lease(&first, ORG, 1);
        assert_eq!(reason(&more), "queue-server-no-vacant-places");

        // Both workstations were offline and each referred children from its own cached
        // queue, overlapping; now both push at once.
        let issued = now() - Duration::minutes(5);
        let pushes = std::thread::scope(|s| {
            let handles: Vec<_> = [(&first, &leases[0], 0usize), (&second, &leases[1], 1usize)]
                .into_iter()
                .map(|(client, lease, skew)| {
                    let desk = &desk;
                    let children = &children;
                    s.spawn(move || {
                        let Some(lease) = lease else {
                            return Vec::new();
                        };
                        (0..4)
                            .map(|i| {
                                let child = children[i + skew];
                                (child, desk.refer(client, lease, child, G2, issued))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect::<Vec<_>>()
        });
        let mut referred = BTreeSet::new();
        for (child, a) in &pushes {
            match a.status {
                200 => {
                    let offer: OfferRecord = a.json();
                    assert_eq!(offer.state, "referred");
                    assert!(
                        referred.insert(*child),
                        "{}: a child referred twice",
                        db.label
                    );
                }
                400 => assert!(
                    ["queue-server-lease-no-place", "queue-server-not-waiting"]
                        .contains(&reason(a).as_str()),
                    "{}",
                    a.body
                ),
                other => panic!("{other}: {}", a.body),
            }
        }
        assert_eq!(
            referred.len(),
            3,
            "{}: every leased place used once",
            db.label
        );
        let g = &desk.groups()[G2];
        assert_eq!((g.capacity, g.reserved, g.vacant), (3, 3, 0));
        let referred_rows = desk
            .server
            .open_db()
            .run_blocking(|s| {
                s.query_opt(
                    "SELECT count(*) FROM queue_offers WHERE group_id = $1 AND state = 'referred'",
                    &[G2.into()],
                )
                .map(|r| r.unwrap().int(0).unwrap())
            })
            .unwrap();
        assert_eq!(referred_rows, 3);

        // A lease is its holder's alone.
        if let (Some(a), Some(_)) = (&leases[0], &leases[1]) {
            let foreign = desk.refer(&second, a, children[7], G2, issued);
            assert_eq!(foreign.status, 403);
            assert_eq!(reason(&foreign), "queue-server-lease-not-yours");
        }
    });
}

#[test]
fn a_late_referral_issued_before_expiry_is_accepted_and_unused_places_return() {
    on_both(|db: TestDb| {
        let mut desk = Desk::open(&db);
        desk.only(&[(G2, 2)]);
        let children = waiting_children(&mut desk, 3);
        let mut russian = Child::new("Бекова", born_aged(base_date(today()), 3), now());
        russian.language = "ru";
        let (other_language, _, _) = desk.register(&russian);
        let ws = desk.server.client(desk.server.executor);
        let a = desk.lease(&ws, ORG, 2);
        assert_eq!(a.status, 200, "{}", a.body);
        let lease: LeaseRecord = a.json();
        assert_eq!(lease.places.len(), 1);
        assert_eq!(lease.places[0].places, 2);
        assert!(lease.returns_at > lease.expires_at);
        assert_eq!(
            reason(&desk.refer(&ws, &lease, other_language, G2, now())),
            "queue-server-does-not-fit"
        );
        let listed = ws.get("/v1/queue/leases");
        assert_eq!(listed.json::<Vec<LeaseRecord>>(), vec![lease.clone()]);

        // The workstation went offline; the lease expired an hour ago; it comes back now.
        let id = lease.lease_id.to_string();
        let (expired, hold) = (
            tereze_server::clock::text(now() - Duration::hours(1)),
            tereze_server::clock::text(now() + Duration::days(1)),
        );
        desk.server
            .open_db()
            .run_blocking(move |s| {
                s.execute(
                    "UPDATE queue_leases SET expires_at = $1, returns_at = $2 WHERE id = $3",
                    &[expired.into(), hold.into(), id.into()],
                )
            })
            .unwrap();
        let on_time = desk.refer(&ws, &lease, children[0], G2, now() - Duration::hours(2));
        assert_eq!(on_time.status, 200, "{}: {}", db.label, on_time.body);
        let offer: OfferRecord = on_time.json();
        assert_eq!(offer.state, "referred");
        assert!(offer.referral_until.is_some());
        let again = desk.refer(&ws, &lease, children[0], G2, now() - Duration::hours(2));
        assert_eq!(
            again.json::<OfferRecord>().offer_id,
            offer.offer_id,
            "a resent referral"
        );
        let late = desk.refer(&ws, &lease, children[1], G2, now() - Duration::minutes(10));
        assert_eq!(late.status, 400);
        assert_eq!(reason(&late), "queue-server-lease-expired");
        assert_eq!(desk.entries()[&children[0]].state, "referred");
        assert_eq!(desk.groups()[G2].vacant, 0, "one referred, one still held");

        // Past the hold: the unused place returns and is offered on.
        let id = lease.lease_id.to_string();
        let gone = tereze_server::clock::text(now() - Duration::minutes(1));
        desk.server
            .open_db()
            .run_blocking(move |s| {
                s.execute(
                    "UPDATE queue_leases SET returns_at = $1 WHERE id = $2",
                    &[gone.into(), id.into()],
                )
            })
            .unwrap();
        let s = desk.expire(today());
        assert_eq!(s.leases_returned, 1, "{}", db.label);
        let g = &desk.groups()[G2];
        if tereze_server::queue::rules().unwrap().is_frozen(today()) {
            assert_eq!(g.vacant, 1);
        } else {
            assert_eq!(s.offers_made, 1);
            assert_eq!(desk.entries()[&children[1]].state, "offered");
            assert_eq!((g.reserved, g.vacant), (2, 0));
        }
        let after = desk.refer(&ws, &lease, children[2], G2, now() - Duration::hours(2));
        assert_eq!(reason(&after), "queue-server-lease-expired");
    });
}
