//! Issue #20: what the bot says when it keeps a privacy promise under attack — a reply from
//! outside a group not kept.

use super::*;

impl Texts<'_> {
    /// The paragraph of `/privacy` on anonymous surveys, with the deployment's threshold.
    pub fn privacy_anonymity(&self, min_answers: u32) -> String {
        self.tra("privacy-anonymity", args!["min" => min_answers])
    }

    /// In private, to someone whose reply in a linked group chat was not kept: they are not a
    /// member of that working group.
    pub fn group_reply_not_member(&self, group_name: &str) -> String {
        self.tra(
            "group-reply-not-member",
            args!["group" => escape(group_name)],
        )
    }
}
