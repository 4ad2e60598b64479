//! PNG bar charts of survey answer distributions, for the feedback digest: one panel per question,
//! one horizontal bar per answer option, each labelled with its count and share.
//!
//! Drawn with `plotters` into an in-memory RGB buffer and encoded with the `png` crate, so no
//! system font, image library or display is needed: the font (DejaVu Sans, which covers Latin,
//! Greek and Cyrillic with their accents) is embedded from `core/assets/fonts/`, its licence
//! beside it. The layout is fixed ([`chart_size`] depends only on the number of panels), so the
//! bot can tell the size before drawing, and every text is measured and cut with an ellipsis to
//! fit its place. The texts the chart adds itself are numbers and symbols only (`n = 12`,
//! `34%`, `…`), so it needs no translation.
//!
//! Drawing and encoding are CPU-bound (~30 ms for a full chart in release): call
//! [`distributions_png`] from `spawn_blocking` in async code.

use std::iter;
use std::sync::OnceLock;

use plotters::backend::{BitMapBackend, RGBPixel};
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters::element::Rectangle;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, register_font,
};

use crate::survey;

/// One question's distribution: its prompt and one bar per answer option (label, count).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Distribution {
    pub title: String,
    pub bars: Vec<(String, u64)>,
    /// What the shares are of, when not the sum of the bars: the people who answered a
    /// multiple-choice question (each may choose several options), as the digest's text says.
    pub total: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The embedded font did not parse: a broken build, not bad input.
    #[error("the embedded chart font could not be loaded")]
    Font,
    /// plotters failed to measure or draw.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the chart as PNG failed: {0}")]
    Encode(#[from] png::EncodingError),
}

/// Panels drawn at most: a survey has at most this many questions; more are left out.
pub const MAX_PANELS: usize = survey::MAX_QUESTIONS;
/// Bars drawn at most in a panel: a question has at most this many options. Past it, the last
/// bar (`… +k`) sums up the rest, so the shares still add up to 100%.
pub const MAX_BARS: usize = survey::MAX_OPTIONS;

/// Width of a panel; two side by side make 1280 px, the longest side Telegram keeps in a photo.
const PANEL_WIDTH: u32 = 640;
/// Height of a panel: two title lines and room for [`MAX_BARS`] rows.
const PANEL_HEIGHT: u32 = 280;
/// Height of the band with the heading, above the panels.
const HEADING_HEIGHT: u32 = 56;

/// Width and height in pixels of the chart for `n` distributions.
///
/// Panels are 640 × 280 px, under a 56 px heading. One panel (or none: the chart then shows an
/// empty panel) stands alone, 640 px wide; two or more go in two columns, 1280 px wide, filled
/// row by row. `n` is capped at [`MAX_PANELS`], so the largest chart is 1280 × 1456 px.
pub fn chart_size(n: usize) -> (u32, u32) {
    let (columns, rows) = grid(n);
    (columns * PANEL_WIDTH, HEADING_HEIGHT + rows * PANEL_HEIGHT)
}

/// Columns and rows of panels for `n` distributions (see [`chart_size`]).
fn grid(n: usize) -> (u32, u32) {
    // Fits in u32: clamped to 1..=MAX_PANELS.
    let n = n.clamp(1, MAX_PANELS) as u32;
    let columns = if n == 1 { 1 } else { 2 };
    (columns, n.div_ceil(columns))
}

/// A PNG (bytes) of horizontal bar charts, one panel per distribution (at most [`MAX_PANELS`]),
/// each bar labelled with its count and its share of the panel's total (for a multiple-choice
/// question, of all the choices made). Bars are scaled to the panel's largest count. `heading`
/// is drawn on top (e.g. "Survey: Water points — 2026-11-20 to 2026-11-27").
///
/// Any text renders: control characters become spaces, invisible ones (zero-width joiners,
/// variation selectors) are dropped, and a character the font lacks (an emoji) shows as a box.
pub fn distributions_png(
    heading: &str,
    distributions: &[Distribution],
) -> Result<Vec<u8>, ChartError> {
    let fonts = Fonts::load()?;
    let shown = &distributions[..distributions.len().min(MAX_PANELS)];
    let (width, height) = chart_size(shown.len());
    let mut rgb =
        [BACKGROUND.0, BACKGROUND.1, BACKGROUND.2].repeat(width as usize * height as usize);
    {
        let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut rgb, (width, height))
            .map_err(draw_error)?;
        let root = backend.into_drawing_area();
        draw_chart(&root, &fonts, heading, shown)?;
        root.present().map_err(draw_error)?;
    }
    encode(width, height, &rgb)
}

const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
const CARD: RGBColor = RGBColor(243, 244, 246);
const BAR: RGBColor = RGBColor(37, 99, 235);
const TEXT: RGBColor = RGBColor(31, 41, 55);
const MUTED: RGBColor = RGBColor(107, 114, 128);

/// Left and right margin of every text, in a panel or the heading band.
const PAD: i32 = 20;
/// The card behind a panel's content is inset this much, leaving a white gutter between panels.
const INSET: i32 = 8;
/// Where the rows start in a panel, and their total height.
const ROWS_TOP: i32 = 66;
const ROWS_HEIGHT: i32 = 200;
/// A row is never taller than this, so two bars don't turn into slabs.
const MAX_ROW_HEIGHT: i32 = 36;
/// Width of the option labels, left of the bars.
const LABEL_WIDTH: i32 = 180;
/// Space between a label and its bar, and between a bar and its number.
const GAP: i32 = 8;
/// Widest the number column may get (`18446744073709551615 (100%)` would not fit; it is cut).
const MAX_VALUE_WIDTH: i32 = 180;
/// Characters of a text kept before measuring: nothing longer fits anywhere in the chart, and it
/// bounds the work on a pathological input.
const MAX_TEXT_CHARS: usize = 400;

/// The family name the embedded font is registered under in plotters' global font table; our
/// own name, so another user of plotters in the process can't shadow it.
const FONT_FAMILY: &str = "coloop-dejavu-sans";
static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// The sizes of font the chart uses, looked up once per chart.
struct Fonts {
    heading: FontDesc<'static>,
    title: FontDesc<'static>,
    label: FontDesc<'static>,
    note: FontDesc<'static>,
}

impl Fonts {
    fn load() -> Result<Self, ChartError> {
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

fn draw_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(error.to_string())
}

type Area<'a> = DrawingArea<BitMapBackend<'a, RGBPixel>, Shift>;

fn draw_chart(
    root: &Area<'_>,
    fonts: &Fonts,
    heading: &str,
    shown: &[Distribution],
) -> Result<(), ChartError> {
    let (width, _) = chart_size(shown.len());
    let heading = fit(&fonts.heading, &clean(heading), width as i32 - 2 * PAD)?;
    write(root, &fonts.heading, TEXT, &heading, PAD, 36, HPos::Left)?;

    let (columns, _) = grid(shown.len());
    let empty = Distribution::default();
    let panels: Vec<&Distribution> = if shown.is_empty() {
        vec![&empty]
    } else {
        shown.iter().collect()
    };
    for (i, distribution) in panels.into_iter().enumerate() {
        // i < MAX_PANELS, so these fit in i32 comfortably.
        let (column, row) = (i as u32 % columns, i as u32 / columns);
        let x = (column * PANEL_WIDTH) as i32;
        let y = (HEADING_HEIGHT + row * PANEL_HEIGHT) as i32;
        draw_panel(root, fonts, distribution, (x, y))?;
    }
    Ok(())
}

/// One row of a panel, ready to draw.
struct Row {
    label: String,
    count: u64,
}

/// The rows of a distribution: its bars, or the first `MAX_BARS - 1` and a `… +k` row summing
/// up the rest.
fn rows(bars: &[(String, u64)]) -> Vec<Row> {
    let row = |(label, count): &(String, u64)| Row {
        label: clean(label),
        count: *count,
    };
    if bars.len() <= MAX_BARS {
        return bars.iter().map(row).collect();
    }
    let (head, rest) = bars.split_at(MAX_BARS - 1);
    let mut rows: Vec<Row> = head.iter().map(row).collect();
    rows.push(Row {
        label: format!("… +{}", rest.len()),
        count: rest.iter().fold(0u64, |sum, (_, c)| sum.saturating_add(*c)),
    });
    rows
}

fn draw_panel(
    root: &Area<'_>,
    fonts: &Fonts,
    distribution: &Distribution,
    (x, y): (i32, i32),
) -> Result<(), ChartError> {
    let (w, h) = (PANEL_WIDTH as i32, PANEL_HEIGHT as i32);
    rect(
        root,
        CARD,
        (x + INSET, y + INSET),
        (x + w - INSET, y + h - INSET),
    )?;

    let rows = rows(&distribution.bars);
    // Summed wide, so no count is too large; shares are of everything answered, hidden or not.
    let total: u128 = match distribution.total {
        Some(total) => u128::from(total),
        None => distribution.bars.iter().map(|(_, c)| u128::from(*c)).sum(),
    };
    let largest = rows.iter().map(|r| r.count).max().unwrap_or(0);

    let (left, right) = (x + PAD, x + w - PAD);
    let n = format!("n = {total}");
    let n_width = measure(&fonts.note, &n)?;
    write(root, &fonts.note, MUTED, &n, right, y + 34, HPos::Right)?;
    let (line1, line2) = wrap(
        &fonts.title,
        &clean(&distribution.title),
        right - left - n_width - 2 * GAP,
        right - left,
    )?;
    write(root, &fonts.title, TEXT, &line1, left, y + 34, HPos::Left)?;
    write(root, &fonts.title, TEXT, &line2, left, y + 54, HPos::Left)?;

    let rows_top = y + ROWS_TOP;
    if rows.is_empty() {
        let middle = (x + w / 2, rows_top + ROWS_HEIGHT / 2);
        return write(
            root,
            &fonts.title,
            MUTED,
            "—",
            middle.0,
            middle.1,
            HPos::Center,
        );
    }

    let values: Vec<String> = rows.iter().map(|r| value(r.count, total)).collect();
    let mut value_width = 0;
    for v in &values {
        value_width = value_width.max(measure(&fonts.label, v)?);
    }
    let value_width = value_width.min(MAX_VALUE_WIDTH);
    let bars_left = left + LABEL_WIDTH + GAP;
    let bars_width = (right - value_width - GAP - bars_left).max(0);

    // rows.len() <= MAX_BARS, so the cast is exact.
    let row_height = (ROWS_HEIGHT / rows.len() as i32).min(MAX_ROW_HEIGHT);
    let bar_height = (row_height - 6).min(22);
    for (i, (row, value)) in rows.iter().zip(&values).enumerate() {
        let middle = rows_top + i as i32 * row_height + row_height / 2;
        // Text of size s sits its capitals around its baseline - 0.36 s: centre them on the bar.
        let baseline = middle + 5;
        let label = fit(&fonts.label, &row.label, LABEL_WIDTH)?;
        write(root, &fonts.label, TEXT, &label, left, baseline, HPos::Left)?;

        let length = bar_length(row.count, largest, bars_width);
        if length > 0 {
            let top = middle - bar_height / 2;
            rect(
                root,
                BAR,
                (bars_left, top),
                (bars_left + length, top + bar_height),
            )?;
        }
        let value = fit(&fonts.label, value, value_width)?;
        let at = bars_left + length + GAP;
        write(root, &fonts.label, MUTED, &value, at, baseline, HPos::Left)?;
    }
    Ok(())
}

/// Pixels of a bar for `count` when the largest count gets `width`; a count above zero gets at
/// least 2 px, so it doesn't look like none.
fn bar_length(count: u64, largest: u64, width: i32) -> i32 {
    if count == 0 || largest == 0 || width <= 0 {
        return 0;
    }
    let length = (count as f64 / largest as f64 * f64::from(width)).round() as i32;
    length.clamp(2.min(width), width)
}

/// `12 (34%)`: the count and its share of `total`, rounded half up as in the digest's text, and
/// `<1%` for a share that would round to nothing.
fn value(count: u64, total: u128) -> String {
    let share = if total == 0 {
        0.0
    } else {
        count as f64 / total as f64 * 100.0
    };
    if count > 0 && share < 0.5 {
        format!("{count} (<1%)")
    } else {
        format!("{count} ({:.0}%)", share.round())
    }
}

/// Text as one line: control characters and runs of white space become one space, invisible
/// characters the font would draw as boxes are dropped, and it is cut at [`MAX_TEXT_CHARS`].
fn clean(text: &str) -> String {
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
fn measure(font: &FontDesc<'_>, text: &str) -> Result<i32, ChartError> {
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
fn fit(font: &FontDesc<'_>, text: &str, max: i32) -> Result<String, ChartError> {
    if measure(font, text)? <= max {
        return Ok(text.to_owned());
    }
    let head = fitting_prefix(font, text, "…", max)?;
    Ok(format!("{}…", head.trim_end()))
}

/// `text` on two lines of `first` and `second` pixels: broken after the last word that fits
/// (within a word if none does), the second line cut with an ellipsis.
fn wrap(
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
fn write(
    area: &Area<'_>,
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

fn rect(
    area: &Area<'_>,
    color: RGBColor,
    from: (i32, i32),
    to: (i32, i32),
) -> Result<(), ChartError> {
    let style = ShapeStyle {
        color: color.to_rgba(),
        filled: true,
        stroke_width: 0,
    };
    area.draw(&Rectangle::new([from, to], style))
        .map_err(draw_error)
}

fn encode(width: u32, height: u32, rgb: &[u8]) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // The default level: a full chart is ~175 kB in ~30 ms, where `Fast` gives ~430 kB in ~7 ms
    // and `High` saves nothing more; the upload matters more than the milliseconds.
    encoder.set_compression(png::Compression::Balanced);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Decodes a PNG into its width, height and RGB bytes.
    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG header");
        let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
        let info = reader.next_frame(&mut buf).expect("a PNG frame");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    fn question(title: &str, bars: &[(&str, u64)]) -> Distribution {
        Distribution {
            total: None,
            title: title.into(),
            bars: bars.iter().map(|(l, c)| (l.to_string(), *c)).collect(),
        }
    }

    fn sample(n: usize) -> Vec<Distribution> {
        (0..n)
            .map(|i| {
                question(
                    &format!("Question {i}: where should the next water point go?"),
                    &[("School", 12), ("Market", 7), ("Clinic", i as u64)],
                )
            })
            .collect()
    }

    /// Pixels of the given colour in an RGB buffer.
    fn count(rgb: &[u8], color: RGBColor) -> usize {
        rgb.chunks_exact(3)
            .filter(|p| p == &[color.0, color.1, color.2])
            .count()
    }

    #[test]
    fn sizes_are_fixed_by_the_number_of_panels() {
        assert_eq!(chart_size(0), (640, 336));
        assert_eq!(chart_size(1), (640, 336));
        assert_eq!(chart_size(2), (1280, 336));
        assert_eq!(chart_size(4), (1280, 616));
        assert_eq!(chart_size(10), (1280, 1456));
        assert_eq!(chart_size(11), chart_size(10));
        assert_eq!(chart_size(usize::MAX), chart_size(10));
    }

    #[test]
    fn the_png_decodes_at_its_documented_size() {
        for n in [0, 1, 4, 10] {
            let png = distributions_png("Survey: Water points", &sample(n)).unwrap();
            let (w, h, _) = decode(&png);
            assert_eq!((w, h), chart_size(n), "n = {n}");
        }
    }

    #[test]
    fn more_than_ten_panels_are_left_out() {
        let png = distributions_png("Too many", &sample(25)).unwrap();
        let (w, h, _) = decode(&png);
        assert_eq!((w, h), chart_size(10));
    }

    #[test]
    fn the_chart_is_not_blank() {
        let png = distributions_png(
            "Survey: Water points — 2026-11-20 to 2026-11-27",
            &[question("Where first?", &[("School", 5), ("Market", 3)])],
        )
        .unwrap();
        let (w, h, rgb) = decode(&png);
        let pixels = (w * h) as usize;
        let white = count(&rgb, BACKGROUND);
        assert!(white < pixels, "all background");
        assert!(count(&rgb, CARD) > 0, "no panel");
        // The School bar: the largest, full width; Market's is 3/5 of it.
        assert!(count(&rgb, BAR) > 1000, "no bars");
        // Text is antialiased: some pixels are neither white, card, nor bar.
        let other = rgb
            .chunks_exact(3)
            .filter(|p| {
                ![BACKGROUND, CARD, BAR]
                    .iter()
                    .any(|c| p == &[c.0, c.1, c.2])
            })
            .count();
        assert!(other > 500, "no text ({other} text pixels)");
    }

    #[test]
    fn all_zero_counts_and_empty_distributions_render() {
        let distributions = [
            question("Nobody answered", &[("Yes", 0), ("No", 0)]),
            question("No options at all", &[]),
            question("", &[("", 0)]),
            Distribution::default(),
        ];
        let png = distributions_png("", &distributions).unwrap();
        let (w, h, rgb) = decode(&png);
        assert_eq!((w, h), chart_size(4));
        assert_eq!(count(&rgb, BAR), 0, "a bar for zero answers");
        let png = distributions_png("Empty", &[]).unwrap();
        assert_eq!(decode(&png).0, chart_size(0).0);
    }

    #[test]
    fn very_long_labels_and_titles_are_cut() {
        let long = "A very long option label that goes on and on ".repeat(50);
        let word = "x".repeat(5000);
        let distributions = [
            question(&long, &[(&long, 3), (&word, 1)]),
            question(&word, &[("short", u64::MAX), ("other", u64::MAX)]),
        ];
        let png = distributions_png(&long, &distributions).unwrap();
        assert_eq!(decode(&png).0, chart_size(2).0);

        let fonts = Fonts::load().unwrap();
        let cut = fit(&fonts.label, &clean(&long), LABEL_WIDTH).unwrap();
        assert!(
            cut.ends_with('…') && cut.starts_with("A very long"),
            "{cut}"
        );
        assert!(measure(&fonts.label, &cut).unwrap() <= LABEL_WIDTH);
        let (one, two) = wrap(&fonts.title, &clean(&long), 400, 600).unwrap();
        assert!(
            one.starts_with("A very long") && !one.ends_with(' '),
            "{one}"
        );
        assert!(
            one.ends_with(|c: char| c.is_alphabetic()),
            "cut within a word: {one}"
        );
        assert!(two.ends_with('…'), "{two}");
        assert!(measure(&fonts.title, &one).unwrap() <= 400);
        assert!(measure(&fonts.title, &two).unwrap() <= 600);
        let (one, two) = wrap(&fonts.title, &word, 400, 600).unwrap();
        assert!(!one.is_empty() && two.ends_with('…'));
    }

    #[test]
    fn non_ascii_text_renders() {
        let distributions = [
            question(
                "¿Dónde ponemos el próximo punto de agua? Año, niño, ação, Größe",
                &[("Señal ★★★★★", 4), ("Ñandú 🐦", 2), ("👍🏽 sí", 1)],
            ),
            question(
                "Emoji only 🚰💧🏫 and joiners 👩‍👩‍👧 ❤️",
                &[
                    ("🇪🇸", 1),
                    ("a\u{301}", 1),
                    ("\u{200D}\u{FE0F}", 0),
                    ("\t\n\r", 2),
                ],
            ),
            question("RTL مرحبا and CJK 水 and Cyrillic вода", &[("ελληνικά", 1)]),
        ];
        let png =
            distributions_png("Encuesta: puntos de agua — ñ á é í ó ú ü", &distributions).unwrap();
        assert_eq!(decode(&png).0, chart_size(3).0);
    }

    #[test]
    fn text_is_cleaned_to_one_visible_line() {
        assert_eq!(clean("  a\n\tb  c \u{200B}d\u{FE0F} "), "a b c d");
        assert_eq!(clean("c\u{200B}d\u{00AD}e"), "cde");
        assert_eq!(clean("👍🏽"), "👍");
        assert_eq!(clean("\n\n"), "");
        assert_eq!(clean(&"é".repeat(1000)).chars().count(), MAX_TEXT_CHARS);
    }

    #[test]
    fn values_and_bars_handle_the_edges() {
        assert_eq!(value(0, 0), "0 (0%)");
        assert_eq!(value(1, 3), "1 (33%)");
        assert_eq!(value(1, 8), "1 (13%)");
        assert_eq!(value(1, 1000), "1 (<1%)");
        assert_eq!(
            value(u64::MAX, u128::from(u64::MAX) * 2),
            format!("{} (50%)", u64::MAX)
        );
        assert_eq!(bar_length(0, 0, 100), 0);
        assert_eq!(bar_length(5, 5, 100), 100);
        assert_eq!(bar_length(1, u64::MAX, 100), 2);
        assert_eq!(bar_length(3, 5, 0), 0);
        assert_eq!(bar_length(3, 5, 1), 1);
    }

    #[test]
    fn extra_options_are_summed_in_the_last_row() {
        let bars: Vec<(String, u64)> = (0..15).map(|i| (format!("o{i}"), 1)).collect();
        let rows = rows(&bars);
        assert_eq!(rows.len(), MAX_BARS);
        let last = rows.last().unwrap();
        assert_eq!((last.label.as_str(), last.count), ("… +6", 6));
        let png = distributions_png(
            "Many options",
            &[Distribution {
                total: None,
                title: "q".into(),
                bars,
            }],
        );
        assert!(png.is_ok());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the text and the counts, a chart of the documented size comes out.
        #[test]
        fn any_input_renders(
            heading in any::<String>(),
            distributions in prop::collection::vec(
                (any::<String>(), prop::collection::vec((any::<String>(), any::<u64>()), 0..12)),
                0..12,
            ),
        ) {
            let distributions: Vec<Distribution> = distributions
                .into_iter()
                .map(|(title, bars)| Distribution {
                    title,
                    bars,
                    total: None,
                })
                .collect();
            let png = distributions_png(&heading, &distributions).unwrap();
            let (w, h, _) = decode(&png);
            prop_assert_eq!((w, h), chart_size(distributions.len()));
        }
    }
}
