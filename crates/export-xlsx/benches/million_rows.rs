//! Writing a 1,000,000-row items table to xlsx: time and peak memory (VmHWM).
//!
//! Run: `cargo bench -p annotext-export-xlsx --bench million_rows`

use std::time::Instant;

use annotext_export_xlsx::{write_workbook, WorkbookInfo};
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
    let dir = std::env::temp_dir().join("annotext-xlsx-bench");
    let path = dir.join("million.xlsx");
    let info = WorkbookInfo {
        title: "bench".into(),
        subject: "1M rows".into(),
    };
    let start = Instant::now();
    write_workbook(&path, &tables, &info).unwrap();
    let elapsed = start.elapsed();
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "items rows {rows}: {:.2} s, xlsx {:.1} MiB, peak RSS {:.0} MiB (before writing: {:.0} MiB)",
        elapsed.as_secs_f64(),
        size as f64 / 1048576.0,
        peak_rss_mib(),
        before
    );
}
