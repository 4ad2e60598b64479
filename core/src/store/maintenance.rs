//! The database as an operator sees it: a readiness probe, consistent backups with an
//! integrity check, and which migrations are applied.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use super::{MIGRATOR, Result, Store, StoreError};

/// One migration, as the binary and the database know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    pub version: i64,
    pub description: String,
    /// When it was applied (as SQLite stored it), if it was.
    pub applied_on: Option<String>,
    /// Whether this binary embeds the migration (a database migrated by a newer coloop has
    /// applied migrations this binary does not know).
    pub known: bool,
}

/// One read-only connection to an existing database file.
async fn read_only(path: &Path) -> Result<sqlx::SqlitePool> {
    let open_error = |source| StoreError::Open {
        path: path.display().to_string(),
        source,
    };
    if !path.is_file() {
        return Err(open_error(sqlx::Error::Configuration(
            "no such database file".into(),
        )));
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .busy_timeout(Duration::from_secs(5));
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(open_error)
}

impl MigrationStatus {
    pub fn is_pending(&self) -> bool {
        self.applied_on.is_none()
    }
}

impl Store {
    /// Opens an existing database file without creating or migrating it.
    pub async fn open_existing(path: &Path) -> Result<Self> {
        if !path.is_file() {
            return Err(StoreError::Open {
                path: path.display().to_string(),
                source: sqlx::Error::Configuration("no such database file".into()),
            });
        }
        Self::open(path).await
    }

    /// Whether the database answers and can be written: takes the write lock for a moment,
    /// writes a row that needs new pages (so a full disk, a full `max_page_count` or a
    /// read-only file shows, see [`StoreError::is_unwritable`]) and rolls it back. Another
    /// connection holding the lock (a stuck tool, a long transaction) makes this wait on the
    /// busy timeout, so callers bound it with a timeout.
    pub async fn ping(&self) -> Result<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query("INSERT INTO write_probe (filler) VALUES (zeroblob(8192))")
            .execute(&mut *tx)
            .await?;
        tx.rollback().await?;
        Ok(())
    }

    /// Writes a consistent copy of the database file `source` to `target` (`VACUUM INTO`),
    /// which must not exist. `source` is opened read-only, so a backup run by another user
    /// (root, say) leaves no file of theirs beside the live database; the bot keeps reading
    /// and writing meanwhile, and the copy holds every transaction committed before it started.
    pub async fn backup(source: &Path, target: &Path) -> Result<()> {
        let target = target
            .to_str()
            .ok_or_else(|| StoreError::Corrupt(format!("backup path {target:?} is not UTF-8")))?;
        let pool = read_only(source).await?;
        let result = sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&pool)
            .await;
        pool.close().await;
        result?;
        Ok(())
    }

    /// Opens the database file at `path` read-only and runs `PRAGMA integrity_check`;
    /// `Ok(vec!["ok"])` means the file is sound.
    pub async fn integrity_check(path: &Path) -> Result<Vec<String>> {
        let pool = read_only(path).await?;
        let result = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&pool)
            .await;
        pool.close().await;
        Ok(result?)
    }

    /// Every migration the binary knows or the database has applied, oldest first.
    pub async fn migration_status(&self) -> Result<Vec<MigrationStatus>> {
        let has_table: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
        )
        .fetch_one(&self.pool)
        .await?;
        let applied: Vec<(i64, String, String)> = if has_table {
            sqlx::query_as(
                "SELECT version, description, CAST(installed_on AS TEXT)
                 FROM _sqlx_migrations WHERE success ORDER BY version",
            )
            .fetch_all(&self.pool)
            .await?
        } else {
            Vec::new()
        };
        let known: BTreeSet<i64> = MIGRATOR
            .iter()
            .filter(|m| m.migration_type.is_up_migration())
            .map(|m| m.version)
            .collect();
        let mut all: Vec<MigrationStatus> = MIGRATOR
            .iter()
            .filter(|m| m.migration_type.is_up_migration())
            .map(|m| MigrationStatus {
                version: m.version,
                description: m.description.to_string(),
                applied_on: applied
                    .iter()
                    .find(|(v, _, _)| *v == m.version)
                    .map(|(_, _, on)| on.clone()),
                known: true,
            })
            .collect();
        all.extend(
            applied
                .into_iter()
                .filter(|(v, _, _)| !known.contains(v))
                .map(|(version, description, on)| MigrationStatus {
                    version,
                    description,
                    applied_on: Some(on),
                    known: false,
                }),
        );
        all.sort_by_key(|m| m.version);
        Ok(all)
    }

    /// Fails with [`StoreError::NewerDatabase`] when the database has applied migrations this
    /// binary does not know: it was upgraded by a newer coloop, and this one must not run on it.
    pub async fn refuse_newer_database(&self) -> Result<()> {
        let unknown: Vec<i64> = self
            .migration_status()
            .await?
            .into_iter()
            .filter(|m| !m.known)
            .map(|m| m.version)
            .collect();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(StoreError::NewerDatabase(unknown))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::store;
    use super::*;

    #[tokio::test]
    async fn status_lists_every_migration_as_applied() {
        let (store, _dir) = store().await;
        let status = store.migration_status().await.unwrap();
        assert_eq!(status.len(), MIGRATOR.iter().count());
        assert!(status.iter().all(|m| m.known && !m.is_pending()));
        store.refuse_newer_database().await.unwrap();
        store.ping().await.unwrap();
    }

    #[tokio::test]
    async fn a_fresh_database_has_everything_pending() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("new.db")).await.unwrap();
        let status = store.migration_status().await.unwrap();
        assert!(!status.is_empty());
        assert!(status.iter().all(MigrationStatus::is_pending));
    }

    #[tokio::test]
    async fn an_unknown_applied_migration_is_refused() {
        let (store, _dir) = store().await;
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
             VALUES (29990101000000, 'from the future', CURRENT_TIMESTAMP, TRUE, x'00', 0)",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        let status = store.migration_status().await.unwrap();
        let future = status.last().unwrap();
        assert_eq!((future.version, future.known), (29990101000000, false));
        assert!(matches!(
            store.refuse_newer_database().await,
            Err(StoreError::NewerDatabase(v)) if v == vec![29990101000000]
        ));
        assert!(matches!(
            store.migrate().await,
            Err(StoreError::NewerDatabase(_))
        ));
    }

    #[tokio::test]
    async fn a_backup_is_a_sound_copy_and_never_overwrites() {
        let (store, dir) = store().await;
        store
            .setting_or_insert("k", "v", chrono::Utc::now())
            .await
            .unwrap();
        let copy = dir.path().join("copy.db");
        let live = dir.path().join("coloop.db");
        Store::backup(&live, &copy).await.unwrap();
        assert_eq!(Store::integrity_check(&copy).await.unwrap(), vec!["ok"]);
        let restored = Store::open_existing(&copy).await.unwrap();
        assert_eq!(restored.setting("k").await.unwrap().as_deref(), Some("v"));
        restored.close().await;
        assert!(
            Store::backup(&live, &copy).await.is_err(),
            "never overwrites"
        );
        assert!(
            Store::backup(&dir.path().join("missing.db"), &copy)
                .await
                .is_err()
        );
        assert!(
            Store::open_existing(&dir.path().join("missing.db"))
                .await
                .is_err()
        );
    }
}
