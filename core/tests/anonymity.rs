//! Issue #20: anonymous participation under attack — a facilitator differencing digests learns
//! nothing (the silent list ignores anonymous answers and comments; aggregates need
//! [`Anonymity::min_answers`] answers and show them as of the last full hour, in every output),
//! also when answers are changed or erased within the hour), and the database file alone links
//! no anonymous answer to a person (hash order in rows and bytes, day-coarse participant times).

mod common;

use chrono::{DateTime, Duration, DurationRound, Utc};
use coloop_core::Store;
use coloop_core::digest::Digest;
use coloop_core::domain::{SurveyId, TelegramId};
use coloop_core::store::{Answerable, Answering, Group};
use coloop_core::survey::{Answer, RespondentKey};

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
    common::outcome_sent(&store, group.id, TelegramId::new(AUTHOR)).await;
    World {
        store,
        group,
        members,
        key: RespondentKey::generate(),
        _dir: dir,
    }
}

async fn survey(w: &World, body: &str) -> SurveyId {
    common::survey_sent(&w.store, w.group.id, TelegramId::new(AUTHOR), body).await
}

/// What a member does to a question.
enum Act {
    Give(Answer),
    /// Ticks this option of a multi question on.
    Tick(u8),
}

/// `member` answers question `position` at `at`.
async fn answer(w: &World, id: SurveyId, member: i64, position: u8, a: Answer, at: DateTime<Utc>) {
    act(w, id, member, position, Act::Give(a), at).await
}

/// `member` ticks option `option` of multi question `position` at `at`.
async fn tick(w: &World, id: SurveyId, member: i64, position: u8, option: u8, at: DateTime<Utc>) {
    act(w, id, member, position, Act::Tick(option), at).await
}

async fn act(w: &World, id: SurveyId, member: i64, position: u8, what: Act, at: DateTime<Utc>) {
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
    let who = Answering {
        survey: &survey,
        question: &question,
        person,
        respondent: &me,
    };
    match what {
        Act::Give(a) => {
            w.store.save_answer(&who, &a, at).await.unwrap();
        }
        Act::Tick(option) => {
            w.store.set_option(&who, option, true, at).await.unwrap();
        }
    }
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

/// Everything shown of the survey at `at`: the digest's questions (counts, bars, samples,
/// whether withheld) and the export's answers, in the export's order.
async fn shown_at(w: &World, at: DateTime<Utc>) -> (Vec<QuestionSeen>, Vec<Option<String>>) {
    let d = digest(w, at).await;
    let export = w
        .store
        .export_answers(Some(w.group.id), at)
        .await
        .unwrap()
        .into_iter()
        .map(|line| line.answer)
        .collect();
    (seen(&d).1, export)
}

/// Issue #20, item 1: changing or erasing an anonymous answer within the hour changes nothing
/// shown until the hour is over — no count dips, no bar moves, no sample goes — so watching
/// the digest while one person acts (or leaves) isolates nothing; `/forget` still erases.
#[tokio::test]
async fn changing_or_erasing_an_anonymous_answer_shows_only_when_the_hour_is_over() {
    let w = world(7).await;
    let id = survey(
        &w,
        "anonymous\nyesno: Honest?\ntext: Why?\nmulti: Days? | Mon | Wed | Sat",
    )
    .await;
    let h0 = hour_in_two_days();
    for (i, &m) in w.members.iter().enumerate() {
        let at = h0 + Duration::minutes(10 + i as i64);
        answer(&w, id, m, 0, Answer::YesNo(i % 2 == 0), at).await;
        // Samples are the first five texts: the changer's and the leaver's among them.
        answer(&w, id, m, 1, Answer::Text(format!("reason {}", 6 - i)), at).await;
        tick(&w, id, m, 2, (i % 3) as u8, at).await;
    }
    let h1 = h0 + Duration::hours(1);
    let as_of_h1 = shown_at(&w, h1 + Duration::minutes(1)).await;
    assert_eq!(as_of_h1.0[0].0, 7, "seven answers shown");
    assert_eq!(as_of_h1.0[0].1, vec![4, 3], "four yes, three no");
    assert!(as_of_h1.0[1].2.contains(&"reason 1".to_string()));
    assert!(as_of_h1.0[1].2.contains(&"reason 2".to_string()));

    // Within the next hour: P5 changes every answer (twice), P4 erases themselves.
    let (changer, leaver) = (w.members[5], w.members[4]);
    for (minute, yes) in [(5, false), (7, true)] {
        let at = h1 + Duration::minutes(minute);
        answer(&w, id, changer, 0, Answer::YesNo(yes), at).await;
        answer(
            &w,
            id,
            changer,
            1,
            Answer::Text(format!("changed {minute}")),
            at,
        )
        .await;
        tick(&w, id, changer, 2, 1, at).await;
        assert_eq!(
            shown_at(&w, at + Duration::minutes(1)).await,
            as_of_h1,
            "a change at minute {minute} shows nothing within the hour"
        );
    }
    assert!(
        w.store
            .erase_person(TelegramId::new(leaver), &w.key, h1 + Duration::minutes(20))
            .await
            .unwrap()
    );
    assert_eq!(
        shown_at(&w, h1 + Duration::minutes(21)).await,
        as_of_h1,
        "an erasure shows nothing within the hour"
    );
    let (left, linked) = w.store.survey_answer_counts(id).await.unwrap();
    assert_eq!(
        (left, linked),
        (18, 0),
        "the leaver's three answers are no one's at once"
    );
    let raw: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT respondent, text FROM answers WHERE erased = 1 ORDER BY respondent")
            .fetch_all(&raw_pool(&w).await)
            .await
            .unwrap();
    assert_eq!(
        raw.len(),
        3,
        "only the versions shown before wait for the hour"
    );
    assert!(
        raw.iter()
            .all(|(r, text)| r.starts_with("erased-") && text.is_none())
    );

    // The hour is over: the changes and the erasure show together, and nothing of the
    // leaver's is left on disk.
    let h2 = h1 + Duration::hours(1);
    w.store.release_held_answers(h2).await.unwrap();
    let as_of_h2 = shown_at(&w, h2 + Duration::minutes(1)).await;
    assert_eq!(as_of_h2.0[0].0, 6);
    assert_eq!(
        as_of_h2.0[0].1,
        vec![4, 2],
        "P4's yes gone, P5's no now a yes"
    );
    assert!(as_of_h2.0[1].2.contains(&"changed 7".to_string()));
    assert!(!as_of_h2.0[1].2.contains(&"reason 1".to_string()));
    assert!(!as_of_h2.0[1].2.contains(&"reason 2".to_string()));
    let erased: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM answers WHERE erased = 1")
        .fetch_one(&raw_pool(&w).await)
        .await
        .unwrap();
    assert_eq!(
        erased, 0,
        "the erased answers are deleted once their hour is over"
    );
}

/// A connection of its own to the test's database file, reading it as it lies.
async fn raw_pool(w: &World) -> sqlx::SqlitePool {
    sqlx::sqlite::SqlitePoolOptions::new()
        .connect_with(
            sqlx::sqlite::SqliteConnectOptions::new().filename(w._dir.path().join("coloop.db")),
        )
        .await
        .unwrap()
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
    // Within one hour, so that none of them is released while the others are given.
    let start = hour_in_two_days();
    let markers: Vec<String> = (0..10).map(|i| format!("order-marker-{i:02}")).collect();
    for (i, &m) in w.members.iter().enumerate() {
        let at = start + Duration::seconds(i as i64 * 97) + Duration::microseconds(i as i64 * 13);
        answer(&w, id, m, 0, Answer::Text(markers[i].clone()), at).await;
    }
    // The table, read as it lies (no ORDER BY), is in hash order, not answer order: by a
    // plain SELECT, by a scan of the table itself (no index) and through its hour index.
    let pool = raw_pool(&w).await;
    let mut reversed = markers.clone();
    reversed.reverse();
    for sql in [
        "SELECT text FROM answers",
        "SELECT text FROM answers NOT INDEXED",
        "SELECT text FROM answers INDEXED BY answers_held WHERE held_until IS NOT NULL",
    ] {
        let stored: Vec<String> = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
        assert_eq!(stored.len(), 10, "{sql}");
        assert_ne!(stored, markers, "{sql}");
        assert_ne!(stored, reversed, "{sql}");
    }
    assert!(
        sqlx::query("SELECT rowid FROM answers")
            .fetch_all(&pool)
            .await
            .is_err(),
        "the table has no row ids that count up"
    );
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
    // Nor do the file's bytes keep the order once the hour is over: SQLite places a row's
    // bytes in the order rows are written, and the hour's answers were rewritten in hash order.
    w.store.checkpoint().await.unwrap();
    let bytes = std::fs::read(w._dir.path().join("coloop.db")).unwrap();
    let mut placed: Vec<(usize, &String)> = markers
        .iter()
        .map(|m| {
            let found: Vec<usize> = bytes
                .windows(m.len())
                .enumerate()
                .filter(|(_, window)| *window == m.as_bytes())
                .map(|(at, _)| at)
                .collect();
            assert_eq!(
                found.len(),
                1,
                "{m} is in the file once (the old copy zeroed)"
            );
            (found[0], m)
        })
        .collect();
    placed.sort();
    let on_disk: Vec<String> = placed.into_iter().map(|(_, m)| m.clone()).collect();
    assert_ne!(on_disk, markers, "the bytes do not give the answer order");
    assert_ne!(on_disk, reversed, "nor its reverse");
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
            .erase_person(TelegramId::new(ana), &w.key, Utc::now())
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
