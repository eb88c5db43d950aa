//! The outcome documents built from what the store holds: the registration talon of the
//! preschool queue, the motivated refusal and (in `certificates`) the positive documents of the
//! other services, with the office, the number (official, or the provisional one marked as
//! such), the decision's date and the signature block of the real result signature once it is
//! made.
//!
//! The document's date and time are the decision's, so the content hash the result signature
//! covers is the same whenever the document is rendered again.

use tereze_core::i18n::{Localize, Localized};
use tereze_core::reference::ReferenceData;
use tereze_core::regulation::{FieldFormat, Outcome, Registry, Regulation};
use tereze_core::store::{Request, SignatureKind, Store};
use tereze_core::validate::date;
use tereze_report::{Body, Document, Issue, Office, Refusal, Rendered, Signature, Talon};
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};
use uuid::Uuid;

use super::grounds;

pub mod certificates;

/// The name of the referral, the preschool request's second output document.
pub const REFERRAL: &str = "referral";

/// Kazakhstan's single time zone, UTC+5: documents print local time.
const KZ_OFFSET_HOURS: i8 = 5;

/// `at` as the office's wall-clock time.
pub fn local(at: OffsetDateTime) -> PrimitiveDateTime {
    let offset = UtcOffset::from_hms(KZ_OFFSET_HOURS, 0, 0).unwrap_or(UtcOffset::UTC);
    let at = at.to_offset(offset);
    PrimitiveDateTime::new(at.date(), at.time())
}

/// The number a request shows: the server's official one, else the provisional one given at
/// registration here (`true`: provisional).
pub fn number(store: &Store, request: &Request) -> Result<Option<(String, bool)>, Localized> {
    if let Some(official) = &request.number {
        return Ok(Some((official.clone(), false)));
    }
    Ok(store
        .provisional_number(request.id)
        .map_err(|e| e.localized())?
        .map(|n| (n, true)))
}

/// The provisional number a request had here before the server's official one arrived, for
/// the "was П-…" note beside the official number; `None` while the number is still provisional.
pub fn was_provisional(store: &Store, request: &Request) -> Result<Option<String>, Localized> {
    if request.number.is_none() {
        return Ok(None);
    }
    store
        .provisional_number(request.id)
        .map_err(|e| e.localized())
}

/// The regulation outcome a decided request was decided with.
pub fn outcome_of<'a>(
    store: &Store,
    regulation: &'a Regulation,
    id: Uuid,
) -> Result<&'a Outcome, Localized> {
    let decision = store
        .decision(id)
        .map_err(|e| e.localized())?
        .ok_or_else(|| Localized::new("counter-not-decided"))?;
    regulation.outcome(&decision.outcome_id).ok_or_else(|| {
        Localized::new("counter-document-unsupported").arg("document", decision.outcome_id)
    })
}

fn person(request: &Request, prefix: &str) -> String {
    ["last-name", "first-name", "patronymic"]
        .iter()
        .filter_map(|part| request.fields.get(&format!("{prefix}-{part}")))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

fn office(id: &str) -> Office {
    let found = ReferenceData::builtin()
        .ok()
        .and_then(|r| r.office(id).cloned());
    match found {
        Some(o) => Office {
            name_kk: o.name_kk.clone().unwrap_or_else(|| o.name_ru.clone()),
            name_ru: o.name_ru.clone(),
            address: [o.postal_index.clone(), o.address.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            phones: o
                .phones
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
        },
        None => Office {
            name_kk: id.to_owned(),
            name_ru: id.to_owned(),
            address: String::new(),
            phones: String::new(),
        },
    }
}

fn choice_label(regulation: &Regulation, field: &str, value: &str) -> String {
    regulation
        .field(field)
        .and_then(|f| match &f.format {
            FieldFormat::Choice(options) => options.iter().find(|o| o.id == value),
            _ => None,
        })
        .map_or_else(
            || value.to_owned(),
            |o| format!("{} / {}", o.labels.kk, o.labels.ru),
        )
}

/// The output document a request has now, and whether a result signature covers it.
#[derive(Debug, Clone)]
pub struct Current {
    /// The document, with the signature block of the signature that covers it, if any.
    pub document: Document,
    /// Which document it is (`registration-talon`, `referral`, `refusal`, …): what a signature
    /// over it names and what is recorded as handed out.
    pub name: String,
    /// Its content hash, as a result signature over it signs.
    pub sha256: String,
    /// Whether a kept result signature signs exactly this content. A talon signed with the
    /// provisional number, or a talon whose child has since been referred (the document is now
    /// the referral), is not signed until it is signed again.
    pub signed: bool,
    /// The newest result signature signs another document than this one (the talon, where
    /// the child has since been referred): this one replaced it.
    pub replaced: bool,
}

/// The outcome document of a decided request, with the result signature when there is one.
pub fn build(store: &Store, registry: &Registry, id: Uuid) -> Result<Document, Localized> {
    current(store, registry, id).map(|c| c.document)
}

/// The output document of a decided request as it reads now, with the newest result signature
/// whose content hash is this document's.
pub fn current(store: &Store, registry: &Registry, id: Uuid) -> Result<Current, Localized> {
    let (mut document, name, outcome) = unsigned(store, registry, id)?;
    let sha256 = tereze_report::templates::compose(&document).sha256;
    let signatures: Vec<_> = store
        .signatures(id)
        .map_err(|e| e.localized())?
        .into_iter()
        .filter(|s| s.kind == SignatureKind::Result)
        .collect();
    // A signature from before signatures named their document signed the outcome's.
    let replaced = signatures
        .last()
        .is_some_and(|s| s.document.as_ref().unwrap_or(&outcome) != &name);
    let signature = signatures
        .into_iter()
        .rev()
        .find(|s| s.document_sha256.as_ref() == Some(&sha256));
    let signed = signature.is_some();
    document.issue.signature = signature.map(|s| Signature {
        subject: s.signer_subject,
        serial: s.serial,
        signed_at: local(s.signed_at),
    });
    Ok(Current {
        document,
        name,
        sha256,
        signed,
        replaced,
    })
}

/// The document without a signature block, its name and the decision's outcome document.
fn unsigned(
    store: &Store,
    registry: &Registry,
    id: Uuid,
) -> Result<(Document, String, String), Localized> {
    let request = store.load_request(id).map_err(|e| e.localized())?;
    let regulation = registry.get(&request.service_id).ok_or_else(|| {
        Localized::new("counter-unknown-service").arg("service", request.service_id.clone())
    })?;
    let decision = store
        .decision(id)
        .map_err(|e| e.localized())?
        .ok_or_else(|| Localized::new("counter-not-decided"))?;
    let (number, _) =
        number(store, &request)?.ok_or_else(|| Localized::new("counter-not-registered"))?;
    let decider = store
        .operator(decision.decided_by)
        .map_err(|e| e.localized())?;
    let (executor, office_id) = decider
        .map(|o| (o.full_name, o.office_id))
        .unwrap_or_default();
    let decided = local(decision.decided_at);
    let issue = Issue {
        office: office(&office_id),
        number: number.clone(),
        date: decided.date(),
        time: decided.time(),
        executor,
        signature: None,
    };
    let body = match decision.outcome_id.as_str() {
        "registration-talon" => {
            let birth = request
                .fields
                .get("child-birth-date")
                .and_then(|d| date::parse(d).ok())
                .ok_or_else(|| Localized::new("counter-birth-date-missing"))?;
            let entry = store.queue_entry(id).map_err(|e| e.localized())?;
            let category = request
                .fields
                .get("privilege-category")
                .cloned()
                .unwrap_or_else(|| "none".to_owned());
            let child_name = person(&request, "child");
            if let Some(referral) =
                super::queue_referral::body(store, &request, &number, child_name.clone(), birth)?
            {
                return Ok((
                    Document {
                        issue,
                        body: referral,
                    },
                    REFERRAL.to_owned(),
                    decision.outcome_id,
                ));
            }
            Body::Talon(Talon {
                request_number: number,
                applied_at: local(request.created_at),
                child_name,
                child_birth_date: birth,
                cohort: entry.as_ref().map_or(birth.year(), |e| e.cohort),
                priority: choice_label(regulation, "privilege-category", &category),
                queue_number: entry.and_then(|e| e.official_number),
            })
        }
        "refusal" => {
            let ground = decision
                .ground_id
                .as_deref()
                .and_then(grounds::by_id)
                .ok_or_else(|| Localized::new("counter-ground-missing"))?;
            Body::Refusal(Refusal {
                request_number: number,
                applicant_name: person(&request, "applicant"),
                service: format!("{} / {}", regulation.names.kk, regulation.names.ru),
                reason: ground.printed_reason(),
                legal_basis: ground.printed_basis(),
            })
        }
        "certificate" if regulation.id == "unemployed-certificate" => {
            certificates::unemployed(&request, regulation)?
        }
        "notification" if regulation.id == "disabled-child-support" => {
            certificates::disabled_child(&request, regulation)?
        }
        "receipt" if regulation.id == "school-admission" => {
            certificates::school_receipt(store, &request, regulation, &issue)?
        }
        "admission-order" if regulation.id == "school-admission" => {
            certificates::admission_order(&request, regulation, &number, &issue)?
        }
        "certificate" if request.service_id == "archive-certificate" => super::archival::body(
            store,
            regulation,
            &request,
            person(&request, "applicant"),
            choice_label,
        )?,
        other => {
            return Err(Localized::new("counter-document-unsupported").arg("document", other));
        }
    };
    let name = decision.outcome_id.clone();
    Ok((Document { issue, body }, name, decision.outcome_id))
}

/// Renders a document to PDF.
pub fn render(document: &Document) -> Result<Rendered, Localized> {
    tereze_report::render(document).map_err(|e| e.localized())
}
