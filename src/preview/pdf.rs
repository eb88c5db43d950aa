//! PDF pages through `pdftoppm` (poppler-utils), run with a time limit into a private temporary
//! folder (mode 0700, removed when done). A stored scan is decrypted in memory and handed to
//! `pdftoppm` on its standard input (`-` as the file name), so its plaintext never touches the
//! disk; only the rendered pages pass through the private folder.

use std::io::ErrorKind;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Picture, PreviewError, raster};

/// The renderer's program name, found on `PATH`.
pub const PDFTOPPM: &str = "pdftoppm";

/// How long a render may take before it is stopped.
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// Renders pages 1..=`pages` of `pdf`, each scaled to fit `side` pixels.
pub(super) fn render(
    program: &Path,
    pdf: &Path,
    pages: u32,
    side: u32,
) -> Result<Vec<Picture>, PreviewError> {
    run(program, Input::File(pdf), pages, side)
}

/// [`render`] of a PDF held in memory, given to `pdftoppm` on its standard input.
pub(super) fn render_bytes(
    program: &Path,
    pdf: &[u8],
    pages: u32,
    side: u32,
) -> Result<Vec<Picture>, PreviewError> {
    run(program, Input::Bytes(pdf), pages, side)
}

/// Where `pdftoppm` reads the PDF from.
enum Input<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

fn run(
    program: &Path,
    input: Input<'_>,
    pages: u32,
    side: u32,
) -> Result<Vec<Picture>, PreviewError> {
    // tempfile makes the folder with mode 0700 and removes it when `out` is dropped.
    let out = tempfile::tempdir().map_err(|_| PreviewError::Unreadable)?;
    let mut command = Command::new(program);
    command
        .arg("-png")
        .args(["-f", "1", "-l", &pages.to_string()])
        .args(["-scale-to", &side.to_string()]);
    match input {
        Input::File(pdf) => command.arg(pdf).stdin(Stdio::null()),
        Input::Bytes(_) => command.arg("-").stdin(Stdio::piped()),
    };
    let spawned = command
        .arg(out.path().join("page"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == ErrorKind::NotFound => return Err(PreviewError::NeedsPoppler),
        Err(_) => return Err(PreviewError::PdfFailed),
    };
    let feeder = match (input, child.stdin.take()) {
        (Input::Bytes(bytes), Some(mut stdin)) => {
            let bytes = bytes.to_vec();
            // Fed from a thread so the time limit below still holds; a render that stops
            // reading early (a broken PDF) ends the write with an error nobody needs.
            Some(std::thread::spawn(move || {
                use std::io::Write;
                let _ = stdin.write_all(&bytes);
            }))
        }
        _ => None,
    };
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                // Best effort: the render is abandoned either way.
                let _ = child.kill();
                let _ = child.wait();
                return Err(PreviewError::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => return Err(PreviewError::PdfFailed),
        }
    };
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    if !status.success() {
        return Err(PreviewError::PdfFailed);
    }
    // pdftoppm names pages page-1.png, page-01.png … with as many digits as the page count.
    let mut files: Vec<_> = std::fs::read_dir(out.path())
        .map_err(|_| PreviewError::PdfFailed)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(PreviewError::PdfFailed);
    }
    files
        .iter()
        .map(|page| raster::from_file(page, side))
        .collect()
}
