//! Hostile and pathological inputs (issue 18): each shape of `annotext_corpus::shapes`, at a
//! size that keeps the suite fast, through the default job (every format) and `check`. Each
//! test checks the folded findings exactly and the child's peak memory against the bound the
//! README states (40 times the input plus 300 MB), read from the child's own resource usage.
//! Times are measured in BENCHMARKS.md, never asserted here.

mod common;

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};

use annotext_corpus::shapes::Shape;

/// What a measured child did.
struct Measured {
    status: i32,
    stdout: String,
    stderr: String,
    /// Peak resident memory, in KiB (`ru_maxrss` of this child alone).
    peak_kib: u64,
}

/// Runs `annotext args` in `cwd` and reaps it with `wait4`, which returns the resource usage
/// of that child only (tests run side by side, so RUSAGE_CHILDREN would mix them).
fn measured(args: &[&str], cwd: &Path) -> Measured {
    let out_path = cwd.join("stdout.txt");
    let err_path = cwd.join("stderr.txt");
    let child = Command::new(env!("CARGO_BIN_EXE_annotext"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::from(File::create(&out_path).unwrap()))
        .stderr(Stdio::from(File::create(&err_path).unwrap()))
        .spawn()
        .expect("the binary runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill; `pid` is our own child,
    // not yet reaped (std's Child is dropped without waiting).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    drop(child);
    Measured {
        status: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        },
        stdout: std::fs::read_to_string(out_path).unwrap(),
        stderr: std::fs::read_to_string(err_path).unwrap(),
        peak_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    }
}

/// Writes the shape at size `n` under `dir/in`; returns the bytes written.
fn write_shape(dir: &Path, shape: Shape, n: usize) -> u64 {
    let mut bytes = 0;
    for (name, text) in shape.files(n) {
        let path = dir.join("in").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        bytes += text.len() as u64;
    }
    bytes
}

/// The README's bound on one document's peak memory: 40 times its size plus 300 MB.
fn assert_within_bound(what: &str, m: &Measured, input: u64) {
    let ceiling_kib = (40 * input + 300_000_000) / 1024;
    assert!(
        m.peak_kib <= ceiling_kib,
        "{what}: peak {} KiB over the bound {ceiling_kib} KiB for {input} bytes",
        m.peak_kib
    );
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

/// The anomalies table's rows as (kind, line, column, end_line, end_column, count, detail).
fn findings(out: &Path) -> Vec<[String; 7]> {
    let path = out.join("tables/anomalies.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let columns = [
        at("kind"),
        at("line"),
        at("column"),
        at("end_line"),
        at("end_column"),
        at("count"),
        at("detail"),
    ];
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            columns.map(|c| r[c].to_owned())
        })
        .collect()
}

fn row(kind: &str, place: [u32; 5], detail: &str) -> [String; 7] {
    let [line, column, end_line, end_column, count] = place.map(|n| n.to_string());
    [
        kind.to_owned(),
        line,
        column,
        end_line,
        end_column,
        count,
        detail.to_owned(),
    ]
}

/// Runs the default job and `check` on a shape; returns the folder and `check`'s output.
fn run_shape(shape: Shape, n: usize) -> (tempfile::TempDir, Measured) {
    let dir = tempfile::tempdir().unwrap();
    let input = write_shape(dir.path(), shape, n);
    let run = measured(&["run", "in", "--out", "out", "-q"], dir.path());
    assert_eq!(run.status, 0, "{}", run.stderr);
    let check = measured(&["check", "in"], dir.path());
    if shape == Shape::ManyFiles {
        // A corpus: memory follows the batch (2 MiB), not the documents (README, "A run
        // streams"); generous ceiling of that bound.
        for (what, m) in [("run", &run), ("check", &check)] {
            assert!(m.peak_kib <= 600_000, "{what}: peak {} KiB", m.peak_kib);
        }
    } else {
        assert_within_bound("run", &run, input);
        assert_within_bound("check", &check, input);
    }
    (dir, check)
}

#[test]
fn a_line_of_a_million_open_parentheses_is_one_finding() {
    let (dir, check) = run_shape(Shape::OpenParens, 1_000_000);
    let detail = "1,000,000 unclosed parentheses, line 1, columns 1–1,000,000";
    assert_eq!(
        findings(&dir.path().join("out")),
        [row(
            "unclosed_parenthesis",
            [1, 1, 1, 1_000_000, 1_000_000],
            detail
        )]
    );
    assert_eq!(check.status, 1);
    assert_eq!(
        check.stdout,
        format!(
            "in/open-parens.txt:1:1: error[unclosed_parenthesis]: {detail} — 【((((((((((((…】\n"
        )
    );
    assert!(check
        .stderr
        .contains("1 file checked: 1 errors, 0 warnings"));
}

#[test]
fn a_line_of_a_million_closing_parentheses_is_one_finding() {
    let (dir, check) = run_shape(Shape::CloseParens, 1_000_000);
    assert_eq!(
        findings(&dir.path().join("out")),
        [row(
            "unmatched_parenthesis",
            [1, 1, 1, 1_000_000, 1_000_000],
            "1,000,000 unmatched closing parentheses, line 1, columns 1–1,000,000"
        )]
    );
    assert_eq!(check.stdout.lines().count(), 1);
    assert!(check.stderr.contains("1 errors, 0 warnings"));
}

#[test]
fn a_hundred_thousand_headings_restarting_are_one_finding_and_the_briefing_is_cut() {
    let (dir, check) = run_shape(Shape::Headings, 100_000);
    let out = dir.path().join("out");
    assert_eq!(
        findings(&out),
        [row(
            "numbering_restart",
            [2, 1, 100_000, 1, 99_999],
            "99,999 numbering restarts, lines 2–100,000, column 1; each: section 1 where 2 \
             was expected"
        )]
    );
    assert_eq!(check.stdout.lines().count(), 1);
    assert_eq!(csv_rows(&out.join("tables/sections.csv")).len(), 100_000);
    // The briefing stops at its page limit and says so, before the annex.
    let pdf = std::fs::read(out.join("briefings/headings.pdf")).unwrap();
    let info = annotext_poppler_check::poppler("pdfinfo", &pdf, &[]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .unwrap();
    assert!((100..=103).contains(&pages), "{pages} pages");
    let text = annotext_poppler_check::poppler("pdftotext", &pdf, &[]);
    let flat: String = text.split_whitespace().collect();
    // The generated headings have no script-specific characters: the briefing speaks
    // simplified Chinese.
    assert!(
        flat.contains("本简报在达到100页的上限后结束"),
        "{flat:.2000}"
    );
    assert!(flat.contains("workbook.xlsx"));
    assert!(
        flat.contains("个节标题中的") && flat.contains("未显示（或未完整显示）（自原文第"),
        "{flat:.2000}"
    );
    assert!(
        flat.contains("编号重新开始（错误）：1处，共99,999次"),
        "{flat:.2000}"
    );
}

#[test]
fn two_hundred_thousand_items_in_order_have_no_findings() {
    let (dir, check) = run_shape(Shape::Items, 200_000);
    let out = dir.path().join("out");
    assert!(findings(&out).is_empty());
    assert!(check.stdout.is_empty());
    assert_eq!(csv_rows(&out.join("tables/items.csv")).len(), 200_000);
}

#[test]
fn one_line_of_two_million_characters_is_one_paragraph() {
    let (dir, check) = run_shape(Shape::LongLine, 2_000_000);
    let out = dir.path().join("out");
    assert!(findings(&out).is_empty());
    assert!(check.stdout.is_empty());
    assert_eq!(csv_rows(&out.join("tables/paragraphs.csv")).len(), 1);
}

#[test]
fn a_hundred_thousand_blank_lines_have_no_findings() {
    let (dir, check) = run_shape(Shape::BlankLines, 100_000);
    let out = dir.path().join("out");
    assert!(findings(&out).is_empty());
    assert!(check.stdout.is_empty());
    assert_eq!(csv_rows(&out.join("tables/paragraphs.csv")).len(), 1);
}

#[test]
fn parentheses_nested_a_hundred_thousand_deep_are_balanced_text() {
    let (dir, check) = run_shape(Shape::Nested, 100_000);
    let out = dir.path().join("out");
    assert!(findings(&out).is_empty());
    assert!(check.stdout.is_empty());
    assert_eq!(csv_rows(&out.join("tables/paragraphs.csv")).len(), 1);
}

#[test]
fn three_thousand_one_line_files_are_three_thousand_documents() {
    let (dir, check) = run_shape(Shape::ManyFiles, 3_000);
    let out = dir.path().join("out");
    assert!(findings(&out).is_empty());
    assert!(check
        .stderr
        .contains("3000 files checked: 0 errors, 0 warnings"));
    assert_eq!(csv_rows(&out.join("tables/items.csv")).len(), 3_000);
    assert_eq!(std::fs::read_dir(out.join("briefings")).unwrap().count(), 3);
}
