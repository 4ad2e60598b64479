//! The files in `deploy/` are checked, not just written: the systemd unit with
//! `systemd-analyze verify` (skipped where systemd is not installed).

use std::path::Path;
use std::process::Command;

fn deploy(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../deploy")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_systemd_unit_verifies() {
    let unit = deploy("coloop.service");
    assert!(unit.contains("ExecStart=/usr/local/bin/coloop run"));
    for hardening in [
        "DynamicUser=yes",
        "StateDirectory=coloop",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "Restart=on-failure",
    ] {
        assert!(unit.contains(hardening), "{hardening}");
    }
    let Ok(probe) = Command::new("systemd-analyze").arg("--version").output() else {
        eprintln!("systemd-analyze is not installed: skipping the unit check");
        return;
    };
    if !probe.status.success() {
        eprintln!("systemd-analyze does not run here: skipping the unit check");
        return;
    }
    // Verify a copy whose ExecStart is the binary just built (verify checks it exists).
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("coloop.service");
    std::fs::write(
        &copy,
        unit.replace("/usr/local/bin/coloop", env!("CARGO_BIN_EXE_coloop")),
    )
    .unwrap();
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&copy)
        .output()
        .expect("run systemd-analyze");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success() && said.trim().is_empty(), "{said}");
}

#[test]
fn the_container_runs_the_release_binary_as_a_non_root_user_with_a_health_check() {
    let containerfile = deploy("Containerfile");
    assert!(containerfile.contains("FROM docker.io/library/rust:1.95-slim AS build"));
    assert!(containerfile.contains("cargo build --release --locked --bin coloop"));
    assert!(containerfile.contains("USER coloop"));
    assert!(containerfile.contains("VOLUME [\"/data\"]"));
    assert!(containerfile.contains("HEALTHCHECK"));
    assert!(containerfile.contains("coloop\", \"health\""));
    let compose = deploy("compose.yaml");
    assert!(compose.contains("Containerfile") && compose.contains("/data"));
    let caddy = deploy("Caddyfile");
    assert!(caddy.contains("reverse_proxy 127.0.0.1:8080"));
}
