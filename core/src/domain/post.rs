//! What facilitators broadcast: session outcomes and prototype summaries.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::text::TextError;

/// The four kinds of action a prototype can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Community actions (no business model).
    Community,
    /// Small and medium enterprise actions.
    Sme,
    /// Large-scale actions.
    LargeScale,
    /// Public-service actions: services, policy, regulation.
    PublicService,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Community,
        Category::Sme,
        Category::LargeScale,
        Category::PublicService,
    ];

    /// The stored and canonical typed form.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Community => "community",
            Category::Sme => "sme",
            Category::LargeScale => "large_scale",
            Category::PublicService => "public_service",
        }
    }

    /// Accepts the canonical forms and the obvious spellings: any case, `-`, `_` or a space
    /// between words, and a few synonyms (`public`, `large`, `enterprise`, …).
    pub fn parse(raw: &str) -> Option<Self> {
        let folded: String = raw
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        match folded.as_str() {
            "community" | "communityaction" | "communityactions" => Some(Category::Community),
            "sme"
            | "smes"
            | "smeaction"
            | "enterprise"
            | "smallmediumenterprise"
            | "smallandmediumenterprise"
            | "smallandmediumenterprises" => Some(Category::Sme),
            "largescale" | "large" | "largescaleaction" => Some(Category::LargeScale),
            "publicservice" | "public" | "publicservices" | "publicserviceaction" | "policy" => {
                Some(Category::PublicService)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

from_str_by_all!(Category);

/// Where a prototype is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PrototypeStatus {
    #[default]
    Idea,
    Prototyping,
    Testing,
    Adopted,
    Discarded,
}

impl PrototypeStatus {
    pub const ALL: [PrototypeStatus; 5] = [
        PrototypeStatus::Idea,
        PrototypeStatus::Prototyping,
        PrototypeStatus::Testing,
        PrototypeStatus::Adopted,
        PrototypeStatus::Discarded,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            PrototypeStatus::Idea => "idea",
            PrototypeStatus::Prototyping => "prototyping",
            PrototypeStatus::Testing => "testing",
            PrototypeStatus::Adopted => "adopted",
            PrototypeStatus::Discarded => "discarded",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim().to_lowercase();
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

impl fmt::Display for PrototypeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

from_str_by_all!(PrototypeStatus);

/// The kind of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostKind {
    Outcome,
    Prototype,
    Question,
}

impl PostKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            PostKind::Outcome => "outcome",
            PostKind::Prototype => "prototype",
            PostKind::Question => "question",
        }
    }
}

impl FromStr for PostKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "outcome" => Ok(PostKind::Outcome),
            "prototype" => Ok(PostKind::Prototype),
            "question" => Ok(PostKind::Question),
            _ => Err(()),
        }
    }
}

/// A post's title: one line, 1–150 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostTitle(String);

impl PostTitle {
    pub const MAX_CHARS: usize = 150;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err(TextError::Empty);
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(TextError::TooLong {
                max: Self::MAX_CHARS,
            });
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key under which "the same title" is recognised: case and spacing do not matter.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// A post's body: 1–4096 characters (what one Telegram message can carry), lines kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary(String);

impl Summary {
    pub const MAX_CHARS: usize = 4096;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(TextError::Empty);
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(TextError::TooLong {
                max: Self::MAX_CHARS,
            });
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a facilitator asked to broadcast, fully parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostContent {
    Outcome {
        title: PostTitle,
        session_date: Option<NaiveDate>,
        summary: Summary,
    },
    Prototype {
        title: PostTitle,
        category: Category,
        status: PrototypeStatus,
        summary: Summary,
    },
    /// A listening question (`/ask`): replies to it are its comments.
    Question { title: PostTitle, question: Summary },
}

impl PostContent {
    pub fn kind(&self) -> PostKind {
        match self {
            PostContent::Outcome { .. } => PostKind::Outcome,
            PostContent::Prototype { .. } => PostKind::Prototype,
            PostContent::Question { .. } => PostKind::Question,
        }
    }

    pub fn title(&self) -> &PostTitle {
        match self {
            PostContent::Outcome { title, .. }
            | PostContent::Prototype { title, .. }
            | PostContent::Question { title, .. } => title,
        }
    }

    pub fn summary(&self) -> &Summary {
        match self {
            PostContent::Outcome { summary, .. } | PostContent::Prototype { summary, .. } => {
                summary
            }
            PostContent::Question { question, .. } => question,
        }
    }
}

impl PostContent {
    /// A listening question; its title is the question's first line, cut to fit.
    pub fn question(question: Summary) -> Self {
        let first_line = question.as_str().lines().next().unwrap_or_default();
        let mut title: String = first_line.chars().take(PostTitle::MAX_CHARS - 1).collect();
        if first_line.chars().count() >= PostTitle::MAX_CHARS {
            title.push('…');
        }
        let title = PostTitle::parse(&title).unwrap_or_else(|_| PostTitle("Question".to_owned()));
        PostContent::Question { title, question }
    }
}

/// The kinds of file a comment can carry (kept by Telegram file id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    Voice,
    Audio,
    Photo,
    Document,
    VideoNote,
    Video,
}

impl MediaKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            MediaKind::Voice => "voice",
            MediaKind::Audio => "audio",
            MediaKind::Photo => "photo",
            MediaKind::Document => "document",
            MediaKind::VideoNote => "video_note",
            MediaKind::Video => "video",
        }
    }
}

impl FromStr for MediaKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        [
            MediaKind::Voice,
            MediaKind::Audio,
            MediaKind::Photo,
            MediaKind::Document,
            MediaKind::VideoNote,
            MediaKind::Video,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_accept_obvious_spellings() {
        for (raw, want) in [
            ("community", Category::Community),
            ("Community", Category::Community),
            ("sme", Category::Sme),
            ("SME", Category::Sme),
            ("large_scale", Category::LargeScale),
            ("large-scale", Category::LargeScale),
            ("Large Scale", Category::LargeScale),
            ("public_service", Category::PublicService),
            ("public-service", Category::PublicService),
            ("publicservice", Category::PublicService),
        ] {
            assert_eq!(Category::parse(raw), Some(want), "{raw}");
        }
        assert_eq!(Category::parse("business"), None);
        assert_eq!(Category::parse(""), None);
        for c in Category::ALL {
            assert_eq!(c.as_str().parse(), Ok(c));
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(
            PrototypeStatus::parse(" Testing "),
            Some(PrototypeStatus::Testing)
        );
        assert_eq!(PrototypeStatus::parse("done"), None);
        assert_eq!(PrototypeStatus::default(), PrototypeStatus::Idea);
        for s in PrototypeStatus::ALL {
            assert_eq!(s.as_str().parse(), Ok(s));
        }
    }

    #[test]
    fn a_question_takes_its_first_line_as_title() {
        let q = PostContent::question(
            Summary::parse("Where should the tanks go?\nThink of the school.").unwrap(),
        );
        assert_eq!(q.title().as_str(), "Where should the tanks go?");
        assert_eq!(q.kind(), PostKind::Question);
        let long = PostContent::question(Summary::parse(&"w".repeat(400)).unwrap());
        assert_eq!(long.title().as_str().chars().count(), PostTitle::MAX_CHARS);
        assert!(long.title().as_str().ends_with('…'));
    }

    #[test]
    fn titles_and_summaries() {
        assert_eq!(
            PostTitle::parse("  Rain  tanks ").unwrap().as_str(),
            "Rain tanks"
        );
        assert_eq!(PostTitle::parse("Rain Tanks").unwrap().key(), "rain tanks");
        assert_eq!(PostTitle::parse(" "), Err(TextError::Empty));
        assert!(PostTitle::parse(&"t".repeat(151)).is_err());
        assert_eq!(Summary::parse("\n a\n\nb \n").unwrap().as_str(), "a\n\nb");
        assert_eq!(Summary::parse("\n \n"), Err(TextError::Empty));
        assert!(Summary::parse(&"s".repeat(4097)).is_err());
    }
}
