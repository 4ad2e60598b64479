//! Every text the bot can send, in every language it ships, is HTML that Telegram accepts:
//! each text function of `coloop_bot::texts::Texts` is called with arguments that hold `<`,
//! `&` and quotes (what people type), and its result goes through the fake Telegram's HTML
//! parser. Toasts and button labels are plain text: they must show what people typed, not
//! escapes. A last check reads the texts' source so that no text function is left out.

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};
use coloop_bot::texts::{Abilities, DigestView, Texts};
use coloop_core::command::{CommandName, PickWhat};
use coloop_core::digest::{Digest, QuestionDigest, SilentCount, SurveyDigest};
use coloop_core::domain::{
    AuditAction, Category, CommentId, GroupName, GroupSlug, MediaKind, PersonId, PostContent,
    PostId, PostKind, PostTitle, PrototypeStatus, QuestionId, Role, Summary, SurveyId, TelegramId,
};
use coloop_core::store::{
    AuditEvent, BarCount, CommentLine, CommentView, DueNotice, EquityLine, GroupOverview,
    HeldBroadcast, JoinChange, Joined, LinkLimit, Media, MemberCounts, MemberLine, MemberState,
    MembershipView, Party, PostLine, PostStatus, QuestionLine, SilentMember, SurveyLine,
    SurveyState,
};
use coloop_core::survey::{QuestionTag, SurveySpec};
use coloop_e2e::fake_api::parse_telegram_html;
use coloop_e2e::harness::catalogues;

/// What people type: a group name, a title, a comment, a name.
const NAME: &str = r#"Water <access> & "co" 'n' ✓"#;
const TITLE: &str = r#"Tanks & <pipes> "now""#;
const BODY: &str = "a < b && c > d \"quoted\" 'single' &amp; <b>not bold</b>";
const PERSON: &str = r#"Ana <3 & "Bo""#;

/// The texts of one language, checked as they are produced.
struct Checker<'a> {
    texts: Texts<'a>,
    /// Names of the functions checked.
    seen: BTreeSet<&'static str>,
    problems: Vec<String>,
}

impl Checker<'_> {
    /// A text sent with `parse_mode` HTML.
    fn html(&mut self, name: &'static str, text: String) {
        self.seen.insert(name);
        if let Err(error) = parse_telegram_html(&text) {
            self.problems.push(format!(
                "{} {name}: {error}\n    {text:?}",
                self.texts.code()
            ));
        } else if text.trim().is_empty() {
            self.problems
                .push(format!("{} {name}: empty", self.texts.code()));
        }
    }

    fn html_all(&mut self, name: &'static str, texts: Vec<String>) {
        assert!(!texts.is_empty(), "{name}: no text");
        for text in texts {
            self.html(name, text);
        }
    }

    /// A plain text (toast, button label): shown as it is, so no HTML escapes in it.
    fn plain(&mut self, name: &'static str, text: String) {
        self.seen.insert(name);
        if text.trim().is_empty() {
            self.problems
                .push(format!("{} {name}: empty", self.texts.code()));
        }
        for escape in ["&amp;", "&lt;", "&gt;", "&quot;", "&#"] {
            if text.contains(escape) {
                self.problems.push(format!(
                    "{} {name}: a plain text shows {escape}: {text:?}",
                    self.texts.code()
                ));
            }
        }
    }
}

fn slug() -> GroupSlug {
    GroupSlug::parse("water-access").unwrap()
}

fn group_name() -> GroupName {
    GroupName::parse(NAME).unwrap()
}

fn contents() -> Vec<PostContent> {
    let title = PostTitle::parse(TITLE).unwrap();
    let summary = Summary::parse(&format!("{BODY}\n\nSecond paragraph.")).unwrap();
    let mut all = vec![
        PostContent::Outcome {
            title: title.clone(),
            session_date: NaiveDate::from_ymd_opt(2026, 11, 20),
            summary: summary.clone(),
        },
        PostContent::Outcome {
            title: title.clone(),
            session_date: None,
            summary: summary.clone(),
        },
        PostContent::Question {
            title: title.clone(),
            question: summary.clone(),
        },
    ];
    for category in Category::ALL {
        for status in PrototypeStatus::ALL {
            all.push(PostContent::Prototype {
                title: title.clone(),
                category,
                status,
                summary: summary.clone(),
            });
        }
    }
    all
}

fn comment_views() -> Vec<CommentView> {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 18, 30, 0).unwrap();
    let media = |kind| Media {
        kind,
        file_id: "AgADfile".into(),
        duration_secs: Some(83),
    };
    vec![
        CommentView {
            id: CommentId::new(1),
            author: Some(PERSON.into()),
            created_at: at,
            post: Some((PostId::new(3), TITLE.into())),
            body: Some(BODY.into()),
            media: None,
        },
        CommentView {
            id: CommentId::new(2),
            author: None,
            created_at: at,
            post: None,
            body: Some(BODY.into()),
            media: Some(media(MediaKind::Photo)),
        },
        CommentView {
            id: CommentId::new(3),
            author: Some(PERSON.into()),
            created_at: at,
            post: None,
            body: None,
            media: Some(media(MediaKind::Voice)),
        },
    ]
}

fn memberships() -> Vec<MembershipView> {
    [Role::Member, Role::Facilitator]
        .into_iter()
        .map(|role| MembershipView {
            slug: slug(),
            name: group_name(),
            role,
            joined_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
        })
        .collect()
}

/// The digest's "Network" section with something on every line (issue #19).
fn network_counts() -> coloop_core::store::NetworkCounts {
    use coloop_core::store::{ActorCount, NetworkCounts, OfferCount};
    NetworkCounts {
        offers: vec![OfferCount {
            post_id: 3,
            title: TITLE.into(),
            group: NAME.into(),
            offers: 2,
        }],
        introductions: 3,
        introductions_made: 1,
        actors: vec![
            ActorCount {
                category: Some(Category::Sme),
                actors: 2,
            },
            ActorCount {
                category: None,
                actors: 1,
            },
        ],
        listed: 4,
    }
}

/// A digest with something in every section.
fn digest() -> Digest {
    let day = |d| Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap();
    let post = |kind, category, status| PostLine {
        id: 3,
        group: "water-access".into(),
        kind,
        title: TITLE.into(),
        category,
        status,
        sent_at: Some(day(20)),
        sent: 7,
        pending: 1,
        failed: 1,
        blocked: 1,
        comments: 4,
        answers: 1,
        told: 2,
    };
    let question =
        |number: i64, kind: QuestionTag, mean: Option<f64>, bars: Vec<BarCount>| QuestionDigest {
            line: QuestionLine {
                question_id: QuestionId::new(number),
                survey_id: SurveyId::new(1),
                number,
                kind,
                prompt: TITLE.into(),
                answers: 3,
                mean,
            },
            response_rate: 0.5,
            bars,
            samples: if kind == QuestionTag::Text {
                vec![BODY.into(), PERSON.into()]
            } else {
                Vec::new()
            },
            // Question 9 stands for an anonymous question under the threshold.
            withheld: number == 9,
        };
    let bar = |value, label: Option<&str>| BarCount {
        question_id: QuestionId::new(1),
        value,
        label: label.map(str::to_owned),
        count: value,
    };
    Digest {
        anonymous_min_answers: 5,
        network: network_counts(),
        group: Some("water-access".into()),
        from: day(13),
        to: day(20),
        members: MemberCounts {
            total: 12,
            joined: 3,
            paused: 1,
            blocked: 1,
        },
        posts: vec![
            post(PostKind::Outcome, None, None),
            post(
                PostKind::Prototype,
                Some(Category::PublicService),
                Some(PrototypeStatus::Testing),
            ),
            post(PostKind::Question, None, None),
        ],
        comment_count: 4,
        latest_comments: vec![
            CommentLine {
                id: 1,
                group: "water-access".into(),
                author: Some(PERSON.into()),
                created_at: day(19),
                post_id: Some(3),
                post_title: Some(TITLE.into()),
                text: Some(BODY.into()),
                media_kind: None,
                duration_secs: None,
            },
            CommentLine {
                id: 2,
                group: "water-access".into(),
                author: None,
                created_at: day(19),
                post_id: None,
                post_title: None,
                text: None,
                media_kind: Some(MediaKind::Voice),
                duration_secs: Some(83),
            },
        ],
        surveys: vec![SurveyDigest {
            survey: SurveyLine {
                id: SurveyId::new(1),
                group: "water-access".into(),
                title: TITLE.into(),
                post_title: TITLE.into(),
                anonymous: true,
                state: SurveyState::Open,
                sent_at: Some(day(18)),
                delivered: 6,
                respondents: 3,
                finished: 2,
            },
            questions: vec![
                question(9, QuestionTag::Rating, None, Vec::new()),
                question(
                    1,
                    QuestionTag::Rating,
                    Some(4.0),
                    (1..=5).map(|v| bar(v, None)).collect(),
                ),
                question(
                    2,
                    QuestionTag::YesNo,
                    None,
                    vec![bar(1, None), bar(0, None)],
                ),
                question(
                    3,
                    QuestionTag::Choice,
                    None,
                    vec![bar(0, Some(NAME)), bar(1, Some(TITLE))],
                ),
                question(
                    4,
                    QuestionTag::Multi,
                    None,
                    vec![bar(0, Some(NAME)), bar(1, Some(TITLE))],
                ),
                question(5, QuestionTag::Text, None, Vec::new()),
            ],
        }],
        equity: vec![
            EquityLine {
                group: "water-access".into(),
                category: Some(Category::PublicService),
                invited: 6,
                responded: 3,
            },
            EquityLine {
                group: "water-access".into(),
                category: None,
                invited: 4,
                responded: 0,
            },
        ],
        silent: vec![SilentCount {
            group: "water-access".into(),
            count: 2,
        }],
        silent_names: vec![
            SilentMember {
                group: "water-access".into(),
                name: PERSON.into(),
            },
            SilentMember {
                group: "water-access".into(),
                name: NAME.into(),
            },
        ],
    }
}

/// Every way a command can be wrong, as the parser reports it.
fn parse_errors() -> Vec<coloop_core::command::ParseError> {
    let long = "x".repeat(5000);
    [
        "/invite".to_owned(),
        "/invite a".to_owned(),
        "/invite water access".to_owned(),
        "/leave no_such!".to_owned(),
        "/newgroup".to_owned(),
        "/newgroup ok-slug".to_owned(),
        format!("/newgroup long-one {long}"),
        "/outcome water-access".to_owned(),
        "/outcome water-access Title".to_owned(),
        "/outcome water-access Title\ndate: tomorrow\nBody".to_owned(),
        "/outcome water-access Title\nanswers: x\nBody".to_owned(),
        "/prototype water-access business Kiosks\nBody".to_owned(),
        "/prototype water-access sme Kiosks\nstatus: finished\nBody".to_owned(),
        "/hide abc".to_owned(),
        "/closesurvey x".to_owned(),
        "/digest a b c".to_owned(),
        "/digest 0".to_owned(),
        "/survey".to_owned(),
        "/comments".to_owned(),
        "/link".to_owned(),
        "/export a b".to_owned(),
        "/stop a b".to_owned(),
        "/status a b".to_owned(),
        "/ask water-access".to_owned(),
        format!("/comment {long}"),
        "/actor add water-access Agua\ncontact: <call us>".to_owned(),
        format!("/profile {long}"),
    ]
    .iter()
    .filter_map(|text| coloop_core::command::parse(text, "coloop_test_bot"))
    .filter_map(Result::err)
    .collect()
}

fn check_language(texts: Texts<'_>) -> Checker<'_> {
    let mut c = Checker {
        texts,
        seen: BTreeSet::new(),
        problems: Vec::new(),
    };
    let t = texts;
    let slug = slug();
    let name = group_name();
    let link = "https://t.me/coloop_test_bot?start=AbC-123_x";

    // Posts and broadcasts.
    for category in Category::ALL {
        c.plain("category_label", t.category_label(category));
    }
    for status in PrototypeStatus::ALL {
        c.plain("status_label", t.status_label(status));
    }
    for kind in [PostKind::Outcome, PostKind::Prototype, PostKind::Question] {
        c.plain("kind_name", t.kind_name(kind));
        for several in [false, true] {
            c.plain(
                "post_choice_label",
                t.post_choice_label(kind, TITLE, &slug, several),
            );
        }
    }
    for content in contents() {
        c.html_all("render_post", t.render_post(NAME, &content));
        c.html_all(
            "render_post_with_note",
            t.render_post_with_note(NAME, &content, &[TITLE.into(), NAME.into()]),
        );
    }
    for n in [0, 1, 2, 7] {
        c.html("preview_note_count", t.preview_note_count(n));
        c.html("broadcast_queued", t.broadcast_queued(NAME, n));
        for chats in [0, 1, 2] {
            for parts in [1, 2] {
                c.html("preview_control", t.preview_control(NAME, n, chats, parts));
            }
        }
        c.html("survey_preview_control", t.survey_preview_control(NAME, n));
        c.html("survey_queued", t.survey_queued(NAME, SurveyId::new(7), n));
    }
    c.html("not_answerable", t.not_answerable("#3, #999"));
    c.plain("preview_send_button", t.preview_send_button());
    c.plain("preview_cancel_button", t.preview_cancel_button());
    c.plain("broadcast_queued_toast", t.broadcast_queued_toast());
    c.plain("already_sent_toast", t.already_sent_toast());
    c.plain("draft_cancelled_toast", t.draft_cancelled_toast());
    c.html("cancelled", t.cancelled());
    c.plain("cancelled_toast", t.cancelled_toast());
    c.plain("not_your_draft", t.not_your_draft());
    let statuses = [
        None,
        Some(Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()),
    ]
    .into_iter()
    .map(|sent_at| PostStatus {
        id: PostId::new(3),
        kind: PostKind::Outcome,
        title: TITLE.into(),
        sent_at,
        pending: 1,
        sent: 2,
        failed: 3,
        blocked: 4,
    })
    .collect::<Vec<_>>();
    c.html("status", t.status(NAME, &statuses));
    c.html("status", t.status(NAME, &[]));

    // Comments.
    for title in [None, Some(TITLE)] {
        c.html("comment_thanks", t.comment_thanks(NAME, title));
    }
    c.plain("anonymous_button", t.anonymous_button());
    c.html("anonymous_done", t.anonymous_done());
    c.plain("anonymous_toast", t.anonymous_toast());
    c.plain("comment_anonymous_toast", t.comment_anonymous_toast());
    c.html("which_post", t.which_post());
    c.plain("general_comment_label", t.general_comment_label(NAME));
    let slugs = [slug.clone(), GroupSlug::parse("housing").unwrap()];
    c.html("comment_which_group", t.comment_which_group(&slugs));
    c.html("digest_which_group", t.digest_which_group(&slugs));
    c.html("which_group", t.which_group(&slugs));
    c.html("not_in_any_group", t.not_in_any_group());
    c.html("no_longer_in_group", t.no_longer_in_group(NAME));
    c.html("slow_down", t.slow_down());
    c.html("comments_list", t.comments_list(NAME, &comment_views()));
    c.html("comments_list", t.comments_list(NAME, &[]));
    for view in comment_views() {
        c.html("media_caption", t.media_caption(&view));
    }
    c.html("hidden", t.hidden(CommentId::new(5)));
    c.html("unknown_comment", t.unknown_comment(CommentId::new(99_999)));
    for count in [1, 3] {
        let notice = DueNotice {
            person_id: 1,
            chat_id: 100,
            language: None,
            group: coloop_core::domain::GroupId::new(1),
            group_slug: slug.clone(),
            group_name: name.clone(),
            count,
            last_comment: CommentId::new(5),
            up_to: Utc::now(),
            first: vec![
                (Some(BODY.into()), None),
                (None, Some(MediaKind::Voice)),
                (Some(PERSON.into()), Some(MediaKind::Photo)),
            ],
        };
        c.html("new_comments_notice", t.new_comments_notice(&notice));
    }

    // Digests and exports.
    let full = digest();
    let facilitates = ["water-access".to_owned()];
    for coordinator in [false, true] {
        for facilitates in [&[][..], &facilitates[..]] {
            let view = DigestView {
                coordinator,
                facilitates,
            };
            for scope in [Some(NAME), None] {
                c.html("digest", t.digest(&full, scope, 7, view));
            }
            let empty = Digest {
                posts: Vec::new(),
                latest_comments: Vec::new(),
                surveys: Vec::new(),
                equity: Vec::new(),
                silent: Vec::new(),
                silent_names: Vec::new(),
                ..full.clone()
            };
            c.html("digest", t.digest(&empty, Some(NAME), 30, view));
        }
    }
    for kind in [
        QuestionTag::Rating,
        QuestionTag::YesNo,
        QuestionTag::Choice,
        QuestionTag::Multi,
    ] {
        for value in [0, 1, 4] {
            let bar = BarCount {
                question_id: QuestionId::new(1),
                value,
                label: Some(NAME.into()),
                count: 2,
            };
            c.plain("digest_bar_label", t.digest_bar_label(kind, &bar));
        }
    }
    c.html("digest_chart_caption", t.digest_chart_caption(TITLE));
    for chart in t.digest_charts(&full) {
        c.html("digest_charts", chart.caption);
    }
    c.seen.insert("digest_charts");
    c.html("export_empty", t.export_empty());
    for what in ["comments", "deliveries", "answers"] {
        for scope in [Some(NAME), None] {
            c.html("export_caption", t.export_caption(what, scope));
        }
    }

    // Groups, invites, joining.
    c.html("my_groups", t.my_groups(&memberships()));
    c.html("my_groups", t.my_groups(&[]));
    let overview = [false, true].map(|archived| GroupOverview {
        slug: slug.clone(),
        name: name.clone(),
        members: 3,
        facilitators: 1,
        archived,
    });
    c.html("all_groups", t.all_groups(&overview));
    c.html("all_groups", t.all_groups(&[]));
    c.html("left", t.left(&slug));
    c.html("not_in_group", t.not_in_group(&slug));
    c.html("group_created", t.group_created(NAME, &slug, link, link));
    c.html("slug_taken", t.slug_taken(&slug));
    for facilitator_link in [None, Some(link)] {
        c.html("invite_links", t.invite_links(NAME, link, facilitator_link));
    }
    c.html("unknown_group", t.unknown_group(&slug));
    for role in [Role::Member, Role::Facilitator] {
        c.html("consent", t.consent(NAME, role));
        for change in [JoinChange::New, JoinChange::Promoted, JoinChange::Already] {
            let joined = Joined {
                slug: slug.clone(),
                name: name.clone(),
                role,
                change,
            };
            c.html("joined", t.joined(&joined));
        }
    }
    c.plain("consent_agree_button", t.consent_agree_button());
    c.plain("consent_decline_button", t.consent_decline_button());
    c.html("consent_accepted", t.consent_accepted());
    c.html("consent_renewal", t.consent_renewal());
    c.html("consent_renewed", t.consent_renewed());
    c.plain("consent_accepted_toast", t.consent_accepted_toast());
    c.html("declined", t.declined());
    c.plain("declined_toast", t.declined_toast());
    c.html("unknown_code", t.unknown_code());
    c.html("archived", t.archived(NAME));
    c.plain("stale_invite_toast", t.stale_invite_toast());
    c.html("welcome", t.welcome());
    c.html("welcome_back", t.welcome_back(&memberships()));

    // Help, menu, input.
    for member in [false, true] {
        for facilitator in [false, true] {
            for coordinator in [false, true] {
                let can = Abilities {
                    member,
                    facilitator,
                    coordinator,
                };
                c.html("help", t.help(can));
            }
        }
    }
    for (_, description) in t.menu() {
        c.plain("menu", description);
    }
    for command in CommandName::ALL {
        c.html("usage", t.usage(command));
    }
    let problems = parse_errors();
    assert!(problems.len() >= 15, "{problems:?}");
    for problem in &problems {
        c.html("bad_input", t.bad_input(problem));
    }
    c.html("unknown_command", t.unknown_command("<script>&"));
    c.html("no_context", t.no_context());
    c.html("private_only", t.private_only("coloop_test_bot"));
    c.plain("stale_button", t.stale_button());
    c.html("internal_error", t.internal_error());

    // Language.
    c.html("language_choose", t.language_choose());
    c.html("language_set", t.language_set());
    c.plain("language_set_toast", t.language_set_toast());
    c.html("language_not_stored", t.language_not_stored());
    c.plain("language_name", t.language_name());

    // Group chats.
    for topic in [false, true] {
        c.html("linked", t.linked(NAME, topic));
    }
    c.html("linked_elsewhere", t.linked_elsewhere(&slug));
    c.html("unlinked", t.unlinked());
    c.html("not_linked", t.not_linked());
    c.html("link_in_a_group", t.link_in_a_group());
    c.html("group_comment_thanks", t.group_comment_thanks(PERSON, NAME));
    c.html(
        "consent_first_in_private",
        t.consent_first_in_private(PERSON, link),
    );

    // Rights.
    c.html("paused_all", t.paused_all());
    c.html("already_paused", t.already_paused());
    c.html("paused_group", t.paused_group(&slug));
    c.html("resumed", t.resumed());
    c.html("nothing_to_resume", t.nothing_to_resume());
    for still_paused_all in [false, true] {
        c.html("resumed_group", t.resumed_group(&slug, still_paused_all));
    }
    c.html("nothing_stored", t.nothing_stored());
    c.html("privacy", t.privacy());
    c.html("mydata_caption", t.mydata_caption());
    c.html("forget_confirm", t.forget_confirm());
    c.plain("forget_yes", t.forget_yes());
    c.plain("forget_no", t.forget_no());
    c.html("forgotten", t.forgotten());
    c.html("not_forgotten", t.not_forgotten());
    c.plain("forgotten_toast", t.forgotten_toast());
    c.html("coordinators_only", t.coordinators_only());
    c.html("facilitators_only", t.facilitators_only(&slug));
    c.html("facilitators_only_command", t.facilitators_only_command());
    c.html("privacy_anonymity", t.privacy_anonymity(5));
    c.html("group_reply_not_member", t.group_reply_not_member(NAME));

    // Surveys.
    let broken = SurveySpec::parse(
        TITLE,
        "rating: Fine\nbogus: What?\nchoice: Where? | School\nmulti: Days? | Mon | mon\ntext:\n\
         closes: someday\nfor: 1\nanonymous\nanonymous\n\
         choice: Pick | A | | Cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
    )
    .expect_err("a broken survey");
    c.html("survey_problems", t.survey_problems(&broken));
    for body in [
        "for: twelve\nyesno: Ok?".to_owned(),
        "anonymous\nvolunteer: Would you help?".to_owned(),
        format!("rating: {}", "long ".repeat(70)),
        (1..=11).map(|i| format!("yesno: Q{i}?\n")).collect(),
        String::new(),
    ] {
        if let Err(problems) = SurveySpec::parse(TITLE, &body) {
            c.html("survey_problems", t.survey_problems(&problems));
        }
    }
    c.html("survey_closes_past", t.survey_closes_past());
    c.html("survey_no_post", t.survey_no_post(NAME));
    c.html(
        "survey_unknown_post",
        t.survey_unknown_post(NAME, PostId::new(999)),
    );
    let spec = SurveySpec::parse(
        TITLE,
        &format!(
            "anonymous\ncloses: 2030-01-01 18:00\nrating: {TITLE}\nyesno: {BODY}\n\
             choice: {TITLE} | {NAME} | B & C\nmulti: {TITLE} | <x> | \"y\" | z & w\ntext: {BODY}"
        ),
    )
    .expect("a survey with every kind of question");
    c.html("survey_outline", t.survey_outline(&spec));
    let closes = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).and_then(|d| d.and_hms_opt(18, 0, 0));
    for anonymous in [false, true] {
        for closes in [None, closes] {
            c.html(
                "survey_intro",
                t.survey_intro(NAME, TITLE, TITLE, spec.questions.len(), anonymous, closes),
            );
        }
    }
    let count = spec.questions.len();
    for (i, question) in spec.questions.iter().enumerate() {
        for answer in [None, Some(BODY)] {
            c.html(
                "survey_question",
                t.survey_question(i + 1, count, &question.prompt, &question.kind, answer),
            );
        }
    }
    c.plain("survey_text_placeholder", t.survey_text_placeholder());
    c.plain("survey_yes", t.survey_yes());
    c.plain("survey_no", t.survey_no());
    c.plain("survey_done", t.survey_done());
    c.plain("survey_continue", t.survey_continue());
    c.plain("survey_continue_toast", t.survey_continue_toast());
    c.plain("survey_button_chosen", t.survey_button_chosen(NAME));
    for on in [false, true] {
        c.plain("survey_button_ticked", t.survey_button_ticked(NAME, on));
    }
    for value in 1..=5 {
        // On a button and a chart (plain), and in "Your answer:" (HTML).
        c.plain("survey_rating", t.survey_rating(value));
        c.html("survey_rating", t.survey_rating(value));
    }
    c.html("survey_thanks", t.survey_thanks(NAME, TITLE));
    c.html("survey_reminder", t.survey_reminder(NAME, TITLE));
    c.plain("survey_closed_toast", t.survey_closed_toast());
    c.plain("survey_not_member_toast", t.survey_not_member_toast(NAME));
    c.plain("survey_saved_toast", t.survey_saved_toast());
    c.plain("survey_pick_one_toast", t.survey_pick_one_toast());
    c.html("survey_closed", t.survey_closed(SurveyId::new(7), TITLE));
    c.html(
        "survey_already_closed",
        t.survey_already_closed(SurveyId::new(7)),
    );
    c.html("survey_unknown", t.survey_unknown(SurveyId::new(999)));
    c.plain("survey_preview_toast", t.survey_preview_toast());
    c.html("survey_expired", t.survey_expired());
    c.html("survey_use_continue", t.survey_use_continue());
    c.html("survey_use_buttons", t.survey_use_buttons());
    c.html("survey_nothing_waiting", t.survey_nothing_waiting());

    check_composition(&mut c);
    check_outage(&mut c);
    check_sandbox(&mut c);
    check_dashboard(&mut c);
    check_network(&mut c);
    c
}

/// A group's people over time: `/members`, the pickers, roles, rotating and limiting invite
/// links, archiving, `/audit` (issue #13).
fn check_composition(c: &mut Checker<'_>) {
    let t = c.texts;
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 18, 30, 0).unwrap();

    c.html("link_replaced", t.link_replaced());
    c.html(
        "finished_groups",
        t.finished_groups(&[NAME.to_owned(), TITLE.to_owned()]),
    );
    c.html("group_finished", t.group_finished(NAME));
    // Members see no line of issue #13 (an empty text, never sent alone).
    assert!(t.help_groups(false, false).is_empty());
    for (facilitator, coordinator) in [(true, false), (false, true), (true, true)] {
        c.html("help_groups", t.help_groups(facilitator, coordinator));
    }

    // `/members`, a page at a time.
    let states = [
        MemberState::Active,
        MemberState::Paused,
        MemberState::Blocked,
        MemberState::Left,
    ];
    let people: Vec<MemberLine> = states
        .into_iter()
        .zip([Role::Member, Role::Facilitator].into_iter().cycle())
        .enumerate()
        .map(|(i, (state, role))| MemberLine {
            person: PersonId::new(i as i64 + 1),
            telegram_id: TelegramId::new(100 + i as i64),
            name: [PERSON, NAME][i % 2].into(),
            username: None,
            language: None,
            role,
            joined_at: at,
            state,
            named_comments: i as i64,
            named_surveys: 1,
        })
        .collect();
    c.html("members_page", t.members_page(NAME, &people, 4, 0, 1));
    c.html("members_page", t.members_page(NAME, &people, 24, 1, 3));
    c.html("members_page", t.members_page(NAME, &[], 0, 0, 1));
    c.plain("page_previous", t.page_previous());
    c.plain("page_next", t.page_next());

    // Pickers, removing, roles.
    for what in [PickWhat::Remove, PickWhat::Promote, PickWhat::Demote] {
        c.html("pick", t.pick(what.as_str(), NAME));
    }
    c.html("pick_nobody", t.pick_nobody(NAME));
    c.html("pick_no_match", t.pick_no_match(NAME, BODY));
    c.html("remove_confirm", t.remove_confirm(PERSON, NAME));
    c.plain("remove_button", t.remove_button());
    c.plain("dismiss_button", t.dismiss_button());
    c.html("dismissed", t.dismissed());
    c.html("removed", t.removed(PERSON, NAME));
    c.html("removed_notice", t.removed_notice(NAME));
    c.html(
        "remove_facilitator_coordinators_only",
        t.remove_facilitator_coordinators_only(),
    );
    c.html("person_not_in_group", t.person_not_in_group(NAME));
    for role in [Role::Member, Role::Facilitator] {
        c.html("role_changed", t.role_changed(PERSON, NAME, role));
        c.html("role_notice", t.role_notice(NAME, role));
    }
    c.html("role_unchanged", t.role_unchanged(PERSON));

    // Invite links.
    c.html("rotate_choose", t.rotate_choose(NAME));
    for role in [None, Some(Role::Member), Some(Role::Facilitator)] {
        c.plain("rotate_button", t.rotate_button(role));
    }
    c.html("rotated", t.rotated(NAME));
    for expires_at in [None, Some(at)] {
        for max_uses in [None, Some(1), Some(25)] {
            let limit = LinkLimit {
                expires_at,
                max_uses,
                uses: 0,
            };
            c.html("invite_limit", t.invite_limit(&limit));
        }
    }

    // Archiving.
    for farewell in [None, Some(BODY)] {
        c.html("archive_confirm", t.archive_confirm(NAME, farewell));
        c.html("archived_notice", t.archived_notice(NAME, farewell));
    }
    c.plain("archive_button", t.archive_button());
    for count in [0, 1, 12] {
        c.html("archived_done", t.archived_done(NAME, count));
    }
    c.html("already_archived", t.already_archived(NAME));
    c.html("not_archived", t.not_archived(NAME));
    c.html("unarchived", t.unarchived(NAME));

    // `/audit`: every action, by a person, the operator and someone erased.
    let parties = [Party::Person(PERSON.into()), Party::Operator, Party::Erased];
    let events: Vec<AuditEvent> = AuditAction::ALL
        .into_iter()
        .enumerate()
        .map(|(i, action)| AuditEvent {
            at,
            group: Some("water-access".into()),
            action,
            actor: parties[i % 3].clone(),
            target: (i % 4 != 3).then(|| parties[(i + 1) % 3].clone()),
            detail: if i % 2 == 0 {
                BODY.into()
            } else {
                String::new()
            },
        })
        .collect();
    c.html("audit", t.audit(NAME, 30, &events));
    c.html("audit", t.audit(NAME, 7, &[]));
}

/// When things fail: sending failed deliveries again, writes the database refuses, broadcasts
/// held up (issue #16).
fn check_outage(c: &mut Checker<'_>) {
    let t = c.texts;
    for failed in [1, 3] {
        c.plain(
            "retry_failed_button",
            t.retry_failed_button(PostId::new(3), failed),
        );
    }
    for queued in [0, 1, 3] {
        c.plain("retry_failed_done", t.retry_failed_done(queued));
    }
    c.html("not_saved", t.not_saved());
    let held = HeldBroadcast {
        post: PostId::new(3),
        title: TITLE.into(),
        group_name: NAME.into(),
        author: TelegramId::new(100),
        language: None,
        pending: 4,
        sent: 1,
        failed: 1,
        blocked: 1,
    };
    for minutes in [1, 15] {
        let after = std::time::Duration::from_secs(minutes * 60);
        c.html("broadcast_held_up", t.broadcast_held_up(&held, after));
    }
    c.html("broadcast_done", t.broadcast_done(&held));
}

/// Issue #19, networks: offering help and who offered it.
fn check_network(c: &mut Checker<'_>) {
    use coloop_core::domain::{ContactConsent, OfferId, OfferStep};
    use coloop_core::store::{OfferView, VolunteerLine};
    let t = c.texts;
    let at = Utc.with_ymd_and_hms(2026, 12, 7, 10, 0, 0).unwrap();
    let post = PostId::new(12);
    c.html("help_member_network", t.help_member_network());
    c.html("privacy_network", t.privacy_network());
    c.html("digest_network", t.digest_network(&network_counts()));
    c.html("help_facilitator_network", t.help_facilitator_network());
    c.plain("offer_help_button", t.offer_help_button());
    c.html("offer_unknown_post", t.offer_unknown_post(post));
    c.html("offer_not_prototype", t.offer_not_prototype(post));
    c.plain("offer_thanks_toast", t.offer_thanks_toast());
    c.html("offer_ask_text", t.offer_ask_text(post, TITLE, NAME));
    c.plain("offer_skip_button", t.offer_skip_button());
    c.html("offer_ask_contact", t.offer_ask_contact(TITLE));
    c.plain("offer_saved_toast", t.offer_saved_toast());
    c.plain("offer_withdrawn_toast", t.offer_withdrawn_toast());
    c.plain(
        "offer_withdraw_button",
        t.offer_withdraw_button(post, TITLE),
    );
    c.html("offer_text_saved", t.offer_text_saved(TITLE));
    let mut offers = Vec::new();
    let mut volunteers = Vec::new();
    for (contact, text) in [
        (ContactConsent::Introduce, Some(BODY)),
        (ContactConsent::FacilitatorOnly, None),
    ] {
        c.plain("offer_contact_button", t.offer_contact_button(contact));
        c.html("offer_done", t.offer_done(TITLE, contact));
        offers.push(OfferView {
            id: OfferId::new(1),
            post,
            post_title: TITLE.into(),
            group_name: NAME.into(),
            text: text.map(str::to_owned),
            contact,
            step: OfferStep::Done,
            created_at: at,
        });
        volunteers.push(VolunteerLine {
            id: OfferId::new(1),
            name: PERSON.into(),
            post,
            post_title: TITLE.into(),
            text: text.map(str::to_owned),
            contact,
            created_at: at,
        });
    }
    check_introductions(c);
    check_whos_who_and_actors(c);
    c.html("offers_list", t.offers_list(&offers));
    c.html("offers_list", t.offers_list(&[]));
    for about in [None, Some(post)] {
        c.html(
            "volunteers_list",
            t.volunteers_list(NAME, about, &volunteers),
        );
        c.html("volunteers_list", t.volunteers_list(NAME, about, &[]));
    }
}

/// Issue #19, introductions and the relay.
fn check_introductions(c: &mut Checker<'_>) {
    use coloop_core::domain::{IntroAnswer, IntroState, MessageId, PersonId};
    use coloop_core::store::IntroPerson;
    let t = c.texts;
    let names = vec![PERSON.to_owned(), NAME.to_owned()];
    c.html("help_facilitator_introduce", t.help_facilitator_introduce());
    c.html("intro_nobody", t.intro_nobody(NAME));
    c.html("intro_picker", t.intro_picker(NAME, 2));
    for on in [true, false] {
        c.plain("intro_person_button", t.intro_person_button(PERSON, on));
        c.plain("intro_picked_toast", t.intro_picked_toast(on));
        c.html("intro_answered", t.intro_answered(&names, on));
    }
    c.plain("intro_next_button", t.intro_next_button());
    c.plain("intro_cancel_button", t.intro_cancel_button());
    c.plain("intro_pick_two_toast", t.intro_pick_two_toast());
    c.html("intro_ask_note", t.intro_ask_note(&names));
    c.html("intro_cancelled", t.intro_cancelled());
    for facilitator in [Some(PERSON), None] {
        c.html(
            "intro_invitation",
            t.intro_invitation(facilitator, NAME, &names, BODY),
        );
    }
    c.plain("intro_accept_button", t.intro_accept_button());
    c.plain("intro_decline_button", t.intro_decline_button());
    c.plain("intro_answer_toast", t.intro_answer_toast());
    let people: Vec<IntroPerson> = IntroAnswer::ALL
        .into_iter()
        .map(|answer| IntroPerson {
            person: PersonId::new(1),
            telegram_id: TelegramId::new(100),
            name: PERSON.into(),
            username: None,
            language: None,
            answer,
            message_id: Some(MessageId::new(5)),
        })
        .collect();
    for state in IntroState::ALL {
        c.html("intro_status", t.intro_status(NAME, &people, state));
    }
    for username in [Some("ana_p"), None] {
        c.html("intro_made", t.intro_made(NAME, PERSON, username));
    }
    c.html("intro_did_not_happen", t.intro_did_not_happen(NAME, &names));
    c.html("relay_message", t.relay_message(PERSON, BODY));
    c.html("relay_sent", t.relay_sent(PERSON));
    c.html("relay_ended_notice", t.relay_ended_notice(PERSON));
    c.html("relay_ended", t.relay_ended());
    c.html("relay_too_many", t.relay_too_many());
    c.html("relay_text_only", t.relay_text_only());
    c.plain("relay_end_button", t.relay_end_button());
    c.plain("relay_ended_toast", t.relay_ended_toast());
}

/// Issue #19, who's who and other actors.
fn check_whos_who_and_actors(c: &mut Checker<'_>) {
    use coloop_core::domain::{ActorContact, PersonId};
    use coloop_core::store::{ActorView, ListedPerson};
    let t = c.texts;
    c.html("help_member_whos_who", t.help_member_whos_who());
    c.html("help_facilitator_actors", t.help_facilitator_actors());
    for line in [Some(BODY), None] {
        c.html("profile_shown", t.profile_shown(line));
        c.html(
            "contact_invitation",
            t.contact_invitation(PERSON, NAME, line),
        );
    }
    c.html("profile_set", t.profile_set(BODY));
    for listed in [true, false] {
        c.html("profile_off", t.profile_off(listed));
    }
    let people = vec![ListedPerson {
        person: PersonId::new(1),
        telegram_id: TelegramId::new(100),
        name: PERSON.into(),
        line: BODY.into(),
    }];
    c.html("people_list", t.people_list(NAME, &people));
    c.html("people_list", t.people_list(NAME, &[]));
    c.plain("people_contact_button", t.people_contact_button(PERSON));
    c.plain("contact_asked_toast", t.contact_asked_toast());
    c.html("contact_asked", t.contact_asked(PERSON));
    c.html("contact_already", t.contact_already(PERSON));
    c.html("actor_added", t.actor_added(3, PERSON, NAME));
    let mut actors = Vec::new();
    for (category, contact) in [
        (
            Some(Category::PublicService),
            Some(ActorContact::Email("a&b@x.org".into())),
        ),
        (
            None,
            Some(ActorContact::Url("https://x.org/?a=1&b=<2>".into())),
        ),
        (None, None),
    ] {
        actors.push(ActorView {
            id: 3,
            group_id: coloop_core::domain::GroupId::new(1),
            name: PERSON.into(),
            offers: Some(BODY.into()),
            contact,
            category,
        });
    }
    for actor in &actors {
        c.html("actor_notice", t.actor_notice(NAME, actor));
        c.html("intro_made_actor", t.intro_made_actor(NAME, actor));
    }
    for on in [true, false] {
        c.plain("intro_actor_button", t.intro_actor_button(PERSON, on));
    }
    c.html("actors_list", t.actors_list(NAME, &actors));
    c.html("actors_list", t.actors_list(NAME, &[]));
    c.html("actor_unknown", t.actor_unknown(3));
    c.html("actor_shared", t.actor_shared(PERSON, NAME, 4));
}

/// The sandbox's page (issue #14): plain labels, which the page escapes; one for each error
/// code its endpoints answer.
fn check_sandbox(c: &mut Checker<'_>) {
    let labels = c.texts.sandbox_labels();
    assert!(labels.len() > 20, "{labels:?}");
    for code in [
        "unknown-person",
        "empty-text",
        "file-too-large",
        "not-your-chat",
    ] {
        let key = format!("error-{code}");
        assert!(labels.iter().any(|(label, _)| *label == key), "{key}");
    }
    for (_, text) in labels {
        c.plain("sandbox_labels", text);
    }
}

/// The dashboard (issue #21): `/web`'s answers (HTML) and the pages' words (plain text, which
/// the pages escape).
fn check_dashboard(c: &mut Checker<'_>) {
    let t = c.texts;
    c.html("web_help", t.web_help());
    c.html(
        "web_sign_in_link",
        t.web_sign_in_link("https://coloop.example.org/web/login?t=abc&x=<y>"),
    );
    c.html("web_no_server", t.web_no_server());
    for sessions in [0, 1, 2] {
        c.html("web_signed_out", t.web_signed_out(sessions));
    }
    for label in coloop_bot::texts::WebLabel::ALL {
        c.plain("web_label", t.web_label(*label));
    }
    c.plain("web_signed_in_as", t.web_signed_in_as(PERSON));
    let at = Utc.with_ymd_and_hms(2026, 12, 7, 9, 30, 0).unwrap();
    c.plain("web_date", t.web_date(at));
    c.plain("web_day", t.web_day(at.date_naive()));
    for share in [0.0, 0.425, 1.0] {
        c.plain("web_percent", t.web_percent(share));
    }
    c.plain("web_media", t.web_media(MediaKind::Voice, Some(75)));
    c.plain("web_media", t.web_media(MediaKind::Photo, None));
}

#[test]
fn every_text_in_every_language_is_html_telegram_accepts() {
    let mut languages = 0;
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for texts in catalogues().all() {
        languages += 1;
        let checked = check_language(texts);
        problems.extend(checked.problems);
        seen = checked.seen;
    }
    assert!(languages >= 2, "English and Spanish at least");
    assert!(
        problems.is_empty(),
        "{} text(s) Telegram would refuse or show wrongly:\n{}",
        problems.len(),
        problems.join("\n")
    );

    // No text function is left out: every `pub fn` of `Texts` that makes a text is above.
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bot/src/texts");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("bot/src/texts") {
        let path = entry.unwrap().path();
        // The catalogues (loading, choosing a language) and the module's own tests make no text.
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        if !file.ends_with(".rs") || ["catalogues.rs", "tests.rs"].contains(&file) {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = source.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(rest) = line.trim_start().strip_prefix("pub fn ") else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // Methods of `Texts` take `&self` (on the line, or the next one when the signature
            // is long); `code` is the language's code, not a text.
            let next = lines.get(i + 1).map_or("", |l| l.trim());
            let is_method = rest.contains("(&self") || next.starts_with("&self");
            if is_method && !seen.contains(name.as_str()) && name != "code" {
                missing.push(format!("{}: {name}", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "text functions no test renders (add them above):\n{}",
        missing.join("\n")
    );
}
