//! The real `coloop` binary, for tests that need it as a process of its own (signals, exit
//! codes, a restart with nothing shared in memory).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The debug `coloop` binary of this workspace. `cargo nextest run --workspace` (and `cargo
/// test`) build it before the tests run, next to the test binary's `deps/` folder; if it is
/// missing (a single test target was built), it is built with `cargo build --bin coloop`.
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
        if !binary.is_file() {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .expect("the workspace folder");
            let status = Command::new(cargo)
                .args(["build", "--bin", "coloop"])
                .current_dir(workspace)
                .status()
                .expect("run cargo build --bin coloop");
            assert!(status.success(), "building coloop failed");
        }
        assert!(binary.is_file(), "no coloop binary at {}", binary.display());
        binary
    })
}

/// The release `coloop` binary, built first (benchmarks measure what operators run).
pub fn release_binary() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace folder")
        .to_owned();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--bin", "coloop"])
        .current_dir(&workspace)
        .status()
        .expect("run cargo build --release --bin coloop");
    assert!(status.success(), "building coloop failed");
    std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace.join("target"))
        .join("release")
        .join(format!("coloop{}", std::env::consts::EXE_SUFFIX))
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
