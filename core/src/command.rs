//! The grammar of what people type and press, parsed into typed values before any handler runs.
//!
//! A message is a command when its first word starts with `/`. Commands may be addressed to a
//! bot (`/help@coloop_bot`); one addressed to another bot is not ours. Multi-line commands use
//! the first line for arguments and the rest as the body.

use chrono::NaiveDate;

use crate::domain::{
    Category, Challenge, CommentId, GroupId, GroupName, GroupSlug, InviteCode, InviteCodeError,
    LanguageCode, PostContent, PostId, PostKey, PostTitle, PrototypeStatus, SlugError, Summary,
    SurveyId, TextError,
};
use crate::survey::{MAX_OPTIONS, MAX_QUESTIONS};

/// The commands coloop understands, by name. Used for usage texts and the role matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandName {
    Start,
    Help,
    Groups,
    Leave,
    NewGroup,
    Invite,
    Outcome,
    Prototype,
    Status,
    Ask,
    Comment,
    Comments,
    Hide,
    Link,
    Unlink,
    Stop,
    Resume,
    Language,
    Privacy,
    MyData,
    Forget,
    Digest,
    Export,
    Survey,
    CloseSurvey,
}

impl CommandName {
    pub const ALL: [CommandName; 25] = [
        CommandName::Start,
        CommandName::Help,
        CommandName::Groups,
        CommandName::Leave,
        CommandName::NewGroup,
        CommandName::Invite,
        CommandName::Outcome,
        CommandName::Prototype,
        CommandName::Status,
        CommandName::Ask,
        CommandName::Comment,
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
        CommandName::Digest,
        CommandName::Export,
        CommandName::Survey,
        CommandName::CloseSurvey,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            CommandName::Start => "start",
            CommandName::Help => "help",
            CommandName::Groups => "groups",
            CommandName::Leave => "leave",
            CommandName::NewGroup => "newgroup",
            CommandName::Invite => "invite",
            CommandName::Outcome => "outcome",
            CommandName::Prototype => "prototype",
            CommandName::Status => "status",
            CommandName::Ask => "ask",
            CommandName::Comment => "comment",
            CommandName::Comments => "comments",
            CommandName::Hide => "hide",
            CommandName::Link => "link",
            CommandName::Unlink => "unlink",
            CommandName::Stop => "stop",
            CommandName::Resume => "resume",
            CommandName::Language => "language",
            CommandName::Privacy => "privacy",
            CommandName::MyData => "mydata",
            CommandName::Forget => "forget",
            CommandName::Digest => "digest",
            CommandName::Export => "export",
            CommandName::Survey => "survey",
            CommandName::CloseSurvey => "closesurvey",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// What `/start` carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartArg {
    /// `/start` alone.
    None,
    /// A well-formed code (it may still be unknown to the database).
    Code(InviteCode),
    /// Something no invite link can produce.
    Malformed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start(StartArg),
    Help,
    Groups,
    Leave(GroupSlug),
    NewGroup {
        slug: GroupSlug,
        name: GroupName,
        challenge: Challenge,
    },
    Invite(GroupSlug),
    /// `/outcome` or `/prototype`: a post to preview, then broadcast.
    Broadcast {
        group: GroupSlug,
        content: PostContent,
        /// Earlier posts of the group this one answers (`answers: 12, 15`): whoever gave
        /// feedback on them gets a personal note with it ("you said, we did").
        answers: Vec<PostId>,
    },
    /// `/status [group]`.
    Status(Option<GroupSlug>),
    /// `/comment [group] <text>`: a general comment to a group. Whether the first word names
    /// a group depends on the groups the person is in, so both readings are kept: the handler
    /// takes `group` + `rest` when the person is in that group, `text` otherwise.
    Comment {
        group: Option<GroupSlug>,
        rest: String,
        text: String,
    },
    /// `/comments <group> [post id]`.
    Comments {
        group: GroupSlug,
        post: Option<PostId>,
    },
    /// `/hide <comment id>`.
    Hide(CommentId),
    /// `/link <group>`, in a Telegram group chat.
    Link(GroupSlug),
    /// `/unlink`, in a linked Telegram group chat.
    Unlink,
    /// `/stop [group]` (or the word STOP alone): pause pushes.
    Stop(Option<GroupSlug>),
    /// `/resume [group]`.
    Resume(Option<GroupSlug>),
    /// `/language`: choose the language coloop writes in.
    Language,
    Privacy,
    MyData,
    Forget,
    /// `/digest [group] [days]`.
    Digest {
        group: Option<GroupSlug>,
        days: Option<u32>,
    },
    /// `/export [group]`.
    Export(Option<GroupSlug>),
    /// `/survey <group> <title>` and one question a line. The spec is parsed by the handler
    /// (its errors name lines, and there may be several), from the title and body kept here.
    Survey {
        group: GroupSlug,
        title: String,
        body: String,
    },
    /// `/closesurvey <id>`.
    CloseSurvey(SurveyId),
    /// A command we do not know, by the name typed (without `/`).
    Unknown(String),
}

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
            | ParseError::BadNumber(c, _) => *c,
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
    Some(parse_known(command, args, body))
}

fn parse_known(command: CommandName, args: &str, body: &str) -> Result<Command, ParseError> {
    let mut words = args.split_whitespace();
    let slug = |word: Option<&str>| -> Result<GroupSlug, ParseError> {
        let word = word.ok_or(ParseError::MissingArgument(command))?;
        GroupSlug::parse(word).map_err(|e| ParseError::BadSlug(command, e))
    };
    let no_more = |mut words: std::str::SplitWhitespace<'_>| {
        if words.next().is_some() {
            Err(ParseError::TooManyArguments(command))
        } else {
            Ok(())
        }
    };
    match command {
        CommandName::Start => Ok(Command::Start(match words.next() {
            None => StartArg::None,
            Some(code) => match InviteCode::parse(code) {
                Ok(code) if words.next().is_none() => StartArg::Code(code),
                Ok(_)
                | Err(
                    InviteCodeError::Empty | InviteCodeError::TooLong | InviteCodeError::BadChar,
                ) => StartArg::Malformed,
            },
        })),
        CommandName::Help => Ok(Command::Help),
        CommandName::Groups => Ok(Command::Groups),
        CommandName::Leave => {
            let group = slug(words.next())?;
            no_more(words)?;
            Ok(Command::Leave(group))
        }
        CommandName::Invite => {
            let group = slug(words.next())?;
            no_more(words)?;
            Ok(Command::Invite(group))
        }
        CommandName::NewGroup => {
            let slug = slug(words.next())?;
            let rest: Vec<&str> = words.collect();
            if rest.is_empty() {
                return Err(ParseError::MissingArgument(command));
            }
            let name =
                GroupName::parse(&rest.join(" ")).map_err(|e| ParseError::BadName(command, e))?;
            let challenge =
                Challenge::parse(body).map_err(|e| ParseError::BadChallenge(command, e))?;
            Ok(Command::NewGroup {
                slug,
                name,
                challenge,
            })
        }
        CommandName::Outcome => {
            let group = slug(words.next())?;
            let title = title(command, words)?;
            let (meta, summary) = split_meta(body, &["date", "answers"]);
            let mut session_date = None;
            let mut answers = Vec::new();
            for (key, value) in meta {
                if key == "date" {
                    session_date = Some(
                        NaiveDate::parse_from_str(value, "%Y-%m-%d")
                            .map_err(|_| ParseError::BadDate(command, value.to_owned()))?,
                    );
                } else {
                    answers = post_ids(command, value)?;
                }
            }
            let summary =
                Summary::parse(summary).map_err(|e| ParseError::BadSummary(command, e))?;
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
        CommandName::Prototype => {
            let group = slug(words.next())?;
            let raw_category = words.next().ok_or(ParseError::MissingArgument(command))?;
            let category = Category::parse(raw_category)
                .ok_or_else(|| ParseError::BadCategory(command, raw_category.to_owned()))?;
            let title = title(command, words)?;
            let (meta, summary) = split_meta(body, &["status", "answers"]);
            let mut status = PrototypeStatus::default();
            let mut answers = Vec::new();
            for (key, value) in meta {
                if key == "status" {
                    status = PrototypeStatus::parse(value)
                        .ok_or_else(|| ParseError::BadStatus(command, value.to_owned()))?;
                } else {
                    answers = post_ids(command, value)?;
                }
            }
            let summary =
                Summary::parse(summary).map_err(|e| ParseError::BadSummary(command, e))?;
            Ok(Command::Broadcast {
                group,
                content: PostContent::Prototype {
                    title,
                    category,
                    status,
                    summary,
                },
                answers,
            })
        }
        CommandName::Status => {
            let group = words.next().map(|w| slug(Some(w))).transpose()?;
            no_more(words)?;
            Ok(Command::Status(group))
        }
        CommandName::Ask => {
            let group = slug(words.next())?;
            let first: Vec<&str> = words.collect();
            let question = format!("{}\n{}", first.join(" "), body);
            let question =
                Summary::parse(&question).map_err(|e| ParseError::BadSummary(command, e))?;
            Ok(Command::Broadcast {
                group,
                content: PostContent::question(question),
                answers: Vec::new(),
            })
        }
        CommandName::Comment => {
            let text = format!("{args}\n{body}");
            let text = text.trim();
            if text.is_empty() {
                return Err(ParseError::MissingArgument(command));
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
        CommandName::Comments => {
            let group = slug(words.next())?;
            let post = words
                .next()
                .map(|w| {
                    w.parse::<PostId>()
                        .map_err(|_| ParseError::BadNumber(command, w.to_owned()))
                })
                .transpose()?;
            no_more(words)?;
            Ok(Command::Comments { group, post })
        }
        CommandName::Link => {
            let group = slug(words.next())?;
            no_more(words)?;
            Ok(Command::Link(group))
        }
        CommandName::Unlink => Ok(Command::Unlink),
        CommandName::Stop | CommandName::Resume => {
            let group = words.next().map(|w| slug(Some(w))).transpose()?;
            no_more(words)?;
            Ok(if command == CommandName::Stop {
                Command::Stop(group)
            } else {
                Command::Resume(group)
            })
        }
        CommandName::Language => {
            no_more(words)?;
            Ok(Command::Language)
        }
        CommandName::Privacy => Ok(Command::Privacy),
        CommandName::MyData => Ok(Command::MyData),
        CommandName::Forget => Ok(Command::Forget),
        CommandName::Digest => {
            let mut group = None;
            let mut days = None;
            for word in words {
                if word.chars().all(|c| c.is_ascii_digit()) {
                    if days.is_some() {
                        return Err(ParseError::TooManyArguments(command));
                    }
                    days = Some(
                        word.parse::<u32>()
                            .ok()
                            .filter(|d| (1..=365).contains(d))
                            .ok_or_else(|| ParseError::BadNumber(command, word.to_owned()))?,
                    );
                } else {
                    if group.is_some() || days.is_some() {
                        return Err(ParseError::TooManyArguments(command));
                    }
                    group = Some(slug(Some(word))?);
                }
            }
            Ok(Command::Digest { group, days })
        }
        CommandName::Export => {
            let group = words.next().map(|w| slug(Some(w))).transpose()?;
            no_more(words)?;
            Ok(Command::Export(group))
        }
        CommandName::Survey => {
            let group = slug(words.next())?;
            let title: Vec<&str> = words.collect();
            if title.is_empty() || body.trim().is_empty() {
                return Err(ParseError::MissingArgument(command));
            }
            Ok(Command::Survey {
                group,
                title: title.join(" "),
                body: body.to_owned(),
            })
        }
        CommandName::CloseSurvey => {
            let raw = words.next().ok_or(ParseError::MissingArgument(command))?;
            let id = raw
                .parse::<SurveyId>()
                .ok()
                .filter(|id| id.get() > 0)
                .ok_or_else(|| ParseError::BadNumber(command, raw.to_owned()))?;
            no_more(words)?;
            Ok(Command::CloseSurvey(id))
        }
        CommandName::Hide => {
            let raw = words.next().ok_or(ParseError::MissingArgument(command))?;
            let id = raw
                .parse::<CommentId>()
                .map_err(|_| ParseError::BadNumber(command, raw.to_owned()))?;
            no_more(words)?;
            Ok(Command::Hide(id))
        }
    }
}

/// `12, #15`: up to 10 post numbers.
fn post_ids(command: CommandName, value: &str) -> Result<Vec<PostId>, ParseError> {
    let mut ids = Vec::new();
    for raw in value.split([',', ' ']).filter(|w| !w.trim().is_empty()) {
        let id = raw
            .parse::<PostId>()
            .ok()
            .filter(|id| id.get() > 0)
            .ok_or_else(|| ParseError::BadNumber(command, raw.trim().to_owned()))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() || ids.len() > 10 {
        return Err(ParseError::BadNumber(command, value.trim().to_owned()));
    }
    Ok(ids)
}

fn title(
    command: CommandName,
    words: std::str::SplitWhitespace<'_>,
) -> Result<PostTitle, ParseError> {
    let words: Vec<&str> = words.collect();
    if words.is_empty() {
        return Err(ParseError::MissingArgument(command));
    }
    PostTitle::parse(&words.join(" ")).map_err(|e| ParseError::BadTitle(command, e))
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

/// What an inline button carries back. Telegram limits callback data to 64 bytes; every
/// variant here stays under it (an invite code we generate has 22 characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// "I agree" under the consent text, for the invite that brought the person.
    Consent(InviteCode),
    /// "No thanks" under the consent text.
    Decline,
    /// "Send" under a broadcast preview.
    Send(PostKey),
    /// "Cancel" under a broadcast preview.
    Cancel(PostKey),
    /// "Which post is this about?": file the comment under a post.
    AboutPost(CommentId, PostId),
    /// "Which post is this about?": a general comment to a group.
    AboutGroup(CommentId, GroupId),
    /// "Keep me anonymous" under a comment's acknowledgement.
    Anonymous(CommentId),
    /// `/forget` confirmed.
    ForgetConfirm,
    /// `/forget` called off.
    ForgetCancel,
    /// A `/language` button: write to me in this language. Whether coloop has it is checked
    /// by the bot (a forged code is a stale button).
    Language(LanguageCode),
    /// "Send" under a survey preview.
    SendSurvey(PostKey),
    /// "Cancel" under a survey preview.
    CancelSurvey(PostKey),
    /// A survey answer button: question `question` (0-based) of `survey`. Whether the survey
    /// is open, the question exists and has that option, and the presser is a member is
    /// checked against the database.
    Answer {
        survey: SurveyId,
        question: u8,
        press: Press,
    },
    /// "Continue" under a reminder: ask me the question I am at again.
    ContinueSurvey(SurveyId),
}

/// Which survey answer button was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// 1–5.
    Rating(u8),
    Yes,
    No,
    /// A choice question's option (0-based).
    Choice(u8),
    /// A multi question's option (0-based) set on or off. The button carries the state it
    /// sets, not "toggle", so a redelivered press changes nothing.
    Toggle {
        option: u8,
        on: bool,
    },
    /// A multi question's "Done".
    Done,
}

impl Press {
    fn parse(text: &str) -> Option<Self> {
        let small = |digits: &str, max: usize| -> Option<u8> {
            (digits.len() == 1)
                .then(|| digits.parse::<u8>().ok())
                .flatten()
                .filter(|n| usize::from(*n) < max)
        };
        let (head, rest) = text.split_at_checked(1)?;
        match head {
            "r" => small(rest, 6).filter(|n| *n >= 1).map(Press::Rating),
            "y" if rest.is_empty() => Some(Press::Yes),
            "n" if rest.is_empty() => Some(Press::No),
            "c" => small(rest, MAX_OPTIONS).map(Press::Choice),
            "m" => {
                let (digit, sign) = rest.split_at_checked(1)?;
                let option = small(digit, MAX_OPTIONS)?;
                match sign {
                    "+" => Some(Press::Toggle { option, on: true }),
                    "-" => Some(Press::Toggle { option, on: false }),
                    _ => None,
                }
            }
            "d" if rest.is_empty() => Some(Press::Done),
            _ => None,
        }
    }

    fn encode(self) -> String {
        match self {
            Press::Rating(n) => format!("r{n}"),
            Press::Yes => "y".to_owned(),
            Press::No => "n".to_owned(),
            Press::Choice(i) => format!("c{i}"),
            Press::Toggle { option, on } => format!("m{option}{}", if on { '+' } else { '-' }),
            Press::Done => "d".to_owned(),
        }
    }
}

impl Callback {
    pub fn parse(data: &str) -> Option<Self> {
        let (kind, arg) = data.split_once(':').unwrap_or((data, ""));
        match kind {
            "consent" => InviteCode::parse(arg).ok().map(Callback::Consent),
            "decline" if arg.is_empty() => Some(Callback::Decline),
            "send" => PostKey::parse(arg).map(Callback::Send),
            "cancel" => PostKey::parse(arg).map(Callback::Cancel),
            "about" => {
                let (comment, target) = arg.split_once(':')?;
                let comment: CommentId = comment.parse().ok()?;
                match target.strip_prefix('g') {
                    Some(group) => Some(Callback::AboutGroup(
                        comment,
                        GroupId::new(group.parse().ok()?),
                    )),
                    None => Some(Callback::AboutPost(comment, target.parse().ok()?)),
                }
            }
            "anon" => arg.parse().ok().map(Callback::Anonymous),
            "forget" if arg == "yes" => Some(Callback::ForgetConfirm),
            "forget" if arg == "no" => Some(Callback::ForgetCancel),
            "lang" => LanguageCode::parse(arg)
                .filter(|code| code.as_str() == arg)
                .map(Callback::Language),
            "ssend" => PostKey::parse(arg).map(Callback::SendSurvey),
            "scancel" => PostKey::parse(arg).map(Callback::CancelSurvey),
            "sv" => {
                let mut fields = arg.split(':');
                let survey = survey_id(fields.next()?)?;
                let question = fields
                    .next()?
                    .parse::<u8>()
                    .ok()
                    .filter(|q| usize::from(*q) < MAX_QUESTIONS)?;
                let press = Press::parse(fields.next()?)?;
                if fields.next().is_some() {
                    return None;
                }
                Some(Callback::Answer {
                    survey,
                    question,
                    press,
                })
            }
            "svgo" => survey_id(arg).map(Callback::ContinueSurvey),
            _ => None,
        }
    }

    pub fn encode(&self) -> String {
        match self {
            Callback::Consent(code) => format!("consent:{}", code.as_str()),
            Callback::Decline => "decline".to_owned(),
            Callback::Send(key) => format!("send:{}", key.as_str()),
            Callback::Cancel(key) => format!("cancel:{}", key.as_str()),
            Callback::AboutPost(comment, post) => format!("about:{comment}:{post}"),
            Callback::AboutGroup(comment, group) => format!("about:{comment}:g{}", group.get()),
            Callback::Anonymous(comment) => format!("anon:{comment}"),
            Callback::ForgetConfirm => "forget:yes".to_owned(),
            Callback::ForgetCancel => "forget:no".to_owned(),
            Callback::Language(code) => format!("lang:{code}"),
            Callback::SendSurvey(key) => format!("ssend:{}", key.as_str()),
            Callback::CancelSurvey(key) => format!("scancel:{}", key.as_str()),
            Callback::Answer {
                survey,
                question,
                press,
            } => format!("sv:{survey}:{question}:{}", press.encode()),
            Callback::ContinueSurvey(survey) => format!("svgo:{survey}"),
        }
    }
}

/// A survey id in callback data: digits only, positive.
fn survey_id(text: &str) -> Option<SurveyId> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse::<i64>().ok())
        .flatten()
        .filter(|id| *id > 0)
        .map(SurveyId::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(text: &str) -> Option<Result<Command, ParseError>> {
        parse(text, "coloop_bot")
    }

    fn slug(s: &str) -> GroupSlug {
        GroupSlug::parse(s).unwrap()
    }

    #[test]
    fn plain_text_is_not_a_command() {
        assert_eq!(p("hello"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("/"), None);
        assert_eq!(p("/ start"), None);
    }

    #[test]
    fn start_with_and_without_code() {
        assert_eq!(p("/start"), Some(Ok(Command::Start(StartArg::None))));
        assert_eq!(
            p("/start abc_DEF-1"),
            Some(Ok(Command::Start(StartArg::Code(
                InviteCode::parse("abc_DEF-1").unwrap()
            ))))
        );
        assert_eq!(
            p("/start a=b"),
            Some(Ok(Command::Start(StartArg::Malformed)))
        );
        assert_eq!(
            p("/start abc def"),
            Some(Ok(Command::Start(StartArg::Malformed)))
        );
        assert_eq!(
            p(&format!("/start {}", "a".repeat(65))),
            Some(Ok(Command::Start(StartArg::Malformed)))
        );
    }

    #[test]
    fn addressed_commands() {
        assert_eq!(p("/help@coloop_bot"), Some(Ok(Command::Help)));
        assert_eq!(p("/help@Coloop_Bot"), Some(Ok(Command::Help)));
        assert_eq!(p("/help@other_bot"), None);
        assert_eq!(p("/HELP"), Some(Ok(Command::Help)));
    }

    #[test]
    fn addressed_to_this_bot() {
        assert!(is_addressed_to("/help@coloop_bot", "coloop_bot"));
        assert!(is_addressed_to("/link@Coloop_Bot water", "coloop_bot"));
        assert!(!is_addressed_to("/help", "coloop_bot"));
        assert!(!is_addressed_to("/help@other_bot", "coloop_bot"));
        assert!(!is_addressed_to("hello @coloop_bot", "coloop_bot"));
    }

    #[test]
    fn unknown_commands_are_values() {
        assert_eq!(
            p("/frobnicate now"),
            Some(Ok(Command::Unknown("frobnicate".into())))
        );
    }

    #[test]
    fn group_arguments() {
        assert_eq!(
            p("/leave water-access"),
            Some(Ok(Command::Leave(slug("water-access"))))
        );
        assert_eq!(
            p("/invite Water-Access"),
            Some(Ok(Command::Invite(slug("water-access"))))
        );
        assert_eq!(
            p("/invite"),
            Some(Err(ParseError::MissingArgument(CommandName::Invite)))
        );
        assert_eq!(
            p("/invite abc def"),
            Some(Err(ParseError::TooManyArguments(CommandName::Invite)))
        );
        assert_eq!(
            p("/leave no"),
            Some(Err(ParseError::BadSlug(
                CommandName::Leave,
                SlugError::TooShort
            )))
        );
    }

    #[test]
    fn newgroup_takes_slug_name_and_body() {
        let parsed = p(
            "/newgroup water-access Water  access for all\nSafe water within 200 m.\nSecond line.",
        );
        assert_eq!(
            parsed,
            Some(Ok(Command::NewGroup {
                slug: slug("water-access"),
                name: GroupName::parse("Water access for all").unwrap(),
                challenge: Challenge::parse("Safe water within 200 m.\nSecond line.").unwrap(),
            }))
        );
        assert_eq!(
            p("/newgroup water-access"),
            Some(Err(ParseError::MissingArgument(CommandName::NewGroup)))
        );
        assert_eq!(
            p("/newgroup"),
            Some(Err(ParseError::MissingArgument(CommandName::NewGroup)))
        );
        assert!(matches!(
            p(&format!("/newgroup abc {}", "n".repeat(101))),
            Some(Err(ParseError::BadName(
                CommandName::NewGroup,
                TextError::TooLong { .. }
            )))
        ));
    }

    #[test]
    fn outcome_with_and_without_date() {
        let parsed = p(
            "/outcome water-access Session 3: rain tanks\ndate: 2026-11-20\nWe agreed on three tanks.\n\nNext: costs.",
        );
        let Some(Ok(Command::Broadcast { group, content, .. })) = parsed else {
            panic!("{parsed:?}")
        };
        assert_eq!(group, slug("water-access"));
        assert_eq!(
            content,
            PostContent::Outcome {
                title: PostTitle::parse("Session 3: rain tanks").unwrap(),
                session_date: NaiveDate::from_ymd_opt(2026, 11, 20),
                summary: Summary::parse("We agreed on three tanks.\n\nNext: costs.").unwrap(),
            }
        );
        let Some(Ok(Command::Broadcast {
            content: PostContent::Outcome { session_date, .. },
            ..
        })) = p("/outcome water-access Title\nA summary: with a colon.")
        else {
            panic!()
        };
        assert_eq!(session_date, None);
        let Some(Ok(Command::Broadcast { content, .. })) =
            p("/outcome water-access T\nStatus: all built.")
        else {
            panic!()
        };
        assert_eq!(content.summary().as_str(), "Status: all built.");
        assert!(matches!(
            p("/outcome water-access Title\ndate: 20/11/2026\nx"),
            Some(Err(ParseError::BadDate(..)))
        ));
        assert!(matches!(
            p("/outcome water-access Title"),
            Some(Err(ParseError::BadSummary(_, TextError::Empty)))
        ));
        assert!(matches!(
            p("/outcome water-access\nbody"),
            Some(Err(ParseError::MissingArgument(CommandName::Outcome)))
        ));
        assert!(matches!(
            p("/outcome"),
            Some(Err(ParseError::MissingArgument(CommandName::Outcome)))
        ));
    }

    #[test]
    fn answers_lines_name_earlier_posts() {
        let Some(Ok(Command::Broadcast {
            answers, content, ..
        })) = p("/outcome water-access We built it\nanswers: 12, #15\nThe tanks are up.")
        else {
            panic!()
        };
        assert_eq!(answers, vec![PostId::new(12), PostId::new(15)]);
        assert_eq!(content.summary().as_str(), "The tanks are up.");
        let Some(Ok(Command::Broadcast { answers, .. })) =
            p("/prototype water-access sme Loans\nstatus: testing\nanswers: 3\nBody")
        else {
            panic!()
        };
        assert_eq!(answers, vec![PostId::new(3)]);
        assert!(matches!(
            p("/outcome water-access T\nanswers: soon\nBody"),
            Some(Err(ParseError::BadNumber(..)))
        ));
        assert!(matches!(
            p("/outcome water-access T\nanswers:\nBody"),
            Some(Err(ParseError::BadNumber(..)))
        ));
    }

    #[test]
    fn prototype_with_category_status_and_summary() {
        let parsed = p(
            "/prototype water-access public-service Water kiosks\nstatus: Testing\nTwo kiosks run by the council.",
        );
        let Some(Ok(Command::Broadcast { content, .. })) = parsed else {
            panic!("{parsed:?}")
        };
        assert_eq!(
            content,
            PostContent::Prototype {
                title: PostTitle::parse("Water kiosks").unwrap(),
                category: Category::PublicService,
                status: PrototypeStatus::Testing,
                summary: Summary::parse("Two kiosks run by the council.").unwrap(),
            }
        );
        let Some(Ok(Command::Broadcast {
            content: PostContent::Prototype { status, .. },
            ..
        })) = p("/prototype water-access sme Tank loans\nMicro-loans for tanks.")
        else {
            panic!()
        };
        assert_eq!(status, PrototypeStatus::Idea);
        assert_eq!(
            p("/prototype water-access business X\nbody"),
            Some(Err(ParseError::BadCategory(
                CommandName::Prototype,
                "business".into()
            )))
        );
        assert_eq!(
            p("/prototype water-access sme X\nstatus: done\nbody"),
            Some(Err(ParseError::BadStatus(
                CommandName::Prototype,
                "done".into()
            )))
        );
        assert!(matches!(
            p("/prototype water-access sme\nbody"),
            Some(Err(ParseError::MissingArgument(_)))
        ));
    }

    #[test]
    fn comment_keeps_both_readings() {
        assert_eq!(
            p("/comment water-access The tanks are too far."),
            Some(Ok(Command::Comment {
                group: Some(slug("water-access")),
                rest: "The tanks are too far.".into(),
                text: "water-access The tanks are too far.".into(),
            }))
        );
        assert_eq!(
            p("/comment ¡Muy bien!"),
            Some(Ok(Command::Comment {
                group: None,
                rest: "bien!".into(),
                text: "¡Muy bien!".into()
            })),
        );
        assert!(matches!(
            p("/comment water-access"),
            Some(Ok(Command::Comment { group: None, .. }))
        ));
        assert_eq!(
            p("/comment"),
            Some(Err(ParseError::MissingArgument(CommandName::Comment)))
        );
        assert_eq!(
            p("/comment   \n  "),
            Some(Err(ParseError::MissingArgument(CommandName::Comment)))
        );
    }

    #[test]
    fn digest_and_export() {
        assert_eq!(
            p("/digest"),
            Some(Ok(Command::Digest {
                group: None,
                days: None
            }))
        );
        assert_eq!(
            p("/digest 30"),
            Some(Ok(Command::Digest {
                group: None,
                days: Some(30)
            }))
        );
        assert_eq!(
            p("/digest water-access 14"),
            Some(Ok(Command::Digest {
                group: Some(slug("water-access")),
                days: Some(14)
            }))
        );
        assert!(matches!(
            p("/digest water-access 0"),
            Some(Err(ParseError::BadNumber(..)))
        ));
        assert!(matches!(
            p("/digest 7 water-access"),
            Some(Err(ParseError::TooManyArguments(_)))
        ));
        assert_eq!(p("/export"), Some(Ok(Command::Export(None))));
        assert_eq!(
            p("/export water-access"),
            Some(Ok(Command::Export(Some(slug("water-access")))))
        );
    }

    #[test]
    fn stop_and_resume() {
        assert_eq!(p("/stop"), Some(Ok(Command::Stop(None))));
        assert_eq!(
            p("/stop water-access"),
            Some(Ok(Command::Stop(Some(slug("water-access")))))
        );
        assert_eq!(p("/resume"), Some(Ok(Command::Resume(None))));
        for word in ["stop", "STOP", " Stop! ", "stop."] {
            assert!(is_stop_word(word), "{word}");
        }
        for not in ["stop it", "don't stop", "stopped", "bus stop", ""] {
            assert!(!is_stop_word(not), "{not}");
        }
    }

    #[test]
    fn link_and_unlink() {
        assert_eq!(
            p("/link@coloop_bot water-access"),
            Some(Ok(Command::Link(slug("water-access"))))
        );
        assert_eq!(
            p("/link"),
            Some(Err(ParseError::MissingArgument(CommandName::Link)))
        );
        assert_eq!(p("/unlink"), Some(Ok(Command::Unlink)));
    }

    #[test]
    fn comments_hide_and_ask() {
        assert_eq!(
            p("/comments water-access"),
            Some(Ok(Command::Comments {
                group: slug("water-access"),
                post: None
            }))
        );
        assert_eq!(
            p("/comments water-access #12"),
            Some(Ok(Command::Comments {
                group: slug("water-access"),
                post: Some(PostId::new(12))
            }))
        );
        assert!(matches!(
            p("/comments water-access x"),
            Some(Err(ParseError::BadNumber(..)))
        ));
        assert_eq!(p("/hide 7"), Some(Ok(Command::Hide(CommentId::new(7)))));
        assert!(matches!(
            p("/hide"),
            Some(Err(ParseError::MissingArgument(CommandName::Hide)))
        ));
        let Some(Ok(Command::Broadcast { content, .. })) =
            p("/ask water-access Where should the tanks go?\nThink of the school.")
        else {
            panic!()
        };
        assert_eq!(content.title().as_str(), "Where should the tanks go?");
        assert_eq!(
            content.summary().as_str(),
            "Where should the tanks go?\nThink of the school."
        );
        assert!(matches!(
            p("/ask water-access"),
            Some(Err(ParseError::BadSummary(..)))
        ));
    }

    #[test]
    fn language_takes_no_arguments() {
        assert_eq!(p("/language"), Some(Ok(Command::Language)));
        assert_eq!(p("/Language@coloop_bot"), Some(Ok(Command::Language)));
        assert_eq!(
            p("/language es"),
            Some(Err(ParseError::TooManyArguments(CommandName::Language)))
        );
    }

    #[test]
    fn status_with_and_without_group() {
        assert_eq!(p("/status"), Some(Ok(Command::Status(None))));
        assert_eq!(
            p("/status water-access"),
            Some(Ok(Command::Status(Some(slug("water-access")))))
        );
    }

    #[test]
    fn callbacks_round_trip_and_fit_telegram() {
        let code = InviteCode::generate();
        let key = PostKey::generate();
        for cb in [
            Callback::AboutPost(CommentId::new(i64::MAX), PostId::new(i64::MAX)),
            Callback::AboutGroup(CommentId::new(12), GroupId::new(i64::MAX)),
            Callback::Anonymous(CommentId::new(i64::MAX)),
            Callback::ForgetConfirm,
            Callback::ForgetCancel,
            Callback::Consent(code),
            Callback::Decline,
            Callback::Send(key.clone()),
            Callback::Cancel(key),
            Callback::Language(LanguageCode::parse("es").unwrap()),
            Callback::Language(LanguageCode::parse(&"x".repeat(LanguageCode::MAX_LEN)).unwrap()),
            Callback::SendSurvey(PostKey::generate()),
            Callback::CancelSurvey(PostKey::generate()),
            Callback::ContinueSurvey(SurveyId::new(i64::MAX)),
            Callback::Answer {
                survey: SurveyId::new(i64::MAX),
                question: 9,
                press: Press::Toggle {
                    option: 9,
                    on: false,
                },
            },
            Callback::Answer {
                survey: SurveyId::new(1),
                question: 0,
                press: Press::Rating(5),
            },
            Callback::Answer {
                survey: SurveyId::new(2),
                question: 3,
                press: Press::Choice(0),
            },
            Callback::Answer {
                survey: SurveyId::new(2),
                question: 3,
                press: Press::Yes,
            },
            Callback::Answer {
                survey: SurveyId::new(2),
                question: 3,
                press: Press::No,
            },
            Callback::Answer {
                survey: SurveyId::new(2),
                question: 3,
                press: Press::Done,
            },
        ] {
            let data = cb.encode();
            assert!(data.len() <= 64, "{data} is over 64 bytes");
            assert_eq!(Callback::parse(&data), Some(cb));
        }
        assert_eq!(Callback::parse("consent:"), None);
        assert_eq!(Callback::parse("consent:a b"), None);
        assert_eq!(Callback::parse("decline:x"), None);
        assert_eq!(Callback::parse("nonsense"), None);
        assert_eq!(Callback::parse("lang:"), None);
        // Forged survey buttons: out-of-range ratings, options, questions; junk.
        for forged in [
            "sv:1:0:r0",
            "sv:1:0:r6",
            "sv:1:0:c10",
            "sv:1:10:y",
            "sv:0:0:y",
            "sv:-1:0:y",
            "sv:1:0:m1",
            "sv:1:0:m1*",
            "sv:1:0:y:extra",
            "sv:1:0:yy",
            "sv:+1:0:y",
            "svgo:",
            "svgo:x",
        ] {
            assert_eq!(Callback::parse(forged), None, "{forged}");
        }
        assert_eq!(Callback::parse("lang:ES"), None);
        assert_eq!(Callback::parse("lang:e s"), None);
        assert_eq!(
            Callback::parse("lang:xx"),
            Some(Callback::Language(LanguageCode::parse("xx").unwrap()))
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text, "coloop_bot");
            let _ = Callback::parse(&text);
        }

        #[test]
        fn slash_words_are_always_commands(name in "[a-z]{1,12}", args in "[ a-z0-9-]{0,40}") {
            let text = format!("/{name} {args}");
            prop_assert!(parse(&text, "coloop_bot").is_some());
        }
    }
}
