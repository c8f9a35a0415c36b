//! Records that read: a document as JSON Lines and `annotext parse` give it, with its structure
//! and its text (clean, simplified, in toned pinyin, as annotated) rather than the parse tree's
//! byte spans. The parse tree stays the Rust API ([`annotext_parser::Document`]).
//!
//! A record is lossless: every line of the source is in it once, as `source` with its `ending`,
//! in a paragraph, a heading, an item or `other_lines`, so [`DocumentRecord::rebuild`] (or any
//! reader: sort the objects that have a `line` by it and join `source` and `ending`) gives back
//! the file byte for byte. Offsets are in characters of the document's clean text
//! ([`Document::clean_text`]), the way jq, DuckDB and Python slice strings.

use annotext_parser::{Block, BlockKind, Document, LineEnding, SegmentKind};
use serde::{Deserialize, Serialize};

use crate::facts::findings::finding_counts_with_context;
use crate::facts::pinyin::{flags_and_pinyin, Scratch};
use crate::facts::script::{fold_into, simplified};
use crate::facts::title::document_title;
use crate::facts::{chars_from, section_number};

/// One document, for reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// The document's id (`doc_id` in the tables).
    pub id: String,
    /// Its title, as the briefing and the workbook find it.
    pub title: String,
    /// Whether the source starts with a UTF-8 byte order mark.
    pub bom: bool,
    /// The line break of the document's lines (`"\n"` or `"\r\n"`); a line that ends otherwise
    /// (the last one without a break, a stray CRLF) says so in its own `ending`.
    pub ending: String,
    /// How much there is.
    pub counts: RecordCounts,
    /// Prose paragraphs, in order.
    pub paragraphs: Vec<BlockRecord>,
    /// Numbered items before any section heading.
    pub items: Vec<ItemRecord>,
    /// Sections with their subsections and items.
    pub sections: Vec<SectionRecord>,
    /// Blank lines (and any line not placed elsewhere), for rebuilding the source.
    pub other_lines: Vec<LineRecord>,
}

/// A document's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCounts {
    /// Section headings.
    pub sections: u32,
    /// Subsection headings.
    pub subsections: u32,
    /// Numbered items.
    pub items: u32,
    /// Prose paragraphs.
    pub paragraphs: u32,
    /// Characters of the clean text.
    pub characters: u64,
    /// Hanzi of the clean text.
    pub hanzi: u64,
    /// Hanzi that carry an annotation.
    pub annotated_hanzi: u64,
    /// Findings (the anomalies table's rows) and how many are errors.
    pub findings: u64,
    /// Error-level findings.
    pub errors: u64,
}

/// A source line as it is: its text with annotations, and its line break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRecord {
    /// Line number, from 1.
    pub line: u32,
    /// The line as written, annotations and marker included, without its line break.
    pub source: String,
    /// Its line break (`"\n"`, `"\r\n"` or `""`), when not the document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<String>,
}

/// A paragraph, a heading's title or an item's body, with its text in every form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockRecord {
    /// Line number, from 1.
    pub line: u32,
    /// The clean text (annotations left out; no marker).
    pub text: String,
    /// The clean text in simplified characters.
    pub simplified: String,
    /// The whole text in toned pinyin.
    pub pinyin: String,
    /// Where `text` starts in the document's clean text, in characters.
    pub char_start: u64,
    /// Where it ends (exclusive), in characters.
    pub char_end: u64,
    /// The line as written (marker and annotations included).
    pub source: String,
    /// Its line break, when not the document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<String>,
}

/// A numbered item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRecord {
    /// Its number as written (its section and subsection are the objects it is in; the tables'
    /// `label` says `§1.21`).
    pub number: u32,
    /// Its text.
    #[serde(flatten)]
    pub block: BlockRecord,
}

/// A section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRecord {
    /// Value of its numeral.
    pub number: u32,
    /// The numeral as written (`一`).
    pub numeral: String,
    /// Its heading.
    pub heading: BlockRecord,
    /// Its subsections.
    pub subsections: Vec<SubsectionRecord>,
    /// Its items that are in no subsection.
    pub items: Vec<ItemRecord>,
}

/// A subsection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubsectionRecord {
    /// Value of its numeral.
    pub number: u32,
    /// The numeral as written (`一`).
    pub numeral: String,
    /// Its heading.
    pub heading: BlockRecord,
    /// Its items.
    pub items: Vec<ItemRecord>,
}

impl DocumentRecord {
    /// The source, rebuilt from the record alone: byte for byte the file it was read from.
    pub fn rebuild(&self) -> String {
        let mut blocks: Vec<&BlockRecord> = Vec::new();
        blocks.extend(&self.paragraphs);
        blocks.extend(self.items.iter().map(|i| &i.block));
        for section in &self.sections {
            blocks.push(&section.heading);
            for sub in &section.subsections {
                blocks.push(&sub.heading);
                blocks.extend(sub.items.iter().map(|i| &i.block));
            }
            blocks.extend(section.items.iter().map(|i| &i.block));
        }
        let usual = self.ending.as_str();
        let mut lines: Vec<(u32, &str, &str)> = blocks
            .iter()
            .map(|b| {
                (
                    b.line,
                    b.source.as_str(),
                    b.ending.as_deref().unwrap_or(usual),
                )
            })
            .collect();
        lines.extend(self.other_lines.iter().map(|o| {
            (
                o.line,
                o.source.as_str(),
                o.ending.as_deref().unwrap_or(usual),
            )
        }));
        lines.sort_by_key(|(line, _, _)| *line);
        let mut out = String::new();
        if self.bom {
            out.push('\u{FEFF}');
        }
        for (_, source, ending) in lines {
            out.push_str(source);
            out.push_str(ending);
        }
        out
    }
}

fn ending(doc: &Document, line: u32) -> &'static str {
    match doc
        .lines
        .get(line.saturating_sub(1) as usize)
        .map(|l| l.ending)
    {
        Some(LineEnding::CrLf) => "\r\n",
        Some(LineEnding::Lf) => "\n",
        _ => "",
    }
}

/// The record of a document.
pub fn document_record(doc: &Document) -> DocumentRecord {
    // The document's line break: CRLF when most lines end so, else LF.
    let crlf = doc
        .lines
        .iter()
        .filter(|l| l.ending == LineEnding::CrLf)
        .count();
    let lf = doc
        .lines
        .iter()
        .filter(|l| l.ending == LineEnding::Lf)
        .count();
    let usual = if crlf > lf { "\r\n" } else { "\n" };
    let own_ending = |line: u32| -> Option<String> {
        let e = ending(doc, line);
        (e != usual).then(|| e.to_owned())
    };
    let mut scratch = Scratch::default();
    let mut next_char = 0;
    let mut buffer = String::new();
    let mut record = DocumentRecord {
        id: doc.name.clone(),
        title: document_title(doc),
        bom: doc.text.starts_with('\u{FEFF}'),
        ending: usual.to_owned(),
        counts: RecordCounts {
            sections: doc.sections.len() as u32,
            subsections: doc.subsections.len() as u32,
            items: 0,
            paragraphs: 0,
            characters: 0,
            hanzi: 0,
            annotated_hanzi: doc.chars.len() as u64,
            findings: 0,
            errors: 0,
        },
        paragraphs: Vec::new(),
        items: Vec::new(),
        sections: Vec::new(),
        other_lines: Vec::new(),
    };
    // Characters of the clean text before each line: markers and line breaks count.
    let mut clean_chars = 0u64;
    // The readings wrong in context, found with each block's pinyin: the findings' counts reuse
    // them instead of a second pass over the document's words.
    let mut in_context = Vec::new();
    for block in &doc.blocks {
        let mut marker_chars = 0u64;
        let mut marker_hanzi = 0u64;
        let mut body_chars = 0u64;
        for segment in doc.block_segments(block) {
            let n = doc.slice(segment.span).chars().count() as u64;
            match segment.kind {
                SegmentKind::Marker => {
                    marker_chars += n;
                    // A heading's numeral is a hanzi of the clean text, as the tables count.
                    marker_hanzi += doc
                        .slice(segment.span)
                        .chars()
                        .filter(|c| annotext_parser::is_hanzi(*c))
                        .count() as u64;
                }
                SegmentKind::Text => body_chars += n,
                _ => {}
            }
        }
        let start = clean_chars + marker_chars;
        let line_break = ending(doc, block.line);
        clean_chars = start + body_chars + line_break.chars().count() as u64;
        let source = doc.slice(block.span).to_owned();
        if matches!(block.kind, BlockKind::Blank) {
            // A line of spaces is text too, as the tables count it.
            record.counts.characters += body_chars + marker_chars;
            record.other_lines.push(LineRecord {
                line: block.line,
                source,
                ending: own_ending(block.line),
            });
            continue;
        }
        let text = doc.block_text(block);
        record.counts.characters += body_chars + marker_chars;
        record.counts.hanzi += marker_hanzi
            + text
                .chars()
                .filter(|c| annotext_parser::is_hanzi(*c))
                .count() as u64;
        let folded = fold_into(&text, &mut buffer);
        let mut pinyin = String::with_capacity(text.len() * 2);
        let annotated = doc
            .chars
            .get(chars_from(doc, &mut next_char, block.body))
            .unwrap_or(&[]);
        in_context.extend(flags_and_pinyin(
            doc,
            block,
            annotated,
            &text,
            folded,
            &mut scratch,
            Some(&mut pinyin),
        ));
        let body = BlockRecord {
            line: block.line,
            simplified: simplified(&text),
            text,
            pinyin,
            char_start: start,
            char_end: start + body_chars,
            source,
            ending: own_ending(block.line),
        };
        place(doc, block, body, &mut record);
    }
    let (findings, errors) = finding_counts_with_context(doc, &in_context);
    record.counts.findings = findings as u64;
    record.counts.errors = errors as u64;
    record
}

/// Puts a block's record where it belongs in the structure.
fn place(doc: &Document, block: &Block, body: BlockRecord, record: &mut DocumentRecord) {
    let section = block.section.map(|s| s as usize);
    match block.kind {
        BlockKind::Paragraph => {
            record.counts.paragraphs += 1;
            record.paragraphs.push(body);
        }
        BlockKind::SectionHeading { number } => record.sections.push(SectionRecord {
            number: number.0,
            numeral: section
                .and_then(|s| doc.sections.get(s))
                .map_or_else(String::new, |s| s.numeral.clone()),
            heading: body,
            subsections: Vec::new(),
            items: Vec::new(),
        }),
        BlockKind::SubsectionHeading { number } => {
            let sub = SubsectionRecord {
                number: number.0,
                numeral: block
                    .subsection
                    .and_then(|s| doc.subsections.get(s as usize))
                    .map_or_else(String::new, |s| s.numeral.clone()),
                heading: body,
                items: Vec::new(),
            };
            match record.sections.last_mut() {
                Some(section) if section_number(doc, block.section).is_some() => {
                    section.subsections.push(sub)
                }
                // A subsection before any section: its heading is kept as a line.
                _ => record.other_lines.push(LineRecord {
                    line: sub.heading.line,
                    source: sub.heading.source,
                    ending: sub.heading.ending,
                }),
            }
        }
        BlockKind::Item { number, .. } => {
            record.counts.items += 1;
            let item = ItemRecord {
                number: number.0,
                block: body,
            };
            let in_subsection = block.subsection.is_some();
            match (record.sections.last_mut(), section.is_some()) {
                (Some(s), true) if in_subsection && !s.subsections.is_empty() => {
                    if let Some(sub) = s.subsections.last_mut() {
                        sub.items.push(item);
                    }
                }
                (Some(s), true) => s.items.push(item),
                _ => record.items.push(item),
            }
        }
        BlockKind::Blank => {}
    }
}
