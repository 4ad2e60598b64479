//! The one-direction rule of `bot/src`: a module may use only the modules below it.
//!
//! ```text
//! app, doctor, sandbox → router → handlers, tasks, ops, dashboard → telegram → texts, logging, web → config
//!   → sandbox::telegram → coloop-core
//! ```
//!
//! Modules on one level do not use each other either (the tasks never call a handler). The
//! test reads every `crate::…` path in the code (comments aside) of every file under `src/`.
//! The Telegram imitation, `src/sandbox/telegram/`, counts as a module of its own
//! (`sandbox::telegram`): the sandbox runner above it starts the bot, the imitation below
//! everything uses no other module of the crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each top-level module of the crate and its level: a module may use only higher numbers.
const LEVELS: &[(&str, u8)] = &[
    ("main", 0),
    ("lib", 0),
    ("app", 1),
    ("doctor", 1),
    ("sandbox", 1),
    ("router", 2),
    ("handlers", 3),
    ("tasks", 3),
    ("ops", 3),
    ("dashboard", 3),
    ("telegram", 4),
    ("texts", 5),
    ("logging", 5),
    ("web", 5),
    ("config", 6),
    (IMITATION, 7),
];

/// The Telegram imitation: a folder inside `sandbox/`, on a level of its own.
const IMITATION: &str = "sandbox::telegram";

/// The module a path inside the crate names: its first segment, or [`IMITATION`]
/// (`sandbox::telegram::FakeTelegram` → `sandbox::telegram`, `sandbox::run` → `sandbox`).
fn module_named(path: &str) -> String {
    if let Some(rest) = path.strip_prefix(IMITATION)
        && !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_')
    {
        return IMITATION.to_owned();
    }
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn level(module: &str) -> Option<u8> {
    LEVELS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, level)| *level)
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/handlers/start.rs` → `handlers`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("a file under src");
    if relative.starts_with("sandbox/telegram") {
        return IMITATION.to_owned();
    }
    let first = relative
        .components()
        .next()
        .expect("a path")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// The top-level modules named by `crate::x` and `crate::{x, y::z}` in a line of code.
fn crate_paths(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        // `crate::` must start a path, not end another word (`coloop_crate::`).
        let starts_path = !rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if starts_path {
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name = module_named(item.trim());
                    if !name.is_empty() {
                        found.push(name);
                    }
                }
            } else {
                let name = module_named(after);
                if !name.is_empty() {
                    found.push(name);
                }
            }
        }
        rest = after;
    }
    found
}

#[test]
fn every_module_uses_only_the_modules_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 20, "found only {} files", files.len());

    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        let own = level(&module)
            .unwrap_or_else(|| panic!("{module} is not in LEVELS: give the new module a level"));
        let text = std::fs::read_to_string(file).expect("a readable file");
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for used in crate_paths(code) {
                if used == module {
                    continue;
                }
                let Some(theirs) = level(&used) else {
                    // A re-exported item (`crate::App`) names no module; resolve it by hand.
                    wrong
                        .entry(file.display().to_string())
                        .or_default()
                        .push(format!(
                            "line {}: crate::{used} is not a module path",
                            number + 1
                        ));
                    continue;
                };
                if theirs <= own {
                    wrong
                        .entry(file.display().to_string())
                        .or_default()
                        .push(format!(
                            "line {}: {module} (level {own}) uses {used} (level {theirs})",
                            number + 1
                        ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "modules using a module above them or beside them:\n{wrong:#?}"
    );
}

#[test]
fn the_path_reader_sees_single_and_grouped_paths() {
    assert_eq!(crate_paths("use crate::telegram::Ctx;"), ["telegram"]);
    assert_eq!(
        crate_paths("use crate::{texts::Texts, config::Config};"),
        ["texts", "config"]
    );
    assert_eq!(
        crate_paths("let x = crate::handlers::surveys::reply_markup(m);"),
        ["handlers"]
    );
    assert!(crate_paths("use coloop_crate::x;").is_empty());
    assert_eq!(
        crate_paths("use crate::{sandbox::telegram::FakeTelegram, sandbox::Web};"),
        ["sandbox::telegram", "sandbox"]
    );
    assert_eq!(
        crate_paths("crate::sandbox::telegrams::x"),
        ["sandbox"],
        "only the imitation's own folder is a module of its own"
    );
    assert!(crate_paths("use super::require_facilitator;").is_empty());
}
