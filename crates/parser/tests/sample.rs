//! End-to-end facts about the shipped sample, the summit outcome list.

use annotext_parser::{parse_bytes, AnomalyKind, BlockKind, Document, ItemNumber};

fn sample() -> Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/china-central-asia-summit-2023.txt"
    );
    let bytes = std::fs::read(path).expect("the sample ships in data/");
    parse_bytes("china-central-asia-summit-2023", &bytes).expect("the sample parses")
}

#[test]
fn sample_rebuilds_byte_for_byte() {
    let doc = sample();
    assert_eq!(doc.rebuild(), doc.text);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/china-central-asia-summit-2023.txt"
    );
    assert_eq!(doc.rebuild().as_bytes(), std::fs::read(path).unwrap());
}

#[test]
fn sample_has_four_paragraphs_then_three_sections_of_54_19_and_9_items() {
    let doc = sample();
    assert_eq!(doc.paragraphs().count(), 4);
    assert!(doc.paragraphs().all(|p| p.section.is_none()));
    let counts: Vec<usize> = doc.sections.iter().map(|s| s.items.len()).collect();
    assert_eq!(counts, [54, 19, 9]);
    let numerals: Vec<&str> = doc.sections.iter().map(|s| s.numeral.as_str()).collect();
    assert_eq!(numerals, ["一", "二", "三"]);
    let heading = doc.section_heading(&doc.sections[1]);
    assert_eq!(doc.block_text(heading), "中方倡議成立的多邊合作平臺");
}

#[test]
fn sample_counts_648_annotated_hanzi_120_of_them_more_than_once() {
    let doc = sample();
    assert_eq!(doc.chars.len(), 648);
    assert_eq!(
        doc.chars
            .iter()
            .filter(|c| c.annotation_count() > 1)
            .count(),
        120
    );
    assert_eq!(
        doc.chars.iter().map(|c| c.annotation_count()).max(),
        Some(6)
    );
    assert!(doc.chars.iter().all(|c| c.reading.is_some()));
}

#[test]
fn sample_clean_text_is_2872_characters() {
    let doc = sample();
    assert_eq!(doc.clean_text().chars().count(), 2872);
    assert!(!doc.clean_text().contains("(zhong)"));
    assert!(doc.clean_text().contains("(簡稱“中亞峰會”)"));
    assert!(doc.clean_text().contains("(2022-2025年)"));
    assert!(doc
        .clean_text()
        .contains("(哈薩克斯坦、吉爾吉斯斯坦、塔吉克斯坦、烏茲別克斯坦和土庫曼斯坦)"));
}

#[test]
fn item_21_of_section_one_reads_as_published() {
    let doc = sample();
    let item = doc.section_items(&doc.sections[0]).nth(20).unwrap();
    assert_eq!(
        item.kind,
        BlockKind::Item {
            number: ItemNumber(21),
            article: false
        }
    );
    assert_eq!(
        doc.block_text(item),
        "完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"
    );
    assert_eq!(
        doc.block_annotated_text(item),
        "完(wan)成中吉烏鐵路可研工作,推進該鐵路加(jia)快落地建設;"
    );
    assert_eq!(doc.pinyin_of(item.body), "wan jia");
}

#[test]
fn sample_v_spelling_is_read_as_u_umlaut() {
    let doc = sample();
    let lve = doc
        .chars
        .iter()
        .find(|c| doc.reading_as_annotated(c) == "lve")
        .unwrap();
    assert_eq!(lve.reading.unwrap().to_string(), "lüe");
}

#[test]
fn sample_anomalies_are_only_repeats_and_each_has_a_position() {
    let doc = sample();
    let repeats: usize = doc.chars.iter().map(|c| c.annotation_count() - 1).sum();
    assert_eq!(doc.anomalies.len(), repeats);
    assert!(doc
        .anomalies
        .iter()
        .all(|a| a.kind == AnomalyKind::RepeatedAnnotation));
    let first = &doc.anomalies[0];
    assert_eq!((first.position.line, first.position.column), (1, 9));
    assert_eq!(
        first.message(&doc.text),
        "line 1, column 9: repeated annotation (zhong) on 中 collapsed into one reading"
    );
}
