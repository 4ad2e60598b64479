//! Post keys: the idempotency key a preview's Send button carries.

use rand::Rng;
use rand::distr::Alphanumeric;

/// The idempotency key of a post: carried by its preview's Send button, so confirming twice
/// (or a redelivered press) finds the post already sent. 16 random alphanumerics.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostKey(String);

impl PostKey {
    pub const LEN: usize = 16;

    pub fn generate() -> Self {
        Self(
            rand::rng()
                .sample_iter(&Alphanumeric)
                .take(Self::LEN)
                .map(char::from)
                .collect(),
        )
    }

    pub fn parse(raw: &str) -> Option<Self> {
        (raw.len() == Self::LEN && raw.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_parse() {
        let key = PostKey::generate();
        assert_eq!(PostKey::parse(key.as_str()), Some(key));
        assert_eq!(PostKey::parse("short"), None);
        assert_eq!(PostKey::parse("abcdefghijklmno!"), None);
    }
}
