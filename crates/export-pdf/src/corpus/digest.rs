//! What a corpus briefing says, gathered from the tables one batch at a time: a row per
//! document, tallies per topic, name, year and kind of finding. Only counts and the documents
//! table's rows are kept, so a streamed run can feed every batch and a combined dataset its
//! whole tables alike; the briefing never needs the text itself.

use std::collections::BTreeMap;

use annotext_transform::{CorpusEntities, Tables};
use polars::prelude::*;

use crate::PdfExportError;

/// A year range longer than this counts for its first and last year only: `1949—2049年` is
/// two mentions, not a hundred (and a corpus's timeline stays a few dozen years).
const LONGEST_RANGE_YEARS: i64 = 30;

/// One document as the documents table describes it.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocumentRow {
    pub(crate) doc_id: String,
    pub(crate) title: String,
    pub(crate) script: String,
    pub(crate) first_date: String,
    pub(crate) last_date: String,
    pub(crate) sections: i64,
    pub(crate) items: i64,
    pub(crate) paragraphs: i64,
    pub(crate) clauses: i64,
    pub(crate) points: i64,
    pub(crate) hanzi: i64,
    pub(crate) annotated_hanzi: i64,
    pub(crate) errors: i64,
    pub(crate) warnings: i64,
}

impl DocumentRow {
    /// Share of the hanzi annotated, `None` without hanzi.
    pub(crate) fn coverage(&self) -> Option<f64> {
        (self.hanzi > 0).then(|| self.annotated_hanzi as f64 / self.hanzi as f64)
    }
}

/// A topic across the corpus: its items and passages, and each document's share.
#[derive(Debug, Clone, Default)]
pub(crate) struct TopicTally {
    pub(crate) items: i64,
    pub(crate) units: i64,
    /// (items, passages, document id) per document that carries it.
    pub(crate) documents: Vec<(i64, i64, String)>,
}

/// A count of mentions and of the documents they are in; the last document seen, so that a
/// document's rows (which come together) count it once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    pub(crate) mentions: i64,
    pub(crate) documents: i64,
    last_document: String,
}

impl Tally {
    fn add(&mut self, doc: &str, mentions: i64) {
        self.mentions += mentions;
        if self.documents == 0 || self.last_document != doc {
            self.documents += 1;
            self.last_document.clear();
            self.last_document.push_str(doc);
        }
    }
}

/// Findings of one kind and severity: rows of the anomalies table (as `mentions`) and the
/// documents they are in, and the occurrences the rows stand for.
#[derive(Debug, Clone, Default)]
pub(crate) struct FindingTally {
    pub(crate) rows: Tally,
    pub(crate) occurrences: i64,
}

/// A corpus's briefing material, gathered batch by batch ([`CorpusDigest::add`]).
#[derive(Debug, Clone, Default)]
pub struct CorpusDigest {
    pub(crate) documents: Vec<DocumentRow>,
    pub(crate) topics: BTreeMap<String, TopicTally>,
    pub(crate) entities: CorpusEntities,
    /// Year → mentions of it (a range counts for each of its years) and documents.
    pub(crate) years: BTreeMap<i64, Tally>,
    /// (kind, severity) → its findings.
    pub(crate) findings: BTreeMap<(String, String), FindingTally>,
}

/// A text (or categorical) column's cells, `None` when the table lacks it.
fn texts(df: &DataFrame, name: &str) -> Result<Option<StringChunked>, PdfExportError> {
    let Ok(column) = df.column(name) else {
        return Ok(None);
    };
    let cast = column.cast(&DataType::String).map_err(table_error(name))?;
    Ok(Some(cast.str().map_err(table_error(name))?.clone()))
}

/// An integer column's cells, `None` when the table lacks it.
fn integers(df: &DataFrame, name: &str) -> Result<Option<Int64Chunked>, PdfExportError> {
    let Ok(column) = df.column(name) else {
        return Ok(None);
    };
    let cast = column.cast(&DataType::Int64).map_err(table_error(name))?;
    Ok(Some(cast.i64().map_err(table_error(name))?.clone()))
}

fn table_error(column: &str) -> impl Fn(PolarsError) -> PdfExportError + '_ {
    move |e| PdfExportError::Table {
        column: column.to_owned(),
        message: e.to_string(),
    }
}

fn text_at(cells: &Option<StringChunked>, i: usize) -> &str {
    cells.as_ref().and_then(|c| c.get(i)).unwrap_or_default()
}

fn integer_at(cells: &Option<Int64Chunked>, i: usize) -> i64 {
    cells.as_ref().and_then(|c| c.get(i)).unwrap_or(0)
}

impl CorpusDigest {
    /// Adds a batch's tables (every table of a run's batch, or a combined dataset's whole
    /// tables): columns it does not find add nothing.
    pub fn add(&mut self, tables: &Tables) -> Result<(), PdfExportError> {
        self.add_documents(&tables.documents)?;
        self.add_topics(&tables.topics)?;
        self.entities
            .add(&tables.entities)
            .map_err(table_error("entities"))?;
        self.add_timeline(&tables.timeline)?;
        self.add_findings(&tables.anomalies)
    }

    fn add_documents(&mut self, df: &DataFrame) -> Result<(), PdfExportError> {
        let [doc_id, title, script, first_date, last_date] =
            ["doc_id", "title", "script", "first_date", "last_date"].map(|n| texts(df, n));
        let (doc_id, title, script) = (doc_id?, title?, script?);
        let (first_date, last_date) = (first_date?, last_date?);
        let numbers = [
            "sections",
            "items",
            "paragraphs",
            "clauses",
            "points",
            "hanzi",
            "annotated_hanzi",
            "errors",
            "warnings",
        ]
        .map(|n| integers(df, n));
        let mut n = Vec::with_capacity(numbers.len());
        for column in numbers {
            n.push(column?);
        }
        for i in 0..df.height() {
            let id = text_at(&doc_id, i);
            let title = match text_at(&title, i) {
                "" => id,
                title => title,
            };
            self.documents.push(DocumentRow {
                doc_id: id.to_owned(),
                title: title.to_owned(),
                script: text_at(&script, i).to_owned(),
                first_date: text_at(&first_date, i).to_owned(),
                last_date: text_at(&last_date, i).to_owned(),
                sections: integer_at(&n[0], i),
                items: integer_at(&n[1], i),
                paragraphs: integer_at(&n[2], i),
                clauses: integer_at(&n[3], i),
                points: integer_at(&n[4], i),
                hanzi: integer_at(&n[5], i),
                annotated_hanzi: integer_at(&n[6], i),
                errors: integer_at(&n[7], i),
                warnings: integer_at(&n[8], i),
            });
        }
        Ok(())
    }

    fn add_topics(&mut self, df: &DataFrame) -> Result<(), PdfExportError> {
        let (doc_id, topic) = (texts(df, "doc_id")?, texts(df, "topic")?);
        let (items, units) = (integers(df, "item_count")?, integers(df, "unit_count")?);
        for i in 0..df.height() {
            let (items, units) = (integer_at(&items, i), integer_at(&units, i));
            let tally = self
                .topics
                .entry(text_at(&topic, i).to_owned())
                .or_default();
            tally.items += items;
            tally.units += units;
            tally
                .documents
                .push((items, units, text_at(&doc_id, i).to_owned()));
        }
        Ok(())
    }

    fn add_timeline(&mut self, df: &DataFrame) -> Result<(), PdfExportError> {
        let doc_id = texts(df, "doc_id")?;
        let (start, end) = (integers(df, "year_start")?, integers(df, "year_end")?);
        for i in 0..df.height() {
            let doc = text_at(&doc_id, i);
            let first = integer_at(&start, i);
            let last = integer_at(&end, i).max(first);
            if first <= 0 {
                continue;
            }
            if last - first > LONGEST_RANGE_YEARS {
                for year in [first, last] {
                    self.years.entry(year).or_default().add(doc, 1);
                }
            } else {
                for year in first..=last {
                    self.years.entry(year).or_default().add(doc, 1);
                }
            }
        }
        Ok(())
    }

    fn add_findings(&mut self, df: &DataFrame) -> Result<(), PdfExportError> {
        let (doc_id, kind) = (texts(df, "doc_id")?, texts(df, "kind")?);
        let (severity, count) = (texts(df, "severity")?, integers(df, "count")?);
        // A batch's findings come document by document, and kinds interleave within one: the
        // last document per kind is kept by each tally, so a document counts once per kind
        // as long as its rows are together, which they are.
        for i in 0..df.height() {
            let key = (
                text_at(&kind, i).to_owned(),
                text_at(&severity, i).to_owned(),
            );
            let entry = self.findings.entry(key).or_default();
            entry.rows.add(text_at(&doc_id, i), 1);
            entry.occurrences += integer_at(&count, i).max(1);
        }
        Ok(())
    }

    /// Documents gathered so far.
    pub fn document_count(&self) -> usize {
        self.documents.len()
    }
}
