//! Names a document defines for itself and then uses on their own: a Latin acronym in brackets
//! right after a name (`太平洋岛国论坛（PIF）` makes every `PIF` of the document the forum), and
//! the short name of a division or a port the gazetteer lacks, found by its ending (`提格雷州`
//! makes `提格雷` a division, `里加港` makes `里加` a city). The gazetteer cannot list every
//! acronym and every province of the world; the document that names one in full says what it is.

use aho_corasick::{AhoCorasick, MatchKind};

use super::standing::is_transliteration;
use super::{Mention, DIVISION, PLACE};
use crate::facts::tagger::Tagger;

/// The rule a defined acronym fires.
pub(crate) const ACRONYM_RULE: &str = "defined:acronym";
/// The rule a division's or a port's short name fires.
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
            let learned = if let Some(acronym) = acronym_after(&folded[mention.text.end..]) {
                DefinedName {
                    name: acronym.to_owned(),
                    kind: mention.kind,
                    canonical: mention
                        .canonical
                        .or_else(|| gazetteer_name(folded.get(mention.text.clone())?, tagger)),
                    rule: ACRONYM_RULE,
                }
            } else if let Some(short) = short_name(folded, mention) {
                short
            } else {
                continue;
            };
            if !self.names.iter().any(|n| n.name == learned.name) {
                self.names.push(learned);
            }
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
            } else {
                // Not a piece of a longer transliteration (`提格雷` in `提格雷尼亚`).
                let foreign = |c: Option<char>| c.is_some_and(is_transliteration);
                !foreign(prev) && !foreign(next)
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

/// The acronym a bracket right after a name gives (`（PIF）`, `(OTCA)`, `（简称“PIF”）`): two to
/// twelve Latin letters, digits, `&` or `-`, starting with a capital, two capitals at least.
fn acronym_after(rest: &str) -> Option<&str> {
    let rest = rest.strip_prefix(['（', '('])?;
    let rest = ACRONYM_LEADS
        .iter()
        .find_map(|lead| rest.strip_prefix(lead))
        .unwrap_or(rest);
    let rest = rest.strip_prefix(['“', '"', '「']).unwrap_or(rest);
    let length = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '&' || c == '-'))
        .unwrap_or(rest.len());
    let acronym = &rest[..length];
    let closed = rest[length..]
        .trim_start_matches(['”', '"', '」'])
        .starts_with(['）', ')']);
    let capitals = acronym.chars().filter(char::is_ascii_uppercase).count();
    (closed
        && (2..=12).contains(&length)
        && capitals >= 2
        && acronym.starts_with(|c: char| c.is_ascii_uppercase()))
    .then_some(acronym)
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
    let found = tagger.names.find(name)?;
    if found.start() != 0 || found.end() != name.len() {
        return None;
    }
    let entry = tagger.name_entry.get(found.pattern().as_usize())?;
    Some(tagger.rules.gazetteer.get(*entry)?.canonical.as_str())
}
