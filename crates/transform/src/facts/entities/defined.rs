//! Names a document defines for itself and then uses on their own: a Latin acronym or an
//! abbreviation in brackets right after a name (`太平洋岛国论坛（PIF）` makes every `PIF` of the
//! document the forum, `加勒比共同体（加共体，CARICOM）` every `加共体`), and the short name of a division or a port the gazetteer lacks, found by its ending (`提格雷州`
//! makes `提格雷` a division, `里加港` makes `里加` a city). The gazetteer cannot list every
//! acronym and every province of the world; the document that names one in full says what it is.

use aho_corasick::{AhoCorasick, MatchKind};

use super::standing::{names_a_product, transliterated};
use super::{Mention, DIVISION, PLACE};
use crate::facts::tagger::Tagger;

/// The rule a defined acronym fires.
pub(crate) const ACRONYM_RULE: &str = "defined:acronym";
/// The rule a short name fires: an abbreviation in brackets, a division's or a port's.
pub(crate) const SHORT_NAME_RULE: &str = "defined:short";

/// What may stand between the bracket and an acronym (`（简称PIF）`, `（以下简称“PIF”）`).
const ACRONYM_LEADS: [&str; 6] = ["以下简称", "英文简称", "英文缩写", "简称", "缩写", "英文"];

/// Names one document defines, in the order first defined.
#[derive(Default)]
pub(crate) struct Defined<'t> {
    names: Vec<DefinedName<'t>>,
}

/// A name a document defines: how it is written (folded) and what it is.
struct DefinedName<'t> {
    name: String,
    kind: &'t str,
    canonical: Option<&'t str>,
    rule: &'static str,
}

impl<'t> Defined<'t> {
    /// Whether the document defined nothing (most documents: then nothing is searched again).
    pub(crate) fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Learns the names one block defines, from the mentions found in it (`folded` is the
    /// block's folded text, `mentions` its mentions).
    pub(crate) fn learn(&mut self, folded: &str, mentions: &[Mention<'t>], tagger: &'t Tagger) {
        for mention in mentions {
            if matches!(mention.kind, "date" | "quoted_term") {
                continue;
            }
            let full = folded.get(mention.text.clone()).unwrap_or("");
            for short in short_forms_after(&folded[mention.text.end..], full) {
                let learned = DefinedName {
                    name: short.to_owned(),
                    kind: mention.kind,
                    canonical: mention.canonical.or_else(|| gazetteer_name(full, tagger)),
                    rule: if short.is_ascii() {
                        ACRONYM_RULE
                    } else {
                        SHORT_NAME_RULE
                    },
                };
                self.add(learned);
            }
            if let Some(short) = short_name(folded, mention) {
                self.add(short);
            }
        }
    }

    /// Adds a defined name, unless the document defined it already.
    fn add(&mut self, learned: DefinedName<'t>) {
        if !self.names.iter().any(|n| n.name == learned.name) {
            self.names.push(learned);
        }
    }

    /// A matcher of the defined names, longest first; `None` when none is defined.
    pub(crate) fn matcher(&self) -> Option<AhoCorasick> {
        if self.is_empty() {
            return None;
        }
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(self.names.iter().map(|n| n.name.as_str()))
            .ok()
    }

    /// Adds to `out` (the mentions of a block, `text` and `folded` its text and folded text;
    /// sorted as [`super::entities_in`] sorts them) the defined names that stand as words
    /// where no other mention lies.
    pub(crate) fn find_in(
        &self,
        matcher: &AhoCorasick,
        text: &str,
        folded: &str,
        out: &mut Vec<Mention<'t>>,
    ) {
        let before = out.len();
        for found in matcher.find_iter(folded) {
            let Some(name) = self.names.get(found.pattern().as_usize()) else {
                continue;
            };
            let (start, end) = (found.start(), found.end());
            let prev = folded[..start].chars().next_back();
            let next = folded[end..].chars().next();
            let apart = if name.rule == ACRONYM_RULE {
                // Not inside a longer Latin word (`PIF` in `PIFS`).
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                !latin(prev) && !latin(next)
            } else if name.kind != DIVISION && name.kind != "city" {
                // An abbreviation (`加共体`) stands wherever it is written.
                true
            } else {
                // Not a piece of a longer transliteration (`提格雷` in `提格雷尼亚`): two of its
                // characters on a side (`提格雷｜代表团` is the name before a word). Nor a
                // product named after it (`阿拉拉特｜白兰地`).
                !transliterated(folded[..start].chars().rev())
                    && !transliterated(folded[end..].chars())
                    && !names_a_product(&folded[end..])
            };
            if !apart
                || out
                    .iter()
                    .any(|m| m.text.start < end && m.text.end > start && m.kind != "date")
            {
                continue;
            }
            out.push(Mention {
                kind: name.kind,
                text: start..end,
                canonical: name.canonical,
                rule: name.rule,
                offset: start,
            });
        }
        if out.len() > before {
            out.sort_by(|a, b| {
                (a.offset, a.kind, a.text(text)).cmp(&(b.offset, b.kind, b.text(text)))
            });
        }
    }
}

/// The short forms a bracket right after a name gives (`（PIF）`, `(OTCA)`, `（简称“PIF”）`,
/// `（加共体，CARICOM）`): Latin acronyms of two to twelve letters, digits, `&` or `-`, starting
/// with a capital, two capitals at least; and abbreviations in hanzi of two to eight characters
/// taken in order from the full name `full` (`加共体` of `加勒比共同体`, `中拉论坛`).
fn short_forms_after<'a>(rest: &'a str, full: &str) -> Vec<&'a str> {
    let Some(rest) = rest.strip_prefix(['（', '(']) else {
        return Vec::new();
    };
    let Some(close) = rest.find(['）', ')']) else {
        return Vec::new();
    };
    rest[..close]
        .split(['，', ',', '、', '；', ';'])
        .filter_map(|part| {
            let part = ACRONYM_LEADS
                .iter()
                .find_map(|lead| part.strip_prefix(lead))
                .unwrap_or(part);
            let part = part
                .trim_start_matches(['“', '"', '「'])
                .trim_end_matches(['”', '"', '」']);
            (is_acronym(part) || is_abbreviation(part, full)).then_some(part)
        })
        .collect()
}

/// Whether `part` is a Latin acronym: two to twelve letters, digits, `&` or `-`, starting with a
/// capital, two capitals at least (`PIF`, `G20`, `R&D`).
fn is_acronym(part: &str) -> bool {
    (2..=12).contains(&part.len())
        && part.starts_with(|c: char| c.is_ascii_uppercase())
        && part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '&' || c == '-')
        && part.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// Whether `part` abbreviates `full`: two to eight hanzi, fewer than `full` has and not its
/// ending, each found in `full` after the one before (`加共体` of `加勒比共同体`, `拉加经委会` of
/// `联合国拉丁美洲和加勒比经济委员会`).
fn is_abbreviation(part: &str, full: &str) -> bool {
    let count = part.chars().count();
    // The body's kind alone (`（以下简称“联盟”）`) is how a charter names itself, no name.
    if !(2..=8).contains(&count)
        || count >= full.chars().count()
        || full.ends_with(part)
        || !part.chars().all(annotext_parser::is_hanzi)
    {
        return false;
    }
    let mut rest = full;
    part.chars().all(|c| match rest.find(c) {
        Some(i) => {
            rest = &rest[i + c.len_utf8()..];
            true
        }
        None => false,
    })
}

/// The short name a division or a port found by its ending gives (`提格雷州` → `提格雷`, a
/// division; `里加港` → `里加`, a city): two characters at least.
fn short_name<'t>(folded: &str, mention: &Mention<'t>) -> Option<DefinedName<'t>> {
    let ending = mention.rule.strip_prefix("ending:")?;
    // Not a part of a region (`马塔贝莱兰北省`: 马塔贝莱兰 is no division).
    let kind = match (mention.kind, ending) {
        (DIVISION, "州" | "省" | "邦" | "大区" | "郡") => DIVISION,
        (PLACE, "港") => "city",
        _ => return None,
    };
    let short = folded.get(mention.text.clone())?.strip_suffix(ending)?;
    (short.chars().count() >= 2).then(|| DefinedName {
        name: short.to_owned(),
        kind,
        canonical: None,
        rule: SHORT_NAME_RULE,
    })
}

/// The gazetteer's full name for `name` when `name` is one of its names as a whole.
fn gazetteer_name<'t>(name: &str, tagger: &'t Tagger) -> Option<&'t str> {
    let found = tagger.names.find(name, 0..name.len())?;
    if found.start() != 0 || found.end() != name.len() {
        return None;
    }
    let entry = tagger.name_entry.get(found.pattern())?;
    Some(tagger.rules.gazetteer.get(*entry)?.canonical.as_str())
}
