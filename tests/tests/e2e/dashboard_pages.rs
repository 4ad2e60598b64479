//! The dashboard's pages (issue #21) over a world made through the real bot: every page of a
//! group answers, escapes what people typed (a comment `<script>…`), shows a survey's chart as
//! SVG with its table; a facilitator of one group gets 404 for every page and item of another;
//! hiding a comment needs the form's CSRF token; the CSV downloads are `/export`'s.

use coloop_core::domain::{PrototypeId, SurveyId};
use coloop_core::store::Group;
use coloop_e2e::dashboard::{Answer, Browser};
use coloop_e2e::fake_api::Content;
use coloop_e2e::harness::{PATIENCE, Person, TestApp};
use reqwest::StatusCode;

use crate::dashboard::spawn;
use crate::surveys::{outcome_sent, survey_sent};

const SCRIPT: &str = "<script>alert(1)</script>";
const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;";

/// What one group of the world holds.
struct Made {
    prototype: PrototypeId,
    survey: SurveyId,
}

/// In `group`, `facilitator` sends a prototype `member` comments on (with a script tag), and a
/// survey `member` answers.
async fn made(app: &TestApp, group: &Group, facilitator: &Person<'_>, member: &Person<'_>) -> Made {
    let slug = group.slug.as_str();
    let (_, control) = facilitator
        .previews(
            &format!("/prototype {slug} sme Tank <loans>\nLoans for <b>tanks</b> & pipes."),
            1,
        )
        .await;
    facilitator.presses(&control, "Send").await;
    facilitator.edited_message(control.message_id).await;
    let post = member.expect_reply_containing("Tank &lt;loans&gt;").await;
    member.replies_to(&post, SCRIPT);
    member.next_reply().await;
    let survey = survey_sent(
        facilitator,
        &format!("/survey {slug} Tanks <now>\nyesno: Build <them>?"),
    )
    .await;
    let question = member.expect_reply_containing("Build &lt;them&gt;?").await;
    member.presses(&question, "Yes").await;
    member.edited_message(question.message_id).await;
    app.outbox_drained(PATIENCE).await;
    let prototype = app
        .store
        .prototypes(group.id, None)
        .await
        .unwrap()
        .pop()
        .expect("a prototype")
        .id;
    Made { prototype, survey }
}

/// Every page of a group, and its items'.
fn pages(slug: &str, made: &Made) -> Vec<String> {
    vec![
        format!("/web/g/{slug}"),
        format!("/web/g/{slug}?window=7"),
        format!("/web/g/{slug}/comments"),
        format!("/web/g/{slug}/comments?kind=text&hidden=any&q=alert"),
        format!("/web/g/{slug}/export?window=all"),
        format!("/web/g/{slug}/p/{}", made.prototype),
        format!("/web/g/{slug}/s/{}", made.survey),
    ]
}

fn ok(page: &Answer, path: &str) {
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    assert!(!page.body.contains(SCRIPT), "{path} shows a raw script tag");
    assert!(!page.body.contains("<b>tanks</b>"), "{path} shows raw HTML");
}

#[tokio::test]
async fn every_page_answers_escapes_and_keeps_to_its_group() {
    let (app, carla_id) = spawn().await;
    let carla = app.person(carla_id);
    let water = app.group("water-access", "Water <access>").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let mia = app.member_of("Mia", &water).await;
    let olga = app.facilitator_of("Olga", &housing).await;
    let hugo = app.member_of("Hugo", &housing).await;
    let in_water = made(&app, &water, &fede, &mia).await;
    let in_housing = made(&app, &housing, &olga, &hugo).await;

    // The coordinator: every page of every group, escaped.
    let mut coordinator = Browser::signed_in(&app, &carla).await;
    let overview = coordinator.get("/web/?window=all").await;
    ok(&overview, "/web/");
    assert!(overview.body.contains("Water &lt;access&gt;"));
    assert!(overview.body.contains("Housing"));
    for path in pages("water-access", &in_water)
        .into_iter()
        .chain(pages("housing", &in_housing))
    {
        let page = coordinator.get(&path).await;
        ok(&page, &path);
    }
    for path in [
        "/web/g/water-access/comments".to_owned(),
        format!("/web/g/water-access/p/{}", in_water.prototype),
    ] {
        let page = coordinator.get(&path).await;
        assert!(page.body.contains(ESCAPED), "{path}: {}", page.body);
    }
    let survey = coordinator
        .get(&format!("/web/g/water-access/s/{}", in_water.survey))
        .await;
    assert!(survey.body.contains("<svg"), "a chart: {}", survey.body);
    assert!(survey.body.contains("Build &lt;them&gt;?"));
    assert!(
        survey.body.contains("<th scope=\"row\">Yes</th>"),
        "its table"
    );
    let voice = coordinator
        .get("/web/g/water-access/comments?kind=voice")
        .await;
    assert!(
        !voice.body.contains(ESCAPED),
        "a text comment is no voice note"
    );
    let csv = coordinator
        .get("/web/g/water-access/export/comments.csv")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.body.contains(SCRIPT),
        "the CSV holds the text as written"
    );
    assert!(!csv.body.contains("Housing"));

    // Fede, of water-access: nothing of housing, under either slug; no CSV (as in the chat).
    let mut facilitator = Browser::signed_in(&app, &fede).await;
    for path in pages("water-access", &in_water) {
        ok(&facilitator.get(&path).await, &path);
    }
    let missing = facilitator.get("/web/g/no-such-group").await;
    let mut theirs = pages("housing", &in_housing);
    theirs.extend([
        "/web/g/housing/export/comments.csv".to_owned(),
        format!("/web/g/water-access/p/{}", in_housing.prototype),
        format!("/web/g/water-access/s/{}", in_housing.survey),
        "/web/g/water-access/export/comments.csv".to_owned(),
        "/web/g/water-access/p/999999".to_owned(),
        "/web/g/water-access/s/not-a-number".to_owned(),
    ]);
    for path in theirs {
        let page = facilitator.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            page.body, missing.body,
            "{path} tells more than a missing page"
        );
    }
    let csrf = Browser::csrf_in(&facilitator.get("/web/").await.body);
    let housing_comment = app.store.list_comments(housing.id, None, 1).await.unwrap()[0].id;
    for path in [
        format!("/web/g/housing/comments/{housing_comment}/hide"),
        format!("/web/g/water-access/comments/{housing_comment}/hide"),
    ] {
        let refused = facilitator.post(&path, &[("csrf", &csrf)]).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        app.store
            .list_comments(housing.id, None, 5)
            .await
            .unwrap()
            .len(),
        1,
        "still visible"
    );
}

#[tokio::test]
async fn hiding_a_comment_takes_the_forms_csrf_token() {
    let (app, _) = spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let mia = app.member_of("Mia", &water).await;
    made(&app, &water, &fede, &mia).await;
    let comment = app.store.list_comments(water.id, None, 1).await.unwrap()[0].id;
    let mut browser = Browser::signed_in(&app, &fede).await;
    let page = browser.get("/web/g/water-access/comments").await;
    let action = format!("/web/g/water-access/comments/{comment}/hide");
    assert!(
        page.body.contains(&format!("action=\"{action}\"")),
        "{}",
        page.body
    );
    let csrf = Browser::csrf_in(&page.body);

    for forged in [vec![], vec![("csrf", "0".repeat(64))]] {
        let form: Vec<(&str, &str)> = forged.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = browser.post(&action, &form).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.body.contains("This form has expired"));
    }
    // Another browser's token (another session) is no better.
    let mut other = Browser::signed_in(&app, &fede).await;
    let theirs = Browser::csrf_in(&other.get("/web/").await.body);
    assert_ne!(theirs, csrf);
    assert_eq!(
        browser.post(&action, &[("csrf", &theirs)]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.store
            .list_comments(water.id, None, 5)
            .await
            .unwrap()
            .len(),
        1
    );

    let hidden = browser.post(&action, &[("csrf", &csrf)]).await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert!(
        app.store
            .list_comments(water.id, None, 5)
            .await
            .unwrap()
            .is_empty()
    );
    let listed = browser.get("/web/g/water-access/comments").await;
    assert!(!listed.body.contains(ESCAPED), "hidden from the list");
    let all = browser.get("/web/g/water-access/comments?hidden=any").await;
    assert!(all.body.contains(ESCAPED) && all.body.contains("<strong>Hidden</strong>"));
    // Recorded like /hide.
    fede.sends("/audit water-access");
    fede.expect_reply_containing(&format!("#{comment}")).await;
}

#[tokio::test]
async fn a_comments_voice_note_plays_and_its_photo_shows_for_the_group_only() {
    let (app, _) = spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let olga = app.facilitator_of("Olga", &housing).await;
    let mia = app.member_of("Mia", &water).await;
    outcome_sent(&app, &fede, &[&mia]).await;
    let post = app.tg.messages_in(mia.id).pop().expect("the outcome");
    let photo = vec![0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9];
    for content in [
        Content::made_up_voice(5),
        Content::Photo {
            bytes: photo.clone(),
            caption: Some("The <well>".into()),
        },
    ] {
        app.tg
            .try_send(mia.id, mia.id, Some(post.message_id), content)
            .unwrap();
        mia.next_reply().await;
    }
    let comments = app.store.list_comments(water.id, None, 5).await.unwrap();
    let (photo_id, voice_id) = (comments[0].id, comments[1].id);

    let mut browser = Browser::signed_in(&app, &fede).await;
    let page = browser.get("/web/g/water-access/comments").await;
    let voice_src = format!("/web/g/water-access/media/{voice_id}");
    let photo_src = format!("/web/g/water-access/media/{photo_id}");
    assert!(
        page.body.contains(&format!(
            "<audio controls preload=\"none\" src=\"{voice_src}\""
        )),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("src=\"{photo_src}\" alt=\"The &lt;well&gt;\""))
    );
    let voice = browser.get(&voice_src).await;
    assert_eq!(voice.status, StatusCode::OK);
    assert_eq!(voice.headers["content-type"], "audio/ogg");
    assert!(voice.body.starts_with("OggS"), "the voice note's bytes");
    let shown = browser.get(&photo_src).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.headers["content-type"], "image/jpeg");

    // Another group's facilitator, and a text comment: nothing.
    let mut other = Browser::signed_in(&app, &olga).await;
    assert_eq!(other.get(&voice_src).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other
            .get(&format!("/web/g/housing/media/{voice_id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    mia.replies_to(&post, "Only words");
    mia.next_reply().await;
    let text = app.store.list_comments(water.id, None, 1).await.unwrap()[0].id;
    let none = browser
        .get(&format!("/web/g/water-access/media/{text}"))
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}
