//! Reference data: the shipped CSVs against the regulations' tables, the parser's errors and the
//! import into a real SQLite file.

// Shared set-up functions outside `#[test]` may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use rusqlite::Connection;
use tereze_core::i18n::Localize;
use tereze_core::reference::{
    self, FieldProblem, GROUPS_FILE, Language, OFFICES_FILE, ORGANISATIONS_FILE, Office,
    OfficeKind, OrganisationKind, ReferenceData, ReferenceError,
};

const MIGRATION: &str = include_str!("../migrations/0002_reference.sql");

fn assets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference")
}

fn asset(file: &str) -> String {
    std::fs::read_to_string(assets().join(file)).unwrap()
}

fn builtin() -> ReferenceData {
    ReferenceData::builtin().unwrap()
}

fn office<'a>(data: &'a ReferenceData, id: &str) -> &'a Office {
    data.office(id)
        .unwrap_or_else(|| panic!("office {id} is missing"))
}

fn phones(office: &Office) -> Vec<&str> {
    office.phones.iter().map(|p| p.as_str()).collect()
}

fn open_store(dir: &tempfile::TempDir) -> Connection {
    let conn = Connection::open(dir.path().join("store.sqlite")).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    conn.execute_batch(MIGRATION).unwrap();
    conn
}

fn import(conn: &mut Connection, data: &ReferenceData) -> reference::ImportCounts {
    let tx = conn.transaction().unwrap();
    let counts = reference::import(&tx, data).unwrap();
    tx.commit().unwrap();
    counts
}

fn row_count(conn: &Connection, table: &str) -> usize {
    let sql = match table {
        "offices" => "SELECT count(*) FROM offices",
        "organisations" => "SELECT count(*) FROM organisations",
        "groups" => "SELECT count(*) FROM groups",
        other => panic!("no table {other}"),
    };
    let count: i64 = conn.query_row(sql, [], |r| r.get(0)).unwrap();
    usize::try_from(count).unwrap()
}

#[test]
fn builtin_data_has_every_office_of_the_regulations() {
    let data = builtin();
    let sko = |kind| data.offices_of(kind, "south-kazakhstan").count();
    assert_eq!(sko(OfficeKind::EducationDepartment), 15);
    assert_eq!(sko(OfficeKind::Con), 21);
    assert_eq!(sko(OfficeKind::Archive), 19);
    assert_eq!(sko(OfficeKind::EmploymentDepartment), 15);
    let pavlodar: Vec<_> = data
        .offices_of(OfficeKind::EducationDepartment, "pavlodar")
        .collect();
    assert_eq!(pavlodar.len(), 1);
    assert_eq!(pavlodar[0].postal_index.as_deref(), Some("140000"));
    assert_eq!(
        pavlodar[0].name_kk.as_deref(),
        Some("«Павлодар қаласы білім беру бөлімі» ММ")
    );
    let astana: Vec<_> = data
        .offices_of(OfficeKind::EducationDepartment, "astana")
        .collect();
    assert_eq!(astana.len(), 1);
    assert_eq!(data.offices.len(), 15 + 21 + 19 + 15 + 2);
    // The ЦОН list is one oblast branch, five Shymkent city departments and fifteen others.
    let shymkent_con = data
        .offices_of(OfficeKind::Con, "south-kazakhstan")
        .filter(|o| o.id.starts_with("sko-con-shymkent-"))
        .count();
    assert_eq!(shymkent_con, 5);
}

#[test]
fn every_phone_is_canonical_and_every_south_kazakhstan_office_has_one() {
    let data = builtin();
    for office in &data.offices {
        for phone in &office.phones {
            let p = phone.as_str();
            let digits = p.strip_prefix("+7").unwrap_or("");
            assert!(
                digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()),
                "{}: {p}",
                office.id
            );
            // Landlines in South Kazakhstan use area codes 725x.
            if office.region == "south-kazakhstan" {
                assert!(digits.starts_with("725"), "{}: {p}", office.id);
            }
        }
        if office.region == "south-kazakhstan" {
            assert!(!office.phones.is_empty(), "{} has no phone", office.id);
        }
    }
}

#[test]
fn e_mails_have_no_spaces_and_are_not_glued_to_house_numbers() {
    let data = builtin();
    let mut with_email = 0;
    for office in &data.offices {
        if let Some(address) = &office.address {
            assert!(!address.contains('@'), "{}: {address}", office.id);
            assert!(!address.contains("без номера"), "{}: {address}", office.id);
        }
        let Some(email) = &office.email else { continue };
        with_email += 1;
        assert!(!email.chars().any(char::is_whitespace), "{email}");
        let first = email.chars().next().unwrap();
        assert!(!first.is_ascii_digit(), "{}: {email}", office.id);
        assert!(!email.starts_with("б/н"), "{}: {email}", office.id);
    }
    // Every employment department gives an e-mail.
    assert_eq!(with_email, 15);
}

#[test]
fn rows_match_the_regulation_tables() {
    let data = builtin();

    // 002:L278-282: «Отдел образования города Арыс», ул. Ибрагимова, 35, 8(725 40)217-01, 226-82.
    let arys = office(&data, "sko-edu-arys");
    assert_eq!(arys.kind, OfficeKind::EducationDepartment);
    assert_eq!(arys.district, "arys");
    assert_eq!(
        arys.name_ru,
        "Государственное учреждение «Отдел образования города Арыс»"
    );
    assert_eq!(
        arys.name_kk.as_deref(),
        Some("«Арыс қаласының білім бөлімі» ММ")
    );
    assert_eq!(arys.address.as_deref(), Some("г. Арыс, ул. Ибрагимова, 35"));
    assert_eq!(phones(arys), ["+77254021701", "+77254022682"]);
    assert_eq!(arys.source, "002:L278-282");

    // 002:L527-532: Шардаринский районный отдел, тупик Шардара дом без номера, 8-72-535-21-583.
    let shardara = office(&data, "sko-con-shardara");
    assert_eq!(shardara.kind, OfficeKind::Con);
    assert_eq!(shardara.name_ru, "Шардаринский районный отдел");
    assert_eq!(
        shardara.address.as_deref(),
        Some("Шардаринский район, г. Шардара, тупик Шардара, б/н")
    );
    assert_eq!(phones(shardara), ["+77253521583"]);

    // 002:L2586-2591: Shymkent employment department, ул. Ж.Алдиярова, 10 oz_sp@mail.ru.
    let shymkent = office(&data, "sko-emp-shymkent");
    assert_eq!(shymkent.kind, OfficeKind::EmploymentDepartment);
    assert_eq!(shymkent.email.as_deref(), Some("oz_sp@mail.ru"));
    assert_eq!(
        shymkent.address.as_deref(),
        Some("г. Шымкент, ул. Ж. Алдиярова, 10")
    );
    assert_eq!(phones(shymkent), ["+77252534177", "+77252536578"]);

    // The glued "2ord_tszn@mail.ru" is split into house 2 and the e-mail, and the fix is noted.
    let ordabasy = office(&data, "sko-emp-ordabasy");
    assert_eq!(ordabasy.email.as_deref(), Some("ord_tszn@mail.ru"));
    assert!(ordabasy.address.as_deref().unwrap().ends_with(", 2"));
    assert!(ordabasy.note.is_some());

    // The 11-digit typo 8-72528-21-09-00 is read as the Shymkent number and noted.
    let con1 = office(&data, "sko-con-shymkent-1");
    assert_eq!(phones(con1), ["+77252300679", "+77252210900"]);
    assert!(con1.note.as_deref().unwrap().contains("72528"));
}

#[test]
fn every_office_cites_its_source_and_has_a_kazakh_name() {
    let data = builtin();
    for office in &data.offices {
        assert!(
            office.source.starts_with("000:L")
                || office.source.starts_with("001:L")
                || office.source.starts_with("002:L"),
            "{}: {}",
            office.id,
            office.source
        );
        let kk = office.name_kk.as_deref().unwrap_or("");
        assert!(!kk.is_empty(), "{} has no Kazakh name", office.id);
        assert_ne!(kk, office.name_ru);
    }
}

#[test]
fn demo_organisations_and_groups_are_marked_and_realistic() {
    let data = builtin();
    assert!((10..=14).contains(&data.organisations.len()));
    for org in &data.organisations {
        assert!(org.demo, "{}", org.id);
        assert!(org.name_kk.contains("демо"), "{}", org.name_kk);
        assert!(org.name_ru.contains("Демо"), "{}", org.name_ru);
        let office = office(&data, org.office_id.as_deref().unwrap());
        assert_eq!(office.kind, OfficeKind::EducationDepartment);
        assert_eq!(office.district, org.district);
        assert!(
            data.groups_of(&org.id).next().is_some(),
            "{} has no groups",
            org.id
        );
    }
    for district in ["shymkent", "arys", "baidibek"] {
        assert!(data.organisations.iter().any(|o| o.district == district));
    }
    for kind in OrganisationKind::ALL {
        assert!(data.organisations.iter().any(|o| o.kind == kind));
    }
    let mut correctional = 0;
    for group in &data.groups {
        assert!(group.demo);
        let org = data.organisation(&group.organisation_id).unwrap();
        assert!(org.languages.contains(&group.language));
        let places = if group.correctional {
            correctional += 1;
            10..=15
        } else if org.kind == OrganisationKind::MiniCentre {
            10..=20
        } else {
            20..=30
        };
        assert!(places.contains(&group.capacity), "{}", group.id);
        assert!(group.age_min >= 1 && group.age_max <= 6, "{}", group.id);
    }
    assert!(correctional >= 2);
    assert!(data.groups.iter().any(|g| g.language == Language::Ru));
}

#[test]
fn import_twice_changes_nothing_and_a_newer_row_updates() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open_store(&dir);
    let data = builtin();

    let first = import(&mut conn, &data);
    assert_eq!(first.offices.inserted, 72);
    assert_eq!(first.organisations.inserted, data.organisations.len());
    assert_eq!(first.groups.inserted, data.groups.len());
    assert_eq!(first.groups.updated + first.groups.unchanged, 0);

    let second = import(&mut conn, &data);
    assert!(!second.changed_anything());
    assert_eq!(second.offices.unchanged, 72);
    assert_eq!(second.organisations.unchanged, data.organisations.len());
    assert_eq!(second.groups.unchanged, data.groups.len());
    assert_eq!(row_count(&conn, "offices"), 72);
    assert_eq!(row_count(&conn, "organisations"), data.organisations.len());
    assert_eq!(row_count(&conn, "groups"), data.groups.len());

    // A newer file changes one phone and one capacity.
    let mut newer = data.clone();
    let shardara = newer
        .offices
        .iter_mut()
        .find(|o| o.id == "sko-con-shardara")
        .unwrap();
    shardara.phones = vec![reference::Phone::parse("+77253521584").unwrap()];
    newer.groups[0].capacity += 1;
    let third = import(&mut conn, &newer);
    assert_eq!(third.offices.updated, 1);
    assert_eq!(third.offices.unchanged, 71);
    assert_eq!(third.groups.updated, 1);
    assert_eq!(third.offices.inserted + third.groups.inserted, 0);
    assert_eq!(row_count(&conn, "offices"), 72);
    let stored: String = conn
        .query_row(
            "SELECT phones FROM offices WHERE id = ?1",
            ["sko-con-shardara"],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, "+77253521584");
    let capacity: u16 = conn
        .query_row(
            "SELECT capacity FROM groups WHERE id = ?1",
            [&newer.groups[0].id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(capacity, newer.groups[0].capacity);

    // The stored rows reference each other correctly and the data survives reopening.
    drop(conn);
    let conn = Connection::open(dir.path().join("store.sqlite")).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let (phones, email): (String, String) = conn
        .query_row(
            "SELECT phones, email FROM offices WHERE id = ?1",
            ["sko-emp-shymkent"],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(phones, "+77252534177;+77252536578");
    assert_eq!(email, "oz_sp@mail.ru");
}

#[test]
fn load_dir_reads_a_newer_set_and_names_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    for file in [OFFICES_FILE, ORGANISATIONS_FILE, GROUPS_FILE] {
        std::fs::copy(assets().join(file), dir.path().join(file)).unwrap();
    }
    assert_eq!(ReferenceData::load_dir(dir.path()).unwrap(), builtin());

    std::fs::remove_file(dir.path().join(GROUPS_FILE)).unwrap();
    let err = ReferenceData::load_dir(dir.path()).unwrap_err();
    assert!(matches!(
        err,
        ReferenceError::Read {
            file: GROUPS_FILE,
            ..
        }
    ));
    assert_eq!(err.localized().get("file"), Some(GROUPS_FILE));
}

#[test]
fn a_missing_column_is_named() {
    let offices = asset(OFFICES_FILE).replacen(",phones,", ",telephones,", 1);
    let err = reference::parse_offices(&offices).unwrap_err();
    assert!(matches!(
        err,
        ReferenceError::MissingColumn {
            file: OFFICES_FILE,
            column: "phones"
        }
    ));
    let message = err.localized();
    assert_eq!(message.key, "reference-missing-column");
    assert_eq!(message.get("column"), Some("phones"));
}

#[test]
fn a_bad_phone_is_reported_with_file_line_and_column() {
    let text = "\
id,kind,region,district,name_ru,name_kk,postal_index,address,phones,email,source,note
sko-a,archive,south-kazakhstan,arys,Архив,Архив,,\"г. Арыс, ул. А, 1\",+77254022127,,002:L1,
sko-b,archive,south-kazakhstan,arys,\"Архив
в две строки\",Архив,,,+77254022127;8-72528-21-09-00,,002:L2,
";
    let err = reference::parse_offices(text).unwrap_err();
    match &err {
        ReferenceError::Field {
            file,
            line,
            column,
            problem,
        } => {
            assert_eq!((*file, *line, *column), (OFFICES_FILE, 3, "phones"));
            assert_eq!(*problem, FieldProblem::Phone("8-72528-21-09-00".to_owned()));
        }
        other => panic!("unexpected {other:?}"),
    }
    let message = err.localized();
    assert_eq!(message.key, "reference-field-phone");
    assert_eq!(message.get("file"), Some(OFFICES_FILE));
    assert_eq!(message.get("line"), Some("3"));
    assert_eq!(message.get("column"), Some("phones"));
}

#[test]
fn a_short_row_and_a_duplicate_id_are_reported_by_line() {
    let header =
        "id,kind,region,district,name_ru,name_kk,postal_index,address,phones,email,source,note\n";
    let short = format!("{header}sko-a,archive,south-kazakhstan,arys,Архив\n");
    let err = reference::parse_offices(&short).unwrap_err();
    assert!(matches!(
        err,
        ReferenceError::FieldCount {
            file: OFFICES_FILE,
            line: 2,
            expected: 12,
            found: 5
        }
    ));
    let row = "sko-a,archive,south-kazakhstan,arys,Архив,,,,,,002:L1,\n";
    let twice = format!("{header}{row}\n{row}");
    let err = reference::parse_offices(&twice).unwrap_err();
    match err {
        ReferenceError::DuplicateId {
            file,
            line,
            id,
            first_line,
        } => assert_eq!(
            (file, line, id.as_str(), first_line),
            (OFFICES_FILE, 4, "sko-a", 2)
        ),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_group_of_an_unknown_organisation_is_refused() {
    let mut groups = asset(GROUPS_FILE);
    groups.push_str("demo-x-g1,demo-nowhere,«Х» тобы,группа «Х»,3,4,kk,false,20,true\n");
    let line = u64::try_from(groups.lines().count()).unwrap();
    let err = ReferenceData::parse(&asset(OFFICES_FILE), &asset(ORGANISATIONS_FILE), &groups)
        .unwrap_err();
    match &err {
        ReferenceError::UnknownOrganisation {
            file,
            line: at,
            column,
            id,
        } => {
            assert_eq!(
                (*file, *at, *column),
                (GROUPS_FILE, line, "organisation_id")
            );
            assert_eq!(id, "demo-nowhere");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(err.localized().key, "reference-unknown-organisation");
}

#[test]
fn bad_group_values_are_refused() {
    let organisations = reference::parse_organisations(
        &asset(ORGANISATIONS_FILE),
        &reference::parse_offices(&asset(OFFICES_FILE)).unwrap(),
    )
    .unwrap();
    let header =
        "id,organisation_id,name_kk,name_ru,age_min,age_max,language,correctional,capacity,demo\n";
    let cases: [(&str, &str, FieldProblem); 5] = [
        (
            "g,demo-shym-aigolek,a,b,4,3,kk,false,20,true",
            "age_max",
            FieldProblem::AgeRange { min: 4, max: 3 },
        ),
        (
            "g,demo-shym-aigolek,a,b,5,8,kk,false,20,true",
            "age_max",
            FieldProblem::AgeRange { min: 5, max: 8 },
        ),
        (
            "g,demo-shym-aigolek,a,b,3,4,kk,false,0,true",
            "capacity",
            FieldProblem::Capacity,
        ),
        (
            // The organisation teaches in Kazakh only.
            "g,demo-shym-aigolek,a,b,3,4,ru,false,20,true",
            "language",
            FieldProblem::LanguageNotOffered("ru".to_owned()),
        ),
        (
            "g,demo-shym-aigolek,a,b,3,4,kk,yes,20,true",
            "correctional",
            FieldProblem::Flag("yes".to_owned()),
        ),
    ];
    for (row, want_column, want_problem) in cases {
        let err = reference::parse_groups(&format!("{header}{row}\n"), &organisations).unwrap_err();
        match err {
            ReferenceError::Field {
                file,
                line,
                column,
                problem,
            } => {
                assert_eq!((file, line, column), (GROUPS_FILE, 2, want_column), "{row}");
                assert_eq!(problem, want_problem, "{row}");
            }
            other => panic!("{row}: unexpected {other:?}"),
        }
    }
}

#[test]
fn an_organisation_of_an_unknown_office_is_refused() {
    let offices = reference::parse_offices(&asset(OFFICES_FILE)).unwrap();
    let text = "id,kind,region,district,office_id,name_kk,name_ru,address,languages,demo\n\
                demo-a,kindergarten,south-kazakhstan,arys,sko-edu-nowhere,a,b,c,kk,true\n";
    let err = reference::parse_organisations(text, &offices).unwrap_err();
    assert!(matches!(
        err,
        ReferenceError::UnknownOffice {
            file: ORGANISATIONS_FILE,
            line: 2,
            column: "office_id",
            ..
        }
    ));
}

#[test]
fn every_message_key_is_translated() {
    let files = [
        include_str!("../../../i18n/en/reference.ftl"),
        include_str!("../../../i18n/kk/reference.ftl"),
        include_str!("../../../i18n/ru/reference.ftl"),
    ];
    let problems = [
        FieldProblem::Empty,
        FieldProblem::Slug(String::new()),
        FieldProblem::Kind(String::new()),
        FieldProblem::Phone(String::new()),
        FieldProblem::Email(String::new()),
        FieldProblem::PostalIndex(String::new()),
        FieldProblem::Language(String::new()),
        FieldProblem::LanguageNotOffered(String::new()),
        FieldProblem::Flag(String::new()),
        FieldProblem::Number(String::new()),
        FieldProblem::AgeRange { min: 0, max: 0 },
        FieldProblem::Capacity,
    ];
    let mut errors: Vec<ReferenceError> = problems
        .into_iter()
        .map(|problem| ReferenceError::Field {
            file: GROUPS_FILE,
            line: 2,
            column: "x",
            problem,
        })
        .collect();
    errors.extend([
        ReferenceError::Read {
            file: OFFICES_FILE,
            source: std::io::Error::other("x"),
        },
        ReferenceError::MissingColumn {
            file: OFFICES_FILE,
            column: "x",
        },
        ReferenceError::FieldCount {
            file: OFFICES_FILE,
            line: 2,
            expected: 1,
            found: 2,
        },
        ReferenceError::DuplicateId {
            file: OFFICES_FILE,
            line: 3,
            id: "a".into(),
            first_line: 2,
        },
        ReferenceError::UnknownOffice {
            file: ORGANISATIONS_FILE,
            line: 2,
            column: "office_id",
            id: "a".into(),
        },
        ReferenceError::UnknownOrganisation {
            file: GROUPS_FILE,
            line: 2,
            column: "organisation_id",
            id: "a".into(),
        },
        ReferenceError::Database(rusqlite::Error::InvalidQuery),
    ]);
    if let Err(csv) = csv::Reader::from_reader(&b"a\n\xff\n"[..])
        .records()
        .collect::<Result<Vec<_>, _>>()
    {
        errors.push(ReferenceError::Csv {
            file: OFFICES_FILE,
            line: 2,
            source: csv,
        });
    }
    assert_eq!(errors.len(), 20);
    for err in &errors {
        let message = err.localized();
        for file in files {
            // A message runs from its key to the next line that starts a new entry.
            let start = file
                .find(&format!("\n{} = ", message.key))
                .unwrap_or_else(|| panic!("{} is not translated", message.key));
            let entry: String = file[start + 1..]
                .lines()
                .enumerate()
                .take_while(|(i, l)| *i == 0 || l.starts_with([' ', '}']))
                .map(|(_, l)| l)
                .collect();
            for (name, _) in &message.args {
                if entry.contains(&format!("${name}")) {
                    continue;
                }
                panic!("{} does not use ${name}", message.key);
            }
        }
    }
}
