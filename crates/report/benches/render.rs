//! Rendering speed: the median time of one talon (fonts parsed once), and a batch of 1 000
//! documents of every template. Run with `cargo bench -p tereze-report --bench render`.

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
    println!(
        "one talon: median {:?} over {} renders",
        times[times.len() / 2],
        times.len()
    );

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
    Ok(())
}
