//! Property: whatever the text, the records rebuild it byte for byte, and parsing never panics.

use annotext_parser::{parse_bytes, parse_str, SegmentKind};
use proptest::prelude::*;

/// Pieces the real annotator emits, and the odd things a broken one might.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("中".to_owned()),
        Just("國".to_owned()),
        Just("(zhong)".to_owned()),
        Just("(guo)".to_owned()),
        Just("（zhōng）".to_owned()),
        Just("(lve)".to_owned()),
        Just("(zhongg)".to_owned()),
        Just("(2022-2025年)".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("（".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("1.".to_owned()),
        Just("一、".to_owned()),
        Just("，".to_owned()),
        Just("\u{FEFF}".to_owned()),
        "[a-z0-9 .、]{0,4}",
        any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn records_rebuild_the_source_byte_for_byte(pieces in prop::collection::vec(piece(), 1..40)) {
        let text: String = pieces.concat();
        if let Ok(doc) = parse_str("p", &text) {
            prop_assert_eq!(doc.rebuild(), text.clone());
            // The segments tile the text: contiguous, in order, from 0 to the end.
            let mut at = 0;
            for s in &doc.segments {
                prop_assert_eq!(s.span.start as usize, at);
                at = s.span.end as usize;
            }
            prop_assert_eq!(at, text.len());
            // Clean text is the source minus exactly the annotation segments and the BOM.
            let removed: usize = doc.segments.iter()
                .filter(|s| matches!(s.kind, SegmentKind::Annotation | SegmentKind::Bom))
                .map(|s| s.span.len()).sum();
            prop_assert_eq!(doc.clean_text().len() + removed, text.len());
            for a in &doc.anomalies {
                prop_assert!(a.position.line >= 1 && a.position.column >= 1);
                prop_assert!(a.span.end as usize <= text.len());
            }
        } else {
            let blank = text.trim_start_matches('\u{FEFF}').trim().is_empty();
            prop_assert!(blank);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(doc) = parse_bytes("p", &bytes) {
            let rebuilt = doc.rebuild();
            prop_assert_eq!(rebuilt.as_bytes(), &bytes[..]);
        }
    }
}
