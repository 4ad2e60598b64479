//! Group slugs: the short name of a working group typed in commands.

use std::fmt;

/// The short name of a working group used in commands, e.g. `water-access`.
///
/// 3–32 characters of lowercase ASCII letters, digits and `-`, not starting or ending with `-`.
/// Upper-case input is folded to lower case, so `/invite Water-Access` works.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GroupSlug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a group name in commands needs at least 3 characters")]
    TooShort,
    #[error("a group name in commands has at most 32 characters")]
    TooLong,
    #[error("a group name in commands may only use letters a–z, digits and '-' (found {0:?})")]
    BadChar(char),
    #[error("a group name in commands cannot start or end with '-'")]
    EdgeHyphen,
}

impl GroupSlug {
    pub const MIN_LEN: usize = 3;
    pub const MAX_LEN: usize = 32;

    pub fn parse(raw: &str) -> Result<Self, SlugError> {
        let slug = raw.trim().to_ascii_lowercase();
        if let Some(bad) = slug
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(SlugError::BadChar(bad));
        }
        // Only ASCII is left, so bytes are characters.
        if slug.len() < Self::MIN_LEN {
            return Err(SlugError::TooShort);
        }
        if slug.len() > Self::MAX_LEN {
            return Err(SlugError::TooLong);
        }
        if slug.starts_with('-') || slug.ends_with('-') {
            return Err(SlugError::EdgeHyphen);
        }
        Ok(Self(slug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GroupSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for GroupSlug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_typical_slugs() {
        for ok in [
            "water-access",
            "abc",
            "a1-b2",
            "x".repeat(32).as_str(),
            "2026-housing",
        ] {
            assert_eq!(GroupSlug::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn folds_case_and_trims() {
        assert_eq!(
            GroupSlug::parse(" Water-Access ").unwrap().as_str(),
            "water-access"
        );
    }

    #[test]
    fn rejects_bad_slugs() {
        assert_eq!(GroupSlug::parse("ab"), Err(SlugError::TooShort));
        assert_eq!(GroupSlug::parse(""), Err(SlugError::TooShort));
        assert_eq!(GroupSlug::parse(&"x".repeat(33)), Err(SlugError::TooLong));
        assert_eq!(
            GroupSlug::parse("water access"),
            Err(SlugError::BadChar(' '))
        );
        assert_eq!(
            GroupSlug::parse("water_access"),
            Err(SlugError::BadChar('_'))
        );
        assert_eq!(GroupSlug::parse("agua-ñ"), Err(SlugError::BadChar('ñ')));
        assert_eq!(GroupSlug::parse("-abc"), Err(SlugError::EdgeHyphen));
        assert_eq!(GroupSlug::parse("abc-"), Err(SlugError::EdgeHyphen));
    }

    proptest! {
        #[test]
        fn never_panics_and_accepted_values_are_valid(raw in "\\PC{0,40}") {
            if let Ok(slug) = GroupSlug::parse(&raw) {
                let s = slug.as_str();
                prop_assert!((3..=32).contains(&s.len()));
                prop_assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
                prop_assert_eq!(GroupSlug::parse(s), Ok(slug.clone()));
            }
        }

        #[test]
        fn valid_shapes_are_accepted(raw in "[a-z0-9][a-z0-9-]{1,30}[a-z0-9]") {
            prop_assert!(GroupSlug::parse(&raw).is_ok());
        }
    }
}
