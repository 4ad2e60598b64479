//! Participant rights: `/stop`, `/resume`, `/privacy`, `/mydata`, `/forget`; refusals for missing rights.

use super::*;

impl Texts<'_> {
    pub fn paused_all(&self) -> String {
        self.tr("paused-all")
    }

    pub fn already_paused(&self) -> String {
        self.tr("already-paused")
    }

    pub fn paused_group(&self, slug: &GroupSlug) -> String {
        self.tra("paused-group", args!["slug" => slug.to_string()])
    }

    pub fn resumed(&self) -> String {
        self.tr("resumed")
    }

    pub fn nothing_to_resume(&self) -> String {
        self.tr("nothing-to-resume")
    }

    pub fn resumed_group(&self, slug: &GroupSlug, still_paused_all: bool) -> String {
        let id = if still_paused_all {
            "resumed-group-still-paused"
        } else {
            "resumed-group"
        };
        self.tra(id, args!["slug" => slug.to_string()])
    }

    pub fn nothing_stored(&self) -> String {
        self.tr("nothing-stored")
    }

    pub fn privacy(&self) -> String {
        self.tr("privacy")
    }

    pub fn mydata_caption(&self) -> String {
        self.tr("mydata-caption")
    }

    pub fn forget_confirm(&self) -> String {
        self.tr("forget-confirm")
    }

    pub fn forget_yes(&self) -> String {
        self.tr("forget-yes")
    }

    pub fn forget_no(&self) -> String {
        self.tr("forget-no")
    }

    pub fn forgotten(&self) -> String {
        self.tr("forgotten")
    }

    pub fn not_forgotten(&self) -> String {
        self.tr("not-forgotten")
    }

    // ---- rights -----------------------------------------------------------------------------

    pub fn coordinators_only(&self) -> String {
        self.tr("coordinators-only")
    }

    /// A facilitator command, to someone who facilitates no group.
    pub fn facilitators_only_command(&self) -> String {
        self.tr("facilitators-only-command")
    }

    pub fn facilitators_only(&self, slug: &GroupSlug) -> String {
        self.tra("facilitators-only", args!["slug" => slug.to_string()])
    }

    /// The toast when a person's data was erased.
    pub fn forgotten_toast(&self) -> String {
        self.tr("forgotten-toast")
    }
}
