//! The workbook read back with calamine, as a spreadsheet user would see it.

use std::io::Cursor;

use annotext_export_xlsx::{workbook_bytes, WorkbookInfo, WorkbookWriter, MAX_DATA_ROWS};
use annotext_transform::{build_tables, Rules, Tables};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");

fn tables() -> Tables {
    let doc = annotext_parser::parse_str("summit", SAMPLE).unwrap();
    build_tables(&[doc], &Rules::default()).unwrap()
}

fn info() -> WorkbookInfo {
    WorkbookInfo {
        title: "China–Central Asia summit 2023".into(),
        subject: "Outcome list".into(),
    }
}

/// The value beside a key figure's label on the Summary sheet.
fn key_figure(summary: &calamine::Range<Data>, label: &str) -> Data {
    (0..summary.height())
        .find(|&r| summary.get((r, 0)).map(|d| d.to_string()) == Some(label.to_owned()))
        .and_then(|r| summary.get((r, 1)).cloned())
        .unwrap_or_else(|| panic!("no key figure {label:?}"))
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

#[test]
fn sheets_come_in_order_with_headers_and_the_tables_values() {
    let t = tables();
    let bytes = workbook_bytes(&t, &info(), MAX_DATA_ROWS).unwrap();
    let mut wb = open(&bytes);
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Items",
            "Sections",
            "Subsections",
            "Paragraphs",
            "Readings",
            "Entities",
            "Timeline",
            "Topics",
            "Anomalies"
        ]
    );
    for (name, df) in t.named() {
        let title = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
        let range = wb.worksheet_range(&title).unwrap();
        assert_eq!(range.height(), df.height() + 1, "{title}");
        let headers: Vec<String> = (0..df.width())
            .map(|c| range.get((0, c)).unwrap().to_string())
            .collect();
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(headers, names, "{title}");
        for (c, column) in df.columns().iter().enumerate() {
            for i in 0..df.height() {
                let want = annotext_transform::cell_text(&column.get(i).unwrap());
                let got = range.get((i + 1, c)).cloned().unwrap_or(Data::Empty);
                let got = match got {
                    Data::Float(f) => {
                        // Numbers come back as floats; compare as numbers.
                        assert!(
                            column.dtype().is_primitive_numeric(),
                            "{title} {} is numeric",
                            column.name()
                        );
                        assert!(
                            (f - want.parse::<f64>().unwrap()).abs() < 1e-12,
                            "{title} row {i}: {f} vs {want}"
                        );
                        continue;
                    }
                    Data::Bool(b) => b.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                };
                assert_eq!(got, want, "{title} row {i} column {}", column.name());
            }
        }
    }
    // Item 21 of section one, as a user would find it.
    let items = wb.worksheet_range("Items").unwrap();
    let col = |name: &str| {
        (0..items.width())
            .find(|&c| items.get((0, c)).map(|h| h.to_string()) == Some(name.to_owned()))
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let row = (1..items.height())
        .find(|&r| items.get((r, col("label"))) == Some(&Data::String("§1.21".into())))
        .unwrap();
    assert_eq!(
        items.get((row, col("text"))).unwrap().to_string(),
        "完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"
    );
    assert_eq!(
        items.get((row, col("item_number"))),
        Some(&Data::Float(21.0))
    );
}

#[test]
fn summary_has_key_figures_and_two_native_charts() {
    let bytes = workbook_bytes(&tables(), &info(), MAX_DATA_ROWS).unwrap();
    let mut wb = open(&bytes);
    let summary = wb.worksheet_range("Summary").unwrap();
    assert_eq!(
        summary.get((0, 0)).unwrap().to_string(),
        "China–Central Asia summit 2023"
    );
    let figure = |label: &str| key_figure(&summary, label);
    assert_eq!(figure("Sections"), Data::Float(3.0));
    assert_eq!(figure("Numbered items"), Data::Float(82.0));
    assert_eq!(figure("Countries named"), Data::Float(6.0));
    match figure("Annotation coverage") {
        Data::Float(f) => assert!(f > 0.2 && f < 0.4, "{f}"),
        other => panic!("coverage is a number, got {other:?}"),
    }
    let mut archive = zip_entries(&bytes);
    archive.sort();
    assert!(
        archive.contains(&"xl/charts/chart1.xml".to_owned()),
        "{archive:?}"
    );
    assert!(archive.contains(&"xl/charts/chart2.xml".to_owned()));
    let core = read_entry(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>China–Central Asia summit 2023</dc:title>"));
    assert!(core.contains("2023-05-19T00:00:00Z"));
}

#[test]
fn a_table_longer_than_a_sheet_continues_on_the_next() {
    let bytes = workbook_bytes(&tables(), &info(), 50).unwrap();
    let mut wb = open(&bytes);
    let names = wb.sheet_names();
    assert!(names.contains(&"Items (2)".to_owned()), "{names:?}");
    let first = wb.worksheet_range("Items").unwrap();
    let second = wb.worksheet_range("Items (2)").unwrap();
    assert_eq!(first.height(), 51);
    assert_eq!(second.height(), 82 - 50 + 1);
    assert_eq!(second.get((0, 0)).unwrap().to_string(), "doc_id");
}

#[test]
fn batches_append_rows_across_sheet_breaks_and_the_summary_adds_them_up() {
    let a = tables();
    let doc = annotext_parser::parse_str("other", SAMPLE).unwrap();
    let b = build_tables(&[doc], &Rules::default()).unwrap();
    let mut totals = a.totals();
    totals.add(&b);
    let mut writer = WorkbookWriter::new(50).unwrap();
    writer.append(&a).unwrap();
    writer.append(&b).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("streamed.xlsx");
    writer.finish(&path, &info(), &totals).unwrap();
    let mut wb = open(&std::fs::read(&path).unwrap());
    // 82 items twice = 164 rows: 50 + 50 + 50 + 14, the second document's rows after the first's.
    let heights: Vec<usize> = ["Items", "Items (2)", "Items (3)", "Items (4)"]
        .iter()
        .map(|name| wb.worksheet_range(name).unwrap().height())
        .collect();
    assert_eq!(heights, [51, 51, 51, 15]);
    // Each table's sheets stay together, in table order, whenever its rows came.
    let names = wb.sheet_names();
    assert_eq!(
        names[..7],
        [
            "Summary",
            "Items",
            "Items (2)",
            "Items (3)",
            "Items (4)",
            "Sections",
            "Subsections"
        ]
    );
    let second = wb.worksheet_range("Items (2)").unwrap();
    assert_eq!(second.get((0, 0)).unwrap().to_string(), "doc_id");
    assert_eq!(second.get((32, 0)).unwrap().to_string(), "summit");
    assert_eq!(second.get((33, 0)).unwrap().to_string(), "other");
    let summary = wb.worksheet_range("Summary").unwrap();
    let figure = |label: &str| key_figure(&summary, label);
    assert_eq!(figure("Documents"), Data::Float(2.0));
    assert_eq!(figure("Numbered items"), Data::Float(164.0));
    // Distinct counts stay distinct across batches: the same six countries.
    assert_eq!(figure("Countries named"), Data::Float(6.0));
    // Items per section are summed by title: the first section's 54 items, twice.
    assert_eq!(summary.get((4, 4)), Some(&Data::Float(108.0)));
}

#[test]
fn reruns_give_the_same_bytes_and_text_is_never_a_formula() {
    let t = tables();
    let a = workbook_bytes(&t, &info(), MAX_DATA_ROWS).unwrap();
    let b = workbook_bytes(&t, &info(), MAX_DATA_ROWS).unwrap();
    assert_eq!(a, b);
    for entry in zip_entries(&a)
        .iter()
        .filter(|e| e.starts_with("xl/worksheets/sheet"))
    {
        assert!(
            !read_entry(&a, entry).contains("<f>"),
            "{entry} holds a formula"
        );
    }
}

/// Names of the files inside the xlsx package (a zip), from its central directory records.
fn zip_entries(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let sig = [0x50u8, 0x4b, 0x01, 0x02];
    let mut i = 0;
    while i + 46 <= bytes.len() {
        if bytes[i..i + 4] == sig {
            let len = u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]) as usize;
            names.push(String::from_utf8_lossy(&bytes[i + 46..i + 46 + len]).into_owned());
            i += 46 + len;
        } else {
            i += 1;
        }
    }
    names
}

/// One part of the package, unzipped with Python's zipfile (calamine does not expose raw parts).
fn read_entry(bytes: &[u8], name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())"])
        .arg(&path)
        .arg(name)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
