//! A group's comments page: filtered by post, kind, dates, hidden or not and words, newest
//! first, a page at a time.

use crate::domain::{GroupId, PostId, PostKind};
use crate::store::dashboard::{CommentCursor, CommentFilter, DashboardComment};
use crate::store::{Result, Store};

/// Comments on a page.
pub const COMMENTS_PER_PAGE: i64 = 50;

/// One page of a group's comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentsPage {
    /// Newest first.
    pub comments: Vec<DashboardComment>,
    /// Where the next page starts (`CommentFilter::after`); `None` on the last page.
    pub next: Option<CommentCursor>,
    /// Every sent post of the group, newest first (the post filter's choices).
    pub posts: Vec<(PostId, PostKind, String)>,
}

impl CommentsPage {
    /// The page of group `group`'s comments that `filter` selects, `per_page` long (e.g.
    /// [`COMMENTS_PER_PAGE`]).
    pub async fn build(
        store: &Store,
        group: GroupId,
        filter: &CommentFilter,
        per_page: i64,
    ) -> Result<Self> {
        let per_page = per_page.max(1);
        let mut comments = store
            .dashboard_comments(group, filter, per_page + 1)
            .await?;
        let next = if comments.len() as i64 > per_page {
            comments.truncate(per_page as usize);
            comments.last().map(|c| CommentCursor {
                created_at: c.created_at,
                id: c.id,
            })
        } else {
            None
        };
        Ok(Self {
            comments,
            next,
            posts: store.sent_posts(group).await?,
        })
    }
}
