//! Tereze's output documents as PDF — application, registration talon, referral, motivated
//! refusal, certificates, receipt — in Kazakh and Russian on A4, and printing them through the
//! system print service. No GUI here: the app hands in core data and gets bytes or a print job.

pub mod canonical;
pub mod document;
pub mod error;
pub mod font;
pub mod layout;
pub mod print;
pub mod render;
pub mod samples;
pub mod templates;

pub use document::{
    AdmissionOrder, Application, ArchivalCertificate, ArchiveReference, Body, DisabledChildSupport,
    Document, InstructionLanguage, Issue, Office, OrganisationKind, Referral, Refusal,
    SchoolReceipt, Signature, Talon, UnemployedCertificate,
};
pub use error::ReportError;
pub use render::{Rendered, Renderer, render};
