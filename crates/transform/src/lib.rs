//! Records → tables. Turns parsed documents into polars DataFrames an analyst can use, and adds
//! what the raw text does not say outright: readings checked against a dictionary, simplified
//! text, entities, dates and topics (from the rules in [`rules`]).
//!
//! Every table has a `doc_id` column, so tables of many documents stack.

pub mod rules;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use annotext_parser::{is_hanzi, Block, BlockKind, Document, Position, Reading, Span};
use pinyin::{Pinyin, ToPinyinMulti};
use polars::prelude::*;
use rayon::prelude::*;
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;

pub use rules::{EntityPattern, Rules, RulesError};

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

/// The tables, one DataFrame each.
#[derive(Debug, Clone)]
pub struct Tables {
    /// One row per numbered item.
    pub items: DataFrame,
    /// One row per section.
    pub sections: DataFrame,
    /// One row per prose paragraph.
    pub paragraphs: DataFrame,
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

impl Tables {
    /// The tables with their names, in the order exporters write them.
    pub fn named(&self) -> [(&'static str, &DataFrame); 8] {
        [
            ("items", &self.items),
            ("sections", &self.sections),
            ("paragraphs", &self.paragraphs),
            ("readings", &self.readings),
            ("entities", &self.entities),
            ("timeline", &self.timeline),
            ("topics", &self.topics),
            ("anomalies", &self.anomalies),
        ]
    }

    fn named_mut(&mut self) -> [(&'static str, &mut DataFrame); 8] {
        [
            ("items", &mut self.items),
            ("sections", &mut self.sections),
            ("paragraphs", &mut self.paragraphs),
            ("readings", &mut self.readings),
            ("entities", &mut self.entities),
            ("timeline", &mut self.timeline),
            ("topics", &mut self.topics),
            ("anomalies", &mut self.anomalies),
        ]
    }
}

/// Simplified Chinese for a traditional text (OpenCC and MediaWiki tables, via `zhconv`).
pub fn simplified(text: &str) -> String {
    zhconv::zhconv(text, zhconv::Variant::ZhHans)
}

/// The readings the dictionary (Unihan, via the `pinyin` crate) gives for a character.
pub fn dictionary_readings(ch: char) -> Vec<Reading> {
    let Some(multi) = ch.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut out: Vec<Reading> = multi
        .into_iter()
        .filter_map(|p| Reading::parse(Pinyin::with_tone(p)).ok())
        .collect();
    out.dedup();
    out
}

/// Whether an annotated reading is one the dictionary gives for the character (a toneless
/// annotation matches any tone of the syllable).
pub fn reading_is_valid(ch: char, reading: Reading) -> bool {
    dictionary_readings(ch)
        .iter()
        .any(|d| d.agrees_with(&reading))
}

/// The kinds of anomaly this crate adds to the parser's.
pub const READING_NOT_IN_DICTIONARY: &str = "reading_not_in_dictionary";

fn date_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\d{4})\s*[-–—至]\s*(\d{4})年|(\d{4})年(?:(\d{1,2})月)?")
            .unwrap_or_else(|e| panic!("the date pattern is a constant and valid: {e}"))
    })
}

/// A date or range found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// As written: `2020年7月`, `2022-2025年`.
    pub text: String,
    /// First year.
    pub year_start: u16,
    /// Last year (same as the first for a single date).
    pub year_end: u16,
    /// Month, when given.
    pub month: Option<u8>,
    /// Byte offset in the searched text.
    pub offset: usize,
}

/// Dates and year ranges in a (clean) text.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    // Every date has a 年; most blocks have none, and the regex search is not free.
    if !text.contains('年') {
        return Vec::new();
    }
    date_pattern()
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
            let (year_start, year_end, month) = match (num(1), num(2)) {
                (Some(a), Some(b)) => (a, b, None),
                _ => {
                    let y = num(3)?;
                    (
                        y,
                        y,
                        num(4)
                            .and_then(|m| u8::try_from(m).ok())
                            .filter(|m| (1..=12).contains(m)),
                    )
                }
            };
            Some(DateMention {
                text: whole.as_str().to_owned(),
                year_start,
                year_end,
                month,
                offset: whole.start(),
            })
        })
        .collect()
}

/// An entity mention found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// Kind (`country`, `place`, `document`, `mechanism`, `quoted_term`, `date`).
    pub kind: String,
    /// The text.
    pub text: String,
    /// Which rule fired, e.g. `gazetteer:country`, `pair:《》`, `suffix:機制`, `date`.
    pub rule: String,
    /// Byte offset in the block's clean text.
    pub offset: usize,
}

/// Entity mentions in one block's clean text; `is_item` enables the whole-item suffix rules.
pub fn find_entities(text: &str, is_item: bool, tagger: &Tagger) -> Vec<EntityMention> {
    entities_in(text, is_item, tagger, &find_dates(text))
}

/// [`find_entities`] with the text's dates already found.
fn entities_in(
    text: &str,
    is_item: bool,
    tagger: &Tagger,
    dates: &[DateMention],
) -> Vec<EntityMention> {
    let rules = tagger.rules;
    let mut out = Vec::new();
    for m in tagger.names.find_overlapping_iter(text) {
        let entry = &rules.gazetteer[m.pattern().as_usize()];
        out.push(EntityMention {
            kind: entry.kind.clone(),
            text: entry.name.clone(),
            rule: format!("gazetteer:{}", entry.kind),
            offset: m.start(),
        });
    }
    let body = text.trim_end_matches(['；', ';', '。', '.', ' ']);
    for rule in &rules.entities {
        match &rule.pattern {
            EntityPattern::ItemSuffix(suffix) => {
                if is_item
                    && body.ends_with(suffix.as_str())
                    && !body.contains([',', '，', '、', '《'])
                {
                    out.push(EntityMention {
                        kind: rule.kind.clone(),
                        text: body.to_owned(),
                        rule: format!("suffix:{suffix}"),
                        offset: 0,
                    });
                }
            }
            EntityPattern::Pair(open, close) => {
                let mut from = 0;
                while let Some(start) = text[from..].find(*open).map(|i| from + i) {
                    let inner = start + open.len_utf8();
                    let Some(end) = text[inner..].find(*close).map(|i| inner + i) else {
                        break;
                    };
                    out.push(EntityMention {
                        kind: rule.kind.clone(),
                        text: text[inner..end].to_owned(),
                        rule: format!("pair:{open}{close}"),
                        offset: start,
                    });
                    // Nested pairs (“…” inside 《…》) are found on their own rule's pass.
                    from = end + close.len_utf8();
                }
            }
        }
    }
    for date in dates {
        out.push(EntityMention {
            kind: "date".into(),
            text: date.text.clone(),
            rule: "date".into(),
            offset: date.offset,
        });
    }
    out.sort_by(|a, b| (a.offset, &a.kind, &a.text).cmp(&(b.offset, &b.kind, &b.text)));
    out
}

/// The topics of an item's text, each with the keywords that matched, in the rules' order.
pub fn find_topics<'r>(text: &str, tagger: &Tagger<'r>) -> Vec<(&'r str, Vec<&'r str>)> {
    let hits: BTreeSet<(usize, usize)> = tagger
        .keywords
        .find_overlapping_iter(text)
        .map(|m| tagger.keyword_owner[m.pattern().as_usize()])
        .collect();
    let mut out: Vec<(&'r str, Vec<&'r str>)> = Vec::new();
    for (topic, keyword) in hits {
        let rule = &tagger.rules.topics[topic];
        let word = rule.keywords[keyword].as_str();
        match out.last_mut() {
            Some((name, words)) if *name == rule.name.as_str() => words.push(word),
            _ => out.push((rule.name.as_str(), vec![word])),
        }
    }
    out
}

/// Rules compiled for matching: one automaton over every gazetteer name and one over every topic
/// keyword, so a block is scanned once instead of once per name.
pub struct Tagger<'r> {
    rules: &'r Rules,
    names: AhoCorasick,
    keywords: AhoCorasick,
    /// For each keyword pattern: (topic index, keyword index in that topic).
    keyword_owner: Vec<(usize, usize)>,
}

impl<'r> Tagger<'r> {
    /// Compiles the rules.
    pub fn new(rules: &'r Rules) -> Result<Tagger<'r>, TransformError> {
        let build = |patterns: Vec<&str>| {
            AhoCorasick::new(patterns).map_err(|e| TransformError::Rules(e.to_string()))
        };
        let names = build(rules.gazetteer.iter().map(|g| g.name.as_str()).collect())?;
        let mut keyword_owner = Vec::new();
        let mut patterns = Vec::new();
        for (t, topic) in rules.topics.iter().enumerate() {
            for (k, keyword) in topic.keywords.iter().enumerate() {
                keyword_owner.push((t, k));
                patterns.push(keyword.as_str());
            }
        }
        Ok(Tagger {
            rules,
            names,
            keywords: build(patterns)?,
            keyword_owner,
        })
    }
}

/// Separator between the values of a list cell when it is shown as text.
pub const LIST_SEPARATOR: &str = "; ";

/// A cell as text, the way CSV and spreadsheets show it: nulls empty, lists joined with
/// [`LIST_SEPARATOR`], categories as their label.
pub fn cell_text(value: &AnyValue) -> String {
    match value {
        AnyValue::Null => String::new(),
        AnyValue::String(s) => (*s).to_owned(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::Boolean(b) => b.to_string(),
        // Rust's shortest round-trip form: the value reads back exactly.
        AnyValue::Float64(f) => f.to_string(),
        AnyValue::Float32(f) => f.to_string(),
        AnyValue::List(series) => {
            let parts: Vec<String> = series.iter().map(|v| cell_text(&v)).collect();
            parts.join(LIST_SEPARATOR)
        }
        AnyValue::Categorical(..) | AnyValue::CategoricalOwned(..) => {
            value.get_str().map(str::to_owned).unwrap_or_default()
        }
        other => other.to_string(),
    }
}

/// A column made ready for reading row by row: text and numbers straight from their arrays,
/// without building a dynamic value (and a `String`) for every cell, which was most of the cost
/// of writing millions of rows.
pub enum Cells<'a> {
    /// Text, and categories as their labels.
    Text(StringChunked),
    /// Integers of up to 64 bits, signed or not below 2^63.
    Integer(Int64Chunked),
    /// Floating-point numbers.
    Float(Float64Chunked),
    /// Anything else (lists, booleans), read through [`cell_text`].
    Other(&'a Column),
}

impl<'a> Cells<'a> {
    /// Reads `column` as its type allows.
    pub fn new(column: &'a Column) -> PolarsResult<Cells<'a>> {
        Ok(match column.dtype() {
            DataType::String => Cells::Text(column.str()?.clone()),
            DataType::Categorical(..) => {
                Cells::Text(column.cast(&DataType::String)?.str()?.clone())
            }
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32 => Cells::Integer(column.cast(&DataType::Int64)?.i64()?.clone()),
            DataType::Float32 | DataType::Float64 => {
                Cells::Float(column.cast(&DataType::Float64)?.f64()?.clone())
            }
            _ => Cells::Other(column),
        })
    }
}

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

/// A column's cells as text ([`cell_text`]); empty when the table has no such column.
pub fn column_texts(df: &DataFrame, name: &str) -> Vec<String> {
    df.column(name)
        .map(|c| {
            (0..c.len())
                .map(|i| c.get(i).map(|v| cell_text(&v)).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

/// A text or categorical column as text cells, read without a copy each; `None` when the
/// table has no such column.
fn text_cells(df: &DataFrame, name: &str) -> Option<StringChunked> {
    let column = df.column(name).ok()?;
    column.cast(&DataType::String).ok()?.str().ok().cloned()
}

fn column_sum(df: &DataFrame, name: &str) -> f64 {
    column_texts(df, name)
        .iter()
        .filter_map(|v| v.parse::<f64>().ok())
        .sum()
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
        let texts = text_cells(&tables.entities, "text");
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

/// Column builder: keeps table code to one line per column.
struct Frame {
    table: &'static str,
    columns: Vec<Column>,
}

impl Frame {
    fn new(table: &'static str) -> Frame {
        Frame {
            table,
            columns: Vec::new(),
        }
    }

    fn col(mut self, series: Series) -> Frame {
        self.columns.push(series.into_column());
        self
    }

    fn list<S: AsRef<str>>(mut self, name: &str, values: Vec<Vec<S>>) -> Frame {
        // One builder for the whole column: a Series per row cost more than the rest of the
        // table.
        let inner: usize = values.iter().map(Vec::len).sum();
        let mut builder = ListStringChunkedBuilder::new(name.into(), values.len(), inner);
        for row in &values {
            builder.append_values_iter(row.iter().map(AsRef::as_ref));
        }
        self.columns
            .push(builder.finish().into_series().into_column());
        self
    }

    fn category(mut self, name: &str, values: Vec<&str>) -> Result<Frame, TransformError> {
        let series = Series::new(name.into(), values)
            .cast(&DataType::from_categories(Categories::global()))
            .map_err(|source| TransformError::Polars {
                table: self.table,
                source,
            })?;
        self.columns.push(series.into_column());
        Ok(self)
    }

    fn build(self) -> Result<DataFrame, TransformError> {
        let table = self.table;
        DataFrame::new_infer_height(self.columns)
            .map_err(|source| TransformError::Polars { table, source })
    }
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Characters of a text, counted as people count them.
fn char_count(text: &str) -> u32 {
    u32_of(text.chars().count())
}

fn hanzi_count(text: &str) -> usize {
    text.chars().filter(|c| is_hanzi(*c)).count()
}

/// Longest stretch, in characters, taken on each side of a date for its sentence: text with no
/// sentence ends (one huge line) must not make every date carry the whole text.
const SENTENCE_REACH: usize = 200;

/// The sentence (between `。`/`；`) around a byte offset of a text, at most
/// [`SENTENCE_REACH`] characters each side.
fn sentence_at(text: &str, offset: usize) -> &str {
    let is_end = |c: char| matches!(c, '。' | '；' | ';');
    let mut start = offset;
    for (i, c) in text[..offset].char_indices().rev().take(SENTENCE_REACH) {
        if is_end(c) {
            break;
        }
        start = i;
    }
    let mut end = offset;
    for (i, c) in text[offset..].char_indices().take(SENTENCE_REACH) {
        end = offset + i + c.len_utf8();
        if is_end(c) {
            break;
        }
    }
    &text[start..end]
}

/// A few characters of source around a span, for the anomaly table.
fn snippet(text: &str, span: Span) -> String {
    let range = span.range();
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take(6)
        .last()
        .map_or(range.start, |(i, _)| i);
    let end_limit = range.end.min(range.start + 40).max(range.start);
    let mut end = end_limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let after = text[end..]
        .char_indices()
        .nth(6)
        .map_or(text.len(), |(i, _)| end + i);
    text[start..after].replace(['\n', '\r'], " ")
}

/// Builds every table from the documents.
///
/// Documents are turned into tables in parallel (rayon), in groups, and the groups' tables are
/// stacked in document order: rows come out in the same order whatever the number of threads.
pub fn build_tables(documents: &[Document], rules: &Rules) -> Result<Tables, TransformError> {
    let tagger = Tagger::new(rules)?;
    // A few groups per thread balance the load without stacking thousands of small frames.
    let groups = (rayon::current_num_threads() * 4).max(1);
    let per_group = documents.len().div_ceil(groups).max(1);
    let parts = documents
        .par_chunks(per_group)
        .map(|docs| build_part(docs, &tagger))
        .collect::<Result<Vec<Tables>, TransformError>>()?;
    match stack_tables(parts)? {
        Some(all) => Ok(all),
        None => build_part(&[], &tagger),
    }
}

/// Each document's own tables, built in parallel, in document order: for outputs made per
/// document (briefings). [`stack_tables`] of them equals [`build_tables`] of the documents.
pub fn build_document_tables(
    documents: &[Document],
    rules: &Rules,
) -> Result<Vec<Tables>, TransformError> {
    let tagger = Tagger::new(rules)?;
    documents
        .par_iter()
        .map(|doc| build_part(std::slice::from_ref(doc), &tagger))
        .collect()
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
    Ok(Tables {
        items: items_table(&facts)?,
        sections: sections_table(&facts)?,
        paragraphs: paragraphs_table(&facts)?,
        readings: readings_table(documents)?,
        anomalies: anomalies_table(documents)?,
        entities: entities_table(&facts)?,
        timeline: timeline_table(&facts)?,
        topics: topics_table(&facts, tagger)?,
    })
}

/// What the tables read of one block, worked out once: items, entities, timeline and topics all
/// need the same clean text and matches, and finding them is most of the transform's work.
#[derive(Default)]
struct BlockFacts<'r> {
    /// Clean text (annotations left out); empty for a blank line.
    text: String,
    /// Dates, in order.
    dates: Vec<DateMention>,
    /// Entity mentions, sorted by offset (items and paragraphs only).
    entities: Vec<EntityMention>,
    /// Topics with their keywords (items only).
    topics: Vec<(&'r str, Vec<&'r str>)>,
    /// `section.item` label (items only).
    label: String,
}

/// A document with the facts of each of its blocks, indexed like `doc.blocks`.
struct DocumentFacts<'d, 'r> {
    doc: &'d Document,
    blocks: Vec<BlockFacts<'r>>,
}

impl<'d, 'r> DocumentFacts<'d, 'r> {
    fn new(doc: &'d Document, tagger: &Tagger<'r>) -> DocumentFacts<'d, 'r> {
        let blocks = doc
            .blocks
            .iter()
            .map(|block| {
                if block.kind == BlockKind::Blank {
                    return BlockFacts::default();
                }
                let text = doc.block_text(block);
                let dates = find_dates(&text);
                let mut facts = BlockFacts::default();
                match block.kind {
                    BlockKind::Item { number } => {
                        facts.entities = entities_in(&text, true, tagger, &dates);
                        facts.topics = find_topics(&text, tagger);
                        facts.label = match section_number(doc, block.section) {
                            Some(s) => format!("{s}.{}", number.0),
                            None => number.0.to_string(),
                        };
                    }
                    BlockKind::Paragraph => {
                        facts.entities = entities_in(&text, false, tagger, &dates);
                    }
                    _ => {}
                }
                facts.text = text;
                facts.dates = dates;
                facts
            })
            .collect();
        DocumentFacts { doc, blocks }
    }

    /// A section's number and heading text.
    fn section(&self, section: Option<u32>) -> (Option<u32>, &str) {
        match section.and_then(|i| self.doc.sections.get(i as usize)) {
            Some(s) => (
                Some(s.number.0),
                self.blocks
                    .get(s.heading as usize)
                    .map_or("", |b| b.text.as_str()),
            ),
            None => (None, ""),
        }
    }

    /// The blocks with their facts, in order.
    fn blocks(&self) -> impl Iterator<Item = (&'d Block, &BlockFacts<'r>)> + '_ {
        self.doc.blocks.iter().zip(&self.blocks)
    }
}

fn section_number(doc: &Document, section: Option<u32>) -> Option<u32> {
    section
        .and_then(|i| doc.sections.get(i as usize))
        .map(|s| s.number.0)
}

/// An anomaly this crate adds to the parser's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryAnomaly {
    /// The annotated character.
    pub span: Span,
    /// Where it is.
    pub position: Position,
    /// What is wrong.
    pub detail: String,
}

/// Annotated readings the dictionary does not give for their character.
pub fn dictionary_anomalies(doc: &Document) -> Vec<DictionaryAnomaly> {
    let mut out = Vec::new();
    let mut cache: BTreeMap<(char, Reading), bool> = BTreeMap::new();
    for c in &doc.chars {
        let Some(reading) = c.reading else { continue };
        let valid = *cache
            .entry((c.ch, reading))
            .or_insert_with(|| reading_is_valid(c.ch, reading));
        if !valid {
            let known: Vec<String> = dictionary_readings(c.ch)
                .iter()
                .map(|r| r.to_string())
                .collect();
            let known = if known.is_empty() {
                "(not in the dictionary)".to_owned()
            } else {
                known.join(", ")
            };
            out.push(DictionaryAnomaly {
                span: c.span,
                position: c.position,
                detail: format!(
                    "{} annotated {reading}, but the dictionary reads it {known}",
                    c.ch
                ),
            });
        }
    }
    out
}

fn items_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let mut doc_id = Vec::new();
    let mut section_number = Vec::new();
    let mut section_title = Vec::new();
    let mut item_number = Vec::new();
    let mut label = Vec::new();
    let mut text_col = Vec::new();
    let mut simplified_col = Vec::new();
    let mut pinyin_col = Vec::new();
    let mut annotated = Vec::new();
    let mut chars = Vec::new();
    let mut annotated_chars = Vec::new();
    let mut coverage = Vec::new();
    let mut topics = Vec::new();
    let mut entity_count = Vec::new();
    let mut anomaly_count = Vec::new();
    let mut line = Vec::new();
    let mut byte_start = Vec::new();
    let mut byte_end = Vec::new();
    for facts in documents {
        let doc = facts.doc;
        for (block, found) in facts.blocks() {
            let BlockKind::Item { number } = block.kind else {
                continue;
            };
            let text = found.text.as_str();
            let (sec_no, sec_title) = facts.section(block.section);
            let annotated_here = doc.chars_in(block.body).len();
            let hanzi = hanzi_count(text);
            doc_id.push(doc.name.as_str());
            section_number.push(sec_no);
            section_title.push(sec_title);
            item_number.push(number.0);
            label.push(found.label.as_str());
            simplified_col.push(simplified(text));
            pinyin_col.push(doc.pinyin_of(block.body));
            annotated.push(doc.block_annotated_text(block));
            chars.push(char_count(text));
            annotated_chars.push(u32_of(annotated_here));
            coverage.push(if hanzi == 0 {
                0.0
            } else {
                annotated_here as f64 / hanzi as f64
            });
            topics.push(found.topics.iter().map(|(t, _)| *t).collect::<Vec<_>>());
            entity_count.push(u32_of(found.entities.len()));
            anomaly_count.push(u32_of(doc.anomalies_in(block.span).len()));
            line.push(block.line);
            byte_start.push(block.span.start);
            byte_end.push(block.span.end);
            text_col.push(text);
        }
    }
    Frame::new("items")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("section_number".into(), section_number))
        .col(Series::new("section_title".into(), section_title))
        .col(Series::new("item_number".into(), item_number))
        .col(Series::new("label".into(), label))
        .col(Series::new("text".into(), text_col))
        .col(Series::new("simplified".into(), simplified_col))
        .col(Series::new("pinyin".into(), pinyin_col))
        .col(Series::new("annotated_text".into(), annotated))
        .col(Series::new("char_count".into(), chars))
        .col(Series::new("annotated_char_count".into(), annotated_chars))
        .col(Series::new("annotation_coverage".into(), coverage))
        .list("topics", topics)
        .col(Series::new("entity_count".into(), entity_count))
        .col(Series::new("anomaly_count".into(), anomaly_count))
        .col(Series::new("line".into(), line))
        .col(Series::new("byte_start".into(), byte_start))
        .col(Series::new("byte_end".into(), byte_end))
        .build()
}

fn sections_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut numeral, mut number, mut title) = (vec![], vec![], vec![], vec![]);
    let (mut items, mut chars, mut first, mut last) = (vec![], vec![], vec![], vec![]);
    for facts in documents {
        let doc = facts.doc;
        // Each section's last non-blank line, in one pass over the blocks.
        let mut last_lines = vec![None; doc.sections.len()];
        for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Blank) {
            if let Some(slot) = block.section.and_then(|s| last_lines.get_mut(s as usize)) {
                *slot = Some(block.line);
            }
        }
        for (index, section) in doc.sections.iter().enumerate() {
            let heading = doc.section_heading(section);
            doc_id.push(doc.name.as_str());
            numeral.push(section.numeral.as_str());
            number.push(section.number.0);
            title.push(facts.section(Some(index as u32)).1);
            items.push(u32_of(section.items.len()));
            chars.push(
                section
                    .items
                    .iter()
                    .filter_map(|&i| facts.blocks.get(i as usize))
                    .map(|b| char_count(&b.text))
                    .sum::<u32>(),
            );
            first.push(heading.line);
            last.push(last_lines[index].unwrap_or(heading.line));
        }
    }
    Frame::new("sections")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("numeral".into(), numeral))
        .col(Series::new("section_number".into(), number))
        .col(Series::new("title".into(), title))
        .col(Series::new("item_count".into(), items))
        .col(Series::new("char_count".into(), chars))
        .col(Series::new("first_line".into(), first))
        .col(Series::new("last_line".into(), last))
        .build()
}

fn paragraphs_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut number, mut text_col, mut simp) = (vec![], vec![], vec![], vec![]);
    let (mut chars, mut dates, mut line) = (vec![], vec![], vec![]);
    for facts in documents {
        let paragraphs = facts
            .blocks()
            .filter(|(b, _)| b.kind == BlockKind::Paragraph);
        for (i, (block, found)) in paragraphs.enumerate() {
            let text = found.text.as_str();
            doc_id.push(facts.doc.name.as_str());
            number.push(u32_of(i + 1));
            simp.push(simplified(text));
            chars.push(char_count(text));
            dates.push(
                found
                    .dates
                    .iter()
                    .map(|d| d.text.as_str())
                    .collect::<Vec<_>>(),
            );
            line.push(block.line);
            text_col.push(text);
        }
    }
    Frame::new("paragraphs")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("paragraph_number".into(), number))
        .col(Series::new("text".into(), text_col))
        .col(Series::new("simplified".into(), simp))
        .col(Series::new("char_count".into(), chars))
        .list("dates", dates)
        .col(Series::new("line".into(), line))
        .build()
}

#[derive(Default)]
struct CharStats {
    annotated_readings: BTreeSet<Reading>,
    occurrences: u32,
    annotated_occurrences: u32,
    max_annotations: u32,
}

fn readings_table(documents: &[Document]) -> Result<DataFrame, TransformError> {
    // One map per document (keys are just chars: no per-occurrence allocation); rows go in
    // document order, characters in code point order within a document.
    let mut stats: Vec<((String, char), CharStats)> = Vec::new();
    for doc in documents {
        let mut own: HashMap<char, CharStats> = HashMap::default();
        for segment in &doc.segments {
            if segment.kind != annotext_parser::SegmentKind::Text {
                continue;
            }
            for ch in doc.slice(segment.span).chars().filter(|c| is_hanzi(*c)) {
                own.entry(ch).or_default().occurrences += 1;
            }
        }
        for c in &doc.chars {
            let s = own.entry(c.ch).or_default();
            s.annotated_occurrences += 1;
            s.max_annotations = s.max_annotations.max(u32_of(c.annotation_count()));
            s.annotated_readings.extend(c.reading);
        }
        let mut own: Vec<(char, CharStats)> = own.into_iter().collect();
        own.sort_unstable_by_key(|(ch, _)| *ch);
        stats.extend(own.into_iter().map(|(ch, s)| ((doc.name.clone(), ch), s)));
    }
    let mut doc_id = Vec::new();
    let mut character = Vec::new();
    let mut simp = Vec::new();
    let mut as_annotated = Vec::new();
    let mut dictionary = Vec::new();
    let mut occurrences = Vec::new();
    let mut annotated_occ = Vec::new();
    let mut max_ann = Vec::new();
    let mut valid = Vec::new();
    for ((doc, ch), s) in stats {
        let dict = dictionary_readings(ch);
        doc_id.push(doc);
        character.push(ch.to_string());
        simp.push(simplified(&ch.to_string()));
        as_annotated.push(s.annotated_readings.iter().map(|r| r.to_string()).collect());
        dictionary.push(dict.iter().map(|r| r.to_string()).collect());
        occurrences.push(s.occurrences);
        annotated_occ.push(s.annotated_occurrences);
        max_ann.push(s.max_annotations);
        valid.push(if s.annotated_readings.is_empty() {
            None
        } else {
            Some(
                s.annotated_readings
                    .iter()
                    .all(|r| dict.iter().any(|d| d.agrees_with(r))),
            )
        });
    }
    Frame::new("readings")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("character".into(), character))
        .col(Series::new("simplified".into(), simp))
        .list("readings_annotated", as_annotated)
        .list("readings_dictionary", dictionary)
        .col(Series::new("occurrences".into(), occurrences))
        .col(Series::new("annotated_occurrences".into(), annotated_occ))
        .col(Series::new("max_annotations".into(), max_ann))
        .col(Series::new("annotation_valid".into(), valid))
        .build()
}

fn anomalies_table(documents: &[Document]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut kind, mut line, mut column) = (vec![], vec![], vec![], vec![]);
    let (mut offset, mut context, mut detail) = (vec![], vec![], vec![]);
    for doc in documents {
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

fn entities_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut kind, mut text_col, mut rule) = (vec![], vec![], vec![], vec![]);
    let (mut section, mut item, mut line, mut offset) = (vec![], vec![], vec![], vec![]);
    for facts in documents {
        for (block, found) in facts.blocks() {
            let number = match block.kind {
                BlockKind::Item { number } => Some(number.0),
                BlockKind::Paragraph => None,
                _ => continue,
            };
            let text = found.text.as_str();
            let sec_no = section_number(facts.doc, block.section);
            // Mentions come sorted by offset: characters are counted on from the last one, so a
            // huge block (a 50 MB line) costs one pass, not one per mention.
            let mut counted = (0usize, 0u32);
            for m in &found.entities {
                let from = if m.offset >= counted.0 {
                    counted
                } else {
                    (0, 0)
                };
                counted = (m.offset, from.1 + char_count(&text[from.0..m.offset]));
                doc_id.push(facts.doc.name.as_str());
                kind.push(m.kind.as_str());
                text_col.push(m.text.as_str());
                rule.push(m.rule.as_str());
                section.push(sec_no);
                item.push(number);
                line.push(block.line);
                offset.push(counted.1);
            }
        }
    }
    // Names recur across a corpus: each distinct one is converted once.
    let mut converted: HashMap<&str, String> = HashMap::default();
    let simp: Vec<&str> = {
        for t in &text_col {
            converted.entry(t).or_insert_with(|| simplified(t));
        }
        text_col
            .iter()
            .map(|t| converted.get(t).map_or("", String::as_str))
            .collect()
    };
    Frame::new("entities")
        .col(Series::new("doc_id".into(), doc_id))
        .category("kind", kind)?
        .col(Series::new("text".into(), text_col))
        .col(Series::new("simplified".into(), simp))
        .col(Series::new("rule".into(), rule))
        .col(Series::new("section_number".into(), section))
        .col(Series::new("item_number".into(), item))
        .col(Series::new("line".into(), line))
        .col(Series::new("char_offset".into(), offset))
        .build()
}

fn timeline_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut text_col, mut ys, mut ye, mut month) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut sentence, mut line) = (vec![], vec![]);
    for facts in documents {
        for (block, found) in facts.blocks() {
            for d in &found.dates {
                doc_id.push(facts.doc.name.as_str());
                sentence.push(sentence_at(&found.text, d.offset));
                text_col.push(d.text.as_str());
                ys.push(u32::from(d.year_start));
                ye.push(u32::from(d.year_end));
                month.push(d.month.map(u32::from));
                line.push(block.line);
            }
        }
    }
    Frame::new("timeline")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("text".into(), text_col))
        .col(Series::new("year_start".into(), ys))
        .col(Series::new("year_end".into(), ye))
        .col(Series::new("month".into(), month))
        .col(Series::new("sentence".into(), sentence))
        .col(Series::new("line".into(), line))
        .build()
}

fn topics_table(documents: &[DocumentFacts], tagger: &Tagger) -> Result<DataFrame, TransformError> {
    // (document, topic) → (items, keyword evidence), in document order then rule order.
    let mut found: BTreeMap<(usize, usize), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (doc_index, facts) in documents.iter().enumerate() {
        for (block, block_facts) in facts.blocks() {
            if !matches!(block.kind, BlockKind::Item { .. }) {
                continue;
            }
            let label = &block_facts.label;
            for (topic, hits) in &block_facts.topics {
                let index = tagger
                    .rules
                    .topics
                    .iter()
                    .position(|t| t.name == *topic)
                    .unwrap_or(0);
                let entry = found.entry((doc_index, index)).or_default();
                entry.0.push(label.clone());
                entry.1.push(format!("{label}: {}", hits.join(", ")));
            }
        }
    }
    let (mut doc_id, mut topic, mut count, mut items, mut keywords) =
        (vec![], vec![], vec![], vec![], vec![]);
    for ((doc_index, index), (labels, evidence)) in found {
        doc_id.push(documents[doc_index].doc.name.as_str());
        topic.push(tagger.rules.topics[index].name.as_str());
        count.push(u32_of(labels.len()));
        items.push(labels);
        keywords.push(evidence);
    }
    Frame::new("topics")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("topic".into(), topic))
        .col(Series::new("item_count".into(), count))
        .list("items", items)
        .list("keywords", keywords)
        .build()
}
