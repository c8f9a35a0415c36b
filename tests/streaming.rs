//! A corpus written in batches gives the same files as written at once: the batch size changes
//! memory use, never the output.

mod common;

use annotext_transform::TABLE_NAMES;

use std::path::Path;

use common::annotext;
use polars::prelude::{ParquetReader, SerReader};

fn run(dir: &Path, out: &str, batch_mib: &str) {
    let run = annotext(
        &[
            "run",
            "corpus",
            "-o",
            out,
            "-f",
            "csv,parquet,jsonl,xlsx",
            "--batch-mib",
            batch_mib,
            "-q",
        ],
        dir,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn parquet(path: &Path) -> polars::prelude::DataFrame {
    ParquetReader::new(std::fs::File::open(path).unwrap())
        .finish()
        .unwrap()
}

#[test]
fn batched_and_whole_runs_write_the_same_tables_records_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let generate = annotext(
        &[
            "generate",
            "corpus",
            "--mib",
            "1.5",
            "--documents",
            "6",
            "-q",
        ],
        dir.path(),
    );
    assert!(generate.status.success());
    // 6 documents of 0.25 MiB: three batches of two, against one batch of all six.
    run(dir.path(), "batched", "0.6");
    run(dir.path(), "whole", "100");
    let read = |out: &str, file: &str| std::fs::read(dir.path().join(out).join(file)).unwrap();

    assert_eq!(
        read("batched", "records.jsonl"),
        read("whole", "records.jsonl")
    );
    assert_eq!(
        String::from_utf8(read("whole", "records.jsonl"))
            .unwrap()
            .lines()
            .count(),
        6
    );
    for table in TABLE_NAMES {
        let csv = format!("tables/{table}.csv");
        assert_eq!(read("batched", &csv), read("whole", &csv), "{csv}");
        let file = format!("tables/{table}.parquet");
        let batched = parquet(&dir.path().join("batched").join(&file));
        assert_eq!(
            batched,
            parquet(&dir.path().join("whole").join(&file)),
            "{file}"
        );
        let rows = csv::Reader::from_reader(read("whole", &csv).as_slice())
            .records()
            .count();
        assert_eq!(batched.height(), rows, "{file}");
    }
    // Reruns give the same bytes, every file: Parquet, the workbook, the records.
    run(dir.path(), "again", "0.6");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir.path().join("batched").join("tables")).unwrap() {
        files.push(format!(
            "tables/{}",
            entry.unwrap().file_name().to_string_lossy()
        ));
    }
    files.extend(["records.jsonl".to_owned(), "workbook.xlsx".to_owned()]);
    assert_eq!(files.len(), 2 * annotext_transform::TABLE_COUNT + 2);
    for file in &files {
        assert!(
            read("batched", file) == read("again", file),
            "{file} differs"
        );
    }

    let items = csv::Reader::from_reader(read("whole", "tables/items.csv").as_slice())
        .records()
        .count();
    assert!(items > 1000, "{items}");

    use calamine::{Data, Reader};
    let summary = |out: &str| {
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook(dir.path().join(out).join("workbook.xlsx")).unwrap();
        let range = wb.worksheet_range("Summary").unwrap();
        let items_sheet = wb.worksheet_range("Items").unwrap().height();
        (range, items_sheet)
    };
    let (batched, batched_items) = summary("batched");
    let (whole, whole_items) = summary("whole");
    assert_eq!(batched, whole);
    assert_eq!(batched_items, items + 1);
    assert_eq!(whole_items, items + 1);
    let documents = (0..batched.height())
        .find(|&r| batched.get((r, 0)) == Some(&Data::String("Documents".into())))
        .and_then(|r| batched.get((r, 1)).cloned());
    assert_eq!(documents, Some(Data::Float(6.0)));
}
