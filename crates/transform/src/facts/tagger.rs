//! The tagging rules compiled into matchers. Every pattern is folded to simplified characters
//! ([`super::script::fold`]) and so is every text it is matched against: rules written in either
//! script find text written in either.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
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

/// Rules compiled for matching: one automaton over every gazetteer name and one over every topic
/// keyword, so a block is scanned once instead of once per name.
pub struct Tagger<'r> {
    pub(crate) rules: &'r Rules,
    /// Gazetteer names, folded, longest match first.
    pub(crate) names: AhoCorasick,
    /// For each name pattern, its entry in the rules' gazetteer.
    pub(crate) name_entry: Vec<usize>,
    /// The longest name pattern's length in bytes: a search for a name that starts at a place
    /// reads no further than that.
    pub(crate) longest_name: usize,
    pub(crate) keywords: AhoCorasick,
    /// For each keyword pattern: (topic index, keyword index in that topic).
    pub(crate) keyword_owner: Vec<(usize, usize)>,
    /// Each item-suffix rule's suffix, folded, by rule index.
    pub(crate) suffixes: Vec<Option<String>>,
    /// Every suffix, folded, for finding mechanisms named anywhere in a text.
    pub(crate) suffix_finder: Option<AhoCorasick>,
    /// Per pattern of `suffix_finder`: its rule's index in `rules.entities`.
    pub(crate) suffix_rule: Vec<usize>,
    /// The rule each gazetteer entry fires, `gazetteer:<kind>`, by entry index.
    pub(crate) gazetteer_rules: Vec<String>,
    /// The rule each entity rule fires, `suffix:機制` or `pair:《》`, by rule index.
    pub(crate) entity_rules: Vec<String>,
}

impl<'r> Tagger<'r> {
    /// Compiles the rules.
    pub fn new(rules: &'r Rules) -> Result<Tagger<'r>, TransformError> {
        let (patterns, name_entry) = gazetteer_patterns(&rules.gazetteer);
        let longest_name = patterns.iter().map(String::len).max().unwrap_or(0);
        // Leftmost-longest: 土庫曼巴什港 is one place, not the country 土庫曼 and a port.
        // A contiguous NFA: with 18,000 names a DFA took 68 MB more at its peak and a tenth of
        // a second more to build, and searched no faster (BENCHMARKS.md, issue 24).
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| TransformError::Rules(e.to_string()))?;
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
        let suffixes: Vec<Option<String>> = rules
            .entities
            .iter()
            .map(|rule| match &rule.pattern {
                crate::rules::EntityPattern::ItemSuffix(suffix) => Some(fold(suffix).into_owned()),
                crate::rules::EntityPattern::Pair(..) => None,
            })
            .collect();
        // Every suffix in one automaton: the mechanisms' pass reads a block once.
        let (suffix_patterns, suffix_rule): (Vec<String>, Vec<usize>) = suffixes
            .iter()
            .enumerate()
            .filter_map(|(i, s): (usize, &Option<String>)| Some((s.clone()?, i)))
            .unzip();
        let suffix_finder = if suffix_patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&suffix_patterns)
                    .map_err(|e| TransformError::Rules(e.to_string()))?,
            )
        };
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
        Ok(Tagger {
            rules,
            names,
            name_entry,
            longest_name,
            keywords,
            keyword_owner,
            suffixes,
            suffix_finder,
            suffix_rule,
            gazetteer_rules,
            entity_rules,
        })
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
