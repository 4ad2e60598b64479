//! The survey keeper: a task that closes surveys whose close time has come, removes the
//! buttons of closed surveys' question messages, and queues reminders for members who have not
//! finished a survey — never in the quiet hours. Everything it acts on is read from SQLite each
//! round (closing times, participants, reminders sent, messages still to clear), so a restart
//! loses nothing and repeats nothing.
//!
//! Also here: the anonymous-answer key, kept in a file outside the database.

use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use coloop_core::Store;
use coloop_core::survey::RespondentKey;
use coloop_core::wake::Wake;
use teloxide::prelude::*;
use teloxide::types::{ChatId, MessageId};
use tokio::sync::watch;

use crate::config::SurveySettings;

/// Reads the anonymous-answer key from `path`, or creates it there (readable by the owner
/// only) on first start. Losing it does not lose answers; it only means people can no longer
/// change (or erase) anonymous answers they gave before.
pub fn load_or_create_key(path: &Path) -> anyhow::Result<RespondentKey> {
    match std::fs::read_to_string(path) {
        Ok(text) => key_from_text(path, &text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let key = RespondentKey::generate();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(path).with_context(|| {
                format!("creating the anonymous-answer key file {}", path.display())
            })?;
            file.write_all(key.to_hex().as_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| {
                    format!("writing the anonymous-answer key file {}", path.display())
                })?;
            tracing::info!(path = %path.display(), "created the anonymous-answer key file; back it up, apart from the database");
            Ok(key)
        }
        Err(error) => Err(error)
            .with_context(|| format!("reading the anonymous-answer key file {}", path.display())),
    }
}

fn key_from_text(path: &Path, text: &str) -> anyhow::Result<RespondentKey> {
    RespondentKey::from_hex(text).with_context(|| {
        format!(
            "the anonymous-answer key file {} is not a key (64 hex digits)",
            path.display()
        )
    })
}

/// Reads an existing key file (never creates one).
pub fn read_key(path: &Path) -> anyhow::Result<RespondentKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the anonymous-answer key file {}", path.display()))?;
    key_from_text(path, &text)
}

/// The setting that holds the key's check value ([`RespondentKey::check_value`]).
const KEY_CHECK: &str = "answer_key_check";

/// The check value of the key this database was used with, if it ever was.
pub async fn key_check(store: &Store) -> coloop_core::store::Result<Option<String>> {
    store.setting(KEY_CHECK).await
}

/// The anonymous-answer key for this database: read from `path` (created there on the
/// database's first start), and checked against the check value the database keeps. A missing
/// or different key file is refused rather than replaced: a new key would split the anonymous
/// answers people give from now on from the ones they gave before (a changed answer would
/// count twice, and `/forget` could not find the old ones).
///
/// A key file that its group or others may read is refused (issue #20): with it and a copy of
/// the database anyone can tell whose anonymous answer is whose. `allow_open`
/// (`COLOOP_ALLOW_OPEN_KEY=1`) starts anyway, with a loud warning.
pub async fn open_key(
    store: &Store,
    path: &Path,
    allow_open: bool,
) -> anyhow::Result<RespondentKey> {
    let expected = store.setting(KEY_CHECK).await?;
    if expected.is_some() && !path.exists() {
        anyhow::bail!(
            "the anonymous-answer key file {} is missing, but this database was used with one: \
             restore it from its backup (or set COLOOP_ANSWER_KEY_FILE to where it is)",
            path.display()
        );
    }
    let key = load_or_create_key(path)?;
    let stored = store
        .setting_or_insert(KEY_CHECK, &key.check_value(), Utc::now())
        .await?;
    if stored != key.check_value() {
        anyhow::bail!(
            "the anonymous-answer key file {} is not the key this database was used with: \
             restore the right one (or set COLOOP_ANSWER_KEY_FILE to where it is)",
            path.display()
        );
    }
    check_key_is_private(path, allow_open)?;
    Ok(key)
}

/// Refuses (or, when allowed, warns about) a key file its group or others may read.
fn check_key_is_private(path: &Path, allow_open: bool) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            if !allow_open {
                anyhow::bail!(
                    "the anonymous-answer key file {} can be read by others (mode {:o}): run \
                     `chmod 600 {}` (or set COLOOP_ALLOW_OPEN_KEY=1 to start anyway)",
                    path.display(),
                    mode & 0o777,
                    path.display()
                );
            }
            tracing::warn!(
                path = %path.display(),
                mode = format!("{:o}", mode & 0o777),
                "THE ANONYMOUS-ANSWER KEY FILE CAN BE READ BY OTHERS: with it and a copy of the database, anyone can tell whose anonymous answer is whose (chmod 600 it)"
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (path, allow_open);
    Ok(())
}

pub struct Keeper {
    pub bot: Bot,
    pub store: Store,
    pub settings: SurveySettings,
    pub outbox: Wake,
    /// Woken by `/closesurvey`, so buttons go at once rather than at the next tick.
    pub wake: Wake,
}

/// Time between two edits while removing buttons: 10 a second, leaving most of Telegram's
/// 30/s to the outbox, which may be sending at the same time.
const CLEAR_GAP: Duration = Duration::from_millis(100);

impl Keeper {
    pub async fn run_until_stopped(self, stop: watch::Receiver<bool>) {
        let round_stop = stop.clone();
        super::every(
            self.settings.tick,
            Some(self.wake.clone()),
            stop,
            "survey keeper",
            || self.round(&round_stop),
        )
        .await;
    }

    /// One round: close what is due, clear closed surveys' buttons, forget the hour of
    /// anonymous answers once it has passed, queue due reminders.
    pub async fn round(&self, stop: &watch::Receiver<bool>) -> anyhow::Result<()> {
        let now = Utc::now();
        for survey in self.store.close_due_surveys(now).await? {
            tracing::info!(survey = %survey, "survey closed at its close time");
        }
        self.clear_buttons(stop).await?;
        self.store.release_held_answers(now).await?;
        let quiet = self.settings.quiet.is_some_and(|q| q.contains(now));
        if self.settings.max_reminders > 0 && !quiet {
            let delay = chrono::Duration::from_std(self.settings.reminder_delay)
                .unwrap_or(chrono::Duration::hours(24));
            let queued = self
                .store
                .queue_reminders(now, delay, self.settings.max_reminders.into())
                .await?;
            if queued > 0 {
                tracing::info!(queued, "survey reminders queued");
                self.outbox.wake();
            }
        }
        Ok(())
    }

    /// Removes the buttons of closed surveys' messages, one edit at a time. A message that
    /// cannot be edited any more (deleted, chat blocked) counts as done; Telegram being
    /// unreachable leaves the rest for the next round.
    async fn clear_buttons(&self, stop: &watch::Receiver<bool>) -> anyhow::Result<()> {
        loop {
            let batch = self.store.stale_survey_messages(100).await?;
            if batch.is_empty() {
                return Ok(());
            }
            for message in batch {
                if *stop.borrow() {
                    return Ok(());
                }
                let id = message.message.to_i32().unwrap_or_default();
                match self
                    .bot
                    .edit_message_reply_markup(ChatId(message.chat.get()), MessageId(id))
                    .await
                {
                    Ok(_) | Err(teloxide::RequestError::Api(_)) => {
                        self.store.mark_survey_message_cleared(message).await?;
                    }
                    Err(teloxide::RequestError::RetryAfter(wait)) => {
                        metrics::counter!("coloop_telegram_429_total", "source" => "survey_close")
                            .increment(1);
                        // The rest waits for the next round, after the flood wait.
                        let mut stop = stop.clone();
                        tokio::select! {
                            _ = stop.wait_for(|stop| *stop) => {}
                            () = tokio::time::sleep(wait.duration()) => {}
                        }
                        return Ok(());
                    }
                    Err(error) => {
                        tracing::warn!(%error, "could not remove survey buttons; trying again later");
                        return Ok(());
                    }
                }
                tokio::time::sleep(CLEAR_GAP).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_created_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("coloop.db.answer-key");
        let key = load_or_create_key(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = load_or_create_key(&path).unwrap();
        assert_eq!(again.to_hex(), key.to_hex(), "the same key after a restart");
        std::fs::write(&path, "not a key").unwrap();
        let error = load_or_create_key(&path).unwrap_err();
        assert!(format!("{error:#}").contains("is not a key"), "{error:#}");
    }

    #[tokio::test]
    async fn a_missing_or_different_key_is_refused_once_the_database_knows_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_and_migrate(&dir.path().join("coloop.db"))
            .await
            .unwrap();
        let path = dir.path().join("coloop.db.answer-key");
        let key = open_key(&store, &path, false).await.unwrap();
        assert_eq!(
            open_key(&store, &path, false).await.unwrap().to_hex(),
            key.to_hex()
        );
        std::fs::remove_file(&path).unwrap();
        let error = open_key(&store, &path, false).await.unwrap_err();
        assert!(format!("{error:#}").contains("is missing"), "{error:#}");
        assert!(!path.exists(), "no new key was made in its place");
        std::fs::write(&path, RespondentKey::generate().to_hex()).unwrap();
        let error = open_key(&store, &path, false).await.unwrap_err();
        assert!(format!("{error:#}").contains("is not the key"), "{error:#}");
    }

    /// Issue #20, item 16: a key file others can read is refused, unless allowed.
    #[cfg(unix)]
    #[tokio::test]
    async fn a_key_file_others_can_read_is_refused_unless_allowed() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_and_migrate(&dir.path().join("coloop.db"))
            .await
            .unwrap();
        let path = dir.path().join("coloop.db.answer-key");
        let key = open_key(&store, &path, false).await.unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "created private");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let error = open_key(&store, &path, false).await.unwrap_err();
        assert!(format!("{error:#}").contains("chmod 600"), "{error:#}");
        let allowed = open_key(&store, &path, true).await.unwrap();
        assert_eq!(allowed.to_hex(), key.to_hex());
    }
}
