//! Where things are in a source text: byte spans, lines and columns, and the numbers of items
//! as written. The records and the anomalies both point into the text with these.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` in the source text.
///
/// Serialized as a pair `[start, end]`: records hold millions of spans, and the pair keeps the
/// JSON Lines export about a third smaller than `{"start": …, "end": …}` would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "(u32, u32)", into = "(u32, u32)")]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        // The parser refuses inputs over u32::MAX bytes, so offsets always fit.
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The span as a `usize` range, for slicing the source.
    // Called across crates for every character or syllable: inlined there.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A place in the source as people count it: 1-based line, 1-based column in characters.
///
/// Serialized as a pair `[line, column]`, like [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "(u32, u32)", into = "(u32, u32)")]
pub struct Position {
    /// Line number, from 1.
    pub line: u32,
    /// Column in Unicode characters, from 1.
    pub column: u32,
}

impl From<(u32, u32)> for Span {
    fn from((start, end): (u32, u32)) -> Span {
        Span { start, end }
    }
}

impl From<Span> for (u32, u32) {
    fn from(span: Span) -> (u32, u32) {
        (span.start, span.end)
    }
}

impl From<(u32, u32)> for Position {
    fn from((line, column): (u32, u32)) -> Position {
        Position { line, column }
    }
}

impl From<Position> for (u32, u32) {
    fn from(position: Position) -> (u32, u32) {
        (position.line, position.column)
    }
}

/// The number of an item or section as written in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemNumber(pub u32);
