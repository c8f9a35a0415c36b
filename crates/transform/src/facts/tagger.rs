//! The tagging rules compiled into matchers. Every pattern is folded to simplified characters
//! ([`super::script::fold`]) and so is every text it is matched against: rules written in either
//! script find text written in either.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder};
use rustc_hash::FxHashMap as HashMap;

use super::script::fold;
use crate::rules::{GazetteerEntry, Rules};
use crate::TransformError;

/// Gazetteer kinds in order of precedence: a name listed under several kinds (東盟 as an
/// organisation and a region) is tagged with the first. Kinds not listed come after, in file
/// order.
///
/// `division` (a first-level division of a country other than China) comes after `city`: 纽约
/// stays a city, 格鲁吉亚 a country, while the longest match makes 纽约州 a division.
const KIND_PRECEDENCE: [&str; 11] = [
    "organisation",
    "country",
    "territory",
    "province",
    "region",
    FEATURE,
    "city",
    "division",
    "place",
    "mechanism",
    IGNORE,
];

/// The gazetteer kind of phrases that hold a name but are not one: matched, never tagged.
pub const IGNORE: &str = "ignore";

/// The kind of a geographic feature named after a place: a gulf, a strait, a canal, a
/// peninsula (`几内亚湾`, `马六甲海峡`).
pub const FEATURE: &str = "feature";

/// A meeting's mechanism, matched whole by the suffixes' finder and read as its 机制
/// (`中国—中亚外长会晤｜机制`).
pub(crate) const MEETING_MECHANISM: &str = "会晤机制";

/// Rules compiled for matching: one automaton over every gazetteer name and one over every topic
/// keyword, so a block is scanned once instead of once per name.
pub struct Tagger<'r> {
    pub(crate) rules: &'r Rules,
    /// Gazetteer names, folded, longest match first.
    pub(crate) names: Names,
    /// For each name pattern, its entry in the rules' gazetteer.
    pub(crate) name_entry: Vec<usize>,
    /// The longest name pattern's length in bytes: a search for a name that starts at a place
    /// reads no further than that.
    pub(crate) longest_name: usize,
    pub(crate) keywords: AhoCorasick,
    /// For each keyword pattern: (topic index, keyword index in that topic).
    pub(crate) keyword_owner: Vec<(usize, usize)>,
    /// The item-suffix rules' suffixes, folded, in rule order: the patterns of `suffix_finder`.
    pub(crate) item_suffixes: Vec<String>,
    /// Every suffix, folded, for finding mechanisms named anywhere in a text.
    pub(crate) suffix_finder: Option<AhoCorasick>,
    /// Per suffix (pattern of `suffix_finder`): its rule's index in `rules.entities`. The
    /// patterns after `item_suffixes`' end are [`MEETING_MECHANISM`], whose rule is 机制's.
    pub(crate) suffix_rule: Vec<usize>,
    /// The first characters of the suffixes: a suffix right after another is seen by one look.
    pub(crate) suffix_starts: Vec<char>,
    /// The rule each gazetteer entry fires, `gazetteer:<kind>`, by entry index.
    pub(crate) gazetteer_rules: Vec<String>,
    /// The rule each entity rule fires, `suffix:機制` or `pair:《》`, by rule index.
    pub(crate) entity_rules: Vec<String>,
    /// The last characters of the item suffixes, sorted: an item that ends with none of them is
    /// named whole by none.
    pub(crate) suffix_ends: Vec<char>,
    /// Each pair rule's index in `rules.entities` and its marks, in rule order.
    pub(crate) pair_marks: Vec<(usize, PairMarks)>,
}

/// A pair rule's marks (`《` `》`), with finders built once, as a finder costs more to build
/// than most blocks cost to search. The marks are searched as byte strings: `str::find` of a
/// mark looks for its last byte, which most hanzi share with some others (`《` ends with 0x8A,
/// as 会 does).
pub(crate) struct PairMarks {
    /// The opening mark.
    pub(crate) open: char,
    /// The closing mark.
    pub(crate) close: char,
    /// Finds the opening mark.
    pub(crate) find_open: memchr::memmem::Finder<'static>,
    /// Finds the closing mark.
    pub(crate) find_close: memchr::memmem::Finder<'static>,
}

impl PairMarks {
    fn new(open: char, close: char) -> PairMarks {
        let finder = |mark: char| {
            let mut bytes = [0; 4];
            memchr::memmem::Finder::new(mark.encode_utf8(&mut bytes).as_bytes()).into_owned()
        };
        PairMarks {
            open,
            close,
            find_open: finder(open),
            find_close: finder(close),
        }
    }
}

impl<'r> Tagger<'r> {
    /// Compiles the rules.
    pub fn new(rules: &'r Rules) -> Result<Tagger<'r>, TransformError> {
        let (patterns, name_entry) = gazetteer_patterns(&rules.gazetteer);
        let longest_name = patterns.iter().map(String::len).max().unwrap_or(0);
        let names = Names::new(&patterns)?;
        let mut keyword_owner = Vec::new();
        let mut keyword_patterns = Vec::new();
        for (t, topic) in rules.topics.iter().enumerate() {
            for (k, keyword) in topic.keywords.iter().enumerate() {
                keyword_owner.push((t, k));
                keyword_patterns.push(fold(keyword).into_owned());
            }
        }
        // Topics overlap by design (an item is in every topic one of its keywords names), so
        // keywords are matched with overlaps.
        let keywords = AhoCorasick::new(&keyword_patterns)
            .map_err(|e| TransformError::Rules(e.to_string()))?;
        let mut suffix_patterns = Vec::new();
        let mut suffix_rule = Vec::new();
        let mut pair_marks = Vec::new();
        for (i, rule) in rules.entities.iter().enumerate() {
            match &rule.pattern {
                crate::rules::EntityPattern::ItemSuffix(suffix) => {
                    suffix_patterns.push(fold(suffix).into_owned());
                    suffix_rule.push(i);
                }
                crate::rules::EntityPattern::Pair(open, close) => {
                    pair_marks.push((i, PairMarks::new(*open, *close)));
                }
            }
        }
        // Every suffix in one automaton: the mechanisms' pass reads a block once. A meeting's
        // mechanism (`…会晤机制`, thousands of times in a corpus of outcome lists) is matched
        // whole, as its 机制 (see [`MEETING_MECHANISM`]): 会晤 then costs no match of its own.
        let mut finder_patterns = suffix_patterns.clone();
        if let (true, Some(&mechanism)) = (
            suffix_patterns.iter().any(|p| p == "会晤"),
            suffix_patterns
                .iter()
                .position(|p| p == "机制")
                .and_then(|i| suffix_rule.get(i)),
        ) {
            finder_patterns.push(MEETING_MECHANISM.to_owned());
            suffix_rule.push(mechanism);
        }
        let suffix_finder = if suffix_patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&finder_patterns)
                    .map_err(|e| TransformError::Rules(e.to_string()))?,
            )
        };
        let suffix_starts = distinct_chars(&suffix_patterns, |s| s.chars().next());
        let gazetteer_rules = rules
            .gazetteer
            .iter()
            .map(|entry| format!("gazetteer:{}", entry.kind))
            .collect();
        let entity_rules = rules
            .entities
            .iter()
            .map(|rule| match &rule.pattern {
                crate::rules::EntityPattern::ItemSuffix(suffix) => format!("suffix:{suffix}"),
                crate::rules::EntityPattern::Pair(open, close) => format!("pair:{open}{close}"),
            })
            .collect();
        let suffix_ends = distinct_chars(&suffix_patterns, |s| s.chars().next_back());
        Ok(Tagger {
            rules,
            names,
            name_entry,
            longest_name,
            keywords,
            keyword_owner,
            suffix_finder,
            suffix_rule,
            suffix_starts,
            gazetteer_rules,
            entity_rules,
            suffix_ends,
            pair_marks,
            item_suffixes: suffix_patterns,
        })
    }
}

/// The distinct characters `pick` takes from the patterns, sorted (for a binary search).
fn distinct_chars(patterns: &[String], pick: impl Fn(&str) -> Option<char>) -> Vec<char> {
    let mut chars: Vec<char> = patterns.iter().filter_map(|p| pick(p)).collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

/// The gazetteer's names, folded, matched leftmost-longest (土庫曼巴什港 is one place, not the
/// country 土庫曼 and a port) by a character-wise double array: on Chinese text it reads a block
/// faster than a byte automaton (a contiguous NFA before, a DFA before that: BENCHMARKS.md, issue
/// 24), and it is searched often, a few characters at a time, around every name.
pub(crate) struct Names {
    /// `None` only for a gazetteer without names.
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
}

/// A name found in a text: where it is (byte offsets) and which of the names it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameMatch {
    start: usize,
    end: usize,
    pattern: usize,
}

impl NameMatch {
    /// Where the name starts.
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    /// Where the name ends.
    pub(crate) fn end(&self) -> usize {
        self.end
    }

    /// Where the name is.
    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Which of the names it is: an index into [`Tagger::name_entry`].
    pub(crate) fn pattern(&self) -> usize {
        self.pattern
    }
}

impl Names {
    /// Compiles `patterns` (distinct, folded).
    fn new(patterns: &[String]) -> Result<Names, TransformError> {
        if patterns.is_empty() {
            return Ok(Names { automaton: None });
        }
        // One free block searched per base, as for the word dictionary (`words.rs`): a faster
        // build for a slightly larger array.
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .num_free_blocks(1)
            .build_with_values(
                patterns
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.as_str(), u32::try_from(i).unwrap_or(u32::MAX))),
            )
            .map_err(|e| TransformError::Rules(e.to_string()))?;
        Ok(Names {
            automaton: Some(automaton),
        })
    }

    /// The names in `text[range]`, leftmost-longest, one after another. The range is read on
    /// character boundaries (its end may fall inside a character: it is taken back to the
    /// character's start).
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
        range: Range<usize>,
    ) -> impl Iterator<Item = NameMatch> + 'a {
        let mut to = range.end.min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let from = range.start;
        let haystack = text.get(from..to).unwrap_or("");
        self.automaton.iter().flat_map(move |automaton| {
            automaton
                .leftmost_find_iter(haystack)
                .map(move |m| NameMatch {
                    start: from + m.start(),
                    end: from + m.end(),
                    pattern: m.value() as usize,
                })
        })
    }

    /// The leftmost-longest name in `text[range]`.
    pub(crate) fn find(&self, text: &str, range: Range<usize>) -> Option<NameMatch> {
        self.find_iter(text, range).next()
    }
}

/// The gazetteer's names folded, one pattern per distinct folded name, each with the entry it
/// stands for: the entry of the kind that takes precedence, the first listed among equals.
fn gazetteer_patterns(gazetteer: &[GazetteerEntry]) -> (Vec<String>, Vec<usize>) {
    let rank = |kind: &str| {
        KIND_PRECEDENCE
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(KIND_PRECEDENCE.len())
    };
    let mut chosen: HashMap<String, usize> = HashMap::default();
    let mut order: Vec<String> = Vec::new();
    for (index, entry) in gazetteer.iter().enumerate() {
        let folded = fold(&entry.name).into_owned();
        if folded.is_empty() {
            continue;
        }
        match chosen.get_mut(&folded) {
            Some(current) => {
                if rank(&entry.kind) < rank(&gazetteer[*current].kind) {
                    *current = index;
                }
            }
            None => {
                chosen.insert(folded.clone(), index);
                order.push(folded);
            }
        }
    }
    let entries = order
        .iter()
        .filter_map(|name| chosen.get(name).copied())
        .collect();
    (order, entries)
}
