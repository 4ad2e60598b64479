//! `/help` by role, and the command menu.

use super::*;

/// What a person may do, for `/help`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Abilities {
    pub member: bool,
    pub facilitator: bool,
    pub coordinator: bool,
}

impl Texts<'_> {
    pub fn help(&self, can: Abilities) -> String {
        let mut sections = vec![self.tr("help-everyone")];
        if can.member || can.facilitator {
            sections.push(self.tr("help-member"));
        }
        if can.facilitator || can.coordinator {
            sections.push(format!("\n{}", self.tr("help-facilitator")));
        }
        if can.coordinator {
            sections.push(format!("\n{}", self.tr("help-coordinator")));
        }
        if !(can.member || can.facilitator || can.coordinator) {
            sections.push(format!("\n{}", self.tr("help-nobody")));
        }
        sections.join("\n")
    }

    /// The commands shown in Telegram's menu (setMyCommands).
    pub fn menu(&self) -> Vec<(CommandName, String)> {
        [
            CommandName::Start,
            CommandName::Groups,
            CommandName::Help,
            CommandName::Leave,
            CommandName::Invite,
            CommandName::Outcome,
            CommandName::Prototype,
            CommandName::Status,
            CommandName::Comment,
            CommandName::Ask,
            CommandName::Comments,
            CommandName::Hide,
            CommandName::Link,
            CommandName::Unlink,
            CommandName::Stop,
            CommandName::Resume,
            CommandName::Language,
            CommandName::Privacy,
            CommandName::MyData,
            CommandName::Forget,
            CommandName::Survey,
            CommandName::CloseSurvey,
            CommandName::Digest,
            CommandName::Export,
            CommandName::NewGroup,
        ]
        .into_iter()
        .map(|c| (c, self.tr(&format!("menu-{}", c.as_str()))))
        .collect()
    }
}
