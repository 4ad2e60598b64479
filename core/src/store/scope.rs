//! Which rows a digest or dashboard query reads ([`Scope`]): one group's, every group's, a set
//! of groups' or one survey's — written into the SQL so that SQLite plans each with the right
//! index, and bound as `?1`.

use chrono::{DateTime, Utc};

use super::{Result, Store, ts};
use crate::domain::{GroupId, SurveyId};

/// Which rows a digest query reads: one group's, every group's, those of a set of groups (what
/// a dashboard viewer may see), or one survey's (queries over surveys `s` only). Bound as `?1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    All,
    One(GroupId),
    Groups(&'a [GroupId]),
    Survey(SurveyId),
}

impl From<Option<GroupId>> for Scope<'_> {
    fn from(group: Option<GroupId>) -> Self {
        group.map_or(Scope::All, Scope::One)
    }
}

impl sqlx::Type<sqlx::Sqlite> for Scope<'_> {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <i64 as sqlx::Type<sqlx::Sqlite>>::type_info()
    }

    fn compatible(_: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        true
    }
}

impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for Scope<'_> {
    fn encode_by_ref(
        &self,
        buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
    ) -> std::result::Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        match self {
            Scope::All => <Option<i64> as sqlx::Encode<sqlx::Sqlite>>::encode(None, buf),
            Scope::One(group) => <i64 as sqlx::Encode<sqlx::Sqlite>>::encode(group.get(), buf),
            Scope::Survey(survey) => <i64 as sqlx::Encode<sqlx::Sqlite>>::encode(survey.get(), buf),
            Scope::Groups(groups) => {
                let ids: Vec<i64> = groups.iter().map(|g| g.get()).collect();
                <String as sqlx::Encode<sqlx::Sqlite>>::encode(serde_json::to_string(&ids)?, buf)
            }
        }
    }
}

/// A digest query for a [`Scope`]: `{group}` in `sql` becomes `<column> = ?1` for one group,
/// `?1 IS NULL` (true) for all, `<column> IN (…the JSON array ?1…)` for a set, and `s.id = ?1`
/// for one survey. Separate statements rather than one with `(?1 IS NULL OR column = ?1)`:
/// SQLite plans a statement once, and that OR keeps it from using the group's indexes — a
/// one-group digest would read every group's rows.
pub(super) fn scoped(sql: &str, column: &str, scope: Scope<'_>) -> String {
    sql.replace(
        "{group}",
        &match scope {
            Scope::All => "?1 IS NULL".to_owned(),
            Scope::One(_) => format!("{column} = ?1"),
            Scope::Groups(_) => format!("{column} IN (SELECT value FROM json_each(?1))"),
            Scope::Survey(_) => "s.id = ?1".to_owned(),
        },
    )
}

impl Store {
    /// The rows of a digest query for a [`Scope`] (see [`scoped`]); `?1` is the scope, `?2`
    /// the start of the window.
    pub(super) async fn scoped_rows<T>(
        &self,
        sql: &str,
        column: &str,
        scope: Scope<'_>,
        since: DateTime<Utc>,
    ) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
    {
        Ok(sqlx::query_as(&scoped(sql, column, scope))
            .bind(scope)
            .bind(ts(since))
            .fetch_all(&self.pool)
            .await?)
    }
}
