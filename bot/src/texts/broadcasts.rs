//! Broadcasts: previews, posts as members read them, `/status`.

use super::*;

impl Texts<'_> {
    pub fn category_label(&self, category: Category) -> String {
        self.tr(match category {
            Category::Community => "category-community",
            Category::Sme => "category-sme",
            Category::LargeScale => "category-large-scale",
            Category::PublicService => "category-public-service",
        })
    }

    pub fn status_label(&self, status: PrototypeStatus) -> String {
        self.tr(match status {
            PrototypeStatus::Idea => "status-idea",
            PrototypeStatus::Prototyping => "status-prototyping",
            PrototypeStatus::Testing => "status-testing",
            PrototypeStatus::Adopted => "status-adopted",
            PrototypeStatus::Discarded => "status-discarded",
        })
    }

    pub fn kind_name(&self, kind: PostKind) -> String {
        self.tr(match kind {
            PostKind::Outcome => "kind-outcome",
            PostKind::Prototype => "kind-prototype",
            PostKind::Question => "kind-question",
        })
    }

    /// A post exactly as its recipients get it: one message, or numbered parts when long.
    pub fn render_post(&self, group_name: &str, content: &PostContent) -> Vec<String> {
        let group = escape(group_name);
        let header = match content {
            PostContent::Outcome {
                title,
                session_date,
                ..
            } => {
                let mut header = self.tra(
                    "post-outcome-header",
                    args!["group" => group, "title" => escape(title.as_str())],
                );
                if let Some(date) = session_date {
                    header.push('\n');
                    header.push_str(
                        &self.tra("post-session-date", args!["date" => self.date_label(*date)]),
                    );
                }
                header
            }
            PostContent::Prototype {
                title,
                category,
                status,
                ..
            } => self.tra(
                "post-prototype-header",
                args![
                    "group" => group,
                    "title" => escape(title.as_str()),
                    "category" => self.category_label(*category),
                    "status" => self.status_label(*status),
                ],
            ),
            PostContent::Question { .. } => {
                self.tra("post-question-header", args!["group" => group])
            }
        };
        // Under every post: how to answer it.
        let hint = format!("\n\n{}", self.tr("post-reply-hint"));
        split_for_telegram_with_footer(&header, content.summary().as_str(), &hint)
    }

    /// The same post for those who gave feedback on the posts it answers: with a personal note
    /// ("you said, we did") above the reply hint.
    pub fn render_post_with_note(
        &self,
        group_name: &str,
        content: &PostContent,
        answered: &[String],
    ) -> Vec<String> {
        let titles = answered
            .iter()
            .map(|t| self.tra("quoted", args!["text" => escape(t)]))
            .collect::<Vec<_>>()
            .join(", ");
        let note_line = self.tra("you-said-we-did", args!["titles" => titles]);
        let note = format!("\n\n{note_line}\n\n{}", self.tr("post-reply-hint"));
        let mut parts = self.render_post(group_name, content);
        // The note goes above the reply hint of the last part when it fits there.
        let hint = format!("\n\n{}", self.tr("post-reply-hint"));
        if let Some(last) = parts.last_mut()
            && let Some(stripped) = last.strip_suffix(&hint)
        {
            let with_note = format!("{stripped}{note}");
            if coloop_core::message::telegram_len(&with_note)
                <= coloop_core::message::TELEGRAM_LIMIT
            {
                *last = with_note;
                return parts;
            }
            *last = format!("{stripped}{hint}");
            // Too long to fit: the note follows as a message of its own.
            parts.push(note_line);
        }
        parts
    }

    pub fn preview_note_count(&self, count: i64) -> String {
        self.tra("preview-note-count", args!["count" => count])
    }

    pub fn not_answerable(&self, ids: &str) -> String {
        self.tra("not-answerable", args!["ids" => ids.to_owned()])
    }

    pub fn preview_send_button(&self) -> String {
        self.tr("preview-send-button")
    }

    pub fn preview_cancel_button(&self) -> String {
        self.tr("preview-cancel-button")
    }

    pub fn preview_control(
        &self,
        group_name: &str,
        recipients: i64,
        chats: i64,
        parts: usize,
    ) -> String {
        self.tra(
            "preview-control",
            args![
                "group" => escape(group_name),
                "recipients" => recipients,
                "chats" => chats,
                "parts" => parts,
            ],
        )
    }

    pub fn broadcast_queued(&self, group_name: &str, recipients: i64) -> String {
        self.tra(
            "broadcast-queued",
            args!["group" => escape(group_name), "recipients" => recipients],
        )
    }

    pub fn broadcast_queued_toast(&self) -> String {
        self.tr("broadcast-queued-toast")
    }

    pub fn already_sent_toast(&self) -> String {
        self.tr("already-sent-toast")
    }

    pub fn draft_cancelled_toast(&self) -> String {
        self.tr("draft-cancelled-toast")
    }

    pub fn cancelled(&self) -> String {
        self.tr("cancelled")
    }

    pub fn cancelled_toast(&self) -> String {
        self.tr("cancelled-toast")
    }

    pub fn not_your_draft(&self) -> String {
        self.tr("not-your-draft")
    }

    pub fn status(&self, group_name: &str, posts: &[PostStatus]) -> String {
        let mut text = self.tra("status-title", args!["group" => escape(group_name)]);
        text.push('\n');
        if posts.is_empty() {
            text.push_str(&self.tr("status-nothing"));
            return text;
        }
        for p in posts {
            let when = p
                .sent_at
                .map(|t| self.date_time_label(t))
                .unwrap_or_default();
            text.push('\n');
            text.push_str(&self.tra(
                "status-post",
                args![
                    "id" => p.id.to_string(),
                    "kind" => self.kind_name(p.kind),
                    "title" => escape(&p.title),
                    "when" => when,
                    "sent" => p.sent,
                    "pending" => p.pending,
                    "failed" => p.failed,
                    "blocked" => p.blocked,
                ],
            ));
            text.push('\n');
        }
        text
    }
}
