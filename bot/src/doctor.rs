//! `coloop doctor`: checks a deployment and prints a readable report, a line per check, each
//! `ok`, `warning` or `error` with what to do. Nothing is changed: the database is opened only
//! if it exists, the key file only read, the HTTP address bound and released at once.

use std::fmt;
use std::path::Path;

use chrono::Utc;
use coloop_core::Store;
use teloxide::prelude::*;

use crate::config::{BaseConfig, Config};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Ok,
    Warning,
    Error,
}

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Finding {
    pub level: Level,
    /// What was checked and what was found.
    pub text: String,
}

/// The whole report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    fn push(&mut self, level: Level, text: impl Into<String>) {
        self.findings.push(Finding {
            level,
            text: text.into(),
        });
    }

    fn ok(&mut self, text: impl Into<String>) {
        self.push(Level::Ok, text);
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.push(Level::Warning, text);
    }

    fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text);
    }

    /// Whether any check failed (the command then exits non-zero).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.level == Level::Error)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            let mark = match finding.level {
                Level::Ok => "ok     ",
                Level::Warning => "warning",
                Level::Error => "error  ",
            };
            writeln!(f, "{mark}  {}", finding.text)?;
        }
        let (warnings, errors) = self
            .findings
            .iter()
            .fold((0, 0), |(w, e), f| match f.level {
                Level::Ok => (w, e),
                Level::Warning => (w + 1, e),
                Level::Error => (w, e + 1),
            });
        writeln!(f, "{errors} errors, {warnings} warnings.")
    }
}

/// Runs every check against the configuration the environment gives.
pub async fn check(get: impl Fn(&str) -> Option<String>) -> Report {
    let mut report = Report::default();
    let base = match BaseConfig::from_lookup(&get) {
        Ok(base) => base,
        Err(error) => {
            report.error(format!("configuration: {error}"));
            return report;
        }
    };
    let config = match Config::from_lookup(&get) {
        Ok(config) => {
            report.ok("configuration: the bot token is well-formed and every setting reads");
            Some(config)
        }
        Err(error) => {
            report.error(format!("configuration: {error}"));
            None
        }
    };
    if let Some(config) = &config {
        telegram(&mut report, config).await;
    }
    database(&mut report, &base, config.as_ref()).await;
    if let Some(config) = &config {
        report.ok(format!(
            "time zone: {} (local time now {})",
            config.surveys.zone,
            Utc::now()
                .with_timezone(&config.surveys.zone)
                .format("%Y-%m-%d %H:%M")
        ));
        listen_address(&mut report, config);
    }
    coordinators(&mut report, &base).await;
    report
}

async fn telegram(report: &mut Report, config: &Config) {
    let bot = crate::telegram::telegram_client(config);
    match bot.get_me().await {
        Ok(me) => report.ok(format!(
            "Telegram: the token is accepted; the bot is @{}",
            me.username.clone().unwrap_or_default()
        )),
        Err(teloxide::RequestError::Api(teloxide::ApiError::InvalidToken)) => {
            report.error(
                "Telegram refused the bot token (401 Unauthorized): copy it again from @BotFather \
                 (/mybots → the bot → API Token) into COLOOP_BOT_TOKEN",
            );
            return;
        }
        Err(error) => {
            report.error(format!(
                "Telegram could not be reached (getMe): {} — check the network and COLOOP_API_URL",
                crate::ops::intake::describe(&error)
            ));
            return;
        }
    }
    match bot.get_webhook_info().await {
        Ok(info) => {
            let pending = info.pending_update_count;
            let last_error = info
                .last_error_message
                .map(|m| format!("; last error: {m}"))
                .unwrap_or_default();
            match (&config.ops.webhook, info.url) {
                (None, None) => report.ok(format!(
                    "Telegram: no webhook set, as long polling needs ({pending} updates waiting)"
                )),
                (None, Some(url)) => report.warn(format!(
                    "Telegram: a webhook is set ({url}) but coloop is configured for long \
                     polling: updates go to the webhook until `coloop run` starts and removes it \
                     ({pending} updates waiting{last_error})"
                )),
                (Some(webhook), Some(url)) if url == webhook.url => report.ok(format!(
                    "Telegram: the webhook is set to {url} ({pending} updates waiting{last_error})"
                )),
                (Some(webhook), url) => report.warn(format!(
                    "Telegram: the webhook is {} but coloop is configured for {}: `coloop run` \
                     sets it at start ({pending} updates waiting{last_error})",
                    url.map_or_else(|| "not set".to_owned(), |u| format!("set to {u}")),
                    webhook.url
                )),
            }
        }
        Err(error) => report.warn(format!(
            "Telegram: could not read the webhook (getWebhookInfo): {}",
            crate::ops::intake::describe(&error)
        )),
    }
}

#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode_of(_: &Path) -> Option<u32> {
    None
}

/// Whether this user can create a file in `folder` (tried with a file that is removed at once).
fn can_write_in(folder: &Path) -> bool {
    let probe = folder.join(format!(".coloop-doctor-{}", std::process::id()));
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok();
    if created {
        let _ = std::fs::remove_file(&probe);
    }
    created
}

async fn database(report: &mut Report, base: &BaseConfig, config: Option<&Config>) {
    let path = &base.database;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !path.exists() {
        let writable = can_write_in(folder);
        if writable {
            report.warn(format!(
                "database: {} does not exist yet; `coloop run` or `coloop migrate` creates it",
                path.display()
            ));
        } else {
            report.error(format!(
                "database: {} does not exist and its folder {} is not writable by this user",
                path.display(),
                folder.display()
            ));
        }
        return;
    }
    if !can_write_in(folder) {
        report.error(format!(
            "database: the folder {} is not writable by this user (SQLite needs to create its \
             journal there)",
            folder.display()
        ));
    }
    if let Some(mode) = mode_of(path).filter(|m| m & 0o007 != 0) {
        report.warn(format!(
            "database: {} can be read by every user of this machine (mode {mode:o}): \
             chmod 600 it",
            path.display()
        ));
    }
    let store = match Store::open_existing(path).await {
        Ok(store) => store,
        Err(error) => {
            report.error(format!(
                "database: {} does not open: {error:#}",
                path.display()
            ));
            return;
        }
    };
    match store.migration_status().await {
        Ok(status) => {
            let pending = status.iter().filter(|m| m.is_pending()).count();
            let unknown = status.iter().filter(|m| !m.known).count();
            if unknown > 0 {
                report.error(format!(
                    "database: {unknown} migrations were applied by a newer coloop; this binary \
                     refuses to run on it (install the newer coloop)"
                ));
            } else if pending > 0 {
                report.warn(format!(
                    "database: {} opens; {pending} migrations pending (applied by the next \
                     `coloop run` or `coloop migrate`)",
                    path.display()
                ));
            } else {
                report.ok(format!(
                    "database: {} opens, migrations current",
                    path.display()
                ));
            }
        }
        Err(error) => report.error(format!("database: migrations unreadable: {error:#}")),
    }
    if let Some(config) = config {
        answer_key(report, &store, &config.surveys.key_path(path)).await;
    }
    store.close().await;
}

async fn answer_key(report: &mut Report, store: &Store, key: &Path) {
    let check = match crate::tasks::survey_keeper::key_check(store).await {
        Ok(check) => check,
        Err(error) => {
            report.error(format!(
                "answer key: cannot read its check value: {error:#}"
            ));
            return;
        }
    };
    if !key.exists() {
        match check {
            Some(_) => report.error(format!(
                "answer key: {} is missing but this database was used with one: restore it from \
                 its backup (or set COLOOP_ANSWER_KEY_FILE)",
                key.display()
            )),
            None => report.ok(format!(
                "answer key: {} is created at the first start",
                key.display()
            )),
        }
        return;
    }
    match crate::tasks::survey_keeper::read_key(key) {
        Ok(found) => match check {
            Some(expected) if expected != found.check_value() => report.error(format!(
                "answer key: {} is not the key this database was used with: restore the right one",
                key.display()
            )),
            _ => report.ok(format!(
                "answer key: {} present and matches the database",
                key.display()
            )),
        },
        Err(error) => report.error(format!("answer key: {error:#}")),
    }
    if let Some(mode) = mode_of(key).filter(|m| m & 0o077 != 0) {
        report.error(format!(
            "answer key: {} can be read by other users (mode {mode:o}): chmod 600 it — whoever \
             has it and the database can link anonymous answers to people",
            key.display()
        ));
    }
}

fn listen_address(report: &mut Report, config: &Config) {
    let Some(listen) = config.ops.http_listen else {
        report.ok("HTTP: no listen address set (no health, metrics or webhook server)");
        return;
    };
    match std::net::TcpListener::bind(listen) {
        Ok(_) => report.ok(format!("HTTP: {listen} is free")),
        Err(error) => report.warn(format!(
            "HTTP: {listen} cannot be bound ({error}): is coloop already running, or another \
             program using the port?"
        )),
    }
}

async fn coordinators(report: &mut Report, base: &BaseConfig) {
    let stored = if base.database.exists() {
        match Store::open_existing(&base.database).await {
            Ok(store) => {
                let list = store.list_coordinators().await.unwrap_or_default();
                store.close().await;
                list.len()
            }
            Err(_) => 0,
        }
    } else {
        0
    };
    let configured = base.coordinators.len();
    if configured + stored == 0 {
        report.warn(
            "coordinators: none — nobody can create groups; set COLOOP_COORDINATORS or run \
             `coloop admin add <telegram id>`",
        );
    } else {
        report.ok(format!(
            "coordinators: {configured} configured, {stored} added with `coloop admin add`"
        ));
    }
}
