//! The counter flow without the GUI: signing a request or its output document and keeping the
//! verified signature, who may sign which document, the refusal grounds, and building the
//! outcome documents from what the store holds. The screens call these off the UI thread; tests
//! call them directly.

pub mod archival;
pub mod channel;
pub mod documents;
pub mod grounds;
pub mod queue;
pub mod queue_referral;
pub mod roles;
pub mod signing;
pub mod trust;
