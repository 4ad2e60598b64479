//! What the audit trail records: [`AuditAction`], one kind of change to a working group.

use std::fmt;

/// One kind of change to a working group, as the audit trail stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    GroupCreated,
    MemberRemoved,
    Promoted,
    Demoted,
    LinkRotated,
    /// An expiry or a use cap was set on an invite link.
    LinkLimited,
    Archived,
    Unarchived,
    ChatLinked,
    ChatUnlinked,
    CommentHidden,
    SurveyClosed,
    PostSent,
    SurveySent,
}

impl AuditAction {
    pub const ALL: [AuditAction; 14] = [
        AuditAction::GroupCreated,
        AuditAction::MemberRemoved,
        AuditAction::Promoted,
        AuditAction::Demoted,
        AuditAction::LinkRotated,
        AuditAction::LinkLimited,
        AuditAction::Archived,
        AuditAction::Unarchived,
        AuditAction::ChatLinked,
        AuditAction::ChatUnlinked,
        AuditAction::CommentHidden,
        AuditAction::SurveyClosed,
        AuditAction::PostSent,
        AuditAction::SurveySent,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            AuditAction::GroupCreated => "group_created",
            AuditAction::MemberRemoved => "member_removed",
            AuditAction::Promoted => "promoted",
            AuditAction::Demoted => "demoted",
            AuditAction::LinkRotated => "link_rotated",
            AuditAction::LinkLimited => "link_limited",
            AuditAction::Archived => "archived",
            AuditAction::Unarchived => "unarchived",
            AuditAction::ChatLinked => "chat_linked",
            AuditAction::ChatUnlinked => "chat_unlinked",
            AuditAction::CommentHidden => "comment_hidden",
            AuditAction::SurveyClosed => "survey_closed",
            AuditAction::PostSent => "post_sent",
            AuditAction::SurveySent => "survey_sent",
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

from_str_by_all!(AuditAction);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_text() {
        for action in AuditAction::ALL {
            assert_eq!(action.as_str().parse::<AuditAction>(), Ok(action));
        }
        assert!("removed".parse::<AuditAction>().is_err());
    }
}
