//! The same talon converted by LibreOffice (`soffice --headless --convert-to pdf`), the way
//! many offices produce such papers today, timed in the same run as our renderer.
//!
//! The equivalent document is a flat OpenDocument text (.fodt) holding every line of text our
//! talon holds (read back from our PDF with pdftotext), in the same font on A4. It has no QR
//! code, which only makes LibreOffice's work lighter.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Why the comparison could not run.
pub type Error = Box<dyn std::error::Error>;

/// The LibreOffice binary, if one is installed.
pub fn soffice() -> Option<PathBuf> {
    ["soffice", "libreoffice"].iter().find_map(|name| {
        let ok = Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| PathBuf::from(name))
    })
}

/// The text lines of a PDF, as pdftotext reads them.
pub fn text_lines(pdf: &[u8], dir: &Path) -> Result<Vec<String>, Error> {
    let path = dir.join("talon.pdf");
    std::fs::write(&path, pdf)?;
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext (package poppler-utils): {e}"))?;
    Ok(String::from_utf8(out.stdout)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// A flat ODT document with the given lines as paragraphs, A4, DejaVu Sans 10 pt.
pub fn fodt(lines: &[String]) -> String {
    let mut body = String::new();
    for line in lines {
        let escaped = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let _ = writeln!(body, "<text:p>{escaped}</text:p>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/></office:font-face-decls>
<office:styles><style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt"/></style:default-style></office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="1.5cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
{body}</office:text></office:body>
</office:document>
"#
    )
}

/// Converts the given files to PDF in one LibreOffice run, with its own profile folder.
pub fn convert(
    soffice: &Path,
    profile: &Path,
    files: &[PathBuf],
    out: &Path,
) -> Result<Duration, Error> {
    let start = Instant::now();
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .output()?;
    let elapsed = start.elapsed();
    if !status.status.success() {
        return Err(format!(
            "soffice failed: {}",
            String::from_utf8_lossy(&status.stderr)
        )
        .into());
    }
    for f in files {
        let pdf = out.join(f.with_extension("pdf").file_name().ok_or("no file name")?);
        if !pdf.exists() {
            return Err(format!("soffice wrote no {}", pdf.display()).into());
        }
    }
    Ok(elapsed)
}
