//! The sandbox's page in a real browser (issue #14): headless Chromium, driven over WebDriver,
//! plays the feedback loop on the demo's working group — a newcomer added on the page joins by
//! pressing the invite link the coordinator shared in a group chat; the facilitator sends an
//! outcome from its preview; a member sees it, replies to it (a text, then a photo from the file
//! picker) and answers a survey question; the coordinator runs /digest and sees its chart load.
//! A screenshot of each step is kept under `target/screenshots/sandbox/`.

use std::time::Duration;

use coloop_e2e::sandbox::SandboxProcess;
use coloop_e2e::webdriver::Browser;
use serde_json::json;

/// Shift held for one Enter: a new line in the message, not a send.
const NEW_LINE: &str = "\u{E008}\u{E007}\u{E000}";
const ENTER: &str = "\u{E007}";

/// A valid 1×1 PNG (what the file picker sends as a photo).
const ONE_PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// How many of the bot's messages the open chat shows.
const BOT_MESSAGES: &str = "return document.querySelectorAll('.message.bot').length;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feedback_loop_in_a_real_browser() {
    let sandbox = SandboxProcess::start(&["--demo"]);
    sandbox.wait_for_line("the demo is ready", Duration::from_secs(90));
    let browser = Browser::start("sandbox").await;
    browser.goto(&sandbox.url).await;
    browser.wait_for_text(".banner", "Telegram").await;
    browser.wait_for_text(".message.bot", "Water access").await;
    browser.screenshot("01-coordinator").await;

    // A newcomer joins as on a phone: the coordinator shares the member invite link in a group
    // chat, a new person (Telegram in Spanish) presses it there and agrees to the consent text.
    let link = browser
        .wait_until(
            "the member invite link",
            "const a = [...document.querySelectorAll('.message.bot a')]\
                .find(a => a.href.includes('?start='));\
             return a ? a.href : null;",
            vec![],
        )
        .await;
    let link = link.as_str().unwrap().to_owned();
    let title = browser.wait_for("#group-title").await;
    browser
        .type_into(&title, &format!("Barrio Norte{ENTER}"))
        .await;
    browser.wait_for_text(".tab.current", "Barrio Norte").await;
    let text = browser.wait_for("#text").await;
    browser
        .type_into(&text, &format!("Join us: {link}{ENTER}"))
        .await;
    browser.wait_for_text(".message.mine", "Join us").await;
    let name = browser.wait_for("#person-name").await;
    browser.type_into(&name, "Zoe").await;
    let language = browser.wait_for("#person-language").await;
    browser.type_into(&language, &format!("es{ENTER}")).await;
    browser.wait_for_text(".person.current", "Zoe").await;
    let group_chat = browser.wait_for_text(".tab", "Barrio Norte").await;
    browser.click(&group_chat).await;
    let shared = browser.wait_for_text(".message.other a", "?start=").await;
    browser.click(&shared).await;
    browser
        .wait_for_text(".tab.current", "coloop_sandbox_bot")
        .await;
    let agree = browser.wait_for_text("button.inline", "✅").await;
    browser.click(&agree).await;
    // The consent text, then the welcome to the group.
    browser
        .wait_until(
            "the welcome to the group",
            "return document.querySelectorAll('.message.bot').length >= 2;",
            vec![],
        )
        .await;
    browser.wait_for_text(".message.bot", "Water access").await;
    browser.screenshot("02-newcomer-joins-by-the-link").await;

    // The facilitator (Telegram in Spanish) writes an outcome and sends it from its preview.
    let marta = browser.wait_for_text("#people .person", "Marta").await;
    browser.click(&marta).await;
    browser
        .wait_for_text(".tab.current", "coloop_sandbox_bot")
        .await;
    browser
        .wait_for_text(".message.bot", "Mapping the wells")
        .await;
    let text = browser.wait_for("#text").await;
    browser
        .type_into(
            &text,
            &format!(
                "/outcome water-access Well 7 works again{NEW_LINE}The pump was replaced on \
                 Saturday; the water was tested <b>and</b> is safe.{ENTER}"
            ),
        )
        .await;
    // The preview, exactly as members will get it, then Send / Cancel under it.
    browser
        .wait_for_text(".message.bot", "Well 7 works again")
        .await;
    let send = browser.wait_for_text("button.inline", "📤").await;
    browser.screenshot("03-facilitator-preview").await;
    browser.click(&send).await;

    // A member sees the post, replies to it and answers the survey's question waiting for him.
    let gus = browser.wait_for_text("#people .person", "Gus").await;
    browser.click(&gus).await;
    let post = browser
        .wait_for_text(".message.bot", "Well 7 works again")
        .await;
    // What the facilitator typed is shown as text, never as markup.
    browser
        .wait_until(
            "the typed <b> shown as text",
            "return [...document.querySelectorAll('.message.bot')].some(m => \
                m.textContent.includes('<b>and</b>')) && !document.querySelector('.message b b');",
            vec![],
        )
        .await;
    browser.screenshot("04-member-sees-the-post").await;
    let reply = browser
        .wait_for_text_in(&post, "button.reply", "Reply")
        .await;
    browser.click(&reply).await;
    browser.wait_for_text("#replying", "Well 7").await;
    let text = browser.wait_for("#text").await;
    browser
        .type_into(
            &text,
            &format!("Thank you! Well 7 is the closest to our street.{ENTER}"),
        )
        .await;
    browser
        .wait_for_text(".message.mine .quote", "Well 7 works again")
        .await;
    browser.wait_for_text(".message.bot", "🙏").await;
    // A photo as a comment on the same post, from the file picker.
    let folder = tempfile::tempdir().unwrap();
    let photo = folder.path().join("well-7.png");
    std::fs::write(&photo, ONE_PIXEL_PNG).unwrap();
    let reply = browser
        .wait_for_text_in(&post, "button.reply", "Reply")
        .await;
    browser.click(&reply).await;
    let picker = browser.wait_for("#file").await;
    browser.choose_file(&picker, &photo).await;
    browser
        .wait_until(
            "the photo comment, shown as a reply",
            "return [...document.querySelectorAll('.message.mine')].some(m => \
                m.querySelector('.quote') && m.querySelector('img.photo') && \
                m.querySelector('img.photo').naturalWidth > 0);",
            vec![],
        )
        .await;
    browser.screenshot("05-member-replies").await;

    let question = browser
        .wait_for_text(".message.bot", "Where should the first one go?")
        .await;
    let market = browser
        .wait_for_text_in(&question, "button.inline", "Market")
        .await;
    let before = browser.execute(BOT_MESSAGES, vec![]).await;
    browser.click(&market).await;
    browser
        .wait_until(
            "the survey's thanks",
            &format!("return document.querySelectorAll('.message.bot').length > {before};"),
            vec![],
        )
        .await;
    browser.wait_for_text(".message.bot", "Thank you").await;
    browser.screenshot("06-member-answers-the-survey").await;

    // The coordinator runs /digest: the text, then the survey's chart, which loads.
    let coordinator = browser
        .wait_for_text("#people .person", "Coordinator")
        .await;
    browser.click(&coordinator).await;
    browser.wait_for_text(".message.bot", "Water access").await;
    let text = browser.wait_for("#text").await;
    browser
        .type_into(&text, &format!("/digest water-access{ENTER}"))
        .await;
    let width = browser
        .wait_until(
            "the chart image loaded",
            "const img = [...document.querySelectorAll('.message.bot img.photo')].pop();\
             return img && img.complete && img.naturalWidth > 0 ? img.naturalWidth : null;",
            vec![],
        )
        .await;
    assert!(width.as_u64().unwrap_or(0) > 100, "a real chart: {width}");
    // Wait until the page scrolled to it, then keep the picture.
    browser
        .wait_until(
            "the chart in view",
            "const box = document.getElementById('messages');\
             box.scrollTop = box.scrollHeight;\
             return box.scrollHeight - box.scrollTop - box.clientHeight < 40;",
            vec![json!(null)],
        )
        .await;
    let shot = browser.screenshot("07-coordinator-digest").await;
    assert!(std::fs::metadata(shot).unwrap().len() > 10_000);
}
