//! Readings checked against the dictionary (Unihan, via the `pinyin` crate).

use annotext_parser::{Document, Position, Reading, Span};
use pinyin::{Pinyin, ToPinyinMulti};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

/// Characters of the Basic Multilingual Plane, whose dictionary readings are kept once found.
const BMP: usize = 0x10000;

/// The readings the dictionary (Unihan, via the `pinyin` crate) gives for a character. Those of
/// a character of the Basic Multilingual Plane are parsed once per run and kept: the readings
/// table asks once per character per document, 700,000 times for 2,000 small documents.
pub fn dictionary_readings(ch: char) -> &'static [Reading] {
    // One slot per character, filled on first use; 1.5 MB of zeroed memory, paged in only
    // where used.
    static KNOWN: [OnceLock<Box<[Reading]>>; BMP] = [const { OnceLock::new() }; BMP];
    static BEYOND: OnceLock<Mutex<HashMap<char, &'static [Reading]>>> = OnceLock::new();
    match KNOWN.get(ch as usize) {
        Some(slot) => slot.get_or_init(|| parse_readings(ch)),
        // Rare (CJK extensions): each character's readings kept for the run, once.
        None => {
            let mut beyond = BEYOND
                .get_or_init(Mutex::default)
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            beyond
                .entry(ch)
                .or_insert_with(|| Box::leak(parse_readings(ch)))
        }
    }
}

fn parse_readings(ch: char) -> Box<[Reading]> {
    let Some(multi) = ch.to_pinyin_multi() else {
        return Box::default();
    };
    let mut out: Vec<Reading> = multi
        .into_iter()
        .filter_map(|p| Reading::parse(Pinyin::with_tone(p)).ok())
        .collect();
    out.dedup();
    out.into_boxed_slice()
}

/// Whether an annotated reading is one the dictionary gives for the character (a toneless
/// annotation matches any tone of the syllable).
pub fn reading_is_valid(ch: char, reading: Reading) -> bool {
    dictionary_readings(ch)
        .iter()
        .any(|d| d.agrees_with(&reading))
}

/// The kinds of anomaly this crate adds to the parser's.
pub const READING_NOT_IN_DICTIONARY: &str = "reading_not_in_dictionary";

/// An anomaly this crate adds to the parser's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryAnomaly {
    /// The annotated character.
    pub span: Span,
    /// Where it is.
    pub position: Position,
    /// What is wrong.
    pub detail: String,
}

/// Annotated readings the dictionary does not give for their character.
pub fn dictionary_anomalies(doc: &Document) -> Vec<DictionaryAnomaly> {
    let mut out = Vec::new();
    // Hashed: looked up once per annotated character, and a document has hundreds of thousands.
    let mut cache: HashMap<(char, Reading), bool> = HashMap::default();
    for c in &doc.chars {
        let Some(reading) = c.reading else { continue };
        // A lookup first: almost every pair was seen before, and `entry` costs more than `get`.
        let valid = match cache.get(&(c.ch, reading)) {
            Some(&valid) => valid,
            None => {
                let valid = reading_is_valid(c.ch, reading);
                cache.insert((c.ch, reading), valid);
                valid
            }
        };
        if !valid {
            let known: Vec<String> = dictionary_readings(c.ch)
                .iter()
                .map(|r| r.to_string())
                .collect();
            let known = if known.is_empty() {
                "(not in the dictionary)".to_owned()
            } else {
                known.join(", ")
            };
            out.push(DictionaryAnomaly {
                span: c.span,
                position: c.position,
                detail: format!(
                    "{} annotated {reading}, but the dictionary reads it {known}",
                    c.ch
                ),
            });
        }
    }
    out
}
