//! `clauses`: one row per unit that belongs to another — an article's clauses (`（一）`) and
//! sub-clauses (`1.` inside a clause), its further paragraphs (款), and the points of a short
//! list (`（1）`, `1)`, `①`, `a)`) with the lead-in they follow. Each row keeps its section,
//! subsection and item, so a clause is read with its article.

use annotext_parser::BlockKind;
use polars::prelude::*;

use super::Frame;
use crate::facts::script::simplified_into;
use crate::facts::DocumentFacts;
use crate::text::{char_count, u32_of};
use crate::TransformError;

pub(super) fn clauses_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut section_number, mut section_title) = (vec![], vec![], vec![]);
    let (mut subsection_number, mut item_number, mut item_label) = (vec![], vec![], vec![]);
    let (mut kind, mut number, mut label, mut parent_label) = (vec![], vec![], vec![], vec![]);
    let (mut text_col, mut pinyin, mut chars, mut topics) = (vec![], vec![], vec![], vec![]);
    let (mut entity_count, mut dates, mut line, mut end_line) = (vec![], vec![], vec![], vec![]);
    let (mut byte_start, mut byte_end) = (vec![], vec![]);
    let mut simplified = StringChunkedBuilder::new("simplified".into(), 0);
    let mut buffer = String::new();
    for facts in documents {
        let doc = facts.doc;
        for (block, found) in facts.blocks() {
            let Some(parent) = block.parent else {
                continue;
            };
            let text = facts.text_of(found);
            doc_id.push(doc.name.as_str());
            let (sec_no, sec_title) = facts.section(block.section);
            section_number.push(sec_no);
            section_title.push(sec_title);
            subsection_number.push(facts.subsection(block.subsection).0);
            let item = doc.item_of(block);
            item_number.push(item.and_then(|i| match i.kind {
                BlockKind::Item { number, .. } => Some(number.0),
                _ => None,
            }));
            let item_index =
                item.map(|i| doc.blocks.partition_point(|b| b.span.start < i.span.start));
            item_label.push(
                item_index
                    .and_then(|i| facts.blocks.get(i))
                    .map(|f| f.label.as_str()),
            );
            kind.push(match block.kind {
                BlockKind::Clause { .. } => "clause",
                BlockKind::Point { .. } => "point",
                _ => "paragraph",
            });
            number.push(match block.kind {
                BlockKind::Clause { number } | BlockKind::Point { number } => Some(number.0),
                _ => None,
            });
            label.push(found.label.as_str());
            parent_label.push(
                facts
                    .blocks
                    .get(parent as usize)
                    .map_or("", |f| f.label.as_str()),
            );
            buffer.clear();
            simplified_into(text, &mut buffer);
            simplified.append_value(&buffer);
            pinyin.push(facts.pinyin_of(found));
            chars.push(char_count(text));
            topics.push(found.topics.iter().map(|(t, _)| *t).collect::<Vec<_>>());
            entity_count.push(u32_of(found.entities.len()));
            dates.push(
                found
                    .dates
                    .iter()
                    .map(|d| d.text.as_str())
                    .collect::<Vec<_>>(),
            );
            line.push(block.line);
            end_line.push(block.end_line);
            byte_start.push(block.span.start);
            byte_end.push(block.span.end);
            text_col.push(text);
        }
    }
    Frame::new("clauses")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("section_number".into(), section_number))
        .col(Series::new("section_title".into(), section_title))
        .col(Series::new("subsection_number".into(), subsection_number))
        .col(Series::new("item_number".into(), item_number))
        .col(Series::new("item_label".into(), item_label))
        .category("kind", kind)?
        .col(Series::new("number".into(), number))
        .col(Series::new("label".into(), label))
        .col(Series::new("parent_label".into(), parent_label))
        .col(Series::new("text".into(), text_col))
        .col(simplified.finish().into_series())
        .col(Series::new("pinyin".into(), pinyin))
        .col(Series::new("char_count".into(), chars))
        .list("topics", topics)
        .col(Series::new("entity_count".into(), entity_count))
        .list("dates", dates)
        .col(Series::new("line".into(), line))
        .col(Series::new("end_line".into(), end_line))
        .col(Series::new("byte_start".into(), byte_start))
        .col(Series::new("byte_end".into(), byte_end))
        .build()
}
