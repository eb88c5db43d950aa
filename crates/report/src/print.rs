//! Printing through the system print service (CUPS). Placeholder; filled in by its own work.
