//! Post keys: the idempotency key a preview's Send button carries.

/// The idempotency key of a post: carried by its preview's Send button, so confirming twice
/// (or a redelivered press) finds the post already sent. 16 random alphanumerics.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostKey(String);

impl PostKey {
    pub const LEN: usize = 16;

    pub fn generate() -> Self {
        Self(super::random_alphanumeric(Self::LEN))
    }

    pub fn parse(raw: &str) -> Option<Self> {
        super::is_alphanumeric_of_len(raw, Self::LEN).then(|| Self(raw.to_owned()))
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
