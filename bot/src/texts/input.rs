//! Wrong input: parse errors with the usage, unknown commands and groups, stale buttons, apologies.

use super::*;

impl Texts<'_> {
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
            ParseError::BadText(_, e) => self.tra(
                "problem-bad-text",
                args!["command" => slash, "problem" => self.text_problem(e)],
            ),
            ParseError::BadContact(_, r) => self.tra(
                "problem-bad-contact",
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

    pub(super) fn text_problem(&self, problem: &TextError) -> String {
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
