//! Chart benchmark: how long the survey chart takes to draw and encode at its largest (10
//! panels of 10 bars), and how big the PNG is. `-- --sample PATH` also writes a sample chart
//! with accents, stars, emoji and long labels, to look at.
//!
//! ```sh
//! cargo bench -p coloop-core --bench chart                   # 3 runs of 20 charts
//! cargo bench -p coloop-core --bench chart -- --sample /tmp/chart.png --runs 5
//! ```

use std::time::Instant;

use coloop_core::chart::{Distribution, MAX_BARS, MAX_PANELS, distributions_png};

// Shared by every bench; this one needs no flag.
#[allow(dead_code)]
#[path = "../../tests/src/bench.rs"]
mod bench;
use bench::{Args, Figure};

fn question(title: &str, bars: &[(&str, u64)]) -> Distribution {
    Distribution {
        title: title.to_owned(),
        bars: bars.iter().map(|(l, c)| ((*l).to_owned(), *c)).collect(),
        total: None,
    }
}

fn main() {
    let full: Vec<Distribution> = (0..MAX_PANELS)
        .map(|q| Distribution {
            title: format!("Question {q}: how useful is this for your household and why?"),
            bars: (0..MAX_BARS as u64)
                .map(|o| (format!("Option number {o}"), o * 7 + q as u64))
                .collect(),
            total: None,
        })
        .collect();
    let args = Args::from_env();
    bench::repeat("chart", args.runs(), |_| {
        let draws = 20;
        let start = Instant::now();
        let mut bytes = 0;
        for _ in 0..draws {
            bytes = distributions_png("Survey: timing", &full)
                .expect("chart")
                .len();
        }
        let each = start.elapsed() / draws;
        vec![
            Figure::new(
                format!("a chart of {MAX_PANELS} panels x {MAX_BARS} bars (mean of {draws})"),
                each.as_secs_f64() * 1000.0,
                "ms",
                1,
            ),
            Figure::new("PNG", bytes as f64, "bytes", 0),
        ]
    });

    if let Some(path) = args.value::<String>("--sample") {
        let sample = [
            question(
                "¿Qué tan útil es esto para su hogar?",
                &[("1 ★", 1), ("2 ★", 0), ("3 ★", 4), ("4 ★", 9), ("5 ★", 6)],
            ),
            question("Would you help build it?", &[("Yes", 14), ("No", 3)]),
            question(
                "Where should the first water point go, given the distance most households \
                     walk today?",
                &[
                    ("School", 8),
                    ("Market", 5),
                    ("Next to the old well behind the church of San Martín", 1),
                ],
            ),
            question(
                "Nobody answered this one yet",
                &[("Mañana", 0), ("Tarde", 0)],
            ),
            question("Emoji 🚰💧 — Größe, ação, вода", &[("👍🏽 sí", 3), ("水", 1)]),
        ];
        let png = distributions_png("Survey: Water points — 2026-11-20 to 2026-11-27", &sample)
            .expect("chart");
        std::fs::write(&path, png).expect("write the sample");
        println!("sample chart: {path}");
    }
}
