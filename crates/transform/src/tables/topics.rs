//! `topics`: one row per topic of each document: the items that speak of it, and every unit
//! of text that does (paragraphs, clauses and points too, so a statement without items has
//! topics).

use std::collections::BTreeMap;
use std::ops::Range;

use annotext_parser::BlockKind;
use polars::prelude::*;

use super::Frame;
use crate::facts::tagger::Tagger;
use crate::facts::DocumentFacts;
use crate::text::u32_of;
use crate::TransformError;

/// A topic's units (their labels), keyword evidence (ranges of one shared string), and how
/// many of the units are items.
type TopicRows<'a> = (Vec<&'a str>, Vec<Range<usize>>, u32);

pub(super) fn topics_table(
    documents: &[DocumentFacts],
    tagger: &Tagger,
) -> Result<DataFrame, TransformError> {
    // (document, topic) → (items, keyword evidence), in document order then rule order. Labels
    // are borrowed from the facts, and each evidence is a range of one shared string: a string
    // each was most of this table's cost.
    let mut evidence_text = String::new();
    let mut found: BTreeMap<(usize, usize), TopicRows> = BTreeMap::new();
    for (doc_index, facts) in documents.iter().enumerate() {
        for (block, block_facts) in facts.blocks() {
            if block_facts.topics.is_empty() {
                continue;
            }
            let is_item = matches!(block.kind, BlockKind::Item { .. });
            let label = block_facts.label.as_str();
            let text = facts.text_of(block_facts);
            for (topic, hits) in &block_facts.topics {
                let index = tagger
                    .rules
                    .topics
                    .iter()
                    .position(|t| t.name == *topic)
                    .unwrap_or(0);
                let entry = found.entry((doc_index, index)).or_default();
                entry.0.push(label);
                entry.2 += u32::from(is_item);
                // `label: word, word`.
                let start = evidence_text.len();
                evidence_text.push_str(label);
                evidence_text.push_str(": ");
                for (i, &(from, to)) in hits.iter().enumerate() {
                    if i > 0 {
                        evidence_text.push_str(", ");
                    }
                    evidence_text.push_str(text.get(from..to).unwrap_or_default());
                }
                entry.1.push(start..evidence_text.len());
            }
        }
    }
    let (mut doc_id, mut topic, mut count, mut units, mut keywords) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut unit_count = vec![];
    for ((doc_index, index), (labels, evidence, item_count)) in found {
        doc_id.push(documents[doc_index].doc.name.as_str());
        topic.push(tagger.rules.topics[index].name.as_str());
        count.push(item_count);
        unit_count.push(u32_of(labels.len()));
        units.push(labels);
        keywords.push(
            evidence
                .into_iter()
                .map(|r| evidence_text.get(r).unwrap_or_default())
                .collect::<Vec<_>>(),
        );
    }
    Frame::new("topics")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("topic".into(), topic))
        .col(Series::new("item_count".into(), count))
        .col(Series::new("unit_count".into(), unit_count))
        .list("units", units)
        .list("keywords", keywords)
        .build()
}
