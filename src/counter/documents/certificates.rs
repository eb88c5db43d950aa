//! The positive outcome documents of the services other than the preschool queue, formed from
//! the stored request's form fields as the regulation files name them: the unemployed
//! certificate, the disabled-child support notification, the school receipt and the school
//! admission order. A field the document needs but the form left empty is refused with a
//! message naming the field, in Kazakh and Russian as the form labels it.

use tereze_core::calendar::Calendar;
use tereze_core::deadline::{Step, issue_date};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::regulation::Regulation;
use tereze_core::store::{Request, Store};
use tereze_core::validate::date;
use tereze_report::{
    AdmissionOrder, Body, DisabledChildSupport, InstructionLanguage, Issue, SchoolReceipt,
    UnemployedCertificate,
};
use time::{Date, Month};

use super::local;

/// What the support notification states as the decision.
const SUPPORT_DECISION: &str = "Құжаттар ресімделді, материалдық қамтамасыз ету тағайындалды. / \
Документы оформлены, материальное обеспечение назначено.";

/// The standard the support notification rests on (002:L3427).
const SUPPORT_BASIS: &str = "Қазақстан Республикасы Үкіметінің 2011 жылғы 7 сәуірдегі № 394 \
қаулысымен бекітілген «Үйде оқитын және тәрбиеленетін мүгедек балаларды материалдық қамтамасыз ету \
үшін құжаттарды ресімдеу» мемлекеттік көрсетілетін қызмет стандарты. / Стандарт государственной \
услуги «Оформление документов для материального обеспечения детей-инвалидов, обучающихся и \
воспитывающихся на дому», утверждённый постановлением Правительства Республики Казахстан от \
7 апреля 2011 года № 394.";

/// The application itself heads the list of documents a school receipt acknowledges.
const SCHOOL_APPLICATION: &str = "Мектепке қабылдау туралы өтініш / Заявление о приёме в школу";

/// A field as the operator sees it on the form, in Kazakh and Russian like the documents.
fn label(regulation: &Regulation, field: &str) -> String {
    regulation.field(field).map_or_else(
        || field.to_owned(),
        |f| format!("{} / {}", f.labels.kk, f.labels.ru),
    )
}

/// The form left a field empty that the document needs.
fn missing(regulation: &Regulation, field: &str) -> Localized {
    Localized::new("document-field-missing").arg("field", label(regulation, field))
}

/// A field's value cannot be put on the document.
fn invalid(regulation: &Regulation, field: &str) -> Localized {
    Localized::new("document-field-invalid").arg("field", label(regulation, field))
}

/// The trimmed value of a field the document cannot do without.
fn required<'a>(
    request: &'a Request,
    regulation: &Regulation,
    field: &str,
) -> Result<&'a str, Localized> {
    request
        .fields
        .get(field)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| missing(regulation, field))
}

/// A date field the document cannot do without.
fn required_date(
    request: &Request,
    regulation: &Regulation,
    field: &str,
) -> Result<Date, Localized> {
    date::parse(required(request, regulation, field)?).map_err(|_| invalid(regulation, field))
}

/// A yes/no field; left empty it reads as "no", like an unticked box.
fn flag(request: &Request, field: &str) -> bool {
    request.fields.get(field).is_some_and(|v| v == "true")
}

/// "last first patronymic" of the person whose fields start with `prefix`; the last and first
/// names are required, the patronymic is printed when given.
fn full_name(
    request: &Request,
    regulation: &Regulation,
    prefix: &str,
) -> Result<String, Localized> {
    let mut parts = Vec::with_capacity(3);
    for part in ["last-name", "first-name"] {
        let field = format!("{prefix}-{part}");
        parts.push(required(request, regulation, &field)?.to_owned());
    }
    if let Some(patronymic) = request
        .fields
        .get(&format!("{prefix}-patronymic"))
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
    {
        parts.push(patronymic.to_owned());
    }
    Ok(parts.join(" "))
}

/// The issuing office's name as a document prints it.
fn office_name(issue: &Issue) -> String {
    format!("{} / {}", issue.office.name_kk, issue.office.name_ru)
}

/// The unemployed certificate (004:L450-529): the person, the registration date and the three
/// yes/no lines from the department's records, where it is to be presented and the date of the
/// application.
pub fn unemployed(request: &Request, regulation: &Regulation) -> Result<Body, Localized> {
    Ok(Body::Unemployed(UnemployedCertificate {
        person_name: full_name(request, regulation, "applicant")?,
        registered_on: required_date(request, regulation, "registered-on")?,
        public_works: flag(request, "public-works"),
        training: flag(request, "training"),
        social_aid: flag(request, "social-aid"),
        presented_to: required(request, regulation, "presented-to")?.to_owned(),
        applied_on: local(request.created_at).date(),
    }))
}

/// The notification that the documents for the material support of a disabled child taught
/// at home are processed (002:L3487, L4132-4137), with the period of support and the account
/// it is paid to.
pub fn disabled_child(request: &Request, regulation: &Regulation) -> Result<Body, Localized> {
    let period_from = required_date(request, regulation, "support-from")?;
    let period_to = required_date(request, regulation, "support-to")?;
    if period_to < period_from {
        return Err(Localized::new("document-period-reversed")
            .arg("from", label(regulation, "support-from"))
            .arg("to", label(regulation, "support-to")));
    }
    Ok(Body::DisabledChildSupport(DisabledChildSupport {
        applicant_name: full_name(request, regulation, "applicant")?,
        child_name: full_name(request, regulation, "child")?,
        child_birth_date: required_date(request, regulation, "child-birth-date")?,
        decision: SUPPORT_DECISION.to_owned(),
        period_from,
        period_to,
        account: required(request, regulation, "bank-account-number")?.to_owned(),
        legal_basis: SUPPORT_BASIS.to_owned(),
    }))
}

/// The receipt for the documents accepted for school admission (003:L15, L25): the
/// application and every scan attached to it, the day they were accepted, the day the order is
/// expected (the decision term of the request's channel counted from acceptance) and the clerk
/// who accepted them.
pub fn school_receipt(
    store: &Store,
    request: &Request,
    regulation: &Regulation,
    issue: &Issue,
) -> Result<Body, Localized> {
    let attached = store.attachments(request.id).map_err(|e| e.localized())?;
    let mut documents = vec![SCHOOL_APPLICATION.to_owned()];
    documents.extend(
        regulation
            .attachments
            .iter()
            .filter(|slot| attached.iter().any(|a| a.slot == slot.id))
            .map(|slot| format!("{} / {}", slot.labels.kk, slot.labels.ru)),
    );
    let accepted_on = local(request.created_at).date();
    let order_expected_on = match regulation.deadline(request.channel, Step::Decide) {
        Some(term) => {
            let calendar = Calendar::builtin().map_err(|e| e.localized())?;
            issue_date(request.created_at, term, &calendar)
        }
        None => accepted_on,
    };
    let accepted_by = store
        .operator(request.created_by)
        .map_err(|e| e.localized())?
        .map_or_else(|| issue.executor.clone(), |o| o.full_name);
    Ok(Body::SchoolReceipt(SchoolReceipt {
        applicant_name: full_name(request, regulation, "applicant")?,
        child_name: full_name(request, regulation, "child")?,
        child_birth_date: required_date(request, regulation, "child-birth-date")?,
        school: office_name(issue),
        documents,
        accepted_on,
        order_expected_on,
        accepted_by,
    }))
}

/// The school year an admission decided on `decided` starts: admission is "from the new school
/// year" (003:L15), which opens on 1 September; a decision in September or later admits from
/// the next one.
pub fn school_year_start(decided: Date) -> i32 {
    if decided.month() >= Month::September {
        decided.year() + 1
    } else {
        decided.year()
    }
}

/// The order of admission to school from the new school year (003:L15), drafted by the
/// executor and signed by the head (003:L27-28): the child, the grade and the language of
/// instruction, on the application of the parent.
pub fn admission_order(
    request: &Request,
    regulation: &Regulation,
    number: &str,
    issue: &Issue,
) -> Result<Body, Localized> {
    let grade = required(request, regulation, "grade")?
        .parse::<u8>()
        .ok()
        .filter(|g| (1..=11).contains(g))
        .ok_or_else(|| invalid(regulation, "grade"))?;
    let language = match required(request, regulation, "instruction-language")? {
        "kk" => InstructionLanguage::Kazakh,
        "ru" => InstructionLanguage::Russian,
        _ => return Err(invalid(regulation, "instruction-language")),
    };
    Ok(Body::AdmissionOrder(AdmissionOrder {
        school: office_name(issue),
        child_name: full_name(request, regulation, "child")?,
        child_birth_date: required_date(request, regulation, "child-birth-date")?,
        grade,
        language,
        school_year_start: school_year_start(issue.date),
        applicant_name: full_name(request, regulation, "applicant")?,
        application_number: number.to_owned(),
        application_date: local(request.created_at).date(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tereze_core::channel::Channel;
    use tereze_core::lifecycle::Status;
    use tereze_core::regulation::Registry;
    use time::OffsetDateTime;
    use time::macros::{date, datetime};
    use uuid::Uuid;

    fn request(service: &str, fields: &[(&str, &str)]) -> Request {
        let at: OffsetDateTime = datetime!(2025-03-14 05:42 UTC);
        Request {
            id: Uuid::nil(),
            number: Some("ЖА-2025-000311".into()),
            service_id: service.into(),
            profile: "default".into(),
            channel: Channel::Office,
            status: Status::Decided,
            outcome: None,
            version: 1,
            created_at: at,
            updated_at: at,
            created_by: Uuid::nil(),
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    const PEOPLE: [(&str, &str); 4] = [
        ("applicant-last-name", "Жүсіпова"),
        ("applicant-first-name", "Гүлжаһан"),
        ("child-last-name", "Жүсіпов"),
        ("child-first-name", "Әлихан"),
    ];

    /// Leaving out any one of `required` gives the missing-field message naming that field as
    /// the form labels it, in Kazakh and Russian.
    fn each_required_field_is_named(
        service: &str,
        fields: &[(&str, &str)],
        required: &[&str],
        build: impl Fn(&Request, &Regulation) -> Result<Body, Localized>,
    ) {
        let registry = Registry::builtin().unwrap();
        let regulation = registry.get(service).unwrap();
        assert!(build(&request(service, fields), regulation).is_ok());
        for field in required {
            let kept: Vec<_> = fields.iter().copied().filter(|(k, _)| k != field).collect();
            let err = build(&request(service, &kept), regulation).unwrap_err();
            assert_eq!(err.key, "document-field-missing", "{service}: {field}");
            let spec = regulation.field(field).unwrap();
            assert_eq!(
                err.get("field"),
                Some(format!("{} / {}", spec.labels.kk, spec.labels.ru).as_str()),
                "{service}: {field}"
            );
        }
    }

    #[test]
    fn the_unemployed_certificate_names_each_missing_field() {
        let mut fields = PEOPLE.to_vec();
        fields.extend([
            ("registered-on", "10.02.2025"),
            ("presented-to", "Әкімдікке / В акимат"),
        ]);
        each_required_field_is_named(
            "unemployed-certificate",
            &fields,
            &[
                "applicant-last-name",
                "applicant-first-name",
                "registered-on",
                "presented-to",
            ],
            unemployed,
        );
    }

    #[test]
    fn unticked_boxes_print_no_and_ticked_ones_yes() {
        let registry = Registry::builtin().unwrap();
        let regulation = registry.get("unemployed-certificate").unwrap();
        let mut fields = PEOPLE.to_vec();
        fields.extend([
            ("registered-on", "10.02.2025"),
            ("presented-to", "Әкімдікке"),
            ("public-works", "true"),
            ("training", "false"),
        ]);
        let Ok(Body::Unemployed(c)) =
            unemployed(&request("unemployed-certificate", &fields), regulation)
        else {
            panic!("no certificate");
        };
        assert!(c.public_works && !c.training && !c.social_aid);
        assert_eq!(c.registered_on, date!(2025 - 02 - 10));
        assert_eq!(c.applied_on, date!(2025 - 03 - 14));
    }

    #[test]
    fn the_support_notification_names_each_missing_field() {
        let mut fields = PEOPLE.to_vec();
        fields.extend([
            ("child-birth-date", "07.11.2015"),
            ("bank-account-number", "KZ86125KZT500410"),
            ("support-from", "01.04.2025"),
            ("support-to", "31.12.2025"),
        ]);
        each_required_field_is_named(
            "disabled-child-support",
            &fields,
            &[
                "applicant-last-name",
                "child-first-name",
                "child-birth-date",
                "bank-account-number",
                "support-from",
                "support-to",
            ],
            disabled_child,
        );
    }

    #[test]
    fn the_admission_order_names_each_missing_field_and_refuses_a_grade_beyond_eleven() {
        let issue = tereze_report::samples::issue("БҰ-2025-000058", false);
        let order =
            |r: &Request, reg: &Regulation| admission_order(r, reg, "БҰ-2025-000058", &issue);
        let mut fields = PEOPLE.to_vec();
        fields.extend([
            ("child-birth-date", "02.09.2018"),
            ("grade", "1"),
            ("instruction-language", "ru"),
        ]);
        each_required_field_is_named(
            "school-admission",
            &fields,
            &[
                "child-last-name",
                "applicant-first-name",
                "child-birth-date",
                "grade",
                "instruction-language",
            ],
            order,
        );
        let registry = Registry::builtin().unwrap();
        let regulation = registry.get("school-admission").unwrap();
        for (field, bad) in [
            ("grade", "12"),
            ("grade", "0"),
            ("instruction-language", "en"),
        ] {
            let changed: Vec<_> = fields
                .iter()
                .map(|&(k, v)| if k == field { (k, bad) } else { (k, v) })
                .collect();
            let err = order(&request("school-admission", &changed), regulation).unwrap_err();
            assert_eq!(err.key, "document-field-invalid", "{field} = {bad}");
        }
    }

    #[test]
    fn admission_is_from_the_next_first_of_september() {
        assert_eq!(school_year_start(date!(2025 - 04 - 01)), 2025);
        assert_eq!(school_year_start(date!(2025 - 08 - 31)), 2025);
        assert_eq!(school_year_start(date!(2025 - 09 - 01)), 2026);
        assert_eq!(school_year_start(date!(2025 - 12 - 30)), 2026);
    }
}
