//! Setup shared by the store tests: a migrated database in a temporary directory with one
//! working group and its members, and a session outcome sent to them.

use chrono::Utc;
use coloop_core::domain::{
    Challenge, DisplayName, GroupId, GroupName, GroupSlug, PostContent, PostTitle, Summary,
    TelegramId,
};
use coloop_core::store::{CreateGroup, Group, Newcomer, RenderedPost};
use coloop_core::{CONSENT_VERSION, Store};

/// A store with the group `water` and `members` members, Telegram ids `first_id`,
/// `first_id + 1`, … (named P0, P1, …). The directory lives as long as the returned guard.
pub async fn group_with_members(
    first_id: i64,
    members: usize,
) -> (Store, Group, Vec<i64>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_and_migrate(&dir.path().join("coloop.db"))
        .await
        .unwrap();
    let CreateGroup::Created(group) = store
        .create_group(
            &GroupSlug::parse("water").unwrap(),
            &GroupName::parse("Water").unwrap(),
            &Challenge::default(),
            Utc::now(),
        )
        .await
        .unwrap()
    else {
        panic!("the group exists already")
    };
    let mut ids = Vec::new();
    for i in 0..members {
        let id = first_id + i as i64;
        let who = Newcomer {
            telegram_id: TelegramId::new(id),
            name: DisplayName::from_telegram(&format!("P{i}"), None),
            username: None,
            language: None,
        };
        store
            .consent_and_join(&who, &group.member_code, CONSENT_VERSION, Utc::now())
            .await
            .unwrap();
        ids.push(id);
    }
    (store, group, ids, dir)
}

/// A session outcome ("Wells") written by `author` and sent to the group, so that surveys
/// have a post to be about. (Not every test file that shares this module sends one.)
#[allow(dead_code)]
pub async fn outcome_sent(store: &Store, group: GroupId, author: TelegramId) {
    let content = PostContent::Outcome {
        title: PostTitle::parse("Wells").unwrap(),
        session_date: None,
        summary: Summary::parse("We mapped the wells.").unwrap(),
    };
    let draft = store
        .create_draft(
            group,
            author,
            None,
            &content,
            &RenderedPost::same_for_all(vec!["post".into()]),
            Utc::now(),
        )
        .await
        .unwrap();
    store.confirm_post(&draft.key, Utc::now()).await.unwrap();
}

/// A survey (`body` in the survey syntax) about the group's latest post, written by `author`
/// and sent to the members at once.
#[allow(dead_code)]
pub async fn survey_sent(
    store: &Store,
    group: GroupId,
    author: TelegramId,
    body: &str,
) -> coloop_core::domain::SurveyId {
    use coloop_core::store::{ConfirmedSurvey, NewSurvey, RenderedSurvey};
    let spec = coloop_core::survey::SurveySpec::parse("Honest survey", body).unwrap();
    let (post, _) = store.survey_post(group, None).await.unwrap().unwrap();
    let draft = store
        .create_survey_draft(
            &NewSurvey {
                group,
                post,
                author,
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
    match store.confirm_survey(&draft.key, Utc::now()).await.unwrap() {
        ConfirmedSurvey::Sent { survey, .. } => survey,
        other => panic!("{other:?}"),
    }
}
