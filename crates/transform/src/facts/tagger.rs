//! The tagging rules compiled into matchers.

use aho_corasick::AhoCorasick;

use crate::rules::Rules;
use crate::TransformError;

/// Rules compiled for matching: one automaton over every gazetteer name and one over every topic
/// keyword, so a block is scanned once instead of once per name.
pub struct Tagger<'r> {
    pub(crate) rules: &'r Rules,
    pub(crate) names: AhoCorasick,
    pub(crate) keywords: AhoCorasick,
    /// For each keyword pattern: (topic index, keyword index in that topic).
    pub(crate) keyword_owner: Vec<(usize, usize)>,
}

impl<'r> Tagger<'r> {
    /// Compiles the rules.
    pub fn new(rules: &'r Rules) -> Result<Tagger<'r>, TransformError> {
        let build = |patterns: Vec<&str>| {
            AhoCorasick::new(patterns).map_err(|e| TransformError::Rules(e.to_string()))
        };
        let names = build(rules.gazetteer.iter().map(|g| g.name.as_str()).collect())?;
        let mut keyword_owner = Vec::new();
        let mut patterns = Vec::new();
        for (t, topic) in rules.topics.iter().enumerate() {
            for (k, keyword) in topic.keywords.iter().enumerate() {
                keyword_owner.push((t, k));
                patterns.push(keyword.as_str());
            }
        }
        Ok(Tagger {
            rules,
            names,
            keywords: build(patterns)?,
            keyword_owner,
        })
    }
}
