//! The overview page: every group the viewer may see, side by side, and the equity table
//! (survey response by group × prototype category).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::Window;
use crate::digest::share;
use crate::domain::{Category, GroupId};
use crate::store::dashboard::GroupActivity;
use crate::store::{Result, Scope, Store};

/// The overview of some groups over a window.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub window: Window,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// In slug order.
    pub groups: Vec<GroupSummary>,
    pub equity: EquityTable,
}

/// One group's line of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    /// Members by state, what happened in the window, last activity.
    pub activity: GroupActivity,
    /// People the first question of the window's surveys reached, summed over surveys.
    pub invited: i64,
    /// Of them, people who answered at least one question.
    pub responded: i64,
    /// `responded / invited` (0 without surveys), as in the digest's "who responds".
    pub response_rate: f64,
    /// Members who neither commented under their name nor answered a named survey in the
    /// window (the digest's silent members; names are not part of the overview).
    pub silent: i64,
}

/// The equity view: one row per group, one cell per [`EQUITY_COLUMNS`] entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EquityTable {
    pub rows: Vec<EquityRow>,
}

/// The table's columns: the four prototype categories, then `None` — surveys about other posts
/// (outcomes).
pub const EQUITY_COLUMNS: [Option<Category>; 5] = [
    Some(Category::Community),
    Some(Category::Sme),
    Some(Category::LargeScale),
    Some(Category::PublicService),
    None,
];

#[derive(Debug, Clone, PartialEq)]
pub struct EquityRow {
    /// The group's slug.
    pub group: String,
    /// The group's name, as people read it.
    pub name: String,
    /// One per [`EQUITY_COLUMNS`] entry; `None` where the group had no such survey.
    pub cells: Vec<Option<EquityCell>>,
}

/// Survey response of one group for one category.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EquityCell {
    pub invited: i64,
    pub responded: i64,
    /// `responded / invited`, 0–1: the value the colour scale shows.
    pub rate: f64,
    /// The rate in five steps for a colour class: 0 (under 20 %) to 4 (80 % or more).
    pub shade: u8,
}

impl EquityCell {
    fn new(invited: i64, responded: i64) -> Self {
        let rate = share(responded, invited);
        Self {
            invited,
            responded,
            rate,
            shade: ((rate * 5.0).floor() as u8).min(4),
        }
    }
}

impl Overview {
    /// The overview of `groups` (the ones the viewer may see) over `window` ending at `now`.
    pub async fn build(
        store: &Store,
        groups: &[GroupId],
        window: Window,
        now: DateTime<Utc>,
    ) -> Result<Self> {
        let from = window.since(now);
        let scope = Scope::Groups(groups);
        let activity = store.group_activity(groups, from).await?;
        let equity = store.digest_equity(scope, from).await?;
        let mut silent: HashMap<String, i64> = HashMap::new();
        for member in store.digest_silent(scope, from).await? {
            *silent.entry(member.group).or_default() += 1;
        }
        let mut rows = Vec::new();
        let summaries = activity
            .into_iter()
            .map(|activity| {
                let lines: Vec<_> = equity.iter().filter(|e| e.group == activity.slug).collect();
                let invited = lines.iter().map(|e| e.invited).sum();
                let responded = lines.iter().map(|e| e.responded).sum();
                if !lines.is_empty() {
                    rows.push(EquityRow {
                        group: activity.slug.clone(),
                        name: activity.name.clone(),
                        cells: EQUITY_COLUMNS
                            .iter()
                            .map(|column| {
                                lines
                                    .iter()
                                    .find(|e| e.category == *column)
                                    .map(|e| EquityCell::new(e.invited, e.responded))
                            })
                            .collect(),
                    });
                }
                GroupSummary {
                    silent: silent.get(&activity.slug).copied().unwrap_or(0),
                    invited,
                    responded,
                    response_rate: share(responded, invited),
                    activity,
                }
            })
            .collect();
        Ok(Self {
            window,
            from,
            to: now,
            groups: summaries,
            equity: EquityTable { rows },
        })
    }
}
