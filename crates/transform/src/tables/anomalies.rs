//! `anomalies`: one row per anomaly, from the parser and from the dictionary check.

use annotext_parser::{Position, Span};
use polars::prelude::*;

use super::Frame;
use crate::facts::pinyin::READING_WRONG_IN_CONTEXT;
use crate::facts::readings::{dictionary_anomalies, READING_NOT_IN_DICTIONARY};
use crate::facts::DocumentFacts;
use crate::text::snippet;
use crate::TransformError;

pub(super) fn anomalies_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut kind, mut line, mut column) = (vec![], vec![], vec![], vec![]);
    let (mut offset, mut context, mut detail) = (vec![], vec![], vec![]);
    for facts in documents {
        let doc = facts.doc;
        let mut rows: Vec<(Span, Position, &str, String)> = doc
            .anomalies
            .iter()
            .map(|a| (a.span, a.position, a.kind.name(), a.describe(&doc.text)))
            .collect();
        rows.extend(
            dictionary_anomalies(doc)
                .into_iter()
                .map(|a| (a.span, a.position, READING_NOT_IN_DICTIONARY, a.detail)),
        );
        // Found with each block's facts: the check in context is part of the one pass per block.
        rows.extend(
            facts
                .blocks
                .iter()
                .flat_map(|b| &b.flags)
                .map(|f| (f.span, f.position, READING_WRONG_IN_CONTEXT, f.describe())),
        );
        rows.sort_by(|a, b| (a.0.start, &a.2).cmp(&(b.0.start, &b.2)));
        for (span, position, k, d) in rows {
            doc_id.push(doc.name.as_str());
            kind.push(k);
            line.push(position.line);
            column.push(position.column);
            offset.push(span.start);
            context.push(snippet(&doc.text, span));
            detail.push(d);
        }
    }
    Frame::new("anomalies")
        .col(Series::new("doc_id".into(), doc_id))
        .category("kind", kind)?
        .col(Series::new("line".into(), line))
        .col(Series::new("column".into(), column))
        .col(Series::new("byte_offset".into(), offset))
        .col(Series::new("context".into(), context))
        .col(Series::new("detail".into(), detail))
        .build()
}
