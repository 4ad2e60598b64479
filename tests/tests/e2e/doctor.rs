//! `coloop doctor` against the fake Bot API: a sound deployment, a wrong token, a webhook left
//! set while polling, an answer key others can read.

use std::collections::HashMap;

use coloop_bot::doctor::{Level, Report, check};
use coloop_e2e::fake_api::FakeTelegram;
use coloop_e2e::harness::{BOT_USERNAME, TOKEN};

struct Deployment {
    tg: FakeTelegram,
    dir: tempfile::TempDir,
    vars: HashMap<String, String>,
}

impl Deployment {
    async fn new() -> Self {
        let tg = FakeTelegram::start(TOKEN, BOT_USERNAME).await;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let database = dir.path().join("coloop.db");
        let vars = HashMap::from([
            ("COLOOP_BOT_TOKEN".to_owned(), TOKEN.to_owned()),
            ("COLOOP_API_URL".to_owned(), tg.api_url()),
            ("COLOOP_DATABASE".to_owned(), database.display().to_string()),
            ("COLOOP_COORDINATORS".to_owned(), "42".to_owned()),
            ("COLOOP_TIMEZONE".to_owned(), "Europe/Madrid".to_owned()),
        ]);
        // A deployment that has run once: migrated, with its answer key.
        let store = coloop_core::Store::open_and_migrate(&database)
            .await
            .expect("the database");
        let key = dir.path().join("coloop.db.answer-key");
        coloop_bot::tasks::survey_keeper::open_key(&store, &key, false)
            .await
            .expect("the answer key");
        store.close().await;
        // As the systemd unit's UMask=0077 leaves it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&database, std::fs::Permissions::from_mode(0o600))
                .expect("chmod");
        }
        Self { tg, dir, vars }
    }

    fn with(mut self, name: &str, value: &str) -> Self {
        self.vars.insert(name.to_owned(), value.to_owned());
        self
    }

    async fn report(&self) -> Report {
        let vars = self.vars.clone();
        check(move |name| vars.get(name).cloned()).await
    }
}

fn lines(report: &Report, level: Level) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.level == level)
        .map(|f| f.text.clone())
        .collect()
}

#[tokio::test]
async fn a_sound_deployment_passes_with_every_check_reported() {
    let deployment = Deployment::new().await;
    let report = deployment.report().await;
    let text = report.to_string();
    assert!(!report.has_errors(), "{text}");
    assert!(lines(&report, Level::Warning).is_empty(), "{text}");
    for expected in [
        "the token is accepted; the bot is @coloop_test_bot",
        "no webhook set",
        "migrations current",
        "present and matches the database",
        "time zone: Europe/Madrid",
        "coordinators: 1 configured",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(text.ends_with("0 errors, 0 warnings.\n"), "{text}");
    drop(deployment.dir);
}

#[tokio::test]
async fn a_wrong_token_is_an_error() {
    let deployment = Deployment::new().await.with(
        "COLOOP_BOT_TOKEN",
        "123456789:WRONGtokenWRONGtokenWRONGtoken_-1",
    );
    let report = deployment.report().await;
    assert!(report.has_errors());
    let errors = lines(&report, Level::Error);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("Telegram refused the bot token")),
        "{errors:?}"
    );
    // The token never appears in the report.
    assert!(!report.to_string().contains("WRONGtoken"), "{report}");
}

#[tokio::test]
async fn a_webhook_left_set_while_polling_is_reported() {
    let deployment = Deployment::new().await;
    let bot = teloxide::Bot::new(TOKEN).set_api_url(deployment.tg.api_url().parse().unwrap());
    use teloxide::prelude::Requester as _;
    bot.set_webhook("https://old.example.org/hook".parse().unwrap())
        .await
        .expect("setWebhook");
    let report = deployment.report().await;
    let warnings = lines(&report, Level::Warning);
    assert!(
        warnings.iter().any(|w| w.contains(
            "a webhook is set (https://old.example.org/hook) but coloop is configured for long polling"
        )),
        "{warnings:?}"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn an_answer_key_others_can_read_is_an_error() {
    use std::os::unix::fs::PermissionsExt as _;
    let deployment = Deployment::new().await;
    let key = deployment.dir.path().join("coloop.db.answer-key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let report = deployment.report().await;
    assert!(report.has_errors());
    assert!(
        lines(&report, Level::Error)
            .iter()
            .any(|e| e.contains("can be read by other users (mode 644)")),
        "{report}"
    );
}

#[tokio::test]
async fn a_missing_token_and_a_bad_time_zone_are_errors() {
    let deployment = Deployment::new()
        .await
        .with("COLOOP_TIMEZONE", "Europe/Atlantis");
    let report = deployment.report().await;
    assert!(report.has_errors());
    assert!(
        report
            .to_string()
            .contains("COLOOP_TIMEZONE must be a time zone"),
        "{report}"
    );
}
