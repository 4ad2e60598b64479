//! Feedback digests: what a working group (or the whole platform) heard over a time window —
//! members, posts and their delivery, comments — and the plain renderings of it: Markdown with
//! bar charts drawn in block characters, JSON, and CSV exports. (The chat rendering lives with
//! the bot's texts; the survey section joins when surveys land.)

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::domain::{GroupId, GroupSlug};
use crate::store::{CommentLine, DeliveryLine, MemberCounts, PostLine, Result, Store, StoreError};

/// How many of the latest comments a digest shows.
pub const LATEST_COMMENTS: i64 = 5;

#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// The group's slug, or `None` for all groups.
    pub group: Option<String>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub members: MemberCounts,
    pub posts: Vec<PostLine>,
    pub comment_count: i64,
    pub latest_comments: Vec<CommentLine>,
}

impl Digest {
    /// The digest of one group (`Some(slug)`) or all groups over the last `days` days.
    pub async fn build(
        store: &Store,
        group: Option<&GroupSlug>,
        days: u32,
        now: DateTime<Utc>,
    ) -> Result<Self> {
        let id: Option<GroupId> = match group {
            Some(slug) => Some(
                store
                    .group_by_slug(slug)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt(format!("no group {slug}")))?
                    .id,
            ),
            None => None,
        };
        let from = now - Duration::days(days.into());
        Ok(Self {
            group: group.map(|g| g.to_string()),
            from,
            to: now,
            members: store.digest_members(id, from).await?,
            posts: store.digest_posts(id, from).await?,
            comment_count: store.digest_comment_count(id, from).await?,
            latest_comments: store
                .digest_comments(id, from, Some(LATEST_COMMENTS))
                .await?,
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// Markdown, for the terminal or a file.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "# Feedback digest — {}\n\n{} to {}\n\n## Members\n\n",
            self.group.as_deref().unwrap_or("all working groups"),
            self.from.format("%Y-%m-%d"),
            self.to.format("%Y-%m-%d")
        );
        let m = &self.members;
        out.push_str(&format!(
            "- {} in total, {} new in this period\n- {} paused, {} blocked the bot\n\n## Posts\n\n",
            m.total, m.joined, m.paused, m.blocked
        ));
        if self.posts.is_empty() {
            out.push_str("No posts in this period.\n");
        }
        for p in &self.posts {
            let reached = p.sent + p.failed + p.blocked + p.pending;
            out.push_str(&format!(
                "- #{} {} **{}**{} ({}): delivered {} `{}` {} · failed {} · blocked {} · pending {} · {} comment{}\n",
                p.id,
                p.kind,
                p.title,
                match (&p.category, &p.status) {
                    (Some(c), Some(s)) => format!(" [{c}, {s}]"),
                    _ => String::new(),
                },
                p.group,
                p.sent,
                bar(share(p.sent, reached), 10),
                percent(share(p.sent, reached)),
                p.failed,
                p.blocked,
                p.pending,
                p.comments,
                if p.comments == 1 { "" } else { "s" }
            ));
        }
        out.push_str(&format!(
            "\n## Comments\n\n{} in this period.\n\n",
            self.comment_count
        ));
        for c in &self.latest_comments {
            out.push_str(&format!(
                "- {} — {}{}: {}\n",
                c.created_at.get(..10).unwrap_or(&c.created_at),
                c.author.as_deref().unwrap_or("anonymous"),
                c.post_title
                    .as_deref()
                    .map(|t| format!(" on “{t}”"))
                    .unwrap_or_default(),
                comment_excerpt(c)
            ));
        }
        out
    }
}

/// What a comment says, in one line: "[voice 0:23]" for media, the text's first line.
pub fn comment_excerpt(c: &CommentLine) -> String {
    let mut out = String::new();
    if let Some(kind) = &c.media_kind {
        let kind = kind.replace('_', " ");
        match c.duration_secs {
            Some(s) => out.push_str(&format!("[{kind} {}:{:02}] ", s / 60, s % 60)),
            None => out.push_str(&format!("[{kind}] ")),
        }
    }
    if let Some(text) = &c.text {
        let line = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .trim();
        let cut: String = line.chars().take(160).collect();
        out.push_str(&cut);
        if line.chars().count() > 160 {
            out.push('…');
        }
    }
    out.trim_end().to_owned()
}

fn share(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn percent(fraction: f64) -> String {
    format!("{:.0}%", (fraction * 100.0).round())
}

/// A horizontal bar of `width` cells for a fraction in 0..=1, in eighths of a cell:
/// `bar(0.42, 10)` is `████▏`.
pub fn bar(fraction: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let fraction = if fraction.is_nan() {
        0.0
    } else {
        fraction.clamp(0.0, 1.0)
    };
    let eighths = (fraction * width as f64 * 8.0).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8]);
    }
    out
}

/// CSV of the comments of a window (anonymous ones without their author).
pub fn comments_csv(comments: &[CommentLine]) -> Result<String, csv::Error> {
    to_csv(comments)
}

/// CSV of the deliveries of a window.
pub fn deliveries_csv(deliveries: &[DeliveryLine]) -> Result<String, csv::Error> {
    to_csv(deliveries)
}

fn to_csv<T: Serialize>(rows: &[T]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_in_eighths() {
        assert_eq!(bar(0.0, 10), "");
        assert_eq!(bar(1.0, 10), "██████████");
        assert_eq!(bar(0.42, 10), "████▎");
        assert_eq!(bar(0.5, 4), "██");
        assert_eq!(bar(2.0, 3), "███");
        assert_eq!(bar(f64::NAN, 3), "");
        assert_eq!(percent(share(1, 3)), "33%");
        assert_eq!(share(1, 0), 0.0);
    }

    fn line(text: Option<&str>, media: Option<&str>, secs: Option<i64>) -> CommentLine {
        CommentLine {
            id: 1,
            group: "water".into(),
            author: None,
            created_at: "2026-11-27T10:00:00.000000Z".into(),
            post_id: None,
            post_title: None,
            text: text.map(str::to_owned),
            media_kind: media.map(str::to_owned),
            duration_secs: secs,
        }
    }

    #[test]
    fn excerpts_show_media_and_first_lines() {
        assert_eq!(
            comment_excerpt(&line(None, Some("voice"), Some(23))),
            "[voice 0:23]"
        );
        assert_eq!(
            comment_excerpt(&line(Some("\nHello\nworld"), Some("photo"), None)),
            "[photo] Hello"
        );
        assert_eq!(
            comment_excerpt(&line(Some(&"x".repeat(200)), None, None))
                .chars()
                .count(),
            161
        );
    }

    #[test]
    fn csv_quotes_properly() {
        let csv = comments_csv(&[line(Some("He said \"no\", then\nleft"), None, None)]).unwrap();
        assert!(csv.starts_with(
            "id,group,author,created_at,post_id,post_title,text,media_kind,duration_secs\n"
        ));
        assert!(csv.contains("\"He said \"\"no\"\", then\nleft\""), "{csv}");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[6], "He said \"no\", then\nleft");
    }
}
