//! The `entities` table of a corpus folded to one row per entity (kind and name), gathered
//! batch by batch: a summary a reader can scan, where the table lists every mention (hundreds
//! of thousands of rows for a large corpus, most of them the same few names).

use std::collections::BTreeSet;

use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::cells::text_cells;

/// One entity across a corpus: its kind and name, how it is written, how often and where it is
/// mentioned first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntitySummary {
    /// Its kind (`country`, `organisation`, …).
    pub kind: String,
    /// Its name: the full name folded to one script, the key mentions are grouped by.
    pub name: String,
    /// Mentions in the corpus.
    pub mentions: u64,
    /// Documents that mention it.
    pub documents: u64,
    /// The texts it is mentioned by (scripts, short forms), sorted.
    pub forms: BTreeSet<String>,
    /// The rules that found it, sorted.
    pub rules: BTreeSet<String>,
    /// The document of its first mention (in the order documents were added).
    pub first_document: String,
    /// The line of its first mention in that document.
    pub first_line: i64,
}

/// The corpus's entities, one [`EntitySummary`] per kind and name.
#[derive(Debug, Clone, Default)]
pub struct CorpusEntities {
    /// Kind → name → summary: kinds are few, so a mention looks its name up by `&str`.
    kinds: HashMap<String, HashMap<String, Gathered>>,
}

/// A summary being gathered, with the last document counted for it.
#[derive(Debug, Clone)]
struct Gathered {
    summary: EntitySummary,
    last_document: String,
}

impl CorpusEntities {
    /// Adds a batch's `entities` table (columns `doc_id`, `kind`, `name`, `text`, `rule`,
    /// `line`; a missing optional column adds nothing of its own). A document's mentions come
    /// together, as the table lists them, so a document is counted once per entity.
    pub fn add(&mut self, entities: &DataFrame) -> PolarsResult<()> {
        let (Some(doc_id), Some(kind), Some(name)) = (
            text_cells(entities, "doc_id"),
            text_cells(entities, "kind"),
            text_cells(entities, "name"),
        ) else {
            return Ok(());
        };
        let text = text_cells(entities, "text");
        let rule = text_cells(entities, "rule");
        let line = match entities.column("line") {
            Ok(c) => Some(c.cast(&DataType::Int64)?.i64()?.clone()),
            Err(_) => None,
        };
        for (i, ((doc, kind), name)) in doc_id.iter().zip(kind.iter()).zip(name.iter()).enumerate()
        {
            let (doc, kind, name) = (
                doc.unwrap_or_default(),
                kind.unwrap_or_default(),
                name.unwrap_or_default(),
            );
            let names = match self.kinds.get_mut(kind) {
                Some(names) => names,
                None => self.kinds.entry(kind.to_owned()).or_default(),
            };
            let gathered = match names.get_mut(name) {
                Some(gathered) => gathered,
                None => names.entry(name.to_owned()).or_insert_with(|| Gathered {
                    summary: EntitySummary {
                        kind: kind.to_owned(),
                        name: name.to_owned(),
                        first_document: doc.to_owned(),
                        first_line: line.as_ref().and_then(|l| l.get(i)).unwrap_or(0),
                        ..EntitySummary::default()
                    },
                    last_document: String::new(),
                }),
            };
            let summary = &mut gathered.summary;
            summary.mentions += 1;
            if summary.documents == 0 || gathered.last_document != doc {
                summary.documents += 1;
                gathered.last_document.clear();
                gathered.last_document.push_str(doc);
            }
            if let Some(form) = text.as_ref().and_then(|t| t.get(i)) {
                if !summary.forms.contains(form) {
                    summary.forms.insert(form.to_owned());
                }
            }
            if let Some(r) = rule.as_ref().and_then(|r| r.get(i)) {
                if !summary.rules.contains(r) {
                    summary.rules.insert(r.to_owned());
                }
            }
        }
        Ok(())
    }

    /// Entities seen so far.
    pub fn len(&self) -> usize {
        self.kinds.values().map(HashMap::len).sum()
    }

    /// Whether no entity has been seen.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One row per entity, most mentioned first (ties by kind, then name).
    pub fn rows(&self) -> Vec<EntitySummary> {
        let mut rows: Vec<EntitySummary> = self
            .kinds
            .values()
            .flat_map(HashMap::values)
            .map(|gathered| gathered.summary.clone())
            .collect();
        rows.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| a.name.cmp(&b.name))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Document, kind, name, text, line.
    type Mention<'a> = (&'a str, &'a str, &'a str, &'a str, i64);

    fn batch(rows: &[Mention]) -> DataFrame {
        let column = |name: &str, f: &dyn Fn(&Mention) -> String| {
            Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
        };
        DataFrame::new_infer_height(vec![
            column("doc_id", &|r| r.0.to_owned()),
            column("kind", &|r| r.1.to_owned()),
            column("name", &|r| r.2.to_owned()),
            column("text", &|r| r.3.to_owned()),
            column("rule", &|_| "gazetteer:country".to_owned()),
            Column::new("line".into(), rows.iter().map(|r| r.4).collect::<Vec<_>>()),
        ])
        .unwrap()
    }

    #[test]
    fn mentions_fold_to_one_row_per_kind_and_name_across_batches() {
        let mut corpus = CorpusEntities::default();
        corpus
            .add(&batch(&[
                ("a", "country", "中国", "中國", 3),
                ("a", "country", "中国", "中國", 9),
                ("a", "city", "西安市", "西安", 4),
            ]))
            .unwrap();
        corpus
            .add(&batch(&[
                ("b", "country", "中国", "中国", 1),
                ("b", "city", "中国", "中国", 2),
            ]))
            .unwrap();
        let rows = corpus.rows();
        assert_eq!(corpus.len(), 3);
        let china = &rows[0];
        assert_eq!(
            (china.kind.as_str(), china.name.as_str()),
            ("country", "中国")
        );
        assert_eq!((china.mentions, china.documents), (3, 2));
        assert_eq!(
            china.forms.iter().map(String::as_str).collect::<Vec<_>>(),
            ["中国", "中國"]
        );
        assert_eq!((china.first_document.as_str(), china.first_line), ("a", 3));
        // The same name of another kind is another entity; ties by kind, then name.
        let rest: Vec<(&str, &str, u64)> = rows[1..]
            .iter()
            .map(|r| (r.kind.as_str(), r.name.as_str(), r.documents))
            .collect();
        assert_eq!(rest, [("city", "中国", 1), ("city", "西安市", 1)]);
    }
}
