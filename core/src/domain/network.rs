//! Issue #19, networks: the values of offering help — an offer's id, how its author agreed to
//! be contacted, where the short conversation after the offer stands — and of introductions:
//! their ids and states, each person's answer, and the relays between introduced people.

use std::fmt;

use serde::Serialize;

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
        assert_eq!(ContactConsent::default(), ContactConsent::Introduce);
    }
}
