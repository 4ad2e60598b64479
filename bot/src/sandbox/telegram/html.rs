//! Telegram's formatting rules: `parse_mode` "HTML" is parsed and validated
//! like the real server does (same tag set, same kind of error text), and the
//! result is the plain text plus `entities` Telegram would return.
//!
//! One deliberate difference: a `&` that does not start `&lt;`, `&gt;`,
//! `&amp;`, `&quot;` or a numeric reference is an error here, while Telegram
//! shows it literally. Correctly escaped text never contains one, so this
//! catches user text that was not escaped.

use serde_json::{Value, json};

/// Text as Telegram stores it after parsing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parsed {
    pub text: String,
    pub entities: Vec<Value>,
}

/// Parses `text` according to `parse_mode` and trims surrounding whitespace,
/// as Telegram does. The error is a full Bot API description.
pub(crate) fn render(text: &str, parse_mode: Option<&str>) -> Result<Parsed, String> {
    let parsed = match parse_mode.map(str::to_ascii_lowercase).as_deref() {
        None | Some("") => Parsed {
            text: text.to_owned(),
            entities: Vec::new(),
        },
        Some("html") => {
            parse_html(text).map_err(|e| format!("Bad Request: can't parse entities: {e}"))?
        }
        // MarkdownV2 / Markdown are passed through unparsed.
        Some("markdownv2") | Some("markdown") => Parsed {
            text: text.to_owned(),
            entities: Vec::new(),
        },
        Some(_) => return Err("Bad Request: unsupported parse_mode".to_owned()),
    };
    Ok(trim(parsed))
}

pub(crate) fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn trim(p: Parsed) -> Parsed {
    let trimmed_start = p.text.trim_start();
    let lead = utf16_len(&p.text[..p.text.len() - trimmed_start.len()]);
    let text = trimmed_start.trim_end().to_owned();
    let len = utf16_len(&text);
    let entities = p
        .entities
        .into_iter()
        .filter_map(|mut e| {
            let start = e["offset"].as_u64()? as usize;
            let end = start + e["length"].as_u64()? as usize;
            let start = start.saturating_sub(lead).min(len);
            let end = end.saturating_sub(lead).min(len);
            if end <= start {
                return None;
            }
            e["offset"] = json!(start);
            e["length"] = json!(end - start);
            Some(e)
        })
        .collect();
    Parsed { text, entities }
}

struct Open {
    tag: String,
    start: usize,
    entity: Option<Value>,
}

const TAGS: &[&str] = &[
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
];

fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    if end > 12 {
        return None;
    }
    let name = &s[1..end];
    let ch = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                num.parse::<u32>().ok()?
            };
            if code == 0 {
                return None;
            }
            char::from_u32(code)?
        }
    };
    Some((ch, end + 1))
}

fn valid_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    if url.contains("://") || url.starts_with("tg:") || url.starts_with("mailto:") {
        Some(url.to_owned())
    } else if url.contains('.') {
        Some(format!("http://{url}"))
    } else {
        None
    }
}

fn parse_html(src: &str) -> Result<Parsed, String> {
    let bytes = src.as_bytes();
    let mut text = String::with_capacity(src.len());
    let mut pos16 = 0usize;
    let mut stack: Vec<Open> = Vec::new();
    let mut entities: Vec<Value> = Vec::new();
    let mut i = 0usize;
    while i < src.len() {
        let c = src[i..].chars().next().unwrap_or('\0');
        if c == '&' {
            let Some((ch, used)) = decode_entity(&src[i..]) else {
                return Err(format!(
                    "Unsupported HTML entity or unescaped \"&\" at byte offset {i} \
                     (the fake Telegram requires &amp;)"
                ));
            };
            text.push(ch);
            pos16 += ch.len_utf16();
            i += used;
            continue;
        }
        if c == '>' {
            // Telegram accepts a bare '>' but the docs require &gt;; accept it.
            text.push('>');
            pos16 += 1;
            i += 1;
            continue;
        }
        if c != '<' {
            text.push(c);
            pos16 += c.len_utf16();
            i += c.len_utf8();
            continue;
        }
        let begin = i;
        i += 1;
        if bytes.get(i) == Some(&b'/') {
            // End tag.
            i += 1;
            let Some(close) = src[i..].find('>') else {
                return Err(format!("Unclosed end tag at byte offset {begin}"));
            };
            let name = src[i..i + close].trim().to_ascii_lowercase();
            i += close + 1;
            let Some(open) = stack.pop() else {
                return Err(format!("Unexpected end tag at byte offset {begin}"));
            };
            if open.tag != name {
                return Err(format!(
                    "Unmatched end tag at byte offset {begin}, expected \"</{}>\", found \"</{name}>\"",
                    open.tag
                ));
            }
            if let Some(mut e) = open.entity
                && pos16 > open.start
            {
                e["offset"] = json!(open.start);
                e["length"] = json!(pos16 - open.start);
                entities.push(e);
            }
            continue;
        }
        // Start tag.
        let name_len = src[i..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let name = src[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        if !TAGS.contains(&name.as_str()) {
            return Err(format!(
                "Unsupported start tag \"{name}\" at byte offset {begin}"
            ));
        }
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            while i < src.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= src.len() {
                return Err(format!("Unclosed start tag at byte offset {begin}"));
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            let attr_len = src[i..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                .count();
            if attr_len == 0 {
                return Err(format!(
                    "Empty attribute name in the tag \"{name}\" at byte offset {begin}"
                ));
            }
            let attr = src[i..i + attr_len].to_ascii_lowercase();
            i += attr_len;
            while i < src.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= src.len() {
                return Err(format!("Unclosed start tag at byte offset {begin}"));
            }
            if bytes[i] != b'=' {
                attrs.push((attr, String::new()));
                continue;
            }
            i += 1;
            while i < src.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= src.len() {
                return Err(format!("Unclosed start tag at byte offset {begin}"));
            }
            let mut value = String::new();
            if bytes[i] == b'"' || bytes[i] == b'\'' {
                let quote = bytes[i] as char;
                i += 1;
                let Some(close) = src[i..].find(quote) else {
                    return Err(format!("Unclosed start tag at byte offset {begin}"));
                };
                let raw = &src[i..i + close];
                let mut j = 0;
                while j < raw.len() {
                    let ch = raw[j..].chars().next().unwrap_or('\0');
                    if ch == '&'
                        && let Some((d, used)) = decode_entity(&raw[j..])
                    {
                        value.push(d);
                        j += used;
                        continue;
                    }
                    value.push(ch);
                    j += ch.len_utf8();
                }
                i += close + 1;
            } else {
                let len = src[i..]
                    .bytes()
                    .take_while(|b| !b.is_ascii_whitespace() && *b != b'>')
                    .count();
                value.push_str(&src[i..i + len]);
                i += len;
            }
            attrs.push((attr, value));
        }
        let attr = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
        let entity = match name.as_str() {
            "b" | "strong" => Some(json!({"type": "bold"})),
            "i" | "em" => Some(json!({"type": "italic"})),
            "u" | "ins" => Some(json!({"type": "underline"})),
            "s" | "strike" | "del" => Some(json!({"type": "strikethrough"})),
            "tg-spoiler" => Some(json!({"type": "spoiler"})),
            "span" => {
                if attr("class").as_deref() != Some("tg-spoiler") {
                    return Err(format!(
                        "Tag \"span\" must have class \"tg-spoiler\" at byte offset {begin}"
                    ));
                }
                Some(json!({"type": "spoiler"}))
            }
            "a" => attr("href")
                .and_then(|h| valid_url(&h))
                .map(|url| json!({"type": "text_link", "url": url})),
            "code" => {
                let lang = attr("class")
                    .and_then(|c| c.strip_prefix("language-").map(str::to_owned))
                    .filter(|l| !l.is_empty());
                match stack.last_mut() {
                    // <pre><code class="language-x"> sets the language of the pre.
                    Some(Open {
                        tag,
                        entity: Some(pre),
                        ..
                    }) if tag == "pre" => {
                        if let Some(lang) = lang {
                            pre["language"] = json!(lang);
                        }
                        None
                    }
                    _ => Some(json!({"type": "code"})),
                }
            }
            "pre" => Some(json!({"type": "pre"})),
            "blockquote" => {
                if attr("expandable").is_some() {
                    Some(json!({"type": "expandable_blockquote"}))
                } else {
                    Some(json!({"type": "blockquote"}))
                }
            }
            "tg-emoji" => {
                let Some(id) = attr("emoji-id").filter(|v| !v.is_empty()) else {
                    return Err(format!(
                        "Tag \"tg-emoji\" must have attribute \"emoji-id\" at byte offset {begin}"
                    ));
                };
                Some(json!({"type": "custom_emoji", "custom_emoji_id": id}))
            }
            _ => None,
        };
        stack.push(Open {
            tag: name,
            start: pos16,
            entity,
        });
    }
    if let Some(open) = stack.pop() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{}\"",
            open.tag
        ));
    }
    entities.sort_by_key(|e| {
        (
            e["offset"].as_u64(),
            std::cmp::Reverse(e["length"].as_u64()),
        )
    });
    Ok(Parsed { text, entities })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Parsed {
        render(s, Some("HTML")).unwrap()
    }

    fn err(s: &str) -> String {
        render(s, Some("HTML")).unwrap_err()
    }

    #[test]
    fn plain_and_entities() {
        let p = ok("<b>Hi</b> &lt;you&gt; &amp; <a href=\"https://x.org/?a=1&amp;b=2\">link</a>");
        assert_eq!(p.text, "Hi <you> & link");
        assert_eq!(p.entities[0], json!({"type":"bold","offset":0,"length":2}));
        assert_eq!(
            p.entities[1],
            json!({"type":"text_link","offset":11,"length":4,"url":"https://x.org/?a=1&b=2"})
        );
        let p = ok("<pre><code class=\"language-rust\">fn x</code></pre>");
        assert_eq!(
            p.entities,
            vec![json!({"type":"pre","offset":0,"length":4,"language":"rust"})]
        );
        let p = ok("  <i>ü😀</i>  x ");
        assert_eq!(p.text, "ü😀  x");
        assert_eq!(
            p.entities,
            vec![json!({"type":"italic","offset":0,"length":3})]
        );
        assert_eq!(ok("&#39;&#x41;&quot;").text, "'A\"");
        assert_eq!(
            ok("<span class=\"tg-spoiler\">s</span><blockquote expandable>q</blockquote>").text,
            "sq"
        );
    }

    #[test]
    fn rejects_bad_html() {
        assert!(err("a < b").contains("Unsupported start tag \"\""));
        assert!(err("<div>x</div>").contains("Unsupported start tag \"div\""));
        assert!(err("<b>x").contains("Can't find end tag corresponding to start tag \"b\""));
        assert!(err("<b><i>x</b></i>").contains("Unmatched end tag"));
        assert!(err("x</b>").contains("Unexpected end tag"));
        assert!(err("Tom & Jerry").contains("can't parse entities"));
        assert!(err("&apos;").contains("can't parse entities"));
        assert!(err("<b").contains("Unclosed start tag"));
        assert!(err("<span>x</span>").contains("tg-spoiler"));
        assert!(
            render("<b>x</b>", Some("Foo"))
                .unwrap_err()
                .contains("unsupported parse_mode")
        );
        // Without parse_mode nothing is parsed.
        assert_eq!(render("a < b & c", None).unwrap().text, "a < b & c");
    }
}
