//! The dashboard in a real browser (issue #21): headless Chromium, driven over WebDriver, signs
//! the sandbox's coordinator in through the link `/web` sends (its page, its button), opens the
//! overview, a group, a survey (its SVG chart is there) and the comments filtered by kind, and
//! a prototype and the export, then pages at a phone's width. On every page axe-core (from npm, `tests/web-check`) checks
//! WCAG 2.2 A and AA: any serious or critical violation fails the test. Screenshots are kept
//! under `target/screenshots/dashboard/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use coloop_e2e::sandbox::SandboxProcess;
use coloop_e2e::webdriver::Browser;
use serde_json::{Value, json};

const ENTER: &str = "\u{E007}";

/// axe-core's script, installed by `npm ci` in `tests/web-check` (run here when missing, as
/// `.ci/run` does): a failure to get it fails the test.
fn axe_source() -> String {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("web-check");
    let script: PathBuf = folder.join("node_modules/axe-core/axe.min.js");
    if !script.is_file() {
        let status = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&folder)
            .status()
            .unwrap_or_else(|e| panic!("npm is needed for axe-core (tests/web-check): {e}"));
        assert!(status.success(), "`npm ci` in tests/web-check failed");
    }
    std::fs::read_to_string(&script).unwrap_or_else(|e| panic!("{}: {e}", script.display()))
}

/// Injects axe-core into the page shown and runs it (WCAG 2.0, 2.1 and 2.2, A and AA); panics
/// with the serious and critical violations, if any.
async fn accessible(browser: &Browser, axe: &str, page: &str) {
    browser
        .execute(&format!("{axe}\n;return true;"), vec![])
        .await;
    let result = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, { runOnly: { type: 'tag', values: \
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })\
               .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => \
                  ({ id: v.id, impact: v.impact, help: v.help, \
                     nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })) }))\
               .catch(e => done({ passes: 0, violations: \
                  [{ id: 'axe-failed', impact: 'critical', help: String(e) }] }));",
            vec![],
        )
        .await;
    assert!(
        result["passes"].as_u64().unwrap_or(0) > 5,
        "{page}: axe checked (almost) nothing: {result}"
    );
    let grave: Vec<&Value> = result["violations"]
        .as_array()
        .expect("axe's violations")
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    assert!(
        grave.is_empty(),
        "{page}: serious or critical accessibility violations: {grave:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_and_reading_the_dashboard_in_a_real_browser() {
    let axe = axe_source();
    let sandbox = SandboxProcess::start(&["--demo"]);
    sandbox.wait_for_line("the demo is ready", Duration::from_secs(90));
    let browser = Browser::start("dashboard").await;

    // The coordinator asks for a sign-in link in the sandbox's chat, as on a phone.
    browser.goto(&sandbox.url).await;
    browser.wait_for_text(".message.bot", "Water access").await;
    let text = browser.wait_for("#text").await;
    browser.type_into(&text, &format!("/web{ENTER}")).await;
    let link = browser
        .wait_until(
            "the sign-in link",
            "const a = [...document.querySelectorAll('.message.bot a')]\
                .find(a => a.href.includes('/web/login?t='));\
             return a ? a.href : null;",
            vec![],
        )
        .await;
    let link = link.as_str().unwrap().to_owned();
    assert!(
        link.starts_with(&format!("{}/web/login?t=", sandbox.url)),
        "{link}"
    );

    // The link's page; its button signs in.
    browser.goto(&link).await;
    let sign_in = browser.wait_for_text("button.primary", "Sign in").await;
    accessible(&browser, &axe, "the sign-in page").await;
    browser.screenshot("01-sign-in").await;
    browser.click(&sign_in).await;
    browser.wait_for_text("h1", "Overview").await;
    browser.wait_for_text("table th a", "Water access").await;
    accessible(&browser, &axe, "the overview").await;
    browser.screenshot("02-overview").await;

    // A group, through the overview's table.
    let group = browser.wait_for_text("table th a", "Water access").await;
    browser.click(&group).await;
    browser.wait_for_text("h1", "Water access").await;
    browser.wait_for_text("h2", "Timeline").await;
    accessible(&browser, &axe, "the group").await;
    browser.screenshot("03-group").await;

    // A prototype of it.
    let prototype = browser.wait_for("a[href*='/p/']").await;
    browser.click(&prototype).await;
    browser.wait_for_text("h2", "Status history").await;
    accessible(&browser, &axe, "a prototype").await;
    browser.screenshot("04-prototype").await;

    // A survey: its chart is an SVG in the page, with its table.
    browser
        .goto(&format!("{}/web/g/water-access?window=all", sandbox.url))
        .await;
    let survey = browser.wait_for("a[href*='/s/']").await;
    browser.click(&survey).await;
    browser.wait_for("figure.chart svg").await;
    let bars = browser
        .wait_until(
            "the chart's bars",
            "const svg = document.querySelector('figure.chart svg');\
             return svg && svg.querySelectorAll('rect').length > 1 ? svg.querySelectorAll('rect').length : null;",
            vec![],
        )
        .await;
    assert!(bars.as_u64().unwrap_or(0) > 1, "bars drawn: {bars}");
    browser
        .wait_for("figure.chart figcaption table th[scope='row']")
        .await;
    accessible(&browser, &axe, "a survey").await;
    browser.screenshot("05-survey").await;

    // The comments, filtered by kind with the form.
    let comments = browser.wait_for_text("nav.sub a", "Comments").await;
    browser.click(&comments).await;
    browser.wait_for("form.filters").await;
    browser
        .execute(
            "document.getElementById('kind').value = 'voice'; return true;",
            vec![json!(null)],
        )
        .await;
    let filter = browser.wait_for_text("form.filters button", "Filter").await;
    browser.click(&filter).await;
    browser
        .wait_until(
            "the comments of one kind",
            "return location.search.includes('kind=voice') \
                && document.querySelectorAll('article.comment').length > 0;",
            vec![],
        )
        .await;
    let kinds = browser
        .execute(
            "return [...document.querySelectorAll('article.comment')]\
                .every(a => a.textContent.includes('[voice'));",
            vec![],
        )
        .await;
    assert_eq!(kinds, json!(true), "only voice notes");
    assert!(browser.url().await.contains("kind=voice"));
    accessible(&browser, &axe, "the comments").await;
    browser.screenshot("06-comments-by-kind").await;

    // The export, laid out for print.
    let export = browser.wait_for_text("nav.sub a", "Export").await;
    browser.click(&export).await;
    browser.wait_for_text("a[download]", "CSV").await;
    accessible(&browser, &axe, "the export").await;
    let shot = browser.screenshot("07-export").await;
    assert!(std::fs::metadata(shot).unwrap().len() > 10_000);

    // On a phone: no page is wider than the screen (wide tables scroll inside themselves).
    browser.resize(390, 844).await;
    for (path, name) in [
        ("/web/?window=all", "08-phone-overview"),
        ("/web/g/water-access?window=all", "09-phone-group"),
        ("/web/g/water-access/comments", "10-phone-comments"),
    ] {
        browser.goto(&format!("{}{path}", sandbox.url)).await;
        browser.wait_for("main h1").await;
        let fits = browser
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
                vec![],
            )
            .await;
        assert_eq!(fits, json!(true), "{path} is wider than a phone's screen");
        accessible(&browser, &axe, path).await;
        browser.screenshot(name).await;
    }
    assert!(sandbox.stop(), "the sandbox stops cleanly");
}
