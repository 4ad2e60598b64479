//! The `coloop` binary as an operator meets it: configuration errors, migrate, admin.

use std::process::{Command, Output};

const TOKEN: &str = "123456789:AAEsecretsecretsecretsecretsecret_-9";

fn coloop(dir: &tempfile::TempDir, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coloop"));
    cmd.args(args)
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("COLOOP_DATABASE", dir.path().join("coloop.db"));
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

#[test]
fn missing_token_is_one_clear_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(&dir, &["run"], &[]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("@BotFather") && said.contains("COLOOP_BOT_TOKEN"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");
    assert_eq!(said.trim().lines().count(), 1, "{said}");
}

#[test]
fn malformed_token_is_explained_without_echoing_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(&dir, &[], &[("COLOOP_BOT_TOKEN", "12345:not-a-real-token")]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("malformed") && said.contains("@BotFather"),
        "{said}"
    );
    assert!(!said.contains("not-a-real-token"), "{said}");
}

#[test]
fn token_never_appears_in_logs_even_at_trace_level() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on port 1: getMe fails with a network error that names the request.
    let out = coloop(
        &dir,
        &["run"],
        &[
            ("COLOOP_BOT_TOKEN", TOKEN),
            ("COLOOP_API_URL", "http://127.0.0.1:1/"),
            ("RUST_LOG", "trace"),
        ],
    );
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("getMe"), "{said}");
    assert!(!said.contains("AAEsecret"), "token leaked:\n{said}");
}

#[test]
fn migrate_and_admin() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(&dir, &["migrate"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.path().join("coloop.db").exists());

    let out = coloop(&dir, &["admin", "add", "4242"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("4242 is now a coordinator"));
    let out = coloop(&dir, &["admin", "add", "4242"], &[]);
    assert!(text(&out).contains("already"));

    let out = coloop(&dir, &["admin", "list"], &[("COLOOP_COORDINATORS", "77")]);
    let said = text(&out);
    assert!(said.contains("4242") && said.contains("77"), "{said}");

    let out = coloop(&dir, &["admin", "add", "-5"], &[]);
    assert!(!out.status.success());
    let out = coloop(&dir, &["admin", "add", "bob"], &[]);
    assert!(!out.status.success());
}

#[test]
fn digest_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(&dir, &["digest"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("# Feedback digest — all working groups"));
    let out = coloop(&dir, &["digest", "--format", "json", "--days", "30"], &[]);
    assert!(
        text(&out).contains("\"comment_count\": 0"),
        "{}",
        text(&out)
    );
    let out = coloop(&dir, &["digest", "--format", "csv"], &[]);
    assert!(out.status.success());
    let out = coloop(&dir, &["digest", "--group", "no-such-group"], &[]);
    assert!(!out.status.success());
    assert!(text(&out).contains("no working group called no-such-group"));
    let out = coloop(&dir, &["digest", "--days", "0"], &[]);
    assert!(!out.status.success());
}

#[test]
fn operators_manage_coordinators_and_groups() {
    let dir = tempfile::tempdir().unwrap();
    let out = coloop(&dir, &["admin", "add", "4242"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let out = coloop(&dir, &["admin", "remove", "4242"], &[]);
    assert!(
        text(&out).contains("4242 is no longer a coordinator"),
        "{}",
        text(&out)
    );
    let out = coloop(&dir, &["admin", "remove", "4242"], &[]);
    assert!(
        text(&out).contains("was not a coordinator"),
        "{}",
        text(&out)
    );

    let out = coloop(&dir, &["group", "list"], &[]);
    assert!(
        text(&out).contains("No working groups yet."),
        "{}",
        text(&out)
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let old = runtime.block_on(async {
        let store = coloop_core::Store::open_and_migrate(&dir.path().join("coloop.db"))
            .await
            .unwrap();
        let created = store
            .create_group(
                &coloop_core::domain::GroupSlug::parse("water-access").unwrap(),
                &coloop_core::domain::GroupName::parse("Water access").unwrap(),
                &coloop_core::domain::Challenge::default(),
                chrono::Utc::now(),
            )
            .await
            .unwrap();
        store.close().await;
        match created {
            coloop_core::store::CreateGroup::Created(g) => g.member_code,
            coloop_core::store::CreateGroup::SlugTaken => unreachable!(),
        }
    });
    let out = coloop(&dir, &["group", "list"], &[]);
    assert!(
        text(&out).contains("water-access\tWater access\t0\t0\topen"),
        "{}",
        text(&out)
    );
    let out = coloop(&dir, &["group", "rotate", "water-access"], &[]);
    let said = text(&out);
    assert!(out.status.success() && said.contains("member\t"), "{said}");
    assert!(!said.contains(old.as_str()), "{said}");
    let out = coloop(&dir, &["group", "archive", "water-access"], &[]);
    assert!(
        text(&out).contains("water-access is archived"),
        "{}",
        text(&out)
    );
    let out = coloop(&dir, &["group", "archive", "water-access"], &[]);
    assert!(
        text(&out).contains("already was archived"),
        "{}",
        text(&out)
    );
    let out = coloop(&dir, &["group", "list"], &[]);
    assert!(text(&out).contains("archived"), "{}", text(&out));
    let out = coloop(&dir, &["group", "rotate", "no-such-group"], &[]);
    assert!(!out.status.success());
    assert!(text(&out).contains("no working group called no-such-group"));
    runtime.block_on(async {
        let store = coloop_core::Store::open_and_migrate(&dir.path().join("coloop.db"))
            .await
            .unwrap();
        for action in [
            coloop_core::domain::AuditAction::LinkRotated,
            coloop_core::domain::AuditAction::Archived,
        ] {
            assert_eq!(store.count_audit_events(action).await.unwrap(), 1);
        }
        store.close().await;
    });
}
