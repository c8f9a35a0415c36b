//! The word-level reading check on written fixtures (`tests/fixtures/heteronyms/`): heteronyms
//! annotated right for their word are never flagged, and those annotated with a reading of the
//! character that is wrong for the word are, naming the word and its reading.

use annotext_parser::parse_str;
use annotext_transform::{build_tables, context_flags, Rules};
use polars::prelude::*;

const CORRECT: &str = include_str!("../../../tests/fixtures/heteronyms/correct.txt");
const WRONG: &str = include_str!("../../../tests/fixtures/heteronyms/wrong.txt");
const WRONG_TONELESS: &str = include_str!("../../../tests/fixtures/heteronyms/wrong-toneless.txt");
const EXPECTED: &str = include_str!("../../../tests/fixtures/heteronyms/expected.tsv");

/// (line, character, word as written, the word's reading) of every expected flag.
fn expected() -> Vec<(u32, char, String, String)> {
    EXPECTED
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (
                cols[0].parse().unwrap(),
                cols[1].chars().next().unwrap(),
                cols[3].to_owned(),
                cols[5].to_owned(),
            )
        })
        .collect()
}

fn flags(text: &str) -> Vec<(u32, char, String, String)> {
    let doc = parse_str("fixture", text).unwrap();
    context_flags(&doc)
        .into_iter()
        .map(|f| (f.position.line, f.ch, f.word, f.word_reading))
        .collect()
}

#[test]
fn heteronyms_annotated_right_for_their_word_are_never_flagged() {
    assert_eq!(flags(CORRECT), []);
}

#[test]
fn heteronyms_annotated_wrong_for_their_word_are_flagged_with_tones_or_without() {
    let want = expected();
    assert!(want.len() >= 40, "{}", want.len());
    assert_eq!(flags(WRONG), want);
    assert_eq!(flags(WRONG_TONELESS), want);
}

#[test]
fn the_sample_s_minister_is_read_zhang_and_the_anomaly_says_so() {
    let doc = parse_str("t", "一、合作\n1.中國外長(chang)會晤機制;\n").unwrap();
    let tables = build_tables(&[doc], &Rules::default()).unwrap();
    let kinds = tables
        .anomalies
        .column("kind")
        .unwrap()
        .cast(&DataType::String)
        .unwrap();
    let details = tables.anomalies.column("detail").unwrap().clone();
    let row = (0..kinds.len())
        .find(|&i| kinds.get(i).unwrap().get_str() == Some("reading_wrong_in_context"))
        .expect("a reading_wrong_in_context row");
    assert_eq!(
        details.get(row).unwrap().get_str(),
        Some("外長 is read wài zhǎng; 長 is annotated chang")
    );
    // The whole text in pinyin takes the word's reading, not the flagged annotation.
    let pinyin = tables.items.column("pinyin").unwrap().get(0).unwrap();
    assert_eq!(pinyin.get_str(), Some("zhōng guó wài zhǎng huì wù jī zhì;"));
    let annotated = tables
        .items
        .column("annotated_readings")
        .unwrap()
        .get(0)
        .unwrap();
    assert_eq!(annotated.get_str(), Some("chang"));
}

#[test]
fn a_word_read_across_another_word_s_end_says_nothing_of_the_character_after_it() {
    // 适应 ends where 应和 would start: 和 here is "and", read hé.
    assert_eq!(flags("帮助岛国提升适应和(hé)减缓气候变化的能力。\n"), []);
    // A word that stands alone still has its say.
    assert_eq!(
        flags("他们随声应和(hé)。\n"),
        [(1, '和', "应和".to_owned(), "yìng hè".to_owned())]
    );
}
