//! Configuration: environment variables (and a `.env` file, loaded by `main`) parsed once into
//! a typed [`Config`]. The bot token is a secret: it is wrapped so it never reaches a log line.

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use coloop_core::delivery::Limits;
use coloop_core::domain::TelegramId;
use coloop_core::zone::Zone;
use secrecy::{ExposeSecret, SecretString};

pub mod ops;

pub use ops::{OpsConfig, OpsConfigError};

/// Telegram's public Bot API.
pub const TELEGRAM_API_URL: &str = "https://api.telegram.org/";
/// Where the database lives unless `COLOOP_DATABASE` says otherwise.
pub const DEFAULT_DATABASE: &str = "coloop.db";

/// `COLOOP_DATABASE` as a file path: a plain path, or the `sqlite://` / `sqlite:` URL that sqlx
/// and `DATABASE_URL` use (`sqlite:///var/lib/coloop/coloop.db` is `/var/lib/coloop/coloop.db`,
/// `sqlite://coloop.db` and `sqlite:coloop.db` are `coloop.db`; URL options such as `?mode=rwc`
/// are dropped: coloop sets its own). In-memory databases are refused.
pub fn database_path(raw: &str) -> Result<PathBuf, ConfigError> {
    let raw = raw.trim();
    let bad = || ConfigError::BadDatabase(raw.to_owned());
    let path = match raw
        .strip_prefix("sqlite://")
        .or_else(|| raw.strip_prefix("sqlite:"))
    {
        Some(rest) => rest.split_once('?').map_or(rest, |(path, _)| path),
        None => raw,
    };
    if path.is_empty() || path.contains(":memory:") || path.starts_with("file:") {
        return Err(bad());
    }
    Ok(PathBuf::from(path))
}

/// A bot token as @BotFather hands it out: `<bot id>:<secret>`.
#[derive(Clone)]
pub struct BotToken(SecretString);

impl BotToken {
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let raw = raw.trim();
        let valid = match raw.split_once(':') {
            Some((id, secret)) => {
                !id.is_empty()
                    && id.bytes().all(|b| b.is_ascii_digit())
                    && secret.len() >= 30
                    && secret
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            }
            None => false,
        };
        if valid {
            Ok(Self(SecretString::from(raw.to_owned())))
        } else {
            Err(ConfigError::MalformedToken)
        }
    }

    /// The token itself, for the one place that needs it: building the Telegram client.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for BotToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BotToken([redacted])")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error(
        "No bot token: set COLOOP_BOT_TOKEN (or TELOXIDE_TOKEN) to the token @BotFather gave you \
         when you created the bot (in Telegram, talk to @BotFather and send /newbot)."
    )]
    MissingToken,
    #[error(
        "The bot token is malformed: it should look like 123456789:AAE… — copy it again from \
         @BotFather (send /mybots, pick the bot, then \"API Token\") into COLOOP_BOT_TOKEN."
    )]
    MalformedToken,
    #[error("COLOOP_API_URL is not a valid URL: {0}")]
    BadApiUrl(String),
    #[error("COLOOP_COORDINATORS must be comma-separated Telegram user ids; {0:?} is not one")]
    BadCoordinator(String),
    #[error(
        "COLOOP_TIMEZONE must be a time zone such as Europe/Madrid, or a UTC offset such as -05:00, or UTC; not {0:?}"
    )]
    BadTimeZone(String),
    #[error(
        "COLOOP_DATABASE must be a file, as a path (/var/lib/coloop/coloop.db) or an sqlite: URL \
         (sqlite:///var/lib/coloop/coloop.db); {0:?} is neither (an in-memory database would lose \
         everything at each restart)"
    )]
    BadDatabase(String),
    #[error("COLOOP_DIGEST_SCHEDULE: {0}")]
    BadSchedule(String),
    #[error(transparent)]
    Ops(#[from] OpsConfigError),
    #[error("{name} must be a whole number between {min} and {max}, not {value:?}")]
    BadNumber {
        name: &'static str,
        value: String,
        min: u64,
        max: u64,
    },
}

/// Settings every command needs: where the database is, who the coordinators are.
#[derive(Debug, Clone)]
pub struct BaseConfig {
    pub database: PathBuf,
    pub coordinators: BTreeSet<TelegramId>,
    /// What digests and exports show of anonymous surveys (`COLOOP_ANONYMOUS_MIN_ANSWERS`,
    /// default 5): the store opened for any command follows it.
    pub anonymity: coloop_core::store::Anonymity,
    /// `COLOOP_DATABASE_MAX_MB`: the database may not grow past this (a quota of its own, or a
    /// test's full disk); past it, writes are refused as on a full disk. `None`: no limit.
    pub database_max_mb: Option<u32>,
}

impl BaseConfig {
    /// [`BaseConfig::database_max_mb`] in SQLite pages (4 KiB).
    pub fn database_max_pages(&self) -> Option<u32> {
        self.database_max_mb.map(|mb| mb.saturating_mul(256))
    }
}

/// Everything `coloop run` needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub base: BaseConfig,
    pub token: BotToken,
    pub api_url: reqwest::Url,
    /// Long-polling timeout for getUpdates, in seconds.
    pub poll_timeout_secs: u32,
    /// The delivery worker's rate limits and retry policy.
    pub delivery: Limits,
    /// Webhook mode, the HTTP server (health, metrics), readiness.
    pub ops: OpsConfig,
    /// Comments: the flood limit and how often facilitators hear of new ones.
    pub comments: CommentSettings,
    /// Delete comments older than this many days (`COLOOP_RETENTION_DAYS`); `None` keeps them.
    pub retention_days: Option<u32>,
    /// Weekly digests (`COLOOP_DIGEST_SCHEDULE`, `COLOOP_TIMEZONE`).
    pub digests: DigestSchedule,
    /// Survey close times, reminders and the anonymous-answer key.
    pub surveys: SurveySettings,
    /// When a broadcast's author hears that it is held up.
    pub held: HeldSettings,
}

/// A broadcast still not delivered to everyone `after` its Send (Telegram down) is told to
/// its author once, and its end once; the outbox is looked at every `tick`.
#[derive(Debug, Clone)]
pub struct HeldSettings {
    pub after: std::time::Duration,
    pub tick: std::time::Duration,
}

impl Default for HeldSettings {
    fn default() -> Self {
        Self {
            after: std::time::Duration::from_secs(600),
            tick: std::time::Duration::from_secs(30),
        }
    }
}

/// How surveys behave in this deployment.
#[derive(Debug, Clone)]
pub struct SurveySettings {
    /// The deployment's time zone (`COLOOP_TIMEZONE`): `closes:` dates and quiet hours are
    /// local times.
    pub zone: Zone,
    /// A member who has not finished a survey this long after it (or their last reminder)
    /// reached them is reminded (`COLOOP_SURVEY_REMINDER_HOURS`, default 24).
    pub reminder_delay: std::time::Duration,
    /// At most this many reminders per person and survey (`COLOOP_SURVEY_REMINDERS`, default
    /// 2; 0 turns reminders off).
    pub max_reminders: u32,
    /// No reminders in these hours (21:00–08:00 local).
    pub quiet: Option<coloop_core::schedule::QuietHours>,
    /// How often the survey keeper closes due surveys and queues reminders.
    pub tick: std::time::Duration,
    /// The file holding the anonymous-answer key (`COLOOP_ANSWER_KEY_FILE`; default: next to
    /// the database, `<database>.answer-key`). Created on first start.
    pub key_file: Option<PathBuf>,
    /// Start even when the key file can be read by its group or others
    /// (`COLOOP_ALLOW_OPEN_KEY=1`; a loud warning then).
    pub allow_open_key: bool,
}

impl Default for SurveySettings {
    fn default() -> Self {
        let zone = Zone::utc();
        Self {
            zone,
            reminder_delay: std::time::Duration::from_secs(24 * 3600),
            max_reminders: 2,
            quiet: Some(coloop_core::schedule::QuietHours::evenings_and_nights(zone)),
            tick: std::time::Duration::from_secs(60),
            key_file: None,
            allow_open_key: false,
        }
    }
}

impl SurveySettings {
    /// Where the anonymous-answer key lives for the database at `database`.
    pub fn key_path(&self, database: &std::path::Path) -> PathBuf {
        self.key_file.clone().unwrap_or_else(|| {
            let mut name = database.as_os_str().to_owned();
            name.push(".answer-key");
            PathBuf::from(name)
        })
    }
}

/// `COLOOP_TIMEZONE`: an IANA zone such as `Europe/Madrid` (daylight saving included) or a UTC
/// offset such as `-05:00` (default UTC).
fn time_zone(get: &impl Fn(&str) -> Option<String>) -> Result<Zone, ConfigError> {
    let zone = get("COLOOP_TIMEZONE")
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "UTC".to_owned());
    Zone::parse(&zone).ok_or(ConfigError::BadTimeZone(zone))
}

fn survey_settings(get: &impl Fn(&str) -> Option<String>) -> Result<SurveySettings, ConfigError> {
    let zone = time_zone(get)?;
    let hours = number(get, "COLOOP_SURVEY_REMINDER_HOURS", 24, 1, 24 * 30)?;
    let max = number(get, "COLOOP_SURVEY_REMINDERS", 2, 0, 2)?;
    Ok(SurveySettings {
        zone,
        reminder_delay: std::time::Duration::from_secs(hours * 3600),
        max_reminders: max as u32,
        quiet: Some(coloop_core::schedule::QuietHours::evenings_and_nights(zone)),
        tick: std::time::Duration::from_secs(60),
        key_file: get("COLOOP_ANSWER_KEY_FILE")
            .filter(|v| !v.trim().is_empty())
            .map(PathBuf::from),
        allow_open_key: number(get, "COLOOP_ALLOW_OPEN_KEY", 0, 0, 1)? == 1,
    })
}

#[derive(Debug, Clone)]
pub struct CommentSettings {
    /// More comments than this from one person within a minute are refused, politely.
    pub per_minute: u32,
    /// Updates of any kind one person may send at once before the rest are dropped (then one
    /// a second): `COLOOP_UPDATE_BURST`, default 100.
    pub update_burst: u32,
    /// At most one "new comments" notice per facilitator and group per this interval.
    pub notice_interval: std::time::Duration,
    /// How often the notifier looks for due notices.
    pub notice_tick: std::time::Duration,
}

impl Default for CommentSettings {
    fn default() -> Self {
        Self {
            per_minute: 10,
            update_burst: 100,
            notice_interval: std::time::Duration::from_secs(3600),
            notice_tick: std::time::Duration::from_secs(60),
        }
    }
}

/// `COLOOP_DIGEST_SCHEDULE` (default `mon 09:00`; `off` turns weekly digests off) in the time
/// zone `COLOOP_TIMEZONE` (`Europe/Madrid` or an offset such as `-05:00`; default UTC).
fn digest_schedule(get: &impl Fn(&str) -> Option<String>) -> Result<DigestSchedule, ConfigError> {
    let zone = time_zone(get)?;
    let raw = get("COLOOP_DIGEST_SCHEDULE")
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "mon 09:00".to_owned());
    let schedule = if raw.trim().eq_ignore_ascii_case("off") {
        None
    } else {
        Some(
            coloop_core::schedule::Schedule::parse(&raw, zone)
                .map_err(|e| ConfigError::BadSchedule(e.to_string()))?,
        )
    };
    Ok(DigestSchedule {
        schedule,
        tick: std::time::Duration::from_secs(60),
    })
}

/// `COLOOP_COMMENTS_PER_MINUTE` (default 10), `COLOOP_COMMENT_NOTICE_MINUTES` (default 60).
fn comment_settings(get: &impl Fn(&str) -> Option<String>) -> Result<CommentSettings, ConfigError> {
    let per_minute = number(get, "COLOOP_COMMENTS_PER_MINUTE", 10, 1, 1_000)?;
    let minutes = number(get, "COLOOP_COMMENT_NOTICE_MINUTES", 60, 1, 7 * 24 * 60)?;
    let interval = std::time::Duration::from_secs(minutes * 60);
    let update_burst = number(get, "COLOOP_UPDATE_BURST", 100, 10, 100_000)?;
    Ok(CommentSettings {
        per_minute: per_minute as u32,
        update_burst: update_burst as u32,
        notice_interval: interval,
        notice_tick: (interval / 4).min(std::time::Duration::from_secs(60)),
    })
}

/// A whole number from the environment, with bounds; `default` when unset or empty.
fn number(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u64,
    min: u64,
    max: u64,
) -> Result<u64, ConfigError> {
    match get(name).filter(|v| !v.trim().is_empty()) {
        None => Ok(default),
        Some(value) => value
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or(ConfigError::BadNumber {
                name,
                value,
                min,
                max,
            }),
    }
}

/// `COLOOP_RATE_PER_SECOND` (all chats), `COLOOP_PRIVATE_CHAT_INTERVAL_MS`,
/// `COLOOP_GROUP_CHAT_PER_MINUTE`, `COLOOP_DELIVERY_GIVE_UP_HOURS`. Telegram's limits by default;
/// raise the first with a local Bot API server.
fn delivery_limits(get: &impl Fn(&str) -> Option<String>) -> Result<Limits, ConfigError> {
    let defaults = Limits::default();
    let global = number(
        get,
        "COLOOP_RATE_PER_SECOND",
        defaults.global_per_second.into(),
        1,
        100_000,
    )?;
    let private_ms = number(
        get,
        "COLOOP_PRIVATE_CHAT_INTERVAL_MS",
        defaults.private_interval.as_millis() as u64,
        0,
        60_000,
    )?;
    let group_per_minute = number(get, "COLOOP_GROUP_CHAT_PER_MINUTE", 20, 1, 6_000)?;
    let give_up_hours = number(
        get,
        "COLOOP_DELIVERY_GIVE_UP_HOURS",
        defaults.give_up_after.as_secs() / 3600,
        1,
        24 * 30,
    )?;
    Ok(Limits {
        global_per_second: global as u32,
        private_interval: std::time::Duration::from_millis(private_ms),
        // A little margin over the exact spacing, like the default private interval.
        group_interval: std::time::Duration::from_millis(60_000 / group_per_minute + 100),
        give_up_after: std::time::Duration::from_secs(give_up_hours * 3600),
        ..defaults
    })
}

impl BaseConfig {
    /// Opens and migrates the database, with this deployment's [`coloop_core::store::Anonymity`].
    pub async fn open_store(
        &self,
    ) -> Result<coloop_core::store::Store, coloop_core::store::StoreError> {
        Ok(coloop_core::store::Store::open_and_migrate_limited(
            &self.database,
            self.database_max_pages(),
        )
        .await?
        .with_anonymity(self.anonymity))
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database = database_path(
            &get("COLOOP_DATABASE")
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_DATABASE.to_owned()),
        )?;
        let coordinators = get("COLOOP_COORDINATORS")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<TelegramId>()
                    .ok()
                    .filter(|id| id.get() > 0)
                    .ok_or_else(|| ConfigError::BadCoordinator(s.to_owned()))
            })
            .collect::<Result<_, _>>()?;
        let min_answers = number(&get, "COLOOP_ANONYMOUS_MIN_ANSWERS", 5, 2, 1_000)?;
        let database_max_mb = match number(&get, "COLOOP_DATABASE_MAX_MB", 0, 0, 16_000_000)? {
            0 => None,
            mb => Some(mb as u32),
        };
        Ok(Self {
            database,
            coordinators,
            anonymity: coloop_core::store::Anonymity {
                min_answers: min_answers as u32,
            },
            database_max_mb,
        })
    }
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let base = BaseConfig::from_lookup(&get)?;
        let token = get("COLOOP_BOT_TOKEN")
            .or_else(|| get("TELOXIDE_TOKEN"))
            .filter(|t| !t.trim().is_empty())
            .ok_or(ConfigError::MissingToken)?;
        let token = BotToken::parse(&token)?;
        let api_url = get("COLOOP_API_URL")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| TELEGRAM_API_URL.to_owned());
        let api_url = reqwest::Url::parse(api_url.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && !u.cannot_be_a_base())
            .ok_or(ConfigError::BadApiUrl(api_url))?;
        Ok(Self {
            base,
            token,
            api_url,
            poll_timeout_secs: 10,
            delivery: delivery_limits(&get)?,
            comments: comment_settings(&get)?,
            digests: digest_schedule(&get)?,
            surveys: survey_settings(&get)?,
            retention_days: match get("COLOOP_RETENTION_DAYS").filter(|v| !v.trim().is_empty()) {
                None => None,
                Some(_) => Some(number(&get, "COLOOP_RETENTION_DAYS", 0, 1, 36_500)? as u32),
            },
            ops: OpsConfig::from_lookup(&get, false)?,
            held: HeldSettings::default(),
        })
    }
}

#[cfg(test)]
mod tests;

/// When scheduled digests go out.
#[derive(Debug, Clone)]
pub struct DigestSchedule {
    /// `None`: scheduled digests are off.
    pub schedule: Option<coloop_core::schedule::Schedule>,
    /// How often the scheduler looks whether a digest is due.
    pub tick: std::time::Duration,
}
