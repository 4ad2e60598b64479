//! Invite codes: the start parameter of an invite link, random and well-formed.

use std::fmt;

use rand::Rng;
use rand::distr::Alphanumeric;

/// The code in an invite link `https://t.me/<bot>?start=<code>`.
///
/// Telegram allows `A-Za-z0-9_-` and at most 64 characters in a start parameter; anything else
/// is not an invite code. Codes we generate are 22 random alphanumeric characters (about 131
/// bits from the operating system's CSPRNG), so they cannot be guessed, and they leave room in
/// Telegram's 64-byte callback data for a prefix.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct InviteCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InviteCodeError {
    #[error("an invite code cannot be empty")]
    Empty,
    #[error("an invite code has at most 64 characters")]
    TooLong,
    #[error("an invite code only uses letters, digits, '_' and '-'")]
    BadChar,
}

impl InviteCode {
    pub const MAX_LEN: usize = 64;
    pub const GENERATED_LEN: usize = 22;

    pub fn parse(raw: &str) -> Result<Self, InviteCodeError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(InviteCodeError::Empty);
        }
        if !raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(InviteCodeError::BadChar);
        }
        if raw.len() > Self::MAX_LEN {
            return Err(InviteCodeError::TooLong);
        }
        Ok(Self(raw.to_owned()))
    }

    /// A fresh, unguessable code.
    pub fn generate() -> Self {
        let code: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(Self::GENERATED_LEN)
            .map(char::from)
            .collect();
        Self(code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

// Codes are credentials: keep them out of debug output (and so out of logs).
impl fmt::Debug for InviteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InviteCode(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn generated_codes_are_valid_and_distinct() {
        let codes: HashSet<String> = (0..1000)
            .map(|_| {
                let code = InviteCode::generate();
                assert_eq!(code.as_str().len(), InviteCode::GENERATED_LEN);
                assert_eq!(InviteCode::parse(code.as_str()).as_ref(), Ok(&code));
                code.as_str().to_owned()
            })
            .collect();
        assert_eq!(codes.len(), 1000);
    }

    #[test]
    fn rejects_what_telegram_would_not_carry() {
        assert_eq!(InviteCode::parse(""), Err(InviteCodeError::Empty));
        assert_eq!(InviteCode::parse("ab cd"), Err(InviteCodeError::BadChar));
        assert_eq!(InviteCode::parse("abc=="), Err(InviteCodeError::BadChar));
        assert_eq!(InviteCode::parse("código"), Err(InviteCodeError::BadChar));
        assert_eq!(
            InviteCode::parse(&"a".repeat(65)),
            Err(InviteCodeError::TooLong)
        );
        assert!(InviteCode::parse(&"a".repeat(64)).is_ok());
        assert!(InviteCode::parse("Ab_9-x").is_ok());
    }

    #[test]
    fn debug_does_not_reveal_the_code() {
        let code = InviteCode::parse("SECRETcode123").unwrap();
        assert!(!format!("{code:?}").contains("SECRET"));
    }

    proptest! {
        #[test]
        fn never_panics(raw in "\\PC{0,80}") {
            if let Ok(code) = InviteCode::parse(&raw) {
                prop_assert!(code.as_str().len() <= 64);
            }
        }
    }
}
