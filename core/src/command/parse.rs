//! The grammar of a command message: how its name, arguments and body are found, why it may
//! not be read ([`ParseError`]), and one small parser per command that takes more than a
//! slug. The table (`table.rs`) says which parser reads which command.

mod composition;
mod network;

use std::str::SplitWhitespace;

use chrono::NaiveDate;

use super::{Command, CommandName, StartArg, WebAction};
use crate::domain::{
    Category, Challenge, CommentId, GroupName, GroupSlug, InviteCode, InviteCodeError, PostContent,
    PostId, PostTitle, PrototypeStatus, SlugError, Summary, SurveyId, TextError,
};

/// Why a known command could not be read. Each variant names the command, so the answer can
/// show its usage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("/{} needs more arguments", .0.as_str())]
    MissingArgument(CommandName),
    #[error("/{} got more arguments than it takes", .0.as_str())]
    TooManyArguments(CommandName),
    #[error("/{cmd}: {err}", cmd = .0.as_str(), err = .1)]
    BadSlug(CommandName, SlugError),
    #[error("/{cmd}: the name: {err}", cmd = .0.as_str(), err = .1)]
    BadName(CommandName, TextError),
    #[error("/{cmd}: the description: {err}", cmd = .0.as_str(), err = .1)]
    BadChallenge(CommandName, TextError),
    #[error("/{cmd}: the title: {err}", cmd = .0.as_str(), err = .1)]
    BadTitle(CommandName, TextError),
    #[error("/{cmd}: the summary on the lines after the command: {err}", cmd = .0.as_str(), err = .1)]
    BadSummary(CommandName, TextError),
    #[error("/{cmd}: {raw:?} is not a category; use community, sme, large_scale or public_service", cmd = .0.as_str(), raw = .1)]
    BadCategory(CommandName, String),
    #[error("/{cmd}: {raw:?} is not a status; use idea, prototyping, testing, adopted or discarded", cmd = .0.as_str(), raw = .1)]
    BadStatus(CommandName, String),
    #[error("/{cmd}: {raw:?} is not a date; write it as YYYY-MM-DD", cmd = .0.as_str(), raw = .1)]
    BadDate(CommandName, String),
    #[error("/{cmd}: {raw:?} is not a number", cmd = .0.as_str(), raw = .1)]
    BadNumber(CommandName, String),
    #[error("/{cmd}: the text: {err}", cmd = .0.as_str(), err = .1)]
    BadText(CommandName, TextError),
    #[error("/{cmd}: {raw:?} is not a web address, an e-mail address or a phone number", cmd = .0.as_str(), raw = .1)]
    BadContact(CommandName, String),
}

impl ParseError {
    pub fn command(&self) -> CommandName {
        match self {
            ParseError::MissingArgument(c)
            | ParseError::TooManyArguments(c)
            | ParseError::BadSlug(c, _)
            | ParseError::BadName(c, _)
            | ParseError::BadChallenge(c, _)
            | ParseError::BadTitle(c, _)
            | ParseError::BadSummary(c, _)
            | ParseError::BadCategory(c, _)
            | ParseError::BadStatus(c, _)
            | ParseError::BadDate(c, _)
            | ParseError::BadNumber(c, _)
            | ParseError::BadText(c, _)
            | ParseError::BadContact(c, _) => *c,
        }
    }
}

/// Whether a plain message is the opt-out word people use everywhere: "stop" alone, in any
/// case, with or without punctuation around it.
pub fn is_stop_word(text: &str) -> bool {
    let word: String = text
        .trim()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    word.eq_ignore_ascii_case("stop") && text.trim().chars().count() <= 8
}

/// Whether a message's command names this bot explicitly (`/help@coloop_bot`). In group chats
/// only such commands are answered: plain `/help` may be meant for another bot.
pub fn is_addressed_to(text: &str, bot_username: &str) -> bool {
    let head = text.split_whitespace().next().unwrap_or_default();
    head.starts_with('/')
        && head
            .split_once('@')
            .is_some_and(|(_, to)| to.eq_ignore_ascii_case(bot_username))
}

/// Parses a message text. `None` when it is not a command for this bot (plain text, or a
/// command addressed to another bot); otherwise the command or why it could not be read.
pub fn parse(text: &str, bot_username: &str) -> Option<Result<Command, ParseError>> {
    let text = text.trim_start();
    let rest = text.strip_prefix('/')?;
    let (first_line, body) = match rest.split_once('\n') {
        Some((line, body)) => (line, body),
        None => (rest, ""),
    };
    let (head, args) = match first_line.split_once(char::is_whitespace) {
        Some((head, args)) => (head, args.trim()),
        None => (first_line, ""),
    };
    let (name, addressee) = match head.split_once('@') {
        Some((name, to)) => (name, Some(to)),
        None => (head, None),
    };
    if let Some(to) = addressee
        && !to.eq_ignore_ascii_case(bot_username)
    {
        return None;
    }
    if name.is_empty() {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let Some(command) = CommandName::from_name(&name) else {
        return Some(Ok(Command::Unknown(name)));
    };
    let mut input = Input {
        command,
        args,
        body,
        words: args.split_whitespace(),
    };
    Some(command.parser()(&mut input))
}

/// A known command's arguments, as its parser reads them.
pub(super) struct Input<'a> {
    command: CommandName,
    /// The rest of the first line, trimmed.
    args: &'a str,
    /// The lines after the first.
    body: &'a str,
    /// The words of `args` not read yet.
    words: SplitWhitespace<'a>,
}

impl<'a> Input<'a> {
    fn missing(&self) -> ParseError {
        ParseError::MissingArgument(self.command)
    }

    fn bad_number(&self, raw: &str) -> ParseError {
        ParseError::BadNumber(self.command, raw.to_owned())
    }

    /// The next word, which must be there.
    fn word(&mut self) -> Result<&'a str, ParseError> {
        self.words.next().ok_or_else(|| self.missing())
    }

    /// The words not read yet.
    fn rest(&mut self) -> Vec<&'a str> {
        self.words.by_ref().collect()
    }

    fn slug_of(&self, word: &str) -> Result<GroupSlug, ParseError> {
        GroupSlug::parse(word).map_err(|e| ParseError::BadSlug(self.command, e))
    }

    /// A group, which must be there.
    fn slug(&mut self) -> Result<GroupSlug, ParseError> {
        let word = self.word()?;
        self.slug_of(word)
    }

    /// No word is left.
    pub(super) fn end(&mut self) -> Result<(), ParseError> {
        match self.words.next() {
            Some(_) => Err(ParseError::TooManyArguments(self.command)),
            None => Ok(()),
        }
    }

    /// `<group>` and nothing else.
    pub(super) fn only_slug(&mut self) -> Result<GroupSlug, ParseError> {
        let group = self.slug()?;
        self.end()?;
        Ok(group)
    }

    /// `[group]` and nothing else.
    pub(super) fn only_optional_slug(&mut self) -> Result<Option<GroupSlug>, ParseError> {
        let group = self.words.next().map(|w| self.slug_of(w)).transpose()?;
        self.end()?;
        Ok(group)
    }

    /// The rest of the first line as a post title.
    fn title(&mut self) -> Result<PostTitle, ParseError> {
        let words = self.rest();
        if words.is_empty() {
            return Err(self.missing());
        }
        PostTitle::parse(&words.join(" ")).map_err(|e| ParseError::BadTitle(self.command, e))
    }

    fn summary(&self, text: &str) -> Result<Summary, ParseError> {
        Summary::parse(text).map_err(|e| ParseError::BadSummary(self.command, e))
    }

    /// A post's body: leading `<key>: value` and `answers: 12, 15` lines (read in the order
    /// written), then the summary.
    fn post_body<T>(
        &self,
        key: &str,
        read: impl Fn(&str) -> Result<T, ParseError>,
    ) -> Result<(Option<T>, Vec<PostId>, Summary), ParseError> {
        let (meta, summary) = split_meta(self.body, &[key, "answers"]);
        let mut value = None;
        let mut answers = Vec::new();
        for (k, raw) in meta {
            if k == key {
                value = Some(read(raw)?);
            } else {
                answers = self.post_ids(raw)?;
            }
        }
        Ok((value, answers, self.summary(summary)?))
    }

    /// `12, #15`: up to 10 post numbers.
    fn post_ids(&self, value: &str) -> Result<Vec<PostId>, ParseError> {
        let mut ids = Vec::new();
        for raw in value.split([',', ' ']).filter(|w| !w.trim().is_empty()) {
            let id = raw
                .parse::<PostId>()
                .ok()
                .filter(|id| id.get() > 0)
                .ok_or_else(|| self.bad_number(raw.trim()))?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.is_empty() || ids.len() > 10 {
            return Err(self.bad_number(value.trim()));
        }
        Ok(ids)
    }
}

pub(super) use composition::{archive, audit, demote, invite, promote, remove};
pub(super) use network::{actor, help_with, introduce, people, profile, share_actor, volunteers};

/// `/start [code]`.
pub(super) fn start(i: &mut Input<'_>) -> Result<Command, ParseError> {
    Ok(Command::Start(match i.words.next() {
        None => StartArg::None,
        Some(code) => match InviteCode::parse(code) {
            Ok(code) if i.words.next().is_none() => StartArg::Code(code),
            Ok(_)
            | Err(InviteCodeError::Empty | InviteCodeError::TooLong | InviteCodeError::BadChar) => {
                StartArg::Malformed
            }
        },
    }))
}

/// `/newgroup <slug> <name>`, the challenge on the lines after.
pub(super) fn newgroup(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let slug = i.slug()?;
    let rest = i.rest();
    if rest.is_empty() {
        return Err(i.missing());
    }
    let name = GroupName::parse(&rest.join(" ")).map_err(|e| ParseError::BadName(i.command, e))?;
    let challenge = Challenge::parse(i.body).map_err(|e| ParseError::BadChallenge(i.command, e))?;
    Ok(Command::NewGroup {
        slug,
        name,
        challenge,
    })
}

/// `/outcome <group> <title>`, then optional `date:` and `answers:` lines, then the summary.
pub(super) fn outcome(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let group = i.slug()?;
    let title = i.title()?;
    let (session_date, answers, summary) = i.post_body("date", |value| {
        NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map_err(|_| ParseError::BadDate(i.command, value.to_owned()))
    })?;
    Ok(Command::Broadcast {
        group,
        content: PostContent::Outcome {
            title,
            session_date,
            summary,
        },
        answers,
    })
}

/// `/prototype <group> <category> <title>`, then optional `status:` and `answers:` lines,
/// then the summary.
pub(super) fn prototype(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let group = i.slug()?;
    let raw_category = i.word()?;
    let category = Category::parse(raw_category)
        .ok_or_else(|| ParseError::BadCategory(i.command, raw_category.to_owned()))?;
    let title = i.title()?;
    let (status, answers, summary) = i.post_body("status", |value| {
        PrototypeStatus::parse(value)
            .ok_or_else(|| ParseError::BadStatus(i.command, value.to_owned()))
    })?;
    Ok(Command::Broadcast {
        group,
        content: PostContent::Prototype {
            title,
            category,
            status: status.unwrap_or_default(),
            summary,
        },
        answers,
    })
}

/// `/ask <group> <question>`, the question going on over the lines after.
pub(super) fn ask(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let group = i.slug()?;
    let question = format!("{}\n{}", i.rest().join(" "), i.body);
    Ok(Command::Broadcast {
        group,
        content: PostContent::question(i.summary(&question)?),
        answers: Vec::new(),
    })
}

/// `/comment [group] <text>`: both readings are kept (see [`Command::Comment`]).
pub(super) fn comment(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let text = format!("{}\n{}", i.args, i.body);
    let text = text.trim();
    if text.is_empty() {
        return Err(i.missing());
    }
    let (first, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let rest = rest.trim();
    let group = GroupSlug::parse(first).ok().filter(|_| !rest.is_empty());
    Ok(Command::Comment {
        group,
        rest: rest.to_owned(),
        text: text.to_owned(),
    })
}

/// `/comments <group> [post id]`.
pub(super) fn comments(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let group = i.slug()?;
    let post = i
        .words
        .next()
        .map(|w| w.parse::<PostId>().map_err(|_| i.bad_number(w)))
        .transpose()?;
    i.end()?;
    Ok(Command::Comments { group, post })
}

/// `/hide <comment id>`.
pub(super) fn hide(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let raw = i.word()?;
    let id = raw.parse::<CommentId>().map_err(|_| i.bad_number(raw))?;
    i.end()?;
    Ok(Command::Hide(id))
}

/// `/digest [group] [days]`, days 1–365.
pub(super) fn digest(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let mut group = None;
    let mut days = None;
    for word in i.rest() {
        if word.chars().all(|c| c.is_ascii_digit()) {
            if days.is_some() {
                return Err(ParseError::TooManyArguments(i.command));
            }
            days = Some(
                word.parse::<u32>()
                    .ok()
                    .filter(|d| (1..=365).contains(d))
                    .ok_or_else(|| i.bad_number(word))?,
            );
        } else {
            if group.is_some() || days.is_some() {
                return Err(ParseError::TooManyArguments(i.command));
            }
            group = Some(i.slug_of(word)?);
        }
    }
    Ok(Command::Digest { group, days })
}

/// `/survey <group> <title>`, one question a line after.
pub(super) fn survey(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let group = i.slug()?;
    let title = i.rest();
    if title.is_empty() || i.body.trim().is_empty() {
        return Err(i.missing());
    }
    Ok(Command::Survey {
        group,
        title: title.join(" "),
        body: i.body.to_owned(),
    })
}

/// `/closesurvey <survey id>`.
pub(super) fn close_survey(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let raw = i.word()?;
    let id = raw
        .parse::<SurveyId>()
        .ok()
        .filter(|id| id.get() > 0)
        .ok_or_else(|| i.bad_number(raw))?;
    i.end()?;
    Ok(Command::CloseSurvey(id))
}

/// `/web` (a sign-in link to the dashboard) or `/web logout` (end every session).
pub(super) fn web(i: &mut Input<'_>) -> Result<Command, ParseError> {
    let action = match i.words.next() {
        None => WebAction::SignIn,
        Some(word) if word.eq_ignore_ascii_case("logout") => WebAction::SignOut,
        Some(_) => return Err(ParseError::TooManyArguments(i.command)),
    };
    i.end()?;
    Ok(Command::Web(action))
}

/// Splits the leading `key: value` lines off a body, for the given keys only (a summary that
/// starts with another "word:" stays whole).
fn split_meta<'a>(body: &'a str, keys: &[&str]) -> (Vec<(String, &'a str)>, &'a str) {
    let mut meta = Vec::new();
    let mut rest = body;
    loop {
        let trimmed = rest.trim_start_matches(['\n', '\r', ' ', '\t']);
        let (line, after) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let key = key.trim().to_lowercase();
        if !keys.contains(&key.as_str()) {
            break;
        }
        meta.push((key, value.trim()));
        rest = after;
    }
    (meta, rest)
}
