//! Entity mentions: gazetteer names, item suffixes, mark pairs and dates.

use std::collections::HashSet;
use std::ops::Range;

use super::dates::{find_dates, DateMention};
use super::script::fold;
use super::tagger::Tagger;
use crate::rules::EntityPattern;

pub use super::tagger::{FEATURE, IGNORE};

/// An entity mention found in a block. Kinds, rules and canonical names are borrowed from the
/// compiled rules ([`Tagger`]): a corpus has millions of mentions of a few thousand names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention<'t> {
    /// Kind (`country`, `city`, `organisation`, `document`, `mechanism`, `quoted_term`, `date`…).
    pub kind: &'t str,
    /// The text, as the document spells it.
    pub text: String,
    /// What it stands for when the text is a short form or a spelling of a gazetteer name
    /// (`哈薩克` → `哈薩克斯坦`); `None` when it stands for itself.
    pub canonical: Option<&'t str>,
    /// Which rule fired, e.g. `gazetteer:country`, `pair:《》`, `suffix:機制`, `date`.
    pub rule: &'t str,
    /// Byte offset in the block's clean text.
    pub offset: usize,
}

impl EntityMention<'_> {
    /// The full name the mention stands for: the canonical name, else the text.
    pub fn full_name(&self) -> &str {
        self.canonical.unwrap_or(&self.text)
    }
}

/// Entity mentions in one block's clean text; `is_item` enables the whole-item suffix rules.
pub fn find_entities<'t>(text: &str, is_item: bool, tagger: &'t Tagger) -> Vec<EntityMention<'t>> {
    entities_in(text, &fold(text), is_item, tagger, &find_dates(text))
        .into_iter()
        .map(|m| EntityMention {
            kind: m.kind,
            text: m.text(text).to_owned(),
            canonical: m.canonical,
            rule: m.rule,
            offset: m.offset,
        })
        .collect()
}

/// An [`EntityMention`] as the transform keeps it: its text as a byte range of the block's
/// clean text, not a string of its own (a corpus has millions of mentions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention<'t> {
    pub(crate) kind: &'t str,
    /// The bytes of its text in the block's clean text.
    pub(crate) text: Range<usize>,
    pub(crate) canonical: Option<&'t str>,
    pub(crate) rule: &'t str,
    pub(crate) offset: usize,
}

impl<'t> Mention<'t> {
    /// Its text, as the block (`block_text`) spells it.
    pub(crate) fn text<'a>(&self, block_text: &'a str) -> &'a str {
        block_text.get(self.text.clone()).unwrap_or("")
    }

    /// The full name it stands for: the canonical name, else the text.
    pub(crate) fn full_name<'a>(&self, block_text: &'a str) -> &'a str
    where
        't: 'a,
    {
        self.canonical.unwrap_or_else(|| self.text(block_text))
    }
}

/// Suffixes that make a place's name into a feature's.
const FEATURE_SUFFIXES: [&str; 8] = ["湾", "灣", "海峡", "海峽", "运河", "運河", "半岛", "半島"];

/// Kinds of names of places: a suffix after them may make another word.
const PLACE_KINDS: [&str; 7] = [
    "country",
    "territory",
    "province",
    "region",
    "city",
    "division",
    "place",
];

/// Words a mechanism's name never starts with: the verbs that set one up or use it, and the
/// words that join it to the sentence (`同意建立｜中国—海合会能源合作对话机制`).
///
/// One-character joining words that often stand inside names (`对话`, `和平`, `同盟`,
/// `协调与合作委员会`) are not among them.
const BEFORE_A_NAME: [&str; 67] = [
    "建立",
    "设立",
    "成立",
    "完善",
    "启动",
    "举办",
    "召开",
    "发挥",
    "利用",
    "依托",
    "通过",
    "加强",
    "推动",
    "支持",
    "用好",
    "打造",
    "搭建",
    "深化",
    "落实",
    "构建",
    "组建",
    "创建",
    "共建",
    "参与",
    "参加",
    "出席",
    "举行",
    "欢迎",
    "同意",
    "决定",
    "继续",
    "进一步",
    "积极",
    "充分",
    "共同",
    "双方",
    "各方",
    "中方",
    "根据",
    "按照",
    "探讨",
    "研究",
    "健全",
    "强化",
    "运用",
    "设在",
    "成为",
    "作为",
    "现有",
    "负责",
    "回顾",
    "下列",
    "下一届",
    "主要",
    "专业",
    "等",
    "了",
    "相关",
    "有关",
    "各类",
    "既有",
    "已有",
    "多边",
    "双边",
    "的",
    "在",
    "及",
];

/// [`BEFORE_A_NAME`] as one automaton: a phrase is read once, not once per word.
fn before_a_name() -> &'static aho_corasick::AhoCorasick {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        aho_corasick::AhoCorasick::new(BEFORE_A_NAME)
            .unwrap_or_else(|e| panic!("the words before a name compile: {e}"))
    })
}

/// The mechanisms, forums and platforms a text names where it stands: the noun phrase that ends
/// with `suffix` (`…机制`, `…论坛`, `…平台`), from after the last verb or joining word before it
/// (see [`BEFORE_A_NAME`]) and never across punctuation. A phrase of fewer than three characters
/// before the suffix (`合作机制`) names no particular one; one that holds a name of the
/// gazetteer already found (`湄公河委员会`) is that name.
fn named_in_text<'t>(
    folded: &str,
    tagger: &'t Tagger,
    names: usize,
    whole_item_ends: &[usize],
    out: &mut Vec<Mention<'t>>,
) {
    let Some(finder) = &tagger.suffix_finder else {
        return;
    };
    // The gazetteer's names (the first `names` mentions, in order) and where they end, made
    // only for a block that holds a suffix.
    let mut found_names: Option<Vec<Range<usize>>> = None;
    let mut ends: Option<HashSet<usize>> = None;
    let mut from = 0;
    let mut previous_end = 0;
    // Whether a 《 is open at `from`: followed forward, so a huge block is read once.
    let mut in_title = false;
    for found in finder.find_iter(folded) {
        let at = found.start();
        let names: &[Range<usize>] = found_names
            .get_or_insert_with(|| out.iter().take(names).map(|m| m.text.clone()).collect());
        let Some(&rule_index) = tagger.suffix_rule.get(found.pattern().as_usize()) else {
            continue;
        };
        let (Some(rule), Some(name)) = (
            tagger.rules.entities.get(rule_index),
            tagger.entity_rules.get(rule_index),
        ) else {
            continue;
        };
        let (kind, rule) = (rule.kind.as_str(), name.as_str());
        for c in folded[from..at].chars() {
            match c {
                '《' => in_title = true,
                '》' => in_title = false,
                _ => {}
            }
        }
        let end = found.end();
        from = at;
        let after_previous = previous_end;
        previous_end = end;
        // A title in 《》 names a document, not the mechanism in its words.
        if in_title {
            continue;
        }
        // Back over the phrase: hanzi, dashes and Latin words, up to punctuation (a phrase is
        // short: a longer run is no name).
        let mut start = at;
        for (i, c) in folded[..at].char_indices().rev().take(64) {
            // Digits end it (`2025年｜…论坛`), and so does the suffix of a mechanism before
            // (`…论坛和｜…论坛`).
            if i < after_previous {
                break;
            }
            if annotext_parser::is_hanzi(c) || c.is_ascii_alphabetic() || "—-·".contains(c) {
                start = i;
            } else {
                break;
            }
        }
        // After the last word that joins it to the sentence, and from the first name after
        // that (`挖掘｜中国—中亚电子商务合作对话机制`).
        let phrase = &folded[start..at];
        if let Some(cut) = before_a_name()
            .find_overlapping_iter(phrase)
            .map(|m| m.end())
            .max()
        {
            start += cut;
        }
        // Two mechanisms joined (`东盟地区论坛和｜中国—东盟应急协调机制`): from the last name
        // that follows a joining word.
        let first_name = names.partition_point(|n| n.start < start);
        let joined = names[first_name..]
            .iter()
            .take_while(|n| n.end <= at)
            .filter(|n| {
                folded[..n.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| "和及、等".contains(c))
            })
            .map(|n| n.start)
            .last();
        if let Some(name) = joined {
            start = name;
        } else if let Some(name) = names.get(first_name).filter(|n| n.end <= at) {
            start = name.start;
        }
        let length = folded[start..at].chars().count();
        if !(3..=20).contains(&length) {
            continue;
        }
        // A name of the gazetteer that ends here is that name (`湄公河委员会`), and a phrase
        // found by another suffix's pass is found once.
        let ends = ends.get_or_insert_with(|| {
            names
                .iter()
                .map(|n| n.end)
                .chain(whole_item_ends.iter().copied())
                .collect()
        });
        if !ends.insert(end) {
            continue;
        }
        out.push(Mention {
            kind,
            text: start..end,
            canonical: None,
            rule,
            offset: start,
        });
    }
}

/// How a name found in the text stands there.
enum Standing {
    /// As a word of its own.
    Word,
    /// As part of another word (`西班牙文`, `EURO`): not a mention.
    Cut,
    /// With a word of the dictionary running into it (`其中` in `其中亚洲`, `从中` in
    /// `从中亚国家`): a mention unless another name reads on from inside it.
    Crossed,
    /// As the head of a feature's name, which ends at the given byte (`几内亚湾`).
    Feature(usize),
}

/// Whether the name at `start..end` of the folded text stands as a word: Latin names (`WTO`)
/// not inside a longer Latin word; a place's name not followed by a suffix that makes a
/// language, a people or a feature (`…文`, `…语`, `…人`, `…湾`, `…海峡`); a word of the dictionary
/// running across its first character makes it doubtful ([`Standing::Crossed`]).
fn standing(folded: &str, start: usize, end: usize, kind: &str) -> Standing {
    let before = folded[..start].chars().next_back();
    let after = folded[end..].chars().next();
    let first = folded[start..].chars().next();
    let last = folded[..end].chars().next_back();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if (latin(first) && latin(before)) || (latin(last) && latin(after)) {
        return Standing::Cut;
    }
    if PLACE_KINDS.contains(&kind) {
        let rest = &folded[end..];
        if let Some(suffix) = FEATURE_SUFFIXES.iter().find(|s| rest.starts_with(**s)) {
            return Standing::Feature(end + suffix.len());
        }
        let next = rest.chars().nth(1);
        match after {
            // A language: `西班牙语`, `西班牙文` (but `中国文化`, `中国文学`).
            Some('语' | '語') => return Standing::Cut,
            Some('文') if !next.is_some_and(|c| "化学學明物献獻件字本艺藝".contains(c)) => {
                return Standing::Cut
            }
            // A people: `西班牙人` (but `中国人民`, `中国人口`).
            Some('人') if !next.is_some_and(|c| "民口大士权權才员員".contains(c)) => {
                return Standing::Cut
            }
            _ => {}
        }
    }
    if crosses_a_word(folded, start, end) {
        return Standing::Crossed;
    }
    Standing::Word
}

/// Whether a word of the dictionary starts before `start` and ends inside the name (or past
/// its first character).
/// Every pair of adjacent characters in a word of the dictionary.
fn word_pairs() -> &'static rustc_hash::FxHashSet<(char, char)> {
    static PAIRS: std::sync::OnceLock<rustc_hash::FxHashSet<(char, char)>> =
        std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        crate::facts::words::words()
            .words
            .iter()
            .flat_map(|w| {
                let chars: Vec<char> = w.chars().collect();
                chars.windows(2).map(|p| (p[0], p[1])).collect::<Vec<_>>()
            })
            .collect()
    })
}

fn crosses_a_word(folded: &str, start: usize, end: usize) -> bool {
    let Some(automaton) = &crate::facts::words::words().automaton else {
        return false;
    };
    let Some(before) = folded[..start].chars().next_back() else {
        return false;
    };
    let first = folded[start..].chars().next().unwrap_or(' ');
    // A word runs across the name's start only if some word holds these two characters side
    // by side: a set lookup spares the automaton for almost every name.
    if !annotext_parser::is_hanzi(before) || !word_pairs().contains(&(before, first)) {
        return false;
    }
    // Dictionary words are short: three characters before the name are enough to see one.
    let from = folded[..start]
        .char_indices()
        .rev()
        .nth(2)
        .map_or(0, |(i, _)| i);
    let window = &folded[from..end];
    automaton
        .find_overlapping_iter(window)
        .any(|m| from + m.start() < start && from + m.end() > start && from + m.end() < end)
}

pub(crate) fn entities_in<'t>(
    text: &str,
    folded: &str,
    is_item: bool,
    tagger: &'t Tagger,
    dates: &[DateMention],
) -> Vec<Mention<'t>> {
    let rules = tagger.rules;
    let mut out = Vec::new();
    // Matched on the folded copy, reported in the text's own spelling (same offsets). A match
    // that does not stand as a word is dropped and the search goes on from its second
    // character (`其中亚洲` gives `亚洲`, not `中亚`).
    // One scan of the block; only a name dropped or cut short starts the search again from
    // where it must go on.
    let mut at = 0;
    'search: loop {
        for m in tagger
            .names
            .find_iter(aho_corasick::Input::new(folded).range(at..))
        {
            let Some(&entry_index) = tagger.name_entry.get(m.pattern().as_usize()) else {
                continue;
            };
            let (Some(entry), Some(rule)) = (
                rules.gazetteer.get(entry_index),
                tagger.gazetteer_rules.get(entry_index),
            ) else {
                continue;
            };
            // A phrase that holds a name without being one (发展中国家) wins the match and
            // hides it.
            if entry.kind == IGNORE {
                continue;
            }
            // A match is on character boundaries of the text too (folding keeps every
            // character's length).
            let Some(own) = text.get(m.range()) else {
                continue;
            };
            let second = m.start() + folded[m.start()..].chars().next().map_or(1, char::len_utf8);
            let mut standing = standing(folded, m.start(), m.end(), &entry.kind);
            if let Standing::Crossed = standing {
                // A word of the text runs into the name (`其中` in `其中亚洲`): the name is cut
                // only when another name starts inside it and reads on (`亚洲`); `从中亚国家`
                // keeps 中亚.
                let rival = tagger
                    .names
                    .find(aho_corasick::Input::new(folded).range(second..));
                standing = match rival {
                    Some(r) if r.start() < m.end() && r.end() > m.end() => Standing::Cut,
                    _ => Standing::Word,
                };
            }
            match standing {
                Standing::Word => out.push(Mention {
                    kind: &entry.kind,
                    text: m.range(),
                    canonical: (entry.canonical != own).then_some(entry.canonical.as_str()),
                    rule,
                    offset: m.start(),
                }),
                Standing::Feature(end) => {
                    out.push(Mention {
                        kind: FEATURE,
                        text: m.start()..end,
                        canonical: None,
                        rule: "feature",
                        offset: m.start(),
                    });
                    at = end;
                    continue 'search;
                }
                Standing::Cut | Standing::Crossed => {
                    at = second;
                    continue 'search;
                }
            }
        }
        break;
    }
    // The names found so far, in order: what the mechanisms' pass asks of them.
    let names = out.len();
    // Ends of the mechanisms a whole item names.
    let mut whole_item_ends: Vec<usize> = Vec::new();
    let trim = |t: &'_ str| -> usize { t.trim_end_matches(['；', ';', '。', '.', ' ']).len() };
    let body = &text[..trim(text)];
    let folded_body = &folded[..trim(folded)];
    for ((rule, suffix), name) in rules
        .entities
        .iter()
        .zip(&tagger.suffixes)
        .zip(&tagger.entity_rules)
    {
        match (&rule.pattern, suffix) {
            (EntityPattern::ItemSuffix(_), Some(suffix)) => {
                if is_item
                    && folded_body.ends_with(suffix.as_str())
                    && !body.contains([',', '，', '、', '《'])
                {
                    // The whole item names it (`中國—中亞實業家委員會;`).
                    out.push(Mention {
                        kind: &rule.kind,
                        text: 0..body.len(),
                        canonical: None,
                        rule: name,
                        offset: 0,
                    });
                    whole_item_ends.push(folded_body.len());
                }
            }
            (EntityPattern::Pair(open, close), _) => {
                let mut from = 0;
                while let Some(start) = text[from..].find(*open).map(|i| from + i) {
                    let inner = start + open.len_utf8();
                    let Some(end) = text[inner..].find(*close).map(|i| inner + i) else {
                        break;
                    };
                    out.push(Mention {
                        kind: &rule.kind,
                        text: inner..end,
                        canonical: None,
                        rule: name,
                        offset: start,
                    });
                    // Nested pairs (“…” inside 《…》) are found on their own rule's pass.
                    from = end + close.len_utf8();
                }
            }
            (EntityPattern::ItemSuffix(_), None) => {}
        }
    }
    named_in_text(folded, tagger, names, &whole_item_ends, &mut out);
    for date in dates {
        // A date's text is the text at its offset.
        out.push(Mention {
            kind: "date",
            text: date.offset..date.offset + date.text.len(),
            canonical: None,
            rule: "date",
            offset: date.offset,
        });
    }
    out.sort_by(|a, b| (a.offset, a.kind, a.text(text)).cmp(&(b.offset, b.kind, b.text(text))));
    out
}
