//! Rendering speed: the median time of one talon (fonts parsed once), a batch of 1 000
//! documents of every template, and, in the same run, the same talon converted by LibreOffice
//! when it is installed (Debian package libreoffice-writer-nogui).
//! Run with `cargo bench -p tereze-report --bench render`.

mod libreoffice;

use std::time::{Duration, Instant};

use tereze_report::{Body, Renderer, samples};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let renderer = Renderer::new()?;
    println!("font parsing: {:?}", start.elapsed());

    let talon = samples::talon();
    let mut times: Vec<Duration> = (0..101)
        .map(|_| {
            let t = Instant::now();
            let r = renderer.render(&talon);
            let elapsed = t.elapsed();
            std::hint::black_box(r).map(|_| elapsed)
        })
        .collect::<Result<_, _>>()?;
    times.sort();
    let ours = times[times.len() / 2];
    println!("one talon: median {ours:?} over {} renders", times.len());

    let docs = samples::all();
    let t = Instant::now();
    let mut bytes = 0usize;
    for i in 0..1000 {
        let (_, mut doc) = docs[i % docs.len()].clone();
        doc.issue.number = format!("ТТ-2025-{i:06}");
        if let Body::Talon(talon) = &mut doc.body {
            talon.queue_number = talon.queue_number.map(|_| i as u32 + 1);
        }
        bytes += renderer.render(&doc)?.pdf.len();
    }
    let total = t.elapsed();
    println!(
        "batch of 1000 documents: {total:?} ({:?} each), {} KB of PDF",
        total / 1000,
        bytes / 1024
    );

    compare_with_libreoffice(&renderer.render(&talon)?.pdf, ours)
}

/// Times LibreOffice on the equivalent talon: one document per run (as a script filling a
/// template per applicant does) and 100 documents in one run (its start-up shared).
fn compare_with_libreoffice(pdf: &[u8], ours: Duration) -> Result<(), Box<dyn std::error::Error>> {
    let Some(soffice) = libreoffice::soffice() else {
        println!("LibreOffice comparison skipped: install libreoffice-writer-nogui to run it");
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let profile = dir.path().join("profile");
    let out = dir.path().join("out");
    let document = libreoffice::fodt(&libreoffice::text_lines(pdf, dir.path())?);
    let mut files = Vec::new();
    for i in 0..100 {
        let path = dir.path().join(format!("talon-{i:03}.fodt"));
        std::fs::write(&path, &document)?;
        files.push(path);
    }
    // The first run creates LibreOffice's profile; it is not counted.
    libreoffice::convert(&soffice, &profile, &files[..1], &out)?;
    let mut singles: Vec<Duration> = (0..7)
        .map(|i| libreoffice::convert(&soffice, &profile, &files[i..=i], &out))
        .collect::<Result<_, _>>()?;
    singles.sort();
    let single = singles[singles.len() / 2];
    let batch = libreoffice::convert(&soffice, &profile, &files, &out)? / 100;
    println!(
        "LibreOffice, one talon per run: median {single:?} over {} runs",
        singles.len()
    );
    println!("LibreOffice, 100 talons in one run: {batch:?} each");
    println!(
        "ratio to our talon: LibreOffice takes {:.0}x our time per run, {:.0}x in a batch",
        single.as_secs_f64() / ours.as_secs_f64(),
        batch.as_secs_f64() / ours.as_secs_f64()
    );
    Ok(())
}
