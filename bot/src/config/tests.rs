//! The configuration parser's tests: every setting from a map of variables.

use super::*;
use std::collections::HashMap;

const TOKEN: &str = "123456789:AAEexampleexampleexampleexample_-1";

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(|k| vars.get(k).cloned())
}

#[test]
fn survey_settings_from_the_environment() {
    let c = config(&[("COLOOP_BOT_TOKEN", TOKEN)]).unwrap();
    assert_eq!(
        c.surveys.reminder_delay,
        std::time::Duration::from_secs(24 * 3600)
    );
    assert_eq!(c.surveys.max_reminders, 2);
    assert!(c.surveys.quiet.is_some());
    assert_eq!(
        c.surveys
            .key_path(std::path::Path::new("/var/lib/coloop/coloop.db")),
        PathBuf::from("/var/lib/coloop/coloop.db.answer-key")
    );
    let c = config(&[
        ("COLOOP_BOT_TOKEN", TOKEN),
        ("COLOOP_SURVEY_REMINDER_HOURS", "48"),
        ("COLOOP_SURVEY_REMINDERS", "0"),
        ("COLOOP_TIMEZONE", "-05:00"),
        ("COLOOP_ANSWER_KEY_FILE", "/secrets/answer.key"),
    ])
    .unwrap();
    assert_eq!(
        c.surveys.reminder_delay,
        std::time::Duration::from_secs(48 * 3600)
    );
    assert_eq!(c.surveys.max_reminders, 0);
    assert_eq!(
        c.surveys.zone,
        coloop_core::zone::Zone::Fixed(chrono::FixedOffset::west_opt(5 * 3600).unwrap())
    );
    let madrid = config(&[
        ("COLOOP_BOT_TOKEN", TOKEN),
        ("COLOOP_TIMEZONE", "Europe/Madrid"),
        ("COLOOP_DIGEST_SCHEDULE", "mon 09:00"),
    ])
    .unwrap();
    assert_eq!(madrid.surveys.zone.to_string(), "Europe/Madrid");
    assert_eq!(
        madrid
            .digests
            .schedule
            .map(|s| s.zone.to_string())
            .as_deref(),
        Some("Europe/Madrid")
    );
    let wrong = config(&[
        ("COLOOP_BOT_TOKEN", TOKEN),
        ("COLOOP_TIMEZONE", "Europe/Atlantis"),
    ])
    .unwrap_err();
    assert!(wrong.to_string().contains("Europe/Madrid"), "{wrong}");
    assert_eq!(
        c.surveys.key_path(std::path::Path::new("coloop.db")),
        PathBuf::from("/secrets/answer.key")
    );
    assert!(
        config(&[
            ("COLOOP_BOT_TOKEN", TOKEN),
            ("COLOOP_SURVEY_REMINDERS", "3")
        ])
        .is_err()
    );
    assert!(
        config(&[
            ("COLOOP_BOT_TOKEN", TOKEN),
            ("COLOOP_SURVEY_REMINDER_HOURS", "0")
        ])
        .is_err()
    );
}

#[test]
fn defaults() {
    let c = config(&[("COLOOP_BOT_TOKEN", TOKEN)]).unwrap();
    assert_eq!(c.base.database, PathBuf::from("coloop.db"));
    assert_eq!(c.api_url.as_str(), TELEGRAM_API_URL);
    assert!(c.base.coordinators.is_empty());
    assert_eq!(c.token.expose(), TOKEN);
}

#[test]
fn teloxide_token_is_accepted_too() {
    assert!(config(&[("TELOXIDE_TOKEN", TOKEN)]).is_ok());
}

#[test]
fn missing_and_malformed_tokens_are_explained() {
    assert_eq!(config(&[]).unwrap_err(), ConfigError::MissingToken);
    assert_eq!(
        config(&[("COLOOP_BOT_TOKEN", " ")]).unwrap_err(),
        ConfigError::MissingToken
    );
    for bad in [
        "abc",
        "123:short",
        "x123:AAEexampleexampleexampleexample",
        "123:AAE example example example example",
    ] {
        assert_eq!(
            config(&[("COLOOP_BOT_TOKEN", bad)]).unwrap_err(),
            ConfigError::MalformedToken,
            "{bad}"
        );
    }
    assert!(ConfigError::MissingToken.to_string().contains("@BotFather"));
}

#[test]
fn token_never_shows_in_debug_output() {
    let c = config(&[("COLOOP_BOT_TOKEN", TOKEN)]).unwrap();
    assert!(!format!("{c:?}").contains("AAEexample"));
}

#[test]
fn delivery_limits_default_to_telegrams_and_can_be_raised() {
    let c = config(&[("COLOOP_BOT_TOKEN", TOKEN)]).unwrap();
    assert_eq!(c.delivery.global_per_second, 30);
    assert!(c.delivery.private_interval >= std::time::Duration::from_secs(1));
    assert!(c.delivery.group_interval >= std::time::Duration::from_secs(3));
    let c = config(&[
        ("COLOOP_BOT_TOKEN", TOKEN),
        ("COLOOP_RATE_PER_SECOND", "1000"),
        ("COLOOP_GROUP_CHAT_PER_MINUTE", "60"),
    ])
    .unwrap();
    assert_eq!(c.delivery.global_per_second, 1000);
    assert_eq!(
        c.delivery.group_interval,
        std::time::Duration::from_millis(1_100)
    );
    assert!(matches!(
        config(&[
            ("COLOOP_BOT_TOKEN", TOKEN),
            ("COLOOP_RATE_PER_SECOND", "fast")
        ]),
        Err(ConfigError::BadNumber {
            name: "COLOOP_RATE_PER_SECOND",
            ..
        })
    ));
    assert!(config(&[("COLOOP_BOT_TOKEN", TOKEN), ("COLOOP_RATE_PER_SECOND", "0")]).is_err());
}

#[test]
fn weekly_digests_default_to_monday_morning_and_can_be_turned_off() {
    let c = config(&[("COLOOP_BOT_TOKEN", TOKEN)]).unwrap();
    assert_eq!(
        c.digests.schedule.unwrap().to_string(),
        "Mon 09:00 (UTC+00:00)"
    );
    let c = config(&[
        ("COLOOP_BOT_TOKEN", TOKEN),
        ("COLOOP_DIGEST_SCHEDULE", "off"),
    ])
    .unwrap();
    assert!(c.digests.schedule.is_none());
    let c = config(&[
        ("COLOOP_BOT_TOKEN", TOKEN),
        ("COLOOP_DIGEST_SCHEDULE", "fri 17:30"),
        ("COLOOP_TIMEZONE", "-05:00"),
    ])
    .unwrap();
    assert_eq!(
        c.digests.schedule.unwrap().to_string(),
        "Fri 17:30 (UTC-05:00)"
    );
    assert!(
        config(&[
            ("COLOOP_BOT_TOKEN", TOKEN),
            ("COLOOP_TIMEZONE", "Mars/Olympus")
        ])
        .is_err()
    );
    assert!(
        config(&[
            ("COLOOP_BOT_TOKEN", TOKEN),
            ("COLOOP_DIGEST_SCHEDULE", "someday")
        ])
        .is_err()
    );
}

#[test]
fn retention_is_off_unless_set() {
    assert_eq!(
        config(&[("COLOOP_BOT_TOKEN", TOKEN)])
            .unwrap()
            .retention_days,
        None
    );
    let c = config(&[
        ("COLOOP_BOT_TOKEN", TOKEN),
        ("COLOOP_RETENTION_DAYS", "365"),
    ])
    .unwrap();
    assert_eq!(c.retention_days, Some(365));
    assert!(config(&[("COLOOP_BOT_TOKEN", TOKEN), ("COLOOP_RETENTION_DAYS", "0")]).is_err());
}

#[test]
fn coordinators_and_urls() {
    let c = config(&[
        ("COLOOP_BOT_TOKEN", TOKEN),
        ("COLOOP_COORDINATORS", " 42, 7 ,"),
        ("COLOOP_API_URL", "http://127.0.0.1:8081/"),
        ("COLOOP_DATABASE", "/var/lib/coloop/coloop.db"),
    ])
    .unwrap();
    assert_eq!(
        c.base
            .coordinators
            .iter()
            .map(|id| id.get())
            .collect::<Vec<_>>(),
        vec![7, 42]
    );
    assert_eq!(c.api_url.as_str(), "http://127.0.0.1:8081/");
    assert_eq!(c.base.database, PathBuf::from("/var/lib/coloop/coloop.db"));
    assert_eq!(
        config(&[
            ("COLOOP_BOT_TOKEN", TOKEN),
            ("COLOOP_COORDINATORS", "42,bob")
        ])
        .unwrap_err(),
        ConfigError::BadCoordinator("bob".into())
    );
    assert!(matches!(
        config(&[("COLOOP_BOT_TOKEN", TOKEN), ("COLOOP_API_URL", "not a url")]),
        Err(ConfigError::BadApiUrl(_))
    ));
}

#[test]
fn the_database_is_a_path_or_an_sqlite_url() {
    for (raw, path) in [
        ("coloop.db", "coloop.db"),
        ("/var/lib/coloop/coloop.db", "/var/lib/coloop/coloop.db"),
        (
            "sqlite:///var/lib/coloop/coloop.db",
            "/var/lib/coloop/coloop.db",
        ),
        ("sqlite://coloop.db", "coloop.db"),
        ("sqlite:coloop.db", "coloop.db"),
        (
            "sqlite:///var/lib/coloop/coloop.db?mode=rwc",
            "/var/lib/coloop/coloop.db",
        ),
    ] {
        assert_eq!(database_path(raw).unwrap(), PathBuf::from(path), "{raw}");
        let c = config(&[("COLOOP_BOT_TOKEN", TOKEN), ("COLOOP_DATABASE", raw)]).unwrap();
        assert_eq!(c.base.database, PathBuf::from(path), "{raw}");
    }
    for raw in ["sqlite::memory:", "sqlite://", "file:coloop.db?mode=memory"] {
        let error = database_path(raw).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("sqlite:///var/lib/coloop/coloop.db"),
            "{error}"
        );
    }
}
