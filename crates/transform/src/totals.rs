//! Headline numbers, chart data, a row per document and a row per character of a corpus,
//! gathered batch by batch: a streamed run summarises what it never holds at once.

use std::collections::{BTreeMap, BTreeSet};

use annotext_parser::{Document, Reading};
use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::cells::{column_sum, column_texts, text_cells};
use crate::facts::readings::{dictionary_readings, reading_is_valid};
use crate::facts::title::document_title;
use crate::tables::Tables;

/// The headline numbers of a set of tables, for summaries and briefings.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigures {
    /// Documents.
    pub documents: usize,
    /// Sections.
    pub sections: usize,
    /// Numbered items.
    pub items: usize,
    /// Mechanisms, forums and platforms named (distinct).
    pub platforms: usize,
    /// Documents titled 《…》 (distinct).
    pub titled_documents: usize,
    /// Countries named (distinct).
    pub countries: usize,
    /// Share of hanzi occurrences that carry an annotation.
    pub annotation_coverage: f64,
    /// Anomalies of every kind.
    pub anomalies: usize,
}

/// Which key figure a value is: exporters label it in their reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyFigure {
    /// Documents.
    Documents,
    /// Sections.
    Sections,
    /// Numbered items.
    Items,
    /// Mechanisms, forums and platforms named (distinct).
    Platforms,
    /// Documents titled 《…》 (distinct).
    TitledDocuments,
    /// Countries named (distinct).
    Countries,
    /// Share of hanzi occurrences that carry an annotation.
    AnnotationCoverage,
    /// Anomalies of every kind.
    Anomalies,
}

impl KeyFigure {
    /// The English label, as the workbook shows it.
    pub fn label(self) -> &'static str {
        match self {
            KeyFigure::Documents => "Documents",
            KeyFigure::Sections => "Sections",
            KeyFigure::Items => "Numbered items",
            KeyFigure::Platforms => "Mechanisms / forums / platforms",
            KeyFigure::TitledDocuments => "Documents titled 《…》",
            KeyFigure::Countries => "Countries named",
            KeyFigure::AnnotationCoverage => "Annotation coverage",
            KeyFigure::Anomalies => "Anomalies",
        }
    }
}

impl KeyFigures {
    /// Each figure and its value as shown, in display order.
    pub fn figures(&self) -> Vec<(KeyFigure, String)> {
        vec![
            (KeyFigure::Documents, self.documents.to_string()),
            (KeyFigure::Sections, self.sections.to_string()),
            (KeyFigure::Items, self.items.to_string()),
            (KeyFigure::Platforms, self.platforms.to_string()),
            (
                KeyFigure::TitledDocuments,
                self.titled_documents.to_string(),
            ),
            (KeyFigure::Countries, self.countries.to_string()),
            (
                KeyFigure::AnnotationCoverage,
                format!("{:.1}%", self.annotation_coverage * 100.0),
            ),
            (KeyFigure::Anomalies, self.anomalies.to_string()),
        ]
    }

    /// English label and value pairs, in display order.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        self.figures()
            .into_iter()
            .map(|(figure, value)| (figure.label(), value))
            .collect()
    }
}

/// Headline numbers and chart data of a corpus, gathered one batch of tables at a time, so a
/// streamed run can summarise what it never holds at once.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    doc_ids: BTreeSet<String>,
    sections: usize,
    items: usize,
    anomalies: usize,
    /// Entity kind → distinct texts, for the kinds the key figures count.
    distinct: BTreeMap<&'static str, BTreeSet<String>>,
    occurrences: f64,
    annotated: f64,
    per_section: LabelCounts,
    per_topic: LabelCounts,
    documents: DocumentRows,
}

/// One document's figures, for a corpus's list of documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentFigures {
    /// The document's id, as in every table's `doc_id`.
    pub doc_id: String,
    /// Its title ([`document_title`]), or its id when only its tables were seen.
    pub title: String,
    /// Sections.
    pub sections: u64,
    /// Numbered items.
    pub items: u64,
    /// Anomalies of every kind.
    pub anomalies: u64,
    /// Hanzi occurrences.
    pub hanzi: u64,
    /// Hanzi occurrences that carry an annotation.
    pub annotated_hanzi: u64,
}

impl DocumentFigures {
    /// Share of the hanzi that carry an annotation (0 without hanzi).
    pub fn coverage(&self) -> f64 {
        if self.hanzi == 0 {
            0.0
        } else {
            self.annotated_hanzi as f64 / self.hanzi as f64
        }
    }
}

/// The documents in the order they were first seen, with an index by id.
#[derive(Debug, Clone, Default)]
struct DocumentRows {
    rows: Vec<DocumentFigures>,
    index: HashMap<String, usize>,
}

impl DocumentRows {
    /// The row of `id`, added (titled by its id) when new.
    fn row(&mut self, id: &str) -> &mut DocumentFigures {
        let at = match self.index.get(id) {
            Some(&at) => at,
            None => {
                self.index.insert(id.to_owned(), self.rows.len());
                self.rows.push(DocumentFigures {
                    doc_id: id.to_owned(),
                    title: id.to_owned(),
                    ..DocumentFigures::default()
                });
                self.rows.len() - 1
            }
        };
        &mut self.rows[at]
    }

    /// Adds `count(row)` to the document of each row of `df` (rows of one document are
    /// consecutive, so the id is looked up once per run of rows).
    fn count(&mut self, df: &DataFrame, mut count: impl FnMut(&mut DocumentFigures, usize)) {
        let Some(ids) = text_cells(df, "doc_id") else {
            return;
        };
        let mut last: Option<(&str, usize)> = None;
        for (i, id) in ids.iter().enumerate() {
            let id = id.unwrap_or_default();
            let at = match last {
                Some((seen, at)) if seen == id => at,
                _ => {
                    self.row(id);
                    self.index.get(id).copied().unwrap_or_default()
                }
            };
            last = Some((id, at));
            count(&mut self.rows[at], i);
        }
    }
}

/// Counts per label, summed over batches, in the order labels first appear.
#[derive(Debug, Clone, Default)]
struct LabelCounts {
    counts: Vec<(String, f64)>,
    index: HashMap<String, usize>,
}

impl LabelCounts {
    fn add(&mut self, pairs: Vec<(String, f64)>) {
        for (label, count) in pairs {
            match self.index.get(&label) {
                Some(&i) => self.counts[i].1 += count,
                None => {
                    self.index.insert(label.clone(), self.counts.len());
                    self.counts.push((label, count));
                }
            }
        }
    }
}

/// Entity kinds whose distinct texts the key figures count.
const COUNTED_KINDS: [&str; 3] = ["mechanism", "document", "country"];

impl Totals {
    /// Notes the documents of a batch, in input order, with their titles: the list of
    /// documents follows this order, and the tables' counts are added by [`Totals::add`].
    pub fn add_documents(&mut self, documents: &[Document]) {
        for doc in documents {
            self.documents.row(&doc.name).title = document_title(doc);
        }
    }

    /// Notes a document by its id and title, when only its tables are at hand (a dataset's
    /// parts): the same as [`Totals::add_documents`] does from the document itself.
    pub fn add_document(&mut self, id: &str, title: &str) {
        self.documents.row(id).title = title.to_owned();
    }

    /// Adds a batch of tables (the documents of a batch are not in any other batch).
    pub fn add(&mut self, tables: &Tables) {
        // Read in place: a batch has millions of entity rows and only a few distinct values,
        // so a value is copied only when it is new.
        let insert = |set: &mut BTreeSet<String>, text: &str| {
            if !set.contains(text) {
                set.insert(text.to_owned());
            }
        };
        let kinds = text_cells(&tables.entities, "kind");
        // Distinct by name (simplified, full form): one country spelt in both scripts counts once.
        let texts = text_cells(&tables.entities, "name");
        if let (Some(kinds), Some(texts)) = (kinds, texts) {
            for (kind, text) in kinds.iter().zip(texts.iter()) {
                let kind = kind.unwrap_or_default();
                if let Some(counted) = COUNTED_KINDS.iter().find(|k| **k == kind) {
                    insert(
                        self.distinct.entry(counted).or_default(),
                        text.unwrap_or_default(),
                    );
                }
            }
        }
        for df in [&tables.items, &tables.paragraphs] {
            for id in text_cells(df, "doc_id").iter().flat_map(|ids| ids.iter()) {
                insert(&mut self.doc_ids, id.unwrap_or_default());
            }
        }
        self.sections += tables.sections.height();
        self.items += tables.items.height();
        self.anomalies += tables.anomalies.height();
        self.occurrences += column_sum(&tables.readings, "occurrences");
        self.annotated += column_sum(&tables.readings, "annotated_occurrences");
        self.per_section
            .add(Tables::counts(&tables.sections, "title", "item_count"));
        self.per_topic
            .add(Tables::counts(&tables.topics, "topic", "item_count"));
        self.add_document_counts(tables);
    }

    /// Each document's counts, from the rows its tables have.
    fn add_document_counts(&mut self, tables: &Tables) {
        let rows = &mut self.documents;
        rows.count(&tables.items, |d, _| d.items += 1);
        rows.count(&tables.sections, |d, _| d.sections += 1);
        rows.count(&tables.anomalies, |d, _| d.anomalies += 1);
        let numbers = |name: &str| {
            tables
                .readings
                .column(name)
                .ok()
                .and_then(|c| c.cast(&DataType::UInt64).ok())
                .and_then(|c| c.u64().ok().cloned())
        };
        if let (Some(all), Some(annotated)) =
            (numbers("occurrences"), numbers("annotated_occurrences"))
        {
            rows.count(&tables.readings, |d, i| {
                d.hanzi += all.get(i).unwrap_or(0);
                d.annotated_hanzi += annotated.get(i).unwrap_or(0);
            });
        }
    }

    /// Every document's figures, in the order the documents came.
    pub fn documents(&self) -> &[DocumentFigures] {
        &self.documents.rows
    }

    /// The headline numbers.
    pub fn key_figures(&self) -> KeyFigures {
        let distinct = |kind: &str| self.distinct.get(kind).map_or(0, BTreeSet::len);
        KeyFigures {
            documents: self.doc_ids.len(),
            sections: self.sections,
            items: self.items,
            platforms: distinct("mechanism"),
            titled_documents: distinct("document"),
            countries: distinct("country"),
            annotation_coverage: if self.occurrences > 0.0 {
                self.annotated / self.occurrences
            } else {
                0.0
            },
            anomalies: self.anomalies,
        }
    }

    /// Items per section title, summed over documents, in order of first appearance.
    pub fn items_per_section(&self) -> &[(String, f64)] {
        &self.per_section.counts
    }

    /// Items per topic, summed over documents, most items first (ties in order of first
    /// appearance): the order a reader ranks topics in.
    pub fn items_per_topic(&self) -> Vec<(String, f64)> {
        let mut topics = self.per_topic.counts.clone();
        // A stable sort keeps ties in their first appearance.
        topics.sort_by(|a, b| b.1.total_cmp(&a.1));
        topics
    }
}

impl Tables {
    /// Headline numbers computed from the tables.
    pub fn key_figures(&self) -> KeyFigures {
        self.totals().key_figures()
    }

    /// The tables' totals, to summarise them alone or to add to a corpus's.
    pub fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        totals.add(self);
        totals
    }

    /// (label, count) pairs of a table's text column and count column, e.g. items per topic.
    pub fn counts(df: &DataFrame, label: &str, count: &str) -> Vec<(String, f64)> {
        column_texts(df, label)
            .into_iter()
            .zip(
                column_texts(df, count)
                    .iter()
                    .map(|v| v.parse::<f64>().unwrap_or(0.0)),
            )
            .collect()
    }
}

/// One character across a corpus: how often it occurs and is annotated, in how many documents,
/// the readings seen and the dictionary's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CharacterReadings {
    /// The character.
    pub character: String,
    /// Its simplified form.
    pub simplified: String,
    /// Occurrences in the corpus.
    pub occurrences: u64,
    /// Occurrences that carry an annotation.
    pub annotated_occurrences: u64,
    /// Documents it occurs in.
    pub documents: u64,
    /// Readings annotated anywhere in the corpus.
    pub readings_seen: BTreeSet<String>,
    /// The dictionary's readings.
    pub readings_dictionary: Vec<String>,
    /// Readings seen that the dictionary does not give for the character.
    pub readings_not_in_dictionary: Vec<String>,
    /// Documents whose annotations of the character were flagged (a reading not in the
    /// dictionary).
    pub flagged_documents: u64,
}

impl CharacterReadings {
    /// Share of the occurrences that carry an annotation (0 without occurrences).
    pub fn coverage(&self) -> f64 {
        if self.occurrences == 0 {
            0.0
        } else {
            self.annotated_occurrences as f64 / self.occurrences as f64
        }
    }
}

/// The `readings` table of a corpus folded to one row per character (the table has one per
/// character per document), gathered batch by batch: a few thousand rows where the table of a
/// large corpus has hundreds of thousands.
#[derive(Debug, Clone, Default)]
pub struct CorpusReadings {
    chars: HashMap<String, CharacterReadings>,
}

impl CorpusReadings {
    /// Adds a batch's `readings` table (columns `character`, `simplified`, `occurrences`,
    /// `annotated_occurrences`, `readings_annotated`, `annotation_valid`; a missing column
    /// adds nothing of its own).
    pub fn add(&mut self, readings: &DataFrame) -> PolarsResult<()> {
        let Some(characters) = text_cells(readings, "character") else {
            return Ok(());
        };
        let simplified = text_cells(readings, "simplified");
        let numbers = |name: &str| -> PolarsResult<Option<UInt64Chunked>> {
            match readings.column(name) {
                Ok(c) => Ok(Some(c.cast(&DataType::UInt64)?.u64()?.clone())),
                Err(_) => Ok(None),
            }
        };
        let occurrences = numbers("occurrences")?;
        let annotated = numbers("annotated_occurrences")?;
        let valid = match readings.column("annotation_valid") {
            Ok(c) => Some(c.bool()?.clone()),
            Err(_) => None,
        };
        let seen = match readings.column("readings_annotated") {
            Ok(c) => Some(c.list()?.clone()),
            Err(_) => None,
        };
        let mut seen_rows = seen.as_ref().map(|l| l.amortized_iter());
        for (i, ch) in characters.iter().enumerate() {
            let ch = ch.unwrap_or_default();
            let row = match self.chars.get_mut(ch) {
                Some(row) => row,
                None => self
                    .chars
                    .entry(ch.to_owned())
                    .or_insert_with(|| CharacterReadings {
                        character: ch.to_owned(),
                        simplified: simplified
                            .as_ref()
                            .and_then(|s| s.get(i))
                            .unwrap_or(ch)
                            .to_owned(),
                        ..CharacterReadings::default()
                    }),
            };
            row.documents += 1;
            row.occurrences += occurrences.as_ref().and_then(|c| c.get(i)).unwrap_or(0);
            row.annotated_occurrences += annotated.as_ref().and_then(|c| c.get(i)).unwrap_or(0);
            if valid.as_ref().and_then(|c| c.get(i)) == Some(false) {
                row.flagged_documents += 1;
            }
            if let Some(Some(list)) = seen_rows.as_mut().and_then(Iterator::next) {
                for reading in list.as_ref().str()?.iter().flatten() {
                    if !row.readings_seen.contains(reading) {
                        row.readings_seen.insert(reading.to_owned());
                    }
                }
            }
        }
        Ok(())
    }

    /// Characters seen so far.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether no character has been seen.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// One row per character, most frequent first (ties by code point), with the dictionary's
    /// readings and the seen readings it does not give.
    pub fn rows(&self) -> Vec<CharacterReadings> {
        let mut rows: Vec<CharacterReadings> = self
            .chars
            .values()
            .map(|row| {
                let mut row = row.clone();
                if let Some(ch) = row.character.chars().next() {
                    row.readings_dictionary = dictionary_readings(ch)
                        .iter()
                        .map(|r| r.to_string())
                        .collect();
                    row.readings_not_in_dictionary = row
                        .readings_seen
                        .iter()
                        .filter(|seen| Reading::parse(seen).is_ok_and(|r| !reading_is_valid(ch, r)))
                        .cloned()
                        .collect();
                }
                row
            })
            .collect();
        rows.sort_by(|a, b| {
            b.occurrences
                .cmp(&a.occurrences)
                .then_with(|| a.character.cmp(&b.character))
        });
        rows
    }
}
