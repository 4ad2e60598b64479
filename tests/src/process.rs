//! The real `coloop` binary, for tests that need it as a process of its own (signals, exit
//! codes, a restart with nothing shared in memory).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The debug `coloop` binary of this workspace, built from the current sources. `cargo nextest
/// run --workspace` (and `cargo test`) build it before the tests run, next to the test binary's
/// `deps/` folder; when it is missing, or older than a file it is built from (`cargo nextest run
/// -p coloop-e2e` builds no binary, so one left by an earlier build may be stale), it is built
/// with `cargo build --bin coloop`.
pub fn coloop_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test binary's path");
        // target/debug/deps/e2e-<hash> → target/debug/coloop
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("the test binary lives in target/<profile>/deps");
        let binary = profile_dir.join(format!("coloop{}", std::env::consts::EXE_SUFFIX));
        let built = std::fs::metadata(&binary).and_then(|m| m.modified()).ok();
        if built.is_none_or(|built| newest_source() > Some(built)) {
            build_coloop(&[]);
        }
        assert!(binary.is_file(), "no coloop binary at {}", binary.display());
        binary
    })
}

/// When the newest file the binary is built from was last changed.
fn newest_source() -> Option<std::time::SystemTime> {
    fn walk(path: &Path, newest: &mut Option<std::time::SystemTime>) {
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        if meta.is_dir() {
            for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
                walk(&entry.path(), newest);
            }
        } else if let Ok(modified) = meta.modified() {
            *newest = (*newest).max(Some(modified));
        }
    }
    let mut newest = None;
    for part in [
        "Cargo.toml",
        "Cargo.lock",
        "core/Cargo.toml",
        "core/src",
        "core/assets",
        "bot/Cargo.toml",
        "bot/build.rs",
        "bot/src",
        "bot/locales",
        "migrations",
    ] {
        walk(&workspace().join(part), &mut newest);
    }
    newest
}

/// The release `coloop` binary, built first (benchmarks measure what operators run).
pub fn release_binary() -> PathBuf {
    build_coloop(&["--release"]);
    std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace().join("target"))
        .join("release")
        .join(format!("coloop{}", std::env::consts::EXE_SUFFIX))
}

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace folder")
}

/// `cargo build --bin coloop` (plus `extra`), run from a test or a benchmark that cargo (or
/// nextest) started. The nested cargo must not inherit what cargo sets for the running
/// target (`CARGO_MANIFEST_DIR`, `CARGO_PKG_*`, `CARGO_CRATE_NAME`, …): build scripts that
/// watch such a variable (ring's does) would look changed to it, and the two builds would
/// rebuild each other's artefacts on every run. Cargo's own configuration variables are kept,
/// so both builds are configured alike.
fn build_coloop(extra: &[&str]) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["build", "--bin", "coloop"])
        .args(extra)
        .current_dir(workspace());
    for (name, _) in std::env::vars_os() {
        if name
            .to_str()
            .is_some_and(|name| name.starts_with("CARGO_") && !is_cargo_configuration(name))
        {
            command.env_remove(name);
        }
    }
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("run cargo build --bin coloop {extra:?}: {e}"));
    assert!(status.success(), "building coloop {extra:?} failed");
}

/// A variable that configures cargo (what the person running the tests set), as opposed to
/// one cargo sets for the crate it runs.
fn is_cargo_configuration(name: &str) -> bool {
    matches!(
        name,
        "CARGO_HOME" | "CARGO_TARGET_DIR" | "CARGO_LOG" | "CARGO_INCREMENTAL"
    ) || [
        "CARGO_BUILD_",
        "CARGO_PROFILE_",
        "CARGO_TERM_",
        "CARGO_NET_",
        "CARGO_HTTP_",
        "CARGO_REGISTRY_",
        "CARGO_REGISTRIES_",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
}

/// A line of `/proc/<pid>/status`, in KiB (`"VmRSS:"`, `"VmHWM:"`); Linux only.
pub fn proc_kib(pid: u32, field: &str) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
