//! `timeline`: one row per date or year range mentioned.

use polars::prelude::*;

use super::Frame;
use crate::facts::DocumentFacts;
use crate::text::sentence_at;
use crate::TransformError;

pub(super) fn timeline_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut text_col, mut ys, mut ye, mut month) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut day, mut sentence, mut line) = (vec![], vec![], vec![]);
    for facts in documents {
        for (block, found) in facts.blocks() {
            if found.dates.is_empty() {
                continue;
            }
            let line_starts = facts.doc.block_line_starts(block);
            for d in &found.dates {
                doc_id.push(facts.doc.name.as_str());
                sentence.push(sentence_at(facts.text_of(found), d.offset));
                text_col.push(d.text.as_str());
                ys.push(u32::from(d.year_start));
                ye.push(u32::from(d.year_end));
                month.push(d.month.map(u32::from));
                day.push(d.day.map(u32::from));
                line.push(annotext_parser::line_at(block, &line_starts, d.offset));
            }
        }
    }
    Frame::new("timeline")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("text".into(), text_col))
        .col(Series::new("year_start".into(), ys))
        .col(Series::new("year_end".into(), ye))
        .col(Series::new("month".into(), month))
        .col(Series::new("day".into(), day))
        .col(Series::new("sentence".into(), sentence))
        .col(Series::new("line".into(), line))
        .build()
}
