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
            "Documents",
            "Items",
            "Sections",
            "Subsections",
            "Paragraphs",
            "Clauses",
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
        if name == "readings" || name == "entities" {
            // One row per character, per entity across the corpus: checked on their own below.
            continue;
        }
        assert_eq!(range.height(), df.height() + 1, "{title}");
        let headers: Vec<String> = (0..range.width())
            .map(|c| range.get((0, c)).unwrap().to_string())
            .collect();
        // Every column but the machine-only ones, each once.
        let mut shown = headers.clone();
        shown.sort();
        let mut want: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .filter(|n| !annotext_export_xlsx::is_for_machines(n))
            .collect();
        want.sort();
        assert_eq!(shown, want, "{title}");
        for (c, header) in headers.iter().enumerate() {
            let column = df.column(header).unwrap();
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
        names[..8],
        [
            "Summary",
            "Documents",
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
    let sections = row_of(&summary, "Items per section");
    assert_eq!(summary.get((sections + 1, 1)), Some(&Data::Float(108.0)));
    // A corpus lists its documents.
    let documents = row_of(&summary, "Document");
    assert_eq!(
        summary.get((documents + 2, 0)),
        Some(&Data::String("other".into()))
    );
    assert_eq!(summary.get((documents + 2, 2)), Some(&Data::Float(82.0)));
    // Readings: one row per character across both documents, not one per document.
    let one = a.readings.height();
    let mut rows = 0;
    for name in names.iter().filter(|n| n.starts_with("Readings")) {
        let readings = wb.worksheet_range(name).unwrap();
        rows += readings.height() - 1;
        let col = column_of(&readings, "documents");
        for r in 1..readings.height() {
            assert_eq!(
                readings.get((r, col)),
                Some(&Data::Float(2.0)),
                "{name} row {r}"
            );
        }
    }
    assert_eq!(rows, one);
    // Entities: one row per entity across both documents, each mention counted (50 rows a
    // sheet here, so they continue on `Entities (2)`).
    let distinct: std::collections::BTreeSet<(String, String)> = {
        let kind = a.entities.column("kind").unwrap();
        let name = a.entities.column("name").unwrap();
        (0..a.entities.height())
            .map(|i| {
                (
                    annotext_transform::cell_text(&kind.get(i).unwrap()),
                    annotext_transform::cell_text(&name.get(i).unwrap()),
                )
            })
            .collect()
    };
    let mut rows: Vec<Vec<Data>> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    for name in names.iter().filter(|n| n.starts_with("Entities")) {
        let sheet = wb.worksheet_range(name).unwrap();
        header = sheet
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|d| d.to_string())
            .collect();
        rows.extend(sheet.rows().skip(1).map(<[Data]>::to_vec));
    }
    assert_eq!(rows.len(), distinct.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut total = 0.0;
    for row in &rows {
        assert_eq!(row[col("documents")], Data::Float(2.0), "{row:?}");
        match row[col("mentions")] {
            Data::Float(n) => total += n,
            ref other => panic!("mentions: {other:?}"),
        }
    }
    assert_eq!(total, 2.0 * a.entities.height() as f64);
    // Most mentioned first: 中亚 (78 mentions in each of the two), with how it is written and
    // where it is first mentioned.
    let first = &rows[0];
    assert_eq!(first[col("name")].to_string(), "中亚");
    assert_eq!(first[col("mentions")], Data::Float(156.0));
    // 中亞五國 is written around 中亞 (the five countries of the region, 中亞 the name).
    assert_eq!(first[col("forms")].to_string(), "中亞");
    assert_eq!(first[col("first_document")].to_string(), "summit");
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

/// The row whose first cell is `text`.
fn row_of(range: &calamine::Range<Data>, text: &str) -> usize {
    (0..range.height())
        .find(|&r| range.get((r, 0)).map(|d| d.to_string()) == Some(text.to_owned()))
        .unwrap_or_else(|| panic!("no row {text:?}"))
}

/// The column whose header is `name`.
fn column_of(range: &calamine::Range<Data>, name: &str) -> usize {
    (0..range.width())
        .find(|&c| range.get((0, c)).map(|d| d.to_string()) == Some(name.to_owned()))
        .unwrap_or_else(|| panic!("no column {name:?}"))
}

/// The sheet XML of the sheet named `name` (its part, from the workbook's relationships).
fn sheet_xml(bytes: &[u8], name: &str) -> String {
    let workbook = read_entry(bytes, "xl/workbook.xml");
    let at = workbook
        .find(&format!("<sheet name=\"{name}\""))
        .unwrap_or_else(|| panic!("no sheet {name}"));
    let rid = attribute(&workbook[at..], "r:id");
    let rels = read_entry(bytes, "xl/_rels/workbook.xml.rels");
    let at = rels.find(&format!("Id=\"{rid}\"")).unwrap();
    let start = rels[..at].rfind("<Relationship").unwrap();
    let target = attribute(&rels[start..], "Target");
    read_entry(bytes, &format!("xl/{target}"))
}

/// An attribute of the `<col>` element that covers column `col` (1-based; adjacent columns of
/// one width share an element).
fn col_attribute(xml: &str, col: usize, name: &str) -> String {
    xml.split("<col ")
        .skip(1)
        .find(|c| {
            let min: usize = attribute(c, "min").parse().unwrap();
            let max: usize = attribute(c, "max").parse().unwrap();
            (min..=max).contains(&col)
        })
        .map(|c| attribute(c, name))
        .unwrap_or_else(|| panic!("no col {col}"))
}

/// The value of the first `name="…"` attribute in `xml`.
fn attribute(xml: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    let at = xml.find(&key).unwrap_or_else(|| panic!("no {name}")) + key.len();
    xml[at..at + xml[at..].find('"').unwrap()].to_owned()
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

#[test]
fn rows_are_as_tall_as_their_wrapped_chinese_text() {
    let bytes = workbook_bytes(&tables(), &info(), MAX_DATA_ROWS).unwrap();
    let xml = sheet_xml(&bytes, "Items");
    let mut wb = open(&bytes);
    let items = wb.worksheet_range("Items").unwrap();
    // Item 1.18 is the longest of section one: 56 hanzi, over 100 units in a 40-wide column.
    let row = (1..items.height())
        .find(|&r| {
            items.get((r, column_of(&items, "label"))) == Some(&Data::String("§1.18".into()))
        })
        .unwrap();
    let text = items
        .get((row, column_of(&items, "text")))
        .unwrap()
        .to_string();
    assert!(text.chars().count() > 50, "{text}");
    let tag = format!("<row r=\"{}\"", row + 1);
    let at = xml.find(&tag).unwrap();
    let height: f64 = attribute(&xml[at..], "ht").parse().unwrap();
    // At least three lines of 15 points, and marked as a height of its own.
    assert!(height >= 45.0, "{height}");
    assert!(xml[at..at + 200].contains("customHeight=\"1\""));
    // A one-line row keeps the default height: no `ht` of its own.
    let summary = sheet_xml(&bytes, "Timeline");
    assert!(summary.contains("<row r=\"1\""));
}

#[test]
fn identifying_columns_come_first_and_stay_frozen_and_machine_columns_are_left_out() {
    let bytes = workbook_bytes(&tables(), &info(), MAX_DATA_ROWS).unwrap();
    let mut wb = open(&bytes);
    let items = wb.worksheet_range("Items").unwrap();
    let headers: Vec<String> = (0..items.width())
        .map(|c| items.get((0, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        headers[..6],
        [
            "doc_id",
            "section_number",
            "subsection_number",
            "item_number",
            "label",
            "section_title"
        ]
    );
    for gone in ["byte_start", "byte_end"] {
        assert!(!headers.contains(&gone.to_owned()), "{headers:?}");
    }
    let anomalies = wb.worksheet_range("Anomalies").unwrap();
    assert!((0..anomalies.width())
        .all(|c| anomalies.get((0, c)) != Some(&Data::String("byte_offset".into()))));
    let xml = sheet_xml(&bytes, "Items");
    assert!(
        xml.contains("<pane xSplit=\"5\" ySplit=\"1\""),
        "frozen columns"
    );
    // Widths fit their content: the item number as wide as its header (a spreadsheet would cut
    // `item_number` mid-word), not more; the text capped at 40.
    let width = |col: usize| col_attribute(&xml, col, "width").parse::<f64>().unwrap();
    assert!(
        width(4) >= 11.0 && width(4) < 16.0,
        "item_number {}",
        width(4)
    );
    assert!(width(8) <= 40.8 && width(8) > 30.0, "text {}", width(8));
    // The corpus's entities are identified by kind and name: both frozen.
    assert!(
        sheet_xml(&bytes, "Entities").contains("<pane xSplit=\"2\" ySplit=\"1\""),
        "Entities' frozen columns"
    );
}

#[test]
fn coverage_shows_as_a_percentage() {
    let bytes = workbook_bytes(&tables(), &info(), MAX_DATA_ROWS).unwrap();
    let styles = read_entry(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
    let mut wb = open(&bytes);
    let items = wb.worksheet_range("Items").unwrap();
    let col = column_of(&items, "annotation_coverage") + 1;
    let xml = sheet_xml(&bytes, "Items");
    let style = col_attribute(&xml, col, "style");
    // The column's style is the one with the percentage format.
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs
        .split("<xf ")
        .nth(style.parse::<usize>().unwrap() + 1)
        .unwrap();
    let id = attribute(xf, "numFmtId");
    assert!(styles.contains(&format!("numFmtId=\"{id}\" formatCode=\"0.0%\"")));
}

#[test]
fn every_sheet_prints_legibly_on_a4_landscape_with_its_header_and_footer() {
    let bytes = workbook_bytes(&tables(), &info(), MAX_DATA_ROWS).unwrap();
    let mut wb = open(&bytes);
    let workbook = read_entry(&bytes, "xl/workbook.xml");
    for name in wb.sheet_names() {
        let xml = sheet_xml(&bytes, &name);
        let setup = &xml[xml.find("<pageSetup").unwrap()..];
        assert_eq!(attribute(setup, "orientation"), "landscape", "{name}");
        assert_eq!(attribute(setup, "paperSize"), "9", "{name}");
        assert!(
            xml.contains("<oddFooter>&amp;L&amp;A&amp;Rpage &amp;P of &amp;N</oddFooter>"),
            "{name}"
        );
        // Fitted to one page across, or at a scale whose 11 pt text stays legible (over
        // several pages across, a band of rows at a time, the document column repeated).
        if xml.contains("<pageSetUpPr fitToPage=\"1\"/>") {
            assert_eq!(attribute(setup, "fitToHeight"), "0", "{name}");
        } else {
            let scale: u16 = attribute(setup, "scale").parse().unwrap();
            assert!(scale >= annotext_export_xlsx::SMALLEST_SCALE, "{name}");
            assert_eq!(attribute(setup, "pageOrder"), "overThenDown", "{name}");
            assert!(workbook.contains(&format!("{name}!$A:$")), "{name}");
        }
        if name != "Summary" {
            assert!(workbook.contains(&format!("{name}!$1:$1")), "{name}");
            assert!(xml.contains("gridLines=\"1\""), "{name}");
        }
    }
    // The Items sheet is too wide for one page: it prints at the smallest scale, and only the
    // columns a reader needs (the pinyin and the other renderings of the text stay on screen).
    let xml = sheet_xml(&bytes, "Items");
    assert!(!xml.contains("fitToPage"));
    let items = wb.worksheet_range("Items").unwrap();
    let headers: Vec<String> = (0..items.width())
        .map(|c| items.get((0, c)).unwrap().to_string())
        .collect();
    let printed = headers
        .iter()
        .position(|h| !annotext_export_xlsx::is_for_print(h))
        .unwrap();
    assert!(headers[printed..]
        .iter()
        .all(|h| !annotext_export_xlsx::is_for_print(h)));
    for screen in ["pinyin", "simplified", "annotated_text", "line"] {
        assert!(headers[printed..].contains(&screen.to_owned()), "{screen}");
    }
    let last = (b'A' + printed as u8 - 1) as char;
    let area = format!("Items!$A$1:${last}${}", items.height());
    assert!(workbook.contains(&area), "{area} in {workbook}");
    // Fitted sheets are narrow enough: the Timeline fits on one page across.
    assert!(sheet_xml(&bytes, "Timeline").contains("<pageSetUpPr fitToPage=\"1\"/>"));
}

#[test]
fn charts_read_top_down_with_every_label_and_topics_by_count() {
    let bytes = workbook_bytes(&tables(), &info(), MAX_DATA_ROWS).unwrap();
    for chart in ["xl/charts/chart1.xml", "xl/charts/chart2.xml"] {
        let xml = read_entry(&bytes, chart);
        // The category axis reversed: the first bar on top.
        let axis = &xml[xml.find("<c:catAx>").unwrap()..];
        assert_eq!(
            attribute(&axis[axis.find("<c:orientation").unwrap()..], "val"),
            "maxMin"
        );
        assert!(!xml.contains("tickLblSkip"), "{chart} skips labels");
    }
    // The topics chart is tall enough for its ten labels: it spans over 12 rows of 20 pixels.
    let drawing = read_entry(&bytes, "xl/drawings/drawing1.xml");
    let rows: Vec<u32> = drawing
        .split("<xdr:row>")
        .skip(1)
        .map(|r| r[..r.find('<').unwrap()].parse().unwrap())
        .collect();
    // From and to of each chart.
    assert_eq!(rows.len(), 4, "{drawing}");
    assert!(rows[3] - rows[2] >= 12, "{rows:?}");
    let mut wb = open(&bytes);
    let summary = wb.worksheet_range("Summary").unwrap();
    let top = row_of(&summary, "Items per section");
    assert_eq!(summary.get((top + 1, 1)), Some(&Data::Float(54.0)));
    assert_eq!(summary.get((top + 3, 1)), Some(&Data::Float(9.0)));
    let top = row_of(&summary, "Items per topic");
    let counts: Vec<f64> = (top + 1..summary.height())
        .map_while(|r| match summary.get((r, 1)) {
            Some(Data::Float(f)) => Some(*f),
            _ => None,
        })
        .collect();
    assert_eq!(counts.len(), 10);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}
