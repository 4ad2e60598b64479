//! Settings the bot generates once and keeps across restarts (e.g. the webhook secret token).

use chrono::{DateTime, Utc};

use super::{Result, Store, ts};

impl Store {
    /// The stored value of `key`, if any.
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Stores `value` under `key` unless a value is there already, and returns the stored
    /// value: the first writer wins, so two processes starting at once agree.
    pub async fn setting_or_insert(
        &self,
        key: &str,
        value: &str,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO settings (key, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(key)
        .bind(value)
        .bind(ts(now))
        .execute(&mut *tx)
        .await?;
        let stored = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Deletes the setting `key` (nothing if there is none).
    pub async fn delete_setting(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM settings WHERE key = ?")
            .bind(key)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::store;
    use chrono::Utc;

    #[tokio::test]
    async fn the_first_value_stays() {
        let (store, _dir) = store().await;
        assert_eq!(store.setting("webhook_secret").await.unwrap(), None);
        let first = store
            .setting_or_insert("webhook_secret", "abc", Utc::now())
            .await
            .unwrap();
        assert_eq!(first, "abc");
        let again = store
            .setting_or_insert("webhook_secret", "xyz", Utc::now())
            .await
            .unwrap();
        assert_eq!(again, "abc");
        assert_eq!(
            store.setting("webhook_secret").await.unwrap().as_deref(),
            Some("abc")
        );
    }
}
