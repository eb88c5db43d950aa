//! Writes the demo PKI used by `tereze --demo`: a demo root CA, its (empty) CRL, and key files for
//! the demo executor and the demo head of department. Demo only: trusted only in demo mode.
//!
//! ```text
//! cargo run -p tereze-sign --features testpki --example demo-pki -- assets/demo/pki
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use tereze_sign::testpki::{Ca, OperatorSpec};
use time::{Duration, OffsetDateTime, Time};

/// The password of both demo key files.
const PASSWORD: &str = "demo-sign-2026";

struct DemoPerson {
    file: &'static str,
    name: &'static str,
    iin: &'static str,
    serial: u64,
}

const PEOPLE: [DemoPerson; 2] = [
    DemoPerson {
        file: "executor.p12",
        name: "Сапарова Әйгерім",
        iin: "900412442007",
        serial: 101,
    },
    DemoPerson {
        file: "head.p12",
        name: "Бекмұратов Ерлан",
        iin: "790925317006",
        serial: 102,
    },
];

fn write(dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let today = OffsetDateTime::now_utc().replace_time(Time::MIDNIGHT);
    let year = Duration::days(365);
    let root = Ca::root(
        "Tereze DEMO Root CA (demo only, not for real signatures)",
        today - Duration::days(1),
        today + 20 * year,
    )?;
    std::fs::create_dir_all(dir.join("trust"))?;
    std::fs::write(dir.join("trust").join("demo-root.cer"), &root.cert_der)?;
    let crl = root.crl(&[], today - Duration::days(1), today + 10 * year)?;
    std::fs::write(dir.join("demo-root.crl"), crl)?;
    for person in &PEOPLE {
        let operator = root.issue_operator(&OperatorSpec {
            name: person.name.into(),
            iin: person.iin.into(),
            bin: Some("000000000000".into()),
            organisation: Some("DEMO Tereze".into()),
            serial: person.serial,
            not_before: today - Duration::days(1),
            not_after: today + 10 * year,
            authentication: false,
        })?;
        let p12 = operator.p12(PASSWORD, &[])?;
        std::fs::write(dir.join(person.file), p12)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: demo-pki <output folder>, e.g. assets/demo/pki");
        return ExitCode::FAILURE;
    };
    match write(&dir) {
        Ok(()) => {
            println!("demo PKI written to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("demo PKI: {e}");
            ExitCode::FAILURE
        }
    }
}
