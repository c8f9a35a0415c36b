//! Every output read back with a real reader and compared with the tables it came from.

mod common;

use std::path::Path;

use common::{annotext as run, scratch_project, SAMPLE};
use polars::prelude::*;

fn workspace() -> tempfile::TempDir {
    let dir = scratch_project();
    let out = run(&["-q"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn expected_tables() -> annotext_transform::Tables {
    let mut doc = annotext_parser::parse_bytes(
        "china-central-asia-summit-2023",
        &std::fs::read(SAMPLE).unwrap(),
    )
    .unwrap();
    // As the run finds it in the `data` folder it reads by default.
    doc.path = Some("data/china-central-asia-summit-2023.txt".to_owned());
    annotext_transform::build_tables(&[doc], &annotext_transform::Rules::default()).unwrap()
}

#[test]
fn every_csv_reads_back_equal_to_its_table() {
    let dir = workspace();
    let tables = expected_tables();
    for (name, df) in tables.named() {
        let path = dir.path().join(format!("output/tables/{name}.csv"));
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(header, names, "{name}");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), df.height(), "{name}");
        for (i, row) in rows.iter().enumerate() {
            for (j, column) in df.columns().iter().enumerate() {
                let want = annotext_export_csv::cell_text(&column.get(i).unwrap());
                assert_eq!(&row[j], want, "{name} row {i} column {}", column.name());
            }
        }
    }
}

#[test]
fn csv_holds_item_21_and_list_cells_joined() {
    let dir = workspace();
    let mut reader = csv::Reader::from_path(dir.path().join("output/tables/items.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows.iter().find(|r| &r[col("label")] == "§1.21").unwrap();
    assert_eq!(
        &row[col("text")],
        "完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"
    );
    assert!(row[col("topics")].contains("交通物流"));
    let multi = rows
        .iter()
        .find(|r| r[col("topics")].contains("; "))
        .unwrap();
    assert!(multi[col("topics")].split("; ").count() >= 2);
}

#[test]
fn every_parquet_reads_back_equal_to_its_table_with_dtypes() {
    let dir = workspace();
    let tables = expected_tables();
    for (name, df) in tables.named() {
        let path = dir.path().join(format!("output/tables/{name}.parquet"));
        let back = ParquetReader::new(std::fs::File::open(&path).unwrap())
            .finish()
            .unwrap();
        assert_eq!(back.schema(), df.schema(), "{name}");
        // Categorical columns compare by their strings.
        let strings = |d: &DataFrame| -> Vec<Vec<String>> {
            d.columns()
                .iter()
                .map(|c| {
                    (0..d.height())
                        .map(|i| annotext_export_csv::cell_text(&c.get(i).unwrap()))
                        .collect()
                })
                .collect()
        };
        assert_eq!(strings(&back), strings(df), "{name}");
    }
    let items = ParquetReader::new(
        std::fs::File::open(dir.path().join("output/tables/items.parquet")).unwrap(),
    )
    .finish()
    .unwrap();
    assert_eq!(
        items.column("item_number").unwrap().dtype(),
        &DataType::Int64
    );
    assert_eq!(
        items.column("topics").unwrap().dtype(),
        &DataType::List(Box::new(DataType::String))
    );
}

#[test]
fn each_json_line_is_a_document_record() {
    let dir = workspace();
    let text = std::fs::read_to_string(dir.path().join("output/records.jsonl")).unwrap();
    let docs: Vec<annotext_transform::DocumentRecord> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].counts.annotated_hanzi, 648);
    assert_eq!(docs[0].sections[2].items.len(), 9);
}

#[test]
fn reruns_give_byte_identical_files() {
    let dir = workspace();
    let snapshot = |d: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(d.join("output/tables"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.push(d.join("output/records.jsonl"));
        files.push(d.join("output/workbook.xlsx"));
        files.push(d.join("output/briefings/china-central-asia-summit-2023.pdf"));
        files.sort();
        let mut snapshot: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        // The manifest without its `run` object (start and end times), the only values that
        // differ between two identical runs.
        let mut manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join("output/manifest.json")).unwrap())
                .unwrap();
        let times = manifest.as_object_mut().unwrap().remove("run").unwrap();
        assert!(times["started"].is_string() && times["ended"].is_string());
        snapshot.push(("manifest".into(), serde_json::to_vec(&manifest).unwrap()));
        snapshot
    };
    let first = snapshot(dir.path());
    // Every table in CSV and Parquet, records.jsonl, the workbook, the sample's briefing and
    // the manifest.
    assert_eq!(first.len(), 2 * annotext_transform::TABLE_COUNT + 4);
    assert!(run(&["-q"], dir.path()).status.success());
    assert_eq!(snapshot(dir.path()), first);
}

#[test]
fn excel_flavoured_csv_has_bom_crlf_and_neutralised_formulas() {
    let dir = workspace();
    assert!(run(&["-q", "--csv-excel"], dir.path()).status.success());
    let bytes = std::fs::read(dir.path().join("output/tables/items.csv")).unwrap();
    assert!(bytes.starts_with("\u{FEFF}doc_id,".as_bytes()));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    // The sample's 中國-中亞 text starts no cell with '-', but the anomaly context might: every
    // cell starting with a trigger must carry the quote.
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn an_output_folder_that_cannot_be_written_is_a_clear_error() {
    let dir = workspace();
    // A file where the output folder should be: no user, root included, can write into it.
    std::fs::write(dir.path().join("blocked"), b"a file").unwrap();
    let out = run(&["-q", "--output", "blocked"], dir.path());
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot create output folder blocked"), "{err}");
}

#[test]
fn a_run_that_fails_leaves_the_earlier_outputs_intact() {
    let dir = workspace();
    let items = dir.path().join("output/tables/items.csv");
    let before = std::fs::read(&items).unwrap();
    // A broken rules file fails the run; the outputs of the previous run stay as they were.
    // (The mid-write failure itself is tested in the atomic-file crate.)
    std::fs::create_dir_all(dir.path().join("data/rules")).unwrap();
    std::fs::write(
        dir.path().join("data/rules/topics.tsv"),
        "only-one-column\n",
    )
    .unwrap();
    let out = run(&["-q"], dir.path());
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("topics.tsv, line 1"));
    assert_eq!(std::fs::read(&items).unwrap(), before);
}

#[test]
fn documents_csv_has_one_row_per_input_with_its_path() {
    let dir = scratch_project();
    let asean = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents/asean-digital-forum-2024/marks.txt");
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::copy(&asean, dir.path().join("more/asean.txt")).unwrap();
    // A folder and a file named directly.
    let out = run(
        &[
            "run",
            "data",
            "more/asean.txt",
            "-o",
            "output",
            "-f",
            "csv",
            "-q",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader =
        csv::Reader::from_path(dir.path().join("output/tables/documents.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells =
        |name: &str| -> Vec<String> { rows.iter().map(|r| r[column(name)].to_owned()).collect() };
    assert_eq!(cells("doc_id"), ["china-central-asia-summit-2023", "asean"]);
    assert_eq!(
        cells("path"),
        ["data/china-central-asia-summit-2023.txt", "more/asean.txt"]
    );
    assert_eq!(cells("title")[0], "中國-中亞峰會成果清單");
    assert_eq!(cells("script"), ["traditional", "simplified"]);
    assert_eq!(cells("subsections"), ["0", "2"]);
    let sample = std::fs::read(SAMPLE).unwrap();
    assert_eq!(cells("bytes")[0], sample.len().to_string());
    assert_eq!(
        cells("content_digest"),
        [
            blake3::hash(&sample).to_hex().to_string(),
            blake3::hash(&std::fs::read(&asean).unwrap())
                .to_hex()
                .to_string()
        ]
    );
}
