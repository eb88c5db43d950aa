//! The values an operator typed into a request form.

use std::collections::BTreeMap;

/// Field id → value as entered (after normalisation). Ordered so that the canonical bytes of a
/// request are deterministic.
pub type FieldValues = BTreeMap<String, String>;
