use super::text::MAX_TEXT_CHARS;
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

/// The bars of an SVG chart: `(x, y, width, height)` of each rectangle in the bar colour.
fn svg_bars(svg: &str) -> Vec<(i32, i32, i32, i32)> {
    let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", BAR.0, BAR.1, BAR.2);
    svg.lines()
        .filter(|l| l.starts_with("<rect") && l.contains(&fill))
        .map(|l| {
            let attr = |name: &str| -> i32 {
                let start = l.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
                l[start..].split('"').next().unwrap().parse().unwrap()
            };
            (attr("x"), attr("y"), attr("width"), attr("height"))
        })
        .collect()
}

#[test]
fn the_svg_and_the_png_are_drawn_from_the_same_numbers() {
    let distributions = [
        question(
            "Where first?",
            &[("School", 12), ("Market", 7), ("Clinic", 0)],
        ),
        Distribution {
            total: Some(9),
            ..question("Which ones? (several)", &[("A", 9), ("B", 4), ("C", 1)])
        },
        question(
            "Many options",
            &(0..14)
                .map(|i| (["a", "b", "c"][i % 3], i as u64))
                .collect::<Vec<_>>(),
        ),
    ];
    let heading = "Survey: <Water> & \"points\"";
    let svg = distributions_svg(heading, &distributions).unwrap();
    let (w, h, rgb) = decode(&distributions_png(heading, &distributions).unwrap());
    let (sw, sh) = chart_size(distributions.len());
    assert!(
        svg.starts_with(&format!("<svg width=\"{sw}\" height=\"{sh}\"")),
        "{}",
        &svg[..80]
    );
    assert_eq!((w, h), (sw, sh));
    assert!(svg.contains("Survey: &lt;Water&gt; &amp;"), "escaped text");
    assert!(
        !svg.contains("coloop-dejavu-sans"),
        "a font family browsers know"
    );

    // Every bar of the SVG is a bar of the PNG, of the same length, and there are no others.
    let bars = svg_bars(&svg);
    assert_eq!(bars.len(), 2 + 3 + 9, "the non-zero rows");
    let pixel = |x: i32, y: i32| {
        let i = (y as usize * w as usize + x as usize) * 3;
        [rgb[i], rgb[i + 1], rgb[i + 2]] == [BAR.0, BAR.1, BAR.2]
    };
    let mut area = 0;
    for (x, y, width, height) in &bars {
        let middle = y + height / 2;
        let drawn = (*x..*x + width + 2).filter(|&px| pixel(px, middle)).count() as i32;
        assert_eq!(drawn, *width, "the PNG's bar at {x},{y}");
        area += width * height;
    }
    assert_eq!(count(&rgb, BAR) as i32, area, "no other bar in the PNG");

    // Every number the text equivalent gives is the one written beside its bar.
    for d in &distributions {
        let (rows, total) = text_equivalent(d);
        assert_eq!(rows.len(), d.bars.len().min(MAX_BARS));
        assert!(svg.contains(&format!(">\nn = {total}\n<")), "n = {total}");
        for row in rows {
            assert!(
                svg.contains(&format!(">\n{}\n<", row.value)),
                "{}",
                row.value
            );
            assert_eq!(row.value, value(row.count, total));
        }
    }
    let (rows, _) = text_equivalent(&distributions[1]);
    assert_eq!(
        rows[0].share, 1.0,
        "multiple choice: shares of the 9 who answered"
    );
    let (rows, _) = text_equivalent(&distributions[2]);
    assert_eq!(
        rows.last().map(|r| (r.label.as_str(), r.count)),
        Some(("… +5", 9 + 10 + 11 + 12 + 13))
    );

    // One question alone: the same panel, without the heading band.
    let panel = distribution_svg(&distributions[0]).unwrap();
    assert!(panel.starts_with(&format!(
        "<svg width=\"{}\" height=\"{}\"",
        PANEL_SIZE.0, PANEL_SIZE.1
    )));
    let alone: Vec<_> = svg_bars(&panel).iter().map(|b| (b.2, b.3)).collect();
    let in_chart: Vec<_> = bars[..2].iter().map(|b| (b.2, b.3)).collect();
    assert_eq!(alone, in_chart);
}
