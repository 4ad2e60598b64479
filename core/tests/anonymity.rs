//! Issue #20: anonymous participation under attack — a facilitator differencing digests learns
//! nothing (the silent list ignores anonymous answers and comments; aggregates need
//! [`Anonymity::min_answers`] answers and show them as of the last full hour, in every output),
//! and the database file alone links no anonymous answer to a person (hash order, day-coarse
//! participant times).

mod common;

use chrono::{DateTime, Duration, DurationRound, Utc};
use coloop_core::Store;
use coloop_core::digest::Digest;
use coloop_core::domain::{PostContent, PostTitle, Summary, SurveyId, TelegramId};
use coloop_core::store::{
    Answerable, Answering, ConfirmedSurvey, Group, NewSurvey, RenderedPost, RenderedSurvey,
};
use coloop_core::survey::{Answer, RespondentKey, SurveySpec};

const AUTHOR: i64 = 1;

struct World {
    store: Store,
    group: Group,
    members: Vec<i64>,
    key: RespondentKey,
    _dir: tempfile::TempDir,
}

async fn world(members: usize) -> World {
    let (store, group, members, dir) = common::group_with_members(100, members).await;
    let content = PostContent::Outcome {
        title: PostTitle::parse("Wells").unwrap(),
        session_date: None,
        summary: Summary::parse("We mapped the wells.").unwrap(),
    };
    let draft = store
        .create_draft(
            group.id,
            TelegramId::new(AUTHOR),
            None,
            &content,
            &RenderedPost::same_for_all(vec!["post".into()]),
            Utc::now(),
        )
        .await
        .unwrap();
    store.confirm_post(&draft.key, Utc::now()).await.unwrap();
    World {
        store,
        group,
        members,
        key: RespondentKey::generate(),
        _dir: dir,
    }
}

async fn survey(w: &World, body: &str) -> SurveyId {
    let spec = SurveySpec::parse("Honest survey", body).unwrap();
    let (post, _) = w
        .store
        .survey_post(w.group.id, None)
        .await
        .unwrap()
        .unwrap();
    let draft = w
        .store
        .create_survey_draft(
            &NewSurvey {
                group: w.group.id,
                post,
                author: TelegramId::new(AUTHOR),
                source: None,
                spec: &spec,
                closes_at: None,
                closes_after: None,
                rendered: &RenderedSurvey::default(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    match w
        .store
        .confirm_survey(&draft.key, Utc::now())
        .await
        .unwrap()
    {
        ConfirmedSurvey::Sent { survey, .. } => survey,
        other => panic!("{other:?}"),
    }
}

/// `member` answers question `position` at `at`.
async fn answer(w: &World, id: SurveyId, member: i64, position: u8, a: Answer, at: DateTime<Utc>) {
    let Answerable::Yes {
        survey,
        question,
        person,
        ..
    } = w
        .store
        .answerable(id, position, TelegramId::new(member), at)
        .await
        .unwrap()
    else {
        panic!("member {member} cannot answer")
    };
    let me = w.key.respondent(id, question.id, person, survey.anonymous);
    w.store
        .save_answer(
            &Answering {
                survey: &survey,
                question: &question,
                person,
                respondent: &me,
            },
            &a,
            at,
        )
        .await
        .unwrap();
}

async fn digest(w: &World, at: DateTime<Utc>) -> Digest {
    Digest::build(&w.store, Some(&w.group.slug), 1, at)
        .await
        .unwrap()
}

/// A question's answer count, bars, samples and whether it is withheld.
type QuestionSeen = (i64, Vec<i64>, Vec<String>, bool);

/// What a facilitator sees of the survey and the silent members, for comparing two digests.
fn seen(d: &Digest) -> (Vec<String>, Vec<QuestionSeen>) {
    let names = d.silent_names.iter().map(|m| m.name.clone()).collect();
    let questions = d.surveys[0]
        .questions
        .iter()
        .map(|q| {
            (
                q.line.answers,
                q.bars.iter().map(|b| b.count).collect(),
                q.samples.clone(),
                q.withheld,
            )
        })
        .collect();
    (names, questions)
}

/// The start of the hour two days from now: members joined "now", so they count as members
/// for a whole one-day window then.
fn hour_in_two_days() -> DateTime<Utc> {
    (Utc::now() + Duration::days(2))
        .duration_trunc(Duration::hours(1))
        .unwrap()
}

#[tokio::test]
async fn differencing_digests_learns_nothing_about_who_gave_an_anonymous_answer() {
    let w = world(7).await;
    let id = survey(&w, "anonymous\nyesno: Honest?\ntext: Why?").await;
    let h0 = hour_in_two_days();
    // Five members answer in the first hour.
    for (i, &m) in w.members[..5].iter().enumerate() {
        let at = h0 + Duration::minutes(10 + i as i64);
        answer(&w, id, m, 0, Answer::YesNo(true), at).await;
        answer(&w, id, m, 1, Answer::Text(format!("reason {i}")), at).await;
    }
    // Early in the next hour the facilitator looks, then P5 answers "no", then they look again.
    let h1 = h0 + Duration::hours(1);
    let before = digest(&w, h1 + Duration::minutes(1)).await;
    assert_eq!(before.surveys[0].questions[0].line.answers, 5);
    let victim = w.members[5];
    answer(
        &w,
        id,
        victim,
        0,
        Answer::YesNo(false),
        h1 + Duration::minutes(2),
    )
    .await;
    answer(
        &w,
        id,
        victim,
        1,
        Answer::Text("the secret reason".into()),
        h1 + Duration::minutes(2),
    )
    .await;
    let after = digest(&w, h1 + Duration::minutes(3)).await;
    assert_eq!(
        seen(&before),
        seen(&after),
        "nothing shown changed within the hour"
    );
    assert!(
        after.silent_names.iter().any(|m| m.name == "P5"),
        "answering anonymously does not take P5 off the silent list"
    );
    assert_eq!(
        after.silent_names.len(),
        7,
        "nobody commented or answered under their name"
    );
    // Once the hour is over, the answer shows — and the silent list still names everyone.
    let later = digest(&w, h1 + Duration::hours(1)).await;
    let q = &later.surveys[0].questions;
    assert_eq!(q[0].line.answers, 6);
    assert_eq!(
        q[0].bars.iter().map(|b| b.count).collect::<Vec<_>>(),
        vec![5, 1]
    );
    assert_eq!(q[1].line.answers, 6, "the text answer counts too");
    assert_eq!(
        seen(&later).0,
        seen(&after).0,
        "the silent list did not change"
    );
    // Changing an answer within an hour does not show either.
    answer(
        &w,
        id,
        victim,
        0,
        Answer::YesNo(true),
        h1 + Duration::hours(1) + Duration::minutes(5),
    )
    .await;
    let changed = digest(&w, h1 + Duration::hours(1) + Duration::minutes(6)).await;
    assert_ne!(
        changed.surveys[0].questions[0]
            .bars
            .iter()
            .map(|b| b.count)
            .collect::<Vec<_>>(),
        vec![6, 0],
        "a change within the hour is not shown within the hour"
    );

    // An anonymous comment does not take anyone off the silent list either; a named one does.
    let comment = |member: i64, message: i64, anonymous: bool| {
        let store = w.store.clone();
        let group = w.group.id;
        async move {
            let stored = store
                .add_comment(
                    &coloop_core::store::NewComment {
                        author: TelegramId::new(member),
                        group,
                        post: None,
                        chat_id: member,
                        message_id: message,
                        body: Some("hello".into()),
                        media: None,
                        unfiled: false,
                    },
                    h1 + Duration::minutes(30),
                )
                .await
                .unwrap();
            if anonymous {
                let coloop_core::store::AddComment::Added(c) = stored else {
                    panic!()
                };
                assert!(
                    store
                        .make_comment_anonymous(c, TelegramId::new(member))
                        .await
                        .unwrap()
                );
            }
        }
    };
    comment(w.members[6], 1, true).await;
    let d = digest(&w, h1 + Duration::hours(1)).await;
    assert!(d.silent_names.iter().any(|m| m.name == "P6"));
    comment(w.members[6], 2, false).await;
    let d = digest(&w, h1 + Duration::hours(1)).await;
    assert!(!d.silent_names.iter().any(|m| m.name == "P6"));
}

#[tokio::test]
async fn below_the_threshold_nothing_of_an_anonymous_question_is_shown_anywhere() {
    let w = world(6).await;
    let id = survey(&w, "anonymous\nrating: Useful?\ntext: Why?").await;
    let h0 = hour_in_two_days();
    for (i, &m) in w.members[..4].iter().enumerate() {
        answer(&w, id, m, 0, Answer::Rating(5), h0).await;
        answer(&w, id, m, 1, Answer::Text(format!("marker-{i}")), h0).await;
    }
    let at = h0 + Duration::hours(2);
    let d = digest(&w, at).await;
    for q in &d.surveys[0].questions {
        assert!(q.withheld);
        assert_eq!((q.line.answers, q.line.mean), (0, None));
        assert!(q.bars.is_empty() && q.samples.is_empty());
    }
    assert!(d.to_markdown().contains("fewer than 5 answers so far"));
    let json = d.to_json();
    assert!(json.contains("\"withheld\": true"), "{json}");
    assert!(!json.contains("marker-"), "{json}");
    assert!(!d.to_markdown().contains("marker-"));
    let export = w.store.export_answers(Some(w.group.id), at).await.unwrap();
    assert!(export.is_empty(), "{export:?}");
    // The fifth answer, once its hour is over, shows everything, in every output.
    answer(&w, id, w.members[4], 0, Answer::Rating(4), at).await;
    answer(&w, id, w.members[4], 1, Answer::Text("marker-4".into()), at).await;
    let held = digest(&w, at + Duration::minutes(30)).await;
    assert!(held.surveys[0].questions.iter().all(|q| q.withheld));
    assert!(
        w.store
            .export_answers(Some(w.group.id), at + Duration::minutes(30))
            .await
            .unwrap()
            .is_empty()
    );
    let shown = digest(&w, at + Duration::hours(1)).await;
    let q = &shown.surveys[0].questions;
    assert!(!q[0].withheld);
    assert_eq!(q[0].line.answers, 5);
    assert_eq!(q[0].line.mean, Some(4.8));
    assert!(shown.to_json().contains("marker-4"));
    let export = w
        .store
        .export_answers(Some(w.group.id), at + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(export.len(), 10);
    assert!(
        export
            .iter()
            .all(|a| a.respondent.is_none() && a.answered_at.is_none())
    );
    // The threshold is the store's rule: a deployment may ask for more.
    let strict = w
        .store
        .clone()
        .with_anonymity(coloop_core::store::Anonymity { min_answers: 6 });
    let d = Digest::build(&strict, Some(&w.group.slug), 1, at + Duration::hours(1))
        .await
        .unwrap();
    assert!(d.surveys[0].questions.iter().all(|q| q.withheld));
    assert!(d.to_markdown().contains("fewer than 6 answers so far"));
}

#[tokio::test]
async fn the_file_alone_does_not_give_the_order_of_anonymous_answers_nor_their_times() {
    let w = world(10).await;
    let id = survey(&w, "anonymous\ntext: Why?").await;
    let start = Utc::now();
    let markers: Vec<String> = (0..10).map(|i| format!("order-marker-{i:02}")).collect();
    for (i, &m) in w.members.iter().enumerate() {
        let at = start + Duration::seconds(i as i64 * 97) + Duration::microseconds(i as i64 * 13);
        answer(&w, id, m, 0, Answer::Text(markers[i].clone()), at).await;
    }
    // The table, read as it lies (no ORDER BY), is in hash order, not answer order.
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .connect_with(
            sqlx::sqlite::SqliteConnectOptions::new().filename(w._dir.path().join("coloop.db")),
        )
        .await
        .unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT text FROM answers")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 10);
    let mut reversed = markers.clone();
    reversed.reverse();
    assert_ne!(stored, markers);
    assert_ne!(stored, reversed);
    // Per-person times are whole days; answers carry no time once their hour is over.
    let times: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT last_answered_at, finished_at FROM survey_participants WHERE survey_id = ?",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(times.len(), 10);
    for (last, finished) in times {
        for t in [last.unwrap(), finished.unwrap()] {
            assert!(t.ends_with("T00:00:00.000000Z"), "{t}");
        }
    }
    let timed: Vec<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT answered_at, held_until FROM answers")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(timed.iter().all(|(a, _)| a.is_none()));
    assert!(
        timed
            .iter()
            .all(|(_, h)| h.as_deref().is_none_or(|h| h.ends_with(":00:00.000000Z")))
    );
    w.store
        .release_held_answers(start + Duration::hours(2))
        .await
        .unwrap();
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM answers WHERE held_until IS NOT NULL")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(held, 0, "no hour is kept once it has passed");
    pool.close().await;
}

#[tokio::test]
async fn forget_erases_an_anonymous_answer_given_after_its_participations_were_read() {
    let w = world(2).await;
    let ana = w.members[0];
    let first = survey(&w, "anonymous\nyesno: First?").await;
    answer(&w, first, ana, 0, Answer::YesNo(true), Utc::now()).await;
    // What `/forget` used to read before its erasing transaction…
    let read_before = w
        .store
        .anonymous_participations(TelegramId::new(ana))
        .await
        .unwrap();
    assert_eq!(read_before.len(), 1);
    // …then a press lands in between, on another anonymous survey.
    let second = survey(&w, "anonymous\nyesno: Second?").await;
    answer(&w, second, ana, 0, Answer::YesNo(false), Utc::now()).await;
    assert!(
        w.store
            .erase_person(TelegramId::new(ana), &w.key)
            .await
            .unwrap()
    );
    for id in [first, second] {
        let (answers, _) = w.store.survey_answer_counts(id).await.unwrap();
        assert_eq!(
            answers, 0,
            "survey {id}: no anonymous answer of theirs is left"
        );
    }
}
