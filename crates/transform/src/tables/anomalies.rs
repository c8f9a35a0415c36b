//! `anomalies`: one row per finding ([`crate::facts::findings`]): a character's repeated
//! annotations are one row, and a run of adjacent anomalies of one kind is one row with its
//! count and range. The parser's records keep every anomaly; this table is for reading.

use polars::prelude::*;

use super::Frame;
use crate::facts::DocumentFacts;
use crate::TransformError;
use annotext_parser::Severity;

/// The table, and each document's findings counted: (all, errors), in the order of `documents`.
pub(super) fn anomalies_table(
    documents: &[DocumentFacts],
) -> Result<(DataFrame, Vec<(usize, usize)>), TransformError> {
    let (mut doc_id, mut severity, mut kind) = (vec![], vec![], vec![]);
    let (mut line, mut column, mut end_line, mut end_column) = (vec![], vec![], vec![], vec![]);
    let (mut count, mut byte_start, mut byte_end) = (vec![], vec![], vec![]);
    // The text columns are written straight from the findings' reused buffers.
    let mut subject = StringChunkedBuilder::new("text".into(), 0);
    let mut context = StringChunkedBuilder::new("context".into(), 0);
    let mut detail = StringChunkedBuilder::new("detail".into(), 0);
    let mut counts = Vec::with_capacity(documents.len());
    for facts in documents {
        let doc = facts.doc;
        let (mut all, mut errors) = (0, 0);
        facts.each_finding(|f, text| {
            all += 1;
            let level = f.kind.severity();
            if level == Severity::Error {
                errors += 1;
            }
            doc_id.push(doc.name.as_str());
            severity.push(level.name());
            kind.push(f.kind.name());
            line.push(f.start.line);
            column.push(f.start.column);
            end_line.push(f.end.line);
            end_column.push(f.end.column);
            count.push(f.count);
            byte_start.push(f.span.start);
            byte_end.push(f.span.end);
            subject.append_value(&text.subject);
            context.append_value(&text.context);
            detail.append_value(&text.detail);
        });
        counts.push((all, errors));
    }
    let table = Frame::new("anomalies")
        .col(Series::new("doc_id".into(), doc_id))
        .category("severity", severity)?
        .category("kind", kind)?
        .col(Series::new("line".into(), line))
        .col(Series::new("column".into(), column))
        .col(Series::new("end_line".into(), end_line))
        .col(Series::new("end_column".into(), end_column))
        .col(Series::new("count".into(), count))
        .col(subject.finish().into_series())
        .col(context.finish().into_series())
        .col(detail.finish().into_series())
        .col(Series::new("byte_start".into(), byte_start))
        .col(Series::new("byte_end".into(), byte_end))
        .build()?;
    Ok((table, counts))
}
