//! Issue #19, networks: the values of offering help — an offer's id, how its author agreed to
//! be contacted, and where the short conversation after the offer stands.

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

from_str_by_all!(ContactConsent, OfferStep);

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
        assert!("Introduce".parse::<ContactConsent>().is_err());
        assert_eq!(ContactConsent::default(), ContactConsent::Introduce);
    }
}
