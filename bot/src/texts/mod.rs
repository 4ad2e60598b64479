//! Everything people read from coloop, in one place, in the reader's language. The sentences
//! live in the message catalogues (`bot/locales/<code>.ftl`, see [`catalogues`]); this module
//! builds them: it picks the message, passes the values and joins the pieces. Values that came
//! from a person (names, descriptions) are HTML-escaped here, before they become arguments,
//! because every message is sent with HTML parse mode; the catalogue text itself is trusted HTML.
//!
//! One file per feature, mirroring `handlers/`: each adds the methods of its feature to
//! [`Texts`]. [`catalogues`] loads the Fluent files and chooses a person's language.

use chrono::{Datelike, NaiveDate, Timelike};
use coloop_core::command::{CommandName, ParseError};
use coloop_core::domain::{
    Category, CommentId, GroupSlug, InviteCode, MediaKind, PostContent, PostKind, PrototypeStatus,
    Role, SlugError, TextError,
};
use coloop_core::message::split_for_telegram_with_footer;
use coloop_core::store::{
    CommentView, DueNotice, GroupOverview, JoinChange, Joined, MembershipView, PostStatus,
};
use fluent_bundle::{FluentArgs, FluentValue};
use teloxide::utils::html::escape;

pub fn invite_link(bot_username: &str, code: &InviteCode) -> String {
    format!("https://t.me/{bot_username}?start={}", code.as_str())
}

/// Fluent arguments: `args!["group" => name, "count" => n]`.
macro_rules! args {
    ($($key:literal => $value:expr),* $(,)?) => {{
        let mut args = FluentArgs::new();
        $(args.set($key, FluentValue::from($value));)*
        args
    }};
}

mod broadcasts;
pub mod catalogues;
mod comments;
mod composition;
mod dashboard;
mod digest;
mod groups;
mod help;
mod input;
mod join;
mod language;
mod links;
mod network;
mod network_intros;
mod network_people;
mod outage;
mod rights;
mod sandbox;
mod surveys;
mod trust;

pub use catalogues::{Catalogue, Catalogues, DEFAULT_LANGUAGE};
pub use composition::farewell_rendering;
pub use dashboard::WebLabel;
pub use digest::{DigestView, SurveyChart};
pub use help::Abilities;

fn role_key(role: Role) -> &'static str {
    match role {
        Role::Member => "member",
        Role::Facilitator => "facilitator",
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// The texts of one language: cheap to copy, borrowed from [`Catalogues`].
#[derive(Clone, Copy)]
pub struct Texts<'a> {
    lang: &'a Catalogue,
    /// English: where a message missing from `lang` is taken from.
    fallback: &'a Catalogue,
}

impl std::fmt::Debug for Texts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Texts({})", self.lang.code())
    }
}

impl<'a> Texts<'a> {
    pub(crate) fn new(lang: &'a Catalogue, fallback: &'a Catalogue) -> Self {
        Self { lang, fallback }
    }

    /// The language code, e.g. `es`.
    pub fn code(&self) -> &'a str {
        self.lang.code()
    }

    fn tr(&self, id: &str) -> String {
        self.format(id, None)
    }

    fn tra(&self, id: &str, args: FluentArgs<'_>) -> String {
        self.format(id, Some(&args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let found = self.lang.format(id, args).or_else(|| {
            tracing::error!(
                language = self.lang.code(),
                id,
                "message missing from the catalogue"
            );
            self.fallback.format(id, args)
        });
        let Some((text, errors)) = found else {
            tracing::error!(id, "message missing from every catalogue");
            return id.to_owned();
        };
        if !errors.is_empty() {
            tracing::error!(
                language = self.lang.code(),
                id,
                ?errors,
                "message formatting failed"
            );
        }
        text
    }

    /// A date as people write it in this language.
    fn date_label(&self, date: NaiveDate) -> String {
        self.tra(
            "date",
            args![
                "day" => date.day().to_string(),
                "month" => self.tr(&format!("month-{}", date.month())),
                "year" => date.year().to_string(),
            ],
        )
    }

    /// A day and time as people write them in this language.
    fn date_time_label(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.tra(
            "date-time",
            args![
                "day" => at.day().to_string(),
                "month" => self.tr(&format!("month-short-{}", at.month())),
                "time" => format!("{:02}:{:02}", at.hour(), at.minute()),
            ],
        )
    }

    /// The language's own name (`English`, `Español`), for the /language buttons.
    pub fn language_name(&self) -> String {
        self.tr("language-name")
    }
}

fn code_list(groups: &[GroupSlug]) -> String {
    groups
        .iter()
        .map(|g| format!("<code>{g}</code>"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_line(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim();
    let mut cut: String = line.chars().take(max).collect();
    if line.chars().count() > max {
        cut.push('…');
    }
    cut
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
