//! The tables, one polars DataFrame each, and the column builder they share.

mod anomalies;
mod clauses;
mod documents;
mod entities;
mod items;
mod paragraphs;
mod readings;
mod sections;
mod subsections;
mod timeline;
mod topics;

use polars::prelude::*;

use crate::facts::tagger::Tagger;
use crate::facts::DocumentFacts;
use crate::TransformError;
use annotext_parser::Document;

use anomalies::anomalies_table;
use clauses::clauses_table;
use documents::documents_table;
use entities::entities_table;
use items::items_table;
use paragraphs::paragraphs_table;
use readings::readings_table;
use sections::sections_table;
use subsections::subsections_table;
use timeline::timeline_table;
use topics::topics_table;

/// The tables, one DataFrame each.
#[derive(Debug, Clone)]
pub struct Tables {
    /// One row per document.
    pub documents: DataFrame,
    /// One row per numbered item.
    pub items: DataFrame,
    /// One row per section.
    pub sections: DataFrame,
    /// One row per subsection.
    pub subsections: DataFrame,
    /// One row per prose paragraph.
    pub paragraphs: DataFrame,
    /// One row per clause, point or further paragraph of an article: the units that belong
    /// to an item or a paragraph.
    pub clauses: DataFrame,
    /// One row per distinct hanzi.
    pub readings: DataFrame,
    /// One row per anomaly, from the parser and from this crate.
    pub anomalies: DataFrame,
    /// One row per entity mention.
    pub entities: DataFrame,
    /// One row per date or date range mentioned.
    pub timeline: DataFrame,
    /// One row per topic.
    pub topics: DataFrame,
}

/// How many tables there are.
pub const TABLE_COUNT: usize = 11;

/// The tables' names, in the order exporters write them ([`Tables::named`]): the file names of
/// CSV and Parquet, the folders of a sharded dataset.
pub const TABLE_NAMES: [&str; TABLE_COUNT] = [
    "documents",
    "items",
    "sections",
    "subsections",
    "paragraphs",
    "clauses",
    "readings",
    "entities",
    "timeline",
    "topics",
    "anomalies",
];

impl Tables {
    /// The tables from their frames in the order of [`TABLE_NAMES`] (as a dataset's Parquet
    /// parts or a run's files are read back).
    pub fn from_frames(frames: [DataFrame; TABLE_COUNT]) -> Tables {
        let [documents, items, sections, subsections, paragraphs, clauses, readings, entities, timeline, topics, anomalies] =
            frames;
        Tables {
            documents,
            items,
            sections,
            subsections,
            paragraphs,
            clauses,
            readings,
            entities,
            timeline,
            topics,
            anomalies,
        }
    }

    /// The tables with their names, owned, in the order of [`TABLE_NAMES`].
    pub fn into_named(self) -> [(&'static str, DataFrame); TABLE_COUNT] {
        let Tables {
            documents,
            items,
            sections,
            subsections,
            paragraphs,
            clauses,
            readings,
            entities,
            timeline,
            topics,
            anomalies,
        } = self;
        let frames = [
            documents,
            items,
            sections,
            subsections,
            paragraphs,
            clauses,
            readings,
            entities,
            timeline,
            topics,
            anomalies,
        ];
        let mut names = TABLE_NAMES.into_iter();
        frames.map(|frame| (names.next().unwrap_or_default(), frame))
    }

    /// The tables with their names, in the order exporters write them.
    pub fn named(&self) -> [(&'static str, &DataFrame); TABLE_COUNT] {
        [
            ("documents", &self.documents),
            ("items", &self.items),
            ("sections", &self.sections),
            ("subsections", &self.subsections),
            ("paragraphs", &self.paragraphs),
            ("clauses", &self.clauses),
            ("readings", &self.readings),
            ("entities", &self.entities),
            ("timeline", &self.timeline),
            ("topics", &self.topics),
            ("anomalies", &self.anomalies),
        ]
    }

    /// How many findings the tables' documents have, and how many of them are errors: the
    /// documents table's `errors` and `warnings`, summed. The same as [`crate::finding_counts`]
    /// over the documents, without a second pass over their words.
    pub fn finding_counts(&self) -> (usize, usize) {
        let sum = |name: &str| {
            self.documents
                .column(name)
                .ok()
                .and_then(|c| c.cast(&DataType::UInt64).ok())
                .and_then(|c| c.u64().ok().and_then(|n| n.sum()))
                .map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX))
        };
        let errors = sum("errors");
        (errors + sum("warnings"), errors)
    }

    pub(crate) fn named_mut(&mut self) -> [(&'static str, &mut DataFrame); TABLE_COUNT] {
        [
            ("documents", &mut self.documents),
            ("items", &mut self.items),
            ("sections", &mut self.sections),
            ("subsections", &mut self.subsections),
            ("paragraphs", &mut self.paragraphs),
            ("clauses", &mut self.clauses),
            ("readings", &mut self.readings),
            ("entities", &mut self.entities),
            ("timeline", &mut self.timeline),
            ("topics", &mut self.topics),
            ("anomalies", &mut self.anomalies),
        ]
    }
}

/// Column builder: keeps table code to one line per column.
pub(crate) struct Frame {
    table: &'static str,
    columns: Vec<Column>,
}

impl Frame {
    pub(crate) fn new(table: &'static str) -> Frame {
        Frame {
            table,
            columns: Vec::new(),
        }
    }

    pub(crate) fn col(mut self, series: Series) -> Frame {
        self.columns.push(series.into_column());
        self
    }

    pub(crate) fn list<R: AsRef<[S]>, S: AsRef<str>>(
        mut self,
        name: &str,
        values: Vec<R>,
    ) -> Frame {
        // One builder for the whole column: a Series per row cost more than the rest of the
        // table.
        let inner: usize = values.iter().map(|row| row.as_ref().len()).sum();
        let mut builder = ListStringChunkedBuilder::new(name.into(), values.len(), inner);
        for row in &values {
            builder.append_values_iter(row.as_ref().iter().map(AsRef::as_ref));
        }
        self.columns
            .push(builder.finish().into_series().into_column());
        self
    }

    /// A categorical text column (`Vec<&str>`, or `Vec<Option<&str>>` with nulls).
    pub(crate) fn category<T>(mut self, name: &str, values: Vec<T>) -> Result<Frame, TransformError>
    where
        Series: NamedFrom<Vec<T>, [T]>,
    {
        let series = Series::new(name.into(), values)
            .cast(&DataType::from_categories(Categories::global()))
            .map_err(|source| TransformError::Polars {
                table: self.table,
                source,
            })?;
        self.columns.push(series.into_column());
        Ok(self)
    }

    /// The table. Counts and positions are built as unsigned integers and stored as signed
    /// 64-bit ones: the one integer type every engine reads alike (Spark widens unsigned 32-bit
    /// columns to bigint, Trino mishandles unsigned Parquet statistics), so a dataset of parts
    /// and a single run's tables have the same schema in DuckDB, Spark, polars and Excel.
    pub(crate) fn build(self) -> Result<DataFrame, TransformError> {
        let table = self.table;
        let to_polars = |source| TransformError::Polars { table, source };
        let columns = self
            .columns
            .into_iter()
            .map(|column| match column.dtype().is_unsigned_integer() {
                true => column.cast(&DataType::Int64),
                false => Ok(column),
            })
            .collect::<PolarsResult<Vec<_>>>()
            .map_err(to_polars)?;
        DataFrame::new_infer_height(columns).map_err(to_polars)
    }
}

/// Every table of a group of documents, from their facts.
pub(crate) fn build(
    documents: &[Document],
    facts: &[DocumentFacts],
    tagger: &Tagger,
) -> Result<Tables, TransformError> {
    // The findings are found once: the anomalies table lists them and counts them for the
    // documents table.
    let (anomalies, finding_counts) = anomalies_table(facts)?;
    // The readings table's pass over the text counts its characters for the documents table.
    let (readings, text_counts) = readings_table(documents)?;
    Ok(Tables {
        documents: documents_table(facts, &finding_counts, &text_counts)?,
        items: items_table(facts)?,
        sections: sections_table(facts)?,
        subsections: subsections_table(facts)?,
        paragraphs: paragraphs_table(facts)?,
        clauses: clauses_table(facts)?,
        readings,
        anomalies,
        entities: entities_table(facts)?,
        timeline: timeline_table(facts)?,
        topics: topics_table(facts, tagger)?,
    })
}
