//! Linked group chats: `/link`, `/unlink`.

use super::*;

impl Texts<'_> {
    pub fn linked(&self, group_name: &str, topic: bool) -> String {
        self.tra(
            "linked",
            args!["group" => escape(group_name), "topic" => yes_no(topic)],
        )
    }

    pub fn linked_elsewhere(&self, slug: &GroupSlug) -> String {
        self.tra("linked-elsewhere", args!["slug" => slug.to_string()])
    }

    pub fn unlinked(&self) -> String {
        self.tr("unlinked")
    }

    pub fn not_linked(&self) -> String {
        self.tr("not-linked")
    }

    pub fn link_in_a_group(&self) -> String {
        self.tr("link-in-a-group")
    }

    pub fn group_comment_thanks(&self, first_name: &str, group_name: &str) -> String {
        self.tra(
            "group-comment-thanks",
            args!["name" => escape(first_name), "group" => escape(group_name)],
        )
    }

    pub fn consent_first_in_private(&self, first_name: &str, link: &str) -> String {
        self.tra(
            "consent-first-in-private",
            args!["name" => escape(first_name), "link" => link],
        )
    }
}
