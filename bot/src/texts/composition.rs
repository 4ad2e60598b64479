//! A group's composition over time: `/members`, `/remove`, `/promote`, `/demote`, `/rotate`,
//! invite link limits, `/archive`, `/unarchive` and `/audit` (issue #13).

use chrono::{DateTime, Utc};
use coloop_core::domain::AuditAction;
use coloop_core::store::{AuditEvent, LinkLimit, MemberLine, MemberState, Party, RenderedPost};

use super::*;

/// The thanks an archived group's members get through the outbox, in every shipped language
/// (each member gets theirs), with the optional last words.
pub fn farewell_rendering(
    catalogues: &Catalogues,
    group: &str,
    farewell: Option<&str>,
) -> RenderedPost {
    let mut rendered = RenderedPost::default();
    for texts in catalogues.all() {
        rendered.insert(texts.code(), vec![texts.archived_notice(group, farewell)]);
    }
    rendered
}

impl Texts<'_> {
    pub fn link_replaced(&self) -> String {
        self.tr("link-replaced")
    }

    /// `/groups`: the person's groups that have finished.
    pub fn finished_groups(&self, names: &[String]) -> String {
        let names: Vec<String> = names.iter().map(|n| escape(n)).collect();
        self.tra("my-groups-finished", args!["groups" => names.join(", ")])
    }

    pub fn group_finished(&self, group: &str) -> String {
        self.tra("group-finished", args!["group" => escape(group)])
    }

    /// The `/help` lines of issue #13's commands, for facilitators and for coordinators.
    pub fn help_groups(&self, facilitator: bool, coordinator: bool) -> String {
        let mut text = String::new();
        if facilitator || coordinator {
            text.push_str(&self.tr("help-facilitator-groups"));
        }
        if coordinator {
            text.push('\n');
            text.push_str(&self.tr("help-coordinator-groups"));
        }
        text
    }

    pub fn members_page(
        &self,
        group: &str,
        people: &[MemberLine],
        total: usize,
        page: usize,
        pages: usize,
    ) -> String {
        if total == 0 {
            return self.tra("members-none", args!["group" => escape(group)]);
        }
        let mut text = self.tra(
            "members-title",
            args!["group" => escape(group), "count" => total],
        );
        for p in people {
            text.push('\n');
            let state = match p.state {
                MemberState::Active => "active",
                MemberState::Paused => "paused",
                MemberState::Blocked => "blocked",
                MemberState::Left => "left",
            };
            text.push_str(&self.tra(
                "members-line",
                args![
                    "name" => escape(&p.name),
                    "role" => role_key(p.role),
                    "joined" => self.date_label(p.joined_at.date_naive()),
                    "state" => state,
                    "comments" => p.named_comments,
                    "surveys" => p.named_surveys,
                ],
            ));
        }
        if pages > 1 {
            text.push('\n');
            text.push_str(&self.tra("members-page", args!["page" => page + 1, "pages" => pages]));
        }
        text
    }

    pub fn page_previous(&self) -> String {
        self.tr("page-previous")
    }

    pub fn page_next(&self) -> String {
        self.tr("page-next")
    }

    /// The question above a picker: `remove`, `promote` or `demote`.
    pub fn pick(&self, what: &str, group: &str) -> String {
        self.tra(&format!("pick-{what}"), args!["group" => escape(group)])
    }

    pub fn pick_nobody(&self, group: &str) -> String {
        self.tra("pick-nobody", args!["group" => escape(group)])
    }

    pub fn pick_no_match(&self, group: &str, query: &str) -> String {
        self.tra(
            "pick-no-match",
            args!["group" => escape(group), "query" => escape(query)],
        )
    }

    pub fn remove_confirm(&self, name: &str, group: &str) -> String {
        self.tra(
            "remove-confirm",
            args!["name" => escape(name), "group" => escape(group)],
        )
    }

    pub fn remove_button(&self) -> String {
        self.tr("remove-button")
    }

    pub fn dismiss_button(&self) -> String {
        self.tr("dismiss-button")
    }

    pub fn dismissed(&self) -> String {
        self.tr("dismissed")
    }

    pub fn removed(&self, name: &str, group: &str) -> String {
        self.tra(
            "removed",
            args!["name" => escape(name), "group" => escape(group)],
        )
    }

    pub fn removed_notice(&self, group: &str) -> String {
        self.tra("removed-notice", args!["group" => escape(group)])
    }

    pub fn remove_facilitator_coordinators_only(&self) -> String {
        self.tr("remove-facilitator-coordinators-only")
    }

    pub fn person_not_in_group(&self, group: &str) -> String {
        self.tra("person-not-in-group", args!["group" => escape(group)])
    }

    /// "X is now a facilitator/member of G".
    pub fn role_changed(&self, name: &str, group: &str, role: Role) -> String {
        let id = match role {
            Role::Facilitator => "promoted",
            Role::Member => "demoted",
        };
        self.tra(id, args!["name" => escape(name), "group" => escape(group)])
    }

    pub fn role_unchanged(&self, name: &str) -> String {
        self.tra("role-unchanged", args!["name" => escape(name)])
    }

    /// What the person whose role changed is told.
    pub fn role_notice(&self, group: &str, role: Role) -> String {
        let id = match role {
            Role::Facilitator => "promoted-notice",
            Role::Member => "demoted-notice",
        };
        self.tra(id, args!["group" => escape(group)])
    }

    pub fn rotate_choose(&self, group: &str) -> String {
        self.tra("rotate-choose", args!["group" => escape(group)])
    }

    pub fn rotate_button(&self, role: Option<Role>) -> String {
        self.tr(match role {
            Some(Role::Member) => "rotate-member-button",
            Some(Role::Facilitator) => "rotate-facilitator-button",
            None => "rotate-both-button",
        })
    }

    pub fn rotated(&self, group: &str) -> String {
        self.tra("rotated", args!["group" => escape(group)])
    }

    pub fn invite_limit(&self, limit: &LinkLimit) -> String {
        let expires = limit
            .expires_at
            .map_or_else(|| "none".to_owned(), |at| self.date_time_label(at));
        let uses = limit
            .max_uses
            .map_or_else(|| "none".to_owned(), |n| n.to_string());
        self.tra("invite-limit", args!["expires" => expires, "uses" => uses])
    }

    pub fn archive_confirm(&self, group: &str, farewell: Option<&str>) -> String {
        let mut text = self.tra("archive-confirm", args!["group" => escape(group)]);
        if let Some(words) = farewell {
            text.push_str("\n\n");
            text.push_str(&self.tra("quoted", args!["text" => escape(words)]));
        }
        text
    }

    pub fn archive_button(&self) -> String {
        self.tr("archive-button")
    }

    pub fn archived_done(&self, group: &str, count: u64) -> String {
        self.tra(
            "archived-done",
            args!["group" => escape(group), "count" => count],
        )
    }

    pub fn archived_notice(&self, group: &str, farewell: Option<&str>) -> String {
        let mut text = self.tra("archived-notice", args!["group" => escape(group)]);
        if let Some(words) = farewell {
            text.push_str("\n\n");
            text.push_str(&self.tra("quoted", args!["text" => escape(words)]));
        }
        text
    }

    pub fn already_archived(&self, group: &str) -> String {
        self.tra("already-archived", args!["group" => escape(group)])
    }

    pub fn not_archived(&self, group: &str) -> String {
        self.tra("not-archived", args!["group" => escape(group)])
    }

    pub fn unarchived(&self, group: &str) -> String {
        self.tra("unarchived", args!["group" => escape(group)])
    }

    pub fn audit(&self, group: &str, days: u32, events: &[AuditEvent]) -> String {
        if events.is_empty() {
            return self.tra(
                "audit-none",
                args!["group" => escape(group), "days" => days],
            );
        }
        let mut text = self.tra(
            "audit-title",
            args!["group" => escape(group), "days" => days],
        );
        for event in events {
            text.push('\n');
            text.push_str(&self.audit_line(event));
        }
        text
    }

    fn party(&self, party: &Party) -> String {
        match party {
            Party::Person(name) => escape(name),
            Party::Operator => self.tr("audit-operator"),
            Party::Erased => self.tr("audit-erased"),
        }
    }

    fn audit_line(&self, event: &AuditEvent) -> String {
        let at: DateTime<Utc> = event.at;
        let action: AuditAction = event.action;
        let detail = if event.detail.is_empty() {
            "none".to_owned()
        } else {
            escape(&event.detail)
        };
        self.tra(
            "audit-line",
            args![
                "at" => self.date_time_label(at),
                "actor" => self.party(&event.actor),
                "action" => action.as_str(),
                "target" => event.target.as_ref().map(|t| self.party(t)).unwrap_or_default(),
                "detail" => detail,
            ],
        )
    }
}
