//! Records → tables. Turns parsed documents into polars DataFrames an analyst can use, and adds
//! what the raw text does not say outright: readings checked against a dictionary, simplified
//! text, entities, dates and topics (from the rules in [`rules`]).
//!
//! Every table has a `doc_id` column, so tables of many documents stack.
//!
//! Layout: [`facts`] finds what each block says (dates, entities, topics, readings); [`tables`]
//! builds one table per module from those facts; [`totals`] gathers a corpus's headline numbers
//! batch by batch, and [`corpus_entities`] a corpus's entities one row each; [`cells`] reads cells back as text for the exporters.

pub mod cells;
pub mod corpus_entities;
pub mod facts;
pub mod records;
pub mod rules;
pub mod tables;
mod text;
pub mod totals;

use annotext_parser::Document;
use rayon::prelude::*;

pub use cells::{cell_text, column_texts, Cells, LIST_SEPARATOR};
pub use corpus_entities::{CorpusEntities, EntitySummary};
pub use facts::dates::{find_dates, DateMention};
pub use facts::entities::{find_entities, EntityMention};
pub use facts::findings::{
    finding_counts, finding_counts_with_context, findings, findings_with_context, Finding,
    FindingKind, FindingRange,
};
pub use facts::pinyin::{
    block_readings, context_flags, pinyin_text, readings_of_block, BlockReadings, CharReading,
    ContextFlag, READING_WRONG_IN_CONTEXT,
};
pub use facts::readings::{
    dictionary_anomalies, dictionary_readings, reading_is_valid, DictionaryAnomaly,
    READING_NOT_IN_DICTIONARY,
};
pub use facts::script::{fold, script_of, simplified, Script};
pub use facts::tagger::Tagger;
pub use facts::title::{document_title, title_line, title_note};
pub use facts::topics::find_topics;
pub use records::{document_record, DocumentRecord};
pub use rules::{EntityPattern, Rules, RulesError};
pub use tables::{Tables, TABLE_COUNT, TABLE_NAMES};
pub use totals::{
    CharacterReadings, CorpusReadings, DocumentFigures, KeyFigure, KeyFigures, Totals,
};

use facts::DocumentFacts;
use polars::prelude::PolarsError;

/// A table could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum TransformError {
    /// The rules could not be compiled into matchers.
    #[error("compiling the tagging rules: {0}")]
    Rules(String),
    /// polars refused a column (a bug in this crate, reported rather than panicking).
    #[error("building table {table}: {source}")]
    Polars {
        /// The table.
        table: &'static str,
        /// polars' error.
        source: PolarsError,
    },
}

/// Builds every table from the documents ([`Transform::tables`], the rules compiled for this
/// call).
pub fn build_tables(documents: &[Document], rules: &Rules) -> Result<Tables, TransformError> {
    Transform::new(rules)?.tables(documents)
}

/// Each document's own tables ([`Transform::document_tables`], the rules compiled for this
/// call).
pub fn build_document_tables(
    documents: &[Document],
    rules: &Rules,
) -> Result<Vec<Tables>, TransformError> {
    Transform::new(rules)?.document_tables(documents)
}

/// The transform with its rules compiled once, for the batches of a run: the gazetteer's
/// automaton (thousands of names, a DFA) took 2.5 % of a 100 MiB run's CPU when it was
/// compiled again for each batch.
pub struct Transform<'r> {
    tagger: Tagger<'r>,
}

impl<'r> Transform<'r> {
    /// Compiles the rules.
    pub fn new(rules: &'r Rules) -> Result<Transform<'r>, TransformError> {
        Ok(Transform {
            tagger: Tagger::new(rules)?,
        })
    }

    /// Builds every table from the documents.
    ///
    /// Documents are turned into tables in parallel (rayon), in groups, and the groups' tables
    /// are stacked in document order: rows come out in the same order whatever the number of
    /// threads.
    pub fn tables(&self, documents: &[Document]) -> Result<Tables, TransformError> {
        // A few groups per thread balance the load without stacking thousands of small frames.
        let groups = (rayon::current_num_threads() * 4).max(1);
        let per_group = documents.len().div_ceil(groups).max(1);
        let parts = documents
            .par_chunks(per_group)
            .map(|docs| build_part(docs, &self.tagger))
            .collect::<Result<Vec<Tables>, TransformError>>()?;
        match stack_tables(parts)? {
            Some(all) => Ok(all),
            None => build_part(&[], &self.tagger),
        }
    }

    /// Each document's own tables, built in parallel, in document order: for outputs made per
    /// document (briefings). [`stack_tables`] of them equals [`Transform::tables`] of the
    /// documents.
    pub fn document_tables(&self, documents: &[Document]) -> Result<Vec<Tables>, TransformError> {
        documents
            .par_iter()
            .map(|doc| build_part(std::slice::from_ref(doc), &self.tagger))
            .collect()
    }
}

/// Tables stacked in order, table by table; `None` when there are none.
///
/// The stacked tables keep their parts' chunks: exporters read chunked columns as they are, and
/// rechunking would copy every table once more at the peak of memory use.
pub fn stack_tables(
    parts: impl IntoIterator<Item = Tables>,
) -> Result<Option<Tables>, TransformError> {
    let mut parts = parts.into_iter();
    let Some(mut all) = parts.next() else {
        return Ok(None);
    };
    for part in parts {
        for ((table, df), (_, more)) in all.named_mut().into_iter().zip(part.named()) {
            df.vstack_mut(more)
                .map_err(|source| TransformError::Polars { table, source })?;
        }
    }
    Ok(Some(all))
}

fn build_part(documents: &[Document], tagger: &Tagger) -> Result<Tables, TransformError> {
    let facts: Vec<DocumentFacts> = documents
        .iter()
        .map(|doc| DocumentFacts::new(doc, tagger))
        .collect();
    tables::build(documents, &facts, tagger)
}
