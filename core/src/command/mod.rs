//! The grammar of what people type and press, parsed into typed values before any handler runs.
//!
//! A message is a command when its first word starts with `/`. Commands may be addressed to a
//! bot (`/help@coloop_bot`); one addressed to another bot is not ours. Multi-line commands use
//! the first line for arguments and the rest as the body.
//!
//! This module owns [`Command`], the value a command message becomes. The one table of
//! commands is in `table.rs`, the grammar in `parse.rs`, the inline buttons in `callback.rs`.

mod callback;
mod parse;
mod table;
#[cfg(test)]
mod tests;

pub use callback::{Callback, PickWhat, Press};
pub use parse::{ParseError, is_addressed_to, is_stop_word, parse};
pub use table::{CommandName, Place, Who};

/// What `/profile` carried (issue #19, who's who).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileArg {
    /// `/profile` alone: what is listed, and how to change it.
    Show,
    /// `/profile off`: off the list at once.
    Off,
    /// `/profile <one line>`: listed with it.
    Set(ProfileLine),
}

/// A new actor (`/actor add <group> <name>` and its lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActor {
    pub group: GroupSlug,
    pub name: ActorName,
    pub offers: Option<ActorOffers>,
    pub contact: Option<ActorContact>,
    pub category: Option<Category>,
}

use crate::domain::{
    ActorContact, ActorName, ActorOffers, Category, Challenge, CommentId, GroupName, GroupSlug,
    InviteCode, PostContent, PostId, PostKind, ProfileLine, SurveyId,
};

/// What `/start` carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartArg {
    /// `/start` alone.
    None,
    /// A well-formed code (it may still be unknown to the database).
    Code(InviteCode),
    /// Something no invite link can produce.
    Malformed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start(StartArg),
    Help,
    Groups,
    Leave(GroupSlug),
    NewGroup {
        slug: GroupSlug,
        name: GroupName,
        challenge: Challenge,
    },
    Invite(GroupSlug),
    /// `/invite <group> [expires 7d] [uses 50]` with at least one limit.
    InviteLimited {
        group: GroupSlug,
        expires_days: Option<u32>,
        uses: Option<u32>,
    },
    /// `/members <group>`.
    Members(GroupSlug),
    /// `/remove <group> [name]`.
    Remove {
        group: GroupSlug,
        name: Option<String>,
    },
    /// `/promote <group> [name]`.
    Promote {
        group: GroupSlug,
        name: Option<String>,
    },
    /// `/demote <group> [name]`.
    Demote {
        group: GroupSlug,
        name: Option<String>,
    },
    /// `/rotate <group>`.
    Rotate(GroupSlug),
    /// `/archive <group>`, optional last words to the members.
    Archive {
        group: GroupSlug,
        farewell: Option<String>,
    },
    /// `/unarchive <group>`.
    Unarchive(GroupSlug),
    /// `/audit <group> [days]`.
    Audit {
        group: GroupSlug,
        days: Option<u32>,
    },
    /// `/outcome` or `/prototype`: a post to preview, then broadcast.
    Broadcast {
        group: GroupSlug,
        content: PostContent,
        /// Earlier posts of the group this one answers (`answers: 12, 15`): whoever gave
        /// feedback on them gets a personal note with it ("you said, we did").
        answers: Vec<PostId>,
    },
    /// `/status [group]`.
    Status(Option<GroupSlug>),
    /// `/comment [group] <text>`: a general comment to a group. Whether the first word names
    /// a group depends on the groups the person is in, so both readings are kept: the handler
    /// takes `group` + `rest` when the person is in that group, `text` otherwise.
    Comment {
        group: Option<GroupSlug>,
        rest: String,
        text: String,
    },
    /// `/comments <group> [post id]`.
    Comments {
        group: GroupSlug,
        post: Option<PostId>,
    },
    /// `/hide <comment id>`.
    Hide(CommentId),
    /// `/link <group>`, in a Telegram group chat.
    Link(GroupSlug),
    /// `/unlink`, in a linked Telegram group chat.
    Unlink,
    /// `/stop [group]` (or the word STOP alone): pause pushes.
    Stop(Option<GroupSlug>),
    /// `/resume [group]`.
    Resume(Option<GroupSlug>),
    /// `/language`: choose the language coloop writes in.
    Language,
    Privacy,
    MyData,
    Forget,
    /// `/digest [group] [days]`.
    Digest {
        group: Option<GroupSlug>,
        days: Option<u32>,
    },
    /// `/export [group]`.
    Export(Option<GroupSlug>),
    /// `/survey <group> <title>` and one question a line. The spec is parsed by the handler
    /// (its errors name lines, and there may be several), from the title and body kept here.
    Survey {
        group: GroupSlug,
        title: String,
        body: String,
    },
    /// `/closesurvey <id>`.
    CloseSurvey(SurveyId),
    /// `/web [logout]`: the dashboard's sign-in link, or signing out of it everywhere.
    Web(WebAction),
    /// `/help_with <post>`: offer help with a prototype.
    HelpWith(PostId),
    /// `/offers`: what the person offered, to withdraw.
    Offers,
    /// `/volunteers <group> [post]`.
    Volunteers {
        group: GroupSlug,
        post: Option<PostId>,
    },
    /// `/introduce <group> [post]`: a picker of the volunteers who agreed to be introduced.
    Introduce {
        group: GroupSlug,
        post: Option<PostId>,
    },
    /// `/actor add <group> <name>` and `offers:`, `contact:`, `category:` lines.
    ActorAdd(NewActor),
    /// `/actors <group>`.
    Actors(GroupSlug),
    /// `/share_actor <actor number>`.
    ShareActor(i64),
    /// `/profile`, `/profile off`, `/profile <one line>`.
    Profile(ProfileArg),
    /// `/people <group>`.
    People(GroupSlug),
    /// A command we do not know, by the name typed (without `/`).
    Unknown(String),
}

/// What `/web` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebAction {
    /// `/web`: a sign-in link.
    SignIn,
    /// `/web logout`: end every session.
    SignOut,
}

impl Command {
    /// Which command of the table this is; `None` for one coloop does not know.
    pub fn name(&self) -> Option<CommandName> {
        Some(match self {
            Command::Start(_) => CommandName::Start,
            Command::Help => CommandName::Help,
            Command::Groups => CommandName::Groups,
            Command::Leave(_) => CommandName::Leave,
            Command::NewGroup { .. } => CommandName::NewGroup,
            Command::Invite(_) | Command::InviteLimited { .. } => CommandName::Invite,
            Command::Members(_) => CommandName::Members,
            Command::Remove { .. } => CommandName::Remove,
            Command::Promote { .. } => CommandName::Promote,
            Command::Demote { .. } => CommandName::Demote,
            Command::Rotate(_) => CommandName::Rotate,
            Command::Archive { .. } => CommandName::Archive,
            Command::Unarchive(_) => CommandName::Unarchive,
            Command::Audit { .. } => CommandName::Audit,
            Command::Broadcast { content, .. } => match content.kind() {
                PostKind::Outcome => CommandName::Outcome,
                PostKind::Prototype => CommandName::Prototype,
                PostKind::Question => CommandName::Ask,
            },
            Command::Status(_) => CommandName::Status,
            Command::Comment { .. } => CommandName::Comment,
            Command::Comments { .. } => CommandName::Comments,
            Command::Hide(_) => CommandName::Hide,
            Command::Link(_) => CommandName::Link,
            Command::Unlink => CommandName::Unlink,
            Command::Stop(_) => CommandName::Stop,
            Command::Resume(_) => CommandName::Resume,
            Command::Language => CommandName::Language,
            Command::Privacy => CommandName::Privacy,
            Command::MyData => CommandName::MyData,
            Command::Forget => CommandName::Forget,
            Command::Digest { .. } => CommandName::Digest,
            Command::Export(_) => CommandName::Export,
            Command::Survey { .. } => CommandName::Survey,
            Command::CloseSurvey(_) => CommandName::CloseSurvey,
            Command::Web(_) => CommandName::Web,
            Command::HelpWith(_) => CommandName::HelpWith,
            Command::Offers => CommandName::Offers,
            Command::Volunteers { .. } => CommandName::Volunteers,
            Command::Introduce { .. } => CommandName::Introduce,
            Command::ActorAdd(_) => CommandName::Actor,
            Command::Actors(_) => CommandName::Actors,
            Command::ShareActor(_) => CommandName::ShareActor,
            Command::Profile(_) => CommandName::Profile,
            Command::People(_) => CommandName::People,
            Command::Unknown(_) => return None,
        })
    }

    /// The name typed after `/`, an unknown command's too: for logs.
    pub fn as_str(&self) -> &str {
        match self {
            Command::Unknown(name) => name,
            known => known.name().map_or("", CommandName::as_str),
        }
    }
}
