//! How typed values live in SQLite's text columns and in exports, so that a row struct holds
//! the typed value and a text coloop cannot read fails in the row mapping, not later.
//!
//! Kinds, categories, states and roles are stored as their canonical text (`as_str`) and read
//! back with `FromStr` ([`stored_as_text!`]); JSON and CSV exports write the same text. Times
//! are read as RFC 3339 (sqlx's `DateTime<Utc>`) and exported exactly as stored ([`time`],
//! [`opt_time`], both writing [`super::ts`]).

use chrono::{DateTime, Utc};
use serde::Serializer;

use super::deliveries::ChatKind;
use super::posts::PostState;
use super::surveys::SurveyState;
use crate::domain::{
    AuditAction, Category, ContactConsent, IntroAnswer, IntroState, MediaKind, OfferStep, PostKind,
    PrototypeStatus, Role,
};
use crate::survey::QuestionTag;

/// `Type`, `Decode` and `Encode` for SQLite, and `Serialize`, through the type's canonical
/// text: `$text` writes it, `FromStr` reads it back; `$what` names it in errors.
macro_rules! stored_as_text {
    ($($ty:ty => $text:ident, $what:literal;)*) => {$(
        impl sqlx::Type<sqlx::Sqlite> for $ty {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <str as sqlx::Type<sqlx::Sqlite>>::type_info()
            }

            fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
                <str as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $ty {
            fn decode(
                value: sqlx::sqlite::SqliteValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<sqlx::Sqlite>>::decode(value)?;
                text.parse()
                    .map_err(|_| format!("the database holds an unknown {} {text:?}", $what).into())
            }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<sqlx::Sqlite>>::encode(self.$text(), buf)
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.$text())
            }
        }
    )*};
}

stored_as_text! {
    PostKind => as_str, "post kind";
    Category => as_str, "category";
    PrototypeStatus => as_str, "prototype status";
    MediaKind => as_str, "media kind";
    Role => as_str, "role";
    QuestionTag => keyword, "question kind";
    SurveyState => as_str, "survey state";
    PostState => as_str, "post state";
    ChatKind => as_str, "chat kind";
    AuditAction => as_str, "audit action";
    ContactConsent => as_str, "contact consent";
    OfferStep => as_str, "offer step";
    IntroState => as_str, "introduction state";
    IntroAnswer => as_str, "introduction answer";
}

/// A time in an export, exactly as stored.
pub(crate) fn time<S: Serializer>(time: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&super::ts(*time))
}

/// An optional time in an export, exactly as stored (`null`, or empty in CSV, when none).
pub(crate) fn opt_time<S: Serializer>(
    time: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(t) => serializer.serialize_some(&super::ts(*t)),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support;

    /// Each value is written as its text and read back as itself; an unknown text fails to
    /// decode (a corrupt row), it is not skipped.
    #[tokio::test]
    async fn typed_values_round_trip_through_sqlite() {
        let (store, _dir) = test_support::store().await;
        async fn round_trip<T>(store: &super::super::Store, value: T, text: &str)
        where
            T: for<'q> sqlx::Encode<'q, sqlx::Sqlite>
                + for<'r> sqlx::Decode<'r, sqlx::Sqlite>
                + sqlx::Type<sqlx::Sqlite>
                + serde::Serialize
                + PartialEq
                + std::fmt::Debug
                + Send
                + Unpin
                + Clone
                + 'static,
        {
            let (back, raw): (T, String) = sqlx::query_as("SELECT ?1, ?1")
                .bind(value.clone())
                .fetch_one(&store.pool)
                .await
                .unwrap();
            assert_eq!(back, value);
            assert_eq!(raw, text);
            assert_eq!(
                serde_json::to_string(&value).unwrap(),
                format!("\"{text}\"")
            );
        }
        for tag in QuestionTag::ALL {
            round_trip(&store, tag, tag.keyword()).await;
        }
        for c in Category::ALL {
            round_trip(&store, c, c.as_str()).await;
        }
        for s in PrototypeStatus::ALL {
            round_trip(&store, s, s.as_str()).await;
        }
        round_trip(&store, PostKind::Prototype, "prototype").await;
        round_trip(&store, Role::Facilitator, "facilitator").await;
        round_trip(&store, MediaKind::VideoNote, "video_note").await;
        for state in SurveyState::ALL {
            round_trip(&store, state, state.as_str()).await;
        }
        for state in PostState::ALL {
            round_trip(&store, state, state.as_str()).await;
        }
        let unknown: Result<(QuestionTag,), _> = sqlx::query_as("SELECT 'ratings'")
            .fetch_one(&store.pool)
            .await;
        assert!(unknown.is_err());
    }

    #[test]
    fn times_are_exported_as_stored() {
        #[derive(serde::Serialize)]
        struct Row {
            #[serde(serialize_with = "time")]
            at: DateTime<Utc>,
            #[serde(serialize_with = "opt_time")]
            maybe: Option<DateTime<Utc>>,
        }
        let at = super::super::parse_ts("2026-11-27T10:00:00.000000Z").unwrap();
        let json = serde_json::to_string(&Row { at, maybe: None }).unwrap();
        assert_eq!(json, r#"{"at":"2026-11-27T10:00:00.000000Z","maybe":null}"#);
    }
}
