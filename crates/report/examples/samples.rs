//! Renders every template with sample data into OUT_DIR as PDF and, through pdftoppm
//! (poppler-utils), as PNG at 60 dpi.

use std::path::PathBuf;
use std::process::Command;

use tereze_report::{Renderer, samples};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: samples OUT_DIR")?);
    std::fs::create_dir_all(&out)?;
    let renderer = Renderer::new()?;
    for (name, doc) in samples::all() {
        let rendered = renderer.render(&doc)?;
        let pdf = out.join(format!("{name}.pdf"));
        std::fs::write(&pdf, &rendered.pdf)?;
        println!(
            "{name}: {} bytes, {} page(s), content sha256 {}",
            rendered.pdf.len(),
            rendered.pages,
            rendered.content_sha256
        );
        let status = Command::new("pdftoppm")
            .args(["-r", "60", "-png"])
            .arg(&pdf)
            .arg(out.join(name))
            .status();
        match status {
            Ok(s) if s.success() => {}
            _ => eprintln!("pdftoppm (poppler-utils) failed or is missing; PNGs not written"),
        }
    }
    Ok(())
}
