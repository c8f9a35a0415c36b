//! The `annotext` binary as a user runs it: on the shipped sample, on a folder, on bad input.

mod common;

use annotext_parser::Document;
use common::{annotext, scratch_project as workspace, SAMPLE};

#[test]
fn no_arguments_turns_data_into_output_records() {
    let dir = workspace();
    let out = annotext(&["--quiet"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let jsonl = std::fs::read_to_string(dir.path().join("output/records.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 1);
    let doc: Document = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(doc.name, "china-central-asia-summit-2023");
    assert_eq!(doc.rebuild().as_bytes(), std::fs::read(SAMPLE).unwrap());
    let items: Vec<usize> = doc.sections.iter().map(|s| s.items.len()).collect();
    assert_eq!(items, [54, 19, 9]);
}

#[test]
fn reruns_write_byte_identical_records() {
    let dir = workspace();
    assert!(annotext(&["-q"], dir.path()).status.success());
    let first = std::fs::read(dir.path().join("output/records.jsonl")).unwrap();
    assert!(annotext(&["-q"], dir.path()).status.success());
    assert_eq!(
        std::fs::read(dir.path().join("output/records.jsonl")).unwrap(),
        first
    );
}

#[test]
fn parse_prints_one_files_records_as_json() {
    let dir = workspace();
    let out = annotext(
        &["parse", "data/china-central-asia-summit-2023.txt"],
        dir.path(),
    );
    assert!(out.status.success());
    let doc: Document = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc.chars.len(), 648);
}

#[test]
fn bad_input_fails_with_the_file_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"ok\n\xffoops").unwrap();
    let out = annotext(&["parse", "bad.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt: invalid UTF-8 at byte 3 (line 2, column 1)"),
        "{err}"
    );

    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let out = annotext(&["parse", "empty.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt: the input is empty"));
}

#[test]
fn a_missing_input_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = annotext(&["--input", "nowhere"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read input folder nowhere"));
}

#[test]
fn no_arguments_also_writes_the_workbook() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = workspace();
    assert!(annotext(&["-q"], dir.path()).status.success());
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("output/workbook.xlsx")).unwrap();
    assert_eq!(wb.sheet_names()[0], "Summary");
    let items = wb.worksheet_range("Items").unwrap();
    assert_eq!(items.height(), 83);
    let summary = wb.worksheet_range("Summary").unwrap();
    assert_eq!(
        summary.get((0, 0)).unwrap().to_string(),
        "china-central-asia-summit-2023"
    );
}

#[test]
fn every_document_of_the_folder_gets_its_briefing_and_shares_the_tables() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("data/second.txt"),
        "《測試清單》說明\n一、合作\n1.中(zhong)國(guo)\n2.略(lve)\n",
    )
    .unwrap();
    let out = annotext(&["-q"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["china-central-asia-summit-2023", "second"] {
        let pdf = dir.path().join(format!("output/briefings/{name}.pdf"));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"), "{name}");
    }
    let mut reader = csv::Reader::from_path(dir.path().join("output/tables/items.csv")).unwrap();
    let ids: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(ids.iter().filter(|d| *d == "second").count(), 2);
    assert_eq!(ids.len(), 84);
}
