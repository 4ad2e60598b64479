//! Surveys in the store and the outbox: the migration that taught the outbox about surveys,
//! answers and progress, anonymity, reminders (only to who has not finished, at most two,
//! never in the quiet hours — on tokio's paused clock) and closing.

mod common;

use std::borrow::Cow;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{FixedOffset, Utc};
use coloop_core::Store;
use coloop_core::delivery::{Limits, SendError, Step, Transport, Worker};
use coloop_core::domain::{ChatMessage, TelegramId};
use coloop_core::message::{Button, Markup};
use coloop_core::schedule::QuietHours;
use coloop_core::store::{
    Answerable, Answering, ConfirmedSurvey, Group, NewSurvey, Progress, RenderedSurvey,
    SurveyMessage, SurveyRendering,
};
use coloop_core::survey::{Answer, OptionSet, Respondent, RespondentKey, SurveySpec};
use coloop_core::wake::Wake;
use tokio::time::Instant;

const AUTHOR: i64 = 1;

struct World {
    store: Store,
    group: Group,
    members: Vec<i64>,
    _dir: tempfile::TempDir,
}

async fn world(members: usize) -> World {
    let (store, group, ids, dir) = common::group_with_members(100, members).await;
    common::outcome_sent(&store, group.id, TelegramId::new(AUTHOR)).await;
    World {
        store,
        group,
        members: ids,
        _dir: dir,
    }
}

fn rendered() -> RenderedSurvey {
    let mut r = RenderedSurvey::default();
    r.insert(
        "en",
        SurveyRendering {
            first: SurveyMessage {
                html: "first".into(),
                markup: Some(Markup::Buttons(vec![vec![Button {
                    text: "Yes".into(),
                    data: "sv:1:0:y".into(),
                }]])),
            },
            reminder: SurveyMessage {
                html: "reminder".into(),
                markup: None,
            },
        },
    );
    r
}

/// A survey draft about the group's latest post.
async fn draft(
    w: &World,
    spec: &SurveySpec,
    closes_at: Option<chrono::DateTime<Utc>>,
    closes_after: Option<chrono::Duration>,
    source: Option<ChatMessage>,
) -> coloop_core::store::SurveyDraft {
    let (post, _) = w
        .store
        .survey_post(w.group.id, None)
        .await
        .unwrap()
        .unwrap();
    w.store
        .create_survey_draft(
            &NewSurvey {
                group: w.group.id,
                post,
                author: TelegramId::new(AUTHOR),
                source,
                spec,
                closes_at,
                closes_after,
                rendered: &rendered(),
            },
            Utc::now(),
        )
        .await
        .unwrap()
}

/// Creates and sends a survey; its id and the number of recipients.
async fn survey(w: &World, body: &str) -> (coloop_core::domain::SurveyId, i64) {
    let spec = SurveySpec::parse("Wells survey", body).unwrap();
    let draft = draft(w, &spec, None, None, None).await;
    match w
        .store
        .confirm_survey(&draft.key, Utc::now())
        .await
        .unwrap()
    {
        ConfirmedSurvey::Sent {
            survey, recipients, ..
        } => (survey, recipients),
        other => panic!("{other:?}"),
    }
}

/// What was sent: chat, HTML, markup.
type Sent = (i64, String, Option<Markup>);

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Sent>>>);

impl Transport for Recorder {
    async fn send(
        &self,
        chat_id: i64,
        _thread_id: Option<i64>,
        html: &str,
        markup: Option<&Markup>,
    ) -> Result<i64, SendError> {
        let mut sent = self.0.lock().unwrap();
        sent.push((chat_id, html.to_owned(), markup.cloned()));
        Ok(sent.len() as i64 + 1000)
    }
}

fn limits() -> Limits {
    Limits {
        global_per_second: 0,
        private_interval: Duration::ZERO,
        group_interval: Duration::ZERO,
        ..Limits::default()
    }
}

/// Steps the worker until nothing is due.
async fn drain(worker: &mut Worker<Recorder>) {
    for _ in 0..10_000 {
        match worker.try_deliver_next().await.unwrap() {
            Step::Idle(_) => return,
            Step::Wait(until) if until > Instant::now() + Duration::from_secs(1) => return,
            Step::Wait(until) => tokio::time::advance(until - Instant::now()).await,
            _ => {}
        }
    }
    panic!("the worker did not finish");
}

#[tokio::test]
async fn the_survey_migration_keeps_every_delivery_and_delivered_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let before: Vec<_> = coloop_core::store::MIGRATOR
        .iter()
        .filter(|m| m.version < 20261127150000)
        .cloned()
        .collect();
    let old = sqlx::migrate::Migrator {
        migrations: Cow::Owned(before),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .connect_with(
                sqlx::sqlite::SqliteConnectOptions::new()
                    .filename(&path)
                    .create_if_missing(true)
                    .foreign_keys(true),
            )
            .await
            .unwrap();
        old.run(&pool).await.unwrap();
        for sql in [
            "INSERT INTO working_groups (id, slug, name, challenge, member_code, facilitator_code, created_at) VALUES (1, 'w', 'W', '', 'm', 'f', 't')",
            "INSERT INTO posts (id, group_id, kind, title, summary, idempotency_key, state, rendered, created_at) VALUES (1, 1, 'outcome', 'T', 'S', 'k', 'sent', '[]', 't')",
            "INSERT INTO deliveries (id, post_id, chat_id, chat_kind, state, next_attempt_at, created_at, message_id) VALUES (5, 1, 42, 'private', 'sent', 't', 't', 900)",
            "INSERT INTO deliveries (id, post_id, chat_id, chat_kind, state, next_attempt_at, created_at, with_note) VALUES (6, 1, 43, 'private', 'pending', 't', 't', 1)",
            "INSERT INTO delivered_messages (delivery_id, part, chat_id, message_id) VALUES (5, 0, 42, 900)",
        ] {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }
    let store = Store::open_and_migrate(&path).await.unwrap();
    assert_eq!(
        store
            .post_of_message(42, 900)
            .await
            .unwrap()
            .map(|p| p.get()),
        Some(1),
        "the delivered message still leads to its post"
    );
    let counts = store.all_delivery_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending), (1, 1));
    store.close().await;
    assert_eq!(
        Store::integrity_check(&path).await.unwrap(),
        vec!["ok".to_owned()]
    );
}

#[tokio::test]
async fn answers_are_upserted_and_progress_moves_once() {
    let w = world(2).await;
    let (id, recipients) = survey(
        &w,
        "rating: Useful?\nmulti: Days? | Mon | Wed | Sat\ntext: Why?",
    )
    .await;
    assert_eq!(recipients, 2, "the author is not a recipient");
    let ana = TelegramId::new(w.members[0]);
    let Answerable::Yes {
        survey,
        question,
        person,
        at,
    } = w.store.answerable(id, 0, ana, Utc::now()).await.unwrap()
    else {
        panic!()
    };
    assert_eq!(at, 0);
    let key = RespondentKey::generate();
    let me = key.respondent(id, question.id, person, survey.anonymous);
    let rating = Answering {
        survey: &survey,
        question: &question,
        person,
        respondent: &me,
    };
    let four = Answer::Rating(4);
    let first = w
        .store
        .save_answer(&rating, &four, Utc::now())
        .await
        .unwrap();
    assert_eq!(first, Progress::Advanced(Some(1)));
    // The same press again (redelivered) and a change of mind: one answer, no second move.
    let again = w
        .store
        .save_answer(&rating, &four, Utc::now())
        .await
        .unwrap();
    assert_eq!(again, Progress::Stayed);
    let two = Answer::Rating(2);
    w.store
        .save_answer(&rating, &two, Utc::now())
        .await
        .unwrap();
    assert_eq!(w.store.answer(&question, &me).await.unwrap(), Some(two));
    assert_eq!(w.store.survey_answer_counts(id).await.unwrap(), (1, 1));

    // Multi: options are set, not toggled.
    let Answerable::Yes {
        question: multi, ..
    } = w.store.answerable(id, 1, ana, Utc::now()).await.unwrap()
    else {
        panic!()
    };
    let days = Answering {
        question: &multi,
        ..rating
    };
    for _ in 0..2 {
        assert_eq!(
            w.store
                .set_option(&days, 2, true, Utc::now())
                .await
                .unwrap(),
            Some(OptionSet::default().with(2, true))
        );
    }
    assert_eq!(
        w.store
            .set_option(&days, 0, true, Utc::now())
            .await
            .unwrap(),
        Some(OptionSet::default().with(0, true).with(2, true))
    );
    assert_eq!(
        w.store
            .set_option(&days, 2, false, Utc::now())
            .await
            .unwrap(),
        Some(OptionSet::default().with(0, true))
    );

    // A stranger (never sent the survey: told nothing of it, issue #20) and a forged question.
    assert!(matches!(
        w.store
            .answerable(id, 0, TelegramId::new(5), Utc::now())
            .await
            .unwrap(),
        Answerable::Unknown
    ));
    assert!(matches!(
        w.store.answerable(id, 7, ana, Utc::now()).await.unwrap(),
        Answerable::Unknown
    ));
    // Closed: no more answers.
    assert!(w.store.close_survey(id, Utc::now()).await.unwrap());
    assert!(!w.store.close_survey(id, Utc::now()).await.unwrap());
    assert!(matches!(
        w.store.answerable(id, 0, ana, Utc::now()).await.unwrap(),
        Answerable::Closed(_)
    ));
    // Issue #20: a toggle or a Done checked before the close and written after it stores
    // nothing and moves nobody.
    assert_eq!(
        w.store
            .set_option(&days, 1, true, Utc::now())
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        w.store
            .advance(&survey, 1, person, Utc::now())
            .await
            .unwrap(),
        Progress::Closed
    );
}

#[tokio::test]
async fn anonymous_answers_link_to_no_person() {
    let w = world(1).await;
    let (id, _) = survey(&w, "anonymous\nyesno: Help build it?").await;
    let ana = TelegramId::new(w.members[0]);
    let Answerable::Yes {
        survey,
        question,
        person,
        ..
    } = w.store.answerable(id, 0, ana, Utc::now()).await.unwrap()
    else {
        panic!()
    };
    assert!(survey.anonymous);
    let me = RespondentKey::generate().respondent(id, question.id, person, true);
    w.store
        .save_answer(
            &Answering {
                survey: &survey,
                question: &question,
                person,
                respondent: &me,
            },
            &Answer::YesNo(true),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(w.store.survey_answer_counts(id).await.unwrap(), (1, 0));
    let traces = w.store.person_traces(ana, person.get()).await.unwrap();
    assert!(
        traces.iter().all(|t| !t.starts_with("answers.")),
        "{traces:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn the_first_question_goes_with_its_buttons_and_reminders_skip_quiet_hours() {
    let hold = tokio::spawn(async {
        loop {
            tokio::task::yield_now().await;
        }
    });
    let w = world(2).await;
    let (id, _) = survey(&w, "yesno: Help build it?\nyesno: Tell a friend?").await;
    let transport = Recorder::default();
    // A zone where it is 22:00 a day from now (and now): quiet.
    let start = Utc::now();
    let seconds_today = (start.timestamp() % 86_400) as i32;
    let offset = FixedOffset::east_opt((22 * 3600 - seconds_today).rem_euclid(86_400)).unwrap();
    let quiet = QuietHours::evenings_and_nights(coloop_core::zone::Zone::Fixed(offset));
    let mut worker = Worker::new(
        w.store.clone(),
        transport.clone(),
        limits(),
        Wake::default(),
    )
    .with_quiet_hours(quiet);
    drain(&mut worker).await;
    let survey_messages = || -> Vec<Sent> {
        transport
            .0
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, html, _)| html != "post")
            .cloned()
            .collect()
    };
    {
        let sent = survey_messages();
        assert_eq!(sent.len(), 2);
        assert!(
            sent.iter()
                .all(|(_, html, markup)| html == "first" && markup.is_some())
        );
    }
    // Ana finishes; Bob does not.
    let ana = TelegramId::new(w.members[0]);
    for position in 0..2 {
        let Answerable::Yes {
            survey,
            question,
            person,
            ..
        } = w
            .store
            .answerable(id, position, ana, Utc::now())
            .await
            .unwrap()
        else {
            panic!()
        };
        let me = Respondent::named(person);
        w.store
            .save_answer(
                &Answering {
                    survey: &survey,
                    question: &question,
                    person,
                    respondent: &me,
                },
                &Answer::YesNo(true),
                Utc::now(),
            )
            .await
            .unwrap();
    }
    let day = chrono::Duration::hours(24);
    assert_eq!(
        w.store.queue_reminders(start, day, 2).await.unwrap(),
        0,
        "not before the delay"
    );
    let later = start + chrono::Duration::hours(25);
    assert_eq!(
        w.store.queue_reminders(later, day, 2).await.unwrap(),
        1,
        "only Bob, who has not finished"
    );
    assert_eq!(
        w.store.queue_reminders(later, day, 2).await.unwrap(),
        0,
        "not again before another delay"
    );
    // 25 hours on it is 23:00 local: the reminder waits for 08:00.
    tokio::time::advance(Duration::from_secs(25 * 3600 + 1)).await;
    assert!(quiet.contains(later));
    match worker.try_deliver_next().await.unwrap() {
        Step::Postponed { chat_id } => assert_eq!(chat_id, w.members[1]),
        other => panic!("{other:?}"),
    }
    assert_eq!(survey_messages().len(), 2, "nothing sent at night");
    let morning = quiet.end_after(later);
    assert_eq!(
        morning.with_timezone(&offset).format("%H:%M").to_string(),
        "08:00"
    );
    tokio::time::advance((morning - later).to_std().unwrap() - Duration::from_secs(60)).await;
    drain(&mut worker).await;
    assert_eq!(survey_messages().len(), 2, "still quiet at 07:59");
    tokio::time::advance(Duration::from_secs(61)).await;
    drain(&mut worker).await;
    let sent = survey_messages();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[2].0, w.members[1]);
    assert_eq!(sent[2].1, "reminder");
    hold.abort();
}

/// Answers one question for a member through the store, as the bot does.
async fn answer(
    w: &World,
    id: coloop_core::domain::SurveyId,
    member: i64,
    position: u8,
    value: Option<i64>,
    text: Option<&str>,
    key: &RespondentKey,
) {
    let Answerable::Yes {
        survey,
        question,
        person,
        ..
    } = w
        .store
        .answerable(id, position, TelegramId::new(member), Utc::now())
        .await
        .unwrap()
    else {
        panic!("member {member} cannot answer")
    };
    let me = key.respondent(id, question.id, person, survey.anonymous);
    w.store
        .save_answer(
            &Answering {
                survey: &survey,
                question: &question,
                person,
                respondent: &me,
            },
            &Answer::from_stored(question.kind.tag(), value, text.map(str::to_owned))
                .expect("an answer this question can have"),
            Utc::now(),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn digest_survey_numbers_match_a_hand_computed_fixture() {
    use coloop_core::digest::Digest;
    let w = world(4).await;
    let [ana, bob, cid, _dee] = [w.members[0], w.members[1], w.members[2], w.members[3]];
    // An old survey, sent before the window: not in the digest.
    let spec = SurveySpec::parse("Old", "yesno: Old?").unwrap();
    let old = draft(&w, &spec, None, None, None).await;
    w.store
        .confirm_survey(&old.key, Utc::now() - chrono::Duration::days(8))
        .await
        .unwrap();
    let ConfirmedSurvey::AlreadySent = w.store.confirm_survey(&old.key, Utc::now()).await.unwrap()
    else {
        panic!()
    };
    let old_id = w.store.survey_by_key(&old.key).await.unwrap().unwrap().id;
    // Closed before the window began.
    assert!(
        w.store
            .close_survey(
                old_id,
                Utc::now() - chrono::Duration::days(7) - chrono::Duration::hours(1)
            )
            .await
            .unwrap()
    );

    let (id, _) = survey(
        &w,
        "rating: Useful?\nyesno: Help?\nchoice: Where? | School | Market | Clinic\nmulti: Days? | Mon | Wed | Sat\ntext: Change?",
    )
    .await;
    let mut worker = Worker::new(
        w.store.clone(),
        Recorder::default(),
        limits(),
        Wake::default(),
    );
    drain(&mut worker).await;
    let key = RespondentKey::generate();
    answer(&w, id, ana, 0, Some(5), None, &key).await;
    answer(&w, id, ana, 1, Some(1), None, &key).await;
    answer(&w, id, ana, 2, Some(0b010), None, &key).await;
    answer(&w, id, ana, 3, Some(0b101), None, &key).await;
    answer(&w, id, ana, 4, None, Some("More <taps>"), &key).await;
    answer(&w, id, bob, 0, Some(3), None, &key).await;
    answer(&w, id, bob, 1, Some(0), None, &key).await;
    answer(&w, id, bob, 2, Some(0b010), None, &key).await;
    answer(&w, id, bob, 3, Some(0b001), None, &key).await;
    tokio::time::sleep(Duration::from_millis(2)).await;
    answer(&w, id, bob, 4, None, Some("Less queueing"), &key).await;
    answer(&w, id, cid, 0, Some(4), None, &key).await;
    answer(&w, id, cid, 1, Some(1), None, &key).await;

    let d = Digest::build(&w.store, Some(&w.group.slug), 7, Utc::now())
        .await
        .unwrap();
    assert_eq!(d.surveys.len(), 1, "the old survey is outside the window");
    let s = &d.surveys[0];
    assert_eq!(
        (s.survey.delivered, s.survey.respondents, s.survey.finished),
        (4, 3, 2)
    );
    let q = &s.questions;
    let counts = |i: usize| -> Vec<i64> { q[i].bars.iter().map(|b| b.count).collect() };
    assert_eq!(q[0].line.answers, 3);
    assert_eq!(q[0].line.mean, Some(4.0));
    assert_eq!(q[0].response_rate, 0.75);
    assert_eq!(counts(0), vec![0, 0, 1, 1, 1], "ratings 1 to 5");
    assert_eq!(counts(1), vec![2, 1], "yes, no");
    assert_eq!(counts(2), vec![0, 2, 0], "School, Market, Clinic");
    assert_eq!(q[3].line.answers, 2);
    assert_eq!(counts(3), vec![2, 0, 1], "per option, not per combination");
    assert_eq!(coloop_core::digest::bar_total(&q[3]), 2);
    assert_eq!(
        q[4].samples,
        vec!["Less queueing", "More <taps>"],
        "most recent first"
    );
    assert!(d.to_markdown().contains("mean 4.0"));
    // Silence: everyone joined just now, so nobody was a member for the whole window.
    assert!(d.silent.is_empty());
    let later = Digest::build(
        &w.store,
        Some(&w.group.slug),
        1,
        Utc::now() + chrono::Duration::days(2),
    )
    .await
    .unwrap();
    assert_eq!(later.silent.len(), 1);
    assert_eq!(
        later.silent[0].count, 4,
        "nobody spoke in the last day of that window"
    );
    // The equity view: one group, an outcome (no category): 3 of 4 answered.
    assert_eq!(d.equity.len(), 1);
    assert_eq!((d.equity[0].invited, d.equity[0].responded), (4, 3));
    // The export reads the answers back in words.
    let export = w
        .store
        .export_answers(Some(w.group.id), Utc::now())
        .await
        .unwrap();
    let multi: Vec<_> = export
        .iter()
        .filter(|a| a.question == 4)
        .map(|a| (a.respondent.clone().unwrap(), a.answer.clone().unwrap()))
        .collect();
    assert_eq!(
        multi,
        vec![
            ("P0".to_owned(), "Mon; Sat".to_owned()),
            ("P1".to_owned(), "Mon".to_owned())
        ]
    );
    // An anonymous survey exports its answers without names.
    let (hidden, _) = survey(&w, "anonymous\nyesno: Honest?").await;
    drain(&mut worker).await;
    answer(&w, hidden, ana, 0, Some(1), None, &key).await;
    let held = w
        .store
        .export_answers(Some(w.group.id), Utc::now() + chrono::Duration::hours(1))
        .await
        .unwrap();
    assert!(
        held.iter().all(|a| a.survey_id != hidden.get()),
        "one anonymous answer is below the threshold (issue #20)"
    );
    // With a threshold of one, it is exported once its hour has passed.
    let lenient = w
        .store
        .clone()
        .with_anonymity(coloop_core::store::Anonymity { min_answers: 1 });
    let export = lenient
        .export_answers(Some(w.group.id), Utc::now() + chrono::Duration::hours(1))
        .await
        .unwrap();
    let anonymous: Vec<_> = export
        .iter()
        .filter(|a| a.survey_id == hidden.get())
        .collect();
    assert_eq!(anonymous.len(), 1);
    assert_eq!(anonymous[0].respondent, None);
    assert_eq!(anonymous[0].answered_at, None);
    assert_eq!(anonymous[0].answer.as_deref(), Some("yes"));
    let csv = coloop_core::digest::answers_csv(&export).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), export.len());
    assert!(rows.iter().any(|r| &r[7] == "More <taps>"));
}

#[tokio::test]
async fn a_survey_closes_at_its_close_time_and_its_unsent_questions_are_dropped() {
    let w = world(2).await;
    let spec = SurveySpec::parse("Timed", "closes: 1h\nyesno: Quick?").unwrap();
    let draft = draft(&w, &spec, None, Some(chrono::Duration::hours(1)), None).await;
    let sent_at = Utc::now();
    let ConfirmedSurvey::Sent {
        survey, closes_at, ..
    } = w.store.confirm_survey(&draft.key, sent_at).await.unwrap()
    else {
        panic!()
    };
    assert_eq!(
        closes_at,
        Some(sent_at + chrono::Duration::hours(1)),
        "the delay starts at Send"
    );
    let ana = TelegramId::new(w.members[0]);
    let at = |minutes: i64| sent_at + chrono::Duration::minutes(minutes);
    assert!(w.store.close_due_surveys(at(30)).await.unwrap().is_empty());
    assert!(matches!(
        w.store.answerable(survey, 0, ana, at(30)).await.unwrap(),
        Answerable::Yes { .. }
    ));
    // Past the close time answers are refused at once, before the keeper has closed it.
    assert!(matches!(
        w.store.answerable(survey, 0, ana, at(61)).await.unwrap(),
        Answerable::Closed(_)
    ));
    assert_eq!(
        w.store.close_due_surveys(at(61)).await.unwrap(),
        vec![survey]
    );
    assert!(w.store.close_due_surveys(at(62)).await.unwrap().is_empty());
    // Its first questions never went out: the worker drops them rather than send them.
    let transport = Recorder::default();
    let mut worker = Worker::new(
        w.store.clone(),
        transport.clone(),
        limits(),
        Wake::default(),
    );
    drain(&mut worker).await;
    assert!(
        transport
            .0
            .lock()
            .unwrap()
            .iter()
            .all(|(_, html, _)| html == "post"),
        "only the post went out"
    );
    assert_eq!(w.store.all_delivery_counts().await.unwrap().pending, 0);
}

#[tokio::test]
async fn a_redelivered_survey_command_makes_one_draft() {
    let w = world(1).await;
    let spec = SurveySpec::parse("Once", "yesno: Ok?").unwrap();
    let (post, _) = w
        .store
        .survey_post(w.group.id, None)
        .await
        .unwrap()
        .unwrap();
    let new = NewSurvey {
        group: w.group.id,
        post,
        author: TelegramId::new(AUTHOR),
        source: Some(ChatMessage::new(TelegramId::new(AUTHOR), 77)),
        spec: &spec,
        closes_at: None,
        closes_after: None,
        rendered: &rendered(),
    };
    let first = w.store.create_survey_draft(&new, Utc::now()).await.unwrap();
    let again = w.store.create_survey_draft(&new, Utc::now()).await.unwrap();
    assert_eq!(first.id, again.id);
    assert_eq!(first.key.as_str(), again.key.as_str());
    assert_eq!(w.store.survey_questions(first.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn send_after_the_fixed_close_time_sends_nothing() {
    let w = world(1).await;
    let spec = SurveySpec::parse("Late", "yesno: Ok?").unwrap();
    let draft = draft(
        &w,
        &spec,
        Some(Utc::now() + chrono::Duration::minutes(5)),
        None,
        None,
    )
    .await;
    let later = Utc::now() + chrono::Duration::minutes(6);
    assert_eq!(
        w.store.confirm_survey(&draft.key, later).await.unwrap(),
        ConfirmedSurvey::Expired
    );
    let pending = w.store.all_delivery_counts().await.unwrap().pending;
    assert_eq!(pending, 1, "only the post's delivery");
}
