//! Issue #19, who's who and other actors: `/profile`, `/people` and its contact requests;
//! `/actor add`, `/actors`, `/share_actor` and the notice members get.

use coloop_core::store::{ActorView, ListedPerson};

use super::*;

impl Texts<'_> {
    /// The `/help` line for members.
    pub fn help_member_whos_who(&self) -> String {
        self.tr("help-member-whos-who")
    }

    /// The `/help` line for facilitators and coordinators.
    pub fn help_facilitator_actors(&self) -> String {
        self.tr("help-facilitator-actors")
    }

    /// `/profile` alone: the person's line, if listed.
    pub fn profile_shown(&self, line: Option<&str>) -> String {
        match line {
            Some(line) => self.tra("profile-shown", args!["line" => escape(line)]),
            None => self.tr("profile-none"),
        }
    }

    pub fn profile_set(&self, line: &str) -> String {
        self.tra("profile-set", args!["line" => escape(line)])
    }

    /// `/profile off`: whether they were listed.
    pub fn profile_off(&self, was_listed: bool) -> String {
        if was_listed {
            self.tr("profile-off")
        } else {
            self.tr("profile-off-none")
        }
    }

    /// `/people <group>`.
    pub fn people_list(&self, group: &str, people: &[ListedPerson]) -> String {
        if people.is_empty() {
            return self.tra("people-none", args!["group" => escape(group)]);
        }
        let mut lines = vec![self.tra(
            "people-title",
            args!["group" => escape(group), "count" => people.len()],
        )];
        for person in people {
            lines.push(self.tra(
                "people-line",
                args!["name" => escape(&person.name), "line" => escape(&person.line)],
            ));
        }
        lines.join("\n")
    }

    /// A contact button under `/people` (plain text).
    pub fn people_contact_button(&self, name: &str) -> String {
        self.tra("people-contact-button", args!["name" => name.to_owned()])
    }

    pub fn contact_asked_toast(&self) -> String {
        self.tr("contact-asked-toast")
    }

    pub fn contact_asked(&self, name: &str) -> String {
        self.tra("contact-asked", args!["name" => escape(name)])
    }

    pub fn contact_already(&self, name: &str) -> String {
        self.tra("contact-already", args!["name" => escape(name)])
    }

    /// To a listed member someone asks to be in touch with.
    pub fn contact_invitation(&self, name: &str, group: &str, line: Option<&str>) -> String {
        let line = line
            .map(|line| self.tra("contact-their-line", args!["line" => escape(line)]))
            .unwrap_or_default();
        self.tra(
            "contact-invitation",
            args!["name" => escape(name), "group" => escape(group), "line" => line],
        )
    }

    /// An actor in the `/introduce` picker, chosen or not (plain text).
    pub fn intro_actor_button(&self, name: &str, on: bool) -> String {
        self.tra(
            "intro-actor-button",
            args!["name" => name.to_owned(), "on" => yes_no(on)],
        )
    }

    /// To a volunteer introduced to an actor, once they accepted: the actor's contact.
    pub fn intro_made_actor(&self, group: &str, actor: &ActorView) -> String {
        self.tra(
            "intro-made-actor",
            args![
                "group" => escape(group),
                "actor" => escape(&actor.name),
                "details" => self.actor_details(actor),
            ],
        )
    }

    /// An actor's category, offer and contact, each if given.
    fn actor_details(&self, actor: &ActorView) -> String {
        let mut details = String::new();
        if let Some(category) = actor.category {
            details.push_str(&self.tra(
                "actor-category-part",
                args!["category" => escape(&self.category_label(category))],
            ));
        }
        if let Some(offers) = &actor.offers {
            details.push_str(&self.tra("actor-offers-part", args!["offers" => escape(offers)]));
        }
        if let Some(contact) = &actor.contact {
            details.push_str(&self.tra(
                "actor-contact-part",
                args!["contact" => escape(contact.as_str())],
            ));
        }
        details
    }

    pub fn actor_added(&self, id: i64, name: &str, group: &str) -> String {
        self.tra(
            "actor-added",
            args!["id" => id.to_string(), "name" => escape(name), "group" => escape(group)],
        )
    }

    /// `/actors <group>`.
    pub fn actors_list(&self, group: &str, actors: &[ActorView]) -> String {
        if actors.is_empty() {
            return self.tra("actors-none", args!["group" => escape(group)]);
        }
        let mut lines = vec![self.tra(
            "actors-title",
            args!["group" => escape(group), "count" => actors.len()],
        )];
        for actor in actors {
            lines.push(self.tra(
                "actor-line",
                args![
                    "id" => actor.id.to_string(),
                    "name" => escape(&actor.name),
                    "details" => self.actor_details(actor),
                ],
            ));
        }
        lines.join("\n")
    }

    /// The notice members get when a facilitator shares an actor.
    pub fn actor_notice(&self, group: &str, actor: &ActorView) -> String {
        self.tra(
            "actor-notice",
            args![
                "group" => escape(group),
                "name" => escape(&actor.name),
                "details" => self.actor_details(actor),
            ],
        )
    }

    pub fn actor_unknown(&self, id: i64) -> String {
        self.tra("actor-unknown", args!["id" => id.to_string()])
    }

    pub fn actor_shared(&self, name: &str, group: &str, count: u64) -> String {
        self.tra(
            "actor-shared",
            args!["name" => escape(name), "group" => escape(group), "count" => count],
        )
    }
}
