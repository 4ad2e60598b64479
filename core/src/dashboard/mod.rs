//! Read models of the web dashboard's pages (issue #21): plain data, no HTML — the `bot` crate's
//! web side renders them. Every SQL statement is in `crate::store` (`store::dashboard`, and the
//! digest's own queries wherever the chat digest shows the same thing, so the web and the chat
//! never disagree: survey numbers, anonymity rules, delivery and response counts).
//!
//! - [`Window`]: the time window every page is read over (7 / 30 / 90 days, or all).
//! - [`Overview`]: the groups a viewer may see side by side, and the equity table.
//! - [`GroupPage`]: one group's challenge, timeline, prototypes, delivery and "you said, we did".
//! - [`SurveyPage`]: one survey's numbers (as in the digest), text answers, response over time,
//!   and its charts as SVG with a text equivalent ([`SurveyPage::charts`]).
//! - [`PrototypePage`]: one prototype's history, comments and survey results.
//! - [`CommentsPage`]: a group's comments, filtered and paged.
//!
//! The caller decides which groups the viewer may see: every look-up takes the `GroupId` and
//! answers `None` for an item of another group, so a page of group B asked for with group A's
//! id is "not found".

mod comments;
mod group;
mod overview;
mod prototype;
mod survey;

use std::fmt;

use chrono::{DateTime, Duration, Utc};

pub use crate::store::dashboard::{
    ANSWERED_COMMENTS, AnsweredComment, CommentCursor, CommentFilter, CommentKind,
    DashboardComment, GroupActivity, Hidden, PrototypeRow, StatusChange,
};
pub use comments::{COMMENTS_PER_PAGE, CommentsPage};
pub use group::{Answered, GroupPage, Prototype, TimelineEntry, YouSaidWeDid};
pub use overview::{EQUITY_COLUMNS, EquityCell, EquityRow, EquityTable, GroupSummary, Overview};
pub use prototype::PrototypePage;
pub use survey::{QuestionChart, ResponseDay, SurveyPage, TEXT_ANSWERS};

/// The time window a page is read over: the last 7, 30 or 90 days, or everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Window {
    Week,
    #[default]
    Month,
    Quarter,
    All,
}

impl Window {
    pub const ALL: [Window; 4] = [Window::Week, Window::Month, Window::Quarter, Window::All];

    /// `7`, `30`, `90` or `all`: what a URL's `?window=` says.
    pub const fn as_str(self) -> &'static str {
        match self {
            Window::Week => "7",
            Window::Month => "30",
            Window::Quarter => "90",
            Window::All => "all",
        }
    }

    /// Its length in days; `None` for all.
    pub const fn days(self) -> Option<u32> {
        match self {
            Window::Week => Some(7),
            Window::Month => Some(30),
            Window::Quarter => Some(90),
            Window::All => None,
        }
    }

    /// When the window that ends at `now` starts (1970 for all).
    pub fn since(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self.days() {
            Some(days) => now - Duration::days(days.into()),
            None => crate::store::dashboard::beginning(),
        }
    }
}

from_str_by_all!(Window);

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_read_back_what_they_write_and_default_to_30_days() {
        for w in Window::ALL {
            assert_eq!(w.as_str().parse(), Ok(w));
        }
        assert_eq!(Window::default(), Window::Month);
        assert_eq!("30".parse(), Ok(Window::Month));
        assert_eq!("all".parse(), Ok(Window::All));
        for wrong in ["", "14", "ALL", " 7", "7 days"] {
            assert_eq!(wrong.parse::<Window>(), Err(()), "{wrong:?}");
        }
        let now = Utc::now();
        assert_eq!(Window::Week.since(now), now - Duration::days(7));
        assert!(Window::All.since(now) < Window::Quarter.since(now));
    }
}
