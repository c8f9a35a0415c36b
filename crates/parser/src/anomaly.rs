//! Anomalies: things in the input that are odd but not fatal. Each keeps where it is and enough
//! detail to be explained; parsing goes on and no text is dropped.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::position::{ItemNumber, Position, Span};
use crate::reading::Reading;

/// The kinds of anomaly the parser reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnomalyKind {
    /// The same reading annotated again on one character: `中(zhong)(zhong)`.
    RepeatedAnnotation,
    /// A different reading annotated again on one character: `中(zhong)(guo)`.
    ConflictingAnnotation,
    /// A pinyin annotation after something that is not a hanzi: `2025(nian)`. It stays as text.
    AnnotationAfterNonHanzi,
    /// An annotation-shaped word that is not a pinyin syllable: `中(zhongg)`.
    InvalidReading,
    /// A `(` never closed on its line.
    UnclosedParenthesis,
    /// A `)` with no `(` before it on its line.
    UnmatchedParenthesis,
    /// Item or section numbers skip: `3.` after `1.`.
    NumberingGap,
    /// The same number twice in a row, or a number lower than the one before.
    NumberingDuplicate,
    /// Numbering starts again at 1 inside one section.
    NumberingRestart,
    /// A run of control characters (NUL and other C0 codes but tab, CR and LF): binary data or
    /// a broken conversion. Kept as text.
    ControlCharacter,
}

/// How serious an anomaly is: whether a lint (`annotext check`) should fail on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Odd but harmless: the reading is still known (a repeated annotation).
    Warning,
    /// The text or its numbering is probably wrong: a reading is lost or in doubt, a parenthesis
    /// is broken, items are misnumbered.
    Error,
}

impl Severity {
    /// `warning` or `error`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl AnomalyKind {
    /// How serious this kind is. Only a repeat of the same reading is a warning: everything
    /// else loses or confuses information a reader relies on.
    pub fn severity(self) -> Severity {
        match self {
            AnomalyKind::RepeatedAnnotation => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Every kind, for tables that list counts per kind.
    pub const ALL: [AnomalyKind; 10] = [
        AnomalyKind::RepeatedAnnotation,
        AnomalyKind::ConflictingAnnotation,
        AnomalyKind::AnnotationAfterNonHanzi,
        AnomalyKind::InvalidReading,
        AnomalyKind::UnclosedParenthesis,
        AnomalyKind::UnmatchedParenthesis,
        AnomalyKind::NumberingGap,
        AnomalyKind::NumberingDuplicate,
        AnomalyKind::NumberingRestart,
        AnomalyKind::ControlCharacter,
    ];

    /// The snake_case name used in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            AnomalyKind::RepeatedAnnotation => "repeated_annotation",
            AnomalyKind::ConflictingAnnotation => "conflicting_annotation",
            AnomalyKind::AnnotationAfterNonHanzi => "annotation_after_non_hanzi",
            AnomalyKind::InvalidReading => "invalid_reading",
            AnomalyKind::UnclosedParenthesis => "unclosed_parenthesis",
            AnomalyKind::UnmatchedParenthesis => "unmatched_parenthesis",
            AnomalyKind::NumberingGap => "numbering_gap",
            AnomalyKind::NumberingDuplicate => "numbering_duplicate",
            AnomalyKind::NumberingRestart => "numbering_restart",
            AnomalyKind::ControlCharacter => "control_character",
        }
    }
}

impl fmt::Display for AnomalyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The facts behind an anomaly, kept small: the text itself is found through the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum AnomalyDetail {
    /// A repeated annotation: the reading kept and the one found again.
    Repeat {
        /// The character annotated.
        ch: char,
        /// The reading the character keeps (its first valid one).
        kept: Option<Reading>,
        /// The reading of this repetition, if valid.
        found: Option<Reading>,
    },
    /// The offending text is the span itself.
    Text,
    /// A run of adjacent stray parentheses on one line, kept as one anomaly so that a line of
    /// millions of `(` or `)` costs one record, not one per byte: for an unmatched run the span
    /// is the run; for an unclosed run it starts at the first `(` and, like a single unclosed
    /// parenthesis, runs to the end of the line. Each of the `count` parentheses is one column.
    Run {
        /// How many parentheses the run holds (at least 2; a single one is `Text`).
        count: u32,
    },
    /// A numbering anomaly: what the sequence called for, and what came.
    Numbering {
        /// Which level of the structure is numbered out of order.
        level: NumberingLevel,
        /// The number expected next.
        expected: ItemNumber,
        /// The number written.
        found: ItemNumber,
    },
}

/// The levels of a document's structure that are numbered: sections `一、`, subsections `（一）`
/// and items `1.`. Each level's numbers run on within the level above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberingLevel {
    /// A section heading `一、…`.
    Section,
    /// A subsection heading `（一）…`.
    Subsection,
    /// A numbered item `1.…`.
    Item,
    /// An article `第N条`, numbered through the whole document.
    Article,
    /// A clause `（一）` of an article, or `1.` of a clause.
    Clause,
    /// A point of a short list (`（1）`, `1)`, `①`, `a)`).
    Point,
}

impl NumberingLevel {
    /// The level's name in messages: `section`, `subsection`, `item`.
    pub fn name(self) -> &'static str {
        match self {
            NumberingLevel::Section => "section",
            NumberingLevel::Subsection => "subsection",
            NumberingLevel::Item => "item",
            NumberingLevel::Article => "article",
            NumberingLevel::Clause => "clause",
            NumberingLevel::Point => "point",
        }
    }
}

/// One anomaly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anomaly {
    /// What is odd.
    pub kind: AnomalyKind,
    /// The bytes concerned.
    pub span: Span,
    /// Where they start.
    pub position: Position,
    /// Specifics.
    pub detail: AnomalyDetail,
}

impl Anomaly {
    /// How many anomalies this record stands for: a run's count, else 1.
    pub fn count(&self) -> u32 {
        match self.detail {
            AnomalyDetail::Run { count } => count,
            _ => 1,
        }
    }

    /// A sentence saying where and what, e.g. `line 12, column 7: unclosed annotation "(zhong"`.
    ///
    /// `source` is the text the anomaly was found in ([`crate::Document::text`]).
    pub fn message(&self, source: &str) -> String {
        let Position { line, column } = self.position;
        format!("line {line}, column {column}: {}", self.describe(source))
    }

    /// What is wrong, without the position.
    pub fn describe(&self, source: &str) -> String {
        let text = source.get(self.span.range()).unwrap_or("");
        match (self.kind, self.detail) {
            (_, AnomalyDetail::Repeat { ch, kept, found }) => {
                let show = |r: Option<Reading>| r.map_or_else(|| "?".to_owned(), |r| r.to_string());
                match self.kind {
                    AnomalyKind::ConflictingAnnotation => format!(
                        "conflicting annotation {text} on {ch}: keeps {}, ignores {}",
                        show(kept),
                        show(found)
                    ),
                    _ => format!("repeated annotation {text} on {ch} collapsed into one reading"),
                }
            }
            (
                _,
                AnomalyDetail::Numbering {
                    level,
                    expected,
                    found,
                },
            ) => {
                let what = level.name();
                let how = match self.kind {
                    AnomalyKind::NumberingGap => "numbering gap",
                    AnomalyKind::NumberingRestart => "numbering restarts",
                    _ => "numbering out of order",
                };
                format!(
                    "{how}: {what} {} where {} was expected",
                    found.0, expected.0
                )
            }
            (AnomalyKind::UnclosedParenthesis, AnomalyDetail::Run { count }) => {
                format!("{count} parentheses in a row never closed")
            }
            (AnomalyKind::UnmatchedParenthesis, AnomalyDetail::Run { count }) => {
                format!("{count} closing parentheses in a row close nothing")
            }
            (AnomalyKind::AnnotationAfterNonHanzi, _) => {
                format!("annotation {text:?} follows no hanzi; kept as text")
            }
            (AnomalyKind::InvalidReading, _) => format!("{text:?} is not a pinyin syllable"),
            (AnomalyKind::UnclosedParenthesis, _) => {
                let inner: String = text
                    .chars()
                    .skip(1)
                    .take_while(|c| c.is_alphabetic() && !crate::chars::is_hanzi(*c))
                    .collect();
                if !inner.is_empty() && crate::Reading::parse(&inner).is_ok() {
                    format!(
                        "unclosed annotation \"{}{inner}\"",
                        text.chars().next().unwrap_or('(')
                    )
                } else {
                    format!(
                        "unclosed parenthesis before {:?}",
                        text.chars().take(12).collect::<String>()
                    )
                }
            }
            (AnomalyKind::ControlCharacter, _) => {
                let first = text.chars().next().map_or(0, u32::from);
                format!(
                    "{} control character(s), first U+{first:04X}: binary data or a broken conversion?",
                    text.chars().count()
                )
            }
            (AnomalyKind::UnmatchedParenthesis, _) => {
                format!("{text:?} closes no parenthesis")
            }
            (kind, _) => format!("{kind} {text:?}"),
        }
    }
}
