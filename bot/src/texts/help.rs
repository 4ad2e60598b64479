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

    /// The commands shown in Telegram's menu (setMyCommands), in the command table's order.
    pub fn menu(&self) -> Vec<(CommandName, String)> {
        CommandName::menu()
            .map(|c| (c, self.tr(&format!("menu-{}", c.as_str()))))
            .collect()
    }
}
