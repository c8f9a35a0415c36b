//! Topics of an item, from the keywords of the topic rules.

use std::collections::BTreeMap;

use super::script::fold;
use super::tagger::Tagger;

/// The topics of an item's text, each with the keywords that matched (as the text spells them),
/// in the rules' order.
pub fn find_topics<'r>(text: &str, tagger: &Tagger<'r>) -> Vec<(&'r str, Vec<String>)> {
    topics_in(text, &fold(text), tagger)
}

/// [`find_topics`] with the text's folded copy already made.
pub(crate) fn topics_in<'r>(
    text: &str,
    folded: &str,
    tagger: &Tagger<'r>,
) -> Vec<(&'r str, Vec<String>)> {
    // (topic, keyword) → where it first matched; in rule order.
    let mut hits: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
    for m in tagger.keywords.find_overlapping_iter(folded) {
        if let Some(&owner) = tagger.keyword_owner.get(m.pattern().as_usize()) {
            hits.entry(owner).or_insert((m.start(), m.end()));
        }
    }
    let mut out: Vec<(&'r str, Vec<String>)> = Vec::new();
    for ((topic, _), (start, end)) in hits {
        let Some(rule) = tagger.rules.topics.get(topic) else {
            continue;
        };
        let word = text.get(start..end).unwrap_or_default().to_owned();
        match out.last_mut() {
            Some((name, words)) if *name == rule.name.as_str() => words.push(word),
            _ => out.push((rule.name.as_str(), vec![word])),
        }
    }
    out
}
