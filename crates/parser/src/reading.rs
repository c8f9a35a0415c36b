//! Pinyin readings: recognising a syllable in any of the spellings annotators emit
//! (`zhong`, `zhong1`, `zhōng`, `lv`, `lü`, `Lüe4`) and storing it in one canonical form.
//!
//! The table of valid syllables is not typed in by hand: it is every toneless syllable that the
//! `pinyin` crate's dictionary (Unicode Unihan data) gives for any character, so it is complete
//! for Mandarin and includes the rare interjections (`hm`, `ng`, `ê`).

use std::fmt;
use std::sync::OnceLock;

use pinyin::{Pinyin, ToPinyinMulti};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Longest toneless syllable in bytes (`zhuang`, `chuang`; `ü` counts two bytes).
const MAX_SYLLABLE_BYTES: usize = 7;

/// A validated pinyin reading: one syllable of the table, and its tone when the annotation gave one.
///
/// Canonical form (used for display, comparison and serialisation): toneless spelling with `ü`,
/// followed by the tone number 1–5 when known, e.g. `lüe4`, `zhong`, `ma5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reading {
    syllable: u16,
    tone: Option<Tone>,
}

/// A tone number: 1–4, or 5 for the neutral tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Tone(u8);

impl Tone {
    /// Builds a tone from its number; 0 and 5 both mean the neutral tone.
    pub fn new(number: u8) -> Option<Tone> {
        match number {
            1..=4 => Some(Tone(number)),
            0 | 5 => Some(Tone(5)),
            _ => None,
        }
    }

    /// The tone number, 1–5.
    pub fn number(self) -> u8 {
        self.0
    }
}

/// Why a parenthesised word is not a valid reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadingError {
    /// Not made of pinyin letters at all (digits, hanzi, spaces…): ordinary text.
    NotSyllableShaped,
    /// Looks like a syllable (letters, maybe a tone) but is not one of the table.
    UnknownSyllable,
}

struct SyllableTable {
    names: Vec<&'static str>,
    index: FxHashMap<&'static str, u16>,
}

fn table() -> &'static SyllableTable {
    static TABLE: OnceLock<SyllableTable> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> SyllableTable {
    // The CJK blocks the dictionary covers; iterating them once yields every syllable it knows.
    let ranges = [
        0x3007..=0x3007,
        0x3400..=0x4DBF,
        0x4E00..=0x9FFF,
        0xF900..=0xFAFF,
        0x20000..=0x2FA1F,
    ];
    let mut marked_seen = rustc_hash::FxHashSet::default();
    let mut toneless_set = std::collections::BTreeSet::new();
    for code in ranges.into_iter().flatten() {
        let Some(multi) = char::from_u32(code).and_then(|ch| ch.to_pinyin_multi()) else {
            continue;
        };
        for p in multi {
            let marked = Pinyin::with_tone(p);
            if marked_seen.insert(marked) {
                if let Ok((toneless, _)) = decompose(marked) {
                    toneless_set.insert(toneless.as_str().to_owned());
                }
            }
        }
    }
    // The table lives for the whole process; leaking ~420 short strings once gives `&'static str`
    // readings that cost nothing to copy.
    let names: Vec<&'static str> = toneless_set
        .into_iter()
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect();
    let index = names
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, i as u16))
        .collect();
    SyllableTable { names, index }
}

/// A toneless spelling assembled on the stack: parsing runs once per annotation, so no allocation.
struct Spelling {
    bytes: [u8; MAX_SYLLABLE_BYTES + 4],
    len: usize,
}

impl Spelling {
    fn as_str(&self) -> &str {
        // Only whole chars are ever pushed, so the prefix is valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn push(&mut self, c: char) -> bool {
        let width = c.len_utf8();
        if self.len + width > MAX_SYLLABLE_BYTES {
            return false;
        }
        c.encode_utf8(&mut self.bytes[self.len..]);
        self.len += width;
        true
    }
}

/// The vowels of pinyin, as annotations spell them (`v` for `ü`), with and without tone marks.
const VOWELS: &str = "aeiouvüêāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜếề";

/// Splits a spelling into its toneless `ü` form and its tone, without checking the table.
fn decompose(raw: &str) -> Result<(Spelling, Option<Tone>), ReadingError> {
    let mut toneless = Spelling {
        bytes: [0; MAX_SYLLABLE_BYTES + 4],
        len: 0,
    };
    let mut tone: Option<Tone> = None;
    let mut chars = raw.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let lower = if first && c.is_ascii_uppercase() {
            c.to_ascii_lowercase()
        } else {
            c
        };
        first = false;
        let (base, mark) = match lower {
            'a'..='z' => (lower, None),
            'ü' => ('ü', None),
            'ā' => ('a', Some(1)),
            'á' => ('a', Some(2)),
            'ǎ' => ('a', Some(3)),
            'à' => ('a', Some(4)),
            'ē' => ('e', Some(1)),
            'é' => ('e', Some(2)),
            'ě' => ('e', Some(3)),
            'è' => ('e', Some(4)),
            'ī' => ('i', Some(1)),
            'í' => ('i', Some(2)),
            'ǐ' => ('i', Some(3)),
            'ì' => ('i', Some(4)),
            'ō' => ('o', Some(1)),
            'ó' => ('o', Some(2)),
            'ǒ' => ('o', Some(3)),
            'ò' => ('o', Some(4)),
            'ū' => ('u', Some(1)),
            'ú' => ('u', Some(2)),
            'ǔ' => ('u', Some(3)),
            'ù' => ('u', Some(4)),
            'ǖ' => ('ü', Some(1)),
            'ǘ' => ('ü', Some(2)),
            'ǚ' => ('ü', Some(3)),
            'ǜ' => ('ü', Some(4)),
            'ń' => ('n', Some(2)),
            'ň' => ('n', Some(3)),
            'ǹ' => ('n', Some(4)),
            'ḿ' => ('m', Some(2)),
            'ê' => ('ê', None),
            'ế' => ('ê', Some(2)),
            'ề' => ('ê', Some(4)),
            // A trailing tone digit: `zhong1`, `ma5`, `ma0`.
            '0'..='5' if chars.peek().is_none() && !toneless.is_empty() => {
                if tone.is_some() {
                    return Err(ReadingError::UnknownSyllable);
                }
                tone = Tone::new(lower as u8 - b'0');
                continue;
            }
            _ => return Err(ReadingError::NotSyllableShaped),
        };
        // `v` is the keyboard spelling of `ü`, except as the first letter (no syllable starts with ü).
        let base = if base == 'v' && !toneless.is_empty() {
            'ü'
        } else {
            base
        };
        if let Some(m) = mark {
            if tone.is_some() {
                return Err(ReadingError::UnknownSyllable);
            }
            tone = Tone::new(m);
        }
        if !toneless.push(base) {
            // Too long for any syllable; still letters, so it is shaped like one.
            return Err(if chars.all(|c| c.is_alphabetic() || c.is_ascii_digit()) {
                ReadingError::UnknownSyllable
            } else {
                ReadingError::NotSyllableShaped
            });
        }
    }
    if toneless.is_empty() {
        return Err(ReadingError::NotSyllableShaped);
    }
    Ok((toneless, tone))
}

impl Reading {
    /// Parses one annotation's inner text as a reading.
    ///
    /// ```
    /// use annotext_parser::Reading;
    /// assert_eq!(Reading::parse("lve").unwrap().to_string(), "lüe");
    /// assert_eq!(Reading::parse("zhōng").unwrap().to_string(), "zhong1");
    /// assert_eq!(Reading::parse("zhong1").unwrap(), Reading::parse("zhōng").unwrap());
    /// assert!(Reading::parse("zhongg").is_err());
    /// ```
    pub fn parse(raw: &str) -> Result<Reading, ReadingError> {
        let found = decompose(raw).and_then(|(toneless, tone)| {
            match table().index.get(toneless.as_str()) {
                Some(&syllable) => Ok(Reading { syllable, tone }),
                None => Err(ReadingError::UnknownSyllable),
            }
        });
        match found {
            // A capitalised word (`Mekong`, `China`) or one without a vowel (`b`, `t`, `kg`)
            // is a gloss, a unit or a label, not pinyin misspelt: text.
            Err(ReadingError::UnknownSyllable)
                if raw.starts_with(|c: char| c.is_ascii_uppercase())
                    || !raw.contains(|c: char| VOWELS.contains(c.to_ascii_lowercase())) =>
            {
                Err(ReadingError::NotSyllableShaped)
            }
            found => found,
        }
    }

    /// The toneless syllable, spelled with `ü`.
    pub fn syllable(&self) -> &'static str {
        table().names[usize::from(self.syllable)]
    }

    /// The tone, when the annotation gave one.
    // Called across crates for every character or syllable: inlined there.
    #[inline]
    pub fn tone(&self) -> Option<Tone> {
        self.tone
    }

    /// The same syllable without its tone, for comparing against toneless annotations.
    pub fn toneless(&self) -> Reading {
        Reading {
            syllable: self.syllable,
            tone: None,
        }
    }

    /// The reading spelled with a tone mark, as people write pinyin: `zhōng`, `lǜ`, `ma` for the
    /// neutral tone or an unknown one. The mark goes on `a` or `e`, on the `o` of `ou`, else on
    /// the last vowel.
    ///
    /// ```
    /// use annotext_parser::Reading;
    /// assert_eq!(Reading::parse("zhong1").unwrap().marked(), "zhōng");
    /// assert_eq!(Reading::parse("lve4").unwrap().marked(), "lüè");
    /// assert_eq!(Reading::parse("shou3").unwrap().marked(), "shǒu");
    /// assert_eq!(Reading::parse("gui4").unwrap().marked(), "guì");
    /// assert_eq!(Reading::parse("ma").unwrap().marked(), "ma");
    /// ```
    #[inline]
    pub fn marked(&self) -> &'static str {
        let spaced = self.marked_after_space();
        spaced.get(1..).unwrap_or(spaced)
    }

    /// [`Reading::marked`] after a space (` zhōng`): writers of pinyin text, which join
    /// syllables with spaces, copy one string instead of two.
    #[inline]
    pub fn marked_after_space(&self) -> &'static str {
        // Every syllable in every tone, spelled once: the pinyin of a corpus writes millions.
        static MARKED: OnceLock<Vec<[String; 5]>> = OnceLock::new();
        let all = MARKED.get_or_init(|| {
            table()
                .names
                .iter()
                .map(|syllable| {
                    std::array::from_fn(|tone| format!(" {}", spell_marked(syllable, tone)))
                })
                .collect()
        });
        let tone = match self.tone.map(Tone::number) {
            Some(t @ 1..=4) => usize::from(t),
            _ => 0,
        };
        all.get(usize::from(self.syllable))
            .map_or("", |tones| tones[tone].as_str())
    }

    /// Whether two readings can denote the same pronunciation: same syllable, and same tone
    /// wherever both give one.
    #[inline]
    pub fn agrees_with(&self, other: &Reading) -> bool {
        self.syllable == other.syllable
            && match (self.tone, other.tone) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.syllable())?;
        if let Some(tone) = self.tone {
            write!(f, "{}", tone.number())?;
        }
        Ok(())
    }
}

impl Serialize for Reading {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Reading {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Reading::parse(&text)
            .map_err(|_| serde::de::Error::custom(format!("not a pinyin reading: {text:?}")))
    }
}

/// A toneless syllable spelled with the mark of `tone` (1–4; 0 for none): on `a` or `e`, on the
/// `o` of `ou`, else on the last vowel.
fn spell_marked(syllable: &str, tone: usize) -> String {
    if tone == 0 {
        return syllable.to_owned();
    }
    let vowels = ['a', 'e', 'i', 'o', 'u', 'ü'];
    let at = syllable
        .find('a')
        .or_else(|| syllable.find('e'))
        .or_else(|| syllable.find("ou"))
        .or_else(|| syllable.rfind(vowels))
        // Syllabic consonants (`m`, `n`, `ng`): the mark goes on the first letter.
        .unwrap_or(0);
    let mut out = String::with_capacity(syllable.len() + 2);
    for (i, c) in syllable.char_indices() {
        if i != at {
            out.push(c);
            continue;
        }
        let marks: [char; 4] = match c {
            'a' => ['ā', 'á', 'ǎ', 'à'],
            'e' => ['ē', 'é', 'ě', 'è'],
            'i' => ['ī', 'í', 'ǐ', 'ì'],
            'o' => ['ō', 'ó', 'ǒ', 'ò'],
            'u' => ['ū', 'ú', 'ǔ', 'ù'],
            'ü' => ['ǖ', 'ǘ', 'ǚ', 'ǜ'],
            'n' => ['n', 'ń', 'ň', 'ǹ'],
            'm' => ['m', 'ḿ', 'm', 'm'],
            'ê' => ['ê', 'ế', 'ê', 'ề'],
            other => [other; 4],
        };
        out.push(marks[tone - 1]);
    }
    out
}

/// Every syllable of the table, sorted, in canonical toneless spelling.
pub fn syllables() -> &'static [&'static str] {
    &table().names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_holds_the_full_mandarin_inventory() {
        let names = syllables();
        for s in [
            "a", "zhong", "guo", "lüe", "nü", "chuang", "er", "ê", "ng", "yo", "zhuang",
        ] {
            assert!(names.contains(&s), "{s} missing");
        }
        for s in ["lv", "zhongg", "bin1", "xong", "gv"] {
            assert!(!names.contains(&s), "{s} present");
        }
        assert!(names.len() > 400 && names.len() < 450, "{}", names.len());
    }

    #[test]
    fn all_spellings_of_one_reading_agree() {
        let canonical = Reading::parse("lüe4").unwrap();
        for spelling in ["lve4", "lüè", "lvè", "Lüe4", "lüe4"] {
            assert_eq!(Reading::parse(spelling), Ok(canonical), "{spelling}");
        }
        assert_eq!(Reading::parse("lve").unwrap().to_string(), "lüe");
        assert_eq!(Reading::parse("ma0").unwrap().to_string(), "ma5");
    }

    #[test]
    fn syllable_shaped_words_that_are_not_pinyin_are_told_apart_from_text() {
        assert_eq!(Reading::parse("zhongg"), Err(ReadingError::UnknownSyllable));
        assert_eq!(Reading::parse("hello"), Err(ReadingError::UnknownSyllable));
        assert_eq!(Reading::parse("zhōng1"), Err(ReadingError::UnknownSyllable));
        assert_eq!(
            Reading::parse("2022-2025年"),
            Err(ReadingError::NotSyllableShaped)
        );
        assert_eq!(Reading::parse("簡稱"), Err(ReadingError::NotSyllableShaped));
        assert_eq!(Reading::parse(""), Err(ReadingError::NotSyllableShaped));
        assert_eq!(Reading::parse("a b"), Err(ReadingError::NotSyllableShaped));
        assert_eq!(Reading::parse("BBC"), Err(ReadingError::NotSyllableShaped));
        // Glosses, units and labels: capitalised words, words without a vowel.
        for text in [
            "Mekong",
            "China",
            "Zhongg",
            "Association",
            "b",
            "t",
            "kg",
            "km",
        ] {
            assert_eq!(
                Reading::parse(text),
                Err(ReadingError::NotSyllableShaped),
                "{text}"
            );
        }
        // Capitalised pinyin is still pinyin.
        assert_eq!(Reading::parse("Zhong").unwrap().to_string(), "zhong");
    }
}
