//! Headline numbers and chart data of a corpus, gathered batch by batch.

use std::collections::{BTreeMap, BTreeSet};

use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::cells::{column_sum, column_texts, text_cells};
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

impl KeyFigures {
    /// Label and value pairs, in display order.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Documents", self.documents.to_string()),
            ("Sections", self.sections.to_string()),
            ("Numbered items", self.items.to_string()),
            (
                "Mechanisms / forums / platforms",
                self.platforms.to_string(),
            ),
            ("Documents titled 《…》", self.titled_documents.to_string()),
            ("Countries named", self.countries.to_string()),
            (
                "Annotation coverage",
                format!("{:.1}%", self.annotation_coverage * 100.0),
            ),
            ("Anomalies", self.anomalies.to_string()),
        ]
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

    /// Items per topic, summed over documents, in order of first appearance.
    pub fn items_per_topic(&self) -> &[(String, f64)] {
        &self.per_topic.counts
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
