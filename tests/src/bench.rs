//! Repeated measurements for the benchmarks, since one run is not a figure: the arguments a
//! bench takes (`--runs N`, 3 unless told), each run's figures printed as it ends, then one
//! table with every figure's median and spread (min–max). Std only: the core benches include
//! this file with `#[path]`.

use std::str::FromStr;

/// A bench's command-line arguments (after the `--` of `cargo bench`). Unknown ones are
/// ignored: cargo passes `--bench`.
pub struct Args(Vec<String>);

impl Args {
    pub fn from_env() -> Self {
        Self(std::env::args().skip(1).collect())
    }

    /// The value after `name` (`--members 2000`), if `name` is given.
    pub fn value<T: FromStr>(&self, name: &str) -> Option<T> {
        let at = self.0.iter().position(|arg| arg == name)?;
        let value = self
            .0
            .get(at + 1)
            .unwrap_or_else(|| panic!("{name} needs a value"));
        Some(
            value
                .parse()
                .unwrap_or_else(|_| panic!("{name} {value}: not a valid value")),
        )
    }

    /// Whether `name` (`--full`) is given.
    pub fn flag(&self, name: &str) -> bool {
        self.0.iter().any(|arg| arg == name)
    }

    /// `--runs N`: how many times the measurement is repeated (3 unless told).
    pub fn runs(&self) -> usize {
        let runs = self.value("--runs").unwrap_or(3);
        assert!(runs > 0, "--runs must be positive");
        runs
    }
}

/// One measured value of a run: `Figure::new("burst", 3147.0, "answers/s", 0)`.
pub struct Figure {
    name: String,
    value: f64,
    unit: &'static str,
    decimals: usize,
}

impl Figure {
    pub fn new(name: impl Into<String>, value: f64, unit: &'static str, decimals: usize) -> Self {
        Self {
            name: name.into(),
            value,
            unit,
            decimals,
        }
    }

    fn number(&self, value: f64) -> String {
        format!("{value:.0$}", self.decimals)
    }

    fn with_unit(&self, text: String) -> String {
        if self.unit.is_empty() {
            text
        } else {
            format!("{text} {}", self.unit)
        }
    }
}

/// Measures `runs` times (`measure` gets the run's number, from 1), printing each run's
/// figures as it ends, then the table of medians and spreads under `title`. Every run gives
/// the same figures in the same order.
pub fn repeat(title: &str, runs: usize, mut measure: impl FnMut(usize) -> Vec<Figure>) {
    let mut all: Vec<Vec<Figure>> = Vec::with_capacity(runs);
    for run in 1..=runs {
        let figures = measure(run);
        let shown: Vec<String> = figures
            .iter()
            .map(|f| format!("{} = {}", f.name, f.with_unit(f.number(f.value))))
            .collect();
        println!("{title}, run {run}/{runs}: {}", shown.join("; "));
        if let Some(first) = all.first() {
            let names = |figures: &[Figure]| figures.iter().map(|f| f.name.clone()).collect();
            let (expected, got): (Vec<String>, Vec<String>) = (names(first), names(&figures));
            assert_eq!(expected, got, "every run gives the same figures");
        }
        all.push(figures);
    }
    println!("\n| {title} | median | spread (min–max) | runs |");
    println!("|---|---|---|---|");
    for (i, figure) in all[0].iter().enumerate() {
        let mut values: Vec<f64> = all.iter().map(|run| run[i].value).collect();
        let each: Vec<String> = values.iter().map(|v| figure.number(*v)).collect();
        values.sort_by(f64::total_cmp);
        let (min, max) = (values[0], values[values.len() - 1]);
        println!(
            "| {} | {} | {} | {} |",
            figure.name,
            figure.with_unit(figure.number(median(&values))),
            figure.with_unit(format!("{}–{}", figure.number(min), figure.number(max))),
            each.join(" · "),
        );
    }
    println!();
}

/// The middle of sorted values (the mean of the two middle ones for an even count).
fn median(sorted: &[f64]) -> f64 {
    let mid = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    }
}
