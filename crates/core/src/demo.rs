//! Demo data for `tereze --demo`: one operator and a handful of preschool-queue requests that
//! pass the ФЛК, so a newcomer can try the workstation at once. Everything is marked demo and is
//! seeded only into the data folder the demo flag was given; seeding twice adds nothing.

use std::fs;
use std::path::{Path, PathBuf};

use thiserror::Error;
use time::Date;
use time::macros::date;
use uuid::Uuid;

use crate::flk;
use crate::form::FieldValues;
use crate::i18n::{Localize, Localized};
use crate::iin::{Iin, Sex};
use crate::lifecycle::{Action, Status};
use crate::regulation::{Registry, Regulation, RegulationError};
use crate::store::{NewOperator, Operator, RequestDraft, Role, Store, StoreError};

/// The demo scan attached to demo requests: one PDF page that says it is a demo.
const DEMO_SCAN: &[u8] = include_bytes!("../../../assets/demo/demo-scan.pdf");

/// The service the demo requests use.
pub const DEMO_SERVICE: &str = "preschool-queue";
/// The region profile of the demo office (South Kazakhstan).
pub const DEMO_PROFILE: &str = "south-kazakhstan-2012";
/// The demo operator's office: the Shymkent city education department.
pub const DEMO_OFFICE: &str = "sko-edu-shymkent";

/// What seeding added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    /// The demo operator.
    pub operator: Operator,
    /// The demo requests, in the order they were made.
    pub requests: Vec<Uuid>,
}

/// Why the demo data could not be seeded.
#[derive(Debug, Error)]
pub enum DemoError {
    /// The store refused a write.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The demo service is missing from the regulations.
    #[error("the demo service is missing from the regulations")]
    NoService,
    /// A regulation problem (an unknown profile).
    #[error(transparent)]
    Regulation(#[from] RegulationError),
    /// A demo form does not pass the ФЛК: the demo data and the regulation disagree.
    #[error("demo request {index} does not pass the format-logical control")]
    Invalid {
        /// Which demo request.
        index: usize,
    },
    /// The demo keyring could not be written.
    #[error(transparent)]
    Keyring(#[from] crate::keyring::KeyringError),
    /// The demo scan could not be written to a temporary file.
    #[error("cannot write the demo scan: {0}")]
    Io(#[from] std::io::Error),
}

impl Localize for DemoError {
    fn localized(&self) -> Localized {
        match self {
            DemoError::Store(e) => e.localized(),
            DemoError::Keyring(e) => e.localized(),
            DemoError::Regulation(e) => e.localized(),
            DemoError::NoService | DemoError::Invalid { .. } | DemoError::Io(_) => {
                Localized::new("demo-not-seeded")
            }
        }
    }
}

/// The demo executor's password (printed in the README; demo data folders only).
pub const OPERATOR_PASSWORD: &str = "demo-executor-2026";
/// The demo head of department's password.
pub const HEAD_PASSWORD: &str = "demo-head-2026";

/// The demo executor's IIN, computed so that it passes the check digit.
pub fn operator_iin() -> Option<Iin> {
    (0..100).find_map(|s| Iin::compose(date!(1990 - 04 - 12), Sex::Female, 4200 + s))
}

/// The demo head of department's IIN.
pub fn head_iin() -> Option<Iin> {
    (0..100).find_map(|s| Iin::compose(date!(1979 - 09 - 25), Sex::Male, 1700 + s))
}

/// Sets up a demo data folder for encryption at rest: when it has no keyring yet, a new master
/// key encrypts a new store, `prepare` runs on it (the reference data import), the demo data is
/// seeded and both demo operators get their wraps, so they log in with the README's passwords.
/// A folder that already has a keyring is left alone; so is a plaintext one from an older
/// version (it is converted at the first login). An encrypted database without a keyring (a
/// set-up interrupted before the keyring was written) can never be opened: in a demo folder it
/// is removed and set up again.
pub fn provision(
    data_dir: &Path,
    registry: &Registry,
    options: crate::store::StoreOptions,
    prepare: impl FnOnce(&mut Store) -> Result<(), StoreError>,
) -> Result<(), DemoError> {
    use crate::keyring::{Keyring, MasterKey};
    if Keyring::exists(data_dir) || crate::encryption::convert::needs_conversion(data_dir)? {
        return Ok(());
    }
    let db = data_dir.join(crate::store::DB_FILE);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        match fs::remove_file(PathBuf::from(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    let blobs = data_dir.join(crate::store::BLOB_DIR);
    if blobs.exists() {
        fs::remove_dir_all(&blobs)?;
    }
    let key = MasterKey::generate();
    let mut store = Store::open_with(data_dir, &key, options)?;
    prepare(&mut store)?;
    let seeded = seed(&mut store, registry)?.ok_or(DemoError::NoService)?;
    let head_iin = head_iin().ok_or(DemoError::NoService)?;
    let head = store
        .operator_by_iin(&head_iin)?
        .ok_or(DemoError::NoService)?;
    drop(store);
    let mut keyring = Keyring::create_for(
        data_dir,
        &key,
        seeded.operator.id,
        &seeded.operator.iin,
        OPERATOR_PASSWORD,
    )?;
    keyring.set_wrap(&key, head.id, &head_iin, HEAD_PASSWORD)?;
    Ok(())
}

/// Seeds the demo operator and requests unless the demo operator already exists; returns what
/// was added (`None` when the data folder already had them).
pub fn seed(store: &mut Store, registry: &Registry) -> Result<Option<Seeded>, DemoError> {
    let iin = operator_iin().ok_or(DemoError::NoService)?;
    if store.operator_by_iin(&iin)?.is_some() {
        return Ok(None);
    }
    let regulation = registry.get(DEMO_SERVICE).ok_or(DemoError::NoService)?;
    let operator = store.add_operator(
        &NewOperator {
            iin,
            full_name: "Сапарова Әйгерім (демо)".to_owned(),
            role: Role::Executor,
            office_id: DEMO_OFFICE.to_owned(),
            password_hash: None,
        },
        None,
    )?;
    store.set_password(operator.id, OPERATOR_PASSWORD, None)?;
    let head = store.add_operator(
        &NewOperator {
            iin: head_iin().ok_or(DemoError::NoService)?,
            full_name: "Бекмұратов Ерлан (демо)".to_owned(),
            role: Role::Head,
            office_id: DEMO_OFFICE.to_owned(),
            password_hash: None,
        },
        None,
    )?;
    store.set_password(head.id, HEAD_PASSWORD, None)?;
    let scan = write_scan()?;
    let requests = seed_requests(store, regulation, operator.id, &scan);
    let _ = fs::remove_file(&scan);
    Ok(Some(Seeded {
        operator,
        requests: requests?,
    }))
}

fn seed_requests(
    store: &mut Store,
    regulation: &Regulation,
    operator: Uuid,
    scan: &Path,
) -> Result<Vec<Uuid>, DemoError> {
    let mut requests = Vec::new();
    for (index, child) in CHILDREN.iter().enumerate() {
        let fields = child.fields(index);
        let report = flk::check(regulation, DEMO_PROFILE, &fields, &["birth-certificate"])?;
        if !report.is_ok() {
            return Err(DemoError::Invalid { index });
        }
        let saved = store.save_request(
            &RequestDraft {
                id: None,
                expected_version: None,
                service_id: DEMO_SERVICE.to_owned(),
                profile: DEMO_PROFILE.to_owned(),
                channel: child.channel,
                fields: report.values,
            },
            operator,
        )?;
        store.add_attachment(
            saved.id,
            "birth-certificate",
            "demo-scan.pdf",
            scan,
            operator,
        )?;
        let mut status = Status::Draft;
        for &action in child.progress {
            store.apply_action(saved.id, regulation.flow, status, action, operator)?;
            status = store.load_request(saved.id)?.status;
        }
        requests.push(saved.id);
    }
    Ok(requests)
}

/// Writes the demo scan to a temporary file so it can be attached like any scanned file.
fn write_scan() -> Result<PathBuf, DemoError> {
    let path = std::env::temp_dir().join(format!("tereze-demo-scan-{}.pdf", Uuid::now_v7()));
    fs::write(&path, DEMO_SCAN)?;
    Ok(path)
}

struct DemoChild {
    applicant: (&'static str, &'static str, &'static str),
    applicant_birth: Date,
    applicant_sex: Sex,
    child: (&'static str, &'static str, &'static str),
    birth: Date,
    sex: Sex,
    address: &'static str,
    phone: &'static str,
    language: &'static str,
    channel: crate::channel::Channel,
    progress: &'static [Action],
}

impl DemoChild {
    fn fields(&self, index: usize) -> FieldValues {
        let serial = u16::try_from(index).unwrap_or(0) * 37;
        let applicant_iin = (0..200)
            .find_map(|s| Iin::compose(self.applicant_birth, self.applicant_sex, 3100 + serial + s))
            .map(|i| i.as_string())
            .unwrap_or_default();
        let child_iin = (0..200)
            .find_map(|s| Iin::compose(self.birth, self.sex, 5100 + serial + s))
            .map(|i| i.as_string())
            .unwrap_or_default();
        let mut f = FieldValues::new();
        let mut put = |k: &str, v: &str| {
            f.insert(k.to_owned(), v.to_owned());
        };
        put("applicant-iin", &applicant_iin);
        put("applicant-last-name", self.applicant.0);
        put("applicant-first-name", self.applicant.1);
        put("applicant-patronymic", self.applicant.2);
        put("applicant-address", self.address);
        put("applicant-postal-index", "160000");
        put("applicant-phone", self.phone);
        put("child-iin", &child_iin);
        put("child-last-name", self.child.0);
        put("child-first-name", self.child.1);
        put("child-patronymic", self.child.2);
        put("child-birth-date", &crate::text::format_date(self.birth));
        put("child-sex", self.sex.as_str());
        put("group-language", self.language);
        put("correctional-group", "false");
        put("privilege-category", "none");
        f
    }
}

const CHILDREN: &[DemoChild] = &[
    DemoChild {
        applicant: ("Қасымова", "Әлия", "Серікқызы"),
        applicant_birth: date!(1994 - 02 - 17),
        applicant_sex: Sex::Female,
        child: ("Қасымов", "Нұрислам", "Ержанұлы"),
        birth: date!(2022 - 05 - 03),
        sex: Sex::Male,
        address: "г. Шымкент, мкр. Нурсат, д. 12, кв. 45 (демо)",
        phone: "+7 701 555 01 01",
        language: "kk",
        channel: crate::channel::Channel::Office,
        progress: &[],
    },
    DemoChild {
        applicant: ("Иванова", "Ольга", "Петровна"),
        applicant_birth: date!(1991 - 11 - 08),
        applicant_sex: Sex::Female,
        child: ("Иванова", "Алиса", "Сергеевна"),
        birth: date!(2021 - 09 - 21),
        sex: Sex::Female,
        address: "г. Шымкент, ул. Байтурсынова, д. 7, кв. 3 (демо)",
        phone: "8 (7252) 55-02-02",
        language: "ru",
        channel: crate::channel::Channel::Office,
        progress: &[Action::Sign],
    },
    DemoChild {
        applicant: ("Төлегенов", "Дәурен", "Маратұлы"),
        applicant_birth: date!(1988 - 06 - 30),
        applicant_sex: Sex::Male,
        child: ("Төлегенова", "Іңкәр", "Дәуренқызы"),
        birth: date!(2023 - 01 - 15),
        sex: Sex::Female,
        address: "г. Шымкент, пр. Тауке хана, д. 40, кв. 101 (демо)",
        phone: "87015550303",
        language: "kk",
        channel: crate::channel::Channel::Con,
        progress: &[Action::Sign, Action::Register],
    },
    DemoChild {
        applicant: ("Ахметова", "Гүлнар", "Бақытқызы"),
        applicant_birth: date!(1996 - 03 - 22),
        applicant_sex: Sex::Female,
        child: ("Ахметов", "Әмір", "Асқарұлы"),
        birth: date!(2022 - 12 - 01),
        sex: Sex::Male,
        address: "г. Шымкент, мкр. Самал-2, д. 5 (демо)",
        phone: "+77015550404",
        language: "kk",
        channel: crate::channel::Channel::Office,
        progress: &[Action::Sign, Action::Register, Action::TakeIntoWork],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeding_adds_valid_requests_once() {
        let dir = tempfile::tempdir().unwrap();
        let key = crate::keyring::MasterKey::from_bytes([5; 32]);
        let mut store = Store::open(dir.path(), &key).unwrap();
        let registry = Registry::builtin().unwrap();
        let seeded = seed(&mut store, &registry).unwrap().unwrap();
        assert_eq!(seeded.requests.len(), CHILDREN.len());
        assert!(seeded.operator.full_name.contains("демо"));
        // Both demo accounts log in with the passwords the README gives.
        let now = time::OffsetDateTime::now_utc();
        let iin = operator_iin().unwrap().as_string();
        assert_eq!(
            store.login(&iin, OPERATOR_PASSWORD, now).unwrap().id,
            seeded.operator.id
        );
        let head = store
            .login(&head_iin().unwrap().as_string(), HEAD_PASSWORD, now)
            .unwrap();
        assert_eq!(head.role, Role::Head);
        // The README prints these IINs.
        assert_eq!(iin, "900412442007");
        assert_eq!(head_iin().unwrap().as_string(), "790925317006");
        let statuses: Vec<Status> = seeded
            .requests
            .iter()
            .map(|id| store.load_request(*id).unwrap().status)
            .collect();
        assert_eq!(
            statuses,
            [
                Status::Draft,
                Status::Signed,
                Status::Registered,
                Status::InWork
            ]
        );
        assert_eq!(store.attachments(seeded.requests[0]).unwrap().len(), 1);
        // The second run finds the demo operator and adds nothing.
        assert!(seed(&mut store, &registry).unwrap().is_none());
        assert_eq!(store.stats().unwrap().requests, 4);
        store.verify_audit().unwrap();
    }
}
