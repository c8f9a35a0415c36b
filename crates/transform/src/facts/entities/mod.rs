//! Entity mentions: gazetteer names, item suffixes, mark pairs and dates. How a name stands in
//! the text is decided in `standing.rs`; mechanisms named in running text are found in
//! `mechanisms.rs`, places and features the gazetteer lacks by their ending in `endings.rs`.

use std::ops::Range;

use super::dates::{find_dates, DateMention};
use super::script::fold;
use super::tagger::Tagger;
use crate::rules::EntityPattern;

mod defined;
mod endings;
mod mechanisms;
mod standing;

pub(crate) use defined::Defined;
use endings::{crossings_in_text, transliterated_in_text};
use mechanisms::{before_a_name, named_in_text, names_partners};
use standing::{standing, Standing};

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

/// The kind of a first-level division of a country (a state, a province, an oblast).
pub const DIVISION: &str = "division";

/// The kind of ports, border crossings, islands and other places that are not cities.
pub const PLACE: &str = "place";

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
            let previous_end = out.last().map(|n: &Mention| n.text.end);
            let neighbours = |after: bool| match after {
                true => tagger
                    .names
                    .find(aho_corasick::Input::new(folded).range(m.end()..))
                    .is_some_and(|r| r.start() == m.end()),
                false => previous_end == Some(m.start()),
            };
            let mut standing = standing(folded, m.start(), m.end(), &entry.kind, &neighbours);
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
                Standing::Head(kind, end) => {
                    out.push(Mention {
                        kind,
                        text: m.start()..end,
                        canonical: None,
                        rule: kind,
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
                // Only an item that is a name as a whole: no verb or joining word, and a name,
                // a link between partners or an acronym in it (`建设物流中心。` is no name).
                if is_item
                    && folded_body.ends_with(suffix.as_str())
                    && !body.contains([',', '，', '、', '《'])
                    && before_a_name().find(folded_body).is_none()
                    && names_partners(
                        folded_body,
                        out.iter().take(names).any(|m| m.text.start == 0),
                    )
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
    crossings_in_text(folded, names, &mut out);
    transliterated_in_text(folded, &mut out);
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
