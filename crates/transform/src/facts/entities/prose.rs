//! The words of prose a name may not cut: the pinyin dictionary's headwords and the everyday
//! words of `data/rules/words.txt` (jieba's, without names). A name that such words run into
//! from both sides is none (`确保｜定期` around 保定); from one side, doubtful (`其中｜亚洲`).

use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;

use crate::facts::words::words;

const EVERYDAY: &str = include_str!("../../../../../data/rules/words.txt");

/// The everyday words, and every pair of characters side by side in one of them or in a
/// headword of the pinyin dictionary.
pub(super) struct ProseWords {
    /// The everyday words (simplified, as the folded text is). A set, not an automaton: a name
    /// asks about a few substrings around it, and a set of 25,000 words is built in a few
    /// milliseconds where an automaton took a quarter of a second of every run.
    everyday: HashSet<&'static str>,
    /// Every pair of adjacent characters in a word: a set lookup spares the searches for almost
    /// every name.
    pub(super) pairs: HashSet<(char, char)>,
}

impl ProseWords {
    /// Whether an everyday word starts at one of `starts` and ends at one of `ends` (character
    /// boundaries of `folded`).
    pub(super) fn spans(&self, folded: &str, starts: &[usize], ends: &[usize]) -> bool {
        starts.iter().any(|&s| {
            ends.iter()
                .any(|&e| e > s && folded.get(s..e).is_some_and(|w| self.everyday.contains(w)))
        })
    }
}

/// The character boundaries of `folded` from `from` to `to`, both excluded.
pub(super) fn boundaries_between(folded: &str, from: usize, to: usize) -> Vec<usize> {
    folded
        .get(from..to)
        .map(|t| t.char_indices().skip(1).map(|(i, _)| from + i).collect())
        .unwrap_or_default()
}

/// The words, built on first use.
pub(super) fn prose_words() -> &'static ProseWords {
    static WORDS: OnceLock<ProseWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let everyday: HashSet<&'static str> = EVERYDAY
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        let pairs = everyday
            .iter()
            .copied()
            .chain(words().words.iter().map(String::as_str))
            .flat_map(|w| {
                let chars: Vec<char> = w.chars().collect();
                chars.windows(2).map(|p| (p[0], p[1])).collect::<Vec<_>>()
            })
            .collect();
        ProseWords { everyday, pairs }
    })
}
