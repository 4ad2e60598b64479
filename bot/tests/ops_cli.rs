//! The operator's commands: `migrate --status`, refusing a newer database, `backup` (and its
//! nightly form, `backup --dir --keep`), `health`, JSON logs, and `run --webhook` without a URL.

use std::path::Path;
use std::process::{Command, Output};

use sqlx::Connection as _;

const TOKEN: &str = "123456789:AAEsecretsecretsecretsecretsecret_-9";

fn coloop(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coloop"));
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("COLOOP_DATABASE", dir.join("coloop.db"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run coloop")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Marks a migration this binary does not know as applied, as a newer coloop would.
fn apply_a_future_migration(database: &Path) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
             VALUES (29990101000000, 'from the future', CURRENT_TIMESTAMP, TRUE, x'00', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    });
}

#[test]
fn migrate_status_lists_pending_then_applied_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(dir.path(), &["migrate", "--status"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("pending") && said.contains("ops"), "{said}");
    assert!(said.contains("0 applied"), "{said}");
    assert!(
        !dir.path().join("coloop.db").exists(),
        "status creates nothing"
    );

    assert!(coloop(dir.path(), &["migrate"], &[]).status.success());
    let said = text(&coloop(dir.path(), &["migrate", "--status"], &[]));
    assert!(
        said.contains("0 pending") && !said.contains("pending ("),
        "{said}"
    );
    assert!(
        said.contains("applied") && said.contains("foundation"),
        "{said}"
    );
}

#[test]
fn a_database_migrated_by_a_newer_coloop_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(coloop(dir.path(), &["migrate"], &[]).status.success());
    apply_a_future_migration(&dir.path().join("coloop.db"));

    let said = text(&coloop(dir.path(), &["migrate", "--status"], &[]));
    assert!(
        said.contains("UNKNOWN") && said.contains("29990101000000"),
        "{said}"
    );

    for args in [&["run"][..], &["migrate"][..]] {
        let out = coloop(
            dir.path(),
            args,
            &[
                ("COLOOP_BOT_TOKEN", TOKEN),
                ("COLOOP_API_URL", "http://127.0.0.1:1/"),
            ],
        );
        assert!(!out.status.success(), "{args:?}");
        let said = text(&out);
        assert!(said.contains("newer coloop"), "{said}");
        assert_eq!(said.trim().lines().count(), 1, "{said}");
        assert!(!said.contains("panicked"), "{said}");
    }
}

#[test]
fn backup_copies_checks_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        coloop(dir.path(), &["admin", "add", "4242"], &[])
            .status
            .success()
    );
    let out = coloop(dir.path(), &["backup", "copy.db"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("integrity check: ok"), "{}", text(&out));

    // The copy is a working database: restore = point COLOOP_DATABASE at it (or copy it back).
    let restored = coloop(
        dir.path(),
        &["admin", "list"],
        &[(
            "COLOOP_DATABASE",
            dir.path().join("copy.db").to_str().unwrap(),
        )],
    );
    assert!(text(&restored).contains("4242"), "{}", text(&restored));

    let out = coloop(dir.path(), &["backup", "copy.db"], &[]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("refusing to overwrite"),
        "{}",
        text(&out)
    );

    let empty = tempfile::tempdir().unwrap();
    let out = coloop(empty.path(), &["backup", "copy.db"], &[]);
    assert!(!out.status.success(), "no database, no backup");
    assert!(!empty.path().join("coloop.db").exists());
}

/// Issue #18: the nightly timer's command writes a dated, private file into the directory and
/// keeps the newest N dated backups — nothing else there is touched.
#[test]
fn nightly_backups_are_dated_and_only_the_newest_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        coloop(dir.path(), &["admin", "add", "4242"], &[])
            .status
            .success()
    );
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    // Three older nights, and a file of the operator's own.
    for name in [
        "coloop-2026-01-01T033000Z.db",
        "coloop-2026-01-02T033000Z.db",
        "coloop-2026-01-03T033000Z.db",
        "coloop-notes.db",
    ] {
        std::fs::write(backups.join(name), "old").unwrap();
    }
    let out = coloop(
        dir.path(),
        &["backup", "--dir", "backups", "--keep", "2"],
        &[],
    );
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("integrity check: ok") && said.contains("2 backup(s) kept"),
        "{said}"
    );
    assert!(said.contains("2 older removed"), "{said}");
    let mut left: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left.len(), 3, "{left:?}");
    assert_eq!(left[0], "coloop-2026-01-03T033000Z.db");
    assert_eq!(left[2], "coloop-notes.db");
    let new = backups.join(&left[1]);
    assert!(left[1].starts_with("coloop-20") && left[1].ends_with("Z.db"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&new).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let restored = coloop(
        dir.path(),
        &["admin", "list"],
        &[("COLOOP_DATABASE", new.to_str().unwrap())],
    );
    assert!(text(&restored).contains("4242"), "{}", text(&restored));

    // A missing directory is made (owner-only); --keep needs --dir, and at least 1.
    let out = coloop(dir.path(), &["backup", "--dir", "new/nightly"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        std::fs::read_dir(dir.path().join("new/nightly"))
            .unwrap()
            .count(),
        1
    );
    for args in [
        &["backup", "copy.db", "--keep", "3"][..],
        &["backup", "--dir", "backups", "--keep", "0"],
        &["backup"],
    ] {
        let out = coloop(dir.path(), args, &[]);
        assert!(!out.status.success(), "{args:?}: {}", text(&out));
    }
}

/// Issue #20: a backup holds everyone's data — it is private (0600) whatever the umask, and a
/// target SQLite would read as a URI is refused.
#[cfg(unix)]
#[test]
fn a_backup_is_private_whatever_the_umask_and_never_a_uri() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    assert!(
        coloop(dir.path(), &["admin", "add", "4242"], &[])
            .status
            .success()
    );
    let out = Command::new("sh")
        .args(["-c", "umask 0000 && exec \"$0\" backup open.db"])
        .arg(env!("CARGO_BIN_EXE_coloop"))
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("COLOOP_DATABASE", dir.path().join("coloop.db"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let mode = std::fs::metadata(dir.path().join("open.db"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");

    let out = coloop(dir.path(), &["backup", "file:copy.db?mode=rwc"], &[]);
    assert!(!out.status.success());
    assert!(text(&out).contains("URI"), "{}", text(&out));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| !e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("copy"))
            .count(),
        "nothing was written"
    );
}

#[test]
fn backup_reports_a_copy_that_fails_its_integrity_check() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        coloop(dir.path(), &["admin", "add", "4242"], &[])
            .status
            .success()
    );
    // An index that no longer matches its table, as a damaged file (or a careless hand edit)
    // could leave: copied as it is, and found by the check of the copy.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let url = format!("sqlite://{}", dir.path().join("coloop.db").display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        for statement in [
            "CREATE TABLE scratch (a INTEGER, b INTEGER)",
            "CREATE INDEX scratch_a ON scratch(a)",
            "INSERT INTO scratch VALUES (1, 10), (2, 20)",
            "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = 'CREATE INDEX scratch_a ON scratch(b)'
             WHERE name = 'scratch_a'",
        ] {
            sqlx::query(statement).execute(&mut conn).await.unwrap();
        }
        conn.close().await.unwrap();
    });
    let out = coloop(dir.path(), &["backup", "copy.db"], &[]);
    assert!(!out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("failed its integrity check: row 1 missing from index scratch_a"),
        "{said}"
    );
    assert!(!said.contains("integrity check: ok"), "{said}");
}

#[test]
fn health_fails_when_nothing_answers() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(
        dir.path(),
        &["health"],
        &[("COLOOP_HTTP_LISTEN", "127.0.0.1:1")],
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("127.0.0.1:1"), "{}", text(&out));
}

#[test]
fn webhook_flag_without_a_url_is_one_clear_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(
        dir.path(),
        &["run", "--webhook"],
        &[("COLOOP_BOT_TOKEN", TOKEN)],
    );
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("COLOOP_WEBHOOK_URL"), "{said}");
    assert_eq!(said.trim().lines().count(), 1, "{said}");
}

#[test]
fn json_logs_are_json_lines_without_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(
        dir.path(),
        &["run"],
        &[
            ("COLOOP_BOT_TOKEN", TOKEN),
            ("COLOOP_API_URL", "http://127.0.0.1:1/"),
            ("COLOOP_LOG_FORMAT", "json"),
            ("RUST_LOG", "debug"),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("AAEsecret"), "token leaked:\n{stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("coloop: "))
        .collect();
    assert!(!lines.is_empty(), "{stderr}");
    for line in lines {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(value.get("level").is_some(), "{line}");
    }
}
