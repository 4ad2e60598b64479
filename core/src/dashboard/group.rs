//! A group's page: its challenge, a timeline of outcomes, prototypes and surveys, delivery per
//! post, its prototypes with their status history, and "you said, we did" links.

use chrono::{DateTime, Utc};

use super::Window;
use crate::domain::{GroupId, PostId, PostKind};
use crate::store::dashboard::{AnsweredComment, PrototypeRow, StatusChange};
use crate::store::{Group, PostLine, Result, Store, SurveyLine};

/// One group over a window.
#[derive(Debug, Clone)]
pub struct GroupPage {
    pub window: Window,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Its slug, name, challenge, whether archived.
    pub group: Group,
    /// Posts sent and surveys open within the window, newest first.
    pub timeline: Vec<TimelineEntry>,
    /// Posts sent within the window, newest first, with delivery and comment counts (the
    /// delivery bars) — the digest's numbers.
    pub posts: Vec<PostLine>,
    /// Every prototype of the group (not only the window's), by title.
    pub prototypes: Vec<Prototype>,
    /// The window's posts that answer earlier posts, newest first.
    pub you_said_we_did: Vec<YouSaidWeDid>,
}

/// A step of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum TimelineEntry {
    /// An outcome, a prototype or a question ([`PostLine::kind`]).
    Post(PostLine),
    Survey(SurveyLine),
}

impl TimelineEntry {
    /// When it was sent.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        match self {
            TimelineEntry::Post(p) => p.sent_at,
            TimelineEntry::Survey(s) => s.sent_at,
        }
    }
}

/// A prototype with its status history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prototype {
    /// Title, category, status and summary as its latest post left them.
    pub row: PrototypeRow,
    /// Each sent post about it, oldest first: the category and status it had then.
    pub history: Vec<StatusChange>,
}

/// A post that answered earlier posts ("you said, we did").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YouSaidWeDid {
    pub post_id: PostId,
    pub kind: PostKind,
    pub title: String,
    pub sent_at: Option<DateTime<Utc>>,
    /// People who had given feedback on the answered posts and got it with the personal note.
    pub told: i64,
    pub answered: Vec<Answered>,
}

/// A post that was answered, and the feedback it had when the answer went out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub post_id: PostId,
    pub title: String,
    /// Visible comments on it made before the answer was sent.
    pub comment_count: i64,
    /// The latest of them ([`super::ANSWERED_COMMENTS`] at most; the comments page filtered by
    /// this post lists all).
    pub comments: Vec<AnsweredComment>,
}

impl GroupPage {
    /// Group `group`'s page over `window` ending at `now`; `None` when there is no such group.
    pub async fn build(
        store: &Store,
        group: GroupId,
        window: Window,
        now: DateTime<Utc>,
    ) -> Result<Option<Self>> {
        let Some(info) = store.group_by_id(group).await? else {
            return Ok(None);
        };
        let from = window.since(now);
        let posts = store.digest_posts(Some(group), from).await?;
        let surveys = store.digest_surveys(Some(group), from).await?;
        let mut timeline: Vec<TimelineEntry> = posts
            .iter()
            .cloned()
            .map(TimelineEntry::Post)
            .chain(surveys.into_iter().map(TimelineEntry::Survey))
            .collect();
        timeline.sort_by_key(|e| std::cmp::Reverse(e.at()));
        Ok(Some(Self {
            window,
            from,
            to: now,
            group: info,
            timeline,
            posts,
            prototypes: Prototype::of(store, group, None).await?,
            you_said_we_did: you_said_we_did(store, group, from).await?,
        }))
    }
}

impl Prototype {
    /// The prototypes of `group` with their history (only `only`, if given).
    pub(super) async fn of(
        store: &Store,
        group: GroupId,
        only: Option<crate::domain::PrototypeId>,
    ) -> Result<Vec<Self>> {
        let mut history = store.prototype_history(group, only).await?;
        Ok(store
            .prototypes(group, only)
            .await?
            .into_iter()
            .map(|row| {
                let (mine, rest): (Vec<_>, Vec<_>) =
                    history.drain(..).partition(|(id, _)| *id == row.id);
                history = rest;
                Prototype {
                    row,
                    history: mine.into_iter().map(|(_, change)| change).collect(),
                }
            })
            .collect())
    }
}

async fn you_said_we_did(
    store: &Store,
    group: GroupId,
    from: DateTime<Utc>,
) -> Result<Vec<YouSaidWeDid>> {
    let mut comments = store.answered_comments(group, from).await?;
    let mut out: Vec<YouSaidWeDid> = Vec::new();
    for link in store.answer_links(group, from).await? {
        let (mine, rest): (Vec<_>, Vec<_>) = comments
            .drain(..)
            .partition(|(post, c)| *post == link.post_id && c.answered_id == link.answered_id);
        comments = rest;
        let answered = Answered {
            post_id: link.answered_id,
            title: link.answered_title,
            comment_count: link.comments,
            comments: mine.into_iter().map(|(_, c)| c).collect(),
        };
        match out.last_mut() {
            Some(last) if last.post_id == link.post_id => last.answered.push(answered),
            _ => out.push(YouSaidWeDid {
                post_id: link.post_id,
                kind: link.post_kind,
                title: link.post_title,
                sent_at: link.sent_at,
                told: link.told,
                answered: vec![answered],
            }),
        }
    }
    Ok(out)
}
