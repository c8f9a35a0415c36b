//! The records a parsed document is made of. Every record carries its byte span in the source;
//! the segments tile the source exactly, so the original bytes can always be rebuilt.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::anomaly::Anomaly;
pub use crate::position::{ItemNumber, Position, Span};
use crate::reading::Reading;

/// What a stretch of source bytes is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// The UTF-8 byte order mark at the very start.
    Bom,
    /// Text that stays in the clean text (hanzi, punctuation, text parentheticals…).
    Text,
    /// An item number or a heading's numeral with its punctuation (`21.`, `一、`, `（一）`). When
    /// the numeral carries an annotation (`一(yī)、`), the marker is cut around it: the
    /// annotation stays an annotation segment between two marker segments.
    Marker,
    /// A pinyin annotation with its parentheses (`(zhong)`), removed from the clean text.
    Annotation,
    /// A line terminator, `\n` or `\r\n`.
    LineBreak,
    /// A page number (`- 2 -`) or a running header copied out of a PDF, on a line of its own
    /// where a page break cut a unit: the unit reads on across it, so it lies in the unit's
    /// span and is left out of the unit's clean text (it stays in the document's).
    PageFurniture,
}

/// One stretch of the source. The segments of a document, in order, cover it byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// What the bytes are.
    pub kind: SegmentKind,
    /// Where they are.
    pub span: Span,
}

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEnding {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
    /// The last line of a file without a final newline.
    None,
}

/// One source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Line number, from 1.
    pub number: u32,
    /// The line's content, without its terminator (and without the BOM on line 1).
    pub span: Span,
    /// How it ends.
    pub ending: LineEnding,
}

/// What a line is in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum BlockKind {
    /// Prose. A paragraph with a [`Block::parent`] is a further paragraph (款) of an article.
    Paragraph,
    /// A section heading `一、…`, with the numeral's value.
    SectionHeading {
        /// Value of the Chinese numeral (`三` → 3).
        number: ItemNumber,
    },
    /// A subsection heading `（一）…` or `(一)…`, with the numeral's value.
    SubsectionHeading {
        /// Value of the Chinese numeral (`（三）` → 3).
        number: ItemNumber,
    },
    /// A numbered item `21.…`, or an article `第二十一条　…` (the items of a regulation or
    /// charter, numbered through the whole document).
    Item {
        /// The item's number.
        number: ItemNumber,
        /// Whether it is an article `第N条`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        article: bool,
    },
    /// A clause inside an article: `（一）…` (项) after a `第N条`, or `1.…` (目) inside such a
    /// clause. [`Block::parent`] is the article or the clause it belongs to.
    Clause {
        /// The clause's number (`（三）` → 3).
        number: ItemNumber,
    },
    /// A point of a short list after a lead-in (`（1）`, `1)`, `①`, `a)`, or `（一）` after a
    /// line ending in `：`). [`Block::parent`] is the lead-in.
    Point {
        /// The point's number (`b)` → 2).
        number: ItemNumber,
    },
    /// An empty or whitespace-only line.
    Blank,
}

/// One unit of the document, classified: a line, or several when a hard-wrapped paragraph,
/// item, clause or point continues on the lines after it (their line breaks stay inside the
/// span and the segments; [`crate::Document::block_text`] joins them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Paragraph, heading, item, clause, point or blank.
    pub kind: BlockKind,
    /// Its (first) line number.
    pub line: u32,
    /// Its last line number: `line` unless the block continues on the lines after it.
    pub end_line: u32,
    /// The block's content, without the last line's terminator.
    pub span: Span,
    /// The numbering marker (`21.`, `一、`, `（一）`), if any, from the start of the line: leading
    /// spaces and any annotation on the numeral lie inside it.
    pub marker: Option<Span>,
    /// The body after the marker: what the clean text of the block is made of.
    pub body: Span,
    /// Index of the section the block belongs to, if it follows a heading (headings included).
    pub section: Option<u32>,
    /// Index in [`Document::subsections`] of the subsection the block belongs to, if it follows
    /// a subsection heading of its section (the heading included).
    pub subsection: Option<u32>,
    /// Indices of the block's segments in [`Document::segments`].
    pub segments: Range<u32>,
    /// Index of the block this one belongs to: the article of a clause or of a further
    /// paragraph, the further paragraph of a clause listed under it (`观察员国应当：` /
    /// `（一）…`), the clause of a sub-clause, the lead-in of a point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<u32>,
    /// Index of the heading line of the annex (`附件2：…`) the block comes after, if any: an
    /// annex numbers its sections and items anew, so its labels name it (`Annex2§1.3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annex: Option<u32>,
    /// Index of the heading line of the part of a code or a plan (`第二编　物权`, `第二部分`) the
    /// block comes after, if any: a part numbers its chapters (or sections) anew, so their
    /// labels name it (`Pt2§1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
}

impl BlockKind {
    /// Whether it is a section or subsection heading.
    pub fn is_heading(&self) -> bool {
        matches!(
            self,
            BlockKind::SectionHeading { .. } | BlockKind::SubsectionHeading { .. }
        )
    }
}

impl Block {
    /// Whether the block spans more than one line (a hard-wrapped unit joined).
    pub fn is_joined(&self) -> bool {
        self.end_line > self.line
    }
}

/// A section: its heading and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Value of the heading's numeral.
    pub number: ItemNumber,
    /// The numeral as written (`一`).
    pub numeral: String,
    /// Index of the heading block.
    pub heading: u32,
    /// Indices of the item blocks, in order, those of its subsections included.
    pub items: Vec<u32>,
    /// Indices of its subsections in [`Document::subsections`], in order.
    pub subsections: Vec<u32>,
    /// Whether the document numbers its articles anew in each chapter (a treaty such as RCEP's
    /// Chinese text: `第二章` / `第一条`), so that an article's number names it only with its
    /// chapter's (`§2Art.1`). Set on every section of such a document.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub articles_anew: bool,
}

/// A subsection: the second level of headings (`（一）…`), between a section and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subsection {
    /// Value of the heading's numeral.
    pub number: ItemNumber,
    /// The numeral as written, without parentheses (`一`).
    pub numeral: String,
    /// Index of the section it belongs to (none when it comes before any section heading).
    pub section: Option<u32>,
    /// Index of the heading block.
    pub heading: u32,
    /// Indices of the item blocks, in order.
    pub items: Vec<u32>,
    /// The subsection this one is numbered under, a level below it: a `（一）` under a chapter's
    /// `一、`, or a `一、` under a chapter's `第一节` (index in [`Document::subsections`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<u32>,
}

/// One parenthesised annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// The annotation with its parentheses.
    pub span: Span,
    /// Where the `(` is.
    pub position: Position,
    /// The reading, if the text inside is valid pinyin.
    pub reading: Option<Reading>,
    /// Index of the annotated character in [`Document::chars`].
    pub target: u32,
}

/// A hanzi occurrence that carries one or more annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotatedChar {
    /// The character.
    pub ch: char,
    /// Its bytes.
    pub span: Span,
    /// Its place.
    pub position: Position,
    /// The reading its annotations settle on: the first valid one (repeats collapse into it).
    pub reading: Option<Reading>,
    /// Indices of its annotations in [`Document::annotations`].
    pub annotations: Range<u32>,
}

impl AnnotatedChar {
    /// How many annotations the character carries (repeats included).
    // Called across crates for every character or syllable: inlined there.
    #[inline]
    pub fn annotation_count(&self) -> usize {
        self.annotations.len()
    }
}

/// A parsed document: the source and every record derived from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Name of the source (its file stem, usually).
    pub name: String,
    /// Where the source was read from, as the caller named it; `None` for a text not read from a
    /// file. Not part of the source: the text rebuilds without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The source text, exactly as read (BOM and line endings included).
    pub text: String,
    /// Stretches of the source, in order; together they cover it byte for byte.
    pub segments: Vec<Segment>,
    /// The source lines.
    pub lines: Vec<Line>,
    /// Each line classified, in order.
    pub blocks: Vec<Block>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// The subsections of every section, in order.
    pub subsections: Vec<Subsection>,
    /// Every annotation, in source order.
    pub annotations: Vec<Annotation>,
    /// Every annotated hanzi occurrence, in source order.
    pub chars: Vec<AnnotatedChar>,
    /// Everything odd found while parsing, in source order.
    pub anomalies: Vec<Anomaly>,
}
