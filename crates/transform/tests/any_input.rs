//! Property: whatever text the parser accepts, every table is built (no panic, no error), one
//! items row per numbered item, and anomalies rows (findings) whose counts account for every
//! parser anomaly: folding loses none; the record counts what the documents table counts. This
//! is the
//! whole-pipeline counterpart of the parser's fuzz target, for small inputs.

use annotext_parser::{parse_str, BlockKind};
use annotext_transform::{build_tables, document_record, Rules};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("中".to_owned()),
        Just("國".to_owned()),
        Just("長".to_owned()),
        Just("(zhong)".to_owned()),
        Just("(chang)".to_owned()),
        Just("(zhongg)".to_owned()),
        Just("（zhōng）".to_owned()),
        Just("(2022-2025年)".to_owned()),
        Just("2020年7月".to_owned()),
        Just("《".to_owned()),
        Just("》".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("哈薩克斯坦".to_owned()),
        Just("機制".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("1.".to_owned()),
        Just("3.".to_owned()),
        Just("一、".to_owned()),
        Just("（二）".to_owned()),
        Just("   ".to_owned()),
        Just("；".to_owned()),
        Just("\0".to_owned()),
        "[a-z0-9 .、]{0,4}",
        any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_table_is_built_for_any_parsable_text(
        pieces in prop::collection::vec(piece(), 1..60)
    ) {
        let text: String = pieces.concat();
        let Ok(doc) = parse_str("any", &text) else {
            return Ok(());
        };
        let items = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
            .count();
        let anomalies: u64 = doc.anomalies.iter().map(|a| u64::from(a.count())).sum();
        let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
        prop_assert_eq!(tables.items.height(), items);
        // Findings fold anomalies; their counts (plus the dictionary's warnings) cover them all.
        let counted: u64 = tables
            .anomalies
            .column("count")
            .unwrap()
            .i64()
            .unwrap()
            .iter()
            .map(|c| c.unwrap_or(0) as u64)
            .sum();
        prop_assert!(counted >= anomalies);
        prop_assert!(tables.anomalies.height() as u64 <= counted);
        prop_assert_eq!(tables.sections.height(), doc.sections.len());
        // The record counts what the documents table counts, and never more annotated hanzi
        // than hanzi.
        let record = document_record(&doc);
        let cell = |name: &str| -> u64 {
            let column = tables.documents.column(name).unwrap();
            column.cast(&polars::prelude::DataType::UInt64).unwrap().u64().unwrap().get(0).unwrap()
        };
        prop_assert_eq!(record.counts.characters, cell("characters"));
        prop_assert_eq!(record.counts.hanzi, cell("hanzi"));
        prop_assert_eq!(record.counts.annotated_hanzi, cell("annotated_hanzi"));
        prop_assert!(record.counts.annotated_hanzi <= record.counts.hanzi);
        prop_assert_eq!(u64::from(record.counts.items), cell("items"));
    }
}
