//! The parsers never panic: 10,000 generated inputs (random bytes and mutations of valid
//! commands, survey specs, callback data and HTML-bearing texts) through the command grammar,
//! the survey spec parser, the callback parser and the HTML renderer. The benchmark
//! `cargo bench -p coloop-core --bench parsers` runs 1,000,000.

mod fuzz_cases;

#[test]
fn ten_thousand_generated_inputs_panic_no_parser() {
    let panicked = fuzz_cases::run(0x00c0_100b, 10_000);
    if let Some(first) = panicked.first() {
        panic!(
            "{} panics; the first, case {}: {:?}\n{}",
            panicked.len(),
            first.index,
            first.input,
            first.message
        );
    }
}

#[test]
fn the_generator_is_reproducible_and_varied() {
    let mut a = fuzz_cases::Rng::new(7);
    let mut b = fuzz_cases::Rng::new(7);
    let first: Vec<String> = (0..200).map(|_| fuzz_cases::case(&mut a)).collect();
    let second: Vec<String> = (0..200).map(|_| fuzz_cases::case(&mut b)).collect();
    assert_eq!(first, second);
    let mut distinct = first.clone();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() > 150, "{} distinct of 200", distinct.len());
    assert!(first.iter().any(|t| t.starts_with("/survey")));
    assert!(
        first
            .iter()
            .any(|t| t.starts_with("sv:") || t.starts_with("refail:"))
    );
}
