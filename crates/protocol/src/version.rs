//! The protocol version and the HTTP headers every request carries.
//!
//! A client sends [`PROTOCOL_HEADER`] with its [`PROTOCOL_VERSION`] on every call; the server
//! checks it before reading the body and answers a mismatch with
//! [`ApiError::ProtocolMismatch`](crate::ApiError::ProtocolMismatch), which names both versions,
//! so an old workstation says "update needed" instead of failing to parse a newer body.

/// The version of the wire types in this crate; bumped on any incompatible change.
pub const PROTOCOL_VERSION: u32 = 1;

/// The header that carries the client's protocol version, e.g. `X-Tereze-Protocol: 1`.
pub const PROTOCOL_HEADER: &str = "x-tereze-protocol";

/// The header that names the operator at the workstation (the operator's UUID).
pub const OPERATOR_HEADER: &str = "x-tereze-operator";

/// The header a blob `HEAD` answers with: how many bytes of the blob the server holds.
pub const BLOB_RECEIVED_HEADER: &str = "x-tereze-blob-received";

/// The header a blob `HEAD` answers with: `true` once the whole blob arrived and its hash matched.
pub const BLOB_COMPLETE_HEADER: &str = "x-tereze-blob-complete";
