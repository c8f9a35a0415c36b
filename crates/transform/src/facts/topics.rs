//! Topics of an item, from the keywords of the topic rules.

use super::script::fold;
use super::tagger::Tagger;

/// The topics of an item's text, each with the keywords that matched (as the text spells them),
/// in the rules' order.
pub fn find_topics<'r>(text: &str, tagger: &Tagger<'r>) -> Vec<(&'r str, Vec<String>)> {
    topics_in(&fold(text), tagger)
        .into_iter()
        .map(|(topic, hits)| {
            let words = hits
                .into_iter()
                .map(|(start, end)| text.get(start..end).unwrap_or_default().to_owned())
                .collect();
            (topic, words)
        })
        .collect()
}

/// The topics of a folded text, each with the byte ranges of its keywords' first matches (the
/// same in the text itself), in the rules' order.
pub(crate) fn topics_in<'r>(
    folded: &str,
    tagger: &Tagger<'r>,
) -> Vec<(&'r str, Vec<(usize, usize)>)> {
    // (topic, keyword) → where it first matched, in rule order: a sorted list, not a tree, as a
    // block holds a few of the keywords.
    let mut hits: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for m in tagger.keywords.find_overlapping_iter(folded) {
        if let Some(&owner) = tagger.keyword_owner.get(m.pattern().as_usize()) {
            if let Err(at) = hits.binary_search_by_key(&owner, |(seen, _)| *seen) {
                hits.insert(at, (owner, (m.start(), m.end())));
            }
        }
    }
    let mut out: Vec<(&'r str, Vec<(usize, usize)>)> = Vec::new();
    for ((topic, _), range) in hits {
        let Some(rule) = tagger.rules.topics.get(topic) else {
            continue;
        };
        match out.last_mut() {
            Some((name, ranges)) if *name == rule.name.as_str() => ranges.push(range),
            _ => out.push((rule.name.as_str(), vec![range])),
        }
    }
    out
}
