//! The workbook's corpus-wide sheets: `Readings`, one row per character across the corpus,
//! where the `readings` table (CSV, Parquet) has one per character per document; `Entities`,
//! one row per entity, where the `entities` table has one per mention.

use annotext_transform::{CorpusEntities, CorpusReadings, EntitySummary, LIST_SEPARATOR};
use polars::prelude::{Column, DataFrame, PolarsResult};

/// The corpus's readings as a table: character, simplified, occurrences, annotated
/// occurrences, coverage, documents, readings seen, the dictionary's, those it does not give,
/// and the documents where the character was flagged.
pub(crate) fn corpus_readings_table(readings: &CorpusReadings) -> PolarsResult<DataFrame> {
    let rows = readings.rows();
    let text = |name: &str, f: &dyn Fn(&annotext_transform::CharacterReadings) -> String| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<String>>())
    };
    let count = |name: &str, f: &dyn Fn(&annotext_transform::CharacterReadings) -> u64| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<u64>>())
    };
    DataFrame::new_infer_height(vec![
        text("character", &|r| r.character.clone()),
        text("simplified", &|r| r.simplified.clone()),
        count("occurrences", &|r| r.occurrences),
        count("annotated_occurrences", &|r| r.annotated_occurrences),
        Column::new(
            "annotation_coverage".into(),
            rows.iter().map(|r| r.coverage()).collect::<Vec<f64>>(),
        ),
        count("documents", &|r| r.documents),
        text("readings_seen", &|r| {
            r.readings_seen
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR)
        }),
        text("readings_dictionary", &|r| {
            r.readings_dictionary.join(LIST_SEPARATOR)
        }),
        text("readings_not_in_dictionary", &|r| {
            r.readings_not_in_dictionary.join(LIST_SEPARATOR)
        }),
        count("flagged_documents", &|r| r.flagged_documents),
    ])
}

/// The corpus's entities as a table: kind, name, mentions, documents, the texts it is
/// mentioned by, its first mention (document and line), and the rules that found it.
pub(crate) fn corpus_entities_table(entities: &CorpusEntities) -> PolarsResult<DataFrame> {
    let rows = entities.rows();
    let text = |name: &str, f: &dyn Fn(&EntitySummary) -> String| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<String>>())
    };
    let count = |name: &str, f: &dyn Fn(&EntitySummary) -> i64| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<i64>>())
    };
    let joined = |set: &std::collections::BTreeSet<String>| {
        set.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR)
    };
    DataFrame::new_infer_height(vec![
        text("kind", &|e| e.kind.clone()),
        text("name", &|e| e.name.clone()),
        count("mentions", &|e| {
            i64::try_from(e.mentions).unwrap_or(i64::MAX)
        }),
        count("documents", &|e| {
            i64::try_from(e.documents).unwrap_or(i64::MAX)
        }),
        text("forms", &|e| joined(&e.forms)),
        text("first_document", &|e| e.first_document.clone()),
        count("first_line", &|e| e.first_line),
        text("rules", &|e| joined(&e.rules)),
    ])
}
