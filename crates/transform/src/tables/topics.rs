//! `topics`: one row per topic of each document.

use std::collections::BTreeMap;

use annotext_parser::BlockKind;
use polars::prelude::*;

use super::Frame;
use crate::facts::tagger::Tagger;
use crate::facts::DocumentFacts;
use crate::text::u32_of;
use crate::TransformError;

pub(super) fn topics_table(
    documents: &[DocumentFacts],
    tagger: &Tagger,
) -> Result<DataFrame, TransformError> {
    // (document, topic) → (items, keyword evidence), in document order then rule order.
    let mut found: BTreeMap<(usize, usize), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (doc_index, facts) in documents.iter().enumerate() {
        for (block, block_facts) in facts.blocks() {
            if !matches!(block.kind, BlockKind::Item { .. }) {
                continue;
            }
            let label = &block_facts.label;
            let text = block_facts.text.as_str();
            for (topic, hits) in &block_facts.topics {
                let index = tagger
                    .rules
                    .topics
                    .iter()
                    .position(|t| t.name == *topic)
                    .unwrap_or(0);
                let entry = found.entry((doc_index, index)).or_default();
                entry.0.push(label.clone());
                let words: Vec<&str> = hits
                    .iter()
                    .map(|&(start, end)| text.get(start..end).unwrap_or_default())
                    .collect();
                entry.1.push(format!("{label}: {}", words.join(", ")));
            }
        }
    }
    let (mut doc_id, mut topic, mut count, mut items, mut keywords) =
        (vec![], vec![], vec![], vec![], vec![]);
    for ((doc_index, index), (labels, evidence)) in found {
        doc_id.push(documents[doc_index].doc.name.as_str());
        topic.push(tagger.rules.topics[index].name.as_str());
        count.push(u32_of(labels.len()));
        items.push(labels);
        keywords.push(evidence);
    }
    Frame::new("topics")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("topic".into(), topic))
        .col(Series::new("item_count".into(), count))
        .list("items", items)
        .list("keywords", keywords)
        .build()
}
