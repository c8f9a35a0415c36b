//! The corpus briefing: one printable PDF about a run's (or a sharded dataset's) documents
//! together, typeset like the document briefings: key figures, the documents as a table in
//! date order, topics across the corpus, the names that recur, a timeline of the dates
//! mentioned year by year, and the findings by kind and severity.
//!
//! It is built from the tables only ([`CorpusDigest::add`] takes each batch's, or a combined
//! dataset's), so a run and `annotext combine` give the same briefing. Every list is a top-N
//! with a count of the rest, so its length is bounded whatever the corpus
//! ([`CORPUS_PAGE_LIMIT`]).

mod digest;
mod table;
mod words;

use std::collections::HashMap;
use std::path::Path;

use annotext_atomic_file::{write_bytes_atomic, WrittenFile};
use annotext_transform::{EntitySummary, Tables};

pub use digest::CorpusDigest;
use digest::DocumentRow;
use table::{Align, Column, Table};
use words::CorpusWords;

use crate::words::{fill, Lang, Words};
use crate::{
    assemble, rgb, thousands, BriefingFont, Composer, Metrics, PdfExportError, BODY, COLUMN_WIDTH,
    MARGIN_X, SMALL, TITLE,
};

/// Most pages a corpus briefing takes: its lists are cut well before (see the `MAX_`
/// constants), this is the backstop.
pub const CORPUS_PAGE_LIMIT: usize = 30;
/// Documents listed in the table (about six pages); the rest are counted.
const MAX_DOCUMENT_ROWS: usize = 360;
/// Topics charted.
const MAX_TOPICS: usize = 40;
/// Documents named for each topic.
const TOPIC_TITLES: usize = 3;
/// Names listed per kind.
const MAX_NAMES: usize = 15;
/// Years in the timeline; earlier ones are folded into one row.
const MAX_YEARS: usize = 60;
/// Documents listed as having the most findings.
const MAX_FINDING_DOCUMENTS: usize = 10;
/// The kinds of names listed, in the order of [`CorpusWords::name_kinds`].
const NAME_KINDS: [&str; 4] = ["country", "city", "organisation", "document"];

/// Choices for a corpus briefing.
#[derive(Debug, Clone, Default)]
pub struct CorpusBriefingOptions {
    /// Title on the first page and in the header; `Corpus briefing: N documents` (in the
    /// briefing's language) when absent.
    pub title: Option<String>,
    /// Language of the briefing's own words; by default the corpus's: traditional Chinese when
    /// most documents are in traditional script, simplified when most are in simplified or
    /// mixed script, English when none has hanzi.
    pub lang: Lang,
}

/// A rendered corpus briefing.
#[derive(Debug, Clone)]
pub struct CorpusBriefing {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Its page count.
    pub pages: usize,
    /// Its title.
    pub title: String,
}

/// Renders the corpus briefing of `tables` (every document of the corpus, as a run or
/// `annotext combine` holds them).
pub fn render_corpus_briefing(
    tables: &Tables,
    options: &CorpusBriefingOptions,
    font: &BriefingFont,
) -> Result<CorpusBriefing, PdfExportError> {
    let mut digest = CorpusDigest::default();
    digest.add(tables)?;
    digest.render(options, font)
}

/// Renders the corpus briefing of `tables` and writes it to `path`, atomically; returns it with
/// the file's length and digest.
pub fn write_corpus_briefing(
    path: &Path,
    tables: &Tables,
    options: &CorpusBriefingOptions,
    font: &BriefingFont,
) -> Result<(CorpusBriefing, WrittenFile), PdfExportError> {
    let briefing = render_corpus_briefing(tables, options, font)?;
    let written = write_bytes_atomic(path, &briefing.bytes)?;
    Ok((briefing, written))
}

impl CorpusDigest {
    /// Renders the briefing of the documents gathered so far.
    pub fn render(
        &self,
        options: &CorpusBriefingOptions,
        font: &BriefingFont,
    ) -> Result<CorpusBriefing, PdfExportError> {
        let metrics = Metrics::of(font);
        let words = self.words(options.lang);
        let corpus = CorpusWords::for_tag(words.tag);
        let title = options.title.clone().unwrap_or_else(|| {
            fill(
                corpus.title,
                &[("n", &thousands(self.documents.len() as u64))],
            )
        });
        let mut c = Composer::new(&metrics, CORPUS_PAGE_LIMIT);
        Sections {
            digest: self,
            words,
            corpus,
            names: self.entities.rows(),
        }
        .compose(&mut c, &title);
        let pages = c.pages.len();
        let bytes = assemble(
            &metrics,
            &title,
            corpus.subject,
            words.page_of,
            &c.bookmarks,
            c.pages,
        )?;
        Ok(CorpusBriefing {
            bytes,
            pages,
            title,
        })
    }

    /// Renders the briefing and writes it to `path`, atomically.
    pub fn write(
        &self,
        path: &Path,
        options: &CorpusBriefingOptions,
        font: &BriefingFont,
    ) -> Result<(CorpusBriefing, WrittenFile), PdfExportError> {
        let briefing = self.render(options, font)?;
        let written = write_bytes_atomic(path, &briefing.bytes)?;
        Ok((briefing, written))
    }

    /// The words of the briefing: those asked for, else the corpus's (see
    /// [`CorpusBriefingOptions::lang`]).
    fn words(&self, lang: Lang) -> &'static Words {
        if lang != Lang::Auto {
            return lang.words_for("");
        }
        let count = |scripts: &[&str]| {
            self.documents
                .iter()
                .filter(|d| scripts.contains(&d.script.as_str()))
                .count()
        };
        let (traditional, simplified) = (count(&["traditional"]), count(&["simplified", "mixed"]));
        if traditional + simplified == 0 {
            let titles: String = self.documents.iter().map(|d| d.title.as_str()).collect();
            Lang::Auto.words_for(&titles)
        } else if traditional > simplified {
            Lang::ZhHant.words_for("")
        } else {
            Lang::ZhHans.words_for("")
        }
    }
}

/// The briefing's parts, drawn in order.
struct Sections<'d> {
    digest: &'d CorpusDigest,
    words: &'static Words,
    corpus: &'static CorpusWords,
    /// Every entity of the corpus (one row per kind and name).
    names: Vec<EntitySummary>,
}

fn ink() -> printpdf::Color {
    rgb(0.1, 0.1, 0.1)
}

fn grey() -> printpdf::Color {
    rgb(0.4, 0.4, 0.4)
}

fn blue() -> printpdf::Color {
    rgb(0.12, 0.3, 0.47)
}

/// A document's dates: `2024-10-12`, or `2020-07 – 2025`; empty without any.
fn date_range(doc: &DocumentRow) -> String {
    match (doc.first_date.as_str(), doc.last_date.as_str()) {
        ("", "") => String::new(),
        (first, last) if first == last || last.is_empty() => first.to_owned(),
        ("", last) => last.to_owned(),
        (first, last) => format!("{first} – {last}"),
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(String::new, |s| format!("{:.1}%", s * 100.0))
}

impl Sections<'_> {
    fn compose(&self, c: &mut Composer, title: &str) {
        c.paragraph(title, TITLE, 0.0, None, None, blue());
        let documents = thousands(self.digest.documents.len() as u64);
        let span = self.span().map_or_else(String::new, |(first, last)| {
            fill(self.corpus.span, &[("first", &first), ("last", &last)])
        });
        let subtitle = fill(
            self.corpus.subtitle,
            &[("documents", &documents), ("span", &span)],
        );
        let subtitle = subtitle.trim_end_matches([' ', '·']);
        c.paragraph(subtitle, SMALL, 0.0, None, None, grey());
        c.gap(10.0);
        self.key_figures(c);
        c.gap(12.0);
        self.documents(c);
        self.topics(c);
        self.names(c);
        self.timeline(c);
        self.findings(c);
        c.gap(12.0);
        c.paragraph(self.corpus.everything, SMALL, 0.0, None, None, grey());
    }

    /// The first and last dates any document mentions.
    fn span(&self) -> Option<(String, String)> {
        let docs = &self.digest.documents;
        let first = docs
            .iter()
            .map(|d| d.first_date.as_str())
            .filter(|d| !d.is_empty())
            .min()?;
        let last = docs
            .iter()
            .map(|d| d.last_date.as_str())
            .filter(|d| !d.is_empty())
            .max()?;
        Some((first.to_owned(), last.to_owned()))
    }

    fn distinct_names(&self, kind: &str) -> usize {
        self.names.iter().filter(|e| e.kind == kind).count()
    }

    fn key_figures(&self, c: &mut Composer) {
        c.heading(self.words.key_figures, false);
        let docs = &self.digest.documents;
        let sum = |f: fn(&DocumentRow) -> i64| thousands(docs.iter().map(f).sum::<i64>() as u64);
        let hanzi: i64 = docs.iter().map(|d| d.hanzi).sum();
        let annotated: i64 = docs.iter().map(|d| d.annotated_hanzi).sum();
        let coverage = percent((hanzi > 0).then(|| annotated as f64 / hanzi as f64));
        let span = self
            .span()
            .map_or_else(String::new, |(first, last)| format!("{first} – {last}"));
        let values = [
            thousands(docs.len() as u64),
            sum(|d| d.sections),
            sum(|d| d.items),
            sum(|d| d.paragraphs),
            sum(|d| d.clauses + d.points),
            thousands(hanzi.max(0) as u64),
            coverage,
            thousands(self.distinct_names("country") as u64),
            thousands(self.distinct_names("city") as u64),
            thousands(self.distinct_names("organisation") as u64),
            thousands(self.distinct_names("document") as u64),
            span,
            sum(|d| d.errors),
            sum(|d| d.warnings),
        ];
        for (label, value) in self.corpus.figures.iter().zip(values) {
            c.ensure(BODY * 1.6);
            c.y -= BODY * 1.6;
            let y = c.y;
            c.text_at(MARGIN_X, y, BODY, ink(), label);
            let vw = c.metrics.width(&value, BODY);
            c.text_at(MARGIN_X + 300.0 - vw, y, BODY, ink(), &value);
        }
    }

    /// The documents in date order (undated ones last), the first [`MAX_DOCUMENT_ROWS`].
    fn documents(&self, c: &mut Composer) {
        c.heading(self.corpus.documents, true);
        let mut docs: Vec<&DocumentRow> = self.digest.documents.iter().collect();
        docs.sort_by(|a, b| {
            (
                a.first_date.is_empty(),
                &a.first_date,
                &a.last_date,
                &a.title,
                &a.doc_id,
            )
                .cmp(&(
                    b.first_date.is_empty(),
                    &b.first_date,
                    &b.last_date,
                    &b.title,
                    &b.doc_id,
                ))
        });
        let names = self.corpus.document_columns;
        let mut table = Table::new(
            vec![
                Column::new(names[0], 0.0, Align::Left),
                Column::new(names[1], 92.0, Align::Left),
                Column::new(names[2], 44.0, Align::Left),
                Column::new(names[3], 58.0, Align::Right),
                Column::new(names[4], 46.0, Align::Right),
                Column::new(names[5], 62.0, Align::Right),
            ],
            SMALL,
        );
        for doc in docs.iter().take(MAX_DOCUMENT_ROWS) {
            let cells = [
                doc.title.clone(),
                date_range(doc),
                self.corpus.script(&doc.script).to_owned(),
                format!(
                    "{} / {}",
                    thousands(doc.sections as u64),
                    thousands(doc.items as u64)
                ),
                percent(doc.coverage()),
                format!(
                    "{} / {}",
                    thousands(doc.errors as u64),
                    thousands(doc.warnings as u64)
                ),
            ];
            if !table.row(c, &cells) {
                return;
            }
        }
        let rest = &docs[docs.len().min(MAX_DOCUMENT_ROWS)..];
        if !rest.is_empty() {
            let first = rest
                .iter()
                .map(|d| d.first_date.as_str())
                .find(|d| !d.is_empty())
                .unwrap_or("—");
            let last = rest
                .iter()
                .map(|d| d.last_date.as_str())
                .filter(|d| !d.is_empty())
                .max()
                .unwrap_or("—");
            let note = fill(
                self.corpus.more_documents,
                &[
                    ("n", &thousands(rest.len() as u64)),
                    ("first", first),
                    ("last", last),
                ],
            );
            c.gap(4.0);
            c.paragraph(&note, SMALL, 0.0, None, None, grey());
        }
        c.gap(12.0);
    }

    /// A topic's name in the briefing's script (the rules write them in traditional).
    fn topic_name(&self, topic: &str) -> String {
        match self.words.tag {
            "zh-Hans" => annotext_transform::simplified(topic),
            _ => topic.to_owned(),
        }
    }

    /// A chart of items (or, for a corpus without items, passages) per topic, then which
    /// documents carry each.
    fn topics(&self, c: &mut Composer) {
        c.heading(self.corpus.topics, true);
        let by_units = self.digest.documents.iter().all(|d| d.items == 0);
        let count = |items: i64, units: i64| if by_units { units } else { items };
        let mut topics: Vec<(&String, i64, &digest::TopicTally)> = self
            .digest
            .topics
            .iter()
            .map(|(name, t)| (name, count(t.items, t.units), t))
            .filter(|(_, n, _)| *n > 0)
            .collect();
        topics.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        if topics.is_empty() {
            c.paragraph(self.corpus.none, BODY, 0.0, None, None, ink());
            c.gap(12.0);
            return;
        }
        c.paragraph(
            if by_units {
                self.corpus.units_per_topic
            } else {
                self.corpus.items_per_topic
            },
            BODY,
            0.0,
            None,
            None,
            blue(),
        );
        let shown = &topics[..topics.len().min(MAX_TOPICS)];
        let max = shown.first().map_or(1, |t| t.1).max(1) as f64;
        let label_w = 120.0;
        let bar_max = COLUMN_WIDTH - label_w - 50.0;
        for (name, n, _) in shown {
            c.ensure(16.0);
            if c.full {
                return;
            }
            c.y -= 16.0;
            let y = c.y;
            let label = table::fit(c.metrics, &self.topic_name(name), label_w - 6.0, BODY);
            c.text_at(MARGIN_X, y + 2.0, BODY, ink(), &label);
            let w = bar_max * *n as f64 / max;
            c.rect(MARGIN_X + label_w, y, w, 11.0, rgb(0.27, 0.51, 0.71));
            c.text_at(
                MARGIN_X + label_w + w + 4.0,
                y + 2.0,
                SMALL,
                ink(),
                &thousands(*n as u64),
            );
        }
        if topics.len() > shown.len() {
            let more = fill(
                self.corpus.more_names,
                &[("n", &thousands((topics.len() - shown.len()) as u64))],
            );
            c.paragraph(&more, SMALL, 0.0, None, None, grey());
        }
        c.gap(8.0);
        let titles: HashMap<&str, &str> = self
            .digest
            .documents
            .iter()
            .map(|d| (d.doc_id.as_str(), d.title.as_str()))
            .collect();
        for (name, _, tally) in shown {
            let mut carriers: Vec<&(i64, i64, String)> = tally.documents.iter().collect();
            carriers.sort_by(|a, b| {
                count(b.0, b.1)
                    .cmp(&count(a.0, a.1))
                    .then_with(|| a.2.cmp(&b.2))
            });
            let named: Vec<String> = carriers
                .iter()
                .take(TOPIC_TITLES)
                .map(|(.., id)| titles.get(id.as_str()).copied().unwrap_or(id).to_owned())
                .collect();
            let mut list = named.join(self.corpus.separator);
            if carriers.len() > named.len() {
                list.push_str(&fill(
                    self.corpus.and_more,
                    &[("n", &thousands((carriers.len() - named.len()) as u64))],
                ));
            }
            let line = fill(
                self.corpus.topic_documents,
                &[
                    ("topic", &self.topic_name(name)),
                    ("n", &thousands(carriers.len() as u64)),
                    ("titles", &list),
                ],
            );
            c.paragraph(&line, SMALL, 0.0, None, None, ink());
            c.gap(2.0);
        }
        c.gap(12.0);
    }

    /// The names of each kind named by the most documents.
    fn names(&self, c: &mut Composer) {
        c.heading(self.corpus.names, true);
        for (kind, heading) in NAME_KINDS.iter().zip(self.corpus.name_kinds) {
            let mut names: Vec<&EntitySummary> =
                self.names.iter().filter(|e| e.kind == *kind).collect();
            names.sort_by(|a, b| {
                b.documents
                    .cmp(&a.documents)
                    .then(b.mentions.cmp(&a.mentions))
                    .then_with(|| a.name.cmp(&b.name))
            });
            c.ensure(BODY * 6.0);
            c.gap(4.0);
            c.paragraph(heading, BODY, 0.0, None, None, blue());
            if names.is_empty() {
                c.paragraph(self.corpus.none, SMALL, 0.0, None, None, grey());
                continue;
            }
            let columns = self.corpus.name_columns;
            let mut table = Table::new(
                vec![
                    Column::new(columns[0], 0.0, Align::Left),
                    Column::new(columns[1], 70.0, Align::Right),
                    Column::new(columns[2], 70.0, Align::Right),
                ],
                SMALL,
            );
            for entity in names.iter().take(MAX_NAMES) {
                let name = match *kind {
                    "document" => format!("《{}》", entity.name),
                    _ => entity.name.clone(),
                };
                let cells = [
                    name,
                    thousands(entity.documents),
                    thousands(entity.mentions),
                ];
                if !table.row(c, &cells) {
                    return;
                }
            }
            if names.len() > MAX_NAMES {
                let more = fill(
                    self.corpus.more_names,
                    &[("n", &thousands((names.len() - MAX_NAMES) as u64))],
                );
                c.paragraph(&more, SMALL, 0.0, None, None, grey());
            }
        }
        c.gap(12.0);
    }

    /// Each year mentioned: the documents that mention it, as a bar, and its mentions; the
    /// years before the last [`MAX_YEARS`] in one row.
    fn timeline(&self, c: &mut Composer) {
        c.heading(self.corpus.timeline, true);
        let years: Vec<(&i64, &digest::Tally)> = self.digest.years.iter().collect();
        if years.is_empty() {
            c.paragraph(self.corpus.none, BODY, 0.0, None, None, ink());
            c.gap(12.0);
            return;
        }
        let cut = years.len().saturating_sub(MAX_YEARS);
        let (earlier, shown) = years.split_at(cut);
        let max = shown.iter().map(|(_, t)| t.documents).max().unwrap_or(1) as f64;
        let columns = self.corpus.timeline_columns;
        let mut table = Table::new(
            vec![
                Column::new(columns[0], 70.0, Align::Left),
                Column::new("", 0.0, Align::Bar(max)),
                Column::new(columns[1], 60.0, Align::Right),
                Column::new(columns[2], 60.0, Align::Right),
            ],
            SMALL,
        );
        if let Some((first_shown, _)) = shown.first() {
            if !earlier.is_empty() {
                let mentions: i64 = earlier.iter().map(|(_, t)| t.mentions).sum();
                let label = fill(self.corpus.before, &[("year", &first_shown.to_string())]);
                // Documents of folded years may overlap: only their mentions add up.
                let cells = [label, String::new(), "—".into(), thousands(mentions as u64)];
                if !table.row(c, &cells) {
                    return;
                }
            }
        }
        for (year, tally) in shown {
            let cells = [
                year.to_string(),
                tally.documents.to_string(),
                thousands(tally.documents as u64),
                thousands(tally.mentions as u64),
            ];
            if !table.row(c, &cells) {
                return;
            }
        }
        c.gap(12.0);
    }

    /// Findings by kind and severity (errors first), then the documents with the most.
    fn findings(&self, c: &mut Composer) {
        c.heading(self.corpus.findings, true);
        let mut kinds: Vec<(&(String, String), &digest::FindingTally)> =
            self.digest.findings.iter().collect();
        if kinds.is_empty() {
            c.paragraph(self.words.no_anomalies, BODY, 0.0, None, None, ink());
            return;
        }
        kinds.sort_by(|a, b| {
            (b.0 .1 == "error")
                .cmp(&(a.0 .1 == "error"))
                .then(b.1.rows.mentions.cmp(&a.1.rows.mentions))
                .then_with(|| a.0.cmp(b.0))
        });
        let columns = self.corpus.finding_columns;
        let mut table = Table::new(
            vec![
                Column::new(columns[0], 0.0, Align::Left),
                Column::new(columns[1], 56.0, Align::Left),
                Column::new(columns[2], 60.0, Align::Right),
                Column::new(columns[3], 66.0, Align::Right),
                Column::new(columns[4], 60.0, Align::Right),
            ],
            SMALL,
        );
        for ((kind, severity), tally) in &kinds {
            let cells = [
                self.words.kind(kind).to_owned(),
                self.words.severity(severity).to_owned(),
                thousands(tally.rows.mentions as u64),
                thousands(tally.occurrences as u64),
                thousands(tally.rows.documents as u64),
            ];
            if !table.row(c, &cells) {
                return;
            }
        }
        c.gap(12.0);
        let mut docs: Vec<&DocumentRow> = self
            .digest
            .documents
            .iter()
            .filter(|d| d.errors + d.warnings > 0)
            .collect();
        docs.sort_by(|a, b| {
            (b.errors, b.warnings)
                .cmp(&(a.errors, a.warnings))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.doc_id.cmp(&b.doc_id))
        });
        c.ensure(BODY * 6.0);
        c.paragraph(self.corpus.most_findings, BODY, 0.0, None, None, blue());
        let columns = self.corpus.most_findings_columns;
        let mut table = Table::new(
            vec![
                Column::new(columns[0], 0.0, Align::Left),
                Column::new(columns[1], 60.0, Align::Right),
                Column::new(columns[2], 60.0, Align::Right),
            ],
            SMALL,
        );
        for doc in docs.iter().take(MAX_FINDING_DOCUMENTS) {
            let cells = [
                doc.title.clone(),
                thousands(doc.errors as u64),
                thousands(doc.warnings as u64),
            ];
            if !table.row(c, &cells) {
                return;
            }
        }
    }
}
