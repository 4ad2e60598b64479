//! `/groups`, `/leave`, `/newgroup`, `/invite`.

use super::*;

impl Texts<'_> {
    pub fn my_groups(&self, groups: &[MembershipView]) -> String {
        if groups.is_empty() {
            return self.tr("no-groups");
        }
        let mut text = self.tr("my-groups-title");
        text.push('\n');
        for g in groups {
            text.push_str(&self.tra(
                "my-groups-line",
                args![
                    "group" => escape(g.name.as_str()),
                    "slug" => g.slug.to_string(),
                    "role" => role_key(g.role),
                ],
            ));
            text.push('\n');
        }
        text
    }

    pub fn all_groups(&self, groups: &[GroupOverview]) -> String {
        if groups.is_empty() {
            return format!("\n{}", self.tr("all-groups-none"));
        }
        let mut text = format!("\n{}\n", self.tr("all-groups-title"));
        for g in groups {
            text.push_str(&self.tra(
                "all-groups-line",
                args![
                    "group" => escape(g.name.as_str()),
                    "slug" => g.slug.to_string(),
                    "members" => g.members,
                    "facilitators" => g.facilitators,
                    "archived" => yes_no(g.archived),
                ],
            ));
            text.push('\n');
        }
        text
    }

    pub fn left(&self, slug: &GroupSlug) -> String {
        self.tra("left", args!["slug" => slug.to_string()])
    }

    pub fn not_in_group(&self, slug: &GroupSlug) -> String {
        self.tra("not-in-group", args!["slug" => slug.to_string()])
    }

    pub fn group_created(
        &self,
        name: &str,
        slug: &GroupSlug,
        member_link: &str,
        facilitator_link: &str,
    ) -> String {
        self.tra(
            "group-created",
            args![
                "group" => escape(name),
                "slug" => slug.to_string(),
                "member-link" => member_link,
                "facilitator-link" => facilitator_link,
            ],
        )
    }

    pub fn slug_taken(&self, slug: &GroupSlug) -> String {
        self.tra("slug-taken", args!["slug" => slug.to_string()])
    }

    pub fn invite_links(
        &self,
        name: &str,
        member_link: &str,
        facilitator_link: Option<&str>,
    ) -> String {
        let mut text = self.tra(
            "invite-member-link",
            args!["group" => escape(name), "link" => member_link],
        );
        if let Some(link) = facilitator_link {
            text.push_str("\n\n");
            text.push_str(&self.tra("invite-facilitator-link", args!["link" => link]));
        }
        text
    }

    pub fn unknown_group(&self, slug: &GroupSlug) -> String {
        self.tra("unknown-group", args!["slug" => slug.to_string()])
    }
}
