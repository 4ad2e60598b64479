//! Secrets derived from another secret with a keyed hash (HMAC-SHA-256), so that they need not
//! be stored anywhere: e.g. the webhook's secret token, derived from the bot token.

use hmac::Mac as _;

/// The HMAC-SHA-256 of `purpose` under `key`, as 64 lowercase hex digits. The same key and
/// purpose always give the same value; without the key it cannot be computed.
pub fn derive_hex(key: &[u8], purpose: &str) -> String {
    // HMAC accepts keys of any length: `new_from_slice` cannot fail for it.
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(purpose.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn derived_values_depend_on_key_and_purpose() {
        let a = super::derive_hex(b"key", "webhook");
        assert_eq!(a.len(), 64);
        assert_eq!(a, super::derive_hex(b"key", "webhook"));
        assert_ne!(a, super::derive_hex(b"other", "webhook"));
        assert_ne!(a, super::derive_hex(b"key", "other"));
    }
}
