//! The dashboard's sign-in and sessions (issue #21), through the real bot, its HTTP server and
//! the fake Telegram: `/web` sends a link; its page signs in only with a POST; the link works
//! once and for 10 minutes; a forged one never; sessions end with `/web logout`, the sign-out
//! button, a demotion, a removal and `/forget`; a facilitator sees only their groups.

use chrono::{TimeDelta, Utc};
use coloop_bot::config::OpsConfig;
use coloop_core::domain::{LanguageCode, WebToken};
use coloop_e2e::dashboard::{Browser, link_in, token_of};
use coloop_e2e::harness::{Options, TestApp};
use reqwest::StatusCode;

/// A bot with its HTTP server (polling mode) and a configured coordinator, Carla.
pub async fn spawn() -> (TestApp, i64) {
    let (app, carla) = TestApp::spawn_with(Options {
        configured_coordinator: Some("Carla"),
        ops: Some(OpsConfig {
            http_listen: Some("127.0.0.1:0".parse().unwrap()),
            ..OpsConfig::default()
        }),
        ..Options::default()
    })
    .await;
    (app, carla.expect("a coordinator"))
}

const SIGN_IN_FIRST: &str = "Send /web to coloop in your private chat";
const LINK_REFUSED: &str = "This sign-in link no longer works";

#[tokio::test]
async fn a_sign_in_link_is_used_by_its_button_once_within_ten_minutes() {
    let (app, carla_id) = spawn().await;
    let carla = app.person(carla_id);
    app.group("water-access", "Water access").await;
    let mut browser = Browser::new(&app.http_url());

    // No session: the sign-in page, for every page.
    for path in ["/web/", "/web/g/water-access"] {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(page.body.contains(SIGN_IN_FIRST), "{}", page.body);
    }

    let link = Browser::link_for(&carla).await;
    assert!(
        link.starts_with(&format!("{}/web/login?t=", app.http_url())),
        "{link}"
    );
    let token = token_of(&link);
    // Looking (a preview, a scanner) uses nothing up.
    for _ in 0..2 {
        let page = browser.get_url(&link).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains(r#"<form method="post" action="/web/login">"#)
        );
        assert!(page.body.contains(">Sign in</button>"), "{}", page.body);
        assert!(page.set_cookie().is_none());
        assert_eq!(page.headers["cache-control"], "no-store");
        assert!(
            page.headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("script-src 'self'")
        );
    }
    let signed = browser.post("/web/login", &[("t", &token)]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert_eq!(signed.headers["location"], "/web/");
    let cookie = signed.set_cookie().unwrap();
    for part in [
        "coloop_session=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/web",
        "Max-Age=43200",
    ] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http here: {cookie}");
    let overview = browser.get("/web/").await;
    assert_eq!(overview.status, StatusCode::OK, "{}", overview.body);
    assert!(overview.body.contains("Water access"));
    // A configured coordinator who never agreed to the consent text has no stored name.
    assert!(overview.body.contains("Signed in as Coordinator"));

    // Used: refused, to anyone.
    let mut other = Browser::new(&app.http_url());
    assert_eq!(other.get_url(&link).await.status, StatusCode::GONE);
    let again = other.post("/web/login", &[("t", &token)]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.body.contains(LINK_REFUSED));
    assert!(again.set_cookie().is_none());

    // Forged or malformed: refused.
    let forged = WebToken::generate();
    let page = other
        .get(&format!("/web/login?t={}", forged.expose()))
        .await;
    assert_eq!(page.status, StatusCode::GONE);
    let post = other.post("/web/login", &[("t", forged.expose())]).await;
    assert_eq!(post.status, StatusCode::GONE);
    for bad in ["", "abc", "<script>"] {
        let post = other.post("/web/login", &[("t", bad)]).await;
        assert_eq!(post.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert!(post.set_cookie().is_none());
    }
    assert_eq!(other.get("/web/").await.status, StatusCode::UNAUTHORIZED);

    // Expired: made 11 minutes ago (the store takes the clock).
    let en = LanguageCode::parse("en").unwrap();
    let old = app
        .store
        .issue_sign_in(
            carla.telegram_id(),
            &en,
            Utc::now() - TimeDelta::minutes(11),
        )
        .await
        .unwrap();
    let path = format!("/web/login?t={}", old.expose());
    assert_eq!(other.get(&path).await.status, StatusCode::GONE);
    let post = other.post("/web/login", &[("t", old.expose())]).await;
    assert_eq!(post.status, StatusCode::GONE);
    assert_eq!(other.get("/web/").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn web_says_when_there_is_no_http_server() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let answer = fede.says("/web").await.source_text.unwrap();
    assert!(
        answer.contains("<code>COLOOP_HTTP_LISTEN</code>"),
        "{answer}"
    );
    assert_eq!(link_in(&answer), None);
}

#[tokio::test]
async fn a_facilitator_sees_only_their_groups() {
    let (app, _) = spawn().await;
    let water = app.group("water-access", "Water access").await;
    app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let mut browser = Browser::signed_in(&app, &fede).await;
    let overview = browser.get("/web/").await;
    assert!(overview.body.contains("Signed in as Fede"));
    assert!(overview.body.contains("Water access"));
    assert!(!overview.body.contains("Housing"), "{}", overview.body);
    assert_eq!(
        browser.get("/web/g/water-access").await.status,
        StatusCode::OK
    );
    let theirs = browser.get("/web/g/housing").await;
    let nowhere = browser.get("/web/g/no-such-group").await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(
        theirs.body, nowhere.body,
        "not told apart from a missing group"
    );
}

#[tokio::test]
async fn sessions_end_with_logout_sign_out_demotion_removal_and_forget() {
    let (app, carla_id) = spawn().await;
    let carla = app.person(carla_id);
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.facilitator_of("Ana", &water).await;
    let olga = app.facilitator_of("Olga", &housing).await;

    // `/web logout`: every session of the person.
    let mut first = Browser::signed_in(&app, &fede).await;
    let mut second = Browser::signed_in(&app, &fede).await;
    fede.sends("/web logout");
    fede.expect_reply_containing("Signed out of the dashboard: 2 sessions ended.")
        .await;
    assert_eq!(first.get("/web/").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(second.get("/web/").await.status, StatusCode::UNAUTHORIZED);

    // The sign-out button: only with the form's CSRF token.
    let mut browser = Browser::signed_in(&app, &fede).await;
    let page = browser.get("/web/").await;
    let csrf = Browser::csrf_in(&page.body);
    let forged = browser.post("/web/logout", &[("csrf", "0123")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        browser.get("/web/").await.status,
        StatusCode::OK,
        "still in"
    );
    let out = browser.post("/web/logout", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(out.set_cookie().unwrap().contains("Max-Age=0"));
    assert!(out.body.contains("You are signed out"));
    let mut kept = Browser::signed_in(&app, &fede).await;
    assert_eq!(kept.get("/web/").await.status, StatusCode::OK);
    // The cookie of the ended session is refused.
    assert_eq!(browser.get("/web/").await.status, StatusCode::UNAUTHORIZED);

    // A demotion ends Fede's sessions, at once.
    let picker = carla.says("/demote water-access").await;
    carla.presses(&picker, "Fede").await;
    carla.edited_message(picker.message_id).await;
    assert_eq!(
        app.store
            .count_web_sessions(fede.telegram_id(), Utc::now())
            .await
            .unwrap(),
        0
    );
    assert_eq!(kept.get("/web/").await.status, StatusCode::UNAUTHORIZED);

    // A removal ends Ana's.
    let mut anas = Browser::signed_in(&app, &ana).await;
    let confirm = carla.says("/remove water-access Ana").await;
    carla.presses(&confirm, "Remove").await;
    carla.edited_message(confirm.message_id).await;
    assert_eq!(anas.get("/web/").await.status, StatusCode::UNAUTHORIZED);

    // /forget ends Olga's.
    let mut olgas = Browser::signed_in(&app, &olga).await;
    assert_eq!(olgas.get("/web/g/housing").await.status, StatusCode::OK);
    let question = olga.says("/forget").await;
    olga.presses(&question, "Yes").await;
    olga.edited_message(question.message_id).await;
    assert_eq!(
        olgas.get("/web/g/housing").await.status,
        StatusCode::UNAUTHORIZED
    );

    // The coordinator's own session is untouched.
    let mut carlas = Browser::signed_in(&app, &carla).await;
    assert_eq!(carlas.get("/web/g/housing").await.status, StatusCode::OK);
}

#[tokio::test]
async fn behind_https_the_link_is_public_and_the_cookie_secure() {
    let (app, _) = TestApp::spawn_with(Options {
        ops: Some(OpsConfig {
            http_listen: Some("127.0.0.1:0".parse().unwrap()),
            public_url: Some("https://coloop.example.org".parse().unwrap()),
            ..OpsConfig::default()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let link = Browser::link_for(&fede).await;
    assert!(
        link.starts_with("https://coloop.example.org/web/login?t="),
        "{link}"
    );
    // The reverse proxy forwards to the local server.
    let mut browser = Browser::new(&app.http_url());
    let signed = browser.post("/web/login", &[("t", &token_of(&link))]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert!(signed.set_cookie().unwrap().contains("; Secure"));
}

#[tokio::test]
async fn the_pages_speak_the_persons_language() {
    let (app, _) = spawn().await;
    let water = app.group("water-access", "Agua").await;
    let fede = app.facilitator_of("Fede", &water).await;
    // As `/language` stores it.
    let es = LanguageCode::parse("es").unwrap();
    app.store
        .set_language(fede.telegram_id(), &es)
        .await
        .unwrap();
    let link = Browser::link_for(&fede).await;
    let mut browser = Browser::new(&app.http_url());
    let sign_in = browser.get_url(&link).await;
    assert!(
        sign_in.body.contains("<html lang=\"es\">"),
        "{}",
        sign_in.body
    );
    assert!(sign_in.body.contains(">Entrar</button>"));
    let signed = browser.post("/web/login", &[("t", &token_of(&link))]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let overview = browser.get("/web/").await;
    assert!(
        overview.body.contains("<html lang=\"es\">"),
        "{}",
        overview.body
    );
    assert!(overview.body.contains("Resumen") && overview.body.contains("Has entrado como Fede"));
    let page = browser.get("/web/g/water-access").await;
    assert!(page.body.contains("Reto") && page.body.contains("Últimos 30 días"));
    let missing = browser.get("/web/g/nothing-here").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Página no encontrada"));
}
