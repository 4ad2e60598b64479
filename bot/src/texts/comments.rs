//! Comments: filing, notices to facilitators, `/comments`, `/hide`.

use super::*;

impl Texts<'_> {
    pub fn comment_thanks(&self, group_name: &str, post_title: Option<&str>) -> String {
        match post_title {
            Some(title) => self.tra(
                "comment-thanks-post",
                args!["group" => escape(group_name), "title" => escape(title)],
            ),
            None => self.tra("comment-thanks", args!["group" => escape(group_name)]),
        }
    }

    pub fn anonymous_button(&self) -> String {
        self.tr("anonymous-button")
    }

    /// Added under the acknowledgement (after a blank line).
    pub fn anonymous_done(&self) -> String {
        format!("\n\n{}", self.tr("anonymous-done"))
    }

    pub fn anonymous_toast(&self) -> String {
        self.tr("anonymous-toast")
    }

    pub fn which_post(&self) -> String {
        self.tr("which-post")
    }

    /// A button label: neutral (an icon and the post's title), so not in the catalogue.
    pub fn post_choice_label(
        &self,
        kind: PostKind,
        title: &str,
        slug: &GroupSlug,
        several_groups: bool,
    ) -> String {
        let icon = self.tr(match kind {
            PostKind::Outcome => "post-icon-outcome",
            PostKind::Prototype => "post-icon-prototype",
            PostKind::Question => "post-icon-question",
        });
        let mut title: String = title.chars().take(40).collect();
        if several_groups {
            title = format!("{title} ({slug})");
        }
        format!("{icon} {title}")
    }

    /// A button label (plain text, not HTML).
    pub fn general_comment_label(&self, group_name: &str) -> String {
        let name: String = group_name.chars().take(40).collect();
        self.tra("general-comment-label", args!["group" => name])
    }

    pub fn comment_which_group(&self, groups: &[GroupSlug]) -> String {
        self.tra("comment-which-group", args!["groups" => code_list(groups)])
    }

    pub fn not_in_any_group(&self) -> String {
        self.tr("not-in-any-group")
    }

    pub fn no_longer_in_group(&self, group_name: &str) -> String {
        self.tra("no-longer-in-group", args!["group" => escape(group_name)])
    }

    pub fn slow_down(&self) -> String {
        self.tr("slow-down")
    }

    pub(super) fn media_label(&self, kind: MediaKind, duration: Option<i64>) -> String {
        let name = self.tr(match kind {
            MediaKind::Voice => "media-voice",
            MediaKind::Audio => "media-audio",
            MediaKind::Photo => "media-photo",
            MediaKind::Document => "media-document",
            MediaKind::VideoNote => "media-video-note",
            MediaKind::Video => "media-video",
        });
        match duration {
            Some(secs) => format!("[{name} {}:{:02}]", secs / 60, secs % 60),
            None => format!("[{name}]"),
        }
    }

    fn author(&self, c: &CommentView) -> String {
        c.author
            .as_deref()
            .map(escape)
            .unwrap_or_else(|| self.tr("comment-anonymous"))
    }

    pub fn comments_list(&self, group_name: &str, comments: &[CommentView]) -> String {
        let mut text = self.tra("comments-title", args!["group" => escape(group_name)]);
        text.push('\n');
        if comments.is_empty() {
            text.push_str(&self.tr("comments-none"));
            return text;
        }
        for c in comments {
            let about = match &c.post {
                Some((id, title)) => self.tra(
                    "comment-on-post",
                    args!["id" => id.to_string(), "title" => escape(title)],
                ),
                None => self.tr("comment-general"),
            };
            let mut content = String::new();
            if let Some(media) = &c.media {
                content.push_str(&self.media_label(media.kind, media.duration_secs));
                content.push(' ');
            }
            if let Some(body) = &c.body {
                content.push_str(&escape(&first_line(body, 300)));
            }
            text.push('\n');
            text.push_str(&self.tra(
                "comments-line",
                args![
                    "id" => c.id.to_string(),
                    "author" => self.author(c),
                    "when" => self.date_time_label(c.created_at),
                    "about" => about,
                    "content" => content.trim_end().to_owned(),
                ],
            ));
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&self.tr("comments-hide-hint"));
        text
    }

    pub fn media_caption(&self, c: &CommentView) -> String {
        self.tra(
            "media-caption",
            args!["id" => c.id.to_string(), "author" => self.author(c)],
        )
    }

    pub fn hidden(&self, id: CommentId) -> String {
        self.tra("hidden", args!["id" => id.to_string()])
    }

    pub fn unknown_comment(&self, id: CommentId) -> String {
        self.tra("unknown-comment", args!["id" => id.to_string()])
    }

    pub fn new_comments_notice(&self, n: &DueNotice) -> String {
        let mut text = self.tra(
            "new-comments",
            args!["count" => n.count, "group" => escape(n.group_name.as_str())],
        );
        text.push('\n');
        for (body, kind) in &n.first {
            let mut line = String::new();
            if let Some(kind) = kind {
                line.push_str(&self.media_label(*kind, None));
                line.push(' ');
            }
            if let Some(body) = body {
                line.push_str(&escape(&first_line(body, 120)));
            }
            text.push_str(&self.tra("bullet", args!["text" => line.trim_end().to_owned()]));
            text.push('\n');
        }
        if n.count > n.first.len() as i64 {
            text.push_str(&self.tr("more-lines"));
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&self.tra(
            "new-comments-read",
            args!["slug" => n.group_slug.to_string()],
        ));
        text
    }

    /// The toast when a comment was made anonymous.
    pub fn comment_anonymous_toast(&self) -> String {
        self.tr("comment-anonymous-toast")
    }
}
