//! A small but complete world for the dashboard's read models, built through the store's own
//! writes: the group `water` (six members: one paused, one blocking the bot) with an outcome
//! and its comments of every kind, a prototype sent twice (its status changed), an outcome that
//! answers the first one, a named survey about the prototype and an anonymous one with too few
//! answers to show; and the group `roads`, with a post, a comment and a survey of its own.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use coloop_core::CONSENT_VERSION;
use coloop_core::Store;
use coloop_core::domain::{
    Category, Challenge, CommentId, DisplayName, GroupName, GroupSlug, MediaKind, PostContent,
    PostId, PostTitle, PrototypeStatus, Summary, SurveyId, TelegramId,
};
use coloop_core::store::{
    AddComment, Answerable, Answering, ConfirmedSurvey, CreateGroup, Group, Media, NewComment,
    NewSurvey, Newcomer, RenderedPost, RenderedSurvey,
};
use coloop_core::survey::{Answer, RespondentKey, SurveySpec};

use crate::common;

/// The facilitator who writes every post (not a member).
pub const AUTHOR: TelegramId = TelegramId::new(1);
/// Water's members: P0 … P5 are 100 … 105; P4 is paused, P5 blocks the bot.
pub const WATER: [i64; 6] = [100, 101, 102, 103, 104, 105];
/// Roads' one member.
pub const ROADER: i64 = 200;

pub struct World {
    pub store: Store,
    pub water: Group,
    pub roads: Group,
    /// When the story starts (three days ago); everything happens within a day of it.
    pub t0: DateTime<Utc>,
    pub wells: PostId,
    pub tank: PostId,
    pub tank_again: PostId,
    pub pump: PostId,
    pub roads_post: PostId,
    /// Comments on Wells: text by P0 ("dry 100%"), voice by P1, photo by P2, anonymous text by
    /// P3; then hidden (P0, "rude"), and one on the tank by P1 ("100 percent").
    pub comments: Comments,
    pub named_survey: SurveyId,
    pub anonymous_survey: SurveyId,
    pub roads_survey: SurveyId,
    _dir: tempfile::TempDir,
}

pub struct Comments {
    pub dry: CommentId,
    pub voice: CommentId,
    pub photo: CommentId,
    pub quiet: CommentId,
    pub rude: CommentId,
    pub on_tank: CommentId,
}

pub async fn world() -> World {
    let (store, water, _, dir) = common::group_with_members(WATER[0], WATER.len()).await;
    // Whole microseconds, as stored.
    let t0 = (Utc::now() - Duration::days(3)).trunc_subsecs(6);
    let CreateGroup::Created(roads) = store
        .create_group(
            &GroupSlug::parse("roads").unwrap(),
            &GroupName::parse("Roads").unwrap(),
            &Challenge::default(),
            t0,
        )
        .await
        .unwrap()
    else {
        panic!("roads exists")
    };
    let roader = Newcomer {
        telegram_id: TelegramId::new(ROADER),
        name: DisplayName::from_telegram("Rosa", None),
        username: None,
        language: None,
    };
    store
        .consent_and_join(&roader, &roads.member_code, CONSENT_VERSION, t0)
        .await
        .unwrap();
    store.pause(TelegramId::new(WATER[4]), t0).await.unwrap();
    store
        .mark_blocked(TelegramId::new(WATER[5]), t0)
        .await
        .unwrap();

    let at = |minutes: i64| t0 + Duration::minutes(minutes);
    let wells = send(&store, &water, outcome("Wells"), &[], at(10)).await;
    let c = |who, post, message, body: Option<&str>, media| NewComment {
        group: water.id,
        author: TelegramId::new(who),
        post: Some(post),
        chat_id: who,
        message_id: message,
        body: body.map(str::to_owned),
        media,
        unfiled: false,
    };
    let media = |kind, file: &str, secs| {
        Some(Media {
            kind,
            file_id: file.to_owned(),
            duration_secs: secs,
        })
    };
    let dry = add(
        &store,
        c(100, wells, 1, Some("The well is dry 100%"), None),
        at(20),
    )
    .await;
    let voice = add(
        &store,
        c(
            101,
            wells,
            2,
            None,
            media(MediaKind::Voice, "voice-file", Some(23)),
        ),
        at(21),
    )
    .await;
    let photo = add(
        &store,
        c(
            102,
            wells,
            3,
            Some("Look"),
            media(MediaKind::Photo, "photo-file", None),
        ),
        at(22),
    )
    .await;
    let quiet = add(
        &store,
        c(
            103,
            wells,
            4,
            Some("Quietly: <script>alert(1)</script>"),
            None,
        ),
        at(23),
    )
    .await;
    store
        .make_comment_anonymous(quiet, TelegramId::new(103))
        .await
        .unwrap();
    let rude = add(&store, c(100, wells, 5, Some("rude words"), None), at(24)).await;
    store.hide_comment(rude, AUTHOR, at(25)).await.unwrap();
    let mut waiting = c(101, wells, 6, Some("not filed yet"), None);
    waiting.post = None;
    waiting.unfiled = true;
    add(&store, waiting, at(26)).await;

    let tank = send(
        &store,
        &water,
        prototype("Tank", PrototypeStatus::Idea),
        &[],
        at(30),
    )
    .await;
    let on_tank = add(
        &store,
        c(101, tank, 7, Some("100 percent yes"), None),
        at(35),
    )
    .await;
    let pump = send(&store, &water, outcome("Pump fixed"), &[wells], at(60)).await;
    // A comment on Wells after the answer went out: not among what it answered.
    add(&store, c(102, wells, 8, Some("later"), None), at(65)).await;
    let tank_again = send(
        &store,
        &water,
        prototype("Tank", PrototypeStatus::Testing),
        &[],
        at(70),
    )
    .await;

    let key = RespondentKey::generate();
    let named_survey = survey(
        &store,
        &water,
        tank_again,
        "rating: Useful?\nchoice: Where? | School | Market\ntext: Why?",
        at(80),
    )
    .await;
    for (i, member) in WATER[..4].iter().enumerate() {
        let when = at(90) + Duration::days(i as i64 / 2);
        answer(
            &store,
            &key,
            named_survey,
            *member,
            0,
            Answer::Rating(i as u8 + 2),
            when,
        )
        .await;
        answer(
            &store,
            &key,
            named_survey,
            *member,
            1,
            Answer::Choice((i % 2) as u8),
            when,
        )
        .await;
        if i < 3 {
            answer(
                &store,
                &key,
                named_survey,
                *member,
                2,
                Answer::Text(format!("because {i}")),
                when,
            )
            .await;
        }
    }
    let anonymous_survey = survey(
        &store,
        &water,
        tank_again,
        "anonymous\nyesno: Honest?",
        at(100),
    )
    .await;
    for member in &WATER[..2] {
        answer(
            &store,
            &key,
            anonymous_survey,
            *member,
            0,
            Answer::YesNo(true),
            at(110),
        )
        .await;
    }

    let roads_post = send(&store, &roads, outcome("Potholes"), &[], at(10)).await;
    add(
        &store,
        NewComment {
            group: roads.id,
            author: TelegramId::new(ROADER),
            post: Some(roads_post),
            chat_id: ROADER,
            message_id: 1,
            body: Some("deep ones".into()),
            media: None,
            unfiled: false,
        },
        at(20),
    )
    .await;
    let roads_survey = survey(&store, &roads, roads_post, "yesno: Fix first?", at(30)).await;
    answer(
        &store,
        &key,
        roads_survey,
        ROADER,
        0,
        Answer::YesNo(false),
        at(40),
    )
    .await;

    // Everything queued went out.
    for due in store
        .due_deliveries(Utc::now() + Duration::days(1), &[], 10_000)
        .await
        .unwrap()
    {
        store.record_done(due.id, at(120)).await.unwrap();
    }
    World {
        store,
        water,
        roads,
        t0,
        wells,
        tank,
        tank_again,
        pump,
        roads_post,
        comments: Comments {
            dry,
            voice,
            photo,
            quiet,
            rude,
            on_tank,
        },
        named_survey,
        anonymous_survey,
        roads_survey,
        _dir: dir,
    }
}

fn outcome(title: &str) -> PostContent {
    PostContent::Outcome {
        title: PostTitle::parse(title).unwrap(),
        session_date: None,
        summary: Summary::parse("What we did.").unwrap(),
    }
}

fn prototype(title: &str, status: PrototypeStatus) -> PostContent {
    PostContent::Prototype {
        title: PostTitle::parse(title).unwrap(),
        category: Category::Community,
        status,
        summary: Summary::parse(&format!("A tank, now {}.", status.as_str())).unwrap(),
    }
}

/// Writes and sends a post that answers `answers`.
async fn send(
    store: &Store,
    group: &Group,
    content: PostContent,
    answers: &[PostId],
    at: DateTime<Utc>,
) -> PostId {
    let draft = store
        .create_draft(
            group.id,
            AUTHOR,
            None,
            &content,
            &RenderedPost::same_for_all(vec!["post".into()]),
            at,
        )
        .await
        .unwrap();
    store.set_post_answers(draft.id, answers).await.unwrap();
    store.confirm_post(&draft.key, at).await.unwrap();
    draft.id
}

async fn add(store: &Store, comment: NewComment, at: DateTime<Utc>) -> CommentId {
    match store.add_comment(&comment, at).await.unwrap() {
        AddComment::Added(id) => id,
        other => panic!("{other:?}"),
    }
}

async fn survey(
    store: &Store,
    group: &Group,
    post: PostId,
    body: &str,
    at: DateTime<Utc>,
) -> SurveyId {
    let spec = SurveySpec::parse("Tank survey", body).unwrap();
    let draft = store
        .create_survey_draft(
            &NewSurvey {
                group: group.id,
                post,
                author: AUTHOR,
                source: None,
                spec: &spec,
                closes_at: None,
                closes_after: None,
                rendered: &RenderedSurvey::default(),
            },
            at,
        )
        .await
        .unwrap();
    match store.confirm_survey(&draft.key, at).await.unwrap() {
        ConfirmedSurvey::Sent { survey, .. } => survey,
        other => panic!("{other:?}"),
    }
}

async fn answer(
    store: &Store,
    key: &RespondentKey,
    id: SurveyId,
    member: i64,
    position: u8,
    given: Answer,
    at: DateTime<Utc>,
) {
    let Answerable::Yes {
        survey,
        question,
        person,
        ..
    } = store
        .answerable(id, position, TelegramId::new(member), at)
        .await
        .unwrap()
    else {
        panic!("member {member} cannot answer question {position} of survey {id}")
    };
    let me = key.respondent(id, question.id, person, survey.anonymous);
    let who = Answering {
        survey: &survey,
        question: &question,
        person,
        respondent: &me,
    };
    store.save_answer(&who, &given, at).await.unwrap();
}
