//! Sets of characters that the rules ask about for most mentions (transliteration characters,
//! surnames, the first characters of a list of words: [`Words`]): a bit per character of the Basic
//! Multilingual Plane, made on first use, where `str::contains` would search the list each time.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

/// A set of characters of the Basic Multilingual Plane, listed in a text: every character of
/// its lines but whitespace, lines starting with `#` (notes) left out.
pub(super) struct CharSet {
    listed: &'static str,
    bits: OnceLock<Vec<u64>>,
}

impl CharSet {
    /// The set of the characters `listed`.
    pub(super) const fn new(listed: &'static str) -> CharSet {
        CharSet {
            listed,
            bits: OnceLock::new(),
        }
    }

    /// Whether `c` is in the set.
    #[inline]
    pub(super) fn contains(&self, c: char) -> bool {
        let bits = self.bits.get_or_init(|| {
            let lines = self.listed.lines().filter(|l| !l.starts_with('#'));
            bits_of(lines.flat_map(str::chars).filter(|c| !c.is_whitespace()))
        });
        holds(bits, c)
    }
}

/// A list of words, with the set of their first characters made on first use: whether a text
/// starts with one of them is a bit test where it starts with none, as most places do, and
/// where it starts with a first character, a comparison with the words that start with it
/// only (a list of seventy products shares few first characters).
pub(super) struct Words {
    words: &'static [&'static str],
    firsts: OnceLock<FirstCharacters>,
}

/// A [`Words`] list's first characters: a bit each, and the words each starts.
struct FirstCharacters {
    bits: Vec<u64>,
    words: ByFirstCharacter,
}

/// Words grouped by their first character, each group in the list's order.
pub(super) type ByFirstCharacter = HashMap<char, Vec<&'static str>>;

/// `words` grouped by their first character ([`ByFirstCharacter`]): a text is compared with
/// the words of its own first character only, where a list of dozens shares few of them.
pub(super) fn by_first_character(words: &[&'static str]) -> ByFirstCharacter {
    let mut by_first = ByFirstCharacter::default();
    for word in words {
        if let Some(first) = word.chars().next() {
            by_first.entry(first).or_default().push(word);
        }
    }
    by_first
}

impl Words {
    /// The list `words`.
    pub(super) const fn new(words: &'static [&'static str]) -> Words {
        Words {
            words,
            firsts: OnceLock::new(),
        }
    }

    /// Whether `text` starts with one of the words.
    pub(super) fn start(&self, text: &str) -> bool {
        let firsts = self.firsts.get_or_init(|| {
            let words = by_first_character(self.words);
            FirstCharacters {
                bits: bits_of(words.keys().copied()),
                words,
            }
        });
        text.chars().next().is_some_and(|c| {
            holds(&firsts.bits, c)
                && firsts
                    .words
                    .get(&c)
                    .is_some_and(|words| words.iter().any(|w| text.starts_with(w)))
        })
    }
}

/// A bit per character of the Basic Multilingual Plane, set for each of `chars`.
fn bits_of(chars: impl Iterator<Item = char>) -> Vec<u64> {
    let mut bits = vec![0u64; 0x10000 / 64];
    for c in chars {
        let i = c as usize;
        debug_assert!(i < 0x10000, "{c} is outside the Basic Multilingual Plane");
        if let Some(word) = bits.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }
    bits
}

/// Whether the bit of `c` is set in `bits`.
#[inline]
fn holds(bits: &[u64], c: char) -> bool {
    let i = c as usize;
    bits.get(i / 64)
        .is_some_and(|word| word & (1 << (i % 64)) != 0)
}

#[cfg(test)]
mod tests {
    use super::{CharSet, Words};

    #[test]
    fn holds_the_listed_characters_and_no_notes() {
        static SET: CharSet = CharSet::new("# 注\n甲乙\n丙 丁\n");
        assert!(SET.contains('甲') && SET.contains('丙') && SET.contains('丁'));
        assert!(!SET.contains('注') && !SET.contains(' ') && !SET.contains('戊'));
        assert!(!SET.contains('😀'));
    }

    #[test]
    fn a_text_starts_with_a_word_of_the_list_or_with_none() {
        static WORDS: Words = Words::new(&["之间", "等", "区段"]);
        assert!(WORDS.start("之间的合作") && WORDS.start("等城市") && WORDS.start("区段"));
        assert!(!WORDS.start("之后") && !WORDS.start("区域") && !WORDS.start(""));
    }
}
