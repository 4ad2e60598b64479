//! Language codes as coloop stores them.

use std::fmt;

/// A language code as coloop stores and passes it around, e.g. `en`, `es`, `pt-br`: a
/// letter, then up to 15 ASCII letters, digits or `-`, folded to lower case. Which languages
/// exist is the bot's business (its catalogues); this only keeps out what cannot be a code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LanguageCode(String);

impl LanguageCode {
    pub const MAX_LEN: usize = 16;

    pub fn parse(raw: &str) -> Option<Self> {
        let code = raw.trim().to_ascii_lowercase();
        let mut chars = code.chars();
        let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        (first_is_letter && rest_ok && code.len() <= Self::MAX_LEN && !code.ends_with('-'))
            .then_some(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_lowercase_tags() {
        assert_eq!(LanguageCode::parse("es").map(|c| c.0), Some("es".into()));
        assert_eq!(
            LanguageCode::parse("PT-BR").map(|c| c.0),
            Some("pt-br".into())
        );
        for bad in ["", "-", "1a", "es-", "e s", "es:x", "ñ", &"a".repeat(17)] {
            assert_eq!(LanguageCode::parse(bad), None, "{bad}");
        }
    }
}
