//! Coordinators added with `coloop admin add` (configuration may name more).

use chrono::{DateTime, Utc};

use super::{Result, Store, ts};
use crate::domain::TelegramId;

impl Store {
    /// Adds a coordinator; `false` when they already were one.
    pub async fn add_coordinator(
        &self,
        telegram_id: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO coordinators (telegram_id, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(telegram_id)
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes a coordinator added with `coloop admin add`; `false` when they were none.
    /// Their dashboard sessions end with it (issue #21).
    pub async fn remove_coordinator(&self, telegram_id: TelegramId) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("DELETE FROM coordinators WHERE telegram_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            super::web_sessions::end_sessions_of(&mut tx, telegram_id).await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn list_coordinators(&self) -> Result<Vec<TelegramId>> {
        Ok(
            sqlx::query_scalar("SELECT telegram_id FROM coordinators ORDER BY telegram_id")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    pub async fn is_stored_coordinator(&self, telegram_id: TelegramId) -> Result<bool> {
        Ok(
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM coordinators WHERE telegram_id = ?)")
                .bind(telegram_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;

    #[tokio::test]
    async fn add_list_and_check() {
        let (store, _dir) = store().await;
        let id = TelegramId::new(42);
        assert!(!store.is_stored_coordinator(id).await.unwrap());
        assert!(store.add_coordinator(id, Utc::now()).await.unwrap());
        assert!(!store.add_coordinator(id, Utc::now()).await.unwrap());
        assert!(store.is_stored_coordinator(id).await.unwrap());
        assert_eq!(store.list_coordinators().await.unwrap(), vec![id]);
        assert!(store.remove_coordinator(id).await.unwrap());
        assert!(!store.remove_coordinator(id).await.unwrap());
        assert!(!store.is_stored_coordinator(id).await.unwrap());
    }
}
