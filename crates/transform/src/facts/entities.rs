//! Entity mentions: gazetteer names, item suffixes, mark pairs and dates.

use super::dates::{find_dates, DateMention};
use super::script::fold;
use super::tagger::Tagger;
use crate::rules::EntityPattern;

/// The gazetteer kind of phrases that hold a name but are not one: matched, never tagged.
pub const IGNORE: &str = "ignore";

/// An entity mention found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// Kind (`country`, `city`, `organisation`, `document`, `mechanism`, `quoted_term`, `date`…).
    pub kind: String,
    /// The text, as the document spells it.
    pub text: String,
    /// What it stands for: the gazetteer's full name for a short form (`哈薩克` → `哈薩克斯坦`),
    /// else the text.
    pub canonical: String,
    /// Which rule fired, e.g. `gazetteer:country`, `pair:《》`, `suffix:機制`, `date`.
    pub rule: String,
    /// Byte offset in the block's clean text.
    pub offset: usize,
}

/// Entity mentions in one block's clean text; `is_item` enables the whole-item suffix rules.
pub fn find_entities(text: &str, is_item: bool, tagger: &Tagger) -> Vec<EntityMention> {
    entities_in(text, &fold(text), is_item, tagger, &find_dates(text))
}

/// [`find_entities`] with the text's folded copy and dates already found.
pub(crate) fn entities_in(
    text: &str,
    folded: &str,
    is_item: bool,
    tagger: &Tagger,
    dates: &[DateMention],
) -> Vec<EntityMention> {
    let rules = tagger.rules;
    let mut out = Vec::new();
    // Matched on the folded copy, reported in the text's own spelling (same offsets).
    for m in tagger.names.find_iter(folded) {
        let Some(entry) = tagger
            .name_entry
            .get(m.pattern().as_usize())
            .and_then(|&i| rules.gazetteer.get(i))
        else {
            continue;
        };
        // A phrase that holds a name without being one (发展中国家) wins the match and hides it.
        if entry.kind == IGNORE {
            continue;
        }
        let own = text.get(m.range()).unwrap_or(&entry.name);
        out.push(EntityMention {
            kind: entry.kind.clone(),
            text: own.to_owned(),
            canonical: entry.canonical.clone(),
            rule: format!("gazetteer:{}", entry.kind),
            offset: m.start(),
        });
    }
    let trim = |t: &'_ str| -> usize { t.trim_end_matches(['；', ';', '。', '.', ' ']).len() };
    let body = &text[..trim(text)];
    let folded_body = &folded[..trim(folded)];
    for (rule, suffix) in rules.entities.iter().zip(&tagger.suffixes) {
        match (&rule.pattern, suffix) {
            (EntityPattern::ItemSuffix(written), Some(suffix)) => {
                if is_item
                    && folded_body.ends_with(suffix.as_str())
                    && !body.contains([',', '，', '、', '《'])
                {
                    out.push(EntityMention {
                        kind: rule.kind.clone(),
                        text: body.to_owned(),
                        canonical: body.to_owned(),
                        rule: format!("suffix:{written}"),
                        offset: 0,
                    });
                }
            }
            (EntityPattern::Pair(open, close), _) => {
                let mut from = 0;
                while let Some(start) = text[from..].find(*open).map(|i| from + i) {
                    let inner = start + open.len_utf8();
                    let Some(end) = text[inner..].find(*close).map(|i| inner + i) else {
                        break;
                    };
                    out.push(EntityMention {
                        kind: rule.kind.clone(),
                        text: text[inner..end].to_owned(),
                        canonical: text[inner..end].to_owned(),
                        rule: format!("pair:{open}{close}"),
                        offset: start,
                    });
                    // Nested pairs (“…” inside 《…》) are found on their own rule's pass.
                    from = end + close.len_utf8();
                }
            }
            (EntityPattern::ItemSuffix(_), None) => {}
        }
    }
    for date in dates {
        out.push(EntityMention {
            kind: "date".into(),
            text: date.text.clone(),
            canonical: date.text.clone(),
            rule: "date".into(),
            offset: date.offset,
        });
    }
    out.sort_by(|a, b| (a.offset, &a.kind, &a.text).cmp(&(b.offset, &b.kind, &b.text)));
    out
}
