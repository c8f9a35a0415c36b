//! The workbook as printed: rendered to PDF by LibreOffice, every sheet's text must be 6 pt or
//! more. The sizes are read two ways: the font size of each run of text in the pages' content
//! streams (exact), and the height of each word's box from poppler's `pdftotext -bbox`, which
//! is about 1.3 times the font size for the fonts LibreOffice uses here.
//!
//! CI does not install LibreOffice: without `soffice` on the PATH this test says so and passes.
//! `apt-get install libreoffice-calc-nogui fonts-wqy-microhei` to run it.

use std::io::Read;
use std::process::Command;

use annotext_export_xlsx::{workbook_bytes, WorkbookInfo, MAX_DATA_ROWS};
use annotext_poppler_check::poppler;
use annotext_transform::{build_tables, Rules};

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");
const SIMPLIFIED: &str =
    include_str!("../../../tests/fixtures/documents/sco-transport-2025/marks.txt");
const REGULATION: &str =
    include_str!("../../../tests/fixtures/documents/mekong-centre-charter-2025/marks.txt");

/// Smallest printed text, in points.
const SMALLEST_POINTS: f64 = 6.0;

fn soffice() -> Option<&'static str> {
    let found = Command::new("soffice").arg("--version").output();
    found.ok().filter(|o| o.status.success()).map(|_| "soffice")
}

/// The font size of every text run (`/F1 7.7 Tf`) in the PDF's streams.
fn font_sizes(pdf: &[u8]) -> Vec<f64> {
    let mut sizes = Vec::new();
    let mut at = 0;
    while let Some(start) = find(&pdf[at..], b"stream") {
        let mut from = at + start + b"stream".len();
        while pdf.get(from).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            from += 1;
        }
        let Some(len) = find(&pdf[from..], b"endstream") else {
            break;
        };
        let mut text = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[from..from + len])
            .read_to_end(&mut text)
            .is_ok()
        {
            let text = String::from_utf8_lossy(&text);
            let tokens: Vec<&str> = text.split_whitespace().collect();
            // `/F1 6.789 Tf[<01>…]TJ`: the operator may run into the next one.
            for run in tokens.windows(3) {
                if run[0].starts_with('/') && run[2].starts_with("Tf") {
                    if let Ok(size) = run[1].parse::<f64>() {
                        sizes.push(size);
                    }
                }
            }
        }
        at = from + len + b"endstream".len();
    }
    sizes
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn every_sheet_prints_at_six_points_or_more_in_libreoffice() {
    let Some(soffice) = soffice() else {
        eprintln!("skipped: LibreOffice (soffice) is not installed, so the printed workbook is not checked");
        return;
    };
    let docs = [
        ("summit", SAMPLE),
        ("sco-transport-2025", SIMPLIFIED),
        ("mekong-centre-charter-2025", REGULATION),
    ]
    .map(|(name, text)| annotext_parser::parse_str(name, text).unwrap());
    let tables = build_tables(&docs, &Rules::default()).unwrap();
    let info = WorkbookInfo {
        title: "Three documents".into(),
        subject: "Printing check".into(),
    };
    let bytes = workbook_bytes(&tables, &info, MAX_DATA_ROWS).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("workbook.xlsx");
    std::fs::write(&xlsx, &bytes).unwrap();
    let out = Command::new(soffice)
        // A profile of its own: a LibreOffice the user has open does not take the job.
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("workbook.pdf")).unwrap();

    let sizes = font_sizes(&pdf);
    assert!(sizes.len() > 100, "text runs found: {}", sizes.len());
    let smallest = sizes.iter().cloned().fold(f64::MAX, f64::min);
    assert!(smallest >= SMALLEST_POINTS, "text at {smallest:.1} pt");

    // Every word's box, page by page, named by the sheet in the page's footer.
    let boxes = poppler("pdftotext", &pdf, &["-bbox"]);
    let mut pages = 0;
    for page in boxes.split("<page ").skip(1) {
        pages += 1;
        let words: Vec<(f64, f64, &str)> = page
            .split("<word ")
            .skip(1)
            .filter_map(|w| {
                let number = |key: &str| -> Option<f64> {
                    let at = w.find(&format!("{key}=\""))? + key.len() + 2;
                    w[at..at + w[at..].find('"')?].parse().ok()
                };
                let text = &w[w.find('>')? + 1..w.find("</word>")?];
                Some((number("yMin")?, number("yMax")?, text))
            })
            .collect();
        let bottom = words.iter().map(|w| w.0).fold(0.0, f64::max);
        let sheet = words
            .iter()
            .find(|w| w.0 >= bottom - 1.0)
            .map_or("?", |w| w.2);
        for (top, bottom, text) in &words {
            assert!(
                bottom - top >= SMALLEST_POINTS,
                "sheet {sheet}: {text:?} is {:.1} pt tall",
                bottom - top
            );
        }
    }
    assert!(pages > 12, "{pages} pages");
}
