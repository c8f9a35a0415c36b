//! Topics of an item, from the keywords of the topic rules.

use std::collections::BTreeSet;

use super::tagger::Tagger;

/// The topics of an item's text, each with the keywords that matched, in the rules' order.
pub fn find_topics<'r>(text: &str, tagger: &Tagger<'r>) -> Vec<(&'r str, Vec<&'r str>)> {
    let hits: BTreeSet<(usize, usize)> = tagger
        .keywords
        .find_overlapping_iter(text)
        .map(|m| tagger.keyword_owner[m.pattern().as_usize()])
        .collect();
    let mut out: Vec<(&'r str, Vec<&'r str>)> = Vec::new();
    for (topic, keyword) in hits {
        let rule = &tagger.rules.topics[topic];
        let word = rule.keywords[keyword].as_str();
        match out.last_mut() {
            Some((name, words)) if *name == rule.name.as_str() => words.push(word),
            _ => out.push((rule.name.as_str(), vec![word])),
        }
    }
    out
}
