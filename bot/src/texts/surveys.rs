//! Surveys: previews, questions, answers, reminders, closing.

use super::*;

impl Texts<'_> {
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
            Problem::VolunteerAnonymous => self.tr("spec-volunteer-anonymous"),
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

    /// A button showing the member's current answer.
    pub fn survey_button_chosen(&self, label: &str) -> String {
        self.tra("survey-button-chosen", args!["label" => label.to_owned()])
    }

    /// A multiple-choice button, ticked or not.
    pub fn survey_button_ticked(&self, label: &str, on: bool) -> String {
        let id = if on {
            "survey-button-ticked"
        } else {
            "survey-button-unticked"
        };
        self.tra(id, args!["label" => label.to_owned()])
    }

    /// A rating as people read it: `4 ★`.
    pub fn survey_rating(&self, value: u8) -> String {
        self.tra("survey-rating", args!["value" => value.to_string()])
    }

    /// The toast of a reminder's Continue button.
    pub fn survey_continue_toast(&self) -> String {
        self.tr("survey-continue-toast")
    }
}
