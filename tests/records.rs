//! records.jsonl reads as a document's structure with its text, and rebuilds every source byte
//! for byte from the JSON Lines alone, as any reader (jq, DuckDB, Python) could.

mod common;

use std::path::Path;

use common::annotext;
use serde_json::Value;

/// Every object of a record that stands for a source line: (line, source, ending), the
/// document's `ending` where the line has none of its own.
fn lines_of(value: &Value, usual: &str, out: &mut Vec<(u64, String, String)>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::Number(line)), Some(Value::String(source))) =
                (map.get("line"), map.get("source"))
            {
                let ending = map.get("ending").and_then(Value::as_str).unwrap_or(usual);
                out.push((line.as_u64().unwrap(), source.clone(), ending.to_owned()));
            }
            map.values().for_each(|v| lines_of(v, usual, out));
        }
        Value::Array(items) => items.iter().for_each(|v| lines_of(v, usual, out)),
        _ => {}
    }
}

fn rebuild(record: &Value) -> Vec<u8> {
    let mut lines = Vec::new();
    lines_of(record, record["ending"].as_str().unwrap(), &mut lines);
    lines.sort_by_key(|(line, _, _)| *line);
    let mut out = String::new();
    if record["bom"] == Value::Bool(true) {
        out.push('\u{FEFF}');
    }
    for (_, source, ending) in lines {
        out.push_str(&source);
        out.push_str(&ending);
    }
    out.into_bytes()
}

#[test]
fn every_fixture_is_rebuilt_from_the_json_lines_alone_and_the_records_stay_small() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let fixtures = root.join("tests/fixtures/documents");
    let run = annotext(
        &[
            "run",
            fixtures.to_str().unwrap(),
            "-q",
            "-f",
            "jsonl",
            "-o",
            out.to_str().unwrap(),
        ],
        root,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    let mut rebuilt = 0;
    let mut input_bytes = 0;
    for line in text.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let id = record["id"].as_str().unwrap();
        let source = std::fs::read(fixtures.join(format!("{id}.txt"))).unwrap();
        assert_eq!(rebuild(&record), source, "{id}");
        input_bytes += source.len();
        rebuilt += 1;
    }
    assert!(rebuilt >= 20, "{rebuilt}");
    // Text in four forms (as annotated, clean, simplified, pinyin) and the structure: at most four
    // times the input.
    assert!(
        text.len() <= 4 * input_bytes,
        "records.jsonl is {} bytes for {input_bytes} bytes of input",
        text.len()
    );
}

#[test]
fn the_sample_s_record_holds_item_21_with_its_text_pinyin_and_offsets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = annotext(
        &[
            "parse",
            "data/china-central-asia-summit-2023.txt",
            "--compact",
        ],
        root,
    );
    assert!(out.status.success());
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["title"], "中國-中亞峰會成果清單");
    assert_eq!(record["counts"]["items"], 82);
    let item = &record["sections"][0]["items"][20];
    assert_eq!(item["number"], 21);
    assert_eq!(
        item["text"],
        "完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"
    );
    assert_eq!(
        item["simplified"],
        "完成中吉乌铁路可研工作,推进该铁路加快落地建设;"
    );
    assert!(item["pinyin"]
        .as_str()
        .unwrap()
        .starts_with("wán chéng zhōng jí wū tiě lù"));
    // Offsets in characters of the clean text, as jq and DuckDB slice strings.
    let clean: Vec<char> =
        std::fs::read_to_string(root.join("data/china-central-asia-summit-2023.txt"))
            .map(|t| annotext_parser::parse_str("s", &t).unwrap().clean_text())
            .unwrap()
            .chars()
            .collect();
    let (start, end) = (
        item["char_start"].as_u64().unwrap() as usize,
        item["char_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        clean[start..end].iter().collect::<String>(),
        item["text"].as_str().unwrap()
    );
}
