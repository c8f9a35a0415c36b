//! The `annotext` binary as a user runs it: on the shipped sample, on a folder, on bad input.

mod common;

use annotext_transform::DocumentRecord;
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
    let record: DocumentRecord = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(record.id, "china-central-asia-summit-2023");
    assert_eq!(record.rebuild().as_bytes(), std::fs::read(SAMPLE).unwrap());
    let items: Vec<usize> = record.sections.iter().map(|s| s.items.len()).collect();
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
    let record: DocumentRecord = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record.counts.annotated_hanzi, 648);
    assert_eq!(record.counts.items, 82);
    assert_eq!(record.paragraphs.len(), 4);
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
    let out = annotext(&["run", "nowhere"], dir.path());
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
    // The document's title, as the briefing finds it, not its file name.
    assert_eq!(
        summary.get((0, 0)).unwrap().to_string(),
        "中國-中亞峰會成果清單"
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

#[test]
fn check_lints_the_sample_with_warnings_only() {
    let dir = workspace();
    let out = annotext(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let report = String::from_utf8_lossy(&out.stdout);
    // One finding per character occurrence: the sample's 289 extra annotations are on 120
    // characters, and their counts add up to all of them. And 外長 and 部長 (minister)
    // annotated chang, 8 times: the word reads zhǎng.
    assert_eq!(report.lines().count(), 128);
    let count = |kind: &str| report.lines().filter(|l| l.contains(kind)).count();
    assert_eq!(count(": warning[repeated_annotation]: "), 120);
    assert_eq!(count(": warning[reading_wrong_in_context]: "), 8);
    let extra: usize = report
        .lines()
        .filter(|l| l.contains("[repeated_annotation]"))
        .filter_map(|l| {
            l.split(" extra)")
                .next()?
                .rsplit('(')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum();
    assert_eq!(extra, 289);
    assert!(report.starts_with(
        "data/china-central-asia-summit-2023.txt:1:1: warning[repeated_annotation]: 中 annotated \
         4 times (3 extra): zhong ×4; collapsed into one reading — 【中】國-中亞峰會(簡…\n"
    ));
    assert!(report.contains(
        "data/china-central-asia-summit-2023.txt:7:24: warning[reading_wrong_in_context]: 部長 is read bù zhǎng; 長 is annotated chang"
    ));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 file checked: 0 errors, 128 warnings"));
    // --strict turns the warnings into a failure; --quiet hides them.
    assert_eq!(
        annotext(&["check", "--strict", "-q"], dir.path())
            .status
            .code(),
        Some(1)
    );
    assert!(annotext(&["check", "-q"], dir.path()).stdout.is_empty());
}

#[test]
fn formats_pick_the_outputs_and_folders_are_searched_recursively() {
    let dir = workspace();
    let nested = dir.path().join("data/2023/extra");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join("note.txt"), "一、合作\n1.中(zhong)國(guo)\n").unwrap();
    std::fs::write(nested.join("skip.md"), "1.不是輸入\n").unwrap();
    let out = annotext(
        &["run", "data", "--out", "o", "--formats", "csv,jsonl"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("2 documents, 83 items, 128 anomalies (0 errors); 12 files written to o"),
        "{summary}"
    );
    // The time: milliseconds under a second, else seconds to a tenth.
    let took = summary.trim_end().rsplit(" in ").next().unwrap();
    let (number, unit) = took.split_once(' ').unwrap();
    match unit {
        "ms" => assert!(number.parse::<u32>().unwrap() < 1000, "{took}"),
        "s" => assert!(number.parse::<f64>().unwrap() >= 1.0, "{took}"),
        _ => panic!("{took}"),
    }
    assert!(dir.path().join("o/tables/items.csv").is_file());
    assert!(!dir.path().join("o/tables/items.parquet").exists());
    assert!(!dir.path().join("o/workbook.xlsx").exists());
    assert!(!dir.path().join("o/briefings").exists());
    let mut reader = csv::Reader::from_path(dir.path().join("o/tables/items.csv")).unwrap();
    let ids: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    // Files sort by name within a folder: `2023/` comes before the sample.
    assert_eq!(ids[0], "2023/extra/note");
    assert_eq!(ids[1], "china-central-asia-summit-2023");
}

#[test]
fn generate_writes_a_reproducible_corpus_that_runs_clean() {
    let dir = tempfile::tempdir().unwrap();
    for out in ["a", "b"] {
        let run = annotext(
            &["generate", out, "--mib", "2", "--documents", "4", "-q"],
            dir.path(),
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    for n in 1..=4 {
        let name = format!("doc-{n:05}.txt");
        let a = std::fs::read(dir.path().join("a").join(&name)).unwrap();
        assert!(a.len() >= 512 * 1024, "{name}");
        assert_eq!(a, std::fs::read(dir.path().join("b").join(&name)).unwrap());
    }
    let run = annotext(&["run", "a", "-o", "out", "-f", "csv"], dir.path());
    // Generated documents carry anomalies at realistic rates: the run succeeds, check fails.
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut reader = csv::Reader::from_path(dir.path().join("out/tables/items.csv")).unwrap();
    assert!(reader.records().count() > 1000);
    assert_eq!(
        annotext(&["check", "a", "-q"], dir.path()).status.code(),
        Some(1)
    );
}

#[test]
fn help_documents_the_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = annotext(&["--help"], dir.path());
    let help = String::from_utf8_lossy(&out.stdout);
    for line in [
        "0  success",
        "1  bad input",
        "2  usage error",
        "3  the run failed",
    ] {
        assert!(help.contains(line), "{line}");
    }
    assert_eq!(
        annotext(&["--formats", "docx"], dir.path()).status.code(),
        Some(2)
    );
}

#[test]
fn check_piped_into_a_reader_that_stops_early_still_counts_everything() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let made = annotext(
        &["generate", "c", "--mib", "2", "--documents", "2", "-q"],
        dir.path(),
    );
    assert!(made.status.success());
    let whole = annotext(&["check", "c"], dir.path());
    let summary = String::from_utf8_lossy(&whole.stderr).into_owned();
    assert!(summary.contains("2 files checked: "), "{summary}");
    // Far more findings than a pipe holds, so the writer meets the closed pipe.
    assert!(whole.stdout.len() > 1 << 20);

    // `annotext check c | head -1`: the reader goes away after one line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotext"))
        .args(["check", "c"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("c/doc-00001.txt:1:"), "{first}");
    assert_eq!(out.status.code(), whole.status.code());
    assert_eq!(String::from_utf8_lossy(&out.stderr), summary);
}

#[test]
fn a_font_that_is_not_a_font_stops_the_run_before_any_output() {
    let dir = workspace();
    std::fs::write(dir.path().join("bad.ttf"), "not a font").unwrap();
    let out = annotext(&["run", "--font", "bad.ttf", "-o", "o"], dir.path());
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot use font bad.ttf: the font cannot be read as TrueType/OpenType"),
        "{err}"
    );
    assert!(!dir.path().join("o").exists());

    // The shipped font named explicitly gives the same briefing as the default.
    let font = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/wqy-microhei.ttc");
    for (args, out) in [
        (vec!["-f", "pdf", "-o", "a", "-q"], "a"),
        (vec!["-f", "pdf", "-o", "b", "-q", "--font", font], "b"),
    ] {
        let run = annotext(&[&["run"], args.as_slice()].concat(), dir.path());
        assert!(run.status.success(), "{out}");
    }
    let pdf = |out: &str| {
        std::fs::read(
            dir.path()
                .join(out)
                .join("briefings/china-central-asia-summit-2023.pdf"),
        )
        .unwrap()
    };
    assert_eq!(pdf("a"), pdf("b"));
}

#[test]
fn lang_sets_the_briefings_words_and_refuses_unknown_languages() {
    let dir = workspace();
    let text = |out: &str| {
        let pdf = std::fs::read(
            dir.path()
                .join(out)
                .join("briefings/china-central-asia-summit-2023.pdf"),
        )
        .unwrap();
        annotext_poppler_check::poppler("pdftotext", &pdf, &[])
    };
    for (lang, out) in [
        (None, "auto"),
        (Some("en"), "en"),
        (Some("zh-Hans"), "hans"),
    ] {
        let mut args = vec!["run", "-f", "pdf", "-o", out, "-q"];
        args.extend(lang.map(|l| ["--lang", l]).iter().flatten());
        let run = annotext(&args, dir.path());
        assert!(
            run.status.success(),
            "{out}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    // The sample is traditional: so is its briefing by default.
    assert!(text("auto").contains("附錄：數據質量") && text("auto").contains("背景"));
    assert!(text("en").contains("Background") && text("en").contains("Annex: data quality"));
    assert!(!text("en").contains("附錄"));
    assert!(text("hans").contains("附录：数据质量"));
    let manifest = std::fs::read_to_string(dir.path().join("en/manifest.json")).unwrap();
    assert!(manifest.contains(r#""lang": "en""#), "{manifest}");

    let bad = annotext(&["run", "--lang", "fr", "-o", "x"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("fr") && err.contains("zh-Hant"), "{err}");
    assert!(!dir.path().join("x").exists());
}

/// `annotext` alone reads every `*.txt` below `data/`: the repository's `data/` holds the shipped
/// sample and no other text file (the rules' and dictionaries' lists are `.tsv`), so the README's
/// first command gives the sample's tables and nothing else.
#[test]
fn the_shipped_data_folder_holds_the_sample_alone() {
    fn texts(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                texts(&path, found);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
            {
                found.push(path);
            }
        }
    }
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut found = Vec::new();
    texts(&data, &mut found);
    assert_eq!(found, [data.join("china-central-asia-summit-2023.txt")]);
}
