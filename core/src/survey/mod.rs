//! Surveys' meaning, without Telegram: the kinds of question ([`QuestionKind`], and
//! [`QuestionTag`] where the options are not at hand), what a facilitator types to make a survey
//! ([`SurveySpec`], in `spec`), what an answer is, how it is stored, which buttons a question has
//! and what pressing one means ([`Answer`], [`Key`], [`Pressed`], in `answer`), and who gave an
//! answer ([`Respondent`], in `respondent`).
//!
//! The bot only maps these to Telegram: a [`Key`] to a button with a label from the catalogue,
//! a pressed button back to its [`crate::command::Press`].

mod answer;
mod respondent;
mod spec;

use std::fmt;
use std::str::FromStr;

pub use answer::{Answer, Face, Key, Mark, OptionSet, Pressed, RATINGS};
pub use respondent::{Respondent, RespondentKey};
pub use spec::{
    Closes, MAX_OPTION_CHARS, MAX_OPTIONS, MAX_PROMPT_CHARS, MAX_QUESTIONS, MIN_OPTIONS, Problem,
    SpecError, SurveySpec,
};

/// A question's kind, with its options when it has some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionKind {
    /// 1–5.
    Rating,
    YesNo,
    /// One of the options.
    Choice(Vec<String>),
    /// Any of the options.
    Multi(Vec<String>),
    /// A free reply.
    Text,
}

/// A question's kind without its options: what `survey_questions.kind` holds, and what the
/// digest's rows carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionTag {
    Rating,
    YesNo,
    Choice,
    Multi,
    Text,
}

impl QuestionTag {
    pub const ALL: [QuestionTag; 5] = [
        QuestionTag::Rating,
        QuestionTag::YesNo,
        QuestionTag::Choice,
        QuestionTag::Multi,
        QuestionTag::Text,
    ];

    /// The word a facilitator types (`rating: …`), and the stored form.
    pub const fn keyword(self) -> &'static str {
        match self {
            QuestionTag::Rating => "rating",
            QuestionTag::YesNo => "yesno",
            QuestionTag::Choice => "choice",
            QuestionTag::Multi => "multi",
            QuestionTag::Text => "text",
        }
    }

    /// The tag of a keyword, exactly as [`QuestionTag::keyword`] writes it.
    pub fn from_keyword(keyword: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.keyword() == keyword)
    }

    /// Choice and multi questions come with options.
    pub const fn has_options(self) -> bool {
        matches!(self, QuestionTag::Choice | QuestionTag::Multi)
    }

    /// Several options may be chosen: each option's share is of the people who answered,
    /// not of all choices.
    pub const fn many(self) -> bool {
        matches!(self, QuestionTag::Multi)
    }
}

impl fmt::Display for QuestionTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

impl FromStr for QuestionTag {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::from_keyword(s).ok_or(())
    }
}

impl QuestionKind {
    /// A kind from its tag and options (in order); the options of a tag without them are
    /// ignored.
    pub fn new(tag: QuestionTag, options: Vec<String>) -> Self {
        match tag {
            QuestionTag::Rating => QuestionKind::Rating,
            QuestionTag::YesNo => QuestionKind::YesNo,
            QuestionTag::Choice => QuestionKind::Choice(options),
            QuestionTag::Multi => QuestionKind::Multi(options),
            QuestionTag::Text => QuestionKind::Text,
        }
    }

    pub fn tag(&self) -> QuestionTag {
        match self {
            QuestionKind::Rating => QuestionTag::Rating,
            QuestionKind::YesNo => QuestionTag::YesNo,
            QuestionKind::Choice(_) => QuestionTag::Choice,
            QuestionKind::Multi(_) => QuestionTag::Multi,
            QuestionKind::Text => QuestionTag::Text,
        }
    }

    pub fn keyword(&self) -> &'static str {
        self.tag().keyword()
    }

    pub fn options(&self) -> &[String] {
        match self {
            QuestionKind::Choice(options) | QuestionKind::Multi(options) => options,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub kind: QuestionKind,
    pub prompt: String,
    /// A yes/no question whose "yes" offers help (`volunteer:`, issue #19).
    pub volunteer: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_through_their_keywords() {
        for tag in QuestionTag::ALL {
            assert_eq!(tag.keyword().parse::<QuestionTag>(), Ok(tag));
            let options = vec!["a".to_owned(), "b".to_owned()];
            let kind = QuestionKind::new(tag, options.clone());
            assert_eq!(kind.tag(), tag);
            assert_eq!(kind.options().is_empty(), !tag.has_options());
        }
        assert!("Rating".parse::<QuestionTag>().is_err());
        assert!("yes_no".parse::<QuestionTag>().is_err());
    }
}
