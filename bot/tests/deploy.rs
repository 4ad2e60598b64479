//! The files in `deploy/` are checked, not just written: the systemd units (the bot, and the
//! nightly backup's service and timer) with `systemd-analyze verify` (skipped where systemd is
//! not installed).

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
    verify(&[("coloop.service", &unit)]);
}

/// `systemd-analyze verify` on copies of `units` whose binary is the one just built (verify
/// checks it exists); skipped where systemd is not installed.
fn verify(units: &[(&str, &str)]) {
    let Ok(probe) = Command::new("systemd-analyze").arg("--version").output() else {
        eprintln!("systemd-analyze is not installed: skipping the unit check");
        return;
    };
    if !probe.status.success() {
        eprintln!("systemd-analyze does not run here: skipping the unit check");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut copies = Vec::new();
    for (name, unit) in units {
        let copy = dir.path().join(name);
        std::fs::write(
            &copy,
            unit.replace("/usr/local/bin/coloop", env!("CARGO_BIN_EXE_coloop")),
        )
        .unwrap();
        copies.push(copy);
    }
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .args(&copies)
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
fn the_nightly_backup_timer_runs_coloop_backup_into_dated_files_keeping_the_newest() {
    let service = deploy("coloop-backup.service");
    let timer = deploy("coloop-backup.timer");
    assert!(
        service.contains(
            "ExecStart=/usr/local/bin/coloop backup --dir /var/lib/coloop-backups --keep ${KEEP}"
        ),
        "{service}"
    );
    for line in [
        "Type=oneshot",
        "Environment=KEEP=14",
        "Environment=COLOOP_DATABASE=/var/lib/coloop/coloop.db",
        "StateDirectory=coloop-backups",
        "ProtectSystem=strict",
        "UMask=0077",
    ] {
        assert!(service.contains(line), "{line}");
    }
    // No shell: nothing systemd would expand or mangle (`$(date)`, `%`) on the command line.
    let exec = service
        .lines()
        .find(|l| l.starts_with("ExecStart="))
        .unwrap();
    assert!(!exec.contains("sh -c") && !exec.contains("$(") && !exec.contains('%'));
    // The database's unit keeps the key elsewhere: the backups never hold it.
    assert!(
        !service
            .lines()
            .any(|l| l.starts_with("StateDirectory=") && l.contains("coloop-key"))
            && !service.contains("COLOOP_ANSWER_KEY_FILE")
    );
    for line in [
        "OnCalendar=*-*-* 03:30:00",
        "Persistent=true",
        "Unit=coloop-backup.service",
        "WantedBy=timers.target",
    ] {
        assert!(timer.contains(line), "{line}");
    }
    verify(&[
        ("coloop-backup.service", &service),
        ("coloop-backup.timer", &timer),
    ]);
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
