//! Survey specifications: what a facilitator types after `/survey <group> <title>`, parsed once
//! into a validated [`SurveySpec`]. One question a line:
//!
//! ```text
//! for: 12                                   (optional, first line: attach to post #12)
//! anonymous                                 (optional)
//! closes: 2026-12-01 18:00 | closes: 3d     (optional; a date, a date and time, or N d / N h)
//! rating: How useful is this for your household?
//! yesno: Would you like it?
//! volunteer: Would you help build it?      (a yes/no question whose "yes" offers help)
//! choice: Where first? | School | Market | Clinic
//! multi: Which days suit you? | Mon | Wed | Sat
//! text: What would you change?
//! ```
//!
//! Limits: 1–10 questions, prompts ≤ 300 characters, 2–10 distinct options of ≤ 60 characters.
//! Every problem names its line. [`SurveySpec::to_text`] writes a spec back in the same syntax,
//! and parsing that gives the same spec (property-tested).

use std::fmt;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::{Question, QuestionKind, QuestionTag};
use crate::domain::{PostId, PostTitle, TextError};

pub const MAX_QUESTIONS: usize = 10;
pub const MAX_PROMPT_CHARS: usize = 300;
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 10;
pub const MAX_OPTION_CHARS: usize = 60;

/// When a survey stops taking answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closes {
    /// At this local date and time (the deployment's time zone).
    At(NaiveDateTime),
    /// This long after it is sent.
    After(Duration),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveySpec {
    pub title: PostTitle,
    /// The post it is attached to; `None`: the group's latest post.
    pub post: Option<PostId>,
    pub anonymous: bool,
    pub closes: Option<Closes>,
    pub questions: Vec<Question>,
}

/// One problem, on one line of the body (1 = the line after the command).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// 0 for the title (the command line).
    pub line: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the title: {0}")]
    Title(TextError),
    #[error("\"{0}\" is not a kind of question: use rating, yesno, choice, multi or text")]
    UnknownKind(String),
    #[error("the question is empty")]
    EmptyPrompt,
    #[error("the question is longer than {MAX_PROMPT_CHARS} characters")]
    LongPrompt,
    #[error(
        "a choice needs {MIN_OPTIONS} to {MAX_OPTIONS} options after the question, separated by |"
    )]
    OptionCount,
    #[error("an option is empty")]
    EmptyOption,
    #[error("the option \"{0}\" is longer than {MAX_OPTION_CHARS} characters")]
    LongOption(String),
    #[error("the option \"{0}\" appears twice")]
    DuplicateOption(String),
    #[error("\"for:\" needs a post number, e.g. for: 12")]
    BadPost,
    #[error("\"for:\" must be the first line")]
    LatePost,
    #[error(
        "\"closes:\" needs a date (2026-12-01), a date and time (2026-12-01 18:00), or a delay (3d, 12h)"
    )]
    BadClose,
    #[error("\"{0}\" is said twice")]
    Repeated(&'static str),
    #[error("a survey needs at least one question")]
    NoQuestions,
    #[error("a survey has at most {MAX_QUESTIONS} questions")]
    TooManyQuestions,
    #[error(
        "a volunteer question cannot be in an anonymous survey: offering help is not anonymous"
    )]
    VolunteerAnonymous,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "line {}: {}", self.line, self.problem)
        }
    }
}

fn err(line: usize, problem: Problem) -> SpecError {
    SpecError { line, problem }
}

impl SurveySpec {
    /// Parses the title (rest of the command line) and the body (the following lines). All
    /// problems are reported, each with its line.
    pub fn parse(title: &str, body: &str) -> Result<Self, Vec<SpecError>> {
        let mut errors = Vec::new();
        let title = PostTitle::parse(title)
            .map_err(|e| errors.push(err(0, Problem::Title(e))))
            .ok();
        let mut post = None;
        let mut anonymous = false;
        let mut closes = None;
        let mut questions = Vec::new();
        let mut volunteer_lines = Vec::new();
        let mut seen_content = false;
        for (index, raw) in body.lines().enumerate() {
            let line_no = index + 1;
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            let first = !seen_content;
            seen_content = true;
            if line.eq_ignore_ascii_case("anonymous") {
                if anonymous {
                    errors.push(err(line_no, Problem::Repeated("anonymous")));
                }
                anonymous = true;
                continue;
            }
            let Some((keyword, rest)) = line.split_once(':') else {
                errors.push(err(
                    line_no,
                    Problem::UnknownKind(line.chars().take(30).collect()),
                ));
                continue;
            };
            let rest = rest.trim();
            match keyword.trim().to_lowercase().as_str() {
                "for" => {
                    if !first {
                        errors.push(err(line_no, Problem::LatePost));
                    }
                    match rest.trim_start_matches('#').parse::<i64>() {
                        Ok(id) if id > 0 => post = Some(PostId::new(id)),
                        _ => errors.push(err(line_no, Problem::BadPost)),
                    }
                }
                "closes" => {
                    if closes.is_some() {
                        errors.push(err(line_no, Problem::Repeated("closes")));
                    }
                    match parse_closes(rest) {
                        Some(c) => closes = Some(c),
                        None => errors.push(err(line_no, Problem::BadClose)),
                    }
                }
                VOLUNTEER => match parse_question(QuestionTag::YesNo, rest) {
                    Ok(q) => {
                        volunteer_lines.push(line_no);
                        questions.push(Question {
                            volunteer: true,
                            ..q
                        });
                    }
                    Err(problem) => errors.push(err(line_no, problem)),
                },
                other => match QuestionTag::from_keyword(other) {
                    Some(tag) => match parse_question(tag, rest) {
                        Ok(q) => questions.push(q),
                        Err(problem) => errors.push(err(line_no, problem)),
                    },
                    None => errors.push(err(
                        line_no,
                        Problem::UnknownKind(other.chars().take(30).collect()),
                    )),
                },
            }
        }
        // Offering help is by nature not anonymous.
        if anonymous {
            for line in volunteer_lines {
                errors.push(err(line, Problem::VolunteerAnonymous));
            }
            errors.sort_by_key(|e| e.line);
        }
        if questions.is_empty() && errors.iter().all(|e| e.line == 0) {
            errors.push(err(0, Problem::NoQuestions));
        }
        if questions.len() > MAX_QUESTIONS {
            errors.push(err(0, Problem::TooManyQuestions));
        }
        match (errors.is_empty(), title) {
            (true, Some(title)) => Ok(Self {
                title,
                post,
                anonymous,
                closes,
                questions,
            }),
            _ => Err(errors),
        }
    }

    /// The spec in the syntax it is typed in: `(title, body)`.
    pub fn to_text(&self) -> (String, String) {
        let mut lines = Vec::new();
        if let Some(post) = self.post {
            lines.push(format!("for: {post}"));
        }
        if self.anonymous {
            lines.push("anonymous".to_owned());
        }
        match self.closes {
            Some(Closes::At(at)) => lines.push(format!("closes: {}", at.format("%Y-%m-%d %H:%M"))),
            Some(Closes::After(d)) if d.num_hours() % 24 == 0 => {
                lines.push(format!("closes: {}d", d.num_days()))
            }
            Some(Closes::After(d)) => lines.push(format!("closes: {}h", d.num_hours())),
            None => {}
        }
        for q in &self.questions {
            let keyword = if q.volunteer {
                VOLUNTEER
            } else {
                q.kind.keyword()
            };
            let mut line = format!("{keyword}: {}", q.prompt);
            for option in q.kind.options() {
                line.push_str(" | ");
                line.push_str(option);
            }
            lines.push(line);
        }
        (self.title.as_str().to_owned(), lines.join("\n"))
    }
}

/// The keyword of a yes/no question whose "yes" offers help (issue #19).
const VOLUNTEER: &str = "volunteer";

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_question(tag: QuestionTag, rest: &str) -> Result<Question, Problem> {
    let with_options = tag.has_options();
    let (prompt, options) = if with_options {
        let mut pieces = rest.split('|');
        let prompt = pieces.next().unwrap_or_default();
        (prompt, pieces.collect::<Vec<_>>())
    } else {
        (rest, Vec::new())
    };
    let prompt = one_line(prompt);
    if prompt.is_empty() {
        return Err(Problem::EmptyPrompt);
    }
    if prompt.chars().count() > MAX_PROMPT_CHARS {
        return Err(Problem::LongPrompt);
    }
    if !with_options {
        return Ok(Question {
            kind: QuestionKind::new(tag, Vec::new()),
            prompt,
            volunteer: false,
        });
    }
    if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&options.len()) {
        return Err(Problem::OptionCount);
    }
    let mut clean: Vec<String> = Vec::with_capacity(options.len());
    for option in options {
        let option = one_line(option);
        if option.is_empty() {
            return Err(Problem::EmptyOption);
        }
        if option.chars().count() > MAX_OPTION_CHARS {
            return Err(Problem::LongOption(option.chars().take(20).collect()));
        }
        if clean
            .iter()
            .any(|o| o.to_lowercase() == option.to_lowercase())
        {
            return Err(Problem::DuplicateOption(option));
        }
        clean.push(option);
    }
    Ok(Question {
        kind: QuestionKind::new(tag, clean),
        prompt,
        volunteer: false,
    })
}

fn parse_closes(raw: &str) -> Option<Closes> {
    let raw = raw.trim();
    if let Some(days) = raw.strip_suffix(['d', 'D']) {
        let days: i64 = days.trim().parse().ok()?;
        return (1..=90)
            .contains(&days)
            .then(|| Closes::After(Duration::days(days)));
    }
    if let Some(hours) = raw.strip_suffix(['h', 'H']) {
        let hours: i64 = hours.trim().parse().ok()?;
        return (1..=90 * 24)
            .contains(&hours)
            .then(|| Closes::After(Duration::hours(hours)));
    }
    if let Ok(at) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M") {
        return Some(Closes::At(at));
    }
    // A date alone: the end of that day.
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    Some(Closes::At(
        date.and_time(NaiveTime::from_hms_opt(23, 59, 0)?),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EXAMPLE: &str = "rating: How useful is this for your household?
yesno: Would you help build it?
choice: Where first? | School | Market | Clinic
multi: Which days suit you? | Mon | Wed | Sat
text: What would you change?";

    #[test]
    fn the_design_example_parses() {
        let spec = SurveySpec::parse("Rain tanks", EXAMPLE).unwrap();
        assert_eq!(spec.title.as_str(), "Rain tanks");
        assert_eq!(spec.questions.len(), 5);
        assert_eq!(spec.questions[0].kind, QuestionKind::Rating);
        assert_eq!(spec.questions[1].kind, QuestionKind::YesNo);
        assert_eq!(
            spec.questions[2].kind,
            QuestionKind::Choice(vec!["School".into(), "Market".into(), "Clinic".into()])
        );
        assert_eq!(spec.questions[2].prompt, "Where first?");
        assert_eq!(spec.questions[3].kind.options().len(), 3);
        assert_eq!(spec.questions[4].kind, QuestionKind::Text);
        assert!(!spec.anonymous && spec.post.is_none() && spec.closes.is_none());
    }

    #[test]
    fn options_lines_for_anonymous_and_closes() {
        let spec = SurveySpec::parse("T", "for: #12\nanonymous\ncloses: 3d\n\nyesno: Ok?").unwrap();
        assert_eq!(spec.post, Some(PostId::new(12)));
        assert!(spec.anonymous);
        assert_eq!(spec.closes, Some(Closes::After(Duration::days(3))));
        let spec = SurveySpec::parse("T", "closes: 2026-12-01 18:00\nyesno: Ok?").unwrap();
        assert_eq!(
            spec.closes.unwrap(),
            Closes::At(
                NaiveDateTime::parse_from_str("2026-12-01 18:00", "%Y-%m-%d %H:%M").unwrap()
            )
        );
        let spec = SurveySpec::parse("T", "closes: 2026-12-01\nyesno: Ok?").unwrap();
        assert!(
            matches!(spec.closes, Some(Closes::At(at)) if at.format("%H:%M").to_string() == "23:59")
        );
    }

    fn problems(title: &str, body: &str) -> Vec<(usize, Problem)> {
        SurveySpec::parse(title, body)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.line, e.problem))
            .collect()
    }

    #[test]
    fn every_problem_names_its_line() {
        assert_eq!(
            problems("T", "ratings: x"),
            vec![(1, Problem::UnknownKind("ratings".into()))]
        );
        assert_eq!(
            problems("T", "yesno: ok\nrating:"),
            vec![(2, Problem::EmptyPrompt)]
        );
        assert_eq!(
            problems("T", "choice: Where? | A"),
            vec![(1, Problem::OptionCount)]
        );
        assert_eq!(
            problems("T", "choice: Where? | A | | B"),
            vec![(1, Problem::EmptyOption)]
        );
        assert_eq!(
            problems("T", "multi: Days? | Mon | mon"),
            vec![(1, Problem::DuplicateOption("mon".into()))]
        );
        assert_eq!(
            problems("T", &format!("text: {}", "x".repeat(301))),
            vec![(1, Problem::LongPrompt)]
        );
        assert!(matches!(
            problems("T", &format!("choice: Q | {} | B", "o".repeat(61)))[..],
            [(1, Problem::LongOption(_))]
        ));
        assert_eq!(
            problems("T", "yesno: ok\nfor: 3"),
            vec![(2, Problem::LatePost)]
        );
        assert_eq!(
            problems("T", "for: x\nyesno: ok"),
            vec![(1, Problem::BadPost)]
        );
        assert_eq!(
            problems("T", "closes: soon\nyesno: ok"),
            vec![(1, Problem::BadClose)]
        );
        assert_eq!(
            problems("T", "closes: 400d\nyesno: ok"),
            vec![(1, Problem::BadClose)]
        );
        assert_eq!(problems("T", ""), vec![(0, Problem::NoQuestions)]);
        assert_eq!(
            problems("", "yesno: ok"),
            vec![(0, Problem::Title(TextError::Empty))]
        );
        let eleven = ["yesno: ok"; 11].join("\n");
        assert_eq!(problems("T", &eleven), vec![(0, Problem::TooManyQuestions)]);
        // Several problems at once, each on its line.
        assert_eq!(
            problems("T", "rating:\nfoo bar\nyesno: fine"),
            vec![
                (1, Problem::EmptyPrompt),
                (2, Problem::UnknownKind("foo bar".into()))
            ]
        );
        let e = SurveySpec::parse("T", "yesno: ok\nrating:").unwrap_err();
        assert_eq!(e[0].to_string(), "line 2: the question is empty");
    }

    /// Issue #19: `volunteer:` is a yes/no question whose "yes" offers help; offering help is
    /// not anonymous, so the parser refuses it in an anonymous survey, naming its line.
    #[test]
    fn volunteer_questions_are_yes_no_and_never_anonymous() {
        let spec = SurveySpec::parse("T", "yesno: Like it?\nvolunteer: Would you help?").unwrap();
        assert_eq!(spec.questions[0].kind, QuestionKind::YesNo);
        assert!(!spec.questions[0].volunteer);
        assert_eq!(spec.questions[1].kind, QuestionKind::YesNo);
        assert!(spec.questions[1].volunteer);
        assert_eq!(spec.questions[1].prompt, "Would you help?");
        assert_eq!(
            problems(
                "T",
                "anonymous\nyesno: Like it?\nvolunteer: Would you help?"
            ),
            vec![(3, Problem::VolunteerAnonymous)]
        );
        // Wherever "anonymous" stands.
        assert_eq!(
            problems("T", "volunteer: Help?\nanonymous\nvolunteer: "),
            vec![(1, Problem::VolunteerAnonymous), (3, Problem::EmptyPrompt)]
        );
        let e = SurveySpec::parse("T", "anonymous\nvolunteer: Help?").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "line 2: a volunteer question cannot be in an anonymous survey: offering help is not anonymous"
        );
    }

    #[test]
    fn the_design_example_round_trips() {
        let spec = SurveySpec::parse(
            "Rain tanks",
            &format!("for: 4\nanonymous\ncloses: 12h\n{EXAMPLE}"),
        )
        .unwrap();
        let (title, body) = spec.to_text();
        assert_eq!(SurveySpec::parse(&title, &body).unwrap(), spec);
    }

    fn word() -> impl Strategy<Value = String> {
        "[A-Za-zÀ-ÿ0-9?¿!¡.,'()-]{1,12}"
    }

    fn phrase(max_words: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(word(), 1..=max_words).prop_map(|w| w.join(" "))
    }

    fn options() -> impl Strategy<Value = Vec<String>> {
        prop::collection::hash_set(
            phrase(3).prop_map(|p| {
                p.chars()
                    .take(MAX_OPTION_CHARS)
                    .collect::<String>()
                    .trim()
                    .to_owned()
            }),
            MIN_OPTIONS..=MAX_OPTIONS,
        )
        .prop_map(|set| {
            let mut seen: Vec<String> = Vec::new();
            for o in set {
                if !o.is_empty() && !seen.iter().any(|s| s.to_lowercase() == o.to_lowercase()) {
                    seen.push(o);
                }
            }
            seen
        })
        .prop_filter("enough distinct options", |o| o.len() >= MIN_OPTIONS)
    }

    fn question() -> impl Strategy<Value = Question> {
        prop_oneof![
            phrase(12).prop_map(|p| Question {
                kind: QuestionKind::Rating,
                prompt: p,
                volunteer: false,
            }),
            phrase(12).prop_map(|p| Question {
                kind: QuestionKind::YesNo,
                prompt: p,
                volunteer: true,
            }),
            phrase(12).prop_map(|p| Question {
                kind: QuestionKind::YesNo,
                prompt: p,
                volunteer: false,
            }),
            phrase(12).prop_map(|p| Question {
                kind: QuestionKind::Text,
                prompt: p,
                volunteer: false,
            }),
            (phrase(12), options()).prop_map(|(p, o)| Question {
                kind: QuestionKind::Choice(o),
                prompt: p,
                volunteer: false,
            }),
            (phrase(12), options()).prop_map(|(p, o)| Question {
                kind: QuestionKind::Multi(o),
                prompt: p,
                volunteer: false,
            }),
        ]
    }

    fn spec() -> impl Strategy<Value = SurveySpec> {
        (
            phrase(6),
            prop::option::of(1i64..100_000),
            any::<bool>(),
            prop::option::of(prop_oneof![
                (1i64..=90).prop_map(|d| Closes::After(Duration::days(d))),
                (1i64..=23).prop_map(|h| Closes::After(Duration::hours(h))),
            ]),
            prop::collection::vec(question(), 1..=MAX_QUESTIONS),
        )
            .prop_map(|(title, post, anonymous, closes, questions)| SurveySpec {
                title: PostTitle::parse(&title).unwrap(),
                post: post.map(PostId::new),
                // A volunteer question is never in an anonymous survey.
                anonymous: anonymous && !questions.iter().any(|q| q.volunteer),
                closes,
                questions,
            })
    }

    proptest! {
        #[test]
        fn the_parser_never_panics(title in "\\PC{0,40}", body in "(\\PC{0,80}\n){0,14}") {
            let _ = SurveySpec::parse(&title, &body);
        }

        #[test]
        fn what_it_accepts_round_trips(spec in spec()) {
            let (title, body) = spec.to_text();
            let parsed = SurveySpec::parse(&title, &body);
            prop_assert_eq!(parsed, Ok(spec));
        }

        #[test]
        fn accepted_specs_respect_the_limits(title in "[a-z ]{1,20}", body in "((rating|yesno|text|choice|multi|closes|for): [a-z|0-9 ]{0,40}\n){0,12}") {
            if let Ok(spec) = SurveySpec::parse(&title, &body) {
                prop_assert!((1..=MAX_QUESTIONS).contains(&spec.questions.len()));
                for q in &spec.questions {
                    prop_assert!(!q.prompt.is_empty() && q.prompt.chars().count() <= MAX_PROMPT_CHARS);
                    let n = q.kind.options().len();
                    prop_assert!(n == 0 || (MIN_OPTIONS..=MAX_OPTIONS).contains(&n));
                    // Callback data for an answer: "sv:<survey id>:<question>:<option>".
                    let data = format!("sv:{}:{}:{}", i64::MAX, MAX_QUESTIONS - 1, MAX_OPTIONS - 1);
                    prop_assert!(data.len() <= 64);
                }
            }
        }
    }
}
