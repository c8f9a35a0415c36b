//! The sample's briefing, checked the way a reader sees it: poppler's pdftotext, pdfinfo and
//! pdffonts on the file (installed on first use by `annotext-poppler-check`).

use annotext_export_pdf::{placed_lines, render_briefing, BriefingOptions, COLUMN_WIDTH};
use annotext_parser::{parse_str, BlockKind, Document};
use annotext_poppler_check::poppler;
use annotext_transform::{build_tables, Rules, Tables};

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");

fn sample() -> (Document, Tables) {
    let doc = parse_str("china-central-asia-summit-2023", SAMPLE).unwrap();
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
    (doc, tables)
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdftotext_gives_every_item_in_order() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let text = squeeze(&poppler("pdftotext", &briefing.bytes, &[]));
    let mut from = 0;
    let mut found = 0;
    for block in &doc.blocks {
        if let BlockKind::Item { number } = block.kind {
            let item = squeeze(&format!("{}.{}", number.0, doc.block_text(block)));
            let at = text[from..]
                .find(&item)
                .unwrap_or_else(|| panic!("item {item} missing or out of order"));
            from += at + item.len();
            found += 1;
        }
    }
    assert_eq!(found, 82);
    assert!(text.contains("21.完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"));
    assert!(text.contains("中國-中亞峰會成果清單"), "derived title");
    assert!(text.contains(&format!("page1of{}", briefing.pages)));
}

#[test]
fn page_count_is_what_the_layout_computed_and_metadata_is_set() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let info = poppler("pdfinfo", &briefing.bytes, &[]);
    assert!(
        info.contains(&format!("Pages:           {}", briefing.pages)),
        "{info}"
    );
    assert!(
        info.contains("Title:           中國-中亞峰會成果清單"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.") && info.contains("(A4)"),
        "{info}"
    );
    assert!(briefing.pages >= 4);
}

#[test]
fn the_font_is_embedded_as_a_subset_and_the_file_stays_small() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let fonts = poppler("pdffonts", &briefing.bytes, &[]);
    let row = fonts.lines().nth(2).unwrap_or_else(|| panic!("{fonts}"));
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert!(
        cols[0].contains('+') && cols[0].contains("WenQuanYi"),
        "{fonts}"
    );
    // name type encoding emb sub uni object ID
    let n = cols.len();
    assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{fonts}");
    assert!(
        briefing.bytes.len() < 1_000_000,
        "{} bytes",
        briefing.bytes.len()
    );
}

#[test]
fn reruns_give_the_same_bytes() {
    let (doc, tables) = sample();
    let a = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let b = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    assert!(a.bytes == b.bytes);
}

#[test]
fn no_line_is_wider_than_the_column() {
    let (doc, tables) = sample();
    for pinyin in [false, true] {
        let options = BriefingOptions {
            pinyin,
            ..Default::default()
        };
        let lines = placed_lines(&doc, &tables, &options).unwrap();
        assert!(lines.len() > 100);
        for (width, text) in lines {
            assert!(width <= COLUMN_WIDTH + 1e-6, "{text:?} is {width} pt wide");
        }
    }
}

#[test]
fn the_reading_edition_sets_pinyin_above_the_characters() {
    let (doc, tables) = sample();
    let options = BriefingOptions {
        pinyin: true,
        title: Some("Reading edition".into()),
        ..Default::default()
    };
    let briefing = render_briefing(&doc, &tables, &options).unwrap();
    let text = poppler("pdftotext", &briefing.bytes, &[]);
    assert!(text.contains("Reading edition"));
    // Toned pinyin over every hanzi, not only the annotated ones: 戰略 (annotated lve) reads
    // zhàn lüè, and 外長 (annotated chang, wrong for the word) is set with the word's zhǎng.
    for syllable in ["zhàn", "lüè", "wài", "zhǎng", "chéng", "lì"] {
        assert!(text.contains(syllable), "{syllable} not printed");
    }
    let plain = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let plain = poppler("pdftotext", &plain.bytes, &[]);
    // The plain edition prints no pinyin (the annex quotes a word's reading, not this one).
    assert!(!plain.contains("zhàn") && !plain.contains("lüè"));
}
