//! Turning what people typed into Telegram HTML messages: escaping, and splitting a long body
//! into numbered parts under Telegram's 4096-character limit.
//!
//! Lengths are measured conservatively: in UTF-16 code units (how Telegram counts) of the HTML
//! *including* tags and entities, which is never less than what Telegram counts after parsing.

/// Telegram's limit for one message's text.
pub const TELEGRAM_LIMIT: usize = 4096;

/// Buttons under a message, or a request to reply to it. Built by the bot (labels come from
/// its texts), stored with what the outbox sends, and turned into Telegram's markup by the
/// transport.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Markup {
    /// Inline buttons, row by row.
    Buttons(Vec<Vec<Button>>),
    /// Ask the recipient to reply to this message (Telegram's force reply), with a hint in
    /// the input field.
    Reply { placeholder: String },
}

/// One inline button: its label and the callback data it sends back (at most 64 bytes).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Button {
    pub text: String,
    pub data: String,
}

/// Room kept at the start of every part of a split message for its `(i/n)` marker.
const MARKER_ROOM: usize = 24;

/// Escapes text for Telegram's HTML parse mode.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Length as Telegram limits it (see the module doc).
pub fn telegram_len(html: &str) -> usize {
    html.encode_utf16().count()
}

fn cost(raw: &str) -> usize {
    telegram_len(&escape_html(raw))
}

/// One message, or several numbered ones: `header_html` (already HTML) then a blank line and
/// the escaped `body`. When it does not fit in one message, the body is split on paragraph
/// boundaries, then lines, then words (then characters, for a monster word); the header
/// stays on the first part and every part starts with `(i/n)`.
pub fn split_for_telegram(header_html: &str, body: &str) -> Vec<String> {
    split_with_limit(header_html, body, TELEGRAM_LIMIT)
}

/// Like [`split_for_telegram`], with `footer_html` (already HTML) added to the last part; the
/// room it takes is kept free in every part.
pub fn split_for_telegram_with_footer(
    header_html: &str,
    body: &str,
    footer_html: &str,
) -> Vec<String> {
    let room = TELEGRAM_LIMIT.saturating_sub(telegram_len(footer_html));
    let mut parts = split_with_limit(header_html, body, room);
    if let Some(last) = parts.last_mut() {
        last.push_str(footer_html);
    }
    parts
}

/// Packs an HTML text whose lines are each complete (every tag closed on its line) into
/// messages under Telegram's limit, cutting only between lines. A single line over the limit
/// (none of ours is) is cut at a character boundary outside any tag or entity.
pub fn pack_lines(html: &str) -> Vec<String> {
    pack_lines_with_limit(html, TELEGRAM_LIMIT)
}

pub(crate) fn pack_lines_with_limit(html: &str, limit: usize) -> Vec<String> {
    if telegram_len(html) <= limit {
        return vec![html.to_owned()];
    }
    let mut parts = Vec::new();
    let mut current = String::new();
    for line in html.split('\n') {
        let line = cut_line(line, limit);
        if !current.is_empty() && telegram_len(&current) + 1 + telegram_len(&line) > limit {
            parts.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.trim().is_empty() {
        parts.push(current);
    }
    parts
}

fn cut_line(line: &str, limit: usize) -> String {
    if telegram_len(line) <= limit {
        return line.to_owned();
    }
    // Room for the '…'; the cut goes where the text was last outside any tag or entity, so
    // the line stays valid HTML and within the limit.
    let budget = limit.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    let mut safe = 0;
    let (mut in_tag, mut in_entity) = (false, false);
    for c in line.chars() {
        let c_len = c.len_utf16();
        if used + c_len > budget {
            break;
        }
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '&' => in_entity = true,
            ';' => in_entity = false,
            _ => {}
        }
        out.push(c);
        used += c_len;
        if !in_tag && !in_entity {
            safe = out.len();
        }
    }
    out.truncate(safe);
    out.push('…');
    out
}

pub(crate) fn split_with_limit(header_html: &str, body: &str, limit: usize) -> Vec<String> {
    let whole = join(header_html, &escape_html(body));
    if telegram_len(&whole) <= limit {
        return vec![whole];
    }
    let header_cost = telegram_len(header_html) + 2;
    let first_budget = limit.saturating_sub(MARKER_ROOM + header_cost).max(1);
    let budget = limit.saturating_sub(MARKER_ROOM).max(1);

    let mut atoms = Vec::new();
    atomize(body, first_budget.min(budget), 0, "", &mut atoms);

    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    for (sep, atom) in atoms {
        let room = if chunks.is_empty() {
            first_budget
        } else {
            budget
        };
        if current.is_empty() {
            current.push_str(atom.trim_start_matches('\n'));
        } else if cost(&current) + cost(sep) + cost(atom) <= room {
            current.push_str(sep);
            current.push_str(atom);
        } else {
            chunks.push(std::mem::take(&mut current));
            current.push_str(atom.trim_start_matches('\n'));
        }
    }
    if !current.trim().is_empty() {
        chunks.push(current);
    }
    let total = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let marker = format!("<i>({}/{total})</i>\n", i + 1);
            let body = escape_html(chunk.trim_end());
            if i == 0 {
                format!("{marker}{}", join(header_html, &body))
            } else {
                format!("{marker}{body}")
            }
        })
        .collect()
}

fn join(header_html: &str, body_html: &str) -> String {
    if header_html.is_empty() {
        body_html.to_owned()
    } else {
        format!("{header_html}\n\n{body_html}")
    }
}

const SEPARATORS: [&str; 3] = ["\n\n", "\n", " "];

/// Cuts `text` into pieces that each cost at most `max`, remembering the separator before
/// each piece so packing can put it back.
fn atomize<'a>(
    text: &'a str,
    max: usize,
    level: usize,
    sep_before: &'a str,
    out: &mut Vec<(&'a str, &'a str)>,
) {
    if cost(text) <= max {
        out.push((sep_before, text));
        return;
    }
    let Some(sep) = SEPARATORS.get(level) else {
        // A single word longer than a message: cut it by characters.
        let mut start = 0;
        let mut used = 0;
        let mut first = true;
        for (at, c) in text.char_indices() {
            let c_cost = cost(c.encode_utf8(&mut [0; 4]));
            if used + c_cost > max && at > start {
                out.push((if first { sep_before } else { "" }, &text[start..at]));
                first = false;
                start = at;
                used = 0;
            }
            used += c_cost;
        }
        out.push((if first { sep_before } else { "" }, &text[start..]));
        return;
    };
    for (i, piece) in text.split(sep).enumerate() {
        atomize(
            piece,
            max,
            level + 1,
            if i == 0 { sep_before } else { sep },
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_what_html_mode_needs() {
        assert_eq!(
            escape_html("<b>Tom & \"Jerry\"</b>"),
            "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn short_text_is_one_message() {
        assert_eq!(
            split_for_telegram("<b>T</b>", "a < b"),
            vec!["<b>T</b>\n\na &lt; b".to_owned()]
        );
    }

    #[test]
    fn splits_on_paragraphs_first() {
        let body = format!(
            "{}\n\n{}\n\n{}",
            "q".repeat(40),
            "w".repeat(40),
            "z".repeat(40)
        );
        let parts = split_with_limit("<b>H</b>", &body, 100);
        assert!(parts.len() >= 2, "{parts:?}");
        assert!(parts[0].starts_with("<i>(1/"));
        assert!(parts[0].contains("<b>H</b>"));
        assert!(!parts[1].contains("<b>H</b>"));
        for p in &parts {
            assert!(telegram_len(p) <= 100, "{p}");
            // No paragraph was cut in the middle.
            for word in ["q", "w", "z"] {
                let run = word.repeat(40);
                assert!(!p.contains(word) || p.contains(&run), "{p}");
            }
        }
    }

    #[test]
    fn a_monster_word_is_cut_by_characters() {
        let parts = split_with_limit("", &"é".repeat(500), 100);
        assert!(parts.iter().all(|p| telegram_len(p) <= 100));
        let rejoined: String = parts
            .iter()
            .map(|p| p.split_once('\n').unwrap().1)
            .collect();
        assert_eq!(rejoined, "é".repeat(500));
    }

    #[test]
    fn escaping_never_splits_an_entity() {
        let parts = split_with_limit("", &"&".repeat(300), 100);
        for p in &parts {
            let body = p.split_once('\n').unwrap().1;
            assert_eq!(body.replace("&amp;", ""), "", "{p}");
        }
    }

    #[test]
    fn a_full_telegram_message_with_a_header_becomes_two_parts() {
        let body = format!("{}\n\n{}", "word ".repeat(500), "more ".repeat(318));
        let parts = split_for_telegram("<b>Session outcome</b>\n<b>Title</b>", body.trim());
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| telegram_len(p) <= TELEGRAM_LIMIT));
    }

    #[test]
    fn long_line_lists_are_packed_between_lines() {
        let html: String = (0..50)
            .map(|i| format!("<b>#{i}</b> {}\n", "w".repeat(30)))
            .collect();
        let parts = pack_lines_with_limit(&html, 200);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| telegram_len(p) <= 200));
        assert_eq!(parts.join("\n").replace('\n', ""), html.replace('\n', ""));
        assert_eq!(pack_lines("short"), vec!["short".to_owned()]);
        let cut = pack_lines_with_limit(&"a&amp;b ".repeat(100), 50);
        assert!(cut[0].ends_with('…') && !cut[0].contains("&am…"));
        // An entity that would end past the limit is left out, not finished over it (found
        // by the parser fuzz test).
        for limit in 40..60 {
            let cut = pack_lines_with_limit(&"ab&lt;/b&gt;".repeat(20), limit);
            assert!(telegram_len(&cut[0]) <= limit, "{limit}: {}", cut[0]);
            assert!(
                !cut[0].contains("&l…") && !cut[0].contains("&g…"),
                "{}",
                cut[0]
            );
        }
    }

    #[test]
    fn a_footer_never_pushes_a_part_over_the_limit() {
        let footer = "\n\n<i>Reply to this message to comment.</i>";
        for len in [3900, 4000, 4020, 4060, 4096] {
            let parts = split_for_telegram_with_footer("<b>Header</b>", &"x".repeat(len), footer);
            assert!(
                parts.iter().all(|p| telegram_len(p) <= TELEGRAM_LIMIT),
                "{len}"
            );
            assert!(parts.last().unwrap().ends_with(footer));
        }
    }

    proptest! {
        #[test]
        fn parts_fit_and_keep_every_word(body in "[a-z<&>\u{1F600} \n]{0,1500}", limit in 60usize..400) {
            let parts = split_with_limit("<b>H</b>", &body, limit);
            for p in &parts {
                prop_assert!(telegram_len(p) <= limit, "{} > {}: {:?}", telegram_len(p), limit, p);
            }
            let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>().concat();
            let rebuilt: String = if parts.len() == 1 {
                parts[0].clone()
            } else {
                parts.iter().map(|p| p.split_once('\n').unwrap().1.to_owned()).collect::<Vec<_>>().join(" ")
            };
            let rebuilt = rebuilt.replacen("<b>H</b>", "", 1)
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
            prop_assert_eq!(words(&rebuilt), words(&body));
        }
    }
}
