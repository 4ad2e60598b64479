//! Parser fuzzing at scale: 1,000,000 generated inputs (random bytes and mutations of valid
//! commands, survey specs, callback data and HTML-bearing texts) through the command grammar,
//! the survey spec parser, the callback parser and the HTML renderer; 0 panics wanted, in
//! under 2 minutes. CI runs 10,000 of them (`tests/parser_fuzz.rs`).
//!
//! ```sh
//! cargo bench -p coloop-core --bench parsers                                # 1,000,000 cases, seed 1
//! cargo bench -p coloop-core --bench parsers -- --cases 5000000 --seed 42
//! ```

#[path = "../tests/fuzz_cases/mod.rs"]
mod fuzz_cases;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let cases: u64 = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    // A panic is reported once, with its input, below.
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let panicked = fuzz_cases::run(seed, cases);
    let took = started.elapsed();
    let _ = std::panic::take_hook();
    println!(
        "parsers: {cases} generated inputs (seed {seed}) in {:.1} s: {} panics",
        took.as_secs_f64(),
        panicked.len()
    );
    for p in panicked.iter().take(10) {
        let input: String = p.input.chars().take(200).collect();
        let message: String = p.message.chars().take(300).collect();
        println!(
            "  case {} ({} bytes): {input:?}\n    {message}",
            p.index,
            p.input.len()
        );
    }
    if !panicked.is_empty() {
        std::process::exit(1);
    }
}
