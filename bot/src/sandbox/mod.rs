//! `coloop sandbox`: the real bot against an imitation of Telegram, in one process, with a
//! chat client in the browser — no token, no network.
//!
//! - [`telegram`]: the Telegram Bot API imitation — people, chats, messages, buttons, files and
//!   Telegram's refusals — that the sandbox and every end-to-end test drive the bot with. It uses
//!   no other module of this crate.
//! - [`api`]: the page and its JSON endpoints, which act through the imitation as its people.
//! - [`demo`]: `--demo`, a story played through the bot by the imitation's people.
//!
//! [`Sandbox::prepare`] starts the imitation and makes the bot's [`Config`]; `main` runs the
//! bot with it (`app::run_serving`, the sandbox's pages on the bot's HTTP server) and calls
//! [`Sandbox::started`] once the bot takes updates.

pub mod api;
pub mod demo;
pub mod telegram;

use std::collections::BTreeSet;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use coloop_core::domain::TelegramId;
use tokio::sync::watch;

use crate::config::{BaseConfig, BotToken, Config, DigestSchedule, OpsConfig, SurveySettings};
use crate::texts::Catalogues;
use telegram::FakeTelegram;

/// The imitation's bot account.
pub const BOT_USERNAME: &str = "coloop_sandbox_bot";
/// A token of the right shape; it opens nothing (the imitation accepts it, Telegram never sees
/// it).
const TOKEN: &str = "1000000001:SANDBOX-not-a-real-token-SANDBOX-000";
/// Where the page is served unless `--listen` says otherwise.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8090";

/// `coloop sandbox`'s options.
#[derive(Debug, Clone)]
pub struct Options {
    /// The page's address (`--listen`).
    pub listen: SocketAddr,
    /// `--public`: allow an address other than loopback (the page has no login).
    pub public: bool,
    /// `--database FILE` to keep the database; a temporary one otherwise.
    pub database: Option<PathBuf>,
    /// `--demo`: play the story once the bot runs.
    pub demo: bool,
}

/// Why the sandbox refuses to start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "{0} is not a loopback address: the sandbox has no login, so anyone who can reach it \
         could act as anyone. Use 127.0.0.1 (or [::1]), or add --public if you really mean it."
    )]
    NotLoopback(SocketAddr),
}

/// A prepared sandbox: the imitation running, the bot's configuration made.
pub struct Sandbox {
    tg: FakeTelegram,
    config: Config,
    /// The first person, a coordinator.
    coordinator: i64,
    demo: bool,
    i18n: Arc<Catalogues>,
    /// Turns `true` when the sandbox stops: the page's live connections end with it.
    stop: watch::Sender<bool>,
    /// The temporary database's folder, removed when the sandbox is dropped.
    _dir: Option<tempfile::TempDir>,
}

impl Sandbox {
    /// Checks the options, starts the imitation with its first person (the coordinator), and
    /// makes the bot's configuration: the imitation's address, the database, the page's
    /// address for the HTTP server.
    pub async fn prepare(options: Options) -> anyhow::Result<Sandbox> {
        if !options.public && !options.listen.ip().is_loopback() {
            return Err(SandboxError::NotLoopback(options.listen).into());
        }
        let i18n = Arc::new(Catalogues::embedded().context("loading the message catalogues")?);
        let tg = FakeTelegram::start(TOKEN, BOT_USERNAME).await;
        // Its record of the bot's calls is for tests; a sandbox left running keeps the latest.
        tg.keep_calls(1000);
        let first = label(&i18n, "first-person");
        let coordinator = tg.add_user(&first, None, Some(crate::texts::DEFAULT_LANGUAGE));
        let (database, dir) = match options.database {
            Some(file) => (file, None),
            None => {
                let dir = tempfile::tempdir().context("making a temporary folder")?;
                (dir.path().join("sandbox.db"), Some(dir))
            }
        };
        let config = Config {
            base: BaseConfig {
                database,
                coordinators: BTreeSet::from([TelegramId::new(coordinator)]),
                anonymity: Default::default(),
                database_max_mb: None,
            },
            token: BotToken::parse(TOKEN).context("the sandbox's token")?,
            api_url: tg.api_url().parse().context("the imitation's address")?,
            poll_timeout_secs: 10,
            delivery: Default::default(),
            ops: OpsConfig {
                http_listen: Some(options.listen),
                ..OpsConfig::default()
            },
            comments: Default::default(),
            retention_days: None,
            digests: DigestSchedule {
                schedule: None,
                tick: Duration::from_secs(3600),
            },
            surveys: SurveySettings {
                // No evening hold on reminders: the sandbox is shown at any hour.
                quiet: None,
                ..SurveySettings::default()
            },
            held: Default::default(),
        };
        Ok(Sandbox {
            tg,
            config,
            coordinator,
            demo: options.demo,
            i18n,
            stop: watch::channel(false).0,
            _dir: dir,
        })
    }

    /// The bot's configuration.
    pub fn config(&self) -> Config {
        self.config.clone()
    }

    /// The token the imitation accepts (for the log's redaction, like a real one).
    pub fn token(&self) -> &'static str {
        TOKEN
    }

    /// The page and its endpoints, for the bot's HTTP server.
    pub fn pages(&self) -> axum::Router {
        api::router(api::Page {
            tg: self.tg.clone(),
            i18n: self.i18n.clone(),
            stop: self.stop.subscribe(),
        })
    }

    /// `shutdown`, which also ends the page's live connections (so the HTTP server can stop).
    pub fn until(
        &self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> impl Future<Output = ()> + Send + 'static {
        let stop = self.stop.clone();
        async move {
            shutdown.await;
            stop.send_replace(true);
        }
    }

    /// The bot takes updates: say where the page is, let the coordinator start the bot, and
    /// play the demo when asked (then say that it is in place).
    pub fn started(&self, http: Option<SocketAddr>) {
        let shown = http.map(|address| match address.ip().is_unspecified() {
            true => SocketAddr::from(([127, 0, 0, 1], address.port())),
            false => address,
        });
        match shown {
            Some(address) => println!("open http://{address}"),
            None => println!("the sandbox has no HTTP address"),
        }
        self.tg
            .send_text(self.coordinator, self.coordinator, "/start");
        if self.demo {
            let story = demo::Story::new(self.tg.clone(), self.coordinator);
            tokio::spawn(async move {
                match story.play().await {
                    Ok(()) => println!("the demo is ready"),
                    Err(error) => {
                        tracing::error!(error = %format!("{error:#}"), "the demo story stopped");
                    }
                }
            });
        }
    }
}

/// A label of the page in the default language.
fn label(i18n: &Catalogues, name: &str) -> String {
    i18n.texts(crate::texts::DEFAULT_LANGUAGE)
        .sandbox_labels()
        .into_iter()
        .find(|(label, _)| *label == name)
        .map(|(_, text)| text)
        .unwrap_or_else(|| name.to_owned())
}
