//! Every anomaly kind and every input variant the annotator emits, on small fixtures.

use annotext_parser::{
    parse_bytes, parse_str, AnomalyKind, BlockKind, Document, ItemNumber, ParseError, Position,
};

fn parse(text: &str) -> Document {
    parse_str("fixture", text).unwrap()
}

fn kinds(doc: &Document) -> Vec<AnomalyKind> {
    doc.anomalies.iter().map(|a| a.kind).collect()
}

fn readings(doc: &Document) -> Vec<String> {
    doc.chars
        .iter()
        .map(|c| c.reading.map_or("?".into(), |r| r.to_string()))
        .collect()
}

#[test]
fn repeated_annotations_collapse_and_are_reported() {
    let doc = parse("中(zhong)(zhong)(zhong)國(guo)");
    assert_eq!(doc.chars.len(), 2);
    assert_eq!(doc.chars[0].annotation_count(), 3);
    assert_eq!(readings(&doc), ["zhong", "guo"]);
    assert_eq!(kinds(&doc), [AnomalyKind::RepeatedAnnotation; 2]);
    let columns: Vec<u32> = doc.anomalies.iter().map(|a| a.position.column).collect();
    assert_eq!(columns, [9, 16]);
    assert_eq!(doc.clean_text(), "中國");
}

#[test]
fn conflicting_repeat_keeps_the_first_reading_and_is_reported() {
    let doc = parse("中(zhong)(guo)");
    assert_eq!(readings(&doc), ["zhong"]);
    assert_eq!(kinds(&doc), [AnomalyKind::ConflictingAnnotation]);
    assert_eq!(
        doc.anomalies[0].message(&doc.text),
        "line 1, column 9: conflicting annotation (guo) on 中: keeps zhong, ignores guo"
    );
}

#[test]
fn a_toned_repeat_of_a_toneless_reading_is_a_repeat_not_a_conflict() {
    let doc = parse("中(zhong)(zhong1)");
    assert_eq!(kinds(&doc), [AnomalyKind::RepeatedAnnotation]);
}

#[test]
fn glosses_units_and_labels_in_parentheses_stay_text() {
    // An English gloss, a unit, a clause's letter: no pinyin misspelt, so text, unreported.
    let text = "澜沧江—湄公河（Mekong）合作机制。\n依照第二十条第1款(b)项，质量不超过49吨（t）。\n\
                合作领域包括：(a)海关合作；(b)质检合作。\n";
    let doc = parse(text);
    assert!(doc.chars.is_empty());
    assert_eq!(doc.clean_text(), text);
    assert_eq!(kinds(&doc), []);
    // A misspelt syllable is still an annotation, reported.
    let doc = parse("中(zhongg)國");
    assert_eq!(kinds(&doc), [AnomalyKind::InvalidReading]);
    assert_eq!(doc.clean_text(), "中國");
}

#[test]
fn annotation_after_a_non_hanzi_stays_text_and_is_reported() {
    let doc = parse("在2025(nian)舉辦");
    assert!(doc.chars.is_empty());
    assert_eq!(doc.clean_text(), "在2025(nian)舉辦");
    assert_eq!(kinds(&doc), [AnomalyKind::AnnotationAfterNonHanzi]);
    assert_eq!(doc.anomalies[0].position, Position { line: 1, column: 6 });
}

#[test]
fn unclosed_parenthesis_is_reported_with_line_and_column_and_text_is_kept() {
    let doc = parse("一、標題\n1.中(zhong國(guo)\n");
    assert_eq!(kinds(&doc), [AnomalyKind::UnclosedParenthesis]);
    let a = &doc.anomalies[0];
    assert_eq!(
        a.message(&doc.text),
        "line 2, column 4: unclosed annotation \"(zhong\""
    );
    assert_eq!(doc.block_text(&doc.blocks[1]), "中(zhong國");
    assert_eq!(readings(&doc), ["guo"]);
}

#[test]
fn unmatched_closing_parenthesis_is_reported() {
    let doc = parse("中國)好");
    assert_eq!(kinds(&doc), [AnomalyKind::UnmatchedParenthesis]);
    assert_eq!(doc.clean_text(), "中國)好");
}

#[test]
fn syllable_shaped_but_invalid_reading_is_reported() {
    let doc = parse("中(zhongg)國(guo)");
    assert_eq!(kinds(&doc), [AnomalyKind::InvalidReading]);
    assert_eq!(readings(&doc), ["?", "guo"]);
    assert_eq!(
        doc.anomalies[0].message(&doc.text),
        "line 1, column 2: \"(zhongg)\" is not a pinyin syllable"
    );
    // An invalid first annotation yields to a valid repeat.
    let doc = parse("中(xong)(zhong)");
    assert_eq!(readings(&doc), ["zhong"]);
}

#[test]
fn real_parentheticals_stay_text_with_their_inner_annotations_parsed() {
    let doc = parse("峰(feng)會(hui)(簡稱“中(zhong)亞(ya)峰會”)和路線圖(2022-2025年)");
    assert_eq!(
        doc.clean_text(),
        "峰會(簡稱“中亞峰會”)和路線圖(2022-2025年)"
    );
    assert_eq!(readings(&doc), ["feng", "hui", "zhong", "ya"]);
    assert!(doc.anomalies.is_empty());
}

#[test]
fn tone_marks_digits_umlaut_and_v_are_all_read() {
    let doc = parse("中(zhōng)國(guo2)綠(lü4)略(lve)女(nv3)");
    assert_eq!(readings(&doc), ["zhong1", "guo2", "lü4", "lüe", "nü3"]);
    assert_eq!(doc.reading_as_annotated(&doc.chars[3]), "lve");
}

#[test]
fn fullwidth_parentheses_and_simplified_characters_are_accepted() {
    let doc = parse("中（zhong）国（guo）(guo)");
    assert_eq!(readings(&doc), ["zhong", "guo"]);
    assert_eq!(doc.reading_as_annotated(&doc.chars[1]), "guo");
    assert_eq!(kinds(&doc), [AnomalyKind::RepeatedAnnotation]);
    assert_eq!(doc.clean_text(), "中国");
}

#[test]
fn crlf_bom_and_missing_final_newline_survive_the_round_trip() {
    let text = "\u{FEFF}一、標題\r\n1.中(zhong)國\r\n2.好(hao)";
    let doc = parse(text);
    assert_eq!(doc.rebuild(), text);
    assert_eq!(doc.clean_text(), "一、標題\r\n1.中國\r\n2.好");
    assert_eq!(doc.sections[0].items.len(), 2);
    assert_eq!(doc.chars[0].position, Position { line: 2, column: 3 });
    let item = &doc.blocks[2];
    assert_eq!(doc.block_text(item), "好");
}

#[test]
fn items_accept_fullwidth_dot_and_ideographic_comma() {
    let doc = parse("一、甲\n1.一\n2．二\n3、三\n");
    let numbers: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Item { number, .. } => Some(number.0),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert!(doc.anomalies.is_empty());
}

#[test]
fn numbering_gaps_duplicates_and_restarts_are_reported() {
    let doc = parse("一、甲\n1.a\n3.b\n3.c\n1.d\n三、乙\n1.e\n");
    assert_eq!(
        kinds(&doc),
        [
            AnomalyKind::NumberingGap,
            AnomalyKind::NumberingDuplicate,
            AnomalyKind::NumberingRestart,
            AnomalyKind::NumberingGap,
        ]
    );
    let lines: Vec<u32> = doc.anomalies.iter().map(|a| a.position.line).collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    assert_eq!(
        doc.anomalies[3].message(&doc.text),
        "line 6, column 1: numbering gap: section 3 where 2 was expected"
    );
    // A new section starts its items at 1 again without complaint.
    assert_eq!(doc.sections[1].items.len(), 1);
    assert_eq!(doc.sections[1].number, ItemNumber(3));
}

#[test]
fn invalid_utf8_is_an_error_with_its_offset_line_and_column() {
    let err = parse_bytes("bad", b"ab\n\xe4\xb8\xadc\xff").unwrap_err();
    assert_eq!(
        err,
        ParseError::InvalidUtf8 {
            offset: 7,
            line: 2,
            column: 3
        }
    );
    assert!(err
        .to_string()
        .starts_with("invalid UTF-8 at byte 7 (line 2, column 3): annotext reads UTF-8 only"));
}

#[test]
fn runs_of_control_characters_are_one_anomaly_each_and_stay_text() {
    let text = "一、甲\r\n1.中\0\0(zhong)國\u{7f}\r\n\u{1}\t2.和\n";
    let doc = parse_str("ctl", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    let found: Vec<(u32, u32, &str)> = doc
        .anomalies
        .iter()
        .filter(|a| a.kind == AnomalyKind::ControlCharacter)
        .map(|a| (a.position.line, a.position.column, doc.slice(a.span)))
        .collect();
    assert_eq!(found, [(2, 4, "\0\0"), (2, 14, "\u{7f}"), (3, 1, "\u{1}")]);
    assert!(doc.anomalies[0]
        .message(&doc.text)
        .contains("2 control character(s), first U+0000"));
    // The NULs sit between 中 and its annotation: the annotation no longer follows a hanzi.
    assert!(doc
        .anomalies
        .iter()
        .any(|a| a.kind == AnomalyKind::AnnotationAfterNonHanzi));
}

#[test]
fn empty_input_is_an_error() {
    assert_eq!(parse_bytes("e", b"").unwrap_err(), ParseError::Empty);
    assert_eq!(
        parse_bytes("e", "\u{FEFF} \n\r\n".as_bytes()).unwrap_err(),
        ParseError::Empty
    );
}

#[test]
fn records_survive_a_serde_round_trip() {
    let doc = parse("一、標題\n1.中(zhōng)(zhong)國(guo)略(lve)\n");
    let json = serde_json::to_string(&doc).unwrap();
    let back: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc);
    assert!(json.contains("\"reading\":\"zhong1\""));
    assert!(json.contains("\"kind\":\"repeated_annotation\""));
}
