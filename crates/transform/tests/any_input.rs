//! Property: whatever text the parser accepts, every table is built (no panic, no error), one
//! items row per numbered item and one anomalies row per parser anomaly at least. This is the
//! whole-pipeline counterpart of the parser's fuzz target, for small inputs.

use annotext_parser::{parse_str, BlockKind};
use annotext_transform::{build_tables, Rules};
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
        let anomalies = doc.anomalies.len();
        let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
        prop_assert_eq!(tables.items.height(), items);
        prop_assert!(tables.anomalies.height() >= anomalies);
        prop_assert_eq!(tables.sections.height(), doc.sections.len());
    }
}
