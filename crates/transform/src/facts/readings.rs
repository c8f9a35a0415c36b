//! Readings checked against the dictionary (Unihan, via the `pinyin` crate).

use annotext_parser::{Document, Position, Reading, Span};
use pinyin::{Pinyin, ToPinyinMulti};
use rustc_hash::FxHashMap as HashMap;

/// The readings the dictionary (Unihan, via the `pinyin` crate) gives for a character.
pub fn dictionary_readings(ch: char) -> Vec<Reading> {
    let Some(multi) = ch.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut out: Vec<Reading> = multi
        .into_iter()
        .filter_map(|p| Reading::parse(Pinyin::with_tone(p)).ok())
        .collect();
    out.dedup();
    out
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
        let valid = *cache
            .entry((c.ch, reading))
            .or_insert_with(|| reading_is_valid(c.ch, reading));
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
