//! The ФЛК through the shipped preschool regulation: a correct form passes, and each typical
//! counter mistake gives exactly one issue on the field where the operator has to fix it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tereze_core::flk::{self, FlkReport};
use tereze_core::form::FieldValues;
use tereze_core::iin::{Iin, Sex};
use tereze_core::regulation::{Registry, Regulation};
use time::Date;
use time::macros::date;

fn preschool() -> Regulation {
    Registry::builtin()
        .unwrap()
        .get("preschool-queue")
        .unwrap()
        .clone()
}

fn iin(birth: Date, sex: Sex) -> Iin {
    (0..1000).find_map(|s| Iin::compose(birth, sex, s)).unwrap()
}

fn valid_form() -> FieldValues {
    let mut v = FieldValues::new();
    let mut set = |k: &str, val: &str| {
        v.insert(k.to_owned(), val.to_owned());
    };
    set(
        "applicant-iin",
        &iin(date!(1990 - 05 - 14), Sex::Female).to_string(),
    );
    set("applicant-rnn", "600400123456");
    set("applicant-last-name", "Қасымова");
    set("applicant-first-name", "Әлия");
    set("applicant-patronymic", "Серікқызы");
    set("applicant-address", "Шымкент қ., Жангелдин к-сі, 42");
    set("applicant-postal-index", "160000");
    set("applicant-phone", "8 (7252) 30-06-79");
    set("applicant-email", "aliya@mail.kz");
    set(
        "child-iin",
        &iin(date!(2021 - 03 - 14), Sex::Male).to_string(),
    );
    set("child-last-name", "Қасымов");
    set("child-first-name", "Нұрлан");
    set("child-birth-date", "14.03.2021");
    set("child-sex", "male");
    set("group-language", "kk");
    set("correctional-group", "false");
    set("privilege-category", "none");
    v
}

const ATTACHED: &[&str] = &["birth-certificate"];

fn run(values: &FieldValues, profile: &str, attached: &[&str]) -> FlkReport {
    flk::check(&preschool(), profile, values, attached).unwrap()
}

/// Asserts the report has exactly one error, on `field`, with message `key`.
fn only_error(report: &FlkReport, field: &str, key: &str) {
    assert_eq!(report.errors.len(), 1, "{:#?}", report.errors);
    assert_eq!(report.errors[0].field, field);
    assert_eq!(report.errors[0].message.key, key);
    assert!(!report.is_ok());
}

#[test]
fn a_complete_form_passes_under_every_profile_and_is_normalised() {
    for profile in [
        "default",
        "pavlodar-2012",
        "south-kazakhstan-2012",
        "astana-2016",
    ] {
        let r = run(&valid_form(), profile, ATTACHED);
        assert!(r.is_ok(), "{profile}: {:#?}", r.errors);
        assert!(r.warnings.is_empty());
        assert_eq!(r.values["applicant-phone"], "+77252300679");
        assert_eq!(r.values["child-birth-date"], "2021-03-14");
    }
}

#[test]
fn a_wrong_iin_control_digit_is_one_error_on_that_iin() {
    let mut v = valid_form();
    let good = v["child-iin"].clone();
    let last = good.as_bytes()[11] - b'0';
    let bad = format!("{}{}", &good[..11], (last + 1) % 10);
    v.insert("child-iin".into(), bad.clone());
    let r = run(&v, "default", ATTACHED);
    only_error(&r, "child-iin", "iin-control-digit");
    assert_eq!(
        r.values["child-iin"], bad,
        "the typed value is kept for correction"
    );
}

#[test]
fn a_missing_child_iin_blocks_pavlodar_but_not_south_kazakhstan() {
    let mut v = valid_form();
    v.remove("child-iin");
    only_error(
        &run(&v, "pavlodar-2012", ATTACHED),
        "child-iin",
        "flk-mandatory-missing",
    );
    only_error(
        &run(&v, "default", ATTACHED),
        "child-iin",
        "flk-mandatory-missing",
    );
    assert!(run(&v, "south-kazakhstan-2012", ATTACHED).is_ok());
}

#[test]
fn a_blank_rnn_blocks_default_but_not_astana() {
    let mut v = valid_form();
    v.insert("applicant-rnn".into(), "   ".into());
    only_error(
        &run(&v, "default", ATTACHED),
        "applicant-rnn",
        "flk-mandatory-missing",
    );
    let r = run(&v, "astana-2016", ATTACHED);
    assert!(r.is_ok());
    assert!(!r.values.contains_key("applicant-rnn"));
}

#[test]
fn a_phone_that_is_too_long_is_refused() {
    let mut v = valid_form();
    v.insert("applicant-phone".into(), "8 701 123 45 67 89 012".into());
    let r = run(&v, "default", ATTACHED);
    only_error(&r, "applicant-phone", "phone-too-long");
    assert_eq!(r.errors[0].message.get("max"), Some("15"));
}

#[test]
fn a_local_phone_is_only_accepted_where_the_region_allows_it() {
    let mut v = valid_form();
    v.insert("applicant-phone".into(), "30-06-79".into());
    only_error(
        &run(&v, "default", ATTACHED),
        "applicant-phone",
        "phone-local-not-allowed",
    );
    let r = run(&v, "south-kazakhstan-2012", ATTACHED);
    assert!(r.is_ok());
    assert_eq!(r.values["applicant-phone"], "300679");
}

#[test]
fn a_postal_index_with_a_letter_is_refused() {
    let mut v = valid_form();
    v.insert("applicant-postal-index".into(), "16000O".into());
    only_error(
        &run(&v, "default", ATTACHED),
        "applicant-postal-index",
        "postal-not-digits",
    );
}

#[test]
fn a_child_iin_that_disagrees_with_the_birth_date_is_refused() {
    let mut v = valid_form();
    v.insert("child-birth-date".into(), "15.03.2021".into());
    let r = run(&v, "default", ATTACHED);
    only_error(&r, "child-iin", "iin-mismatch-birth-date");
    assert_eq!(r.errors[0].message.get("iin_date"), Some("14.03.2021"));
}

#[test]
fn a_child_iin_that_disagrees_with_the_sex_is_refused() {
    let mut v = valid_form();
    v.insert("child-sex".into(), "female".into());
    only_error(
        &run(&v, "default", ATTACHED),
        "child-iin",
        "iin-mismatch-sex",
    );
}

#[test]
fn a_correctional_group_needs_the_pmpk_decision() {
    let mut v = valid_form();
    v.insert("correctional-group".into(), "иә".into());
    only_error(
        &run(&v, "default", ATTACHED),
        "pmpk-decision",
        "flk-attachment-missing",
    );
    let r = run(&v, "default", &["birth-certificate", "pmpk-decision"]);
    assert!(r.is_ok(), "{:#?}", r.errors);
    assert_eq!(r.values["correctional-group"], "true");
}

#[test]
fn a_claimed_privilege_needs_its_document() {
    let mut v = valid_form();
    v.insert(
        "privilege-category".into(),
        "first-priority-large-family".into(),
    );
    only_error(
        &run(&v, "default", ATTACHED),
        "privilege-document",
        "flk-attachment-missing",
    );
    assert!(run(&v, "default", &["birth-certificate", "privilege-document"]).is_ok());
}

#[test]
fn the_birth_certificate_is_always_required() {
    only_error(
        &run(&valid_form(), "default", &[]),
        "birth-certificate",
        "flk-attachment-missing",
    );
}

#[test]
fn a_mixed_script_name_is_only_a_warning() {
    let mut v = valid_form();
    v.insert("child-first-name".into(), "Iңкәр".into());
    let r = run(&v, "default", ATTACHED);
    assert!(r.is_ok(), "{:#?}", r.errors);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].field, "child-first-name");
    assert_eq!(r.warnings[0].message.key, "name-mixed-script");
}

#[test]
fn an_unknown_field_or_slot_is_an_error_on_it() {
    let mut v = valid_form();
    v.insert("favourite-colour".into(), "blue".into());
    let r = run(&v, "default", ATTACHED);
    only_error(&r, "favourite-colour", "flk-unknown-field");
    assert!(!r.values.contains_key("favourite-colour"));
    only_error(
        &run(&valid_form(), "default", &["birth-certificate", "selfie"]),
        "selfie",
        "flk-unknown-attachment",
    );
}

#[test]
fn an_option_outside_the_list_is_refused() {
    let mut v = valid_form();
    v.insert("group-language".into(), "en".into());
    only_error(
        &run(&v, "default", ATTACHED),
        "group-language",
        "choice-not-an-option",
    );
}

#[test]
fn an_unknown_profile_is_the_only_hard_failure() {
    assert!(flk::check(&preschool(), "nowhere", &valid_form(), ATTACHED).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_engine_never_panics(
        values in proptest::collection::btree_map(
            prop_oneof![
                Just("applicant-iin".to_owned()),
                Just("applicant-phone".to_owned()),
                Just("applicant-postal-index".to_owned()),
                Just("applicant-email".to_owned()),
                Just("applicant-last-name".to_owned()),
                Just("child-iin".to_owned()),
                Just("child-birth-date".to_owned()),
                Just("child-sex".to_owned()),
                Just("correctional-group".to_owned()),
                Just("privilege-category".to_owned()),
                Just("applicant-rnn".to_owned()),
                ".*",
            ],
            ".*",
            0..20,
        ),
        slots in proptest::collection::vec(".*", 0..4),
    ) {
        let reg = preschool();
        let slot_refs: Vec<&str> = slots.iter().map(String::as_str).collect();
        for profile in ["default", "south-kazakhstan-2012"] {
            let r = flk::check(&reg, profile, &values, &slot_refs).unwrap();
            for issue in r.errors.iter().chain(&r.warnings) {
                let known = reg.field(&issue.field).is_some()
                    || reg.attachment(&issue.field).is_some()
                    || values.contains_key(&issue.field)
                    || slots.contains(&issue.field);
                prop_assert!(known, "issue on {:?}", issue.field);
            }
        }
    }

    #[test]
    fn any_valid_child_iin_with_its_own_date_and_sex_passes(
        days in 0i64..7000,
        female in any::<bool>(),
        serial in 0u16..10_000,
    ) {
        let birth = date!(2006 - 01 - 01) + time::Duration::days(days);
        let sex = if female { Sex::Female } else { Sex::Male };
        if let Some(child) = Iin::compose(birth, sex, serial) {
            let mut v = valid_form();
            v.insert("child-iin".into(), child.to_string());
            v.insert("child-birth-date".into(), tereze_core::text::format_date(birth));
            v.insert("child-sex".into(), sex.as_str().into());
            let r = run(&v, "default", ATTACHED);
            prop_assert!(r.is_ok(), "{:?}", r.errors);
        }
    }
}
