//! Plain input types for the output documents. The app fills them from core data; the
//! renderer never reads a clock, so every date and time here is given by the caller.

use time::{Date, PrimitiveDateTime, Time};

/// The issuing office, printed in every page's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// Name in Kazakh.
    pub name_kk: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Postal address.
    pub address: String,
    /// Contact phones, as printed.
    pub phones: String,
}

/// The electronic signature already put on the document, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The certificate's subject (the signer).
    pub subject: String,
    /// The certificate's serial number.
    pub serial: String,
    /// When the document was signed.
    pub signed_at: PrimitiveDateTime,
}

/// What every document carries besides its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The office issuing it.
    pub office: Office,
    /// The document's number.
    pub number: String,
    /// Date of issue.
    pub date: Date,
    /// Time of issue.
    pub time: Time,
    /// The executor who prepared it.
    pub executor: String,
    /// The signature; `None` prints "signature pending".
    pub signature: Option<Signature>,
}

/// Registration talon of the preschool queue (уведомление / тіркеу талоны).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Talon {
    /// The request's number.
    pub request_number: String,
    /// When the application was made.
    pub applied_at: PrimitiveDateTime,
    /// Child's full name.
    pub child_name: String,
    /// Child's date of birth.
    pub child_birth_date: Date,
    /// Age cohort, as the birth year.
    pub cohort: i32,
    /// Priority category, bilingual as printed.
    pub priority: String,
    /// Queue number; `None` while it is not yet official (the talon then says "provisional").
    pub queue_number: Option<u32>,
}

/// Which kind of preschool organisation a referral sends the child to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganisationKind {
    /// A kindergarten (балабақша / детский сад).
    Kindergarten,
    /// A mini-centre (шағын орталық / мини-центр).
    MiniCentre,
}

/// Referral to a kindergarten or a mini-centre (жолдама / направление).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    /// The request's number.
    pub request_number: String,
    /// Kindergarten or mini-centre.
    pub kind: OrganisationKind,
    /// The organisation's name.
    pub organisation: String,
    /// The group.
    pub group: String,
    /// The organisation's address.
    pub address: String,
    /// Last day the referral is valid (the caller counts 5 working days).
    pub valid_until: Date,
    /// Child's full name.
    pub child_name: String,
    /// Child's date of birth.
    pub child_birth_date: Date,
}

/// Motivated refusal (дәлелді бас тарту / мотивированный отказ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The request's number.
    pub request_number: String,
    /// Applicant's full name.
    pub applicant_name: String,
    /// The service refused, as printed.
    pub service: String,
    /// Why it was refused.
    pub reason: String,
    /// The legal basis of the refusal.
    pub legal_basis: String,
}

/// The application of the preschool service (өтініш / заявление, 002 Прил. 6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// Head of the education department it is addressed to.
    pub head_of_department: String,
    /// Applicant's full name.
    pub applicant_name: String,
    /// Applicant's address.
    pub applicant_address: String,
    /// Applicant's phone.
    pub applicant_phone: String,
    /// Child's full name.
    pub child_name: String,
    /// Child's date of birth.
    pub child_birth_date: Date,
    /// Attached documents, one per line.
    pub attachments: Vec<String>,
}

/// Certificate of registration as unemployed (004 output form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnemployedCertificate {
    /// The person's full name.
    pub person_name: String,
    /// Date of registration as unemployed.
    pub registered_on: Date,
    /// Took part in public or social works.
    pub public_works: bool,
    /// Went through vocational training, retraining or youth practice.
    pub training: bool,
    /// Was granted targeted social or housing aid.
    pub social_aid: bool,
    /// Where the certificate is to be presented.
    pub presented_to: String,
    /// Date the certificate was applied for.
    pub applied_on: Date,
}

/// Where an archival record is kept: fund, inventory, file and sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveReference {
    /// Fund number (қор / фонд).
    pub fund: String,
    /// Inventory number (тізімдеме / опись).
    pub inventory: String,
    /// File number (іс / дело).
    pub file: String,
    /// Sheets, as printed, e.g. "17–19" (парақтар / листы).
    pub sheets: String,
}

/// Archival certificate (мұрағаттық анықтама / архивная справка, 002 Прил. 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivalCertificate {
    /// Applicant's full name.
    pub applicant_name: String,
    /// The certificate's type, bilingual as printed (e.g. about length of service).
    pub certificate_type: String,
    /// What the archive found, as printed.
    pub findings: String,
    /// The records the findings are based on.
    pub references: Vec<ArchiveReference>,
    /// First day of the period the search covered.
    pub period_from: Date,
    /// Last day of the period the search covered.
    pub period_to: Date,
    /// Where the certificate is to be presented.
    pub presented_to: String,
}

/// Receipt of the documents accepted for school admission (қолхат / расписка, 003).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolReceipt {
    /// Applicant's (parent's) full name.
    pub applicant_name: String,
    /// Child's full name.
    pub child_name: String,
    /// Child's date of birth.
    pub child_birth_date: Date,
    /// The school (education organisation), as printed.
    pub school: String,
    /// The documents accepted, one per line.
    pub documents: Vec<String>,
    /// Date the documents were accepted.
    pub accepted_on: Date,
    /// Date by which the admission order is expected (the caller counts it).
    pub order_expected_on: Date,
    /// The clerk who accepted the documents.
    pub accepted_by: String,
}

/// Notification that the documents for the material support of a disabled child taught at
/// home were processed (хабарлама / уведомление, 002 Прил. 4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisabledChildSupport {
    /// Applicant's (parent's) full name.
    pub applicant_name: String,
    /// Child's full name.
    pub child_name: String,
    /// Child's date of birth.
    pub child_birth_date: Date,
    /// The decision taken, bilingual as printed.
    pub decision: String,
    /// First day of the support period.
    pub period_from: Date,
    /// Last day of the support period.
    pub period_to: Date,
    /// The bank account the support is paid to; printed masked except its last four characters.
    pub account: String,
    /// The legal basis of the decision.
    pub legal_basis: String,
}

/// The language a school class is taught in, as the admission order names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstructionLanguage {
    /// Kazakh (қазақ тілі / казахский язык).
    Kazakh,
    /// Russian (орыс тілі / русский язык).
    Russian,
}

/// Order of admission to a school from the new school year (оқуға қабылдау туралы бұйрық /
/// приказ о зачислении, 003:L15), drafted by the executor and signed by the head (003:L27-28).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdmissionOrder {
    /// The school (education organisation), as printed.
    pub school: String,
    /// Child's full name.
    pub child_name: String,
    /// Child's date of birth.
    pub child_birth_date: Date,
    /// The grade the child is admitted to (1–11).
    pub grade: u8,
    /// The class's language of instruction.
    pub language: InstructionLanguage,
    /// The year whose 1 September opens the school year the child is admitted from.
    pub school_year_start: i32,
    /// Applicant's (parent's or legal representative's) full name.
    pub applicant_name: String,
    /// The application's (request's) number.
    pub application_number: String,
    /// Date the application was made.
    pub application_date: Date,
}

/// The template-specific part of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Registration talon.
    Talon(Talon),
    /// Referral.
    Referral(Referral),
    /// Motivated refusal.
    Refusal(Refusal),
    /// Application.
    Application(Application),
    /// Unemployed certificate.
    Unemployed(UnemployedCertificate),
    /// Archival certificate.
    Archival(ArchivalCertificate),
    /// Receipt of documents for school admission.
    SchoolReceipt(SchoolReceipt),
    /// Notification on the material support of a disabled child taught at home.
    DisabledChildSupport(DisabledChildSupport),
    /// Order of admission to a school.
    AdmissionOrder(AdmissionOrder),
}

/// A complete document to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Office, number, date, executor and signature.
    pub issue: Issue,
    /// The template and its fields.
    pub body: Body,
}
