//! The shipped regulation files load and say what the seeds say; broken files are refused with
//! the file, line and field a maintainer has to fix.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze_core::channel::Channel;
use tereze_core::deadline::{Step, Term};
use tereze_core::i18n::Localize;
use tereze_core::lifecycle::Flow;
use tereze_core::regulation::{FieldFormat, ProviderKind, Registry, RegulationError, Requirement};

const SERVICES: [&str; 5] = [
    "preschool-queue",
    "archive-certificate",
    "unemployed-certificate",
    "disabled-child-support",
    "school-admission",
];

fn builtin() -> Registry {
    Registry::builtin().expect("shipped regulations load")
}

#[test]
fn every_shipped_file_loads_and_the_five_services_are_there() {
    let reg = builtin();
    for id in SERVICES {
        let r = reg.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(r.profile("default").is_ok(), "{id} has a default profile");
        assert!(!r.fields.is_empty() && !r.outcomes.is_empty(), "{id}");
        assert!(
            r.field("applicant-iin").is_some(),
            "{id} asks for the applicant IIN"
        );
    }
    assert_eq!(reg.iter().count(), 5);
}

#[test]
fn the_shipped_folder_loads_the_same_as_the_compiled_in_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/regulations");
    assert_eq!(Registry::load_dir(&dir).unwrap(), builtin());
}

#[test]
fn providers_and_flows_match_the_services() {
    let reg = builtin();
    let pre = reg.get("preschool-queue").unwrap();
    assert_eq!(pre.provider, ProviderKind::EducationDepartment);
    assert_eq!(pre.flow, Flow::PreschoolQueue);
    assert_eq!(
        reg.get("archive-certificate").unwrap().provider,
        ProviderKind::Archive
    );
    assert_eq!(
        reg.get("school-admission").unwrap().provider,
        ProviderKind::School
    );
    assert_eq!(reg.get("school-admission").unwrap().flow, Flow::Standard);
    assert_eq!(
        pre.names.ru,
        "Постановка на очередь детей дошкольного возраста (до 7 лет) для направления в детские дошкольные организации"
    );
}

#[test]
fn child_iin_is_mandatory_in_pavlodar_and_default_but_not_in_south_kazakhstan() {
    let pre = builtin().get("preschool-queue").unwrap().clone();
    let mandatory = |profile: &str, field: &str| {
        pre.effective_fields(profile)
            .unwrap()
            .into_iter()
            .find(|f| f.id == field)
            .unwrap()
            .mandatory
    };
    assert!(mandatory("pavlodar-2012", "child-iin")); // 000:L366-367
    assert!(!mandatory("south-kazakhstan-2012", "child-iin")); // 002:L1243-1244
    assert!(mandatory("default", "child-iin"));
    assert!(mandatory("pavlodar-2012", "applicant-rnn")); // 000:L348-349
    assert!(!mandatory("south-kazakhstan-2012", "applicant-rnn")); // 002:L1225-1226
    assert!(mandatory("default", "applicant-rnn"));
    assert!(mandatory("astana-2016", "child-iin"));
}

#[test]
fn the_south_kazakhstan_phone_is_symbolic_and_the_default_is_not() {
    let pre = builtin().get("preschool-queue").unwrap().clone();
    let phone = |profile: &str| {
        pre.effective_fields(profile)
            .unwrap()
            .into_iter()
            .find(|f| f.id == "applicant-phone")
            .unwrap()
    };
    assert_eq!(
        phone("default").format,
        FieldFormat::Phone { allow_local: false }
    );
    assert_eq!(
        phone("south-kazakhstan-2012").format,
        FieldFormat::Phone { allow_local: true }
    );
    assert_eq!(phone("default").max_length, Some(15));
}

#[test]
fn fixed_lengths_follow_the_flk_tables() {
    let reg = builtin();
    let len = |svc: &str, field: &str| reg.get(svc).unwrap().field(field).unwrap().length;
    assert_eq!(len("preschool-queue", "applicant-iin"), Some(12));
    assert_eq!(len("preschool-queue", "applicant-rnn"), Some(12));
    assert_eq!(len("preschool-queue", "applicant-postal-index"), Some(6));
    assert_eq!(len("unemployed-certificate", "applicant-sik"), Some(16));
    assert_eq!(
        len("disabled-child-support", "applicant-id-card-number"),
        Some(9)
    );
}

#[test]
fn preschool_deadlines_follow_the_action_tables() {
    let pre = builtin().get("preschool-queue").unwrap().clone();
    assert_eq!(
        pre.deadline(Channel::Con, Step::Decide),
        Some(Term::WorkingDays(3))
    );
    assert_eq!(
        pre.deadline(Channel::Office, Step::Intake),
        Some(Term::Minutes(10))
    );
    assert_eq!(
        pre.deadline(Channel::Con, Step::Intake),
        Some(Term::Minutes(30))
    );
    assert_eq!(
        pre.deadline(Channel::Office, Step::Decide),
        Some(Term::Minutes(15))
    );
    assert_eq!(pre.deadline(Channel::Office, Step::Accept), None);
}

#[test]
fn other_deadlines_spot_checked() {
    let reg = builtin();
    let d = |svc: &str, ch, st| reg.get(svc).unwrap().deadline(ch, st);
    assert_eq!(
        d("archive-certificate", Channel::Office, Step::Decide),
        Some(Term::CalendarDays(30))
    );
    assert_eq!(
        d("disabled-child-support", Channel::Office, Step::Decide),
        Some(Term::WorkingDays(10))
    );
    assert_eq!(
        d("disabled-child-support", Channel::Con, Step::Intake),
        None
    );
    assert_eq!(
        d("school-admission", Channel::Office, Step::Decide),
        Some(Term::WorkingDays(2))
    );
}

#[test]
fn preschool_attachments_are_conditional_as_000_says() {
    let pre = builtin().get("preschool-queue").unwrap().clone();
    assert_eq!(
        pre.attachment("birth-certificate").unwrap().required,
        Requirement::Required
    );
    assert!(matches!(
        pre.attachment("pmpk-decision").unwrap().required,
        Requirement::Conditional(ref c) if c.field == "correctional-group"
    ));
    assert!(matches!(
        pre.attachment("privilege-document").unwrap().required,
        Requirement::Conditional(ref c) if c.field == "privilege-category"
    ));
}

#[test]
fn an_unknown_profile_is_a_typed_error() {
    let pre = builtin().get("preschool-queue").unwrap().clone();
    let err = pre.effective_fields("atlantis-2030").unwrap_err();
    assert_eq!(
        err,
        RegulationError::UnknownProfile {
            service: "preschool-queue".into(),
            profile: "atlantis-2030".into()
        }
    );
    assert_eq!(err.localized().key, "regulation-unknown-profile");
}

// ------------------------------------------------------------------ broken files

const GOOD: &str = r#"id = "demo"
names = { kk = "Үлгі", ru = "Образец", en = "Sample" }
provider = "archive"
flow = "standard"

[[fields]]
id = "kind"
labels = { kk = "Түрі", ru = "Вид", en = "Kind" }
format = "choice"
mandatory = true
options = [
    { id = "a", labels = { kk = "А", ru = "А", en = "A" } },
    { id = "b", labels = { kk = "Б", ru = "Б", en = "B" } },
]

[[fields]]
id = "code"
labels = { kk = "Код", ru = "Код", en = "Code" }
format = "digits"
length = 4
mandatory = false

[[attachments]]
id = "scan"
labels = { kk = "Скан", ru = "Скан", en = "Scan" }
required = "conditional"
when = { field = "kind", equals = "a" }

[[deadlines]]
channel = "office"
step = "intake"
term = { minutes = 10 }

[[profiles]]
id = "default"
labels = { kk = "Әдепкі", ru = "По умолчанию", en = "Default" }
"#;

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle present");
    text[..at].matches('\n').count() + 1
}

fn load(text: &str) -> Result<Registry, RegulationError> {
    Registry::from_sources(&[("demo.toml", text)])
}

fn assert_at(err: &RegulationError, line: usize, field: &str) {
    assert_eq!(err.file(), Some("demo.toml"), "{err}");
    assert_eq!(err.line(), Some(line), "{err}");
    assert_eq!(err.field(), Some(field), "{err}");
    let msg = err.localized();
    assert_eq!(msg.get("file"), Some("demo.toml"));
    assert_eq!(msg.get("line"), Some(line.to_string().as_str()));
}

#[test]
fn the_sample_is_valid() {
    let reg = load(GOOD).unwrap();
    assert_eq!(reg.get("demo").unwrap().fields.len(), 2);
}

#[test]
fn a_syntax_error_names_file_line_and_field() {
    let text = GOOD.replace(
        "length = 4\nmandatory = false",
        "length = 4\nmandatory = fals",
    );
    let err = load(&text).unwrap_err();
    assert!(matches!(err, RegulationError::Syntax { .. }), "{err}");
    assert_at(&err, line_of(&text, "mandatory = fals"), "code");
    assert_eq!(err.localized().key, "regulation-syntax");
}

#[test]
fn an_unknown_format_names_its_line_and_field() {
    let text = GOOD.replace("format = \"digits\"", "format = \"barcode\"");
    let err = load(&text).unwrap_err();
    assert!(matches!(err, RegulationError::Syntax { .. }), "{err}");
    assert_at(&err, line_of(&text, "barcode"), "code");
}

#[test]
fn a_misspelt_key_is_refused() {
    let text = GOOD.replace("length = 4", "lenght = 4");
    let err = load(&text).unwrap_err();
    assert_at(&err, line_of(&text, "lenght"), "code");
}

#[test]
fn a_duplicate_field_id_names_the_second_occurrence() {
    let text = GOOD.replace("id = \"code\"", "id = \"kind\"");
    let err = load(&text).unwrap_err();
    assert!(
        matches!(err, RegulationError::DuplicateField { .. }),
        "{err}"
    );
    let second = text.match_indices("id = \"kind\"").nth(1).unwrap().0;
    assert_at(&err, text[..second].matches('\n').count() + 1, "kind");
    assert_eq!(err.localized().key, "regulation-duplicate-field");
}

#[test]
fn a_condition_on_an_unknown_field_is_refused() {
    let text = GOOD.replace("field = \"kind\", equals", "field = \"sort\", equals");
    let err = load(&text).unwrap_err();
    assert_eq!(
        err,
        RegulationError::UnknownConditionField {
            file: "demo.toml".into(),
            line: line_of(&text, "field = \"sort\""),
            field: "scan".into(),
            target: "sort".into(),
        }
    );
    assert_eq!(err.localized().key, "regulation-unknown-condition-field");
}

#[test]
fn a_condition_on_an_unknown_option_is_refused() {
    let text = GOOD.replace("equals = \"a\"", "equals = \"z\"");
    let err = load(&text).unwrap_err();
    assert!(
        matches!(err, RegulationError::UnknownConditionOption { ref option, .. } if option == "z"),
        "{err}"
    );
    assert_at(&err, line_of(&text, "equals = \"z\""), "scan");
}

#[test]
fn a_conditional_slot_without_a_condition_is_refused() {
    let text = GOOD.replace("when = { field = \"kind\", equals = \"a\" }\n", "");
    let err = load(&text).unwrap_err();
    assert!(matches!(err, RegulationError::BadCondition { .. }), "{err}");
    assert_at(&err, line_of(&text, "id = \"scan\""), "scan");
}

#[test]
fn a_profile_override_for_an_unknown_field_is_refused() {
    let text = format!(
        "{GOOD}\n[[profiles]]\nid = \"north\"\nlabels = {{ kk = \"С\", ru = \"С\", en = \"N\" }}\n[[profiles.overrides]]\nfield = \"ghost\"\nmandatory = true\n"
    );
    let err = load(&text).unwrap_err();
    assert!(
        matches!(err, RegulationError::UnknownProfileField { .. }),
        "{err}"
    );
    assert_at(&err, line_of(&text, "field = \"ghost\""), "ghost");
}

#[test]
fn a_missing_language_is_refused() {
    let text = GOOD.replace(
        "labels = { kk = \"Код\", ru = \"Код\", en = \"Code\" }",
        "labels = { kk = \"Код\", ru = \"Код\" }",
    );
    let err = load(&text).unwrap_err();
    assert!(
        matches!(err, RegulationError::MissingName { ref lang, .. } if lang == "en"),
        "{err}"
    );
    assert_at(&err, line_of(&text, "labels = { kk = \"Код\""), "code");
}

#[test]
fn contradictory_lengths_are_refused() {
    let text = GOOD.replace("length = 4", "length = 4\nmax-length = 3");
    let err = load(&text).unwrap_err();
    assert!(
        matches!(err, RegulationError::ContradictoryLength { .. }),
        "{err}"
    );
    assert_at(&err, line_of(&text, "id = \"code\""), "code");
}

#[test]
fn an_unknown_channel_is_refused() {
    let text = GOOD.replace("channel = \"office\"", "channel = \"fax\"");
    let err = load(&text).unwrap_err();
    assert!(matches!(err, RegulationError::Syntax { .. }), "{err}");
    assert_at(&err, line_of(&text, "\"fax\""), "channel");
}

#[test]
fn a_file_without_a_default_profile_is_refused() {
    let cut = GOOD.find("[[profiles]]").unwrap();
    let err = load(&GOOD[..cut]).unwrap_err();
    assert_eq!(
        err,
        RegulationError::MissingDefaultProfile {
            file: "demo.toml".into()
        }
    );
}

#[test]
fn the_same_service_in_two_files_is_refused() {
    let err = Registry::from_sources(&[("a.toml", GOOD), ("b.toml", GOOD)]).unwrap_err();
    assert!(matches!(err, RegulationError::DuplicateService { ref file, .. } if file == "b.toml"));
}

#[test]
fn a_folder_with_a_broken_file_names_that_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.toml"), GOOD).unwrap();
    std::fs::write(
        dir.path().join("other.toml"),
        GOOD.replace("\"demo\"", "\"other\"")
            .replace("standard", "sideways"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a regulation").unwrap();
    let err = Registry::load_dir(dir.path()).unwrap_err();
    assert_eq!(err.file(), Some("other.toml"));
    assert_eq!(err.line(), Some(4));
    assert_eq!(err.field(), Some("flow"));
}

#[test]
fn a_missing_key_names_its_entry() {
    let text = GOOD.replace("length = 4\nmandatory = false\n", "length = 4\n");
    let err = load(&text).unwrap_err();
    assert!(matches!(err, RegulationError::Syntax { .. }), "{err}");
    assert_eq!(err.field(), Some("code"), "{err}");
    let line = err.line().unwrap();
    assert!(
        (line_of(&text, "[[fields]]\nid = \"code\"")..=line_of(&text, "length = 4"))
            .contains(&line),
        "{err}"
    );
}

// ---------------------------------------------------------------- ФЛК, slots and terms by service

/// A field as its ФЛК table row reads: mandatory, exact length, longest length, format.
#[derive(Debug, PartialEq, Eq)]
struct FlkRow {
    mandatory: bool,
    length: Option<usize>,
    max_length: Option<usize>,
    format: &'static str,
}

fn row(
    mandatory: bool,
    length: Option<usize>,
    max_length: Option<usize>,
    format: &'static str,
) -> FlkRow {
    FlkRow {
        mandatory,
        length,
        max_length,
        format,
    }
}

fn assert_flk(service: &str, citation: &str, rows: &[(&str, FlkRow)]) {
    let reg = builtin();
    let regulation = reg.get(service).unwrap();
    for (id, want) in rows {
        let field = regulation
            .field(id)
            .unwrap_or_else(|| panic!("{service} ({citation}): no field {id}"));
        let got = FlkRow {
            mandatory: field.mandatory,
            length: field.length,
            max_length: field.max_length,
            format: field.format.as_str(),
        };
        assert_eq!(&got, want, "{service} ({citation}): field {id}");
    }
}

/// Every step's term on every channel, `None` where the table has no such step or channel.
fn assert_terms(service: &str, citation: &str, terms: &[(Channel, [Option<Term>; 4])]) {
    let reg = builtin();
    let regulation = reg.get(service).unwrap();
    for channel in Channel::ALL {
        let want = terms
            .iter()
            .find(|(c, _)| *c == channel)
            .map_or([None; 4], |(_, t)| *t);
        for (step, want) in Step::ALL.into_iter().zip(want) {
            assert_eq!(
                regulation.deadline(channel, step),
                want,
                "{service} ({citation}): {channel:?} {step:?}"
            );
        }
    }
}

fn assert_slots(service: &str, citation: &str, slots: &[(&str, &str)]) {
    let reg = builtin();
    let regulation = reg.get(service).unwrap();
    let got: Vec<(&str, &str)> = regulation
        .attachments
        .iter()
        .map(|s| {
            let kind = match s.required {
                Requirement::Required => "required",
                Requirement::Optional => "optional",
                Requirement::Conditional(_) => "conditional",
            };
            (s.id.as_str(), kind)
        })
        .collect();
    assert_eq!(got, slots, "{service} ({citation})");
}

/// A term in minutes.
fn min(minutes: u32) -> Option<Term> {
    Some(Term::Minutes(minutes))
}

#[test]
fn unemployed_flk_is_the_table_of_002_appendix_8() {
    // 002:L3366-3407: ИИН mandatory 12 numeric; РНН optional 12 numeric; postal index mandatory
    // 6 "symbolic" (six digits); phone mandatory 15 numeric; СИК mandatory 16 symbolic.
    assert_flk(
        "unemployed-certificate",
        "002:L3366-3407",
        &[
            ("applicant-iin", row(true, Some(12), None, "iin")),
            ("applicant-rnn", row(false, Some(12), None, "digits")),
            (
                "applicant-postal-index",
                row(true, Some(6), None, "postal-index"),
            ),
            ("applicant-phone", row(true, None, Some(15), "phone")),
            ("applicant-sik", row(true, Some(16), None, "text")),
        ],
    );
}

#[test]
fn disabled_child_flk_is_the_table_of_002_appendix_7() {
    // 002:L4153-4212: ИИН 12 numeric; ID card number 9 numeric; РНН 12 numeric; postal index 6;
    // phone 15 numeric; СИК 16 symbolic; personal account 16 symbolic; birth record 9 symbolic;
    // every one mandatory.
    assert_flk(
        "disabled-child-support",
        "002:L4153-4212",
        &[
            ("applicant-iin", row(true, Some(12), None, "iin")),
            (
                "applicant-id-card-number",
                row(true, Some(9), None, "digits"),
            ),
            ("applicant-rnn", row(true, Some(12), None, "digits")),
            (
                "applicant-postal-index",
                row(true, Some(6), None, "postal-index"),
            ),
            ("applicant-phone", row(true, None, Some(15), "phone")),
            ("applicant-sik", row(true, Some(16), None, "text")),
            ("bank-account-number", row(true, Some(16), None, "text")),
            (
                "child-birth-record-number",
                row(true, Some(9), None, "text"),
            ),
        ],
    );
}

#[test]
fn archive_form_follows_the_oblast_2012_forms_as_the_seed_has_no_flk_table() {
    // 002:L1404 (no ФЛК table); the IIN checked at login (002:L1360-1372); postal index and
    // phone as on every 2012 form of the oblast (002:L1231, L1237); the type of certificate
    // decides the scans (002:L1322).
    assert_flk(
        "archive-certificate",
        "002:L1404; 002:L1231-1237; 002:L1322",
        &[
            ("applicant-iin", row(true, Some(12), None, "iin")),
            (
                "applicant-postal-index",
                row(false, Some(6), None, "postal-index"),
            ),
            ("applicant-phone", row(true, None, Some(15), "phone")),
            ("certificate-type", row(true, None, None, "choice")),
        ],
    );
    let reg = builtin();
    let types = match &reg
        .get("archive-certificate")
        .unwrap()
        .field("certificate-type")
        .unwrap()
        .format
    {
        FieldFormat::Choice(options) => options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        other => panic!("certificate-type is {other:?}"),
    };
    assert_eq!(types, ["employment-record", "salary", "social-legal"]);
}

#[test]
fn archive_scans_depend_on_the_type_of_certificate() {
    // 002:L1322: «прикрепление сканированных документов в зависимости от типа запрашиваемой
    // архивной справки».
    assert_slots(
        "archive-certificate",
        "002:L1322",
        &[
            ("identity-document", "required"),
            ("employment-record-book", "conditional"),
            ("supporting-document", "conditional"),
            ("power-of-attorney", "optional"),
        ],
    );
    let reg = builtin();
    let archive = reg.get("archive-certificate").unwrap();
    let needs = |slot: &str, kind: &str| {
        let mut values = tereze_core::form::FieldValues::new();
        values.insert("certificate-type".into(), kind.into());
        archive.attachment(slot).unwrap().is_required(&values)
    };
    assert!(needs("employment-record-book", "employment-record"));
    assert!(needs("employment-record-book", "salary"));
    assert!(!needs("employment-record-book", "social-legal"));
    assert!(needs("supporting-document", "social-legal"));
    assert!(!needs("supporting-document", "salary"));
}

#[test]
fn unemployed_has_one_optional_scan_as_the_seeds_list_none() {
    // 004:L108: scans are attached; neither seed lists which.
    assert_slots(
        "unemployed-certificate",
        "004:L108",
        &[("identity-document", "optional")],
    );
}

#[test]
fn disabled_child_needs_the_five_scans_of_002_appendix_5() {
    // 002:L4105-4115: birth certificate, proof of residence, consultation conclusion,
    // disability certificate, bank account — all required.
    assert_slots(
        "disabled-child-support",
        "002:L4105-4115",
        &[
            ("birth-certificate", "required"),
            ("residence-document", "required"),
            ("ppk-conclusion", "required"),
            ("disability-certificate", "required"),
            ("bank-account-document", "required"),
        ],
    );
}

#[test]
fn unemployed_terms_follow_the_three_action_tables() {
    // 002:L2765-2891 department (004:L207-240 agrees); 002:L2901-3045 ЦОН, decision in 3
    // working days (002:L2990); 002:L3056-3199 portal.
    assert_terms(
        "unemployed-certificate",
        "002:L2765-3199",
        &[
            (Channel::Office, [min(10), None, min(10), min(1)]),
            (
                Channel::Con,
                [min(10), min(10), Some(Term::WorkingDays(3)), min(10)],
            ),
            (Channel::Portal, [None, min(10), min(10), min(1)]),
        ],
    );
}

#[test]
fn disabled_child_terms_follow_the_two_action_tables_and_there_is_no_con() {
    // 002:L3697-3806 department: intake 15 min, decision 10 working days, issue 1 min by
    // e-mail; 002:L3816-3942 portal; no ЦОН channel (002:L3423).
    assert_terms(
        "disabled-child-support",
        "002:L3697-3942; 002:L3423",
        &[
            (
                Channel::Office,
                [min(15), None, Some(Term::WorkingDays(10)), min(1)],
            ),
            (
                Channel::Portal,
                [None, min(15), Some(Term::WorkingDays(10)), min(1)],
            ),
        ],
    );
}

#[test]
fn archive_terms_follow_the_three_action_tables() {
    // 002:L1739-1869 archive, 002:L1879-2023 ЦОН, 002:L2034-2177 portal; the decision
    // «от 15 до 30 календарных дней» kept as 30 (002:L1821, L1967, L2122).
    let days = Some(Term::CalendarDays(30));
    assert_terms(
        "archive-certificate",
        "002:L1739-2177",
        &[
            (Channel::Office, [min(15), None, days, min(1)]),
            (Channel::Con, [min(15), min(15), days, min(15)]),
            (Channel::Portal, [None, min(15), days, min(1)]),
        ],
    );
}

#[test]
fn school_terms_follow_003_and_there_is_no_con() {
    // 003:L24-30 office: accept 15 min, head 15 min, order 2 working days, issue 15 min;
    // 003:L198-222 portal the same; no ЦОН channel (003:L11-13).
    let days = Some(Term::WorkingDays(2));
    assert_terms(
        "school-admission",
        "003:L24-30; 003:L198-222",
        &[
            (Channel::Office, [min(15), min(15), days, min(15)]),
            (Channel::Portal, [min(15), min(15), days, min(15)]),
        ],
    );
}

#[test]
fn preschool_terms_follow_the_three_action_tables() {
    // 002:L550-688 department (issue 5 min, 002:L678), 002:L691-842 ЦОН (acceptance 10 min,
    // 002:L732; issue 15 min, 002:L834), 002:L845-997 portal.
    assert_terms(
        "preschool-queue",
        "002:L550-997",
        &[
            (Channel::Office, [min(10), None, min(15), min(5)]),
            (
                Channel::Con,
                [min(30), min(10), Some(Term::WorkingDays(3)), min(15)],
            ),
            (Channel::Portal, [None, min(10), min(15), min(1)]),
        ],
    );
}

#[test]
fn the_unemployed_certificate_and_the_support_are_provided_by_the_employment_departments() {
    // 002:L2311 (unemployed certificate) and 002:L3423 (support of disabled children): the
    // departments of employment and social programmes.
    let reg = builtin();
    for service in ["unemployed-certificate", "disabled-child-support"] {
        assert_eq!(
            reg.get(service).unwrap().provider,
            ProviderKind::EmploymentDepartment,
            "{service}"
        );
    }
}
