//! The chart's text: the embedded font, and every text cleaned to one visible line, measured,
//! and cut with an ellipsis or wrapped onto two lines to fit its place.

use std::iter;
use std::sync::OnceLock;

use plotters::backend::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor, register_font};

use super::{Area, ChartError, draw_error};

/// Characters of a text kept before measuring: nothing longer fits anywhere in the chart, and it
/// bounds the work on a pathological input.
pub(super) const MAX_TEXT_CHARS: usize = 400;

/// The family name the embedded font is registered under in plotters' global font table; our
/// own name, so another user of plotters in the process can't shadow it.
const FONT_FAMILY: &str = "coloop-dejavu-sans";
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The sizes of font the chart uses, looked up once per chart.
pub(super) struct Fonts {
    pub(super) heading: FontDesc<'static>,
    pub(super) title: FontDesc<'static>,
    pub(super) label: FontDesc<'static>,
    pub(super) note: FontDesc<'static>,
}

impl Fonts {
    pub(super) fn load() -> Result<Self, ChartError> {
        // plotters keeps fonts in a process-wide table; registering once is enough.
        static REGISTERED: OnceLock<bool> = OnceLock::new();
        let registered = *REGISTERED
            .get_or_init(|| register_font(FONT_FAMILY, FontStyle::Normal, FONT_BYTES).is_ok());
        if !registered {
            return Err(ChartError::Font);
        }
        let font = |size| FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Normal);
        Ok(Self {
            heading: font(22.0),
            title: font(16.0),
            label: font(14.0),
            note: font(13.0),
        })
    }
}

/// Text as one line: control characters and runs of white space become one space, invisible
/// characters the font would draw as boxes are dropped, and it is cut at [`MAX_TEXT_CHARS`].
pub(super) fn clean(text: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars().take(MAX_TEXT_CHARS) {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
        } else if !invisible(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Zero-width and formatting characters, variation selectors, tags and skin-tone modifiers:
/// they only change a neighbour in a shaping renderer, which plotters is not.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0000}'..='\u{E01EF}'
    )
}

/// Width in pixels of `text` in `font`.
pub(super) fn measure(font: &FontDesc<'_>, text: &str) -> Result<i32, ChartError> {
    let (width, _) = font.box_size(text).map_err(draw_error)?;
    Ok(i32::try_from(width).unwrap_or(i32::MAX))
}

/// The longest prefix of `text`, in whole characters, that followed by `suffix` is at most
/// `max` pixels wide (possibly empty). Widths grow with the prefix, so a binary search does.
fn fitting_prefix<'t>(
    font: &FontDesc<'_>,
    text: &'t str,
    suffix: &str,
    max: i32,
) -> Result<&'t str, ChartError> {
    // ends[k - 1] is the byte length of the first k characters.
    let ends: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain(iter::once(text.len()))
        .collect();
    let prefix = |k: usize| if k == 0 { "" } else { &text[..ends[k - 1]] };
    let (mut fits, mut fails) = (0, ends.len() + 1);
    while fails - fits > 1 {
        let k = fits + (fails - fits) / 2;
        if measure(font, &format!("{}{suffix}", prefix(k)))? <= max {
            fits = k;
        } else {
            fails = k;
        }
    }
    Ok(prefix(fits))
}

/// `text`, or as much of it as fits in `max` pixels followed by an ellipsis.
pub(super) fn fit(font: &FontDesc<'_>, text: &str, max: i32) -> Result<String, ChartError> {
    if measure(font, text)? <= max {
        return Ok(text.to_owned());
    }
    let head = fitting_prefix(font, text, "…", max)?;
    Ok(format!("{}…", head.trim_end()))
}

/// `text` on two lines of `first` and `second` pixels: broken after the last word that fits
/// (within a word if none does), the second line cut with an ellipsis.
pub(super) fn wrap(
    font: &FontDesc<'_>,
    text: &str,
    first: i32,
    second: i32,
) -> Result<(String, String), ChartError> {
    if measure(font, text)? <= first {
        return Ok((text.to_owned(), String::new()));
    }
    let head = fitting_prefix(font, text, "", first)?;
    let cut = if text[head.len()..].starts_with(' ') {
        head.len()
    } else {
        match head.rfind(' ') {
            Some(space) if space > 0 => space,
            _ => head.len(),
        }
    };
    let (line1, rest) = text.split_at(cut);
    Ok((
        line1.trim_end().to_owned(),
        fit(font, rest.trim_start(), second)?,
    ))
}

/// Draws `text` with its baseline at `baseline`, anchored at `x` as `h_pos` says.
pub(super) fn write<DB: DrawingBackend>(
    area: &Area<DB>,
    font: &FontDesc<'_>,
    color: RGBColor,
    text: &str,
    x: i32,
    baseline: i32,
    h_pos: HPos,
) -> Result<(), ChartError> {
    if text.is_empty() {
        return Ok(());
    }
    // plotters' ab_glyph renderer puts the baseline half the font size below a top anchor.
    let top = baseline - (font.get_size() / 2.0).round() as i32;
    let style = font.color(&color).pos(Pos::new(h_pos, VPos::Top));
    area.draw_text(text, &style, (x, top)).map_err(draw_error)
}
