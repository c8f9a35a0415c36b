//! `items`: one row per numbered item.

use annotext_parser::{push_pinyin, BlockKind};
use polars::prelude::*;

use super::Frame;
use crate::facts::script::simplified_into;
use crate::facts::DocumentFacts;
use crate::text::{char_count, hanzi_count, partition_from, u32_of};
use crate::TransformError;

pub(super) fn items_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    // Columns sized up front: grown row by row, each was copied a dozen times over.
    let rows: usize = documents
        .iter()
        .map(|f| {
            f.doc
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
                .count()
        })
        .sum();
    let mut doc_id = Vec::with_capacity(rows);
    let mut section_number = Vec::with_capacity(rows);
    let mut section_title = Vec::with_capacity(rows);
    let mut subsection_number = Vec::with_capacity(rows);
    let mut subsection_title = Vec::with_capacity(rows);
    let mut item_number = Vec::with_capacity(rows);
    let mut label = Vec::with_capacity(rows);
    let mut text_col = Vec::with_capacity(rows);
    // The simplified text and the annotated readings are written into their columns through one
    // reused buffer: a string per row cost an allocation and a free each.
    let mut buffer = String::new();
    let mut simplified_col = StringChunkedBuilder::new("simplified".into(), rows);
    let mut pinyin_col = Vec::with_capacity(rows);
    let mut annotated_readings = StringChunkedBuilder::new("annotated_readings".into(), rows);
    let mut annotated = Vec::with_capacity(rows);
    let mut chars = Vec::with_capacity(rows);
    let mut annotated_chars = Vec::with_capacity(rows);
    let mut coverage = Vec::with_capacity(rows);
    let mut topics = Vec::with_capacity(rows);
    let mut entity_count = Vec::with_capacity(rows);
    let mut anomaly_count = Vec::with_capacity(rows);
    let mut line = Vec::with_capacity(rows);
    let mut byte_start = Vec::with_capacity(rows);
    let mut byte_end = Vec::with_capacity(rows);
    for facts in documents {
        let doc = facts.doc;
        let mut next_anomaly = 0;
        for (block, found) in facts.blocks() {
            let BlockKind::Item { number, .. } = block.kind else {
                continue;
            };
            let text = facts.text_of(found);
            let (sec_no, sec_title) = facts.section(block.section);
            let (sub_no, sub_title) = facts.subsection(block.subsection);
            let annotated_here = facts.chars_of(found);
            let hanzi = hanzi_count(text);
            doc_id.push(doc.name.as_str());
            section_number.push(sec_no);
            section_title.push(sec_title);
            subsection_number.push(sub_no);
            subsection_title.push(sub_title);
            item_number.push(number.0);
            label.push(found.label.as_str());
            buffer.clear();
            simplified_into(text, &mut buffer);
            simplified_col.append_value(&buffer);
            buffer.clear();
            push_pinyin(&mut buffer, annotated_here);
            annotated_readings.append_value(&buffer);
            pinyin_col.push(facts.pinyin_of(found));
            annotated.push(doc.block_annotated_text(block));
            chars.push(char_count(text));
            annotated_chars.push(u32_of(annotated_here.len()));
            coverage.push(if hanzi == 0 {
                0.0
            } else {
                annotated_here.len() as f64 / hanzi as f64
            });
            topics.push(found.topics.iter().map(|(t, _)| *t).collect::<Vec<_>>());
            entity_count.push(u32_of(found.entities.len()));
            // As `Document::anomalies_in`, searched on from the previous item's.
            let from = partition_from(&doc.anomalies, next_anomaly, |a| {
                a.span.start < block.span.start
            });
            let to = partition_from(&doc.anomalies, from, |a| a.span.start < block.span.end);
            next_anomaly = from;
            anomaly_count.push(u32_of(to.saturating_sub(from)));
            line.push(block.line);
            byte_start.push(block.span.start);
            byte_end.push(block.span.end);
            text_col.push(text);
        }
    }
    Frame::new("items")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("section_number".into(), section_number))
        .col(Series::new("section_title".into(), section_title))
        .col(Series::new("subsection_number".into(), subsection_number))
        .col(Series::new("subsection_title".into(), subsection_title))
        .col(Series::new("item_number".into(), item_number))
        .col(Series::new("label".into(), label))
        .col(Series::new("text".into(), text_col))
        .col(simplified_col.finish().into_series())
        .col(Series::new("pinyin".into(), pinyin_col))
        .col(annotated_readings.finish().into_series())
        .col(Series::new("annotated_text".into(), annotated))
        .col(Series::new("char_count".into(), chars))
        .col(Series::new("annotated_char_count".into(), annotated_chars))
        .col(Series::new("annotation_coverage".into(), coverage))
        .list("topics", topics)
        .col(Series::new("entity_count".into(), entity_count))
        .col(Series::new("anomaly_count".into(), anomaly_count))
        .col(Series::new("line".into(), line))
        .col(Series::new("byte_start".into(), byte_start))
        .col(Series::new("byte_end".into(), byte_end))
        .build()
}
