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

/// Who may use a command at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// Everyone (what it does depends on who they are).
    Anyone,
    /// Facilitators of some working group, and coordinators.
    Facilitators,
    /// Coordinators only.
    Coordinators,
}

/// Reads a known command's arguments.
pub(super) type Parser = fn(&mut Input<'_>) -> Result<Command, ParseError>;

macro_rules! command_table {
    ($($variant:ident = $name:literal, $place:ident, $who:ident, menu: $menu:literal, $parse:expr;)*) => {
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

            /// Who may use it at all (the handler then checks the group): asked before the
            /// grammar, so a person without the right is refused, not taught the syntax.
            pub const fn who(self) -> Who {
                match self {
                    $(CommandName::$variant => Who::$who,)*
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
    Start       = "start",       PrivateChat, Anyone,       menu: true, parse::start;
    Groups      = "groups",      PrivateChat, Anyone,       menu: true, |_| Ok(Command::Groups);
    Help        = "help",        PrivateChat, Anyone,       menu: true, |_| Ok(Command::Help);
    Leave       = "leave",       PrivateChat, Anyone,       menu: true, |i| Ok(Command::Leave(i.only_slug()?));
    Invite      = "invite",      PrivateChat, Facilitators, menu: true, parse::invite;
    Outcome     = "outcome",     PrivateChat, Facilitators, menu: true, parse::outcome;
    Prototype   = "prototype",   PrivateChat, Facilitators, menu: true, parse::prototype;
    Status      = "status",      PrivateChat, Facilitators, menu: true, |i| Ok(Command::Status(i.only_optional_slug()?));
    Comment     = "comment",     PrivateChat, Anyone,       menu: true, parse::comment;
    Ask         = "ask",         PrivateChat, Facilitators, menu: true, parse::ask;
    Comments    = "comments",    PrivateChat, Facilitators, menu: true, parse::comments;
    Hide        = "hide",        PrivateChat, Facilitators, menu: true, parse::hide;
    Link        = "link",        GroupChat,   Facilitators, menu: true, |i| Ok(Command::Link(i.only_slug()?));
    Unlink      = "unlink",      GroupChat,   Facilitators, menu: true, |_| Ok(Command::Unlink);
    Stop        = "stop",        PrivateChat, Anyone,       menu: true, |i| Ok(Command::Stop(i.only_optional_slug()?));
    Resume      = "resume",      PrivateChat, Anyone,       menu: true, |i| Ok(Command::Resume(i.only_optional_slug()?));
    Language    = "language",    PrivateChat, Anyone,       menu: true, |i| i.end().map(|()| Command::Language);
    Privacy     = "privacy",     PrivateChat, Anyone,       menu: true, |_| Ok(Command::Privacy);
    MyData      = "mydata",      PrivateChat, Anyone,       menu: true, |_| Ok(Command::MyData);
    Forget      = "forget",      PrivateChat, Anyone,       menu: true, |_| Ok(Command::Forget);
    Survey      = "survey",      PrivateChat, Facilitators, menu: true, parse::survey;
    CloseSurvey = "closesurvey", PrivateChat, Facilitators, menu: true, parse::close_survey;
    Digest      = "digest",      PrivateChat, Facilitators, menu: true, parse::digest;
    Export      = "export",      PrivateChat, Coordinators, menu: true, |i| Ok(Command::Export(i.only_optional_slug()?));
    NewGroup    = "newgroup",    PrivateChat, Coordinators, menu: true, parse::newgroup;
    Members     = "members",     PrivateChat, Facilitators, menu: true, |i| Ok(Command::Members(i.only_slug()?));
    Remove      = "remove",      PrivateChat, Facilitators, menu: true, parse::remove;
    Promote     = "promote",     PrivateChat, Facilitators, menu: true, parse::promote;
    Demote      = "demote",      PrivateChat, Coordinators, menu: true, parse::demote;
    Rotate      = "rotate",      PrivateChat, Facilitators, menu: true, |i| Ok(Command::Rotate(i.only_slug()?));
    Archive     = "archive",     PrivateChat, Coordinators, menu: true, parse::archive;
    Unarchive   = "unarchive",   PrivateChat, Coordinators, menu: true, |i| Ok(Command::Unarchive(i.only_slug()?));
    Audit       = "audit",       PrivateChat, Facilitators, menu: true, parse::audit;
    Web         = "web",         PrivateChat, Facilitators, menu: true, parse::web;
    // Issue #19: networks.
    HelpWith    = "help_with",   PrivateChat, Anyone,       menu: true, parse::help_with;
    Offers      = "offers",      PrivateChat, Anyone,       menu: true, |_| Ok(Command::Offers);
    Volunteers  = "volunteers",  PrivateChat, Facilitators, menu: true, parse::volunteers;
    Introduce   = "introduce",   PrivateChat, Facilitators, menu: true, parse::introduce;
    Actor       = "actor",       PrivateChat, Facilitators, menu: true, parse::actor;
    Actors      = "actors",      PrivateChat, Facilitators, menu: true, |i| Ok(Command::Actors(i.only_slug()?));
    ShareActor  = "share_actor", PrivateChat, Facilitators, menu: true, parse::share_actor;
    Profile     = "profile",     PrivateChat, Anyone,       menu: true, parse::profile;
    People      = "people",      PrivateChat, Anyone,       menu: true, parse::people;
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
