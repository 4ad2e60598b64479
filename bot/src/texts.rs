//! Everything people read from coloop, in one place, in the reader's language. The sentences
//! live in the message catalogues (`bot/locales/<code>.ftl`, see [`crate::i18n`]); this module
//! builds them: it picks the message, passes the values and joins the pieces. Values that came
//! from a person (names, descriptions) are HTML-escaped here, before they become arguments,
//! because every message is sent with HTML parse mode; the catalogue text itself is trusted HTML.

use chrono::{Datelike, NaiveDate, Timelike};
use coloop_core::command::{CommandName, ParseError};
use coloop_core::domain::{
    Category, CommentId, GroupSlug, InviteCode, MediaKind, PostContent, PostKind, PrototypeStatus,
    Role, SlugError, TextError,
};
use coloop_core::message::split_for_telegram_with_footer;
use coloop_core::store::{
    CommentView, DueNotice, GroupOverview, JoinChange, Joined, MembershipView, PostStatus,
};
use fluent_bundle::{FluentArgs, FluentValue};
use teloxide::utils::html::escape;

use crate::i18n::Catalogue;

pub fn invite_link(bot_username: &str, code: &InviteCode) -> String {
    format!("https://t.me/{bot_username}?start={}", code.as_str())
}

/// Fluent arguments: `args!["group" => name, "count" => n]`.
macro_rules! args {
    ($($key:literal => $value:expr),* $(,)?) => {{
        let mut args = FluentArgs::new();
        $(args.set($key, FluentValue::from($value));)*
        args
    }};
}

fn role_key(role: Role) -> &'static str {
    match role {
        Role::Member => "member",
        Role::Facilitator => "facilitator",
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// Who reads a digest: coordinators see the response per group and category; facilitators
/// see the names of their own groups' silent members (everyone else only counts).
#[derive(Debug, Clone, Copy, Default)]
pub struct DigestView<'a> {
    pub coordinator: bool,
    /// Slugs of the groups the reader facilitates.
    pub facilitates: &'a [String],
}

/// What a person may do, for `/help`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Abilities {
    pub member: bool,
    pub facilitator: bool,
    pub coordinator: bool,
}

#[cfg(test)]
thread_local! {
    /// Formatting problems seen by this test thread (a test asserts there were none).
    static PROBLEMS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The texts of one language: cheap to copy, borrowed from [`crate::i18n::Catalogues`].
#[derive(Clone, Copy)]
pub struct Texts<'a> {
    lang: &'a Catalogue,
    /// English: where a message missing from `lang` is taken from.
    fallback: &'a Catalogue,
}

impl std::fmt::Debug for Texts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Texts({})", self.lang.code())
    }
}

impl<'a> Texts<'a> {
    pub(crate) fn new(lang: &'a Catalogue, fallback: &'a Catalogue) -> Self {
        Self { lang, fallback }
    }

    /// The language code, e.g. `es`.
    pub fn code(&self) -> &'a str {
        self.lang.code()
    }

    fn tr(&self, id: &str) -> String {
        self.format(id, None)
    }

    fn tra(&self, id: &str, args: FluentArgs<'_>) -> String {
        self.format(id, Some(&args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let found = self.lang.format(id, args).or_else(|| {
            tracing::error!(
                language = self.lang.code(),
                id,
                "message missing from the catalogue"
            );
            self.fallback.format(id, args)
        });
        let Some((text, errors)) = found else {
            tracing::error!(id, "message missing from every catalogue");
            #[cfg(test)]
            PROBLEMS.with(|p| {
                p.borrow_mut()
                    .push(format!("{}: {id} missing", self.code()))
            });
            return id.to_owned();
        };
        if !errors.is_empty() {
            tracing::error!(
                language = self.lang.code(),
                id,
                ?errors,
                "message formatting failed"
            );
            #[cfg(test)]
            PROBLEMS.with(|p| {
                p.borrow_mut()
                    .push(format!("{}: {id}: {errors:?}", self.code()))
            });
        }
        text
    }

    /// The language's own name (`English`, `Español`), for the /language buttons.
    pub fn language_name(&self) -> String {
        self.tr("language-name")
    }

    // ---- joining ----------------------------------------------------------------------------

    pub fn consent(&self, group: &str, role: Role) -> String {
        self.tra(
            "consent",
            args!["group" => escape(group), "role" => role_key(role)],
        )
    }

    pub fn consent_agree_button(&self) -> String {
        self.tr("consent-agree-button")
    }

    pub fn consent_decline_button(&self) -> String {
        self.tr("consent-decline-button")
    }

    pub fn consent_accepted(&self) -> String {
        self.tr("consent-accepted")
    }

    pub fn consent_accepted_toast(&self) -> String {
        self.tr("consent-accepted-toast")
    }

    pub fn declined(&self) -> String {
        self.tr("declined")
    }

    pub fn joined(&self, j: &Joined) -> String {
        let args = args!["group" => escape(j.name.as_str()), "role" => role_key(j.role)];
        match j.change {
            JoinChange::New => self.tra("joined-new", args),
            JoinChange::Promoted => self.tra("joined-promoted", args),
            JoinChange::Already => self.tra("joined-already", args),
        }
    }

    pub fn unknown_code(&self) -> String {
        self.tr("unknown-code")
    }

    pub fn archived(&self, name: &str) -> String {
        self.tra("archived", args!["group" => escape(name)])
    }

    pub fn stale_invite_toast(&self) -> String {
        self.tr("stale-invite-toast")
    }

    pub fn welcome(&self) -> String {
        self.tr("welcome")
    }

    pub fn welcome_back(&self, groups: &[MembershipView]) -> String {
        self.tra("welcome-back", args!["count" => groups.len()])
    }

    // ---- help -------------------------------------------------------------------------------

    pub fn help(&self, can: Abilities) -> String {
        let mut sections = vec![self.tr("help-everyone")];
        if can.member || can.facilitator {
            sections.push(self.tr("help-member"));
        }
        if can.facilitator || can.coordinator {
            sections.push(format!("\n{}", self.tr("help-facilitator")));
        }
        if can.coordinator {
            sections.push(format!("\n{}", self.tr("help-coordinator")));
        }
        if !(can.member || can.facilitator || can.coordinator) {
            sections.push(format!("\n{}", self.tr("help-nobody")));
        }
        sections.join("\n")
    }

    /// The commands shown in Telegram's menu (setMyCommands).
    pub fn menu(&self) -> Vec<(CommandName, String)> {
        [
            CommandName::Start,
            CommandName::Groups,
            CommandName::Help,
            CommandName::Leave,
            CommandName::Invite,
            CommandName::Outcome,
            CommandName::Prototype,
            CommandName::Status,
            CommandName::Comment,
            CommandName::Ask,
            CommandName::Comments,
            CommandName::Hide,
            CommandName::Link,
            CommandName::Unlink,
            CommandName::Stop,
            CommandName::Resume,
            CommandName::Language,
            CommandName::Privacy,
            CommandName::MyData,
            CommandName::Forget,
            CommandName::Survey,
            CommandName::CloseSurvey,
            CommandName::Digest,
            CommandName::Export,
            CommandName::NewGroup,
        ]
        .into_iter()
        .map(|c| (c, self.tr(&format!("menu-{}", c.as_str()))))
        .collect()
    }

    // ---- surveys ----------------------------------------------------------------------------

    /// Why a survey spec could not be read: one line per problem, then the usage.
    pub fn survey_problems(&self, problems: &[coloop_core::survey::SpecError]) -> String {
        let mut lines = vec![self.tr("survey-problems")];
        for p in problems.iter().take(12) {
            let problem = escape(&self.spec_problem(&p.problem));
            lines.push(if p.line == 0 {
                self.tra("survey-problem", args!["problem" => problem])
            } else {
                self.tra(
                    "survey-problem-line",
                    args!["line" => p.line as i64, "problem" => problem],
                )
            });
        }
        lines.push(String::new());
        lines.push(self.usage(CommandName::Survey));
        lines.join("\n")
    }

    fn spec_problem(&self, problem: &coloop_core::survey::Problem) -> String {
        use coloop_core::survey::Problem;
        match problem {
            Problem::Title(e) => self.tra(
                "problem-bad-title",
                args!["command" => "/survey", "problem" => self.text_problem(e)],
            ),
            Problem::UnknownKind(kind) => {
                self.tra("spec-unknown-kind", args!["kind" => kind.clone()])
            }
            Problem::EmptyPrompt => self.tr("spec-empty-prompt"),
            Problem::LongPrompt => self.tra(
                "spec-long-prompt",
                args!["max" => coloop_core::survey::MAX_PROMPT_CHARS as i64],
            ),
            Problem::OptionCount => self.tra(
                "spec-option-count",
                args![
                    "min" => coloop_core::survey::MIN_OPTIONS as i64,
                    "max" => coloop_core::survey::MAX_OPTIONS as i64
                ],
            ),
            Problem::EmptyOption => self.tr("spec-empty-option"),
            Problem::LongOption(option) => self.tra(
                "spec-long-option",
                args![
                    "option" => option.clone(),
                    "max" => coloop_core::survey::MAX_OPTION_CHARS as i64
                ],
            ),
            Problem::DuplicateOption(option) => {
                self.tra("spec-duplicate-option", args!["option" => option.clone()])
            }
            Problem::BadPost => self.tr("spec-bad-post"),
            Problem::LatePost => self.tr("spec-late-post"),
            Problem::BadClose => self.tr("spec-bad-close"),
            Problem::Repeated(what) => self.tra("spec-repeated", args!["what" => *what]),
            Problem::NoQuestions => self.tr("spec-no-questions"),
            Problem::TooManyQuestions => self.tra(
                "spec-too-many-questions",
                args!["max" => coloop_core::survey::MAX_QUESTIONS as i64],
            ),
        }
    }

    pub fn survey_closes_past(&self) -> String {
        format!(
            "{}\n{}\n\n{}",
            self.tr("survey-problems"),
            self.tr("survey-closes-past"),
            self.usage(CommandName::Survey)
        )
    }

    pub fn survey_no_post(&self, group: &str) -> String {
        self.tra("survey-no-post", args!["group" => escape(group)])
    }

    pub fn survey_unknown_post(&self, group: &str, post: coloop_core::domain::PostId) -> String {
        self.tra(
            "survey-unknown-post",
            args!["group" => escape(group), "post" => post.get()],
        )
    }

    /// The survey's first message: what it is and the first question. `closes` is already
    /// in the deployment's time zone.
    pub fn survey_intro(
        &self,
        group: &str,
        title: &str,
        post_title: &str,
        count: usize,
        anonymous: bool,
        closes: Option<chrono::NaiveDateTime>,
    ) -> String {
        let mut text = self.tra(
            "survey-intro",
            args![
                "group" => escape(group),
                "title" => escape(title),
                "post" => escape(post_title),
                "count" => count as i64,
            ],
        );
        if anonymous {
            text.push('\n');
            text.push_str(&self.tr("survey-intro-anonymous"));
        }
        if let Some(at) = closes {
            text.push('\n');
            text.push_str(&self.tra(
                "survey-intro-closes",
                args!["when" => self.date_time_label(at.and_utc())],
            ));
        }
        text
    }

    /// One question, with the hint for its kind and, once answered, the answer.
    pub fn survey_question(
        &self,
        number: usize,
        count: usize,
        prompt: &str,
        kind: &coloop_core::survey::QuestionKind,
        answer: Option<&str>,
    ) -> String {
        use coloop_core::survey::QuestionKind;
        let mut text = self.tra(
            "survey-question",
            args![
                "number" => number as i64,
                "count" => count as i64,
                "prompt" => escape(prompt),
            ],
        );
        let hint = match kind {
            QuestionKind::Rating => Some("survey-hint-rating"),
            QuestionKind::Multi(_) => Some("survey-hint-multi"),
            QuestionKind::Text if answer.is_none() => Some("survey-hint-text"),
            _ => None,
        };
        if let Some(hint) = hint {
            text.push('\n');
            text.push_str(&self.tr(hint));
        }
        if let Some(answer) = answer {
            text.push('\n');
            text.push_str(&self.tra("survey-your-answer", args!["answer" => escape(answer)]));
        }
        text
    }

    pub fn survey_text_placeholder(&self) -> String {
        self.tr("survey-text-placeholder")
    }

    pub fn survey_yes(&self) -> String {
        self.tr("survey-yes")
    }

    pub fn survey_no(&self) -> String {
        self.tr("survey-no")
    }

    pub fn survey_done(&self) -> String {
        self.tr("survey-done")
    }

    pub fn survey_continue(&self) -> String {
        self.tr("survey-continue")
    }

    pub fn survey_thanks(&self, group: &str, title: &str) -> String {
        self.tra(
            "survey-thanks",
            args!["group" => escape(group), "title" => escape(title)],
        )
    }

    pub fn survey_reminder(&self, group: &str, title: &str) -> String {
        self.tra(
            "survey-reminder",
            args!["group" => escape(group), "title" => escape(title)],
        )
    }

    /// Every question of a spec, for the author's preview.
    pub fn survey_outline(&self, spec: &coloop_core::survey::SurveySpec) -> String {
        let mut lines = vec![self.tr("survey-preview-title")];
        for (i, q) in spec.questions.iter().enumerate() {
            lines.push(self.tra(
                "survey-preview-question",
                args![
                    "number" => (i + 1) as i64,
                    "kind" => q.kind.keyword(),
                    "prompt" => escape(&q.prompt),
                ],
            ));
            if !q.kind.options().is_empty() {
                let options: Vec<String> = q.kind.options().iter().map(|o| escape(o)).collect();
                lines.push(self.tra(
                    "survey-preview-options",
                    args!["options" => options.join(" · ")],
                ));
            }
        }
        lines.join("\n")
    }

    pub fn survey_preview_control(&self, group: &str, recipients: i64) -> String {
        self.tra(
            "survey-preview-control",
            args!["group" => escape(group), "recipients" => recipients],
        )
    }

    pub fn survey_queued(
        &self,
        group: &str,
        id: coloop_core::domain::SurveyId,
        recipients: i64,
    ) -> String {
        self.tra(
            "survey-queued",
            args!["group" => escape(group), "id" => id.get(), "recipients" => recipients],
        )
    }

    pub fn survey_closed_toast(&self) -> String {
        self.tr("survey-closed-toast")
    }

    pub fn survey_not_member_toast(&self, group: &str) -> String {
        self.tra(
            "survey-not-member-toast",
            args!["group" => group.to_owned()],
        )
    }

    pub fn survey_saved_toast(&self) -> String {
        self.tr("survey-saved-toast")
    }

    pub fn survey_pick_one_toast(&self) -> String {
        self.tr("survey-pick-one-toast")
    }

    pub fn survey_closed(&self, id: coloop_core::domain::SurveyId, title: &str) -> String {
        self.tra(
            "survey-closed",
            args!["id" => id.get(), "title" => escape(title)],
        )
    }

    pub fn survey_already_closed(&self, id: coloop_core::domain::SurveyId) -> String {
        self.tra("survey-already-closed", args!["id" => id.get()])
    }

    pub fn survey_unknown(&self, id: coloop_core::domain::SurveyId) -> String {
        self.tra("survey-unknown", args!["id" => id.get()])
    }

    pub fn survey_preview_toast(&self) -> String {
        self.tr("survey-preview-toast")
    }

    pub fn survey_expired(&self) -> String {
        self.tr("survey-expired")
    }

    pub fn survey_use_continue(&self) -> String {
        self.tr("survey-use-continue")
    }

    pub fn survey_use_buttons(&self) -> String {
        self.tr("survey-use-buttons")
    }

    pub fn survey_nothing_waiting(&self) -> String {
        self.tr("survey-nothing-waiting")
    }

    // ---- language ---------------------------------------------------------------------------

    pub fn language_choose(&self) -> String {
        self.tr("language-choose")
    }

    /// Said in the newly chosen language.
    pub fn language_set(&self) -> String {
        self.tr("language-set")
    }

    pub fn language_set_toast(&self) -> String {
        self.tr("language-set-toast")
    }

    /// To someone not stored (no consent yet), in the language they pressed.
    pub fn language_not_stored(&self) -> String {
        self.tr("language-not-stored")
    }

    // ---- groups -----------------------------------------------------------------------------

    pub fn my_groups(&self, groups: &[MembershipView]) -> String {
        if groups.is_empty() {
            return self.tr("no-groups");
        }
        let mut text = self.tr("my-groups-title");
        text.push('\n');
        for g in groups {
            text.push_str(&self.tra(
                "my-groups-line",
                args![
                    "group" => escape(g.name.as_str()),
                    "slug" => g.slug.to_string(),
                    "role" => role_key(g.role),
                ],
            ));
            text.push('\n');
        }
        text
    }

    pub fn all_groups(&self, groups: &[GroupOverview]) -> String {
        if groups.is_empty() {
            return format!("\n{}", self.tr("all-groups-none"));
        }
        let mut text = format!("\n{}\n", self.tr("all-groups-title"));
        for g in groups {
            text.push_str(&self.tra(
                "all-groups-line",
                args![
                    "group" => escape(g.name.as_str()),
                    "slug" => g.slug.to_string(),
                    "members" => g.members,
                    "facilitators" => g.facilitators,
                    "archived" => yes_no(g.archived),
                ],
            ));
            text.push('\n');
        }
        text
    }

    pub fn left(&self, slug: &GroupSlug) -> String {
        self.tra("left", args!["slug" => slug.to_string()])
    }

    pub fn not_in_group(&self, slug: &GroupSlug) -> String {
        self.tra("not-in-group", args!["slug" => slug.to_string()])
    }

    pub fn group_created(
        &self,
        name: &str,
        slug: &GroupSlug,
        member_link: &str,
        facilitator_link: &str,
    ) -> String {
        self.tra(
            "group-created",
            args![
                "group" => escape(name),
                "slug" => slug.to_string(),
                "member-link" => member_link,
                "facilitator-link" => facilitator_link,
            ],
        )
    }

    pub fn slug_taken(&self, slug: &GroupSlug) -> String {
        self.tra("slug-taken", args!["slug" => slug.to_string()])
    }

    pub fn invite_links(
        &self,
        name: &str,
        member_link: &str,
        facilitator_link: Option<&str>,
    ) -> String {
        let mut text = self.tra(
            "invite-member-link",
            args!["group" => escape(name), "link" => member_link],
        );
        if let Some(link) = facilitator_link {
            text.push_str("\n\n");
            text.push_str(&self.tra("invite-facilitator-link", args!["link" => link]));
        }
        text
    }

    pub fn unknown_group(&self, slug: &GroupSlug) -> String {
        self.tra("unknown-group", args!["slug" => slug.to_string()])
    }

    // ---- broadcasts -------------------------------------------------------------------------

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

    fn date_label(&self, date: NaiveDate) -> String {
        self.tra(
            "date",
            args![
                "day" => date.day().to_string(),
                "month" => self.tr(&format!("month-{}", date.month())),
                "year" => date.year().to_string(),
            ],
        )
    }

    fn date_time_label(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.tra(
            "date-time",
            args![
                "day" => at.day().to_string(),
                "month" => self.tr(&format!("month-short-{}", at.month())),
                "time" => format!("{:02}:{:02}", at.hour(), at.minute()),
            ],
        )
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
            .map(|t| format!("“{}”", escape(t)))
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

    // ---- digests ----------------------------------------------------------------------------

    /// A feedback digest as a chat message (long ones are sent in parts, cut between lines).
    pub fn digest(
        &self,
        d: &coloop_core::digest::Digest,
        scope: Option<&str>,
        days: u32,
        view: DigestView<'_>,
    ) -> String {
        let scope = match scope {
            Some(name) => escape(name),
            None => self.tr("digest-all-groups"),
        };
        let mut text = self.tra(
            "digest-title",
            args![
                "scope" => scope,
                "from" => self.date_label(d.from.date_naive()),
                "to" => self.date_label(d.to.date_naive()),
                "days" => i64::from(days),
            ],
        );
        let m = &d.members;
        text.push_str("\n\n");
        text.push_str(&self.tra(
            "digest-members",
            args!["total" => m.total, "joined" => m.joined, "paused" => m.paused, "blocked" => m.blocked],
        ));
        text.push_str("\n\n");
        text.push_str(&self.tr("digest-posts"));
        if d.posts.is_empty() {
            text.push('\n');
            text.push_str(&self.tr("digest-no-posts"));
        }
        for p in &d.posts {
            let reached = p.sent + p.failed + p.blocked + p.pending;
            let share = if reached > 0 {
                p.sent as f64 / reached as f64
            } else {
                0.0
            };
            let kind = p
                .kind
                .parse::<PostKind>()
                .map(|k| self.kind_name(k))
                .unwrap_or_default();
            text.push('\n');
            text.push_str(&self.tra(
                "digest-post",
                args![
                    "kind" => kind,
                    "title" => escape(&p.title),
                    "group" => p.group.clone(),
                    "bar" => format!("{:░<10}", coloop_core::digest::bar(share, 10)),
                    "percent" => format!("{:.0}%", share * 100.0),
                    "sent" => p.sent,
                    "total" => reached,
                    "comments" => p.comments,
                ],
            ));
            if p.answers > 0 {
                text.push('\n');
                text.push_str(&self.tra("digest-post-told", args!["told" => p.told]));
            }
        }
        self.digest_surveys(&mut text, d);
        if view.coordinator && !d.equity.is_empty() {
            text.push_str("\n\n");
            text.push_str(&self.tr("digest-equity"));
            for e in &d.equity {
                let rate = coloop_core::digest::share(e.responded, e.invited);
                let category = match e.category.as_deref().and_then(Category::parse) {
                    Some(c) => self.category_label(c),
                    None => self.tr("digest-equity-other"),
                };
                text.push('\n');
                text.push_str(&self.tra(
                    "digest-equity-line",
                    args![
                        "group" => e.group.clone(),
                        "category" => category,
                        "bar" => format!("{:░<10}", coloop_core::digest::bar(rate, 10)),
                        "percent" => coloop_core::digest::percent(rate),
                        "responded" => e.responded,
                        "invited" => e.invited,
                    ],
                ));
            }
        }
        for silent in &d.silent {
            text.push_str("\n\n");
            text.push_str(&self.tra(
                "digest-silent",
                args!["group" => silent.group.clone(), "count" => silent.count],
            ));
            if view.facilitates.contains(&silent.group) {
                let names: Vec<String> = d
                    .silent_names
                    .iter()
                    .filter(|m| m.group == silent.group)
                    .map(|m| escape(&m.name))
                    .collect();
                text.push('\n');
                text.push_str(&names.join(", "));
            }
        }
        text.push_str("\n\n");
        text.push_str(&self.tra("digest-comments", args!["count" => d.comment_count]));
        for c in &d.latest_comments {
            let when = chrono::DateTime::parse_from_rfc3339(&c.created_at)
                .map(|t| self.date_time_label(t.with_timezone(&chrono::Utc)))
                .unwrap_or_default();
            let author = c
                .author
                .as_deref()
                .map(escape)
                .unwrap_or_else(|| self.tr("digest-anonymous"));
            let excerpt = escape(&coloop_core::digest::comment_excerpt(c));
            text.push('\n');
            text.push_str(&match &c.post_title {
                Some(title) => self.tra(
                    "digest-comment-post",
                    args!["when" => when, "author" => author, "title" => escape(title), "text" => excerpt],
                ),
                None => self.tra("digest-comment", args!["when" => when, "author" => author, "text" => excerpt]),
            });
        }
        text
    }

    /// What one bar of a question stands for (plain text): `4 ★`, Yes / No, an option.
    pub fn digest_bar_label(&self, kind: &str, b: &coloop_core::store::BarCount) -> String {
        match (kind, &b.label) {
            (_, Some(label)) => label.clone(),
            ("rating", None) => format!("{} ★", b.value),
            ("yesno", None) if b.value == 1 => self.survey_yes(),
            _ => self.survey_no(),
        }
    }

    pub fn digest_chart_caption(&self, title: &str) -> String {
        self.tra("digest-chart", args!["title" => escape(title)])
    }

    fn digest_surveys(&self, text: &mut String, d: &coloop_core::digest::Digest) {
        use coloop_core::digest::{bar, bar_total, percent, share};
        if d.surveys.is_empty() {
            return;
        }
        text.push_str("\n\n");
        text.push_str(&self.tr("digest-surveys"));
        for s in &d.surveys {
            let line = &s.survey;
            text.push_str("\n\n");
            text.push_str(&self.tra(
                "digest-survey",
                args![
                    "id" => line.id,
                    "title" => escape(&line.title),
                    "group" => line.group.clone(),
                    "post" => escape(&line.post_title),
                    "delivered" => line.delivered,
                    "respondents" => line.respondents,
                    "finished" => line.finished,
                    "anonymous" => yes_no(line.anonymous),
                ],
            ));
            for q in &s.questions {
                text.push('\n');
                text.push_str(&self.tra(
                    "digest-question",
                    args![
                        "number" => q.line.number,
                        "prompt" => escape(&q.line.prompt),
                        "answers" => q.line.answers,
                        "percent" => percent(q.response_rate),
                    ],
                ));
                if let Some(mean) = q.line.mean {
                    text.push_str(&self.tra("digest-mean", args!["mean" => format!("{mean:.1}")]));
                }
                let total = bar_total(q);
                for b in &q.bars {
                    let label = escape(&self.digest_bar_label(&q.line.kind, b));
                    let fraction = share(b.count, total);
                    text.push('\n');
                    text.push_str(&self.tra(
                        "digest-bar",
                        args![
                            "label" => label,
                            "bar" => format!("{:░<10}", bar(fraction, 10)),
                            "percent" => percent(fraction),
                            "count" => b.count,
                        ],
                    ));
                }
                for sample in &q.samples {
                    let cut: String = sample.chars().take(200).collect();
                    text.push('\n');
                    text.push_str(&self.tra("digest-sample", args!["text" => escape(cut.trim())]));
                }
            }
        }
    }

    pub fn export_empty(&self) -> String {
        self.tr("export-empty")
    }

    pub fn digest_which_group(&self, groups: &[GroupSlug]) -> String {
        self.tra("digest-which-group", args!["groups" => code_list(groups)])
    }

    pub fn export_caption(&self, what: &str, scope: Option<&str>) -> String {
        let scope = match scope {
            Some(name) => escape(name),
            None => self.tr("digest-all-groups"),
        };
        self.tra(
            match what {
                "comments" => "export-comments",
                "answers" => "export-answers",
                _ => "export-deliveries",
            },
            args!["scope" => scope],
        )
    }

    pub fn which_group(&self, groups: &[GroupSlug]) -> String {
        if groups.is_empty() {
            return self.tr("which-group");
        }
        self.tra("which-group-yours", args!["groups" => code_list(groups)])
    }

    // ---- comments ---------------------------------------------------------------------------

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

    fn media_label(&self, kind: MediaKind, duration: Option<i64>) -> String {
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
        format!("#{} — {}", c.id, self.author(c))
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
            text.push_str(&format!("• {}\n", line.trim_end()));
        }
        if n.count > n.first.len() as i64 {
            text.push_str("…\n");
        }
        text.push('\n');
        text.push_str(&self.tra(
            "new-comments-read",
            args!["slug" => n.group_slug.to_string()],
        ));
        text
    }

    // ---- linked group chats -----------------------------------------------------------------

    pub fn linked(&self, group_name: &str, topic: bool) -> String {
        self.tra(
            "linked",
            args!["group" => escape(group_name), "topic" => yes_no(topic)],
        )
    }

    pub fn linked_elsewhere(&self, slug: &GroupSlug) -> String {
        self.tra("linked-elsewhere", args!["slug" => slug.to_string()])
    }

    pub fn unlinked(&self) -> String {
        self.tr("unlinked")
    }

    pub fn not_linked(&self) -> String {
        self.tr("not-linked")
    }

    pub fn link_in_a_group(&self) -> String {
        self.tr("link-in-a-group")
    }

    pub fn group_comment_thanks(&self, first_name: &str, group_name: &str) -> String {
        self.tra(
            "group-comment-thanks",
            args!["name" => escape(first_name), "group" => escape(group_name)],
        )
    }

    pub fn consent_first_in_private(&self, first_name: &str, link: &str) -> String {
        self.tra(
            "consent-first-in-private",
            args!["name" => escape(first_name), "link" => link],
        )
    }

    // ---- participant rights -----------------------------------------------------------------

    pub fn paused_all(&self) -> String {
        self.tr("paused-all")
    }

    pub fn already_paused(&self) -> String {
        self.tr("already-paused")
    }

    pub fn paused_group(&self, slug: &GroupSlug) -> String {
        self.tra("paused-group", args!["slug" => slug.to_string()])
    }

    pub fn resumed(&self) -> String {
        self.tr("resumed")
    }

    pub fn nothing_to_resume(&self) -> String {
        self.tr("nothing-to-resume")
    }

    pub fn resumed_group(&self, slug: &GroupSlug, still_paused_all: bool) -> String {
        let id = if still_paused_all {
            "resumed-group-still-paused"
        } else {
            "resumed-group"
        };
        self.tra(id, args!["slug" => slug.to_string()])
    }

    pub fn nothing_stored(&self) -> String {
        self.tr("nothing-stored")
    }

    pub fn privacy(&self) -> String {
        self.tr("privacy")
    }

    pub fn mydata_caption(&self) -> String {
        self.tr("mydata-caption")
    }

    pub fn forget_confirm(&self) -> String {
        self.tr("forget-confirm")
    }

    pub fn forget_yes(&self) -> String {
        self.tr("forget-yes")
    }

    pub fn forget_no(&self) -> String {
        self.tr("forget-no")
    }

    pub fn forgotten(&self) -> String {
        self.tr("forgotten")
    }

    pub fn not_forgotten(&self) -> String {
        self.tr("not-forgotten")
    }

    // ---- rights -----------------------------------------------------------------------------

    pub fn coordinators_only(&self) -> String {
        self.tr("coordinators-only")
    }

    pub fn facilitators_only(&self, slug: &GroupSlug) -> String {
        self.tra("facilitators-only", args!["slug" => slug.to_string()])
    }

    // ---- wrong input ------------------------------------------------------------------------

    pub fn usage(&self, command: CommandName) -> String {
        self.tr(&format!("usage-{}", command.as_str()))
    }

    /// Why a command could not be read, and how to write it.
    pub fn bad_input(&self, problem: &ParseError) -> String {
        let command = problem.command();
        let slash = format!("/{}", command.as_str());
        let raw = |raw: &str| escape(&raw.chars().take(100).collect::<String>());
        let text = match problem {
            ParseError::MissingArgument(_) => {
                self.tra("problem-missing-argument", args!["command" => slash])
            }
            ParseError::TooManyArguments(_) => {
                self.tra("problem-too-many-arguments", args!["command" => slash])
            }
            ParseError::BadSlug(_, e) => self.tra(
                "problem-bad-slug",
                args!["command" => slash, "problem" => self.slug_problem(e)],
            ),
            ParseError::BadName(_, e) => self.tra(
                "problem-bad-name",
                args!["command" => slash, "problem" => self.text_problem(e)],
            ),
            ParseError::BadChallenge(_, e) => self.tra(
                "problem-bad-challenge",
                args!["command" => slash, "problem" => self.text_problem(e)],
            ),
            ParseError::BadTitle(_, e) => self.tra(
                "problem-bad-title",
                args!["command" => slash, "problem" => self.text_problem(e)],
            ),
            ParseError::BadSummary(_, e) => self.tra(
                "problem-bad-summary",
                args!["command" => slash, "problem" => self.text_problem(e)],
            ),
            ParseError::BadCategory(_, r) => self.tra(
                "problem-bad-category",
                args!["command" => slash, "raw" => raw(r)],
            ),
            ParseError::BadStatus(_, r) => self.tra(
                "problem-bad-status",
                args!["command" => slash, "raw" => raw(r)],
            ),
            ParseError::BadDate(_, r) => self.tra(
                "problem-bad-date",
                args!["command" => slash, "raw" => raw(r)],
            ),
            ParseError::BadNumber(_, r) => self.tra(
                "problem-bad-number",
                args!["command" => slash, "raw" => raw(r)],
            ),
        };
        self.tra(
            "bad-input",
            args!["problem" => capitalise(&text), "usage" => self.usage(command)],
        )
    }

    fn slug_problem(&self, problem: &SlugError) -> String {
        match problem {
            SlugError::TooShort => self.tr("slug-too-short"),
            SlugError::TooLong => self.tr("slug-too-long"),
            SlugError::BadChar(c) => {
                self.tra("slug-bad-char", args!["char" => escape(&c.to_string())])
            }
            SlugError::EdgeHyphen => self.tr("slug-edge-hyphen"),
        }
    }

    fn text_problem(&self, problem: &TextError) -> String {
        match problem {
            TextError::Empty => self.tr("text-empty"),
            TextError::TooLong { max } => self.tra("text-too-long", args!["max" => *max]),
        }
    }

    pub fn unknown_command(&self, name: &str) -> String {
        self.tra(
            "unknown-command",
            args!["name" => escape(&name.chars().take(64).collect::<String>())],
        )
    }

    pub fn no_context(&self) -> String {
        self.tr("no-context")
    }

    pub fn private_only(&self, bot_username: &str) -> String {
        self.tra(
            "private-only",
            args!["link" => format!("https://t.me/{bot_username}")],
        )
    }

    pub fn stale_button(&self) -> String {
        self.tr("stale-button")
    }

    pub fn internal_error(&self) -> String {
        self.tr("internal-error")
    }
}

fn code_list(groups: &[GroupSlug]) -> String {
    groups
        .iter()
        .map(|g| format!("<code>{g}</code>"))
        .collect::<Vec<_>>()
        .join(", ")
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

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use coloop_core::domain::{Category, GroupName, PostId, PostTitle, PrototypeStatus, Summary};
    use coloop_core::store::Media;

    use super::*;
    use crate::i18n::Catalogues;

    fn catalogues() -> Catalogues {
        Catalogues::embedded().expect("the catalogues load")
    }

    fn slug(s: &str) -> GroupSlug {
        GroupSlug::parse(s).expect("slug")
    }

    fn take_problems() -> Vec<String> {
        PROBLEMS.with(|p| std::mem::take(&mut *p.borrow_mut()))
    }

    /// A big digest: many posts, surveys with ten questions of long prompts and options.
    fn big_digest() -> coloop_core::digest::Digest {
        use coloop_core::digest::{Digest, QuestionDigest, SilentCount, SurveyDigest};
        use coloop_core::store::{BarCount, MemberCounts, PostLine, QuestionLine, SurveyLine};
        let posts = (0..40)
            .map(|i| PostLine {
                id: i,
                group: "water-access".into(),
                kind: "prototype".into(),
                title: format!("Post <{i}> {}", "x".repeat(150)),
                category: Some("community".into()),
                status: Some("testing".into()),
                sent_at: None,
                sent: 10,
                pending: 1,
                failed: 1,
                blocked: 0,
                comments: 3,
                answers: 1,
                told: 2,
            })
            .collect();
        let surveys = (0..6)
            .map(|s| SurveyDigest {
                survey: SurveyLine {
                    id: s,
                    group: "water-access".into(),
                    title: format!("Survey {s}"),
                    post_title: "Post".into(),
                    anonymous: s % 2 == 0,
                    state: "open".into(),
                    sent_at: None,
                    delivered: 40,
                    respondents: 30,
                    finished: 20,
                },
                questions: (0..10)
                    .map(|q| QuestionDigest {
                        line: QuestionLine {
                            question_id: s * 10 + q,
                            survey_id: s,
                            number: q + 1,
                            kind: "choice".into(),
                            prompt: "¿".repeat(290),
                            answers: 30,
                            mean: None,
                        },
                        response_rate: 0.75,
                        bars: (0..10)
                            .map(|o| BarCount {
                                question_id: s * 10 + q,
                                value: o,
                                label: Some(format!("Option & {o} {}", "o".repeat(50))),
                                count: 3,
                            })
                            .collect(),
                        samples: vec!["<b>not bold</b>".into(); 5],
                    })
                    .collect(),
            })
            .collect();
        Digest {
            group: Some("water-access".into()),
            from: chrono::Utc::now() - chrono::Duration::days(7),
            to: chrono::Utc::now(),
            members: MemberCounts::default(),
            posts,
            comment_count: 0,
            latest_comments: Vec::new(),
            surveys,
            equity: Vec::new(),
            silent: vec![SilentCount {
                group: "water-access".into(),
                count: 2,
            }],
            silent_names: Vec::new(),
        }
    }

    #[test]
    fn a_big_digest_is_sent_in_parts_under_telegrams_limit() {
        let c = catalogues();
        for t in c.all() {
            let text = t.digest(&big_digest(), Some("Water"), 7, DigestView::default());
            let parts = coloop_core::message::pack_lines(&text);
            assert!(parts.len() > 5, "{} parts", parts.len());
            for part in &parts {
                assert!(
                    coloop_core::message::telegram_len(part)
                        <= coloop_core::message::TELEGRAM_LIMIT,
                    "a part of {} characters",
                    coloop_core::message::telegram_len(part)
                );
            }
            // Nothing lost, everything a person typed escaped.
            assert_eq!(parts.concat().matches("Option &amp; 9").count(), 60);
            assert!(!text.contains("<b>not bold</b>"));
        }
        assert_eq!(take_problems(), Vec::<String>::new());
    }

    #[test]
    fn person_text_is_escaped() {
        let c = catalogues();
        for t in c.all() {
            assert!(
                t.consent("<b>x</b> & co", Role::Member)
                    .contains("&lt;b&gt;x&lt;/b&gt; &amp; co")
            );
            assert!(t.unknown_command("<x>").contains("&lt;x&gt;"));
            assert!(
                !t.consent("a", Role::Member)
                    .contains(['\u{2068}', '\u{2069}'])
            );
        }
    }

    #[test]
    fn help_grows_with_roles() {
        let c = catalogues();
        for t in c.all() {
            let none = t.help(Abilities::default());
            let coordinator = t.help(Abilities {
                coordinator: true,
                ..Abilities::default()
            });
            assert!(!none.contains("/newgroup") && !none.contains("/invite"));
            assert!(none.contains("/language"));
            assert!(coordinator.contains("/newgroup") && coordinator.contains("/invite"));
            let facilitator = t.help(Abilities {
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
    }

    #[test]
    fn every_command_has_usage_and_a_menu_entry_in_every_language() {
        let c = catalogues();
        for t in c.all() {
            let menu = t.menu();
            for command in CommandName::ALL {
                assert!(
                    t.usage(command).contains(command.as_str()),
                    "{t:?} {command:?}"
                );
                assert!(menu.iter().any(|(m, _)| *m == command), "{command:?}");
            }
        }
        assert!(take_problems().is_empty());
    }

    #[test]
    fn plurals_follow_the_count() {
        let c = catalogues();
        let en = c.texts("en");
        assert!(en.preview_control("G", 1, 0, 1).contains("1 person?"));
        assert!(
            en.preview_control("G", 2, 1, 2)
                .contains("2 people and 1 linked group chat?")
        );
        assert!(en.preview_control("G", 0, 3, 2).contains("(2 messages)"));
        let es = c.texts("es");
        assert!(es.preview_control("G", 1, 0, 1).contains("1 persona"));
        assert!(es.preview_control("G", 2, 0, 1).contains("2 personas"));
    }

    /// Calls every text with sample values, in every language: no formatting problem at all.
    #[test]
    fn every_text_formats_cleanly_in_every_language() {
        let c = catalogues();
        let joined = |change| Joined {
            slug: slug("water-access"),
            name: GroupName::parse("Water <access>").expect("name"),
            role: Role::Facilitator,
            change,
        };
        let membership = MembershipView {
            slug: slug("water-access"),
            name: GroupName::parse("Water").expect("name"),
            role: Role::Member,
            joined_at: Utc::now(),
        };
        let overview = |archived| GroupOverview {
            slug: slug("water-access"),
            name: GroupName::parse("Water").expect("name"),
            members: 1,
            facilitators: 2,
            archived,
        };
        let comment = CommentView {
            id: CommentId::new(3),
            author: None,
            created_at: Utc::now(),
            post: Some((PostId::new(2), "Tanks".into())),
            body: Some("Too far <b>away</b>".into()),
            media: Some(Media {
                kind: MediaKind::Voice,
                file_id: "f".into(),
                duration_secs: Some(75),
            }),
        };
        let summary = Summary::parse("A summary.").expect("summary");
        let title = PostTitle::parse("Title").expect("title");
        let posts = [
            PostContent::Outcome {
                title: title.clone(),
                session_date: NaiveDate::from_ymd_opt(2026, 11, 20),
                summary: summary.clone(),
            },
            PostContent::Prototype {
                title,
                category: Category::PublicService,
                status: PrototypeStatus::Testing,
                summary: summary.clone(),
            },
            PostContent::question(summary),
        ];
        for t in c.all() {
            let mut all = vec![
                t.language_name(),
                t.consent("G", Role::Member),
                t.consent_agree_button(),
                t.consent_decline_button(),
                t.consent_accepted(),
                t.consent_accepted_toast(),
                t.declined(),
                t.joined(&joined(JoinChange::New)),
                t.joined(&joined(JoinChange::Promoted)),
                t.joined(&joined(JoinChange::Already)),
                t.unknown_code(),
                t.archived("G"),
                t.stale_invite_toast(),
                t.welcome(),
                t.welcome_back(std::slice::from_ref(&membership)),
                t.help(Abilities {
                    member: true,
                    facilitator: true,
                    coordinator: true,
                }),
                t.language_choose(),
                t.language_set(),
                t.language_set_toast(),
                t.language_not_stored(),
                t.my_groups(&[]),
                t.my_groups(std::slice::from_ref(&membership)),
                t.all_groups(&[]),
                t.all_groups(&[overview(true), overview(false)]),
                t.left(&slug("abc")),
                t.not_in_group(&slug("abc")),
                t.group_created("G", &slug("abc"), "l1", "l2"),
                t.slug_taken(&slug("abc")),
                t.invite_links("G", "l1", Some("l2")),
                t.unknown_group(&slug("abc")),
                t.preview_send_button(),
                t.preview_cancel_button(),
                t.preview_control("G", 3, 2, 2),
                t.broadcast_queued("G", 1),
                t.broadcast_queued_toast(),
                t.already_sent_toast(),
                t.draft_cancelled_toast(),
                t.cancelled(),
                t.cancelled_toast(),
                t.not_your_draft(),
                t.status(
                    "G",
                    &[PostStatus {
                        id: PostId::new(1),
                        kind: PostKind::Prototype,
                        title: "T".into(),
                        sent_at: Some(Utc::now()),
                        pending: 1,
                        sent: 2,
                        failed: 0,
                        blocked: 1,
                    }],
                ),
                t.status("G", &[]),
                t.which_group(&[]),
                t.which_group(&[slug("abc"), slug("def")]),
                t.comment_thanks("G", Some("T")),
                t.comment_thanks("G", None),
                t.anonymous_button(),
                t.anonymous_done(),
                t.anonymous_toast(),
                t.which_post(),
                t.general_comment_label("G"),
                t.comment_which_group(&[slug("abc")]),
                t.not_in_any_group(),
                t.no_longer_in_group("G"),
                t.slow_down(),
                t.comments_list("G", &[]),
                t.comments_list("G", std::slice::from_ref(&comment)),
                t.media_caption(&comment),
                t.hidden(CommentId::new(1)),
                t.unknown_comment(CommentId::new(1)),
                t.linked("G", true),
                t.linked("G", false),
                t.linked_elsewhere(&slug("abc")),
                t.unlinked(),
                t.not_linked(),
                t.link_in_a_group(),
                t.group_comment_thanks("A", "G"),
                t.consent_first_in_private("A", "l"),
                t.paused_all(),
                t.already_paused(),
                t.paused_group(&slug("abc")),
                t.resumed(),
                t.nothing_to_resume(),
                t.resumed_group(&slug("abc"), true),
                t.resumed_group(&slug("abc"), false),
                t.nothing_stored(),
                t.privacy(),
                t.mydata_caption(),
                t.forget_confirm(),
                t.forget_yes(),
                t.forget_no(),
                t.forgotten(),
                t.not_forgotten(),
                t.coordinators_only(),
                t.facilitators_only(&slug("abc")),
                t.unknown_command("x"),
                t.no_context(),
                t.private_only("bot"),
                t.stale_button(),
                t.internal_error(),
            ];
            for content in &posts {
                all.extend(t.render_post("G", content));
            }
            for category in [
                Category::Community,
                Category::Sme,
                Category::LargeScale,
                Category::PublicService,
            ] {
                all.push(t.category_label(category));
            }
            for problem in [
                ParseError::MissingArgument(CommandName::Leave),
                ParseError::TooManyArguments(CommandName::Leave),
                ParseError::BadSlug(CommandName::Leave, SlugError::BadChar('<')),
                ParseError::BadSlug(CommandName::Leave, SlugError::TooShort),
                ParseError::BadSlug(CommandName::Leave, SlugError::TooLong),
                ParseError::BadSlug(CommandName::Leave, SlugError::EdgeHyphen),
                ParseError::BadName(CommandName::NewGroup, TextError::Empty),
                ParseError::BadChallenge(CommandName::NewGroup, TextError::TooLong { max: 9 }),
                ParseError::BadTitle(CommandName::Outcome, TextError::Empty),
                ParseError::BadSummary(CommandName::Outcome, TextError::Empty),
                ParseError::BadCategory(CommandName::Prototype, "x".into()),
                ParseError::BadStatus(CommandName::Prototype, "x".into()),
                ParseError::BadDate(CommandName::Outcome, "x".into()),
                ParseError::BadNumber(CommandName::Hide, "x".into()),
            ] {
                all.push(t.bad_input(&problem));
            }
            for month in 1..=12 {
                all.push(t.date_label(NaiveDate::from_ymd_opt(2026, month, 1).expect("date")));
            }
            for text in &all {
                assert!(!text.trim().is_empty(), "{t:?}: an empty text");
                assert!(!text.contains(['\u{2068}', '\u{2069}']), "{t:?}: {text}");
            }
            let problems = take_problems();
            assert!(problems.is_empty(), "{problems:#?}");
        }
    }
}
