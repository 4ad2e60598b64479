//! Issue #14, the sandbox's page: its headings, buttons and banner, and what it says when a
//! request is refused. Plain text: the page escapes it.

use super::*;

/// The page's labels, each the catalogue message `sandbox-<label>`.
const LABELS: &[&str] = &[
    "title",
    "banner",
    "first-person",
    "people",
    "add-person",
    "name",
    "language",
    "add",
    "add-group",
    "group-title",
    "private-chat",
    "message-placeholder",
    "send",
    "attach",
    "reply",
    "replying-to",
    "cancel-reply",
    "edited",
    "voice",
    "photo",
    "document",
    "download",
    "no-messages",
    "error-offline",
    "error-live-lost",
    "error-other",
    "error-bad-request",
    "error-unknown-person",
    "error-empty-text",
    "error-text-too-long",
    "error-unknown-chat",
    "error-not-your-chat",
    "error-unknown-message",
    "error-bad-name",
    "error-bad-language",
    "error-bad-title",
    "error-file-too-large",
    "error-empty-file",
    "error-file-kind",
];

impl Texts<'_> {
    /// Every label of the sandbox's page: `(label, text)`, e.g. `("send", "Send")`.
    pub fn sandbox_labels(&self) -> Vec<(&'static str, String)> {
        LABELS
            .iter()
            .map(|label| (*label, self.tr(&format!("sandbox-{label}"))))
            .collect()
    }
}
