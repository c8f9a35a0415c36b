//! The pinyin dictionaries: words (phrase-pinyin-data, `data/dictionary/phrases.tsv`) and
//! characters (pinyin-data, `data/dictionary/chars.tsv`), both MIT, shipped in the binary and
//! rebuilt by `scripts/build_dictionary.py`.
//!
//! Words are what a reading is checked against in context (長 is read *zhǎng* in 外長) and what
//! a text's pinyin is written from. Headwords are simplified; they are folded like every text
//! ([`super::script::fold`]), so traditional text finds them.

use std::sync::OnceLock;

use annotext_parser::Reading;
use daachorse::CharwiseDoubleArrayAhoCorasick;
use rustc_hash::FxHashMap as HashMap;

use super::headwords;
use super::script::fold;

const PHRASES: &str = include_str!("../../../../data/dictionary/phrases.tsv");
const CHARS: &str = include_str!("../../../../data/dictionary/chars.tsv");

/// The word dictionary: one automaton over every headword, and each headword's readings.
pub struct Words {
    /// Every headword, folded, with its pattern index; matched with overlaps (each word covering
    /// a character counts). A character-wise double array: several times faster than a byte
    /// automaton on CJK text with this many words. `None` only if the dictionary were empty.
    pub(crate) automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Per pattern: the headword as listed.
    pub(crate) words: Vec<String>,
    /// Per pattern: its length in characters.
    pub(crate) lengths: Vec<u8>,
    /// Per pattern: where its readings are in `flat`, and its length in characters.
    alternatives: Vec<Alternatives>,
    /// Every pattern's readings, one after the other, one reading per character: one array
    /// instead of a vector per reading, so the context pass reads a word's readings with one
    /// fetch from memory rather than three.
    flat: Vec<Reading>,
}

/// Where a pattern's readings are in [`Words::flat`].
#[derive(Debug, Clone, Copy)]
struct Alternatives {
    start: u32,
    /// How many readings (of `chars` syllables each).
    count: u32,
    chars: u32,
}

impl Words {
    /// The readings of a pattern, each one reading per character.
    pub(crate) fn readings(&self, pattern: usize) -> std::slice::ChunksExact<'_, Reading> {
        let (start, end, chars) = self.alternatives.get(pattern).map_or((0, 0, 1), |a| {
            let start = a.start as usize;
            let chars = a.chars as usize;
            (start, start + a.count as usize * chars, chars.max(1))
        });
        self.flat.get(start..end).unwrap_or(&[]).chunks_exact(chars)
    }

    /// The headword of a pattern.
    pub(crate) fn word(&self, pattern: usize) -> &str {
        self.words.get(pattern).map_or("", String::as_str)
    }
}

/// The shipped word dictionary, read on first use (about 45,000 words).
pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| parse_words(PHRASES, shipped_automaton()))
}

/// The automaton the build script built over the shipped dictionary's patterns
/// (`crates/transform/build.rs`); `None` for an empty dictionary.
fn shipped_automaton() -> Option<CharwiseDoubleArrayAhoCorasick<u32>> {
    const SERIALIZED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.daac"));
    if SERIALIZED.is_empty() {
        return None;
    }
    // SAFETY: the bytes are `serialize()`'s output, by this build's daachorse, of an automaton
    // the build script built over `headwords::patterns(PHRASES, fold)`: the same patterns this
    // crate reads at run time, numbered alike (a test checks it against one built here).
    let (automaton, _) =
        unsafe { CharwiseDoubleArrayAhoCorasick::deserialize_unchecked(SERIALIZED) };
    Some(automaton)
}

/// The dictionary of `text`, with `automaton` built over its patterns
/// ([`headwords::patterns`]).
fn parse_words(text: &str, automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>) -> Words {
    let (patterns, lines) = headwords::patterns(text, |w| fold(w).into_owned());
    let mut words: Vec<String> = Vec::with_capacity(patterns.len());
    let mut readings: Vec<Vec<Vec<Reading>>> = vec![Vec::new(); patterns.len()];
    // Each syllable parsed once: 110,000 syllables of 45,000 words are 1,500 distinct ones.
    let mut parsed: HashMap<&str, Option<Reading>> = HashMap::default();
    for line in lines {
        if line.pattern == words.len() {
            words.push(line.word.to_owned());
        }
        let syllables: Option<Vec<Reading>> = line
            .pinyin
            .split(' ')
            .map(|s| *parsed.entry(s).or_insert_with(|| Reading::parse(s).ok()))
            .collect();
        // A reading that is not one syllable per character cannot be lined up with the text:
        // the word keeps no reading of it.
        let Some(syllables) = syllables.filter(|s| s.len() == line.word.chars().count()) else {
            continue;
        };
        if let Some(list) = readings.get_mut(line.pattern) {
            if !list.contains(&syllables) {
                list.push(syllables);
            }
        }
    }
    let lengths = patterns
        .iter()
        .map(|p| u8::try_from(p.chars().count()).unwrap_or(u8::MAX))
        .collect();
    let mut flat = Vec::new();
    let alternatives = readings
        .iter()
        .map(|list| {
            let start = u32::try_from(flat.len()).unwrap_or(u32::MAX);
            let chars = list.first().map_or(0, Vec::len);
            for reading in list {
                flat.extend_from_slice(reading);
            }
            Alternatives {
                start,
                count: u32::try_from(list.len()).unwrap_or(0),
                chars: u32::try_from(chars).unwrap_or(0),
            }
        })
        .collect();
    Words {
        automaton,
        words,
        lengths,
        alternatives,
        flat,
    }
}

/// Each character's most common reading (the first that pinyin-data lists), with tone.
pub fn common_reading(ch: char) -> Option<Reading> {
    // A flat table over the Basic Multilingual Plane: the pinyin looks up most characters of a
    // corpus here, and an array index is much cheaper than a hash look-up.
    static COMMON: OnceLock<Vec<Option<Reading>>> = OnceLock::new();
    let table = COMMON.get_or_init(|| {
        let mut table = vec![None; 0x10000];
        for (&c, readings) in chars() {
            if let Some(slot) = table.get_mut(c as usize) {
                *slot = readings.first().copied();
            }
        }
        table
    });
    match table.get(ch as usize) {
        Some(found) => *found,
        None => chars().get(&ch).and_then(|r| r.first()).copied(),
    }
}

/// Every reading pinyin-data gives a character, most common first.
pub fn char_readings(ch: char) -> &'static [Reading] {
    chars().get(&ch).map_or(&[], Vec::as_slice)
}

fn chars() -> &'static HashMap<char, Vec<Reading>> {
    static CHAR_READINGS: OnceLock<HashMap<char, Vec<Reading>>> = OnceLock::new();
    CHAR_READINGS.get_or_init(|| {
        let mut out = HashMap::default();
        for line in CHARS.lines().filter(|l| !l.starts_with('#')) {
            let Some((ch, list)) = line.split_once('\t') else {
                continue;
            };
            let mut chars = ch.chars();
            let (Some(ch), None) = (chars.next(), chars.next()) else {
                continue;
            };
            let readings: Vec<Reading> = list
                .split(',')
                .filter_map(|r| Reading::parse(r.trim()).ok())
                .collect();
            if !readings.is_empty() {
                out.insert(ch, readings);
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_automaton_built_at_compile_time_is_the_one_built_here() {
        let (patterns, _) = headwords::patterns(PHRASES, |w| fold(w).into_owned());
        let built = headwords::automaton(&patterns).map(|a| a.serialize());
        let shipped = words().automaton.as_ref().map(|a| a.serialize());
        assert!(built.as_ref().is_some_and(|b| b.len() > 100_000));
        assert!(
            built == shipped,
            "build.rs and the run disagree on the dictionary"
        );
        assert_eq!(words().words.len(), patterns.len());
    }

    #[test]
    fn the_shipped_dictionaries_load_and_know_heteronyms_in_context() {
        let words = words();
        assert!(words.words.len() > 40_000, "{}", words.words.len());
        let found: Vec<String> = words
            .automaton
            .as_ref()
            .unwrap()
            .find_overlapping_iter(fold("外長").as_ref())
            .flat_map(|m| words.readings(m.value() as usize).map(<[Reading]>::to_vec))
            .map(|r| r.iter().map(Reading::marked).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(found, ["wài zhǎng"]);
        assert_eq!(common_reading('中').map(|r| r.marked()), Some("zhōng"));
        assert!(char_readings('長').is_empty() || char_readings('长').len() >= 2);
    }
}
