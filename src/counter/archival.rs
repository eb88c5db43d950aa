//! The archival certificate (архивтік анықтама / архивная справка) of a decided request: the
//! applicant, the certificate's type and period from the form, the archive's findings and the
//! records they rest on from the decision.

use tereze_core::i18n::{Localize, Localized};
use tereze_core::regulation::Regulation;
use tereze_core::store::{Request, Store};
use tereze_report::{ArchivalCertificate, ArchiveReference, Body};
use time::{Date, Month};

/// The first or last day of a year typed on the form (`YYYY`); `None` when absent or not a year.
fn year_day(request: &Request, field: &str, last: bool) -> Option<Date> {
    let year: i32 = request.fields.get(field)?.trim().parse().ok()?;
    if last {
        Date::from_calendar_date(year, Month::December, 31).ok()
    } else {
        Date::from_calendar_date(year, Month::January, 1).ok()
    }
}

/// The certificate's body. `label` gives a choice field's bilingual label; `applicant` the
/// applicant's full name.
pub fn body(
    store: &Store,
    regulation: &Regulation,
    request: &Request,
    applicant: String,
    label: impl Fn(&Regulation, &str, &str) -> String,
) -> Result<Body, Localized> {
    let found = store
        .archival_findings(request.id)
        .map_err(|e| e.localized())?
        .ok_or_else(|| Localized::new("counter-archival-findings-missing"))?;
    let kind = request
        .fields
        .get("certificate-type")
        .map(|v| label(regulation, "certificate-type", v))
        .unwrap_or_default();
    let decided = store
        .decision(request.id)
        .map_err(|e| e.localized())?
        .map(|d| d.decided_at.date());
    let period_to = year_day(request, "period-to", true)
        .or(decided)
        .unwrap_or(Date::MIN);
    let period_from = year_day(request, "period-from", false).unwrap_or(period_to);
    let mut findings = found.findings;
    if let Some(org) = request
        .fields
        .get("organisation-name")
        .filter(|o| !o.trim().is_empty())
    {
        findings = format!("{org}: {findings}");
    }
    Ok(Body::Archival(ArchivalCertificate {
        applicant_name: applicant,
        certificate_type: kind,
        findings,
        references: found
            .references
            .into_iter()
            .map(|r| ArchiveReference {
                fund: r.fund,
                inventory: r.inventory,
                file: r.file,
                sheets: r.sheets,
            })
            .collect(),
        period_from,
        period_to,
        presented_to: request.fields.get("purpose").cloned().unwrap_or_default(),
    }))
}
