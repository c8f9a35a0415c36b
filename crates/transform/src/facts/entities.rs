//! Entity mentions: gazetteer names, item suffixes, mark pairs and dates.

use super::dates::{find_dates, DateMention};
use super::tagger::Tagger;
use crate::rules::EntityPattern;

/// An entity mention found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// Kind (`country`, `place`, `document`, `mechanism`, `quoted_term`, `date`).
    pub kind: String,
    /// The text.
    pub text: String,
    /// Which rule fired, e.g. `gazetteer:country`, `pair:《》`, `suffix:機制`, `date`.
    pub rule: String,
    /// Byte offset in the block's clean text.
    pub offset: usize,
}

/// Entity mentions in one block's clean text; `is_item` enables the whole-item suffix rules.
pub fn find_entities(text: &str, is_item: bool, tagger: &Tagger) -> Vec<EntityMention> {
    entities_in(text, is_item, tagger, &find_dates(text))
}

/// [`find_entities`] with the text's dates already found.
pub(crate) fn entities_in(
    text: &str,
    is_item: bool,
    tagger: &Tagger,
    dates: &[DateMention],
) -> Vec<EntityMention> {
    let rules = tagger.rules;
    let mut out = Vec::new();
    for m in tagger.names.find_overlapping_iter(text) {
        let entry = &rules.gazetteer[m.pattern().as_usize()];
        out.push(EntityMention {
            kind: entry.kind.clone(),
            text: entry.name.clone(),
            rule: format!("gazetteer:{}", entry.kind),
            offset: m.start(),
        });
    }
    let body = text.trim_end_matches(['；', ';', '。', '.', ' ']);
    for rule in &rules.entities {
        match &rule.pattern {
            EntityPattern::ItemSuffix(suffix) => {
                if is_item
                    && body.ends_with(suffix.as_str())
                    && !body.contains([',', '，', '、', '《'])
                {
                    out.push(EntityMention {
                        kind: rule.kind.clone(),
                        text: body.to_owned(),
                        rule: format!("suffix:{suffix}"),
                        offset: 0,
                    });
                }
            }
            EntityPattern::Pair(open, close) => {
                let mut from = 0;
                while let Some(start) = text[from..].find(*open).map(|i| from + i) {
                    let inner = start + open.len_utf8();
                    let Some(end) = text[inner..].find(*close).map(|i| inner + i) else {
                        break;
                    };
                    out.push(EntityMention {
                        kind: rule.kind.clone(),
                        text: text[inner..end].to_owned(),
                        rule: format!("pair:{open}{close}"),
                        offset: start,
                    });
                    // Nested pairs (“…” inside 《…》) are found on their own rule's pass.
                    from = end + close.len_utf8();
                }
            }
        }
    }
    for date in dates {
        out.push(EntityMention {
            kind: "date".into(),
            text: date.text.clone(),
            rule: "date".into(),
            offset: date.offset,
        });
    }
    out.sort_by(|a, b| (a.offset, &a.kind, &a.text).cmp(&(b.offset, &b.kind, &b.text)));
    out
}
