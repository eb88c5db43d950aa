//! Search as an operator uses it: wrong keyboard layout, ё/е, case, word prefixes, addresses,
//! exact IIN, and query strings that must never break or reach the FTS5 syntax.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::iin::{Iin, Sex};
use tereze_core::store::{NewOperator, RequestDraft, Role, Store};
use time::Date;
use time::macros::date;
use uuid::Uuid;

fn iin(birth: Date, sex: Sex, serial: u16) -> Iin {
    (serial..)
        .find_map(|s| Iin::compose(birth, sex, s))
        .unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    op: Uuid,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = store
        .add_operator(
            &NewOperator {
                iin: iin(date!(1984 - 01 - 20), Sex::Male, 10),
                full_name: "Тұрсынов Бауыржан".into(),
                role: Role::Executor,
                office_id: "edu-2".into(),
                password_hash: None,
            },
            None,
        )
        .unwrap()
        .id;
    Fixture {
        _dir: dir,
        store,
        op,
    }
}

impl Fixture {
    fn save(&mut self, pairs: &[(&str, &str)]) -> Uuid {
        let fields: FieldValues = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self.store
            .save_request(
                &RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "preschool-queue".into(),
                    profile: "default".into(),
                    channel: Channel::Office,
                    fields,
                },
                self.op,
            )
            .unwrap()
            .id
    }

    fn find(&self, query: &str) -> Vec<Uuid> {
        self.store
            .search(query, 50)
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect()
    }
}

#[test]
fn latin_i_finds_the_kazakh_i_and_back() {
    let mut f = fixture();
    let kazakh = f.save(&[
        ("child-first-name", "Іңкәр"),
        ("child-last-name", "Сейтқали"),
    ]);
    // Typed on the wrong layout when the form was filled: a Latin I.
    let latin = f.save(&[
        ("child-first-name", "Iлияс"),
        ("child-last-name", "Ахметов"),
    ]);
    assert_eq!(f.find("Iңкәр"), vec![kazakh], "Latin I in the query");
    assert_eq!(f.find("Іңкәр"), vec![kazakh]);
    assert_eq!(f.find("Ілияс"), vec![latin], "Kazakh І in the query");
    assert_eq!(f.find("iлияс"), vec![latin]);
}

#[test]
fn yo_and_ye_case_and_prefixes_are_all_the_same_to_search() {
    let mut f = fixture();
    let id = f.save(&[
        ("applicant-last-name", "Королёва"),
        ("applicant-first-name", "Алёна"),
        ("applicant-patronymic", "Сергеевна"),
        ("child-last-name", "Королёв"),
        ("child-first-name", "Семён"),
    ]);
    let other = f.save(&[("child-last-name", "Корнеев"), ("child-first-name", "Пётр")]);
    assert_eq!(f.find("Королева"), vec![id]);
    assert_eq!(f.find("СЕМЕН"), vec![id]);
    assert_eq!(f.find("семён"), vec![id]);
    assert_eq!(f.find("алена сергеевна"), vec![id]);
    assert_eq!(
        f.find("Кор Сем"),
        vec![id],
        "every word is a prefix, all must match"
    );
    let mut both = f.find("Кор");
    both.sort();
    let mut expected = vec![id, other];
    expected.sort();
    assert_eq!(both, expected);
    assert!(
        f.find("Королевская").is_empty(),
        "a longer word is not a prefix"
    );
    assert!(
        f.find("Семён Пётр").is_empty(),
        "words of different requests"
    );
    assert_eq!(f.find("Петр"), vec![other]);
}

#[test]
fn addresses_are_searched_and_other_fields_are_not() {
    let mut f = fixture();
    let id = f.save(&[
        ("child-first-name", "Айару"),
        ("applicant-address", "Шымкент қ., Байтұрсынов к-сі, 12 үй"),
        ("note", "Мейірім балабақшасы"),
    ]);
    assert_eq!(f.find("байтұрсынов"), vec![id]);
    assert_eq!(f.find("шымкент 12"), vec![id]);
    assert!(
        f.find("Мейірім").is_empty(),
        "free-text fields are not indexed"
    );
    assert_eq!(f.store.search("Айару", 5).unwrap()[0].names, vec!["Айару"]);
}

#[test]
fn the_index_follows_every_save() {
    let mut f = fixture();
    let id = f.save(&[("child-first-name", "Әлихан")]);
    let mut edit = RequestDraft {
        id: Some(id),
        expected_version: Some(1),
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: Channel::Office,
        fields: [("child-first-name".to_owned(), "Әлинұр".to_owned())]
            .into_iter()
            .collect(),
    };
    f.store.save_request(&edit, f.op).unwrap();
    assert!(f.find("Әлихан").is_empty());
    assert_eq!(f.find("Әлинұр"), vec![id]);
    // A conflicting save does not touch the index either.
    edit.fields
        .insert("child-first-name".into(), "Болат".into());
    assert!(f.store.save_request(&edit, f.op).is_err());
    assert!(f.find("Болат").is_empty());
}

#[test]
fn hostile_queries_are_searched_as_text_and_break_nothing() {
    let mut f = fixture();
    let odd = f.save(&[
        ("child-last-name", "O'Brien"),
        ("child-first-name", "\"*\" NEAR( OR"),
    ]);
    let plain = f.save(&[("child-first-name", "Данияр")]);
    for q in [
        "\"",
        "*",
        "OR",
        "AND",
        "NOT",
        "NEAR(",
        "NEAR(a b",
        "'; DROP TABLE requests; --",
        "\"; DROP TABLE request_search; --",
        "a\"b",
        "^",
        "-",
        "col:x",
        "names:Данияр",
        "(Данияр",
        "Данияр)",
        "\0",
        "",
        "   ",
    ] {
        let result = f.store.search(q, 10);
        assert!(result.is_ok(), "query {q:?} failed: {result:?}");
    }
    // Syntax characters are dropped, words stay words.
    assert_eq!(f.find("(Данияр"), vec![plain]);
    assert_eq!(
        f.find("names:Данияр"),
        Vec::<Uuid>::new(),
        "'names' is a word, not a column"
    );
    assert_eq!(f.find("O'Brien"), vec![odd]);
    assert_eq!(f.find("near"), vec![odd]);
    assert_eq!(
        f.find("OR"),
        vec![odd],
        "OR is a word here, not an operator"
    );
    assert!(
        f.find("*").is_empty(),
        "a bare star matches nothing rather than everything"
    );
    // Nothing was dropped.
    assert_eq!(f.store.list_requests(10).unwrap().len(), 2);
    assert_eq!(f.find("Данияр"), vec![plain]);
}

#[test]
fn an_iin_finds_the_child_or_the_applicant_exactly() {
    let mut f = fixture();
    let child = iin(date!(2021 - 05 - 17), Sex::Female, 300);
    let mother = iin(date!(1993 - 09 - 02), Sex::Female, 400);
    let near_miss = iin(
        date!(2021 - 05 - 17),
        Sex::Female,
        child_serial_after(&child),
    );
    let id = f.save(&[
        ("child-iin", &child.as_string()),
        ("applicant-iin", &mother.as_string()),
        ("child-first-name", "Аружан"),
    ]);
    let other = f.save(&[("child-iin", &near_miss.as_string())]);
    // A note that happens to hold the same digits is not an IIN field.
    f.save(&[("note", &child.as_string())]);

    assert_eq!(f.find(&child.as_string()), vec![id]);
    assert_eq!(f.find(&mother.as_string()), vec![id]);
    let spaced = format!("{} {}", &child.as_string()[..6], &child.as_string()[6..]);
    assert_eq!(
        f.find(&spaced),
        vec![id],
        "spaces in a typed IIN are ignored"
    );
    assert_eq!(f.find(&near_miss.as_string()), vec![other]);
    assert!(
        f.find(&child.as_string()[..11]).is_empty(),
        "no partial IIN match"
    );
    let by_type: Vec<Uuid> = f
        .store
        .search_iin(&child, 10)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(by_type, vec![id]);
}

fn child_serial_after(iin: &Iin) -> u16 {
    iin.as_string()[7..11].parse::<u16>().unwrap() + 1
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
