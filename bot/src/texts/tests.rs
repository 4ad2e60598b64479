//! The texts' tests: every message formats in every language, long texts split, plurals agree.

use chrono::Utc;
use coloop_core::domain::{Category, GroupName, PostId, PostTitle, PrototypeStatus, Summary};
use coloop_core::store::Media;

use super::*;

fn catalogues() -> Catalogues {
    Catalogues::embedded().expect("the catalogues load")
}

fn slug(s: &str) -> GroupSlug {
    GroupSlug::parse(s).expect("slug")
}

/// Collects the formatting problems (error events) logged on this thread while it lives.
struct Problems {
    lines: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

#[derive(Clone)]
struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("the sink").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Problems {
    fn capture() -> Self {
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = Sink(lines.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::ERROR)
            .with_ansi(false)
            .with_writer(move || sink.clone())
            .finish();
        Self {
            lines,
            _guard: tracing::subscriber::set_default(subscriber),
        }
    }

    fn take(&self) -> Vec<String> {
        let bytes = std::mem::take(&mut *self.lines.lock().expect("the sink"));
        String::from_utf8_lossy(&bytes)
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

/// A big digest: many posts, surveys with ten questions of long prompts and options.
fn big_digest() -> coloop_core::digest::Digest {
    use coloop_core::digest::{Digest, QuestionDigest, SilentCount, SurveyDigest};
    use coloop_core::domain::{Category, PostKind, PrototypeStatus, QuestionId, SurveyId};
    use coloop_core::store::{
        BarCount, MemberCounts, PostLine, QuestionLine, SurveyLine, SurveyState,
    };
    use coloop_core::survey::QuestionTag;
    let posts = (0..40)
        .map(|i| PostLine {
            id: i,
            group: "water-access".into(),
            kind: PostKind::Prototype,
            title: format!("Post <{i}> {}", "x".repeat(150)),
            category: Some(Category::Community),
            status: Some(PrototypeStatus::Testing),
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
                id: SurveyId::new(s),
                group: "water-access".into(),
                title: format!("Survey {s}"),
                post_title: "Post".into(),
                anonymous: s % 2 == 0,
                state: SurveyState::Open,
                sent_at: None,
                delivered: 40,
                respondents: 30,
                finished: 20,
            },
            questions: (0..10)
                .map(|q| QuestionDigest {
                    line: QuestionLine {
                        question_id: QuestionId::new(s * 10 + q),
                        survey_id: SurveyId::new(s),
                        number: q + 1,
                        kind: QuestionTag::Choice,
                        prompt: "¿".repeat(290),
                        answers: 30,
                        mean: None,
                    },
                    response_rate: 0.75,
                    bars: (0..10)
                        .map(|o| BarCount {
                            question_id: QuestionId::new(s * 10 + q),
                            value: o,
                            label: Some(format!("Option & {o} {}", "o".repeat(50))),
                            count: 3,
                        })
                        .collect(),
                    samples: vec!["<b>not bold</b>".into(); 5],
                    withheld: false,
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
        anonymous_min_answers: 5,
        network: Default::default(),
    }
}

#[test]
fn a_big_digest_is_sent_in_parts_under_telegrams_limit() {
    let problems = Problems::capture();
    let c = catalogues();
    for t in c.all() {
        let text = t.digest(&big_digest(), Some("Water"), 7, DigestView::default());
        let parts = coloop_core::message::pack_lines(&text);
        assert!(parts.len() > 5, "{} parts", parts.len());
        for part in &parts {
            assert!(
                coloop_core::message::telegram_len(part) <= coloop_core::message::TELEGRAM_LIMIT,
                "a part of {} characters",
                coloop_core::message::telegram_len(part)
            );
        }
        // Nothing lost, everything a person typed escaped.
        assert_eq!(parts.concat().matches("Option &amp; 9").count(), 60);
        assert!(!text.contains("<b>not bold</b>"));
    }
    assert_eq!(problems.take(), Vec::<String>::new());
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
    let problems = Problems::capture();
    let c = catalogues();
    for t in c.all() {
        let menu = t.menu();
        // ALL is the command table itself (complete by construction).
        for command in CommandName::ALL {
            let (usage, line) = (
                format!("usage-{}", command.as_str()),
                format!("menu-{}", command.as_str()),
            );
            // In this language's own catalogue, not borrowed from English.
            assert!(t.lang.has(&usage), "{t:?} has no {usage}");
            assert!(
                t.usage(command).contains(command.as_str()),
                "{t:?} {command:?}"
            );
            if command.in_menu() {
                assert!(t.lang.has(&line), "{t:?} has no {line}");
                assert!(
                    menu.iter()
                        .any(|(m, text)| *m == command && !text.is_empty()),
                    "{t:?} {command:?}"
                );
            } else {
                assert!(menu.iter().all(|(m, _)| *m != command), "{command:?}");
            }
        }
        let order: Vec<_> = menu.iter().map(|(m, _)| *m).collect();
        assert_eq!(order, CommandName::menu().collect::<Vec<_>>(), "{t:?}");
    }
    assert!(problems.take().is_empty());
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
    let problems = Problems::capture();
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
        let found = problems.take();
        assert!(found.is_empty(), "{found:#?}");
    }
}

/// Issue #20: a withheld question of an anonymous survey says so in the chat text of every
/// language (the scheduled digest uses the same text) and draws no chart.
#[test]
fn a_withheld_anonymous_question_shows_only_that_it_is_withheld() {
    let problems = Problems::capture();
    let mut digest = big_digest();
    digest.surveys.truncate(1);
    digest.surveys[0].survey.anonymous = true;
    for q in &mut digest.surveys[0].questions {
        q.withheld = true;
        q.bars.clear();
        q.samples.clear();
        q.line.answers = 0;
    }
    let c = catalogues();
    for t in c.all() {
        let text = t.digest(&digest, Some("Water"), 7, DigestView::default());
        assert!(!text.contains("not bold"));
        assert!(!text.contains("Option &amp;"), "no bars: {text}");
        assert!(t.digest_charts(&digest).is_empty());
    }
    let english = c.choose(Some("en"), None);
    let text = english
        .digest(&digest, Some("Water"), 7, DigestView::default())
        .replace(['\u{2068}', '\u{2069}'], "");
    assert_eq!(
        text.matches("fewer than 5 answers so far").count(),
        10,
        "{text}"
    );
    assert_eq!(problems.take(), Vec::<String>::new());
}
