//! The one table of commands. Every command coloop understands is one row here: the name
//! typed after `/`, where it may be used, whether Telegram's menu shows it, and its parser.
//! [`CommandName`], [`CommandName::ALL`], the names and the menu all come from this table, so
//! they cannot disagree; the rows are in the menu's order.
//!
//! Adding a command: a row here, its parser in `parse.rs`, its variant of
//! [`Command`](super::Command), its handler, and its `usage-` and `menu-` catalogue lines.

use super::parse::{self, Input};
use super::{Command, ParseError};

/// Where a command may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// The person's private chat with the bot.
    PrivateChat,
    /// A Telegram group chat (one linked, or to link, to a working group).
    GroupChat,
}

/// Reads a known command's arguments.
pub(super) type Parser = fn(&mut Input<'_>) -> Result<Command, ParseError>;

macro_rules! command_table {
    ($($variant:ident = $name:literal, $place:ident, menu: $menu:literal, $parse:expr;)*) => {
        /// The commands coloop understands, by name, in the order of Telegram's menu. Used for
        /// usage texts, the menu and the role matrix.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CommandName {
            $($variant,)*
        }

        impl CommandName {
            /// Every command, in the table's order: complete by construction.
            pub const ALL: [CommandName; [$($name),*].len()] = [$(CommandName::$variant),*];

            /// The name typed after `/` (lower case).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(CommandName::$variant => $name,)*
                }
            }

            /// Where the command may be used.
            pub const fn place(self) -> Place {
                match self {
                    $(CommandName::$variant => Place::$place,)*
                }
            }

            /// Whether Telegram's command menu (setMyCommands) lists it.
            pub const fn in_menu(self) -> bool {
                match self {
                    $(CommandName::$variant => $menu,)*
                }
            }

            pub(super) fn parser(self) -> Parser {
                match self {
                    $(CommandName::$variant => $parse,)*
                }
            }
        }
    };
}

command_table! {
    Start       = "start",       PrivateChat, menu: true, parse::start;
    Groups      = "groups",      PrivateChat, menu: true, |_| Ok(Command::Groups);
    Help        = "help",        PrivateChat, menu: true, |_| Ok(Command::Help);
    Leave       = "leave",       PrivateChat, menu: true, |i| Ok(Command::Leave(i.only_slug()?));
    Invite      = "invite",      PrivateChat, menu: true, parse::invite;
    Outcome     = "outcome",     PrivateChat, menu: true, parse::outcome;
    Prototype   = "prototype",   PrivateChat, menu: true, parse::prototype;
    Status      = "status",      PrivateChat, menu: true, |i| Ok(Command::Status(i.only_optional_slug()?));
    Comment     = "comment",     PrivateChat, menu: true, parse::comment;
    Ask         = "ask",         PrivateChat, menu: true, parse::ask;
    Comments    = "comments",    PrivateChat, menu: true, parse::comments;
    Hide        = "hide",        PrivateChat, menu: true, parse::hide;
    Link        = "link",        GroupChat,   menu: true, |i| Ok(Command::Link(i.only_slug()?));
    Unlink      = "unlink",      GroupChat,   menu: true, |_| Ok(Command::Unlink);
    Stop        = "stop",        PrivateChat, menu: true, |i| Ok(Command::Stop(i.only_optional_slug()?));
    Resume      = "resume",      PrivateChat, menu: true, |i| Ok(Command::Resume(i.only_optional_slug()?));
    Language    = "language",    PrivateChat, menu: true, |i| i.end().map(|()| Command::Language);
    Privacy     = "privacy",     PrivateChat, menu: true, |_| Ok(Command::Privacy);
    MyData      = "mydata",      PrivateChat, menu: true, |_| Ok(Command::MyData);
    Forget      = "forget",      PrivateChat, menu: true, |_| Ok(Command::Forget);
    Survey      = "survey",      PrivateChat, menu: true, parse::survey;
    CloseSurvey = "closesurvey", PrivateChat, menu: true, parse::close_survey;
    Digest      = "digest",      PrivateChat, menu: true, parse::digest;
    Export      = "export",      PrivateChat, menu: true, |i| Ok(Command::Export(i.only_optional_slug()?));
    NewGroup    = "newgroup",    PrivateChat, menu: true, parse::newgroup;
    Members     = "members",     PrivateChat, menu: true, |i| Ok(Command::Members(i.only_slug()?));
    Remove      = "remove",      PrivateChat, menu: true, parse::remove;
    Promote     = "promote",     PrivateChat, menu: true, parse::promote;
    Demote      = "demote",      PrivateChat, menu: true, parse::demote;
    Rotate      = "rotate",      PrivateChat, menu: true, |i| Ok(Command::Rotate(i.only_slug()?));
    Archive     = "archive",     PrivateChat, menu: true, parse::archive;
    Unarchive   = "unarchive",   PrivateChat, menu: true, |i| Ok(Command::Unarchive(i.only_slug()?));
    Audit       = "audit",       PrivateChat, menu: true, parse::audit;
}

impl CommandName {
    /// The command named `name` (lower case, without `/`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The commands Telegram's menu lists, in order.
    pub fn menu() -> impl Iterator<Item = CommandName> {
        Self::ALL.into_iter().filter(|c| c.in_menu())
    }
}
