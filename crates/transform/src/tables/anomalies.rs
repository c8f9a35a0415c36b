//! `anomalies`: one row per finding ([`crate::facts::findings`]): a character's repeated
//! annotations are one row, and a run of adjacent anomalies of one kind is one row with its
//! count and range. The parser's records keep every anomaly; this table is for reading.

use polars::prelude::*;

use super::Frame;
use crate::facts::findings::Finding;
use crate::facts::DocumentFacts;
use crate::TransformError;

/// `findings`: each document's ([`DocumentFacts::findings`]), in the order of `documents`.
pub(super) fn anomalies_table(
    documents: &[DocumentFacts],
    findings: Vec<Vec<Finding>>,
) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut severity, mut kind) = (vec![], vec![], vec![]);
    let (mut line, mut column, mut end_line, mut end_column) = (vec![], vec![], vec![], vec![]);
    let (mut count, mut subject, mut context, mut detail) = (vec![], vec![], vec![], vec![]);
    let (mut byte_start, mut byte_end) = (vec![], vec![]);
    for (facts, found) in documents.iter().zip(findings) {
        let doc = facts.doc;
        for f in found {
            doc_id.push(doc.name.as_str());
            severity.push(f.severity().name());
            kind.push(f.kind.name());
            line.push(f.start.line);
            column.push(f.start.column);
            end_line.push(f.end.line);
            end_column.push(f.end.column);
            count.push(f.count);
            byte_start.push(f.span.start);
            byte_end.push(f.span.end);
            subject.push(f.subject);
            context.push(f.context);
            detail.push(f.detail);
        }
    }
    Frame::new("anomalies")
        .col(Series::new("doc_id".into(), doc_id))
        .category("severity", severity)?
        .category("kind", kind)?
        .col(Series::new("line".into(), line))
        .col(Series::new("column".into(), column))
        .col(Series::new("end_line".into(), end_line))
        .col(Series::new("end_column".into(), end_column))
        .col(Series::new("count".into(), count))
        .col(Series::new("text".into(), subject))
        .col(Series::new("context".into(), context))
        .col(Series::new("detail".into(), detail))
        .col(Series::new("byte_start".into(), byte_start))
        .col(Series::new("byte_end".into(), byte_end))
        .build()
}
