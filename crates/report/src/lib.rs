//! Tereze's output documents as PDF — application, registration talon, referral, motivated
//! refusal, certificates, receipt — in Kazakh and Russian on A4, and printing them through the
//! system print service. No GUI here: the app hands in core data and gets bytes or a print job.

pub mod print;
