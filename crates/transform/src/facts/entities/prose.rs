//! The words of prose a name may not cut: the pinyin dictionary's headwords and the everyday
//! words of `data/rules/words.tsv` (jieba's, without names). A name that such words run into
//! from both sides is none (`确保｜定期` around 保定); from one side, doubtful (`其中｜亚洲`).

use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;

use crate::facts::words::words;

const EVERYDAY: &str = include_str!("../../../../../data/rules/words.tsv");

/// The everyday words, and the pairs of characters side by side in the words of each list.
pub(super) struct ProseWords {
    /// The everyday words (simplified, as the folded text is). A set, not an automaton: a name
    /// asks about a few substrings around it, and a set of 25,000 words is built in a few
    /// milliseconds where an automaton took a quarter of a second of every run.
    everyday: HashSet<&'static str>,
    /// Every pair of adjacent characters in an everyday word.
    pub(super) everyday_pairs: HashSet<(char, char)>,
    /// Every pair of adjacent characters in a headword of the pinyin dictionary: a set lookup
    /// spares its automaton for almost every name.
    pub(super) dictionary_pairs: HashSet<(char, char)>,
}

impl ProseWords {
    /// Whether `word` is one of the everyday words.
    #[inline]
    pub(super) fn is_everyday(&self, word: &str) -> bool {
        self.everyday.contains(word)
    }

    /// Whether an everyday word starts at one of `starts` and ends at one of `ends` (character
    /// boundaries of `folded`).
    pub(super) fn spans(
        &self,
        folded: &str,
        starts: impl Iterator<Item = usize>,
        ends: impl Iterator<Item = usize> + Clone,
    ) -> bool {
        let mut starts = starts;
        starts.any(|s| {
            ends.clone()
                .any(|e| e > s && folded.get(s..e).is_some_and(|w| self.everyday.contains(w)))
        })
    }
}

/// Whether `word` (simplified) is one of the everyday words of prose: for the context check of
/// readings, which asks only when about to flag one.
pub(crate) fn is_everyday_word(word: &str) -> bool {
    prose_words().is_everyday(word)
}

/// Whether an everyday word of prose ends right after the character at byte `at` of `folded`,
/// having started before it (`国家` in `国家中长期`, `打造` in `打造成为`): the text is not read
/// as a word that starts at `at`. A pair of characters no everyday word holds is answered
/// without a word looked up: asked for every crossing of the pinyin dictionary found.
pub(crate) fn everyday_word_ends_after(folded: &str, at: usize) -> bool {
    let words = prose_words();
    let before = folded.get(..at).unwrap_or("");
    let (Some(last), Some(first)) = (
        before.chars().next_back(),
        folded.get(at..).and_then(|rest| rest.chars().next()),
    ) else {
        return false;
    };
    if !words.everyday_pairs.contains(&(last, first)) {
        return false;
    }
    let end = at + first.len_utf8();
    // Everyday words have two to four characters: they start one to three characters before.
    before.char_indices().rev().take(3).any(|(start, _)| {
        folded
            .get(start..end)
            .is_some_and(|w| words.everyday.contains(w))
    })
}

/// The character boundaries of `folded` from `from` to `to`, both excluded.
pub(super) fn boundaries_between(
    folded: &str,
    from: usize,
    to: usize,
) -> impl Iterator<Item = usize> + Clone + '_ {
    folded
        .get(from..to)
        .unwrap_or("")
        .char_indices()
        .skip(1)
        .map(move |(i, _)| from + i)
}

/// Every pair of adjacent characters in the words.
fn pairs<'a>(words: impl Iterator<Item = &'a str>) -> HashSet<(char, char)> {
    words
        .flat_map(|w| w.chars().zip(w.chars().skip(1)))
        .collect()
}

/// The words, built on first use.
pub(super) fn prose_words() -> &'static ProseWords {
    static WORDS: OnceLock<ProseWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let everyday: HashSet<&'static str> = EVERYDAY
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        ProseWords {
            everyday_pairs: pairs(everyday.iter().copied()),
            // The crossings (`随着墨`) are runs of words, not words: not theirs.
            dictionary_pairs: pairs(
                words()
                    .words
                    .get(..words().first_crossing)
                    .unwrap_or_default()
                    .iter()
                    .map(String::as_str),
            ),
            everyday,
        }
    })
}
