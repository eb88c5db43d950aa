//! Tereze, the executor's workstation.
fn main() {}
