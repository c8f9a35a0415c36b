//! Transform throughput: parse and build every table for generated corpora of 25, 50 and
//! 100 MiB (the sample repeated, as separate documents of ~1 MiB each), to show the cost is
//! linear in input size. A plain bench binary: one timed run per size.
//!
//! Run: `cargo bench -p annotext-transform --bench tables`. `TABLES_MIB=5` (sizes separated by
//! commas) runs other sizes: a small one keeps a run under valgrind short.

use std::time::Instant;

use annotext_transform::{build_tables, Rules};

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");
const MIB: usize = 1024 * 1024;

fn corpus(bytes: usize) -> Vec<String> {
    let per_doc = MIB;
    let copies_per_doc = per_doc / SAMPLE.len() + 1;
    let doc: String = std::iter::repeat_n(SAMPLE, copies_per_doc)
        .collect::<Vec<_>>()
        .join("\n");
    (0..bytes.div_ceil(doc.len()))
        .map(|_| doc.clone())
        .collect()
}

fn main() {
    let rules = Rules::default();
    let sizes: Vec<usize> = match std::env::var("TABLES_MIB") {
        Ok(sizes) => sizes
            .split(',')
            .map(|s| {
                s.trim()
                    .parse()
                    .expect("TABLES_MIB: sizes in MiB, comma-separated")
            })
            .collect(),
        Err(_) => vec![25, 50, 100],
    };
    for mib in sizes {
        let texts = corpus(mib * MIB);
        let total: usize = texts.iter().map(String::len).sum();
        let start = Instant::now();
        let docs: Vec<_> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| annotext_parser::parse_string(&format!("doc{i}"), t).unwrap())
            .collect();
        let parsed = start.elapsed();
        let tables = build_tables(&docs, &rules).unwrap();
        let all = start.elapsed();
        let transform = all - parsed;
        println!(
            "{:>4} MiB: parse {:6.2} s, tables {:6.2} s ({:6.1} MiB/s), items rows {}",
            total / MIB,
            parsed.as_secs_f64(),
            transform.as_secs_f64(),
            total as f64 / MIB as f64 / transform.as_secs_f64(),
            tables.items.height()
        );
    }
}
