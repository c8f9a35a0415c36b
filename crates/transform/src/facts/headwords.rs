//! The word dictionary's lines and their patterns, shared by the build script (which builds the
//! dictionary's automaton over the patterns once, at compile time) and by [`super::words`] (which
//! reads the readings of the same lines at run time). One function decides both, so the
//! automaton's pattern numbers are the readings' indices.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

/// One line of the dictionary: its pattern's number, the headword as listed and its pinyin.
pub(crate) struct Line<'t> {
    pub(crate) pattern: usize,
    pub(crate) word: &'t str,
    pub(crate) pinyin: &'t str,
}

/// The distinct folded headwords of `text` (`word<TAB>pinyin` lines, `#` lines are notes) in the
/// order first listed, and each line with its pattern's number. `fold` is the matcher's folding
/// (traditional to simplified), so a headword folded like the text is found in either script;
/// it borrows the headword where folding changes nothing (almost every one: the run reads
/// 60,000 lines at its start, and a copy of each was a third of that).
pub(crate) fn patterns<'t>(
    text: &'t str,
    fold: impl Fn(&'t str) -> Cow<'t, str>,
) -> (Vec<Cow<'t, str>>, Vec<Line<'t>>) {
    let mut index: HashMap<Cow<'t, str>, usize> = HashMap::default();
    let mut patterns = Vec::new();
    let mut lines = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((word, pinyin)) = line.split_once('\t') else {
            continue;
        };
        let folded = fold(word);
        let pattern = *index.entry(folded.clone()).or_insert_with(|| {
            patterns.push(folded);
            patterns.len() - 1
        });
        lines.push(Line {
            pattern,
            word,
            pinyin,
        });
    }
    (patterns, lines)
}

/// The automaton over `patterns`, each found with its number; `None` for no pattern. One free
/// block searched for each state's base: the build takes a fraction of the time of the default
/// (16 blocks) for an array a few per cent larger, searched as fast (BENCHMARKS.md, issue 24).
/// The build script builds the shipped one; the library only checks it against this in a test.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn automaton(
    patterns: &[Cow<'_, str>],
) -> Option<daachorse::CharwiseDoubleArrayAhoCorasick<u32>> {
    daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
        .num_free_blocks(1)
        .build_with_values(patterns.iter().zip(0u32..).map(|(p, i)| (p.as_ref(), i)))
        .ok()
}
