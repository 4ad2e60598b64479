//! Free text people give the bot that is stored as a value: names and descriptions.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("it is empty")]
    Empty,
    #[error("it is too long (at most {max} characters)")]
    TooLong { max: usize },
}

pub(super) fn bounded(raw: &str, max: usize, single_line: bool) -> Result<String, TextError> {
    let text = if single_line {
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        raw.trim().to_owned()
    };
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if text.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(text)
}

/// A working group's display name: one line, 1–100 characters, inner whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupName(String);

impl GroupName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        bounded(raw, Self::MAX_CHARS, true).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The challenge a working group works on: free text, up to 2000 characters, may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Challenge(String);

impl Challenge {
    pub const MAX_CHARS: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        match bounded(raw, Self::MAX_CHARS, false) {
            Ok(text) => Ok(Self(text)),
            Err(TextError::Empty) => Ok(Self::default()),
            Err(e) => Err(e),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a person is called in lists: their Telegram first and last name, one line, at most
/// 128 characters (longer names are cut, never refused: it is what Telegram gave us).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 128;

    pub fn from_telegram(first: &str, last: Option<&str>) -> Self {
        let full = match last {
            Some(last) if !last.trim().is_empty() => format!("{first} {last}"),
            _ => first.to_owned(),
        };
        let one_line = full.split_whitespace().collect::<Vec<_>>().join(" ");
        let cut: String = one_line.chars().take(Self::MAX_CHARS).collect();
        if cut.is_empty() {
            Self("(no name)".to_owned())
        } else {
            Self(cut)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Telegram @username, without the `@`: 1–32 of `A-Za-z0-9_`, as Telegram gives it (case
/// kept). People are found by it case-insensitively (`/remove <group> @ana_p`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub const MAX_CHARS: usize = 32;

    /// What Telegram (or a person typing `@name`) gives, with or without the `@`; `None` when
    /// it cannot be a username.
    pub fn parse(raw: &str) -> Option<Self> {
        let name = raw.trim().strip_prefix('@').unwrap_or(raw.trim());
        let valid = !name.is_empty()
            && name.len() <= Self::MAX_CHARS
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        valid.then(|| Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The same username, whatever the case.
    pub fn is(&self, other: &Username) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_telegrams_with_or_without_the_at() {
        assert_eq!(Username::parse("@Ana_P").unwrap().as_str(), "Ana_P");
        assert_eq!(Username::parse(" ana_p ").unwrap().as_str(), "ana_p");
        assert!(
            Username::parse("@Ana_P")
                .unwrap()
                .is(&Username::parse("ana_p").unwrap())
        );
        for bad in ["", "@", "ana p", "ana-p", "@@ana", "añá", &"a".repeat(33)] {
            assert_eq!(Username::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn group_name_is_one_clean_line() {
        assert_eq!(
            GroupName::parse("  Water   access\tfor all ")
                .unwrap()
                .as_str(),
            "Water access for all"
        );
        assert_eq!(GroupName::parse("   "), Err(TextError::Empty));
        assert_eq!(
            GroupName::parse(&"é".repeat(101)),
            Err(TextError::TooLong { max: 100 })
        );
        assert!(GroupName::parse(&"é".repeat(100)).is_ok());
    }

    #[test]
    fn challenge_may_be_empty_but_not_huge() {
        assert_eq!(Challenge::parse("  ").unwrap().as_str(), "");
        assert_eq!(Challenge::parse(" a\nb ").unwrap().as_str(), "a\nb");
        assert!(Challenge::parse(&"x".repeat(2001)).is_err());
    }

    #[test]
    fn display_name_joins_and_cuts() {
        assert_eq!(
            DisplayName::from_telegram("Ana", Some("Pérez")).as_str(),
            "Ana Pérez"
        );
        assert_eq!(DisplayName::from_telegram("Ana", Some(" ")).as_str(), "Ana");
        assert_eq!(DisplayName::from_telegram(" ", None).as_str(), "(no name)");
        assert_eq!(
            DisplayName::from_telegram(&"x".repeat(300), None)
                .as_str()
                .len(),
            128
        );
    }
}
