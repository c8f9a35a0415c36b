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
use crate::facts::{chars_from, section_number, Labels};

/// One document, for reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// The document's id (`doc_id` in the tables).
    pub id: String,
    /// Its title, as the briefing and the workbook find it.
    pub title: String,
    /// The note under its title line (`（2025年5月13日…通过）`), when it has one; the line
    /// stays among the paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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
    /// Subsections before any section heading, with their items: a statement's `（一）…`
    /// paragraphs, a list of `（一）` headings without `一、` above them. Left out when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<SubsectionRecord>,
    /// Sections with their subsections and items.
    pub sections: Vec<SectionRecord>,
    /// Blank lines, page numbers and running headers standing between units (and any line not
    /// placed elsewhere), for rebuilding the source.
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
    /// Prose paragraphs (an article's further paragraphs are among its parts).
    pub paragraphs: u32,
    /// Clauses of articles (`（一）`, and `1.` inside a clause).
    #[serde(default)]
    pub clauses: u32,
    /// Points of short lists (`（1）`, `1)`, `①`, `a)`).
    #[serde(default)]
    pub points: u32,
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
    /// `"page_furniture"` for a page number or a running header copied out of a PDF that stands
    /// between two units (no text of the document); absent for a blank line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
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
    /// Its last line, when it continues on the lines after `line` (a hard-wrapped unit:
    /// `source` holds all its lines with their breaks, `text` joins them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    /// What belongs to it, in order: an article's clauses, sub-clauses and further
    /// paragraphs, the points of a list it leads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRecord>,
}

/// A unit that belongs to another: a clause, a point, an article's further paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartRecord {
    /// `clause`, `point` or `paragraph`.
    pub kind: String,
    /// Its number as written (`（三）` → 3); none for a paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Its label in the tables (`Art.5(3)`).
    pub label: String,
    /// The line of the unit it belongs to (a sub-clause's clause, a point's lead-in).
    pub parent_line: u32,
    /// Its text.
    #[serde(flatten)]
    pub block: BlockRecord,
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
    /// The number of the subsection of the same section it is a level below (a `（一）` under a
    /// chapter's `一、`), which comes before it in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<u32>,
}

impl DocumentRecord {
    /// The source, rebuilt from the record alone: byte for byte the file it was read from.
    pub fn rebuild(&self) -> String {
        let mut blocks: Vec<&BlockRecord> = Vec::new();
        blocks.extend(&self.paragraphs);
        blocks.extend(self.items.iter().map(|i| &i.block));
        for sub in &self.subsections {
            blocks.push(&sub.heading);
            blocks.extend(sub.items.iter().map(|i| &i.block));
        }
        for section in &self.sections {
            blocks.push(&section.heading);
            for sub in &section.subsections {
                blocks.push(&sub.heading);
                blocks.extend(sub.items.iter().map(|i| &i.block));
            }
            blocks.extend(section.items.iter().map(|i| &i.block));
        }
        let usual = self.ending.as_str();
        let mut lines: Vec<(u32, &str, &str)> = Vec::new();
        let mut todo = blocks;
        while let Some(b) = todo.pop() {
            lines.push((
                b.line,
                b.source.as_str(),
                b.ending.as_deref().unwrap_or(usual),
            ));
            todo.extend(b.parts.iter().map(|p| &p.block));
        }
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
        note: crate::facts::title::title_note(doc).map(|(_, n)| n),
        bom: doc.text.starts_with('\u{FEFF}'),
        ending: usual.to_owned(),
        counts: RecordCounts {
            sections: doc.sections.len() as u32,
            subsections: doc.subsections.len() as u32,
            items: 0,
            paragraphs: 0,
            clauses: 0,
            points: 0,
            characters: 0,
            hanzi: 0,
            annotated_hanzi: doc.chars.len() as u64,
            findings: 0,
            errors: 0,
        },
        paragraphs: Vec::new(),
        items: Vec::new(),
        sections: Vec::new(),
        subsections: Vec::new(),
        other_lines: Vec::new(),
    };
    // Characters of the clean text before each line: markers and line breaks count.
    let mut clean_chars = 0u64;
    // The readings wrong in context, found with each block's pinyin: the findings' counts reuse
    // them instead of a second pass over the document's words.
    let mut in_context = Vec::new();
    let mut labels = Labels::default();
    // Where each unit that can own parts was placed, by its block's index.
    let mut owners = Owners::default();
    for (index, block) in doc.blocks.iter().enumerate() {
        let mut marker_chars = 0u64;
        let mut marker_hanzi = 0u64;
        let mut furniture_hanzi = 0u64;
        let mut furniture = false;
        let mut body_chars = 0u64;
        // The breaks between the lines of a joined unit are characters of the clean text.
        let mut inner_breaks = 0u64;
        for segment in doc.block_segments(block) {
            let n = doc.slice(segment.span).chars().count() as u64;
            match segment.kind {
                SegmentKind::Marker => {
                    marker_chars += n;
                    // A heading's numeral is a hanzi of the clean text, as the tables count.
                    marker_hanzi += hanzi_in(doc.slice(segment.span));
                }
                SegmentKind::Text => body_chars += n,
                // A page number or a running header, inside a unit (`- 2 -`) or on a line of its
                // own, is in the document's clean text, and its hanzi are counted as the tables
                // count them.
                SegmentKind::PageFurniture => {
                    body_chars += n;
                    furniture = true;
                    furniture_hanzi += hanzi_in(doc.slice(segment.span));
                }
                SegmentKind::LineBreak => inner_breaks += n,
                _ => {}
            }
        }
        // The unit's text leaves out the spaces that indent it (`Document::block_text`).
        let indent = doc
            .block_segments(block)
            .iter()
            .filter(|s| s.kind == SegmentKind::Text)
            .flat_map(|s| doc.slice(s.span).chars())
            .take_while(|c| c.is_whitespace())
            .count() as u64;
        let start = clean_chars + marker_chars;
        let line_break = ending(doc, block.end_line);
        clean_chars = start + body_chars + inner_breaks + line_break.chars().count() as u64;
        let source = doc.slice(block.span).to_owned();
        if matches!(block.kind, BlockKind::Blank) {
            // A line of spaces is text too, as the tables count it.
            record.counts.characters += body_chars + marker_chars;
            record.counts.hanzi += marker_hanzi + furniture_hanzi;
            record.other_lines.push(LineRecord {
                line: block.line,
                source,
                ending: own_ending(block.end_line),
                kind: furniture.then(|| "page_furniture".to_owned()),
            });
            continue;
        }
        let text = doc.block_text(block);
        record.counts.characters += body_chars + marker_chars;
        record.counts.hanzi += marker_hanzi + furniture_hanzi + hanzi_in(&text);
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
            char_start: start + indent.min(body_chars),
            char_end: start + body_chars + inner_breaks,
            source,
            ending: own_ending(block.end_line),
            end_line: block.is_joined().then_some(block.end_line),
            parts: Vec::new(),
        };
        let label = labels.label(doc, index as u32, block, &body.text);
        place(
            doc,
            index as u32,
            block,
            body,
            label,
            &mut owners,
            &mut record,
        );
    }
    let (findings, errors) = finding_counts_with_context(doc, &in_context);
    record.counts.findings = findings as u64;
    record.counts.errors = errors as u64;
    record
}

/// Where the units that can own parts were placed in the record, by their block's index: a
/// part goes into the unit its parent chain leads to, wherever lines placed since stand (a page
/// number left standing between two clauses of an article owns neither).
#[derive(Default)]
struct Owners {
    placed: rustc_hash::FxHashMap<u32, Owner>,
    /// The last placed, for a part whose chain leads to no unit placed.
    last: Option<Owner>,
}

impl Owners {
    fn insert(&mut self, index: u32, owner: Owner) {
        self.placed.insert(index, owner);
        self.last = Some(owner);
    }

    /// The unit a part belongs to: the one with no parent its parent chain leads to.
    fn of(&self, doc: &Document, block: &Block) -> Option<Owner> {
        let mut root = block.parent?;
        // A chain is a few links long (an item, its clause, a clause's point); the bound only
        // keeps a malformed one from looping.
        for _ in 0..doc.blocks.len() {
            match doc.blocks.get(root as usize).and_then(|b| b.parent) {
                Some(parent) => root = parent,
                None => break,
            }
        }
        self.placed.get(&root).copied().or(self.last)
    }
}

/// How many hanzi `text` holds, as the tables count them.
fn hanzi_in(text: &str) -> u64 {
    text.chars()
        .filter(|c| annotext_parser::is_hanzi(*c))
        .count() as u64
}

/// Where a unit that can own parts was placed in the record.
#[derive(Clone, Copy)]
enum Owner {
    Paragraph(usize),
    LooseItem(usize),
    SectionHeading(usize),
    SectionItem(usize, usize),
    SubsectionHeading(usize, usize),
    SubsectionItem(usize, usize, usize),
    LooseSubsectionHeading(usize),
    LooseSubsectionItem(usize, usize),
}

impl Owner {
    fn block(self, record: &mut DocumentRecord) -> Option<&mut BlockRecord> {
        Some(match self {
            Owner::Paragraph(i) => record.paragraphs.get_mut(i)?,
            Owner::LooseItem(i) => &mut record.items.get_mut(i)?.block,
            Owner::SectionHeading(s) => &mut record.sections.get_mut(s)?.heading,
            Owner::SectionItem(s, i) => &mut record.sections.get_mut(s)?.items.get_mut(i)?.block,
            Owner::SubsectionHeading(s, u) => {
                &mut record.sections.get_mut(s)?.subsections.get_mut(u)?.heading
            }
            Owner::SubsectionItem(s, u, i) => {
                &mut record
                    .sections
                    .get_mut(s)?
                    .subsections
                    .get_mut(u)?
                    .items
                    .get_mut(i)?
                    .block
            }
            Owner::LooseSubsectionHeading(u) => &mut record.subsections.get_mut(u)?.heading,
            Owner::LooseSubsectionItem(u, i) => {
                &mut record.subsections.get_mut(u)?.items.get_mut(i)?.block
            }
        })
    }
}

/// Puts a block's record (block `index`) where it belongs in the structure: a part goes into the
/// unit it belongs to (the unit with no parent that its parent chain leads to).
fn place(
    doc: &Document,
    index: u32,
    block: &Block,
    body: BlockRecord,
    label: String,
    owners: &mut Owners,
    record: &mut DocumentRecord,
) {
    let section = block.section.map(|s| s as usize);
    if block.parent.is_some() {
        let (kind, number) = match block.kind {
            BlockKind::Clause { number } => {
                record.counts.clauses += 1;
                ("clause", Some(number.0))
            }
            BlockKind::Point { number } => {
                record.counts.points += 1;
                ("point", Some(number.0))
            }
            _ => ("paragraph", None),
        };
        let parent_line = block
            .parent
            .and_then(|p| doc.blocks.get(p as usize))
            .map_or(0, |p| p.line);
        let part = PartRecord {
            kind: kind.to_owned(),
            number,
            label,
            parent_line,
            block: body,
        };
        match owners.of(doc, block).and_then(|owner| owner.block(record)) {
            Some(unit) => unit.parts.push(part),
            // Nothing to belong to (cannot happen for a parsed document): kept as a line.
            None => record.other_lines.push(LineRecord {
                line: part.block.line,
                source: part.block.source,
                ending: part.block.ending,
                kind: None,
            }),
        }
        return;
    }
    match block.kind {
        BlockKind::Paragraph | BlockKind::Clause { .. } | BlockKind::Point { .. } => {
            // A point with nothing before it to lead it stands as a paragraph, counted as a point.
            match block.kind {
                BlockKind::Point { .. } => record.counts.points += 1,
                BlockKind::Clause { .. } => record.counts.clauses += 1,
                _ => record.counts.paragraphs += 1,
            }
            owners.insert(index, Owner::Paragraph(record.paragraphs.len()));
            record.paragraphs.push(body);
        }
        BlockKind::SectionHeading { number } => {
            owners.insert(index, Owner::SectionHeading(record.sections.len()));
            record.sections.push(SectionRecord {
                number: number.0,
                numeral: section
                    .and_then(|s| doc.sections.get(s))
                    .map_or_else(String::new, |s| s.numeral.clone()),
                heading: body,
                subsections: Vec::new(),
                items: Vec::new(),
            })
        }
        BlockKind::SubsectionHeading { number } => {
            let sub = SubsectionRecord {
                number: number.0,
                numeral: block
                    .subsection
                    .and_then(|s| doc.subsections.get(s as usize))
                    .map_or_else(String::new, |s| s.numeral.clone()),
                heading: body,
                items: Vec::new(),
                within: doc.subsection_above(block).map(|w| w.number.0),
            };
            let sections = record.sections.len();
            match record.sections.last_mut() {
                Some(section) if section_number(doc, block.section).is_some() => {
                    owners.insert(
                        index,
                        Owner::SubsectionHeading(sections - 1, section.subsections.len()),
                    );
                    section.subsections.push(sub)
                }
                // A subsection before any section stands at the top.
                _ => {
                    owners.insert(
                        index,
                        Owner::LooseSubsectionHeading(record.subsections.len()),
                    );
                    record.subsections.push(sub)
                }
            }
        }
        BlockKind::Item { number, .. } => {
            record.counts.items += 1;
            let item = ItemRecord {
                number: number.0,
                block: body,
            };
            let in_subsection = block.subsection.is_some();
            let sections = record.sections.len();
            match (record.sections.last_mut(), section.is_some()) {
                (Some(s), true) if in_subsection && !s.subsections.is_empty() => {
                    let subs = s.subsections.len();
                    if let Some(sub) = s.subsections.last_mut() {
                        owners.insert(
                            index,
                            Owner::SubsectionItem(sections - 1, subs - 1, sub.items.len()),
                        );
                        sub.items.push(item);
                    }
                }
                (Some(s), true) => {
                    owners.insert(index, Owner::SectionItem(sections - 1, s.items.len()));
                    s.items.push(item)
                }
                (_, false) if in_subsection && !record.subsections.is_empty() => {
                    let subs = record.subsections.len();
                    if let Some(sub) = record.subsections.last_mut() {
                        owners.insert(index, Owner::LooseSubsectionItem(subs - 1, sub.items.len()));
                        sub.items.push(item);
                    }
                }
                _ => {
                    owners.insert(index, Owner::LooseItem(record.items.len()));
                    record.items.push(item)
                }
            }
        }
        BlockKind::Blank => {}
    }
}
