//! The group, survey and prototype pages.

use chrono::{Duration, Utc};
use coloop_core::dashboard::{GroupPage, PrototypePage, SurveyPage, TimelineEntry, Window};
use coloop_core::digest::{Digest, bar_label};
use coloop_core::domain::{GroupId, MediaKind, PostKind, PrototypeId, PrototypeStatus, SurveyId};

use crate::world::{World, world};

async fn tank_id(w: &World) -> PrototypeId {
    let page = GroupPage::build(&w.store, w.water.id, Window::All, Utc::now())
        .await
        .unwrap()
        .unwrap();
    page.prototypes[0].row.id
}

#[tokio::test]
async fn a_group_page_has_its_timeline_prototypes_delivery_and_what_it_answered() {
    let w = world().await;
    let now = w.t0 + Duration::days(3);
    let page = GroupPage::build(&w.store, w.water.id, Window::Month, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.group.slug, w.water.slug);
    let steps: Vec<String> = page
        .timeline
        .iter()
        .map(|e| match e {
            TimelineEntry::Post(p) => format!("{} {}", p.kind.as_str(), p.title),
            TimelineEntry::Survey(s) => format!("survey {}", s.id),
        })
        .collect();
    assert_eq!(
        steps,
        [
            format!("survey {}", w.anonymous_survey),
            format!("survey {}", w.named_survey),
            "prototype Tank".into(),
            "outcome Pump fixed".into(),
            "prototype Tank".into(),
            "outcome Wells".into(),
        ],
        "newest first"
    );
    let wells = page.posts.iter().find(|p| p.id == w.wells.get()).unwrap();
    assert_eq!(
        (wells.sent, wells.pending, wells.comments),
        (4, 0, 5),
        "delivered to the four active members; its visible comments"
    );

    assert_eq!(page.prototypes.len(), 1);
    let tank = &page.prototypes[0];
    assert_eq!(
        (tank.row.title.as_str(), tank.row.status),
        ("Tank", PrototypeStatus::Testing)
    );
    let history: Vec<_> = tank.history.iter().map(|h| (h.post_id, h.status)).collect();
    assert_eq!(
        history,
        [
            (w.tank, Some(PrototypeStatus::Idea)),
            (w.tank_again, Some(PrototypeStatus::Testing))
        ]
    );

    assert_eq!(page.you_said_we_did.len(), 1);
    let pump = &page.you_said_we_did[0];
    assert_eq!((pump.post_id, pump.kind), (w.pump, PostKind::Outcome));
    assert_eq!(pump.answered.len(), 1);
    let answered = &pump.answered[0];
    assert_eq!(
        (answered.post_id, answered.title.as_str()),
        (w.wells, "Wells")
    );
    assert_eq!(
        answered.comment_count, 4,
        "the visible comments Wells had when the pump went out (not the later one, not the hidden one)"
    );
    let ids: Vec<_> = answered.comments.iter().map(|c| c.id).collect();
    let c = &w.comments;
    assert_eq!(ids, [c.quiet, c.photo, c.voice, c.dry], "newest first");
    assert_eq!(answered.comments[0].author, None, "anonymous");
    assert_eq!(answered.comments[2].media_kind, Some(MediaKind::Voice));
    assert_eq!(
        pump.told, 4,
        "the four active members who commented on Wells (one anonymously) got the personal note"
    );

    // Another window: only what happened in it; an unknown group: none.
    let later = GroupPage::build(&w.store, w.water.id, Window::Week, now + Duration::days(20))
        .await
        .unwrap()
        .unwrap();
    assert!(later.posts.is_empty() && later.you_said_we_did.is_empty());
    assert!(
        later
            .timeline
            .iter()
            .all(|e| matches!(e, TimelineEntry::Survey(_))),
        "the surveys are still open in that week (as in the digest)"
    );
    assert_eq!(later.timeline.len(), 2);
    assert_eq!(later.prototypes.len(), 1, "prototypes are of all time");
    assert!(
        GroupPage::build(&w.store, GroupId::new(999), Window::All, now)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_survey_page_shows_the_digests_numbers_and_nothing_of_another_group() {
    let w = world().await;
    let now = Utc::now() + Duration::hours(2);
    let page = SurveyPage::build(&w.store, w.water.id, w.named_survey, now)
        .await
        .unwrap()
        .unwrap();
    let digest = Digest::build(&w.store, Some(&w.water.slug), 30, now)
        .await
        .unwrap();
    for id in [w.named_survey, w.anonymous_survey] {
        let page = SurveyPage::build(&w.store, w.water.id, id, now)
            .await
            .unwrap()
            .unwrap();
        let chat = digest.surveys.iter().find(|s| s.survey.id == id).unwrap();
        assert_eq!(page.survey.survey, chat.survey);
        assert_eq!(page.survey.questions.len(), chat.questions.len());
        for (web, chat) in page.survey.questions.iter().zip(&chat.questions) {
            assert_eq!(
                (&web.line, web.response_rate, &web.bars, web.withheld),
                (&chat.line, chat.response_rate, &chat.bars, chat.withheld)
            );
            assert_eq!(
                web.samples, chat.samples,
                "up to 5 text answers: all of them"
            );
        }
    }
    let questions = &page.survey.questions;
    assert_eq!(questions[0].line.answers, 4);
    assert_eq!(questions[2].samples.len(), 3, "every text answer");

    let anonymous = SurveyPage::build(&w.store, w.water.id, w.anonymous_survey, now)
        .await
        .unwrap()
        .unwrap();
    assert!(
        anonymous.survey.questions[0].withheld,
        "2 answers, fewer than 5"
    );
    assert!(
        anonymous.charts(bar_label).unwrap().is_empty(),
        "no chart of a withheld question"
    );
    assert_eq!(anonymous.anonymous_min_answers, 5);

    // Response over time: two named members answered the first day, two the next.
    let days: Vec<(i64, f64)> = page.days.iter().map(|d| (d.respondents, d.rate)).collect();
    let reached = page.survey.survey.delivered as f64;
    assert_eq!(days, [(2, 2.0 / reached), (4, 4.0 / reached)]);
    assert_eq!(page.days[1].day - page.days[0].day, Duration::days(1));

    // Charts: the rating and the choice question, each an SVG panel with its rows as text.
    let charts = page.charts(bar_label).unwrap();
    assert_eq!(charts.iter().map(|c| c.number).collect::<Vec<_>>(), [1, 2]);
    let rating = &charts[0];
    assert!(rating.svg.starts_with("<svg") && rating.svg.contains("Useful?"));
    assert_eq!(rating.total, 4);
    let rows: Vec<(&str, u64, &str)> = rating
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.count, r.value.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("1 ★", 0, "0 (0%)"),
            ("2 ★", 1, "1 (25%)"),
            ("3 ★", 1, "1 (25%)"),
            ("4 ★", 1, "1 (25%)"),
            ("5 ★", 1, "1 (25%)"),
        ]
    );
    for row in &rating.rows {
        assert!(
            rating.svg.contains(&format!(">\n{}\n<", row.value)),
            "{}",
            row.value
        );
    }

    // Another group's survey, or none: not found.
    for (group, survey) in [
        (w.roads.id, w.named_survey),
        (w.water.id, w.roads_survey),
        (w.water.id, SurveyId::new(999)),
    ] {
        assert!(
            SurveyPage::build(&w.store, group, survey, now)
                .await
                .unwrap()
                .is_none(),
            "{survey}"
        );
    }
}

#[tokio::test]
async fn a_prototype_page_has_its_history_comments_and_surveys() {
    let w = world().await;
    let now = Utc::now() + Duration::hours(2);
    let tank = tank_id(&w).await;
    let page = PrototypePage::build(&w.store, w.water.id, tank, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.prototype.row.id, tank);
    assert_eq!(page.prototype.history.len(), 2);
    assert_eq!(
        page.comments.iter().map(|c| c.id).collect::<Vec<_>>(),
        [w.comments.on_tank],
        "the comments on its posts, not on others"
    );
    let surveys: Vec<SurveyId> = page.surveys.iter().map(|s| s.survey.id).collect();
    assert_eq!(
        surveys,
        [w.anonymous_survey, w.named_survey],
        "newest first"
    );
    assert!(page.surveys[0].questions[0].withheld);
    assert_eq!(page.surveys[1].questions[0].line.answers, 4);

    assert!(
        PrototypePage::build(&w.store, w.roads.id, tank, now)
            .await
            .unwrap()
            .is_none(),
        "not in roads"
    );
    assert!(
        PrototypePage::build(&w.store, w.water.id, PrototypeId::new(999), now)
            .await
            .unwrap()
            .is_none()
    );
}
