//! The secrets of the dashboard's sign-in: a sign-in token (in the link `/web` sends) and a
//! session token (in the browser's cookie). Both are random, sent once, and stored only as
//! their SHA-256 hash ([`WebToken::hash`]).

use std::fmt;

use sha2::Digest as _;

/// A sign-in or session token: 43 random alphanumeric characters (about 256 bits from the
/// operating system's CSPRNG). Never printed: its `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct WebToken(String);

impl WebToken {
    pub const LEN: usize = 43;

    /// A fresh, unguessable token.
    pub fn generate() -> Self {
        Self(super::random_alphanumeric(Self::LEN))
    }

    /// A token as it came back from a browser; `None` when it cannot be one of ours.
    pub fn parse(raw: &str) -> Option<Self> {
        super::is_alphanumeric_of_len(raw, Self::LEN).then(|| Self(raw.to_owned()))
    }

    /// The token itself, to put in a link or a cookie.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the database keeps: its SHA-256.
    pub fn hash(&self) -> [u8; 32] {
        sha2::Sha256::digest(self.0.as_bytes()).into()
    }

    /// A value derived from this token for `purpose` (a form's CSRF token): the same for the
    /// same token, and not computable without it.
    pub fn derive(&self, purpose: &str) -> String {
        crate::keyed::derive_hex(self.0.as_bytes(), purpose)
    }
}

impl fmt::Debug for WebToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebToken([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_well_formed_and_never_printed() {
        let token = WebToken::generate();
        assert_eq!(token.expose().len(), WebToken::LEN);
        assert_eq!(WebToken::parse(token.expose()), Some(token.clone()));
        assert_ne!(token, WebToken::generate());
        assert_ne!(token.hash(), WebToken::generate().hash());
        assert!(!format!("{token:?}").contains(token.expose()));
        for bad in [
            "",
            "short",
            &"a".repeat(44),
            &format!("{}!", &"a".repeat(42)),
        ] {
            assert_eq!(WebToken::parse(bad), None, "{bad}");
        }
        assert_eq!(token.derive("csrf"), token.derive("csrf"));
        assert_ne!(token.derive("csrf"), WebToken::generate().derive("csrf"));
    }
}
