//! Small inputs through the whole pipeline: whatever the parser accepts becomes tables, and
//! every exporter writes them (CSV, Parquet, JSON Lines, workbook, briefing) without a panic or
//! an error, with one items row per numbered item.
#![no_main]

use annotext_parser::BlockKind;
use annotext_transform::{build_tables, Rules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Small inputs: the parser has its own target for size; this one is about what follows.
    if data.len() > 4096 {
        return;
    }
    let Ok(doc) = annotext_parser::parse_bytes("fuzz", data) else {
        return;
    };
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default())
        .expect("a parsed document always makes tables");
    let items = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
        .count();
    assert_eq!(tables.items.height(), items);

    let dir = tempfile::tempdir().expect("a scratch folder");
    for (name, df) in tables.named() {
        annotext_export_csv::write_csv(
            &dir.path().join(format!("{name}.csv")),
            df,
            annotext_export_csv::CsvFlavor::Excel,
        )
        .expect("CSV is written");
        annotext_export_parquet::write_parquet(&dir.path().join(format!("{name}.parquet")), df)
            .expect("Parquet is written");
    }
    annotext_export_jsonl::write_records(
        &dir.path().join("records.jsonl"),
        std::slice::from_ref(&doc),
    )
    .expect("records are written");
    let info = annotext_export_xlsx::WorkbookInfo {
        title: "fuzz".into(),
        subject: "fuzz".into(),
    };
    annotext_export_xlsx::workbook_bytes(&tables, &info, 3).expect("the workbook is built");
    annotext_export_pdf::render_briefing(&doc, &tables, &Default::default())
        .expect("the briefing is rendered");
});
