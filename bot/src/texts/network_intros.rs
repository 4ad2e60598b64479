//! Issue #19, introductions: the `/introduce` picker and note, the invitations and answers,
//! the facilitator's view of the outcome (never why), the contacts once everyone accepted,
//! and the relay through the bot.

use coloop_core::domain::{IntroAnswer, IntroState};
use coloop_core::store::IntroPerson;

use super::*;

/// Names joined for a sentence, each escaped.
fn names(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("<b>{}</b>", escape(n)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Texts<'_> {
    /// The `/help` line for facilitators and coordinators.
    pub fn help_facilitator_introduce(&self) -> String {
        self.tr("help-facilitator-introduce")
    }

    pub fn intro_nobody(&self, group: &str) -> String {
        self.tra("intro-nobody", args!["group" => escape(group)])
    }

    pub fn intro_picker(&self, group: &str, chosen: usize) -> String {
        self.tra(
            "intro-picker",
            args!["group" => escape(group), "count" => chosen],
        )
    }

    /// A person in the picker, chosen or not (plain text).
    pub fn intro_person_button(&self, name: &str, on: bool) -> String {
        self.tra(
            "intro-person-button",
            args!["name" => name.to_owned(), "on" => yes_no(on)],
        )
    }

    /// The toast of a press in the picker.
    pub fn intro_picked_toast(&self, on: bool) -> String {
        self.tra("intro-picked-toast", args!["on" => yes_no(on)])
    }

    pub fn intro_next_button(&self) -> String {
        self.tr("intro-next-button")
    }

    pub fn intro_cancel_button(&self) -> String {
        self.tr("intro-cancel-button")
    }

    pub fn intro_pick_two_toast(&self) -> String {
        self.tr("intro-pick-two-toast")
    }

    pub fn intro_ask_note(&self, people: &[String]) -> String {
        self.tra("intro-ask-note", args!["names" => names(people)])
    }

    pub fn intro_cancelled(&self) -> String {
        self.tr("intro-cancelled")
    }

    /// The invitation to one person: who introduces them to whom, and why.
    pub fn intro_invitation(
        &self,
        facilitator: Option<&str>,
        group: &str,
        others: &[String],
        note: &str,
    ) -> String {
        let facilitator = match facilitator {
            Some(name) => format!("<b>{}</b>", escape(name)),
            None => self.tr("intro-a-facilitator"),
        };
        self.tra(
            "intro-invitation",
            args![
                "facilitator" => facilitator,
                "group" => escape(group),
                "others" => names(others),
                "note" => escape(note),
            ],
        )
    }

    pub fn intro_accept_button(&self) -> String {
        self.tr("intro-accept-button")
    }

    pub fn intro_decline_button(&self) -> String {
        self.tr("intro-decline-button")
    }

    /// The invitation once answered.
    pub fn intro_answered(&self, others: &[String], accepted: bool) -> String {
        let id = if accepted {
            "intro-you-accepted"
        } else {
            "intro-you-declined"
        };
        self.tra(id, args!["others" => names(others)])
    }

    pub fn intro_answer_toast(&self) -> String {
        self.tr("intro-answer-toast")
    }

    /// The facilitator's view: each person's answer and the outcome, never why.
    pub fn intro_status(&self, group: &str, people: &[IntroPerson], state: IntroState) -> String {
        let mut lines = vec![self.tra("intro-status-title", args!["group" => escape(group)])];
        for person in people {
            let answer = match person.answer {
                IntroAnswer::Waiting => "waiting",
                IntroAnswer::Accepted => "accepted",
                IntroAnswer::Declined => "declined",
            };
            lines.push(self.tra(
                "intro-status-line",
                args!["name" => escape(&person.name), "answer" => answer],
            ));
        }
        lines.push(self.tra("intro-status-outcome", args!["state" => state.as_str()]));
        lines.join("\n")
    }

    /// To each person of a made introduction, once per other person: their contact, and the
    /// relay.
    pub fn intro_made(&self, group: &str, peer: &str, username: Option<&str>) -> String {
        self.tra(
            "intro-made",
            args![
                "group" => escape(group),
                "peer" => escape(peer),
                "username" => username.map_or_else(|| "none".to_owned(), escape),
            ],
        )
    }

    /// To the others of an introduction someone declined or withdrew from: no reason.
    pub fn intro_did_not_happen(&self, group: &str, others: &[String]) -> String {
        self.tra(
            "intro-did-not-happen",
            args!["group" => escape(group), "others" => names(others)],
        )
    }

    /// A message passed on through the relay.
    pub fn relay_message(&self, name: &str, text: &str) -> String {
        self.tra(
            "relay-message",
            args!["name" => escape(name), "text" => escape(text)],
        )
    }

    pub fn relay_sent(&self, peer: &str) -> String {
        self.tra("relay-sent", args!["peer" => escape(peer)])
    }

    pub fn relay_ended_notice(&self, peer: &str) -> String {
        self.tra("relay-ended-notice", args!["peer" => escape(peer)])
    }

    pub fn relay_ended(&self) -> String {
        self.tr("relay-ended")
    }

    pub fn relay_too_many(&self) -> String {
        self.tr("relay-too-many")
    }

    pub fn relay_text_only(&self) -> String {
        self.tr("relay-text-only")
    }

    pub fn relay_end_button(&self) -> String {
        self.tr("relay-end-button")
    }

    pub fn relay_ended_toast(&self) -> String {
        self.tr("relay-ended-toast")
    }
}
