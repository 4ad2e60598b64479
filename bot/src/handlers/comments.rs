//! Comments: replies to pushed messages, `/comment`, plain messages ("which post?"), voice and
//! photo comments, the anonymous button, `/comments` and `/hide` for facilitators.
//!
//! A comment is stored the moment it arrives — before any question is asked — so nothing a
//! person said is lost: "which post?" only files it. The same Telegram message (a redelivered
//! update) is stored once.

use chrono::Utc;
use coloop_core::command::Callback;
use coloop_core::domain::{AuditAction, CommentId, GroupId, GroupSlug, MediaKind, PostId};
use coloop_core::store::{AddComment, Media, MembershipView, NewComment};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, InputFile};

use super::require_facilitator;
use crate::telegram::{
    Ctx, HandlerResult, answer_callback, edit_pressed_message_with, refuse, send_html,
    send_or_queue,
};
use crate::texts::{self, Texts};

/// What a message carries that can be a comment.
struct Said {
    body: Option<String>,
    media: Option<Media>,
}

fn said(msg: &Message) -> Option<Said> {
    let media = |kind, file: &teloxide::types::FileMeta, secs: Option<u32>| Media {
        kind,
        file_id: file.id.0.clone(),
        duration_secs: secs.map(i64::from),
    };
    let media = msg
        .voice()
        .map(|v| media(MediaKind::Voice, &v.file, Some(v.duration.seconds())))
        .or_else(|| {
            msg.audio()
                .map(|a| media(MediaKind::Audio, &a.file, Some(a.duration.seconds())))
        })
        // The largest size of a photo is the last.
        .or_else(|| {
            msg.photo()
                .and_then(<[_]>::last)
                .map(|p| media(MediaKind::Photo, &p.file, None))
        })
        .or_else(|| {
            msg.document()
                .map(|d| media(MediaKind::Document, &d.file, None))
        })
        .or_else(|| {
            msg.video_note()
                .map(|v| media(MediaKind::VideoNote, &v.file, Some(v.duration.seconds())))
        })
        .or_else(|| {
            msg.video()
                .map(|v| media(MediaKind::Video, &v.file, Some(v.duration.seconds())))
        });
    let body = msg.text().or(msg.caption()).map(str::to_owned);
    (body.is_some() || media.is_some()).then_some(Said { body, media })
}

/// The anonymous button under an acknowledgement.
fn thanks_keyboard(texts: Texts<'_>, comment: CommentId) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        texts.anonymous_button(),
        Callback::Anonymous(comment).encode(),
    )]])
}

async fn thank(
    ctx: &Ctx<'_>,
    comment: CommentId,
    group_name: &str,
    post_title: Option<&str>,
) -> HandlerResult {
    let text = ctx.texts().comment_thanks(group_name, post_title);
    let keyboard = thanks_keyboard(ctx.texts(), comment);
    ctx.reply_with(text, keyboard).await?;
    Ok(())
}

/// The flood limit: refuses (politely, storing nothing) beyond N comments a minute.
async fn check_flood(ctx: &Ctx<'_>) -> HandlerResult {
    let since = Utc::now() - chrono::Duration::minutes(1);
    let recent = ctx.store().comments_since(ctx.actor.id, since).await?;
    if recent >= i64::from(ctx.app.comments.per_minute) {
        tracing::info!(recent, "comment flood: refusing");
        return refuse(ctx.texts().slow_down());
    }
    Ok(())
}

/// A message in a private chat that is not a command.
pub async fn on_message(ctx: &Ctx<'_>, msg: &Message) -> HandlerResult {
    let Some(said) = said(msg) else {
        return super::fallback::no_context(ctx).await;
    };
    let groups = ctx.store().memberships_of(ctx.actor.id).await?;
    if groups.is_empty() {
        return refuse(ctx.texts().not_in_any_group());
    }
    if let Some(post) = replied_post(ctx, msg).await? {
        return comment_on_post(ctx, msg, said, post).await;
    }
    comment_without_context(ctx, msg, said, &groups).await
}

/// The post a reply answers, if it replies to one of the bot's pushed messages.
///
/// The delivery worker records a message's id right after Telegram answers; a person can be
/// quicker than that commit. So a reply to a bot message that is not (yet) known is looked up
/// once more after a moment ([`HandlerError::LookAgain`]: the router does it outside the
/// lane, which no handler may hold up) before it is treated as a message without context.
pub async fn replied_post(
    ctx: &Ctx<'_>,
    msg: &Message,
) -> Result<Option<PostId>, crate::telegram::HandlerError> {
    let Some(replied) = msg.reply_to_message() else {
        return Ok(None);
    };
    let chat = msg.chat.id.0;
    let id = i64::from(replied.id.0);
    if let Some(post) = ctx.store().post_of_message(chat, id).await? {
        return Ok(Some(post));
    }
    if !replied.from.as_ref().is_some_and(|u| u.is_bot) {
        return Ok(None);
    }
    if ctx.second_look() {
        return Ok(None);
    }
    Err(crate::telegram::HandlerError::LookAgain)
}

async fn comment_on_post(ctx: &Ctx<'_>, msg: &Message, said: Said, post: PostId) -> HandlerResult {
    let Some(owner) = ctx.store().post_owner(post).await? else {
        return super::fallback::no_context(ctx).await;
    };
    if ctx
        .store()
        .role_in(ctx.actor.id, &owner.slug)
        .await?
        .is_none()
    {
        return refuse(ctx.texts().no_longer_in_group(owner.name.as_str()));
    }
    check_flood(ctx).await?;
    let added = store(ctx, msg, said, owner.group, Some(post), false).await?;
    tracing::info!(post = %post, comment = ?added, "comment on a post");
    match added {
        AddComment::Added(id) | AddComment::Duplicate(id) => {
            thank(ctx, id, owner.name.as_str(), Some(&owner.title)).await
        }
        AddComment::NotAPerson => refuse(ctx.texts().not_in_any_group()),
    }
}

async fn store(
    ctx: &Ctx<'_>,
    msg: &Message,
    said: Said,
    group: GroupId,
    post: Option<PostId>,
    unfiled: bool,
) -> Result<AddComment, crate::telegram::HandlerError> {
    let comment = NewComment {
        group,
        author: ctx.actor.id,
        post,
        chat_id: msg.chat.id.0,
        message_id: msg.id.0.into(),
        body: said.body,
        media: said.media,
        unfiled,
    };
    Ok(ctx.store().add_comment(&comment, Utc::now()).await?)
}

/// Text or media with no reply: stored at once, then "which post is this about?".
async fn comment_without_context(
    ctx: &Ctx<'_>,
    msg: &Message,
    said: Said,
    groups: &[MembershipView],
) -> HandlerResult {
    check_flood(ctx).await?;
    let choices = ctx.store().recent_posts_for(ctx.actor.id, 3).await?;
    let default_group = match choices.first() {
        Some(latest) => ctx.store().group_by_id(latest.group).await?,
        None => ctx.store().group_by_slug(&groups[0].slug).await?,
    };
    let Some(default_group) = default_group else {
        return Err(anyhow::anyhow!("a member's group vanished").into());
    };
    if choices.is_empty() && groups.len() == 1 {
        // Nothing to choose from: a general comment to their only group.
        let added = store(ctx, msg, said, default_group.id, None, false).await?;
        return match added {
            AddComment::Added(id) | AddComment::Duplicate(id) => {
                thank(ctx, id, default_group.name.as_str(), None).await
            }
            AddComment::NotAPerson => refuse(ctx.texts().not_in_any_group()),
        };
    }
    let id = match store(ctx, msg, said, default_group.id, None, true).await? {
        AddComment::Added(id) => id,
        // Asked already (a redelivered update); ask again, it is harmless.
        AddComment::Duplicate(id) => id,
        AddComment::NotAPerson => return refuse(ctx.texts().not_in_any_group()),
    };
    let several = groups.len() > 1;
    let mut rows: Vec<Vec<InlineKeyboardButton>> = choices
        .iter()
        .map(|c| {
            vec![InlineKeyboardButton::callback(
                ctx.texts()
                    .post_choice_label(c.kind, &c.title, &c.group_slug, several),
                Callback::AboutPost(id, c.id).encode(),
            )]
        })
        .collect();
    for g in groups.iter().take(3) {
        if let Some(group) = ctx.store().group_by_slug(&g.slug).await? {
            rows.push(vec![InlineKeyboardButton::callback(
                ctx.texts().general_comment_label(group.name.as_str()),
                Callback::AboutGroup(id, group.id).encode(),
            )]);
        }
    }
    let keyboard = InlineKeyboardMarkup::new(rows);
    ctx.reply_with(ctx.texts().which_post(), keyboard).await?;
    Ok(())
}

/// `/comment [group] <text>`.
pub async fn comment_command(
    ctx: &Ctx<'_>,
    msg: &Message,
    group: Option<&GroupSlug>,
    rest: &str,
    text: &str,
) -> HandlerResult {
    let groups = ctx.store().memberships_of(ctx.actor.id).await?;
    let (slug, body) = match group {
        Some(slug) if groups.iter().any(|g| &g.slug == slug) => (slug.clone(), rest),
        _ => match groups.as_slice() {
            [] => return refuse(ctx.texts().not_in_any_group()),
            [only] => (only.slug.clone(), text),
            several => {
                let slugs: Vec<GroupSlug> = several.iter().map(|g| g.slug.clone()).collect();
                return refuse(ctx.texts().comment_which_group(&slugs));
            }
        },
    };
    let Some(group) = ctx.store().group_by_slug(&slug).await? else {
        return refuse(ctx.texts().unknown_group(&slug));
    };
    check_flood(ctx).await?;
    let said = Said {
        body: Some(body.to_owned()),
        media: None,
    };
    match store(ctx, msg, said, group.id, None, false).await? {
        AddComment::Added(id) | AddComment::Duplicate(id) => {
            thank(ctx, id, group.name.as_str(), None).await
        }
        AddComment::NotAPerson => refuse(ctx.texts().not_in_any_group()),
    }
}

/// "Which post?" answered.
pub async fn on_about(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    comment: CommentId,
    post: Option<PostId>,
    group: Option<GroupId>,
) -> HandlerResult {
    let (group_id, name, title) = match (post, group) {
        (Some(post), _) => match ctx.store().post_owner(post).await? {
            Some(owner) => (owner.group, owner.name, Some(owner.title)),
            None => return answer_callback(ctx, query, ctx.texts().stale_button()).await,
        },
        (None, Some(group)) => match ctx.store().group_by_id(group).await? {
            Some(g) => (g.id, g.name, None),
            None => return answer_callback(ctx, query, ctx.texts().stale_button()).await,
        },
        (None, None) => return answer_callback(ctx, query, ctx.texts().stale_button()).await,
    };
    let Some(group) = ctx.store().group_by_id(group_id).await? else {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    };
    if ctx
        .store()
        .role_in(ctx.actor.id, &group.slug)
        .await?
        .is_none()
    {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    if !ctx
        .store()
        .file_comment(comment, ctx.actor.id, group_id, post)
        .await?
    {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    answer_callback(ctx, query, ctx.texts().comment_anonymous_toast()).await?;
    edit_pressed_message_with(
        ctx,
        query,
        &ctx.texts().comment_thanks(name.as_str(), title.as_deref()),
        Some(thanks_keyboard(ctx.texts(), comment)),
    )
    .await
}

/// "Keep my name out of it".
pub async fn on_anonymous(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    comment: CommentId,
) -> HandlerResult {
    if !ctx
        .store()
        .make_comment_anonymous(comment, ctx.actor.id)
        .await?
    {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    answer_callback(ctx, query, ctx.texts().anonymous_toast()).await?;
    let text = query
        .regular_message()
        .and_then(|m| m.text())
        .map(|t| {
            format!(
                "{}{}",
                teloxide::utils::html::escape(t),
                ctx.texts().anonymous_done()
            )
        })
        .unwrap_or_else(|| ctx.texts().anonymous_done().trim().to_owned());
    edit_pressed_message_with(ctx, query, &text, None).await
}

/// `/comments <group> [post]` (facilitators, coordinators).
pub async fn list(ctx: &Ctx<'_>, slug: &GroupSlug, post: Option<PostId>) -> HandlerResult {
    require_facilitator(ctx, slug).await?;
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().unknown_group(slug));
    };
    let comments = ctx.store().list_comments(group.id, post, 10).await?;
    ctx.reply(ctx.texts().comments_list(group.name.as_str(), &comments))
        .await?;
    // Voice notes and photos are sent again, by Telegram file id: the facilitator hears them.
    for c in comments.iter().rev() {
        let Some(media) = &c.media else { continue };
        let file = InputFile::file_id(media.file_id.clone().into());
        let caption = ctx.texts().media_caption(c);
        let chat = ctx.actor.chat;
        let sent = match media.kind {
            MediaKind::Voice => ctx
                .bot
                .send_voice(chat, file)
                .caption(caption)
                .parse_mode(teloxide::types::ParseMode::Html)
                .await
                .map(drop),
            MediaKind::Audio => ctx
                .bot
                .send_audio(chat, file)
                .caption(caption)
                .parse_mode(teloxide::types::ParseMode::Html)
                .await
                .map(drop),
            MediaKind::Photo => ctx
                .bot
                .send_photo(chat, file)
                .caption(caption)
                .parse_mode(teloxide::types::ParseMode::Html)
                .await
                .map(drop),
            MediaKind::VideoNote => ctx.bot.send_video_note(chat, file).await.map(drop),
            MediaKind::Document | MediaKind::Video => ctx
                .bot
                .send_document(chat, file)
                .caption(caption)
                .parse_mode(teloxide::types::ParseMode::Html)
                .await
                .map(drop),
        };
        if let Err(error) = sent {
            // One unplayable file must not hide the others.
            tracing::warn!(comment = %c.id, %error, "could not re-send a comment's file");
        }
    }
    Ok(())
}

/// `/hide <comment>` (facilitators of its group, coordinators).
pub async fn hide(ctx: &Ctx<'_>, id: CommentId) -> HandlerResult {
    let Some(slug) = ctx.store().comment_group(id).await? else {
        return refuse(ctx.texts().unknown_comment(id));
    };
    if !super::may_facilitate(ctx, &slug).await? {
        return refuse(ctx.texts().unknown_comment(id));
    }
    ctx.store()
        .hide_comment(id, ctx.actor.id, Utc::now())
        .await?;
    super::people::audited(ctx, &slug, AuditAction::CommentHidden, format!("#{id}")).await;
    ctx.reply(ctx.texts().hidden(id)).await?;
    Ok(())
}

/// A reply, in a linked group chat, to one of the bot's posts there: a comment of its author.
/// Someone who never agreed to the consent text is asked to, in private, and nothing is stored.
pub async fn on_group_reply(ctx: &Ctx<'_>, msg: &Message, post: PostId) -> HandlerResult {
    let Some(said) = said(msg) else {
        return Ok(());
    };
    let Some(owner) = ctx.store().post_owner(post).await? else {
        return Ok(());
    };
    // Only while the chat is linked to that (live) group.
    if ctx.store().linked_group(msg.chat.id.0).await?.as_ref() != Some(&owner.slug) {
        tracing::debug!("a reply to an old post in a chat no longer linked");
        return Ok(());
    }
    // Someone who left the group, or was removed from it, comments there no more.
    if ctx.store().left_group(ctx.actor.id, owner.group).await? {
        let text = ctx.texts().no_longer_in_group(owner.name.as_str());
        return group_reply(ctx, msg, text).await;
    }
    let first_name = ctx.actor.user.first_name.clone();
    if ctx
        .store()
        .person_by_telegram(ctx.actor.id)
        .await?
        .is_none()
    {
        let Some(group) = ctx.store().group_by_id(owner.group).await? else {
            return Ok(());
        };
        let link = texts::invite_link(&ctx.app.bot_username, &group.member_code);
        return group_reply(
            ctx,
            msg,
            ctx.texts().consent_first_in_private(&first_name, &link),
        )
        .await;
    }
    // Only the group's members' replies are its comments: someone who left, or belongs to
    // another group only, hears so in private (at most once a day) and nothing is stored.
    if ctx
        .store()
        .role_in(ctx.actor.id, &owner.slug)
        .await?
        .is_none()
    {
        tracing::debug!("a reply in a linked group chat from someone not in its group");
        if ctx.store().note_outsider(ctx.actor.id, Utc::now()).await? {
            let private = teloxide::types::ChatId(ctx.actor.id.get());
            let note = ctx.texts().group_reply_not_member(owner.name.as_str());
            send_html(ctx.bot, private, note).await?;
        }
        return Ok(());
    }
    check_flood(ctx).await?;
    let added = store(ctx, msg, said, owner.group, Some(post), false).await?;
    tracing::info!(post = %post, comment = ?added, "comment in a linked group chat");
    group_reply(
        ctx,
        msg,
        ctx.texts()
            .group_comment_thanks(&first_name, owner.name.as_str()),
    )
    .await
}

/// A short answer in a group chat, as a reply to the message (and in its forum topic).
async fn group_reply(ctx: &Ctx<'_>, msg: &Message, text: String) -> HandlerResult {
    send_or_queue(|| {
        let mut request = send_html(ctx.bot, msg.chat.id, text.clone()).reply_parameters(
            teloxide::types::ReplyParameters::new(msg.id).allow_sending_without_reply(),
        );
        if let Some(thread) = msg.thread_id.filter(|_| msg.is_topic_message) {
            request = request.message_thread_id(thread);
        }
        request
    })
    .await?;
    Ok(())
}
