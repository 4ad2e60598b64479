//! Everything people read from coloop, in one place. Values that came from a person (names,
//! descriptions) are HTML-escaped here, because every message is sent with HTML parse mode.
//!
//! (Issue 7 moves these into per-language message catalogues; keep new text here until then.)

use chrono::NaiveDate;
use coloop_core::command::CommandName;
use coloop_core::domain::{
    Category, CommentId, GroupSlug, InviteCode, MediaKind, PostContent, PostKind, PrototypeStatus,
    Role,
};
use coloop_core::message::split_for_telegram_with_footer;
use coloop_core::store::{
    CommentView, DueNotice, GroupOverview, JoinChange, Joined, MembershipView, PostStatus,
};
use teloxide::utils::html::escape;

pub fn invite_link(bot_username: &str, code: &InviteCode) -> String {
    format!("https://t.me/{bot_username}?start={}", code.as_str())
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Member => "member",
        Role::Facilitator => "facilitator",
    }
}

// ---- joining --------------------------------------------------------------------------------

pub fn consent(group: &str, role: Role) -> String {
    format!(
        "Hi! 👋 You are invited to the <b>{}</b> working group as a {}.\n\n\
         coloop shares what the working group produces with you, asks you short questions and \
         passes your answers and comments back to the group.\n\n\
         <b>What we keep:</b> your Telegram id, name and language, the groups you are in, and \
         later your answers and comments. <b>Who sees it:</b> the facilitators of your groups and \
         the platform's coordinators. You can leave a group at any time with /leave.\n\n\
         Do you agree?",
        escape(group),
        role_label(role)
    )
}

pub const CONSENT_AGREE_BUTTON: &str = "✅ I agree";
pub const CONSENT_DECLINE_BUTTON: &str = "No thanks";
pub const CONSENT_ACCEPTED: &str = "✅ You agreed. Thank you!";
pub const CONSENT_ACCEPTED_TOAST: &str = "Thank you!";

pub const DECLINED: &str = "No problem — nothing about you was stored. If you change your mind, \
     open the invite link again.";

pub fn joined(j: &Joined) -> String {
    let name = escape(j.name.as_str());
    match j.change {
        JoinChange::New => format!(
            "🎉 You joined the <b>{name}</b> working group as a {}.\n\n\
             You will get the outcomes of its sessions here. Send /help to see what you can do.",
            role_label(j.role)
        ),
        JoinChange::Promoted => format!(
            "You are now a <b>facilitator</b> of the <b>{name}</b> working group. Send /help to \
             see what facilitators can do."
        ),
        JoinChange::Already => format!(
            "You are already a {} of the <b>{name}</b> working group.",
            role_label(j.role)
        ),
    }
}

pub const UNKNOWN_CODE: &str = "Sorry, that invite link is not valid (any more). Please ask your \
     facilitator for a fresh link.";

pub fn archived(name: &str) -> String {
    format!(
        "The <b>{}</b> working group is archived and does not take new members any more.",
        escape(name)
    )
}

pub const STALE_INVITE_TOAST: &str = "This invite is no longer valid.";

pub const WELCOME: &str = "Welcome to <b>coloop</b>! 👋\n\n\
     I connect community members with the working groups that co-create solutions for their \
     neighbourhood: I share what the groups produce, ask short questions and pass your \
     feedback back to them.\n\n\
     To join a working group, open the invite link its facilitator shared with you. \
     Send /help to see what you can do.";

pub fn welcome_back(groups: &[MembershipView]) -> String {
    format!(
        "Welcome back! You are in {} working group{}. Send /groups to see them, or /help.",
        groups.len(),
        if groups.len() == 1 { "" } else { "s" }
    )
}

// ---- help -------------------------------------------------------------------------------------

/// What a person may do, for `/help`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Abilities {
    pub member: bool,
    pub facilitator: bool,
    pub coordinator: bool,
}

pub fn help(can: Abilities) -> String {
    let mut text = String::from(
        "<b>What you can do</b>\n\
         /start — join a working group (open its invite link)\n\
         /groups — your working groups and roles\n\
         /help — this list\n\
         /privacy — what I keep about you and why; /mydata — all of it as a file; /forget — erase it\n",
    );
    if can.member || can.facilitator {
        text.push_str(
            "/leave &lt;group&gt; — leave a working group\n\
             /comment [group] &lt;text&gt; — share a comment with your working group\n\
             Reply to any message I pushed to comment on it — text, voice notes and photos are all welcome.\n\
             /stop [group] — pause posts (or just write STOP); /resume — get them again\n",
        );
    }
    if can.facilitator || can.coordinator {
        text.push_str(
            "\n<b>As a facilitator</b>\n\
             /outcome &lt;group&gt; &lt;title&gt; — share a session outcome (summary on the next lines)\n\
             /prototype &lt;group&gt; &lt;category&gt; &lt;title&gt; — share a prototype summary\n\
             /ask &lt;group&gt; &lt;question&gt; — ask the members a listening question\n\
             /comments &lt;group&gt; [post number] — the latest comments\n\
             /hide &lt;comment number&gt; — hide a comment from lists and digests\n\
             /link &lt;group&gt; — inside a Telegram group: post your group's updates there too (/unlink stops it)\n\
             /status [group] — your group's latest posts and how their delivery is going\n\
             /invite &lt;group&gt; — the member invite link of your group\n",
        );
    }
    if can.coordinator {
        text.push_str(
            "\n<b>As a coordinator</b>\n\
             /newgroup &lt;slug&gt; &lt;name&gt; — create a working group (its challenge on the next lines)\n\
             /invite &lt;group&gt; — both invite links of any group\n\
             /groups — also lists every working group\n",
        );
    }
    if !(can.member || can.facilitator || can.coordinator) {
        text.push_str(
            "\nYou are not in a working group yet: open the invite link your facilitator shared.",
        );
    }
    text
}

/// The commands shown in Telegram's menu (setMyCommands).
pub fn menu() -> Vec<(CommandName, &'static str)> {
    vec![
        (CommandName::Start, "Join a working group"),
        (CommandName::Groups, "Your working groups"),
        (CommandName::Help, "What you can do"),
        (CommandName::Leave, "Leave a working group"),
        (CommandName::Invite, "Invite link of a group (facilitators)"),
        (
            CommandName::Outcome,
            "Share a session outcome (facilitators)",
        ),
        (
            CommandName::Prototype,
            "Share a prototype summary (facilitators)",
        ),
        (
            CommandName::Status,
            "Delivery of your group's posts (facilitators)",
        ),
        (
            CommandName::Comment,
            "Share a comment with your working group",
        ),
        (CommandName::Ask, "Ask members a question (facilitators)"),
        (CommandName::Comments, "Latest comments (facilitators)"),
        (CommandName::Hide, "Hide a comment (facilitators)"),
        (
            CommandName::Link,
            "Link this Telegram group to a working group (facilitators)",
        ),
        (
            CommandName::Unlink,
            "Unlink this Telegram group (facilitators)",
        ),
        (CommandName::Stop, "Pause posts (or write STOP)"),
        (CommandName::Resume, "Get posts again"),
        (CommandName::Privacy, "What coloop keeps about you"),
        (CommandName::MyData, "Everything kept about you, as a file"),
        (CommandName::Forget, "Erase everything about you"),
        (
            CommandName::NewGroup,
            "Create a working group (coordinators)",
        ),
    ]
}

// ---- groups -----------------------------------------------------------------------------------

pub fn my_groups(groups: &[MembershipView]) -> String {
    if groups.is_empty() {
        return "You are not in a working group yet. Open the invite link your facilitator shared \
                with you to join one."
            .to_owned();
    }
    let mut text = String::from("<b>Your working groups</b>\n");
    for g in groups {
        text.push_str(&format!(
            "• <b>{}</b> (<code>{}</code>) — {}\n",
            escape(g.name.as_str()),
            g.slug,
            role_label(g.role)
        ));
    }
    text
}

pub fn all_groups(groups: &[GroupOverview]) -> String {
    if groups.is_empty() {
        return "\n<b>All working groups</b>\nNone yet — create one with /newgroup.".to_owned();
    }
    let mut text = String::from("\n<b>All working groups</b> (you are a coordinator)\n");
    for g in groups {
        text.push_str(&format!(
            "• <b>{}</b> (<code>{}</code>) — {} member{}, {} facilitator{}{}\n",
            escape(g.name.as_str()),
            g.slug,
            g.members,
            if g.members == 1 { "" } else { "s" },
            g.facilitators,
            if g.facilitators == 1 { "" } else { "s" },
            if g.archived { " · archived" } else { "" }
        ));
    }
    text
}

pub fn left(slug: &GroupSlug) -> String {
    format!(
        "You left <code>{slug}</code>. You will not get its messages any more. To come back, open \
         its invite link again."
    )
}

pub fn not_in_group(slug: &GroupSlug) -> String {
    format!("You are not in a working group called <code>{slug}</code>. Send /groups to see yours.")
}

pub fn group_created(
    name: &str,
    slug: &GroupSlug,
    member_link: &str,
    facilitator_link: &str,
) -> String {
    format!(
        "✅ Created the <b>{}</b> working group (<code>{slug}</code>).\n\n\
         <b>Member invite link</b> — share it with the community:\n{member_link}\n\n\
         <b>Facilitator invite link</b> — only for the group's facilitators:\n{facilitator_link}",
        escape(name)
    )
}

pub fn slug_taken(slug: &GroupSlug) -> String {
    format!("There is already a working group called <code>{slug}</code>. Pick another short name.")
}

pub fn invite_links(name: &str, member_link: &str, facilitator_link: Option<&str>) -> String {
    let mut text = format!(
        "<b>{}</b>\n\n<b>Member invite link</b> — share it with the community:\n{member_link}",
        escape(name)
    );
    if let Some(link) = facilitator_link {
        text.push_str(&format!(
            "\n\n<b>Facilitator invite link</b> — only for facilitators:\n{link}"
        ));
    }
    text
}

pub fn unknown_group(slug: &GroupSlug) -> String {
    format!("There is no working group called <code>{slug}</code>. Send /groups to see them all.")
}

// ---- broadcasts ------------------------------------------------------------------------------

pub fn category_label(category: Category) -> &'static str {
    match category {
        Category::Community => "Community action",
        Category::Sme => "Small and medium enterprise action",
        Category::LargeScale => "Large-scale action",
        Category::PublicService => "Public-service action (services, policy, regulation)",
    }
}

pub fn status_label(status: PrototypeStatus) -> &'static str {
    match status {
        PrototypeStatus::Idea => "Idea",
        PrototypeStatus::Prototyping => "Prototyping",
        PrototypeStatus::Testing => "Testing",
        PrototypeStatus::Adopted => "Adopted",
        PrototypeStatus::Discarded => "Discarded",
    }
}

fn kind_label(kind: PostKind) -> &'static str {
    match kind {
        PostKind::Outcome => "Session outcome",
        PostKind::Prototype => "Prototype",
        PostKind::Question => "Question",
    }
}

pub fn kind_name(kind: PostKind) -> &'static str {
    kind_label(kind)
}

fn date_label(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A post exactly as its recipients get it: one message, or numbered parts when long.
pub fn render_post(group_name: &str, content: &PostContent) -> Vec<String> {
    let group = escape(group_name);
    let header = match content {
        PostContent::Outcome {
            title,
            session_date,
            ..
        } => {
            let mut header = format!(
                "📣 <b>Session outcome · {group}</b>\n<b>{}</b>",
                escape(title.as_str())
            );
            if let Some(date) = session_date {
                header.push_str(&format!("\n<i>Session of {}</i>", date_label(*date)));
            }
            header
        }
        PostContent::Prototype {
            title,
            category,
            status,
            ..
        } => format!(
            "🧪 <b>Prototype · {group}</b>\n<b>{}</b>\n{} · status: <b>{}</b>",
            escape(title.as_str()),
            category_label(*category),
            status_label(*status)
        ),
        PostContent::Question { .. } => {
            format!("❓ <b>A question from the {group} working group</b>")
        }
    };
    split_for_telegram_with_footer(&header, content.summary().as_str(), REPLY_HINT)
}

/// Under every post: how to answer it.
const REPLY_HINT: &str = "\n\n<i>↩️ Reply to this message to comment.</i>";

pub const PREVIEW_SEND_BUTTON: &str = "📤 Send";
pub const PREVIEW_CANCEL_BUTTON: &str = "✖️ Cancel";

pub fn preview_control(group_name: &str, recipients: i64, chats: i64, parts: usize) -> String {
    let what = if parts == 1 {
        "☝️ This is the preview, exactly as members will see it.".to_owned()
    } else {
        format!("☝️ This is the preview, exactly as members will see it ({parts} messages).")
    };
    let chats = match chats {
        0 => String::new(),
        1 => " and 1 linked group chat".to_owned(),
        n => format!(" and {n} linked group chats"),
    };
    format!(
        "{what}\nSend it to the <b>{}</b> working group — {} {}{chats}?",
        escape(group_name),
        recipients,
        if recipients == 1 { "person" } else { "people" }
    )
}

pub fn broadcast_queued(group_name: &str, recipients: i64) -> String {
    format!(
        "📤 Sent to the <b>{}</b> working group: on its way to {} {}. /status shows how delivery goes.",
        escape(group_name),
        recipients,
        if recipients == 1 { "person" } else { "people" }
    )
}

pub const BROADCAST_QUEUED_TOAST: &str = "Sending…";
pub const ALREADY_SENT_TOAST: &str = "Already sent — it goes out only once.";
pub const DRAFT_CANCELLED_TOAST: &str = "This draft was cancelled.";
pub const CANCELLED: &str = "✖️ Cancelled — nothing was sent.";
pub const CANCELLED_TOAST: &str = "Cancelled";
pub const NOT_YOUR_DRAFT: &str = "Only the person who wrote this post can send it.";

pub fn status(group_name: &str, posts: &[PostStatus]) -> String {
    let mut text = format!("<b>Latest posts · {}</b>\n", escape(group_name));
    if posts.is_empty() {
        text.push_str("Nothing sent yet. Share a session outcome with /outcome.");
        return text;
    }
    for p in posts {
        let when = p
            .sent_at
            .map(|t| t.format("%-d %b %H:%M UTC").to_string())
            .unwrap_or_default();
        text.push_str(&format!(
            "\n#{} {} — <b>{}</b> ({when})\n   ✅ {} sent · ⏳ {} pending · ⚠️ {} failed · 🚫 {} blocked\n",
            p.id,
            kind_label(p.kind),
            escape(&p.title),
            p.sent,
            p.pending,
            p.failed,
            p.blocked
        ));
    }
    text
}

pub fn which_group(groups: &[GroupSlug]) -> String {
    let list: Vec<String> = groups.iter().map(|g| format!("<code>{g}</code>")).collect();
    format!(
        "Which group? Send <code>/status &lt;group&gt;</code>{}",
        if list.is_empty() {
            String::new()
        } else {
            format!(" — yours: {}", list.join(", "))
        }
    )
}

// ---- comments ---------------------------------------------------------------------------------

pub fn comment_thanks(group_name: &str, post_title: Option<&str>) -> String {
    match post_title {
        Some(title) => format!(
            "🙏 Thanks — shared with the <b>{}</b> working group, as a reply to “{}”.",
            escape(group_name),
            escape(title)
        ),
        None => format!(
            "🙏 Thanks — shared with the <b>{}</b> working group.",
            escape(group_name)
        ),
    }
}

pub const ANONYMOUS_BUTTON: &str = "🙈 Keep my name out of it";
pub const ANONYMOUS_DONE: &str =
    "\n\n🙈 Your name is hidden from this comment in every list, digest and export.";
pub const ANONYMOUS_TOAST: &str = "Your name is hidden from this comment.";

pub const WHICH_POST: &str = "Which post is this about?";

pub fn post_choice_label(
    kind: PostKind,
    title: &str,
    slug: &GroupSlug,
    several_groups: bool,
) -> String {
    let icon = match kind {
        PostKind::Outcome => "📣",
        PostKind::Prototype => "🧪",
        PostKind::Question => "❓",
    };
    let mut title: String = title.chars().take(40).collect();
    if several_groups {
        title = format!("{title} ({slug})");
    }
    format!("{icon} {title}")
}

pub fn general_comment_label(group_name: &str) -> String {
    let name: String = group_name.chars().take(40).collect();
    format!("💬 General comment to {name}")
}

pub fn comment_which_group(groups: &[GroupSlug]) -> String {
    let list: Vec<String> = groups.iter().map(|g| format!("<code>{g}</code>")).collect();
    format!(
        "Which group is this for? Send <code>/comment &lt;group&gt; &lt;your comment&gt;</code> — yours: {}",
        list.join(", ")
    )
}

pub const NOT_IN_ANY_GROUP: &str = "You are not in a working group yet, so there is no one to share this with. \
     Open the invite link your facilitator shared with you to join one. Send /help to see what you can do.";

pub fn no_longer_in_group(group_name: &str) -> String {
    format!(
        "You are no longer in the <b>{}</b> working group, so I can't pass this on. Open its invite link to join again.",
        escape(group_name)
    )
}

pub const SLOW_DOWN: &str = "You are sending a lot of comments at once 🙂 — please wait a minute. \
     I did not keep this last one; send it again in a moment.";

fn media_label(kind: MediaKind, duration: Option<i64>) -> String {
    let name = match kind {
        MediaKind::Voice => "voice",
        MediaKind::Audio => "audio",
        MediaKind::Photo => "photo",
        MediaKind::Document => "document",
        MediaKind::VideoNote => "video note",
        MediaKind::Video => "video",
    };
    match duration {
        Some(secs) => format!("[{name} {}:{:02}]", secs / 60, secs % 60),
        None => format!("[{name}]"),
    }
}

fn first_line(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim();
    let mut cut: String = line.chars().take(max).collect();
    if line.chars().count() > max {
        cut.push('…');
    }
    cut
}

pub fn comments_list(group_name: &str, comments: &[CommentView]) -> String {
    let mut text = format!("<b>Latest comments · {}</b>\n", escape(group_name));
    if comments.is_empty() {
        text.push_str("No comments yet.");
        return text;
    }
    for c in comments {
        let author = c
            .author
            .as_deref()
            .map(escape)
            .unwrap_or_else(|| "anonymous".to_owned());
        let about = match &c.post {
            Some((id, title)) => format!(" on #{id} “{}”", escape(title)),
            None => " (general)".to_owned(),
        };
        let mut content = String::new();
        if let Some(media) = &c.media {
            content.push_str(&media_label(media.kind, media.duration_secs));
            content.push(' ');
        }
        if let Some(body) = &c.body {
            content.push_str(&escape(&first_line(body, 300)));
        }
        text.push_str(&format!(
            "\n<b>#{}</b> {author}, {}{about}:\n{}\n",
            c.id,
            c.created_at.format("%-d %b %H:%M"),
            content.trim_end()
        ));
    }
    text.push_str("\nHide one with <code>/hide &lt;number&gt;</code>.");
    text
}

pub fn media_caption(c: &CommentView) -> String {
    let author = c
        .author
        .as_deref()
        .map(escape)
        .unwrap_or_else(|| "anonymous".to_owned());
    format!("#{} — {author}", c.id)
}

pub fn hidden(id: CommentId) -> String {
    format!("Comment #{id} is hidden from lists and digests. It is kept for the record.")
}

pub fn unknown_comment(id: CommentId) -> String {
    format!("There is no comment #{id}.")
}

pub fn new_comments_notice(n: &DueNotice) -> String {
    let mut text = format!(
        "💬 {} new comment{} in <b>{}</b>:\n",
        n.count,
        if n.count == 1 { "" } else { "s" },
        escape(n.group_name.as_str())
    );
    for (body, kind) in &n.first {
        let mut line = String::new();
        if let Some(kind) = kind {
            line.push_str(&media_label(*kind, None));
            line.push(' ');
        }
        if let Some(body) = body {
            line.push_str(&escape(&first_line(body, 120)));
        }
        text.push_str(&format!("• {}\n", line.trim_end()));
    }
    if n.count > n.first.len() as i64 {
        text.push_str("…\n");
    }
    text.push_str(&format!(
        "\nRead them with <code>/comments {}</code>.",
        n.group_slug
    ));
    text
}

// ---- linked group chats ------------------------------------------------------------------------

pub fn linked(group_name: &str, topic: bool) -> String {
    format!(
        "🔗 Linked: what the <b>{}</b> working group shares will also be posted {}. \
         Reply to those posts here to comment; /unlink stops it.",
        escape(group_name),
        if topic { "in this topic" } else { "here" }
    )
}

pub fn linked_elsewhere(slug: &GroupSlug) -> String {
    format!("This chat is already linked to <code>{slug}</code>. Send /unlink first.")
}

pub const UNLINKED: &str = "🔗 Unlinked: working group posts will no longer appear here.";
pub const NOT_LINKED: &str = "This chat is not linked to a working group.";
pub const LINK_IN_A_GROUP: &str =
    "Send /link inside the Telegram group you want to link to your working group.";

pub fn group_comment_thanks(first_name: &str, group_name: &str) -> String {
    format!(
        "🙏 Thanks, {} — shared with the <b>{}</b> working group.",
        escape(first_name),
        escape(group_name)
    )
}

pub fn consent_first_in_private(first_name: &str, link: &str) -> String {
    format!(
        "Thanks, {}! Before I can pass your comments on to the working group, please say OK once \
         in a private chat with me: {link}",
        escape(first_name)
    )
}

// ---- participant rights -------------------------------------------------------------------------

pub const PAUSED_ALL: &str = "⏸ Paused: you will get no posts or questions from any working group. \
     Send /resume when you want them again.";
pub const ALREADY_PAUSED: &str =
    "You had already paused everything. Send /resume to get posts again.";

pub fn paused_group(slug: &GroupSlug) -> String {
    format!(
        "⏸ Paused <code>{slug}</code>: you will get no posts or questions from it. Send <code>/resume {slug}</code> to undo."
    )
}

pub const RESUMED: &str = "▶️ Welcome back — you will get the posts of your working groups again.";
pub const NOTHING_TO_RESUME: &str = "Nothing was paused.";

pub fn resumed_group(slug: &GroupSlug, still_paused_all: bool) -> String {
    let mut text = format!("▶️ Resumed <code>{slug}</code>.");
    if still_paused_all {
        text.push_str(" You have also paused everything: send /resume to get posts again.");
    }
    text
}

pub const NOTHING_STORED: &str = "I store nothing about you: you have not joined a working group.";

pub const PRIVACY: &str = "<b>What coloop keeps about you, and why</b>\n\
     • Your Telegram id, name and language, and when you agreed to this — to know who you are.\n\
     • The working groups you are in and your role — to send you their posts.\n\
     • Which posts were sent to you, and when — so nothing is sent twice or lost.\n\
     • Your comments (text, and Telegram's id of your voice notes and photos) — to pass them on.\n\n\
     <b>Who sees it:</b> the facilitators of your groups and the platform's coordinators. \
     A comment you mark anonymous is shown to nobody with your name.\n\
     <b>How long:</b> until you ask me to forget you (/forget). Leaving a group stops its posts but keeps \
     what you already shared; the platform may also delete old comments after a set number of days.\n\n\
     <b>Your controls</b>\n\
     /stop — pause all posts (or <code>/stop &lt;group&gt;</code> for one group); /resume undoes it\n\
     /mydata — a file with everything I keep about you\n\
     /forget — erase everything about you. Counts already reported (e.g. how many people a post reached) \
     stay as they were, without you in them.";

pub const MYDATA_CAPTION: &str = "Everything coloop keeps about you.";

pub const FORGET_CONFIRM: &str = "This erases everything I keep about you: your profile, your memberships, \
     the record of posts sent to you and all your comments. It cannot be undone. Are you sure?";
pub const FORGET_YES: &str = "🗑 Yes, forget me";
pub const FORGET_NO: &str = "No, keep it";
pub const FORGOTTEN: &str = "🗑 Done: everything I kept about you is erased. If you ever want to take part again, \
     open an invite link and start fresh.";
pub const NOT_FORGOTTEN: &str = "Nothing was erased.";

// ---- rights -----------------------------------------------------------------------------------

pub const COORDINATORS_ONLY: &str = "Sorry, only coordinators can do that.";

pub fn facilitators_only(slug: &GroupSlug) -> String {
    format!("Sorry, only the facilitators of <code>{slug}</code> (and coordinators) can do that.")
}

// ---- wrong input ------------------------------------------------------------------------------

pub fn usage(command: CommandName) -> &'static str {
    match command {
        CommandName::Start => "Usage: <code>/start</code>, or open an invite link.",
        CommandName::Help => "Usage: <code>/help</code>",
        CommandName::Groups => "Usage: <code>/groups</code>",
        CommandName::Leave => {
            "Usage: <code>/leave &lt;group&gt;</code>, e.g. <code>/leave water-access</code>"
        }
        CommandName::Invite => {
            "Usage: <code>/invite &lt;group&gt;</code>, e.g. <code>/invite water-access</code>"
        }
        CommandName::Outcome => {
            "Usage: <code>/outcome &lt;group&gt; &lt;title&gt;</code>, and the summary on the next lines, e.g.\n\
             <code>/outcome water-access Session 3: rain tanks\n\
             date: 2026-11-20\n\
             We agreed to build three rain tanks by the school.</code>\n\
             The <code>date:</code> line (the session's date) is optional."
        }
        CommandName::Prototype => {
            "Usage: <code>/prototype &lt;group&gt; &lt;category&gt; &lt;title&gt;</code>, and the summary on the next lines, e.g.\n\
             <code>/prototype water-access public_service Water kiosks\n\
             status: testing\n\
             Two kiosks run by the council, open 6–10 am.</code>\n\
             Categories: <code>community</code>, <code>sme</code>, <code>large_scale</code>, <code>public_service</code>. \
             Status (optional, default idea): <code>idea</code>, <code>prototyping</code>, <code>testing</code>, \
             <code>adopted</code>, <code>discarded</code>. Posting the same title again updates that prototype."
        }
        CommandName::Status => {
            "Usage: <code>/status &lt;group&gt;</code>, e.g. <code>/status water-access</code>"
        }
        CommandName::Ask => {
            "Usage: <code>/ask &lt;group&gt; &lt;question&gt;</code>, e.g. <code>/ask water-access Where should the first tank go?</code>\n\
             Members answer by replying to it."
        }
        CommandName::Comment => {
            "Usage: <code>/comment &lt;group&gt; &lt;your comment&gt;</code> (the group can be left out if you are in one only)"
        }
        CommandName::Comments => {
            "Usage: <code>/comments &lt;group&gt; [post number]</code>, e.g. <code>/comments water-access</code>"
        }
        CommandName::Hide => {
            "Usage: <code>/hide &lt;comment number&gt;</code>, e.g. <code>/hide 12</code>"
        }
        CommandName::Link => {
            "Usage, inside the Telegram group to link: <code>/link &lt;group&gt;</code>, e.g. <code>/link water-access</code>"
        }
        CommandName::Unlink => "Usage, inside a linked Telegram group: <code>/unlink</code>",
        CommandName::Stop => {
            "Usage: <code>/stop</code> to pause everything, or <code>/stop &lt;group&gt;</code> for one group"
        }
        CommandName::Resume => {
            "Usage: <code>/resume</code>, or <code>/resume &lt;group&gt;</code> for one group"
        }
        CommandName::Privacy => "Usage: <code>/privacy</code>",
        CommandName::MyData => "Usage: <code>/mydata</code>",
        CommandName::Forget => "Usage: <code>/forget</code>",
        CommandName::NewGroup => {
            "Usage: <code>/newgroup &lt;slug&gt; &lt;name&gt;</code>, and the challenge on the next lines, e.g.\n\
             <code>/newgroup water-access Water access for all\n\
             Every household within 200 m of safe water.</code>\n\
             The slug is the short name used in commands: 3–32 characters, a–z, 0–9 and '-'."
        }
    }
}

pub fn bad_input(problem: &str, command: CommandName) -> String {
    let problem: String = problem.chars().take(300).collect();
    format!("{}.\n\n{}", capitalise(&escape(&problem)), usage(command))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn unknown_command(name: &str) -> String {
    format!(
        "I don't know the command /{}. Send /help to see what you can do.",
        escape(&name.chars().take(64).collect::<String>())
    )
}

pub const NO_CONTEXT: &str =
    "I'm not sure what to do with that. Send /help to see what you can do.";

pub fn private_only(bot_username: &str) -> String {
    format!("Please talk to me in a private chat: https://t.me/{bot_username}")
}

pub const STALE_BUTTON: &str = "This button is no longer valid.";

pub const INTERNAL_ERROR: &str =
    "Sorry, something went wrong on our side. It has been logged; please try again later.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_text_is_escaped() {
        assert!(consent("<b>x</b> & co", Role::Member).contains("&lt;b&gt;x&lt;/b&gt; &amp; co"));
        assert!(unknown_command("<x>").contains("&lt;x&gt;"));
    }

    #[test]
    fn help_grows_with_roles() {
        let none = help(Abilities::default());
        let coordinator = help(Abilities {
            coordinator: true,
            ..Abilities::default()
        });
        assert!(!none.contains("/newgroup") && !none.contains("/invite"));
        assert!(coordinator.contains("/newgroup") && coordinator.contains("/invite"));
        let facilitator = help(Abilities {
            facilitator: true,
            ..Abilities::default()
        });
        assert!(facilitator.contains("/invite") && !facilitator.contains("/newgroup"));
        assert!(
            facilitator.contains("/outcome")
                && facilitator.contains("/prototype")
                && facilitator.contains("/status")
        );
    }

    #[test]
    fn every_command_has_usage_and_a_menu_entry() {
        for c in CommandName::ALL {
            assert!(usage(c).contains(c.as_str()));
            assert!(menu().iter().any(|(m, _)| *m == c));
        }
    }
}
