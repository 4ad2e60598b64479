//! Issue #19, networks: the values of offering help — an offer's id, how its author agreed to
//! be contacted, where the short conversation after the offer stands — and of introductions:
//! their ids and states, each person's answer, and the relays between introduced people.

use std::fmt;

use serde::Serialize;

use super::text::{TextError, bounded};

/// Row id of an offer of help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, sqlx::Type)]
#[sqlx(transparent)]
#[serde(transparent)]
pub struct OfferId(i64);

impl OfferId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for OfferId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How a volunteer agreed to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ContactConsent {
    /// The facilitator may introduce them to others working on it (the default).
    #[default]
    Introduce,
    /// Only the facilitator may contact them.
    FacilitatorOnly,
}

impl ContactConsent {
    pub const ALL: [ContactConsent; 2] =
        [ContactConsent::Introduce, ContactConsent::FacilitatorOnly];

    /// The stored form.
    pub const fn as_str(self) -> &'static str {
        match self {
            ContactConsent::Introduce => "introduce",
            ContactConsent::FacilitatorOnly => "facilitator",
        }
    }
}

/// Where the two short steps after an offer stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfferStep {
    /// Asked what they can offer (a reply, or Skip).
    Text,
    /// Asked how they may be contacted.
    Contact,
    Done,
}

impl OfferStep {
    pub const ALL: [OfferStep; 3] = [OfferStep::Text, OfferStep::Contact, OfferStep::Done];

    /// The stored form.
    pub const fn as_str(self) -> &'static str {
        match self {
            OfferStep::Text => "text",
            OfferStep::Contact => "contact",
            OfferStep::Done => "done",
        }
    }
}

/// Row id of an introduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, sqlx::Type)]
#[sqlx(transparent)]
#[serde(transparent)]
pub struct IntroductionId(i64);

impl IntroductionId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for IntroductionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Row id of a relay between two introduced people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct RelayId(i64);

impl RelayId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for RelayId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Where an introduction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntroState {
    /// The facilitator chooses whom to introduce.
    Picking,
    /// The facilitator writes why.
    Noting,
    /// Everyone was asked; some have not answered.
    Pending,
    /// Everyone accepted: each has the others' contact.
    Made,
    /// Someone said no thanks: nothing was disclosed.
    Declined,
    /// Someone erased their data while it was pending.
    Withdrawn,
}

impl IntroState {
    pub const ALL: [IntroState; 6] = [
        IntroState::Picking,
        IntroState::Noting,
        IntroState::Pending,
        IntroState::Made,
        IntroState::Declined,
        IntroState::Withdrawn,
    ];

    /// The stored form.
    pub const fn as_str(self) -> &'static str {
        match self {
            IntroState::Picking => "picking",
            IntroState::Noting => "noting",
            IntroState::Pending => "pending",
            IntroState::Made => "made",
            IntroState::Declined => "declined",
            IntroState::Withdrawn => "withdrawn",
        }
    }
}

/// One person's answer to an introduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntroAnswer {
    Waiting,
    Accepted,
    Declined,
}

impl IntroAnswer {
    pub const ALL: [IntroAnswer; 3] = [
        IntroAnswer::Waiting,
        IntroAnswer::Accepted,
        IntroAnswer::Declined,
    ];

    /// The stored form.
    pub const fn as_str(self) -> &'static str {
        match self {
            IntroAnswer::Waiting => "waiting",
            IntroAnswer::Accepted => "accepted",
            IntroAnswer::Declined => "declined",
        }
    }
}

from_str_by_all!(ContactConsent, OfferStep, IntroState, IntroAnswer);

/// A one-line text people give the bot: `$max` characters at most, inner whitespace collapsed.
macro_rules! one_line_text {
    ($(#[$doc:meta])* $name:ident, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, TextError> {
                bounded(raw, Self::MAX_CHARS, true).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

one_line_text!(
    /// A member's one-line introduction in who's who (`/profile`): 1–200 characters.
    ProfileLine,
    200
);
one_line_text!(
    /// The name of another actor (an organisation, an expert, a public office): 1–100
    /// characters.
    ActorName,
    100
);
one_line_text!(
    /// What an actor offers: 1–500 characters.
    ActorOffers,
    500
);

/// How an actor may be reached, as they agreed to publish it: a web address, an e-mail
/// address or a phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorContact {
    Url(String),
    Email(String),
    Phone(String),
}

impl ActorContact {
    pub const MAX_CHARS: usize = 200;

    /// `https://…`, `name@example.org`, or a phone number (digits, spaces, `+ - . ( )`, at
    /// least six digits); `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        if raw.is_empty() || raw.chars().count() > Self::MAX_CHARS {
            return None;
        }
        let one_word = !raw.chars().any(char::is_whitespace);
        let lower = raw.to_ascii_lowercase();
        if one_word
            && (lower.starts_with("https://") || lower.starts_with("http://"))
            && raw.len() > "https://".len()
        {
            return Some(ActorContact::Url(raw.to_owned()));
        }
        if one_word
            && let Some((local, domain)) = raw.split_once('@')
            && !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
        {
            return Some(ActorContact::Email(raw.to_owned()));
        }
        let digits = raw.chars().filter(char::is_ascii_digit).count();
        let phone_chars = raw
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c));
        (phone_chars && (6..=20).contains(&digits)).then(|| ActorContact::Phone(raw.to_owned()))
    }

    /// As written (and stored).
    pub fn as_str(&self) -> &str {
        match self {
            ActorContact::Url(s) | ActorContact::Email(s) | ActorContact::Phone(s) => s,
        }
    }

    /// The stored kind.
    pub const fn kind(&self) -> &'static str {
        match self {
            ActorContact::Url(_) => "url",
            ActorContact::Email(_) => "email",
            ActorContact::Phone(_) => "phone",
        }
    }

    /// From the stored kind and text.
    pub fn from_stored(kind: &str, text: &str) -> Option<Self> {
        let text = text.to_owned();
        match kind {
            "url" => Some(ActorContact::Url(text)),
            "email" => Some(ActorContact::Email(text)),
            "phone" => Some(ActorContact::Phone(text)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_forms_round_trip() {
        for consent in ContactConsent::ALL {
            assert_eq!(consent.as_str().parse(), Ok(consent));
        }
        for step in OfferStep::ALL {
            assert_eq!(step.as_str().parse(), Ok(step));
        }
        for state in IntroState::ALL {
            assert_eq!(state.as_str().parse(), Ok(state));
        }
        for answer in IntroAnswer::ALL {
            assert_eq!(answer.as_str().parse(), Ok(answer));
        }
        assert!("Introduce".parse::<ContactConsent>().is_err());
    }

    #[test]
    fn actor_contacts_are_a_url_an_email_or_a_phone() {
        use ActorContact as C;
        assert_eq!(
            C::parse(" https://agua.example.org/help "),
            Some(C::Url("https://agua.example.org/help".into()))
        );
        assert_eq!(
            C::parse("info@agua.example.org"),
            Some(C::Email("info@agua.example.org".into()))
        );
        assert_eq!(
            C::parse("+54 11 4321-5678"),
            Some(C::Phone("+54 11 4321-5678".into()))
        );
        for bad in [
            "",
            "call us",
            "https://",
            "a@b",
            "@example.org",
            "a@b@c.org",
            "12345",
            "javascript:alert(1)",
            "www example org",
        ] {
            assert_eq!(C::parse(bad), None, "{bad}");
        }
        for contact in [
            C::Url("https://x.org".into()),
            C::Email("a@b.co".into()),
            C::Phone("123456".into()),
        ] {
            assert_eq!(
                C::from_stored(contact.kind(), contact.as_str()),
                Some(contact.clone())
            );
        }
        assert!(ProfileLine::parse(&"x".repeat(201)).is_err());
        assert_eq!(
            ProfileLine::parse("  I  fix bikes ").unwrap().as_str(),
            "I fix bikes"
        );
        assert!(ActorName::parse(" ").is_err());
        assert_eq!(ContactConsent::default(), ContactConsent::Introduce);
    }
}
