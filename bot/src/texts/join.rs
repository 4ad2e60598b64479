//! Joining a working group: consent, welcome, invite links.

use super::*;

impl Texts<'_> {
    pub fn consent(&self, group: &str, role: Role) -> String {
        self.tra(
            "consent",
            args!["group" => escape(group), "role" => role_key(role)],
        )
    }

    pub fn consent_agree_button(&self) -> String {
        self.tr("consent-agree-button")
    }

    pub fn consent_decline_button(&self) -> String {
        self.tr("consent-decline-button")
    }

    pub fn consent_accepted(&self) -> String {
        self.tr("consent-accepted")
    }

    pub fn consent_accepted_toast(&self) -> String {
        self.tr("consent-accepted-toast")
    }

    /// The current consent text, shown again to someone who agreed to an older one.
    pub fn consent_renewal(&self) -> String {
        self.tr("consent-renewal")
    }

    /// The renewal's message once they agreed.
    pub fn consent_renewed(&self) -> String {
        self.tr("consent-renewed")
    }

    pub fn declined(&self) -> String {
        self.tr("declined")
    }

    pub fn joined(&self, j: &Joined) -> String {
        let args = args!["group" => escape(j.name.as_str()), "role" => role_key(j.role)];
        match j.change {
            JoinChange::New => self.tra("joined-new", args),
            JoinChange::Promoted => self.tra("joined-promoted", args),
            JoinChange::Already => self.tra("joined-already", args),
        }
    }

    pub fn unknown_code(&self) -> String {
        self.tr("unknown-code")
    }

    pub fn archived(&self, name: &str) -> String {
        self.tra("archived", args!["group" => escape(name)])
    }

    pub fn stale_invite_toast(&self) -> String {
        self.tr("stale-invite-toast")
    }

    pub fn welcome(&self) -> String {
        self.tr("welcome")
    }

    pub fn welcome_back(&self, groups: &[MembershipView]) -> String {
        self.tra("welcome-back", args!["count" => groups.len()])
    }

    /// The toast when someone declines consent.
    pub fn declined_toast(&self) -> String {
        self.tr("declined-toast")
    }
}
