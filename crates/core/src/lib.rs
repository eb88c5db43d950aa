//! Tereze's domain and local store.
//!
//! Everything the workstation knows about the regulations it implements lives here: the services
//! as data, the format-logical control (ФЛК) of their forms, the request lifecycle, deadlines,
//! reference data and the local SQLite store with its outbox and audit chain. This crate knows
//! nothing of the GUI or the network; paths are parameters.

pub mod calendar;
pub mod canonical;
pub mod channel;
pub mod deadline;
pub mod demo;
pub mod encryption;
pub mod flk;
pub mod form;
pub mod i18n;
pub mod iin;
pub mod keyring;
pub mod lifecycle;
pub mod operator_keys;
pub mod password;
pub mod queue;
pub mod reference;
pub mod regulation;
pub mod scan;
pub mod store;
pub mod text;
pub mod unlock;
pub mod validate;
