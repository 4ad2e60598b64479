//! Issue #19, networks: offering help (the button, `/help_with`, the two steps after an offer,
//! `/offers`) and who offered it (`/volunteers`).

use coloop_core::domain::{ContactConsent, PostId};
use coloop_core::store::{NetworkCounts, OfferView, VolunteerLine};

use super::*;

fn contact_key(contact: ContactConsent) -> &'static str {
    contact.as_str()
}

impl Texts<'_> {
    /// The `/help` line for members.
    pub fn help_member_network(&self) -> String {
        self.tr("help-member-network")
    }

    /// The `/help` line for facilitators and coordinators.
    pub fn help_facilitator_network(&self) -> String {
        self.tr("help-facilitator-network")
    }

    /// The paragraph of `/privacy` on offers, introductions and the relay.
    pub fn privacy_network(&self) -> String {
        self.tr("privacy-network")
    }

    /// The digest's "Network" section, counts only; empty when there is nothing to count.
    pub fn digest_network(&self, n: &NetworkCounts) -> String {
        if n.is_empty() {
            return String::new();
        }
        let mut lines = vec![self.tr("digest-network")];
        for o in &n.offers {
            lines.push(self.tra(
                "digest-network-offers",
                args![
                    "post" => o.post_id.to_string(),
                    "title" => escape(&o.title),
                    "group" => escape(&o.group),
                    "count" => o.offers,
                ],
            ));
        }
        lines.push(self.tra(
            "digest-network-introductions",
            args!["sent" => n.introductions, "made" => n.introductions_made],
        ));
        for a in &n.actors {
            let category = match a.category {
                Some(c) => self.category_label(c),
                None => self.tr("digest-network-no-category"),
            };
            lines.push(self.tra(
                "digest-network-actors",
                args!["category" => escape(&category), "count" => a.actors],
            ));
        }
        lines.push(self.tra("digest-network-listed", args!["count" => n.listed]));
        lines.join("\n")
    }

    /// The button under a prototype post.
    pub fn offer_help_button(&self) -> String {
        self.tr("offer-help-button")
    }

    pub fn offer_unknown_post(&self, post: PostId) -> String {
        self.tra("offer-unknown-post", args!["post" => post.to_string()])
    }

    pub fn offer_not_prototype(&self, post: PostId) -> String {
        self.tra("offer-not-prototype", args!["post" => post.to_string()])
    }

    pub fn offer_thanks_toast(&self) -> String {
        self.tr("offer-thanks-toast")
    }

    /// The first step after an offer: what can you offer?
    pub fn offer_ask_text(&self, post: PostId, title: &str, group: &str) -> String {
        self.tra(
            "offer-ask-text",
            args![
                "post" => post.to_string(),
                "title" => escape(title),
                "group" => escape(group),
            ],
        )
    }

    pub fn offer_skip_button(&self) -> String {
        self.tr("offer-skip-button")
    }

    /// The second step: how may people reach you?
    pub fn offer_ask_contact(&self, title: &str) -> String {
        self.tra("offer-ask-contact", args!["title" => escape(title)])
    }

    pub fn offer_contact_button(&self, contact: ContactConsent) -> String {
        match contact {
            ContactConsent::Introduce => self.tr("offer-contact-introduce-button"),
            ContactConsent::FacilitatorOnly => self.tr("offer-contact-facilitator-button"),
        }
    }

    pub fn offer_done(&self, title: &str, contact: ContactConsent) -> String {
        self.tra(
            "offer-done",
            args!["title" => escape(title), "contact" => contact_key(contact)],
        )
    }

    /// What they can offer, written again after the two steps.
    pub fn offer_text_saved(&self, title: &str) -> String {
        self.tra("offer-text-saved", args!["title" => escape(title)])
    }

    pub fn offer_saved_toast(&self) -> String {
        self.tr("offer-saved-toast")
    }

    fn offer_text_quoted(&self, text: Option<&str>) -> String {
        match text {
            Some(text) => self.tra(
                "offer-text-quoted",
                args!["text" => escape(&first_line(text, 200))],
            ),
            None => String::new(),
        }
    }

    /// `/offers`.
    pub fn offers_list(&self, offers: &[OfferView]) -> String {
        if offers.is_empty() {
            return self.tr("offers-none");
        }
        let mut lines = vec![self.tra("offers-title", args!["count" => offers.len()])];
        for offer in offers {
            lines.push(self.tra(
                "offers-line",
                args![
                    "post" => offer.post.to_string(),
                    "title" => escape(&offer.post_title),
                    "group" => escape(&offer.group_name),
                    "text" => self.offer_text_quoted(offer.text.as_deref()),
                    "contact" => contact_key(offer.contact),
                ],
            ));
        }
        lines.join("\n")
    }

    /// A "Withdraw" button under `/offers` (plain text).
    pub fn offer_withdraw_button(&self, post: PostId, title: &str) -> String {
        self.tra(
            "offer-withdraw-button",
            args!["post" => post.to_string(), "title" => first_line(title, 40)],
        )
    }

    pub fn offer_withdrawn_toast(&self) -> String {
        self.tr("offer-withdrawn-toast")
    }

    /// `/volunteers <group> [post]`.
    pub fn volunteers_list(
        &self,
        group: &str,
        post: Option<PostId>,
        lines: &[VolunteerLine],
    ) -> String {
        if lines.is_empty() {
            return match post {
                Some(post) => self.tra("volunteers-post-none", args!["post" => post.to_string()]),
                None => self.tra("volunteers-none", args!["group" => escape(group)]),
            };
        }
        let mut out = vec![self.tra(
            "volunteers-title",
            args!["group" => escape(group), "count" => lines.len()],
        )];
        for line in lines {
            out.push(self.tra(
                "volunteers-line",
                args![
                    "name" => escape(&line.name),
                    "post" => line.post.to_string(),
                    "title" => escape(&line.post_title),
                    "text" => self.offer_text_quoted(line.text.as_deref()),
                    "contact" => contact_key(line.contact),
                ],
            ));
        }
        out.join("\n")
    }
}
