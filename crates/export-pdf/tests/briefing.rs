//! The sample's briefing, checked the way a reader sees it: poppler's pdftotext, pdfinfo and
//! pdffonts on the file. On a fresh machine without poppler-utils the tests install it (apt-get),
//! so `cargo test --release --workspace` needs no set-up step of its own.

use std::process::{Command, Stdio};
use std::sync::OnceLock;

use annotext_export_pdf::{placed_lines, render_briefing, BriefingOptions, COLUMN_WIDTH};
use annotext_parser::{parse_str, BlockKind, Document};
use annotext_transform::{build_tables, Rules, Tables};

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");

fn sample() -> (Document, Tables) {
    let doc = parse_str("china-central-asia-summit-2023", SAMPLE).unwrap();
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
    (doc, tables)
}

/// Installs poppler-utils once per test run if its tools are missing; the tests in this file
/// share it, and `OnceLock` makes the others wait rather than race apt-get.
fn ensure_poppler() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        let present = |tool: &str| {
            Command::new(tool)
                .arg("-v")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok()
        };
        if ["pdftotext", "pdfinfo", "pdffonts"]
            .iter()
            .all(|t| present(t))
        {
            return;
        }
        // Root installs directly; anyone else goes through sudo (non-interactive, so a password
        // prompt fails fast instead of hanging the test run).
        let is_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0"));
        let apt = |args: &[&str]| {
            let mut cmd = if is_root {
                Command::new("apt-get")
            } else {
                let mut sudo = Command::new("sudo");
                sudo.args(["-n", "apt-get"]);
                sudo
            };
            cmd.args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let installed = apt(&["update", "-qq"]) && apt(&["install", "-y", "-qq", "poppler-utils"]);
        assert!(
            installed && present("pdftotext"),
            "the PDF tests read briefings with poppler-utils (pdftotext, pdfinfo, pdffonts), which \
             is missing and could not be installed with apt-get; install it and rerun"
        );
    });
}

fn poppler(tool: &str, pdf: &[u8], extra: &[&str]) -> String {
    ensure_poppler();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("briefing.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(extra).arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdftotext_gives_every_item_in_order() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let text = squeeze(&poppler("pdftotext", &briefing.bytes, &[]));
    let mut from = 0;
    let mut found = 0;
    for block in &doc.blocks {
        if let BlockKind::Item { number } = block.kind {
            let item = squeeze(&format!("{}.{}", number.0, doc.block_text(block)));
            let at = text[from..]
                .find(&item)
                .unwrap_or_else(|| panic!("item {item} missing or out of order"));
            from += at + item.len();
            found += 1;
        }
    }
    assert_eq!(found, 82);
    assert!(text.contains("21.完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"));
    assert!(text.contains("中國-中亞峰會成果清單"), "derived title");
    assert!(text.contains(&format!("page1of{}", briefing.pages)));
}

#[test]
fn page_count_is_what_the_layout_computed_and_metadata_is_set() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let info = poppler("pdfinfo", &briefing.bytes, &[]);
    assert!(
        info.contains(&format!("Pages:           {}", briefing.pages)),
        "{info}"
    );
    assert!(
        info.contains("Title:           中國-中亞峰會成果清單"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.") && info.contains("(A4)"),
        "{info}"
    );
    assert!(briefing.pages >= 4);
}

#[test]
fn the_font_is_embedded_as_a_subset_and_the_file_stays_small() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let fonts = poppler("pdffonts", &briefing.bytes, &[]);
    let row = fonts.lines().nth(2).unwrap_or_else(|| panic!("{fonts}"));
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert!(
        cols[0].contains('+') && cols[0].contains("WenQuanYi"),
        "{fonts}"
    );
    // name type encoding emb sub uni object ID
    let n = cols.len();
    assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{fonts}");
    assert!(
        briefing.bytes.len() < 1_000_000,
        "{} bytes",
        briefing.bytes.len()
    );
}

#[test]
fn reruns_give_the_same_bytes() {
    let (doc, tables) = sample();
    let a = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let b = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    assert!(a.bytes == b.bytes);
}

#[test]
fn no_line_is_wider_than_the_column() {
    let (doc, tables) = sample();
    for pinyin in [false, true] {
        let options = BriefingOptions {
            pinyin,
            ..Default::default()
        };
        let lines = placed_lines(&doc, &tables, &options).unwrap();
        assert!(lines.len() > 100);
        for (width, text) in lines {
            assert!(width <= COLUMN_WIDTH + 1e-6, "{text:?} is {width} pt wide");
        }
    }
}

#[test]
fn the_reading_edition_sets_pinyin_above_the_characters() {
    let (doc, tables) = sample();
    let options = BriefingOptions {
        pinyin: true,
        title: Some("Reading edition".into()),
        ..Default::default()
    };
    let briefing = render_briefing(&doc, &tables, &options).unwrap();
    let text = poppler("pdftotext", &briefing.bytes, &[]);
    assert!(text.contains("Reading edition"));
    assert!(
        text.contains("wan") && text.contains("lüe"),
        "pinyin printed"
    );
    let plain = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    assert!(!poppler("pdftotext", &plain.bytes, &[]).contains("lüe"));
}
