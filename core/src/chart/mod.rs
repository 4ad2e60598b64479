//! Bar charts of survey answer distributions — PNG for the chat's digest, SVG for the web
//! dashboard, drawn by the same code on plotters' bitmap or SVG backend: one panel per
//! question, one horizontal bar per answer option, each labelled with its count and share.
//! [`text_equivalent`] gives the same rows as text (the dashboard's accessible table).
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
//!
//! This file owns the layout and the drawing; `text.rs` the font and the fitting of texts.

mod text;

use plotters::backend::{BitMapBackend, DrawingBackend, RGBPixel, SVGBackend};
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters::element::Rectangle;
use plotters::style::text_anchor::HPos;
use plotters::style::{Color, RGBColor, ShapeStyle};

use crate::survey;
use text::{Fonts, clean, fit, measure, wrap, write};

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

/// The chart of [`distributions_png`] as an SVG document (a string, to inline in a page), drawn
/// by the same code: same size, panels, bars, labels and numbers. Texts are SVG text in the
/// DejaVu Sans family (falling back to the browser's sans-serif), escaped by plotters.
pub fn distributions_svg(
    heading: &str,
    distributions: &[Distribution],
) -> Result<String, ChartError> {
    let fonts = Fonts::load()?;
    let shown = &distributions[..distributions.len().min(MAX_PANELS)];
    svg(chart_size(shown.len()), |root| {
        draw_chart(root, &fonts, heading, shown)
    })
}

/// One question's panel alone as an SVG document ([`PANEL_SIZE`], no heading band): the
/// dashboard shows a chart per question.
pub fn distribution_svg(distribution: &Distribution) -> Result<String, ChartError> {
    let fonts = Fonts::load()?;
    svg(PANEL_SIZE, |root| {
        draw_panel(root, &fonts, distribution, (0, 0))
    })
}

/// Width and height in pixels of [`distribution_svg`]'s panel.
pub const PANEL_SIZE: (u32, u32) = (PANEL_WIDTH, PANEL_HEIGHT);

/// The font family plotters writes into SVG text: the name the font is registered under.
const SVG_FONT_FROM: &str = "font-family=\"coloop-dejavu-sans\"";
/// What a browser is told instead: the same font if installed, else a similar one.
const SVG_FONT_TO: &str = "font-family=\"DejaVu Sans, Verdana, sans-serif\"";

/// Draws with `draw` on a white SVG canvas of `size`.
fn svg(
    size: (u32, u32),
    draw: impl FnOnce(&Area<SVGBackend<'_>>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&BACKGROUND).map_err(draw_error)?;
        draw(&root)?;
        root.present().map_err(draw_error)?;
    }
    Ok(out.replace(SVG_FONT_FROM, SVG_FONT_TO))
}

/// One row of a chart as text: what the bar stands for, its count, and the number drawn beside
/// it (`12 (34%)`).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    pub label: String,
    pub count: u64,
    /// The count's share of the panel's total, 0–1.
    pub share: f64,
    /// Exactly the text drawn beside the bar.
    pub value: String,
}

/// The rows the chart draws for `distribution`, as text — the same rows (a `… +k` row sums up
/// options past [`MAX_BARS`]), counts and numbers — with the total the shares are of.
pub fn text_equivalent(distribution: &Distribution) -> (Vec<ChartRow>, u128) {
    let total = total_of(distribution);
    let rows = rows(&distribution.bars)
        .into_iter()
        .map(|row| ChartRow {
            share: if total == 0 {
                0.0
            } else {
                row.count as f64 / total as f64
            },
            value: value(row.count, total),
            label: row.label,
            count: row.count,
        })
        .collect();
    (rows, total)
}

/// What a panel's shares are of: the given total, else the sum of its bars (summed wide, so no
/// count is too large).
fn total_of(distribution: &Distribution) -> u128 {
    match distribution.total {
        Some(total) => u128::from(total),
        None => distribution.bars.iter().map(|(_, c)| u128::from(*c)).sum(),
    }
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
fn draw_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(error.to_string())
}

type Area<DB> = DrawingArea<DB, Shift>;

fn draw_chart<DB: DrawingBackend>(
    root: &Area<DB>,
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

fn draw_panel<DB: DrawingBackend>(
    root: &Area<DB>,
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
    // Shares are of everything answered, hidden or not.
    let total = total_of(distribution);
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

fn rect<DB: DrawingBackend>(
    area: &Area<DB>,
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
mod tests;
