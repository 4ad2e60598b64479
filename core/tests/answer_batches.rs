//! The answer writer's batches: many presses at once are written together, and what a batch
//! shares (each survey's state, the question messages sent) is read or written once — with
//! the same outcome for every press as if each had been written alone.

mod common;

use chrono::Utc;
use coloop_core::domain::{ChatMessage, PersonId, SurveyId, TelegramId};
use coloop_core::store::{Answerable, Answering, Progress, SurveyQuestion, SurveyRef};
use coloop_core::survey::{Answer, Respondent, RespondentKey};
use tokio::task::JoinSet;

const AUTHOR: i64 = 1;
const MEMBERS: usize = 60;

/// A press of "Yes" on the first question, checked and about to be written.
struct Press {
    member: i64,
    survey: Box<SurveyRef>,
    question: SurveyQuestion,
    person: PersonId,
    respondent: Respondent,
}

/// Everyone's press on the first question of `survey`, checked as the bot checks a press.
async fn checked(
    store: &coloop_core::Store,
    survey: SurveyId,
    members: &[i64],
    key: &RespondentKey,
) -> Vec<Press> {
    let mut presses = Vec::new();
    for &member in members {
        let Answerable::Yes {
            survey,
            question,
            person,
            ..
        } = store
            .answerable(survey, 0, TelegramId::new(member), Utc::now())
            .await
            .unwrap()
        else {
            panic!("member {member} cannot answer")
        };
        let respondent = key.respondent(survey.id, question.id, person, survey.anonymous);
        presses.push(Press {
            member,
            survey,
            question,
            person,
            respondent,
        });
    }
    presses
}

/// The presses written all at once: what each did, by member.
async fn written(store: &coloop_core::Store, presses: Vec<Press>) -> Vec<(i64, Progress)> {
    let mut writes = JoinSet::new();
    for press in presses {
        let store = store.clone();
        writes.spawn(async move {
            let who = Answering {
                survey: &press.survey,
                question: &press.question,
                person: press.person,
                respondent: &press.respondent,
            };
            let progress = store
                .save_answer(&who, &Answer::YesNo(true), Utc::now())
                .await
                .unwrap();
            (press.member, progress)
        });
    }
    let mut done = writes.join_all().await;
    done.sort_by_key(|(member, _)| *member);
    done
}

#[tokio::test]
async fn presses_at_once_on_an_open_and_a_closed_survey_each_get_what_they_would_alone() {
    let (store, group, members, _dir) = common::group_with_members(100, MEMBERS).await;
    common::outcome_sent(&store, group.id, TelegramId::new(AUTHOR)).await;
    let key = RespondentKey::generate();
    let open = common::survey_sent(
        &store,
        group.id,
        TelegramId::new(AUTHOR),
        "yesno: Go?\ntext: Why?",
    )
    .await;
    let closed =
        common::survey_sent(&store, group.id, TelegramId::new(AUTHOR), "yesno: Stop?").await;

    // Every press checked while both surveys were open; then one closes (as a close may come
    // between a press's check and its write). The presses on both and the next questions sent
    // are queued at once: the closed survey's presses are refused within the same batches in
    // which the open one's are taken.
    let to_open = checked(&store, open, &members, &key).await;
    let to_closed = checked(&store, closed, &members, &key).await;
    assert!(store.close_survey(closed, Utc::now()).await.unwrap());
    let (on_open, on_closed, sent) = tokio::join!(
        written(&store, to_open),
        written(&store, to_closed),
        async {
            let mut sent = JoinSet::new();
            for (i, &member) in members.iter().enumerate() {
                let store = store.clone();
                sent.spawn(async move {
                    let message = ChatMessage::new(TelegramId::new(member), 5_000 + i as i32);
                    store.record_question_sent(open, 1, message).await.unwrap();
                });
            }
            sent.join_all().await
        }
    );

    assert!(
        on_open
            .iter()
            .all(|(_, p)| *p == Progress::Advanced(Some(1))),
        "{on_open:?}"
    );
    assert!(
        on_closed.iter().all(|(_, p)| *p == Progress::Closed),
        "{on_closed:?}"
    );
    assert_eq!(sent.len(), MEMBERS);
    assert_eq!(
        store.survey_answer_counts(open).await.unwrap(),
        (MEMBERS as i64, MEMBERS as i64)
    );
    assert_eq!(store.survey_answer_counts(closed).await.unwrap(), (0, 0));
    for (i, &member) in members.iter().enumerate() {
        assert_eq!(
            store
                .question_message(TelegramId::new(member), open, 1)
                .await
                .unwrap()
                .map(|id| id.get()),
            Some(5_000 + i as i64),
            "the second question sent to {member} is recorded"
        );
    }
}
