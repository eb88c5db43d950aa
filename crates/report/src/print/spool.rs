//! The document bytes as a short-lived file for `lp`, removed again when printing is done.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use super::PrintError;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A private temp file holding one document; deleted on drop.
pub(crate) struct SpoolFile {
    path: PathBuf,
}

impl SpoolFile {
    /// Writes `bytes` to a new file in the system temp directory. The name is unique to this
    /// process and call, and the file is created exclusively so nothing else is overwritten.
    pub(crate) fn write(bytes: &[u8]) -> Result<Self, PrintError> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("tereze-print-{}-{n}-{nanos}.pdf", std::process::id());
        let path = std::env::temp_dir().join(name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let io = |err: std::io::Error| PrintError::Io {
            detail: format!("cannot write the document for printing: {err}"),
        };
        let mut file = options.open(&path).map_err(io)?;
        let guard = Self { path };
        file.write_all(bytes).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(guard)
    }

    /// Where the document lies.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SpoolFile {
    fn drop(&mut self) {
        // lp has sent the bytes to the scheduler by the time it returns.
        let _ = fs::remove_file(&self.path);
    }
}
