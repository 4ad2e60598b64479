//! The SQLite storage layer: every SQL statement of coloop lives below this module.
//!
//! One file per aggregate: groups, people, memberships, coordinators, posts, deliveries,
//! settings; `maintenance` holds what an operator runs (readiness, backups, migration status).
//! Times are written as fixed-width RFC 3339 UTC text (see [`ts`]) so that text order is time
//! order; write transactions start with `BEGIN IMMEDIATE` so concurrent writers wait on the
//! busy timeout instead of failing.

mod answers;
mod audit;
#[doc(hidden)]
pub mod bench_data;
mod codec;
mod comments;
mod coordinators;
pub mod dashboard;
mod deliveries;
mod digest;
mod digest_runs;
mod group_chats;
mod groups;
mod held;
mod maintenance;
mod memberships;
mod network_actors;
mod network_digest;
mod network_intros;
mod network_offers;
mod network_people;
mod network_relays;
mod notices;
mod people;
mod personal_data;
mod posts;
mod rendered;
mod rights;
mod roster;
mod scope;
mod settings;
mod surveys;
mod web_sessions;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub use answers::{AnswerLine, Answerable, Answering, Progress, SurveyMessageKind};
pub use audit::{Actor, AuditEvent, NewAuditEvent, Party};
pub use comments::{AddComment, CommentView, DueNotice, Media, NewComment, PostChoice, PostOwner};
pub use deliveries::{DeliveryCounts, DueDelivery, StillWanted};
pub use digest::{
    Anonymity, AnswerExport, BarCount, CommentLine, DeliveryLine, EquityLine, MemberCounts,
    PostLine, QuestionLine, SilentMember, SurveyLine, TEXT_SAMPLES, TextSample,
};
pub use digest_runs::DigestRecipient;
pub use group_chats::Linked;
pub use groups::{Archived, CreateGroup, Group, GroupOverview, LinkLimit, Rotation};
pub use held::HeldBroadcast;
pub use maintenance::MigrationStatus;
pub use memberships::{JoinChange, JoinOutcome, Joined, MembershipView};
pub use network_actors::ActorView;
pub use network_digest::{ActorCount, NetworkCounts, OfferCount};
pub use network_intros::{Answered, IntroCandidate, IntroPerson, IntroView, IntroductionRecord};
pub use network_offers::{OfferRecord, OfferTarget, OfferView, Offerable, VolunteerLine};
pub use network_people::{ContactRequest, ListedPerson, ProfileRecord};
pub use network_relays::{RelayPeer, RelayTarget};
pub use people::{Newcomer, Person};
pub use personal_data::{
    AnswerRecord, CommentRecord, DeliveryRecord, DigestRunRecord, HiddenCommentRecord,
    LinkedChatRecord, MembershipRecord, PersonalData, PostRecord, Profile, SurveyRecord,
    SurveyWrittenRecord,
};
pub use posts::{Confirmed, Draft, PostRef, PostState, PostStatus, RenderedPost};
pub use rendered::{RenderedSurvey, SurveyMessage, SurveyRendering};
pub use roster::{MemberLine, MemberState, RoleChange, matching};
pub use scope::Scope;
pub use surveys::{
    ConfirmedSurvey, NewSurvey, SurveyDraft, SurveyQuestion, SurveyRef, SurveyState,
};
pub use web_sessions::{SESSION_VALID, SIGN_IN_VALID, VisibleGroup, WebSession};

/// The migrations of `migrations/`, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("opening the database {path}")]
    Open {
        path: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("applying database migrations")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database query failed")]
    Query(#[from] sqlx::Error),
    #[error("writing a batch of survey answers failed: {0}")]
    BatchFailed(String),
    #[error("the database holds a value coloop cannot read: {0}")]
    Corrupt(String),
    #[error(
        "the database was migrated by a newer coloop (migrations {0:?} are unknown to this \
         binary): run the newer binary, or restore the backup taken before the upgrade"
    )]
    NewerDatabase(Vec<i64>),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    /// One connection for write transactions ([`Store::write_tx`]). Writers of this process
    /// queue for it in order; with several connections they would race for SQLite's write
    /// lock, the losers sleeping in its busy handler (1, 2, 5… up to 100 ms at a time).
    writer: SqlitePool,
    /// Survey answers and question messages, written in batches ([`answers::writer`]).
    answers: tokio::sync::mpsc::UnboundedSender<answers::writer::Job>,
    /// The questions of surveys, which never change once written: every survey answer reads
    /// them, so they are read from the database once.
    survey_questions: std::sync::Arc<
        std::sync::Mutex<
            std::collections::HashMap<crate::domain::SurveyId, std::sync::Arc<[SurveyQuestion]>>,
        >,
    >,
    /// What digests and exports show of anonymous surveys.
    anonymity: Anonymity,
}

impl Store {
    /// Opens (creating if needed) the SQLite file at `path` with WAL, foreign keys and a busy
    /// timeout. Does not migrate: call [`Store::migrate`].
    ///
    /// Connections are not pinged when taken from the pool: a local file does not drop
    /// connections, and each ping is a round trip to the connection's thread, as costly as a
    /// small query.
    pub async fn open(path: &Path) -> Result<Self> {
        Self::open_limited(path, None).await
    }

    /// [`Store::open`], with the database kept to at most `max_pages` pages (SQLite's
    /// `max_page_count`; 4 KiB each): past it, writes that need room fail as on a full disk.
    pub async fn open_limited(path: &Path, max_pages: Option<u32>) -> Result<Self> {
        Self::open_with(
            path,
            SqlitePoolOptions::new()
                .max_connections(8)
                .test_before_acquire(false),
            max_pages,
        )
        .await
    }

    async fn open_with(
        path: &Path,
        pool: SqlitePoolOptions,
        max_pages: Option<u32>,
    ) -> Result<Self> {
        let mut options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Deleted rows are overwritten with zeros, not left in free space (issue #20).
            .pragma("secure_delete", "ON")
            // The write-ahead log is cut back to this after a checkpoint.
            .pragma("journal_size_limit", JOURNAL_SIZE_LIMIT.to_string());
        if let Some(pages) = max_pages {
            options = options.pragma("max_page_count", pages.to_string());
        }
        let open_error = |source| StoreError::Open {
            path: path.display().to_string(),
            source,
        };
        let pool = pool
            .connect_with(options.clone())
            .await
            .map_err(open_error)?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .map_err(open_error)?;
        Ok(Self {
            answers: answers::writer::spawn(writer.clone()),
            pool,
            writer,
            survey_questions: Default::default(),
            anonymity: Anonymity::default(),
        })
    }

    /// This store with another [`Anonymity`] rule (`COLOOP_ANONYMOUS_MIN_ANSWERS`).
    pub fn with_anonymity(mut self, anonymity: Anonymity) -> Self {
        self.anonymity = anonymity;
        self
    }

    /// What digests and exports show of anonymous surveys.
    pub fn anonymity(&self) -> Anonymity {
        self.anonymity
    }

    /// Applies every migration not yet applied.
    /// Refuses a database migrated by a newer binary ([`StoreError::NewerDatabase`]).
    pub async fn migrate(&self) -> Result<()> {
        self.refuse_newer_database().await?;
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// Opens and migrates: what the bot does at start.
    pub async fn open_and_migrate(path: &Path) -> Result<Self> {
        Self::open_and_migrate_limited(path, None).await
    }

    /// [`Store::open_and_migrate`] with [`Store::open_limited`]'s size limit.
    pub async fn open_and_migrate_limited(path: &Path, max_pages: Option<u32>) -> Result<Self> {
        let store = Self::open_limited(path, max_pages).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }

    /// Copies the write-ahead log into the database and truncates it to nothing, so that
    /// what an erasure removed is no longer in `-wal` either (with `secure_delete`, nor in the
    /// database's free pages). A reader still holding an old snapshot can keep part of the log:
    /// then the next checkpoint finishes the job.
    pub async fn checkpoint(&self) -> Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// A write transaction on the writer connection, holding SQLite's write lock from the
    /// start (`BEGIN IMMEDIATE`).
    async fn write_tx(&self) -> Result<Transaction<'static, Sqlite>> {
        begin_immediate(&self.writer).await
    }
}

/// `BEGIN IMMEDIATE` on the writer connection.
///
/// When a write fails inside a transaction because the database cannot grow (a full disk:
/// SQLite then rolls the transaction back itself), sqlx's own rollback of the dropped
/// transaction fails and the connection stays "in a transaction" for sqlx, refusing every
/// later `BEGIN`. Such a connection is closed and a fresh one opened, so writes work again as
/// soon as there is room.
pub(crate) async fn begin_immediate(
    writer: &sqlx::SqlitePool,
) -> Result<Transaction<'static, Sqlite>> {
    match writer.begin_with("BEGIN IMMEDIATE").await {
        Err(sqlx::Error::InvalidSavePointStatement) => {
            tracing::warn!("the database writer was left in a failed transaction; reconnecting");
            let mut stuck = writer.acquire().await?;
            stuck.close_on_drop();
            drop(stuck);
            Ok(writer.begin_with("BEGIN IMMEDIATE").await?)
        }
        begun => Ok(begun?),
    }
}

impl StoreError {
    /// The database cannot take writes now: the disk (or the database's size limit) is full
    /// (`SQLITE_FULL`), the file is read-only (`SQLITE_READONLY`) or the disk fails
    /// (`SQLITE_IOERR`). Nothing was written; the same write may work once that is fixed.
    pub fn is_unwritable(&self) -> bool {
        match self {
            StoreError::Query(error) | StoreError::Open { source: error, .. } => unwritable(error),
            _ => false,
        }
    }
}

fn unwritable(error: &sqlx::Error) -> bool {
    const SQLITE_READONLY: i64 = 8;
    const SQLITE_IOERR: i64 = 10;
    const SQLITE_FULL: i64 = 13;
    match error {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|code| code.parse::<i64>().ok())
            // Extended codes keep the primary one in their low byte.
            .is_some_and(|code| {
                matches!(code & 0xff, SQLITE_READONLY | SQLITE_IOERR | SQLITE_FULL)
            }),
        _ => false,
    }
}

/// The write-ahead log is truncated to at most this many bytes after a checkpoint.
const JOURNAL_SIZE_LIMIT: i64 = 4 * 1024 * 1024;

/// A time as stored: RFC 3339, UTC, microseconds, `Z` — fixed width, so text order is time order.
pub(crate) fn ts(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_ts(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt(format!("time {text:?}")))
}

pub(crate) fn parse_stored<T: FromStr>(what: &str, text: &str) -> Result<T> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("{what} {text:?}")))
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A migrated store in a fresh temporary directory (kept alive by the returned guard).
    pub async fn store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_and_migrate(&dir.path().join("coloop.db"))
            .await
            .expect("open store");
        (store, dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stored_times_sort_as_text() {
        let a = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let b = a + chrono::Duration::microseconds(500);
        assert!(ts(a) < ts(b));
        assert_eq!(ts(a).len(), ts(b).len());
        assert_eq!(parse_ts(&ts(b)).unwrap(), b);
    }

    #[tokio::test]
    async fn opening_twice_and_migrating_twice_is_fine() {
        let (store, dir) = test_support::store().await;
        store.migrate().await.unwrap();
        let again = Store::open_and_migrate(&dir.path().join("coloop.db"))
            .await
            .unwrap();
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&again.pool)
            .await
            .unwrap();
        assert_eq!(fk, 1);
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&again.pool)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
    }
}
