//! Writing a 1,000,000-row items table to xlsx: time and peak memory (VmHWM).
//!
//! Run: `cargo bench -p annotext-export-xlsx --bench million_rows`

use std::time::Instant;

use annotext_export_xlsx::{workbook_bytes, WorkbookInfo, MAX_DATA_ROWS};
use annotext_transform::{build_tables, Rules};
use polars::prelude::*;

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn main() {
    let doc = annotext_parser::parse_str("summit", SAMPLE).unwrap();
    let mut tables = build_tables(&[doc], &Rules::default()).unwrap();
    // Repeat the 82 sample items to a million rows.
    let rows = 1_000_000usize;
    let idx: Vec<IdxSize> = (0..rows)
        .map(|i| (i % tables.items.height()) as IdxSize)
        .collect();
    tables.items = tables
        .items
        .take(&IdxCa::from_vec("idx".into(), idx))
        .unwrap();
    let before = peak_rss_mib();
    let start = Instant::now();
    let bytes = workbook_bytes(
        &tables,
        &WorkbookInfo {
            title: "bench".into(),
            subject: "1M rows".into(),
        },
        MAX_DATA_ROWS,
    )
    .unwrap();
    let elapsed = start.elapsed();
    println!(
        "items rows {rows}: {:.2} s, xlsx {:.1} MiB, peak RSS {:.0} MiB (table in memory before writing: {:.0} MiB)",
        elapsed.as_secs_f64(),
        bytes.len() as f64 / 1048576.0,
        peak_rss_mib(),
        before
    );
}
