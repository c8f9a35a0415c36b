//! Documents the project was not tuned to: the fixtures under `tests/fixtures/documents/`, each a
//! clean text written for the purpose and annotated in several ways (plain, tone marks, tone
//! digits, full-width, `v` for `ü`, traditional script, CRLF, BOM) by `annotate.py`, with the
//! structure and the entities expected written by hand in `expected.json`.
//!
//! Every item must land in its section and subsection with its clean text, no numbering anomaly
//! may be reported that the document does not have, and every variant must give the same
//! entities and topic counts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use annotext_parser::{parse_vec, AnomalyDetail, BlockKind, Document};
use annotext_transform::{build_tables, fold, Rules, Tables};
use polars::prelude::*;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents")
}

/// Each fixture folder with its expectations.
fn documents() -> Vec<(PathBuf, Value)> {
    let mut out: Vec<(PathBuf, Value)> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").is_file())
        .map(|p| {
            let expected = std::fs::read_to_string(p.join("expected.json")).unwrap();
            (p, serde_json::from_str(&expected).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 4, "the fixtures are missing");
    out
}

/// The annotated variants of a fixture (every `.txt` but the clean texts).
fn variants(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("clean")
        })
        .collect();
    out.sort();
    assert!(out.len() >= 4, "{}: too few variants", dir.display());
    out
}

fn parse(path: &Path) -> Document {
    parse_vec("doc", std::fs::read(path).unwrap()).unwrap()
}

fn strings(df: &DataFrame, col: &str) -> Vec<String> {
    let series = df
        .column(col)
        .unwrap()
        .as_materialized_series()
        .cast(&DataType::String)
        .unwrap();
    let ca = series.str().unwrap();
    (0..ca.len())
        .map(|i| ca.get(i).unwrap_or_default().to_owned())
        .collect()
}

fn folded(text: &str) -> String {
    fold(text).into_owned()
}

fn item_texts(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
        .map(|b| doc.block_text(b))
        .collect()
}

/// The structure as `expected.json` writes it: per section (number, title, items, subsections
/// (number, title, items)), titles folded to simplified characters.
type Shape = Vec<(u64, String, u64, Vec<(u64, String, u64)>)>;

fn expected_shape(expected: &Value) -> Shape {
    expected["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let subs = s["subsections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| {
                    (
                        u["number"].as_u64().unwrap(),
                        folded(u["title"].as_str().unwrap()),
                        u["items"].as_u64().unwrap(),
                    )
                })
                .collect();
            (
                s["number"].as_u64().unwrap(),
                folded(s["title"].as_str().unwrap()),
                s["items"].as_u64().unwrap(),
                subs,
            )
        })
        .collect()
}

fn shape(doc: &Document) -> Shape {
    doc.sections
        .iter()
        .map(|s| {
            let subs = s
                .subsections
                .iter()
                .map(|&i| {
                    let sub = &doc.subsections[i as usize];
                    (
                        u64::from(sub.number.0),
                        folded(&doc.block_text(doc.subsection_heading(sub))),
                        sub.items.len() as u64,
                    )
                })
                .collect();
            (
                u64::from(s.number.0),
                folded(&doc.block_text(doc.section_heading(s))),
                s.items.len() as u64,
                subs,
            )
        })
        .collect()
}

#[test]
fn every_item_of_every_variant_lands_in_its_section_and_subsection_with_its_clean_text() {
    for (dir, expected) in documents() {
        let clean = parse(&dir.join("clean.txt"));
        let clean_items: Vec<String> = item_texts(&clean).iter().map(|t| folded(t)).collect();
        assert_eq!(
            shape(&clean),
            expected_shape(&expected),
            "{}",
            dir.display()
        );
        for path in variants(&dir) {
            let doc = parse(&path);
            let name = path.display();
            assert_eq!(
                doc.rebuild().as_bytes(),
                std::fs::read(&path).unwrap(),
                "{name}"
            );
            assert_eq!(shape(&doc), expected_shape(&expected), "{name}");
            if let Some(title) = expected["title"].as_str() {
                assert_eq!(
                    folded(&annotext_transform::document_title(&doc)),
                    folded(title),
                    "{name}"
                );
            }
            assert_eq!(
                doc.paragraphs()
                    .filter(|b| !doc.block_text(b).trim().is_empty())
                    .count() as u64,
                expected["paragraphs"].as_u64().unwrap(),
                "{name}"
            );
            // The annotator converts the script before annotating: compare on folded text.
            let items: Vec<String> = item_texts(&doc).iter().map(|t| folded(t)).collect();
            assert_eq!(items, clean_items, "{name}");
            let numbering: Vec<String> = doc
                .anomalies
                .iter()
                .filter(|a| matches!(a.detail, AnomalyDetail::Numbering { .. }))
                .map(|a| a.message(&doc.text))
                .collect();
            assert!(numbering.is_empty(), "{name}: {numbering:?}");
        }
    }
}

/// (kind, name, line) of every entity: the name is the simplified full name.
fn entity_keys(t: &Tables) -> Vec<(String, String, String)> {
    let mut keys: Vec<_> = strings(&t.entities, "kind")
        .into_iter()
        .zip(strings(&t.entities, "name"))
        .zip(strings(&t.entities, "line"))
        .map(|((k, n), l)| (k, n, l))
        .collect();
    keys.sort();
    keys
}

fn topic_counts(t: &Tables) -> BTreeMap<String, String> {
    strings(&t.topics, "topic")
        .into_iter()
        .zip(strings(&t.topics, "item_count"))
        .collect()
}

#[test]
fn every_variant_finds_the_expected_entities_and_the_same_entities_and_topics() {
    let rules = Rules::default();
    for (dir, expected) in documents() {
        let clean = build_tables(&[parse(&dir.join("clean.txt"))], &rules).unwrap();
        let clean_entities = entity_keys(&clean);
        let clean_topics = topic_counts(&clean);
        assert!(!clean_topics.is_empty(), "{}: no topic", dir.display());
        for path in variants(&dir) {
            let t = build_tables(&[parse(&path)], &rules).unwrap();
            let name = path.display();
            assert_eq!(entity_keys(&t), clean_entities, "{name}");
            assert_eq!(topic_counts(&t), clean_topics, "{name}");
            // Every expected name is found, with its kind, in the text's own script.
            let found: Vec<(String, String)> = strings(&t.entities, "kind")
                .into_iter()
                .zip(strings(&t.entities, "text").iter().map(|t| folded(t)))
                .collect();
            let mut missing = Vec::new();
            for (kind, names) in expected["entities"].as_object().unwrap() {
                for want in names.as_array().unwrap() {
                    let want = folded(want.as_str().unwrap());
                    if !found.iter().any(|(k, n)| k == kind && *n == want) {
                        missing.push(format!("{kind} {want}"));
                    }
                }
            }
            assert!(missing.is_empty(), "{name}: not found: {missing:?}");
        }
    }
}

#[test]
fn coverage_never_passes_100_percent_and_a_fully_annotated_document_reads_100() {
    let rules = Rules::default();
    let mut fully = 0;
    for (dir, _) in documents() {
        for path in variants(&dir) {
            let name = path.display();
            let t = build_tables(&[parse(&path)], &rules).unwrap();
            let hanzi: Vec<String> = strings(&t.documents, "hanzi");
            let annotated: Vec<String> = strings(&t.documents, "annotated_hanzi");
            let (hanzi, annotated): (u64, u64) =
                (hanzi[0].parse().unwrap(), annotated[0].parse().unwrap());
            assert!(annotated <= hanzi, "{name}: {annotated} of {hanzi}");
            // Per character too: annotated occurrences are occurrences.
            for (occurrences, annotated) in strings(&t.readings, "occurrences")
                .iter()
                .zip(strings(&t.readings, "annotated_occurrences"))
            {
                assert!(annotated.parse::<u64>().unwrap() <= occurrences.parse().unwrap());
            }
            if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("every-hanzi")
            {
                // Heading numerals (四、, （二）) are annotated and counted like any hanzi.
                assert_eq!(annotated, hanzi, "{name}");
                assert_eq!(strings(&t.documents, "annotation_coverage")[0], "1.0");
                fully += 1;
            }
        }
    }
    assert_eq!(fully, 1);
}

/// The item numbers in document order (articles and items alike).
fn item_numbers(doc: &Document) -> Vec<u64> {
    doc.blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Item { number, .. } => Some(u64::from(number.0)),
            _ => None,
        })
        .collect()
}

/// Every variant of the documents written in other shapes (hard-wrapped, articles and clauses,
/// statements with lists) reads as `expected.json` says: its units, numbered as written, with
/// wrapped lines joined, no number changed, and no error reported.
#[test]
fn every_shape_gives_its_units_joined_texts_and_numbers_and_no_false_error() {
    let mut shaped = 0;
    for (dir, expected) in documents() {
        let Some(items) = expected["items"].as_u64() else {
            continue;
        };
        shaped += 1;
        let mut paths = variants(&dir);
        paths.push(dir.join("clean.txt"));
        for path in paths {
            let name = path.display();
            let doc = parse(&path);
            assert_eq!(item_numbers(&doc).len() as u64, items, "{name}");
            let numbers: Vec<u64> = expected["item_numbers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .collect();
            assert_eq!(item_numbers(&doc), numbers, "{name}");
            let count = |f: fn(&annotext_parser::Block) -> bool| {
                doc.blocks.iter().filter(|b| f(b)).count() as u64
            };
            assert_eq!(
                count(|b| matches!(b.kind, BlockKind::Clause { .. })),
                expected["clauses"].as_u64().unwrap(),
                "{name}: clauses"
            );
            assert_eq!(
                count(|b| matches!(b.kind, BlockKind::Point { .. })),
                expected["points"].as_u64().unwrap(),
                "{name}: points"
            );
            assert_eq!(
                count(|b| b.kind == BlockKind::Paragraph && b.parent.is_some()),
                expected["item_paragraphs"].as_u64().unwrap(),
                "{name}: further paragraphs of articles"
            );
            for joined in expected["joined"].as_array().unwrap() {
                let line = joined["line"].as_u64().unwrap() as u32;
                let block = doc.blocks.iter().find(|b| b.line == line);
                let text = block.map(|b| folded(&doc.block_text(b)));
                assert_eq!(
                    text.as_deref(),
                    Some(folded(joined["text"].as_str().unwrap()).as_str()),
                    "{name}: line {line}"
                );
            }
            let all_text: String = doc
                .blocks
                .iter()
                .map(|b| folded(&doc.block_text(b)))
                .collect();
            for number in expected["numbers_kept"].as_array().unwrap() {
                let number = folded(number.as_str().unwrap());
                assert!(all_text.contains(&number), "{name}: {number} changed");
            }
            let (findings, errors) = annotext_transform::finding_counts(&doc);
            assert_eq!(errors, 0, "{name}: {findings} findings, {errors} errors");
        }
    }
    assert!(shaped >= 3, "the fixtures of other shapes are missing");
}

/// Nothing lost, nothing invented: the markers and texts of the blocks, in order, are the
/// clean text (spaces and line breaks aside); the tables have one row per unit.
#[test]
fn every_character_of_every_fixture_is_in_exactly_one_unit() {
    let rules = Rules::default();
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    for (dir, _) in documents() {
        for path in variants(&dir) {
            let name = path.display();
            let doc = parse(&path);
            let units: String = doc
                .blocks
                .iter()
                .map(|b| doc.marker_text(b) + &doc.block_text(b))
                .collect();
            assert_eq!(squeeze(&units), squeeze(&doc.clean_text()), "{name}");
            let t = build_tables(std::slice::from_ref(&doc), &rules).unwrap();
            let rows = t.items.height()
                + t.paragraphs.height()
                + t.clauses.height()
                + t.sections.height()
                + t.subsections.height();
            let blocks = doc
                .blocks
                .iter()
                .filter(|b| b.kind != BlockKind::Blank)
                .count();
            assert_eq!(rows, blocks, "{name}");
            let record = annotext_transform::document_record(&doc);
            assert_eq!(record.rebuild(), doc.text, "{name}");
        }
    }
}
