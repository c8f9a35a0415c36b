//! `readings`: one row per distinct hanzi of each document.

use annotext_parser::{is_hanzi, Document, Reading, SegmentKind};
use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::Frame;
use crate::facts::readings::dictionary_readings;
use crate::facts::script::simplified;
use crate::text::u32_of;
use crate::TransformError;

#[derive(Default)]
struct CharStats {
    /// Sorted, without repeats: a character has a few readings at most, and a sorted vector
    /// takes each of its occurrences more cheaply than a tree set.
    annotated_readings: Vec<Reading>,
    occurrences: u32,
    annotated_occurrences: u32,
    max_annotations: u32,
}

/// The clean text's characters (markers included; annotations, BOM and line breaks left out) and
/// its hanzi, counted as this table counts them (for the documents table).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TextCounts {
    pub(super) characters: u32,
    pub(super) hanzi: u32,
}

/// The table, and each document's [`TextCounts`] (counted in the same pass over its text).
pub(super) fn readings_table(
    documents: &[Document],
) -> Result<(DataFrame, Vec<TextCounts>), TransformError> {
    // One map per document (keys are just chars: no per-occurrence allocation); rows go in
    // document order, characters in code point order within a document.
    let mut stats: Vec<((&str, char), CharStats)> = Vec::new();
    let mut text_counts = Vec::with_capacity(documents.len());
    // Occurrences of each character of the Basic Multilingual Plane are counted in an array
    // (`touched` lists those to read back and reset): an index per occurrence instead of a hash
    // look-up, and the map sees each character once.
    let mut occurrences = vec![0u32; 0x10000];
    let mut touched: Vec<char> = Vec::new();
    for doc in documents {
        let mut own: HashMap<char, CharStats> = HashMap::default();
        let (mut characters, mut hanzi) = (0usize, 0usize);
        for segment in &doc.segments {
            // Markers are clean text too, and a heading's numeral (`十一、`, `（二）`) is a
            // hanzi that annotators annotate: counted here, so that the annotated never
            // outnumber the occurrences (a fully annotated document read 102.9 %).
            if !matches!(
                segment.kind,
                SegmentKind::Text | SegmentKind::Marker | SegmentKind::PageFurniture
            ) {
                continue;
            }
            for ch in doc.slice(segment.span).chars() {
                characters += 1;
                if !is_hanzi(ch) {
                    continue;
                }
                hanzi += 1;
                match occurrences.get_mut(ch as usize) {
                    Some(n) => {
                        if *n == 0 {
                            touched.push(ch);
                        }
                        *n += 1;
                    }
                    None => own.entry(ch).or_default().occurrences += 1,
                }
            }
        }
        for ch in touched.drain(..) {
            if let Some(n) = occurrences.get_mut(ch as usize) {
                own.entry(ch).or_default().occurrences += std::mem::take(n);
            }
        }
        text_counts.push(TextCounts {
            characters: u32_of(characters),
            hanzi: u32_of(hanzi),
        });
        for c in &doc.chars {
            let s = own.entry(c.ch).or_default();
            s.annotated_occurrences += 1;
            s.max_annotations = s.max_annotations.max(u32_of(c.annotation_count()));
            if let Some(r) = c.reading {
                if let Err(at) = s.annotated_readings.binary_search(&r) {
                    s.annotated_readings.insert(at, r);
                }
            }
        }
        let mut own: Vec<(char, CharStats)> = own.into_iter().collect();
        own.sort_unstable_by_key(|(ch, _)| *ch);
        stats.extend(own.into_iter().map(|(ch, s)| ((doc.name.as_str(), ch), s)));
    }
    // What depends on the character alone, made once per character (a batch of small
    // documents repeats each character in every document), and each reading written once: the
    // rows then borrow them, with no string of their own.
    let mut by_char: HashMap<char, (String, String, Vec<String>)> = HashMap::default();
    let mut written: HashMap<Reading, String> = HashMap::default();
    for ((_, ch), s) in &stats {
        by_char.entry(*ch).or_insert_with(|| {
            let own = ch.to_string();
            let simple = simplified(&own);
            let known = dictionary_readings(*ch)
                .iter()
                .map(|r| r.to_string())
                .collect();
            (own, simple, known)
        });
        for r in &s.annotated_readings {
            written.entry(*r).or_insert_with(|| r.to_string());
        }
    }
    let rows = stats.len();
    let mut doc_id = Vec::with_capacity(rows);
    let mut character: Vec<&str> = Vec::with_capacity(rows);
    let mut simp: Vec<&str> = Vec::with_capacity(rows);
    let mut as_annotated: Vec<Vec<&str>> = Vec::with_capacity(rows);
    let mut dictionary: Vec<&[String]> = Vec::with_capacity(rows);
    let mut occurrences = Vec::with_capacity(rows);
    let mut annotated_occ = Vec::with_capacity(rows);
    let mut max_ann = Vec::with_capacity(rows);
    let mut valid = Vec::with_capacity(rows);
    for ((doc, ch), s) in &stats {
        let Some((own, simple, known)) = by_char.get(ch) else {
            continue;
        };
        let dict = dictionary_readings(*ch);
        doc_id.push(*doc);
        character.push(own.as_str());
        simp.push(simple.as_str());
        as_annotated.push(
            s.annotated_readings
                .iter()
                .filter_map(|r| written.get(r).map(String::as_str))
                .collect(),
        );
        dictionary.push(known.as_slice());
        occurrences.push(s.occurrences);
        annotated_occ.push(s.annotated_occurrences);
        max_ann.push(s.max_annotations);
        valid.push(if s.annotated_readings.is_empty() {
            None
        } else {
            Some(
                s.annotated_readings
                    .iter()
                    .all(|r| dict.iter().any(|d| d.agrees_with(r))),
            )
        });
    }
    let table = Frame::new("readings")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("character".into(), character))
        .col(Series::new("simplified".into(), simp))
        .list("readings_annotated", as_annotated)
        .list("readings_dictionary", dictionary)
        .col(Series::new("occurrences".into(), occurrences))
        .col(Series::new("annotated_occurrences".into(), annotated_occ))
        .col(Series::new("max_annotations".into(), max_ann))
        .col(Series::new("annotation_valid".into(), valid))
        .build()?;
    Ok((table, text_counts))
}
