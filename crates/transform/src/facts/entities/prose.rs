//! The words of prose a name may not cut: the pinyin dictionary's headwords and the everyday
//! words of `data/rules/words.txt` (jieba's, without names). A name that such words run into
//! from both sides is none (`确保｜定期` around 保定); from one side, doubtful (`其中｜亚洲`).

use std::sync::OnceLock;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use rustc_hash::FxHashSet as HashSet;

use crate::facts::script::fold;
use crate::facts::words::words;

const EVERYDAY: &str = include_str!("../../../../../data/rules/words.txt");

/// The words, matched with overlaps, and every pair of characters side by side in one of them.
pub(super) struct ProseWords {
    /// Every word, folded; `None` only if there were none.
    pub(super) automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Every pair of adjacent characters in a word: a set lookup spares the automaton for
    /// almost every name.
    pub(super) pairs: HashSet<(char, char)>,
}

/// The words, built on first use (about 70,000).
pub(super) fn prose_words() -> &'static ProseWords {
    static WORDS: OnceLock<ProseWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let everyday = EVERYDAY
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|w| fold(w).into_owned());
        let mut seen = HashSet::default();
        let list: Vec<String> = words()
            .words
            .iter()
            .cloned()
            .chain(everyday)
            .filter(|w| seen.insert(w.clone()))
            .collect();
        let pairs = list
            .iter()
            .flat_map(|w| {
                let chars: Vec<char> = w.chars().collect();
                chars.windows(2).map(|p| (p[0], p[1])).collect::<Vec<_>>()
            })
            .collect();
        let automaton = CharwiseDoubleArrayAhoCorasick::with_values(
            list.iter().enumerate().map(|(i, w)| (w.as_str(), i as u32)),
        )
        .ok();
        ProseWords { automaton, pairs }
    })
}
