//! Generated inputs for the parsers, and what each must hold for any input: no panic, and a
//! few properties besides (a parsed callback encodes back to itself, a rendered message is
//! never over Telegram's limit). Shared by the test (`tests/parser_fuzz.rs`, 10,000 cases in CI)
//! and the benchmark (`benches/parsers.rs`, 1,000,000 cases).
//!
//! Inputs are random bytes (read as UTF-8, lossily) and mutations of valid commands, survey
//! specs, callback data and HTML-bearing texts: characters inserted, deleted, doubled,
//! replaced by awkward ones (`<`, `&`, `:`, `@`, newlines, emoji, NUL, bidi marks, combining
//! accents), pieces of other seeds spliced in, and cuts at any place. A seeded generator
//! (xorshift) keeps every run reproducible: a failing case names its seed and index.

use coloop_core::command::{Callback, CommandName, is_addressed_to, is_stop_word, parse};
use coloop_core::message::{
    TELEGRAM_LIMIT, escape_html, pack_lines, split_for_telegram, split_for_telegram_with_footer,
    telegram_len,
};
use coloop_core::survey::SurveySpec;

/// A small, fast, seeded generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &'a [&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const SURVEY_SPECS: &[&str] = &[
    "/survey water-access Rain tanks\nrating: How useful is this for your household?\nyesno: Would you help build it?\nchoice: Where first? | School | Market | Clinic\nmulti: Which days suit you? | Mon | Wed | Sat\ntext: What would you change?",
    "/survey water-access T\nfor: 4\nanonymous\ncloses: 12h\nrating: Ok?",
    "/survey garden Seeds\ncloses: 2026-12-01 18:00\nmulti: Which? | A | B | C | D | E | F | G | H | I | J\ntext: Why?",
];

const COMMANDS: &[&str] = &[
    "/start abc_DEF-1",
    "/help@coloop_bot",
    "/outcome water-access Session 3: rain tanks\ndate: 2026-11-20\nWe agreed on three tanks.\n\nNext: costs.",
    "/outcome water-access We built it\nanswers: 12, #15\nThe tanks are up.",
    "/prototype water-access sme Loans\nstatus: testing\nanswers: 3\nBody",
    "/newgroup water-access Water  access for all\nSafe water within 200 m.\nSecond line.",
    "/status water-access",
    "/hide 12",
    "/link water-access",
    "/language es",
    "/closesurvey 7",
    "/digest water-access 30",
];

const CALLBACKS: &[&str] = &[
    "consent:AbCdEfGhIjKlMnOpQrStUv",
    "decline",
    "send:AbCdEfGhIjKlMnOpQrStUv",
    "cancel:AbCdEfGhIjKlMnOpQrStUv",
    "about:12:7",
    "about:12:g3",
    "anon:44",
    "forget:yes",
    "lang:es",
    "ssend:AbCdEfGhIjKlMnOpQrStUv",
    "sv:1:0:r5",
    "sv:2:3:m9+",
    "sv:2:3:d",
    "svgo:8",
    "refail:12",
];

const TEXTS: &[&str] = &[
    "<b>Session outcome · Water access</b>\n\nWe agreed on <i>three</i> tanks & a pump.",
    "Tom & Jerry said \"<script>alert(1)</script>\" — 5 > 3 < 7",
    "📣 <b>Prototype</b>\n\n<a href=\"https://example.org/?a=1&b=2\">link</a> &amp; &lt;tag&gt; &#128512;",
    "Línea uno\n\nLínea dos con acentos: áéíóú ñ ü\nשלום مرحبا 你好 👩‍👩‍👧‍👦",
];

const AWKWARD: &[&str] = &[
    "<",
    ">",
    "&",
    "&amp;",
    "&#",
    ";",
    "\"",
    ":",
    "::",
    "@",
    "@coloop_bot",
    "/",
    "#",
    "|",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    "\0",
    "\u{200f}",
    "\u{202e}",
    "\u{2068}",
    "\u{0301}",
    "\u{fe0f}",
    "👩‍👩‍👧",
    "😀",
    "\u{ffff}",
    "\u{10ffff}",
    "🏳️‍🌈",
    "0",
    "-1",
    "999999999999999999999",
    "9223372036854775807",
    "r",
    "m1+",
    "yes",
    "no",
    "for:",
    "closes:",
    "anonymous",
    "choice:",
    "rating:",
    "text:",
    "multi:",
    "yesno:",
    "date:",
    "answers:",
    "status:",
    "</b>",
    "<b>",
    "<a href=\"",
    "&lt",
    "ǅ",
    "İ",
    "ß",
];

fn seeds() -> impl Iterator<Item = &'static str> {
    SURVEY_SPECS
        .iter()
        .chain(COMMANDS)
        .chain(CALLBACKS)
        .chain(TEXTS)
        .copied()
}

/// The next generated input.
pub fn case(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 | 1 => random_bytes(rng),
        2 => {
            let name = CommandName::ALL[rng.below(CommandName::ALL.len())].as_str();
            let args = random_bytes(rng);
            mutate(rng, format!("/{name} {args}"))
        }
        _ => {
            let all: Vec<&str> = seeds().collect();
            let seed = rng.pick(&all).to_owned();
            mutate(rng, seed)
        }
    }
}

fn random_bytes(rng: &mut Rng) -> String {
    // Mostly short; now and then past Telegram's limit, to make the renderer split.
    let len = if rng.below(2_000) == 0 {
        4_000 + rng.below(6_000)
    } else {
        rng.below(80)
    };
    let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(rng: &mut Rng, mut text: String) -> String {
    for _ in 0..1 + rng.below(4) {
        let at = boundary(&text, rng);
        match rng.below(6) {
            0 => text.insert_str(at, rng.pick(AWKWARD)),
            1 => {
                let to = boundary(&text, rng).max(at);
                text.replace_range(at..to, "");
            }
            2 => {
                let to = boundary(&text, rng).max(at);
                let piece = text[at..to].to_owned();
                text.insert_str(to, &piece);
            }
            3 => {
                let to = boundary(&text, rng).max(at);
                text.replace_range(at..to, rng.pick(AWKWARD));
            }
            4 => {
                let all: Vec<&str> = seeds().collect();
                let other = rng.pick(&all);
                let from = boundary(other, rng);
                text.insert_str(at, &other[from..]);
            }
            _ => text.truncate(at),
        }
    }
    if rng.below(3_000) == 0 {
        // A long one, to make the renderer split.
        text = text.repeat(1 + 6_000 / text.len().max(1));
    }
    text
}

/// Feeds `text` to every parser and the renderer; panics (with the input) when a property
/// does not hold. A panic inside a parser is the failure this is looking for.
pub fn check(text: &str) {
    let _ = parse(text, "coloop_bot");
    let _ = is_addressed_to(text, "coloop_bot");
    let _ = is_stop_word(text);

    let (title, body) = text.split_once('\n').unwrap_or((text, ""));
    let title = title.split_once(' ').map_or(title, |(_, rest)| rest);
    let _ = SurveySpec::parse(title, body);
    let _ = SurveySpec::parse(text, text);

    if let Some(callback) = Callback::parse(text) {
        let data = callback.encode();
        // Telegram sends at most 64 bytes; what we read from that we can write back in 64.
        assert!(
            text.len() > 64 || data.len() <= 64,
            "{data:?} from {text:?} is over 64 bytes"
        );
        assert_eq!(
            Callback::parse(&data),
            Some(callback),
            "round trip of {text:?}"
        );
    }

    let escaped = escape_html(text);
    assert!(!escaped.contains('<') && !escaped.contains('>'), "{text:?}");
    // The header is ours (a post's title: at most a line); the body is anyone's.
    let header: String = title.chars().take(120).collect();
    for part in split_for_telegram(&format!("<b>{}</b>", escape_html(&header)), body) {
        assert!(
            telegram_len(&part) <= TELEGRAM_LIMIT,
            "split_for_telegram: a part of {text:?} is too long"
        );
    }
    for part in split_for_telegram_with_footer("<b>Header</b>", text, "\n\n<i>footer</i>") {
        assert!(
            telegram_len(&part) <= TELEGRAM_LIMIT,
            "split_for_telegram_with_footer: a part of {text:?} is too long"
        );
    }
    // pack_lines takes HTML (every tag closed on its line): what we send, escaped text.
    for part in pack_lines(&escaped) {
        assert!(
            telegram_len(&part) <= TELEGRAM_LIMIT,
            "pack_lines: a part of {text:?} is too long"
        );
    }
}

/// A case that panicked: its index, its input and the panic's message.
#[derive(Debug)]
pub struct Panicked {
    pub index: u64,
    pub input: String,
    pub message: String,
}

/// Runs `cases` cases from `seed`; returns those that panicked.
pub fn run(seed: u64, cases: u64) -> Vec<Panicked> {
    let mut rng = Rng::new(seed);
    let mut panicked = Vec::new();
    for index in 0..cases {
        let text = case(&mut rng);
        if let Err(payload) = std::panic::catch_unwind(|| check(&text)) {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panicked.push(Panicked {
                index,
                input: text,
                message,
            });
        }
    }
    panicked
}
