//! CMS SignedData (RFC 5652) with CAdES-BES signed attributes: building a detached signature
//! and reading one back.

pub mod attributes;
pub mod build;
pub mod parse;
