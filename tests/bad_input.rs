//! The bad-input suite: every kind of broken input a corpus holds gets a clear message (file,
//! line, column where relevant), the documents that can be read are still exported, the exit
//! status says what happened, nothing panics and no partial output file is left.

mod common;

use std::path::Path;
use std::process::Output;

use common::{annotext, SAMPLE};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts the run ended with `code` and without a panic.
fn exited(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "{}", stderr(out));
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
}

fn folder_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("in").join(name), bytes).unwrap();
    }
    dir
}

/// The files a run left in a folder, temporary files included, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The values of one column of a CSV file, found by its header.
fn csv_column(path: &Path, name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let index = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {}", path.display()));
    reader
        .records()
        .map(|r| r.unwrap()[index].to_owned())
        .collect()
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn invalid_utf8_names_the_file_byte_line_and_column() {
    let dir = folder_with(&[("bad.txt", b"1.\xe4\xb8\xad(zhong)\n2.ok\xff\n")]);
    let out = annotext(&["run", "in/bad.txt", "--out", "out"], dir.path());
    exited(&out, 1);
    assert!(
        stderr(&out).contains("in/bad.txt: invalid UTF-8 at byte 17 (line 2, column 5)"),
        "{}",
        stderr(&out)
    );
    assert!(files_under(&dir.path().join("out")).is_empty());
}

#[test]
fn a_gbk_file_is_refused_with_a_hint_to_convert_it() {
    // 中文(zhong) in GBK: 中 = D6 D0, 文 = CE C4.
    let dir = folder_with(&[("gbk.txt", b"\xd6\xd0(zhong)\xce\xc4\n")]);
    let out = annotext(&["check", "in"], dir.path());
    exited(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains("gbk.txt: invalid UTF-8 at byte 0 (line 1, column 1)"),
        "{err}"
    );
    assert!(err.contains("iconv -f GBK -t UTF-8"), "{err}");
    assert!(err.contains("0 files checked, 1 unreadable"), "{err}");
}

#[test]
fn nul_bytes_stay_text_and_are_reported_where_they_are() {
    let dir = folder_with(&[(
        "nul.txt",
        b"\xe4\xb8\x80\xe3\x80\x81\xe7\x94\xb2\n1.\xe4\xb8\xad(zhong)\0\0\xe5\x9c\x8b\n",
    )]);
    let out = annotext(&["check", "in/nul.txt"], dir.path());
    exited(&out, 1);
    assert!(
        stdout(&out).contains(
            "in/nul.txt:2:11: error[control_character]: 2 control character(s), first U+0000"
        ),
        "{}",
        stdout(&out)
    );
    // `run` keeps the bytes: the records rebuild the file exactly.
    let out = annotext(&["parse", "in/nul.txt", "--compact"], dir.path());
    exited(&out, 0);
    let record: annotext_transform::DocumentRecord = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        record.rebuild().as_bytes(),
        std::fs::read(dir.path().join("in/nul.txt")).unwrap()
    );
}

#[test]
fn an_empty_file_is_an_error_and_writes_nothing() {
    let dir = folder_with(&[("empty.txt", b""), ("blank.txt", b"\xef\xbb\xbf \n\n")]);
    let out = annotext(&["run", "in", "-o", "out"], dir.path());
    exited(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("empty.txt: the input is empty"), "{err}");
    assert!(err.contains("blank.txt: the input is empty"), "{err}");
    assert!(
        err.contains("no document could be read: nothing written"),
        "{err}"
    );
    assert!(files_under(&dir.path().join("out")).is_empty());
}

#[test]
fn a_50_mb_single_line_is_parsed_and_exported_in_one_piece() {
    let sample = std::fs::read_to_string(SAMPLE).unwrap().replace('\n', " ");
    let copies = 50 * 1024 * 1024 / sample.len() + 1;
    let line = sample.repeat(copies);
    assert!(line.len() > 50 * 1024 * 1024 && !line.contains('\n'));
    let dir = folder_with(&[("line.txt", line.as_bytes())]);
    let out = annotext(
        &["run", "in", "-o", "out", "--formats", "csv,parquet", "-q"],
        dir.path(),
    );
    exited(&out, 0);
    let paragraphs = csv_rows(&dir.path().join("out/tables/paragraphs.csv"));
    assert_eq!(paragraphs.len(), 1);
    // The paragraph is the whole line without its annotations: every character is there.
    let clean = annotext_parser::parse_str("line", &line)
        .unwrap()
        .clean_text();
    assert_eq!(paragraphs[0][2].chars().count(), clean.chars().count());
    assert!(csv_rows(&dir.path().join("out/tables/items.csv")).is_empty());
    let timeline = csv_rows(&dir.path().join("out/tables/timeline.csv"));
    assert!(timeline.len() > 10_000);
    assert!(timeline.iter().all(|r| r[5].chars().count() <= 401));
    // The line is one block, read for names in pieces: every copy's names are found (the
    // sample names Xi'an twice).
    let names = csv_column(&dir.path().join("out/tables/entities.csv"), "simplified");
    let xian = names.iter().filter(|n| *n == "西安").count();
    assert_eq!(xian, clean.matches("西安").count());
    assert_eq!(xian, 2 * copies);
}

#[test]
fn unbalanced_and_nested_parentheses_are_reported_and_kept() {
    let text = "一、甲\n1.中(zhong(guo))國)\n2.((中(zhong)))\n3.和(he\n";
    let dir = folder_with(&[("parens.txt", text.as_bytes())]);
    let out = annotext(&["check", "in"], dir.path());
    exited(&out, 1);
    let report = stdout(&out);
    assert_eq!(report.lines().count(), 3, "{report}");
    for expected in [
        // `(zhong(guo))` is a balanced parenthetical: its inner `(guo)` follows a letter.
        "in/parens.txt:2:10: error[annotation_after_non_hanzi]: annotation \"(guo)\" follows no hanzi",
        "in/parens.txt:2:17: error[unmatched_parenthesis]",
        "in/parens.txt:4:4: error[unclosed_parenthesis]: unclosed annotation \"(he\"",
    ] {
        assert!(report.contains(expected), "{expected} in\n{report}");
    }
    let out = annotext(&["run", "in", "-o", "out", "-f", "csv", "-q"], dir.path());
    exited(&out, 0);
    let texts = csv_column(&dir.path().join("out/tables/items.csv"), "text");
    assert_eq!(texts, ["中(zhong(guo))國)", "((中))", "和(he"]);
}

#[test]
fn annotations_alone_or_numbering_alone_still_make_records() {
    let dir = folder_with(&[
        ("annotations.txt", b"(zhong)(guo)(zhong)\n"),
        ("numbers.txt", b"1.\n2.\n3.\n"),
    ]);
    let out = annotext(
        &["run", "in", "-o", "out", "-f", "csv,jsonl", "-q"],
        dir.path(),
    );
    exited(&out, 0);
    let anomalies = csv_rows(&dir.path().join("out/tables/anomalies.csv"));
    let after_non_hanzi = anomalies
        .iter()
        .filter(|r| &r[0] == "annotations" && &r[2] == "annotation_after_non_hanzi")
        .count();
    // Three findings: adjacent, but each about another word, so none folds into another.
    assert_eq!(after_non_hanzi, 3);
    let items = dir.path().join("out/tables/items.csv");
    let numbers: Vec<String> = csv_column(&items, "doc_id")
        .into_iter()
        .zip(csv_column(&items, "item_number"))
        .filter(|(doc, _)| doc == "numbers")
        .map(|(_, n)| n)
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    let records = std::fs::read_to_string(dir.path().join("out/records.jsonl")).unwrap();
    assert_eq!(records.lines().count(), 2);
}

#[test]
fn out_of_order_items_are_errors_for_check_with_their_lines() {
    let text = "一、甲\n1.中\n3.國\n2.和\n";
    let dir = folder_with(&[("order.txt", text.as_bytes())]);
    let out = annotext(&["check", "in/order.txt"], dir.path());
    exited(&out, 1);
    let report = stdout(&out);
    assert!(
        report.contains(
            "in/order.txt:3:1: error[numbering_gap]: numbering gap: item 3 where 2 was expected"
        ),
        "{report}"
    );
    assert!(
        report.contains("in/order.txt:4:1: error[numbering_duplicate]"),
        "{report}"
    );
    assert!(
        stderr(&out).contains("1 file checked: 2 errors, 0 warnings"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn one_bad_file_among_good_ones_is_reported_and_the_rest_exported() {
    let good = std::fs::read(SAMPLE).unwrap();
    let dir = folder_with(&[
        ("a-good.txt", &good),
        ("b-bad.txt", b"\xff\xfe\x00bad"),
        (
            "c-good.txt",
            b"\xe4\xb8\x80\xe3\x80\x81\xe7\x94\xb2\n1.\xe4\xb8\xad(zhong)\n",
        ),
    ]);
    let out = annotext(&["run", "in", "-o", "out"], dir.path());
    exited(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("b-bad.txt: invalid UTF-8 at byte 0"), "{err}");
    assert!(
        err.contains("2 documents (1 more skipped), 83 items"),
        "{err}"
    );
    let items = csv_rows(&dir.path().join("out/tables/items.csv"));
    assert_eq!(items.len(), 83);
    assert!(items.iter().all(|r| &r[0] != "b-bad"));
    let records = std::fs::read_to_string(dir.path().join("out/records.jsonl")).unwrap();
    assert_eq!(records.lines().count(), 2);
    assert!(dir.path().join("out/briefings/c-good.pdf").is_file());
    assert!(!dir.path().join("out/briefings/b-bad.pdf").exists());
}

#[test]
fn an_output_folder_that_cannot_be_written_is_a_run_failure() {
    let dir = folder_with(&[("a.txt", b"1.\xe4\xb8\xad(zhong)\n")]);
    // Tests run as root here, so permissions cannot forbid a folder: a file in its place does.
    std::fs::write(dir.path().join("out"), b"not a folder").unwrap();
    let out = annotext(&["run", "in", "-o", "out"], dir.path());
    exited(&out, 3);
    assert!(
        stderr(&out).contains("cannot create output folder out"),
        "{}",
        stderr(&out)
    );
    let out = annotext(&["run", "in", "-o", "out/sub"], dir.path());
    exited(&out, 3);
    assert_eq!(
        std::fs::read(dir.path().join("out")).unwrap(),
        b"not a folder"
    );
}

/// A document whose briefing's place is taken by a folder costs only itself (issue 25): it is
/// reported with its path and skipped, the others are exported, the set is committed with a
/// manifest that says what was skipped, and the status is 1. The folder in the way stays.
#[test]
fn a_document_whose_briefing_cannot_be_placed_costs_only_itself() {
    let doc = b"1.\xe4\xb8\xad(zhong)\n";
    let dir = folder_with(&[("a.txt", doc), ("b.txt", doc), ("c.txt", doc)]);
    std::fs::create_dir_all(dir.path().join("out/briefings/b.pdf")).unwrap();
    let out = annotext(&["run", "in", "-o", "out", "--batch-mib", "0"], dir.path());
    exited(&out, 1);
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "error: in/b.txt: its briefing cannot be written: out/briefings/b.pdf is a folder\n"
        ),
        "{err}"
    );
    assert!(err.contains("2 documents (1 more skipped)"), "{err}");
    assert!(dir.path().join("out/briefings/b.pdf").is_dir());
    let files = files_under(&dir.path().join("out"));
    assert!(files.contains(&"briefings/a.pdf".to_owned()), "{files:?}");
    assert!(files.contains(&"briefings/c.pdf".to_owned()), "{files:?}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["skipped"][0]["path"], "in/b.txt");
    assert_eq!(manifest["counts"]["documents"], 2);
}

/// Found by the `pipeline` fuzz target: a rare hanzi (䜽, CJK extension A) the shipped font has
/// no glyph for made the briefing, and so the whole run, fail.
#[test]
fn a_character_missing_from_the_font_is_drawn_as_a_square_and_reported() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fuzz-pipeline-missing-glyph.txt"
    );
    let bytes = std::fs::read(fixture).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains('䜽'));
    let dir = folder_with(&[("rare.txt", &bytes)]);
    let run = annotext(&["run", "in", "-o", "out"], dir.path());
    exited(&run, 0);
    assert!(stderr(&run).contains("46 items"), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("warning:") && stderr(&run).contains("no glyph for 1 character (䜽)"),
        "{}",
        stderr(&run)
    );
    let pdf = std::fs::read(dir.path().join("out/briefings/rare.pdf")).unwrap();
    let text = annotext_poppler_check::poppler("pdftotext", &pdf, &[]);
    // The square stands where the character was; the tables keep the character itself.
    assert!(text.contains("等領域交流合□;"), "{text}");
    // The file opens at item 37, before any section heading: those items are in the briefing.
    assert!(text.contains("未歸入各節的條目"), "{text}");
    assert!(text.contains("37. 推動建設中醫藥中心"), "{text}");
    let items = std::fs::read_to_string(dir.path().join("out/tables/items.csv")).unwrap();
    assert!(items.contains('䜽'));
}

/// Two inputs whose names give one document id (`..txt` and `...txt` both give `..`) would mix
/// their rows: the second is refused with both names, counted as skipped, and the first exported.
#[test]
fn two_inputs_with_one_document_id_keep_the_first_and_say_why() {
    let dir = folder_with(&[
        ("..txt", b"1.\xe4\xb8\xad(zhong)\n"),
        ("...txt", b"1.\xe7\xbe\x8e(mei)\n"),
    ]);
    let out = annotext(&["run", "in", "-o", "out"], dir.path());
    exited(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("is already used by"), "{err}");
    assert!(err.contains("1 document (1 more skipped)"), "{err}");
    let documents = csv_rows(&dir.path().join("out/tables/documents.csv"));
    assert_eq!(documents.len(), 1, "{documents:?}");
}
