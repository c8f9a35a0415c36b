//! `paragraphs`: one row per prose paragraph (an article's further paragraphs are in
//! `clauses`), with what it says: topics, entities, dates.

use annotext_parser::BlockKind;
use polars::prelude::*;

use super::Frame;
use crate::facts::script::simplified_into;
use crate::facts::DocumentFacts;
use crate::text::{char_count, u32_of};
use crate::TransformError;

pub(super) fn paragraphs_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut number, mut text_col) = (vec![], vec![], vec![]);
    // Converted into one reused buffer and written straight into the column.
    let mut simp = StringChunkedBuilder::new("simplified".into(), 0);
    let mut buffer = String::new();
    let (mut chars, mut dates, mut line, mut pinyin) = (vec![], vec![], vec![], vec![]);
    let (mut label, mut topics, mut entity_count, mut end_line) = (vec![], vec![], vec![], vec![]);
    for facts in documents {
        let paragraphs = facts
            .blocks()
            .filter(|(b, _)| b.kind == BlockKind::Paragraph && b.parent.is_none());
        for (i, (block, found)) in paragraphs.enumerate() {
            let text = facts.text_of(found);
            doc_id.push(facts.doc.name.as_str());
            number.push(u32_of(i + 1));
            buffer.clear();
            simplified_into(text, &mut buffer);
            simp.append_value(&buffer);
            pinyin.push(facts.pinyin_of(found));
            chars.push(char_count(text));
            dates.push(
                found
                    .dates
                    .iter()
                    .map(|d| d.text.as_str())
                    .collect::<Vec<_>>(),
            );
            line.push(block.line);
            end_line.push(block.end_line);
            label.push(found.label.as_str());
            topics.push(found.topics.iter().map(|(t, _)| *t).collect::<Vec<_>>());
            entity_count.push(u32_of(found.entities.len()));
            text_col.push(text);
        }
    }
    Frame::new("paragraphs")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("paragraph_number".into(), number))
        .col(Series::new("text".into(), text_col))
        .col(simp.finish().into_series())
        .col(Series::new("pinyin".into(), pinyin))
        .col(Series::new("char_count".into(), chars))
        .list("dates", dates)
        .col(Series::new("line".into(), line))
        .col(Series::new("end_line".into(), end_line))
        .col(Series::new("label".into(), label))
        .list("topics", topics)
        .col(Series::new("entity_count".into(), entity_count))
        .build()
}
