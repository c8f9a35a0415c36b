//! Findings: the anomalies as people read them. The parser's list keeps one anomaly per extra
//! annotation and per stray parenthesis (the lossless layer, for tools); a reader wants one
//! line per thing to fix. So, as a view on that list:
//!
//! - the repeated annotations of one character occurrence are one finding, with their count and
//!   the readings seen (`中` annotated `(zhong)` five times);
//! - adjacent anomalies of one kind about the same text fold into one finding with a count and
//!   a range: along a line when each starts where the previous ended (`5,000,000 unclosed
//!   parentheses, line 1, columns 1–5,000,000`), or one per line at the same column on
//!   consecutive lines (`299,999 numbering duplicates, lines 2–300,000`).
//!
//! Nothing is lost: a fold only takes occurrences that sit back to back, so the count and the
//! range say exactly where each one is. The fold streams over the sorted anomalies, so its
//! memory follows the number of findings, not of anomalies.

use std::fmt::Write as _;

use annotext_parser::{
    AnnotatedChar, Anomaly, AnomalyDetail, AnomalyKind, Document, Position, SegmentKind, Severity,
    Span,
};

use super::pinyin::{context_flags, ContextFlag, READING_WRONG_IN_CONTEXT};
use super::readings::{dictionary_anomalies, DictionaryAnomaly, READING_NOT_IN_DICTIONARY};
use crate::text::partition_from;

/// What a finding is about: a kind of parser anomaly, or a reading the dictionary does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// An anomaly the parser reports.
    Anomaly(AnomalyKind),
    /// An annotated reading that the dictionary does not give for its character.
    ReadingNotInDictionary,
    /// An annotated reading of its character that no dictionary word covering it accepts.
    ReadingWrongInContext,
}

impl FindingKind {
    /// The snake_case name used in tables and by `check`.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Anomaly(kind) => kind.name(),
            FindingKind::ReadingNotInDictionary => READING_NOT_IN_DICTIONARY,
            FindingKind::ReadingWrongInContext => READING_WRONG_IN_CONTEXT,
        }
    }

    /// Whether a lint should fail on it: a reading the dictionary does not know is still a
    /// reading, so it is a warning, like a repeated annotation.
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::Anomaly(kind) => kind.severity(),
            FindingKind::ReadingNotInDictionary | FindingKind::ReadingWrongInContext => {
                Severity::Warning
            }
        }
    }

    /// The plural noun of a fold's detail: `5,000,000 unclosed parentheses`.
    fn plural(self) -> &'static str {
        match self {
            FindingKind::Anomaly(kind) => match kind {
                AnomalyKind::RepeatedAnnotation => "repeated annotations",
                AnomalyKind::ConflictingAnnotation => "conflicting annotations",
                AnomalyKind::AnnotationAfterNonHanzi => "annotations after a non-hanzi",
                AnomalyKind::InvalidReading => "invalid readings",
                AnomalyKind::UnclosedParenthesis => "unclosed parentheses",
                AnomalyKind::UnmatchedParenthesis => "unmatched closing parentheses",
                AnomalyKind::NumberingGap => "numbering gaps",
                AnomalyKind::NumberingDuplicate => "numbering duplicates",
                AnomalyKind::NumberingRestart => "numbering restarts",
                AnomalyKind::ControlCharacter => "runs of control characters",
            },
            FindingKind::ReadingNotInDictionary => "readings not in the dictionary",
            FindingKind::ReadingWrongInContext => "readings wrong for their word",
        }
    }
}

/// How the occurrences of a folded finding lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingRange {
    /// One occurrence, or repeated annotations of one character occurrence.
    Single,
    /// Back to back along one line: `line 1, columns 1–5,000,000`.
    Columns,
    /// One per line at the same column, on consecutive lines: `lines 2–300,000`.
    Lines,
}

/// One thing to fix, as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it is.
    pub kind: FindingKind,
    /// How its occurrences lie.
    pub range: FindingRange,
    /// Where the first occurrence starts.
    pub start: Position,
    /// Where the last occurrence starts (the first's place for a single occurrence).
    pub end: Position,
    /// Bytes from the first occurrence's start to the last one's end.
    pub span: Span,
    /// How many anomalies it stands for: folded occurrences, or a character's extra
    /// annotations.
    pub count: u32,
    /// The character or text concerned (a long run is cut, with `…`).
    pub subject: String,
    /// The clean text around it on its line, the spot marked: `…與中亞五【國】(哈薩克…`.
    pub context: String,
    /// What is wrong, with the count and range of a fold.
    pub detail: String,
}

impl Finding {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// The findings of a document, in source order: its anomalies and the readings the dictionary
/// does not know, folded.
pub fn findings(doc: &Document) -> Vec<Finding> {
    findings_with_context(doc, &context_flags(doc))
}

/// [`findings`] with the readings wrong in context already found (the transform finds them with
/// each block's facts, in its one pass per block).
pub fn findings_with_context(doc: &Document, context: &[ContextFlag]) -> Vec<Finding> {
    let mut out = Vec::new();
    each_finding(doc, context, |head, text| {
        out.push(Finding {
            kind: head.kind,
            range: head.range,
            start: head.start,
            end: head.end,
            span: head.span,
            count: head.count,
            subject: text.subject.clone(),
            context: text.context.clone(),
            detail: text.detail.clone(),
        })
    });
    out
}

/// A finding's fields other than its text (see [`Finding`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FindingHead {
    pub(crate) kind: FindingKind,
    pub(crate) range: FindingRange,
    pub(crate) start: Position,
    pub(crate) end: Position,
    pub(crate) span: Span,
    pub(crate) count: u32,
}

/// A finding's text (see [`Finding`]), in buffers reused from one finding to the next.
#[derive(Debug, Default)]
pub(crate) struct FindingText {
    pub(crate) subject: String,
    pub(crate) context: String,
    pub(crate) detail: String,
    /// Where the last context's segments were found: findings come in source order.
    segment: usize,
}

/// Streams the findings of [`findings_with_context`] to `emit`, their text in reused buffers: a
/// corpus has a finding every few hundred characters, and three strings each, allocated, copied
/// into a table and freed, cost more than writing them.
pub(crate) fn each_finding(
    doc: &Document,
    context: &[ContextFlag],
    mut emit: impl FnMut(&FindingHead, &FindingText),
) {
    let mut text = FindingText::default();
    fold(doc, context, |group, dictionary| {
        let head = render(doc, dictionary, group, &mut text);
        emit(&head, &text);
    });
}

/// How many findings a document has, and how many of them are errors, without writing their
/// text (for run summaries).
pub fn finding_counts(doc: &Document) -> (usize, usize) {
    finding_counts_with_context(doc, &context_flags(doc))
}

/// [`finding_counts`] with the readings wrong in context already found, as for
/// [`findings_with_context`].
pub fn finding_counts_with_context(doc: &Document, context: &[ContextFlag]) -> (usize, usize) {
    let (mut all, mut errors) = (0, 0);
    fold(doc, context, |group, _| {
        all += 1;
        if group.kind.severity() == Severity::Error {
            errors += 1;
        }
    });
    (all, errors)
}

/// Where an occurrence comes from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// `doc.anomalies[i]`.
    Anomaly(usize),
    /// `doc.chars[i]`, whose extra annotations are its anomalies.
    Repeats(usize),
    /// The i-th dictionary anomaly.
    Dictionary(usize),
}

/// One anomaly (or one character's repeats), reduced to what folding compares.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    kind: FindingKind,
    /// The bytes of the spot itself: the parenthesis of an unclosed parenthesis (whose anomaly
    /// spans to the line's end), the character of repeats, else the anomaly's span.
    spot: Span,
    position: Position,
    source: Source,
    /// How many anomalies it stands for: a parser run's count (each one column), else 1.
    count: u32,
}

impl Occurrence {
    /// Where its last anomaly starts: a run's parentheses are one column each.
    fn last_position(&self) -> Position {
        Position {
            line: self.position.line,
            column: self
                .position
                .column
                .saturating_add(self.count.saturating_sub(1)),
        }
    }
}

/// A run of occurrences that make one finding.
#[derive(Debug, Clone, Copy)]
struct Group {
    kind: FindingKind,
    range: FindingRange,
    first: Occurrence,
    last: Occurrence,
    count: u32,
}

/// Streams the document's occurrences in source order and hands each folded group to `emit`.
fn fold(
    doc: &Document,
    context: &[ContextFlag],
    mut emit: impl FnMut(&Group, &[DictionaryAnomaly]),
) {
    // The dictionary's findings and those in context, as one sorted stream with their kinds.
    let mut checked: Vec<(FindingKind, DictionaryAnomaly)> = dictionary_anomalies(doc)
        .into_iter()
        .map(|d| (FindingKind::ReadingNotInDictionary, d))
        .chain(context.iter().map(|f| {
            (
                FindingKind::ReadingWrongInContext,
                DictionaryAnomaly {
                    span: f.span,
                    position: f.position,
                    detail: f.describe(),
                },
            )
        }))
        .collect();
    checked.sort_by_key(|(kind, d)| (d.span.start, *kind));
    let kinds: Vec<FindingKind> = checked.iter().map(|(k, _)| *k).collect();
    let dictionary: Vec<DictionaryAnomaly> = checked.into_iter().map(|(_, d)| d).collect();
    let mut anomalies = doc
        .anomalies
        .iter()
        .enumerate()
        .filter(|(_, a)| !matches!(a.detail, AnomalyDetail::Repeat { .. }))
        .map(|(i, a)| Occurrence {
            kind: FindingKind::Anomaly(a.kind),
            spot: spot_of(&doc.text, a),
            position: a.position,
            source: Source::Anomaly(i),
            count: a.count(),
        })
        .peekable();
    // Characters and groups come in source order: their anomalies are searched for on from the
    // last ones found.
    let (mut repeats_cursor, mut group_cursor) = (0, 0);
    let mut repeats = doc
        .chars
        .iter()
        .enumerate()
        .filter_map(|(i, c)| repeat_occurrence(doc, i, c, &mut repeats_cursor))
        .peekable();
    let mut unknown = dictionary
        .iter()
        .enumerate()
        .map(|(i, d)| Occurrence {
            kind: kinds
                .get(i)
                .copied()
                .unwrap_or(FindingKind::ReadingNotInDictionary),
            spot: d.span,
            position: d.position,
            source: Source::Dictionary(i),
            count: 1,
        })
        .peekable();
    let mut open: Option<Group> = None;
    loop {
        // Three sorted streams merged by (start, kind), as the parser orders its anomalies.
        let key = |o: Option<&Occurrence>| o.map(|o| (o.spot.start, o.kind));
        let candidates = [
            key(anomalies.peek()),
            key(repeats.peek()),
            key(unknown.peek()),
        ];
        let Some(pick) = (0..3)
            .filter(|&i| candidates[i].is_some())
            .min_by_key(|&i| candidates[i])
        else {
            break;
        };
        let next = match pick {
            0 => anomalies.next(),
            1 => repeats.next(),
            _ => unknown.next(),
        };
        let Some(next) = next else { break };
        open = Some(match open {
            Some(mut group) => match joins(doc, &dictionary, &group, &next) {
                Some(range) => {
                    group.range = range;
                    group.last = next;
                    group.count = group.count.saturating_add(next.count);
                    group
                }
                None => {
                    emit(&group, &dictionary);
                    start_group(doc, next, &mut group_cursor)
                }
            },
            None => start_group(doc, next, &mut group_cursor),
        });
    }
    if let Some(group) = open {
        emit(&group, &dictionary);
    }
}

/// The spot an anomaly points at (see [`Occurrence::spot`]): for an unclosed parenthesis, or
/// a run of them, its parentheses only.
fn spot_of(text: &str, a: &Anomaly) -> Span {
    match a.kind {
        AnomalyKind::UnclosedParenthesis => {
            let len: usize = text
                .get(a.span.range())
                .unwrap_or("")
                .chars()
                .take(a.count() as usize)
                .map(char::len_utf8)
                .sum();
            Span::new(a.span.start as usize, a.span.start as usize + len.max(1))
        }
        _ => a.span,
    }
}

/// A character occurrence with more than one annotation, when some of them are anomalies.
fn repeat_occurrence(
    doc: &Document,
    index: usize,
    c: &AnnotatedChar,
    cursor: &mut usize,
) -> Option<Occurrence> {
    if c.annotation_count() < 2 {
        return None;
    }
    let extra = repeats_of(doc, c, cursor);
    let kind = if extra
        .iter()
        .any(|a| a.kind == AnomalyKind::ConflictingAnnotation)
    {
        AnomalyKind::ConflictingAnnotation
    } else if extra
        .iter()
        .any(|a| a.kind == AnomalyKind::RepeatedAnnotation)
    {
        AnomalyKind::RepeatedAnnotation
    } else {
        // Only invalid readings after the first: they are findings of their own.
        return None;
    };
    Some(Occurrence {
        kind: FindingKind::Anomaly(kind),
        spot: c.span,
        position: c.position,
        source: Source::Repeats(index),
        count: 1,
    })
}

/// The anomalies of a character's annotations (its repeats, and any invalid reading among
/// them), found by bisection in the sorted list.
fn repeats_of<'d>(doc: &'d Document, c: &AnnotatedChar, cursor: &mut usize) -> &'d [Anomaly] {
    let last = c
        .annotations
        .end
        .checked_sub(1)
        .and_then(|i| doc.annotations.get(i as usize));
    let end = last.map_or(c.span.end, |a| a.span.end);
    // As `Document::anomalies_in`, searched on from the previous character's.
    let anomalies = &doc.anomalies;
    let from = partition_from(anomalies, *cursor, |a| a.span.start < c.span.end);
    let to = partition_from(anomalies, from, |a| a.span.start < end);
    *cursor = from;
    anomalies.get(from..to.max(from)).unwrap_or(&[])
}

fn start_group(doc: &Document, first: Occurrence, cursor: &mut usize) -> Group {
    let count = match first.source {
        Source::Repeats(i) => doc.chars.get(i).map_or(1, |c| {
            let n = repeats_of(doc, c, cursor)
                .iter()
                .filter(|a| matches!(a.detail, AnomalyDetail::Repeat { .. }))
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        }),
        _ => first.count,
    };
    Group {
        kind: first.kind,
        range: if first.count > 1 {
            FindingRange::Columns
        } else {
            FindingRange::Single
        },
        first,
        last: first,
        count,
    }
}

/// Whether `next` continues `group`, and how the group then lies.
fn joins(
    doc: &Document,
    dictionary: &[DictionaryAnomaly],
    group: &Group,
    next: &Occurrence,
) -> Option<FindingRange> {
    let last = &group.last;
    if next.kind != group.kind
        || matches!(next.source, Source::Repeats(_))
        || matches!(last.source, Source::Repeats(_))
        || subject_key(doc, dictionary, last) != subject_key(doc, dictionary, next)
    {
        return None;
    }
    let along = next.position.line == last.position.line && next.spot.start == last.spot.end;
    let down = next.position.line == last.position.line.saturating_add(1)
        && next.position.column == group.first.position.column;
    match group.range {
        FindingRange::Single if along => Some(FindingRange::Columns),
        FindingRange::Single if down => Some(FindingRange::Lines),
        FindingRange::Columns if along => Some(FindingRange::Columns),
        FindingRange::Lines if down => Some(FindingRange::Lines),
        _ => None,
    }
}

/// What two occurrences must share to fold: the source text of the spot, and the specifics
/// of numbering (`section 1 where 2 was expected` folds only with itself) and of dictionary
/// checks (only the same reading of the same character folds).
fn subject_key<'a>(
    doc: &'a Document,
    dictionary: &'a [DictionaryAnomaly],
    o: &Occurrence,
) -> (&'a str, Option<(u32, u32)>, Option<&'a str>) {
    let text = doc.text.get(o.spot.range()).unwrap_or("");
    match o.source {
        Source::Anomaly(i) => match doc.anomalies.get(i).map(|a| a.detail) {
            Some(AnomalyDetail::Numbering {
                expected, found, ..
            }) => (text, Some((expected.0, found.0)), None),
            _ => (text, None, None),
        },
        Source::Dictionary(i) => (text, None, dictionary.get(i).map(|d| d.detail.as_str())),
        Source::Repeats(_) => (text, None, None),
    }
}

/// Longest subject shown, in characters; a longer run is cut with `…`.
const SUBJECT_CHARS: usize = 12;
/// Characters of clean text shown on each side of the spot in a context.
const CONTEXT_CHARS: usize = 8;
/// Segments walked on each side of the spot for its context: a context stays short even
/// when the line around it is a long chain of annotations.
const CONTEXT_SEGMENTS: usize = 64;

/// Writes out a group: its subject, context and detail into `text`, the rest returned.
fn render(
    doc: &Document,
    dictionary: &[DictionaryAnomaly],
    group: &Group,
    text: &mut FindingText,
) -> FindingHead {
    let Group {
        kind,
        range,
        first,
        last,
        count,
    } = *group;
    let span = Span {
        start: first.spot.start,
        end: last.spot.end.max(first.spot.end),
    };
    // A fold along a line marks its whole run; a fold down lines shows its first line, where
    // the others look the same.
    let shown = match range {
        FindingRange::Lines => first.spot,
        _ => span,
    };
    let FindingText {
        subject,
        context: around,
        detail,
        segment,
    } = text;
    subject.clear();
    push_cut(
        subject,
        doc.text.get(shown.range()).unwrap_or(""),
        SUBJECT_CHARS,
    );
    around.clear();
    context(doc, shown, around, segment);
    detail.clear();
    match (range, first.source) {
        (FindingRange::Single, Source::Repeats(i)) => {
            if let Some(c) = doc.chars.get(i) {
                repeats_detail(doc, c, kind, count, detail);
            }
        }
        (FindingRange::Single, _) => detail.push_str(&describe(doc, dictionary, &first)),
        (FindingRange::Columns, _) | (FindingRange::Lines, _) => {
            push_thousands(detail, count);
            detail.push(' ');
            detail.push_str(kind.plural());
            detail.push_str(", ");
            push_place(detail, range, first.position, last.last_position());
            // The parentheses say all there is in the count; numbering and readings have
            // specifics worth one example.
            if !matches!(
                kind,
                FindingKind::Anomaly(
                    AnomalyKind::UnclosedParenthesis | AnomalyKind::UnmatchedParenthesis
                )
            ) {
                // Folded occurrences share their specifics (see `subject_key`): say them once.
                let each = describe(doc, dictionary, &first);
                let each = match kind {
                    FindingKind::Anomaly(
                        AnomalyKind::NumberingGap
                        | AnomalyKind::NumberingDuplicate
                        | AnomalyKind::NumberingRestart,
                    ) => each.split_once(": ").map_or(each.as_str(), |(_, s)| s),
                    _ => each.as_str(),
                };
                detail.push_str("; each: ");
                detail.push_str(each);
            }
        }
    }
    FindingHead {
        kind,
        range,
        start: first.position,
        end: last.last_position(),
        span,
        count,
    }
}

/// `line 1, columns 1–5,000,000` or `lines 2–300,000, column 1`.
fn push_place(out: &mut String, range: FindingRange, first: Position, last: Position) {
    let (lead, a, b, middle, c) = match range {
        FindingRange::Lines => ("lines ", first.line, last.line, ", column ", first.column),
        _ => ("line ", first.line, first.column, ", columns ", last.column),
    };
    out.push_str(lead);
    push_thousands(out, a);
    match range {
        FindingRange::Lines => {
            out.push('–');
            push_thousands(out, b);
            out.push_str(middle);
            push_thousands(out, c);
        }
        _ => {
            out.push_str(middle);
            push_thousands(out, b);
            out.push('–');
            push_thousands(out, c);
        }
    }
}

/// One occurrence's own description.
fn describe(doc: &Document, dictionary: &[DictionaryAnomaly], o: &Occurrence) -> String {
    match o.source {
        Source::Anomaly(i) => doc
            .anomalies
            .get(i)
            .map_or_else(String::new, |a| bounded_describe(&doc.text, a)),
        Source::Dictionary(i) => dictionary
            .get(i)
            .map_or_else(String::new, |d| d.detail.clone()),
        Source::Repeats(_) => String::new(),
    }
}

/// [`Anomaly::describe`], reading at most a short stretch of an unclosed parenthesis's span:
/// it runs to the end of its line, which may be 50 MB long.
fn bounded_describe(text: &str, a: &Anomaly) -> String {
    if a.kind != AnomalyKind::UnclosedParenthesis {
        return a.describe(text);
    }
    let mut short = *a;
    let start = a.span.start as usize;
    let mut end = (start + 64).min(a.span.end as usize).min(text.len());
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    short.span = Span::new(start, end);
    short.describe(text)
}

/// Distinct readings listed in a repeats detail; more are summed up as `and N more`.
const READINGS_SHOWN: usize = 8;

/// `中 annotated 5 times: zhong ×5; collapsed into one reading` or, with a conflict,
/// `… keeps zhong, ignores guo`.
fn repeats_detail(
    doc: &Document,
    c: &AnnotatedChar,
    kind: FindingKind,
    extra: u32,
    out: &mut String,
) {
    // On the stack: at most READINGS_SHOWN are listed.
    let mut listed = [("", 0u32); READINGS_SHOWN];
    let mut shown = 0;
    let mut more = 0u32;
    let from = c.annotations.start as usize;
    let to = c.annotations.end as usize;
    for annotation in doc.annotations.get(from..to).unwrap_or(&[]) {
        let raw = doc.text.get(annotation.span.range()).unwrap_or("");
        let inner = strip_parentheses(raw);
        if let Some((_, n)) = listed[..shown].iter_mut().find(|(r, _)| *r == inner) {
            *n += 1;
        } else if let Some(slot) = listed.get_mut(shown) {
            *slot = (inner, 1);
            shown += 1;
        } else {
            more += 1;
        }
    }
    let seen = &listed[..shown];
    // Written straight into one string: most findings of a corpus are repeats, and a string per
    // number and phrase was most of their cost.
    out.push(c.ch);
    out.push_str(" annotated ");
    push_thousands(out, u32::try_from(c.annotation_count()).unwrap_or(u32::MAX));
    out.push_str(" times (");
    push_thousands(out, extra);
    out.push_str(" extra): ");
    for (i, (r, n)) in seen.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(r);
        if *n > 1 {
            out.push_str(" ×");
            push_thousands(out, *n);
        }
    }
    if more > 0 {
        out.push_str(" and ");
        push_thousands(out, more);
        out.push_str(" more");
    }
    out.push_str("; ");
    match kind {
        FindingKind::Anomaly(AnomalyKind::ConflictingAnnotation) => {
            out.push_str("keeps ");
            match c.reading {
                Some(r) => {
                    let _ = write!(out, "{r}");
                }
                None => out.push('?'),
            }
            out.push_str(", ignores the others");
        }
        _ => out.push_str("collapsed into one reading"),
    }
}

/// The inside of `(zhong)` or `（zhong）`.
fn strip_parentheses(raw: &str) -> &str {
    let inner = raw.char_indices().nth(1).map_or(raw.len(), |(i, _)| i);
    let last = raw.char_indices().next_back().map_or(raw.len(), |(i, _)| i);
    raw.get(inner..last.max(inner)).unwrap_or("")
}

/// The clean text around `span` on its line, the span marked: `…與中亞五【國】(哈薩克…`, into
/// `out`; its segments are searched for on from `cursor` (see [`partition_from`]).
fn context(doc: &Document, span: Span, out: &mut String, cursor: &mut usize) {
    let segments = &doc.segments;
    // One character more than shown on each side tells whether to mark a cut with `…`. The
    // characters go into arrays on the stack: a corpus has a context per finding, and two
    // vectors each were a good part of the findings' cost.
    const WANT: usize = CONTEXT_CHARS + 1;
    let at = partition_from(segments, *cursor, |s| s.span.end <= span.start);
    *cursor = at;
    // A page number inside a unit (`- 2 -`) is no context of its text; a finding in a page's
    // furniture itself (a running header's reading) is shown in it.
    let in_furniture = segments
        .get(at)
        .is_some_and(|s| s.kind == SegmentKind::PageFurniture);

    let mut before = ['\0'; WANT];
    let mut before_len = 0;
    let mut walked_out = false;
    let upto = at.saturating_add(1).min(segments.len());
    for (walked, segment) in segments[..upto].iter().rev().enumerate() {
        if walked == CONTEXT_SEGMENTS {
            walked_out = true;
            break;
        }
        match segment.kind {
            SegmentKind::Text | SegmentKind::Marker | SegmentKind::PageFurniture
                if in_furniture || segment.kind != SegmentKind::PageFurniture =>
            {
                let start = segment.span.start as usize;
                let end = segment.span.end.min(span.start) as usize;
                if start < end {
                    let text = doc.text.get(start..end).unwrap_or("");
                    for (slot, c) in before[before_len..].iter_mut().zip(text.chars().rev()) {
                        *slot = c;
                        before_len += 1;
                    }
                }
            }
            SegmentKind::LineBreak | SegmentKind::Bom if segment.span.end <= span.start => break,
            _ => {}
        }
        if before_len == WANT {
            break;
        }
    }
    let cut_before = walked_out || before_len == WANT;
    let before = &before[..before_len.min(CONTEXT_CHARS)];
    let mut after = ['\0'; WANT];
    let mut after_len = 0;
    let from = partition_from(segments, at, |s| s.span.end <= span.end);
    let mut line_ended = false;
    for segment in segments.iter().skip(from).take(CONTEXT_SEGMENTS) {
        match segment.kind {
            SegmentKind::Text | SegmentKind::Marker | SegmentKind::PageFurniture
                if in_furniture || segment.kind != SegmentKind::PageFurniture =>
            {
                let start = segment.span.start.max(span.end) as usize;
                let end = segment.span.end as usize;
                if start < end {
                    let text = doc.text.get(start..end).unwrap_or("");
                    for (slot, c) in after[after_len..].iter_mut().zip(text.chars()) {
                        *slot = c;
                        after_len += 1;
                    }
                }
            }
            SegmentKind::LineBreak => {
                line_ended = true;
                break;
            }
            _ => {}
        }
        if after_len == WANT {
            break;
        }
    }
    // The walk ends at the line's end, the text's end, or the segment limit (then it is cut).
    let cut_after = after_len == WANT
        || (!line_ended && segments.len() > from.saturating_add(CONTEXT_SEGMENTS));
    let after = &after[..after_len.min(CONTEXT_CHARS)];
    let spot = doc.text.get(span.range()).unwrap_or("");
    if cut_before {
        out.push('…');
    }
    for &c in before.iter().rev() {
        out.push(visible(c));
    }
    out.push('【');
    push_cut(out, spot, SUBJECT_CHARS);
    out.push('】');
    for &c in after {
        out.push(visible(c));
    }
    if cut_after {
        out.push('…');
    }
}

/// At most `limit` characters of `text`, shown [`visible`], `…` marking a cut.
fn push_cut(out: &mut String, text: &str, limit: usize) {
    let mut chars = text.chars();
    for c in chars.by_ref().take(limit) {
        out.push(visible(c));
    }
    if chars.next().is_some() {
        out.push('…');
    }
}

/// Control characters shown as their Unicode pictures (`␀`), line breaks as `⏎`, so a cell or a
/// terminal line never carries them raw.
fn visible(c: char) -> char {
    match c {
        '\n' | '\r' => '⏎',
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7F}' => '␡',
        c => c,
    }
}

/// `5000000` → `5,000,000`.
#[cfg(test)]
fn thousands(n: u32) -> String {
    let mut out = String::new();
    push_thousands(&mut out, n);
    out
}

/// Writes `n` with its thousands separated (`5,000,000`), without a string of its own.
fn push_thousands(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        out.push(char::from(digits[i]));
        if i > 0 && i % 3 == 0 {
            out.push(',');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        annotext_parser::parse_str("t", text).expect("parses")
    }

    #[test]
    fn repeated_annotations_of_one_character_are_one_finding_with_the_readings_seen() {
        let d = doc("中(zhong)(zhong)(zhong)國(guo)(guo)\n");
        let found = findings(&d);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].subject, "中");
        assert_eq!(found[0].count, 2);
        assert_eq!(
            found[0].detail,
            "中 annotated 3 times (2 extra): zhong ×3; collapsed into one reading"
        );
        assert_eq!(found[0].context, "【中】國");
        assert_eq!(found[1].count, 1);
        assert_eq!(found[1].context, "中【國】");
        assert_eq!(found[0].severity(), Severity::Warning);
    }

    #[test]
    fn a_conflict_makes_the_character_an_error() {
        let d = doc("中(zhong)(guo)(zhong)\n");
        let found = findings(&d);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].kind,
            FindingKind::Anomaly(AnomalyKind::ConflictingAnnotation)
        );
        assert_eq!(found[0].count, 2);
        assert!(
            found[0].detail.contains("zhong ×2, guo"),
            "{}",
            found[0].detail
        );
        assert_eq!(found[0].severity(), Severity::Error);
    }

    #[test]
    fn a_run_of_unclosed_parentheses_folds_with_its_column_range() {
        let d = doc(&format!("甲{}\n", "(".repeat(1000)));
        let found = findings(&d);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!((f.start, f.end), ((1, 2).into(), (1, 1001).into()));
        assert_eq!(f.count, 1000);
        assert_eq!(f.range, FindingRange::Columns);
        assert_eq!(
            f.detail,
            "1,000 unclosed parentheses, line 1, columns 2–1,001"
        );
        assert_eq!(f.subject, "((((((((((((…");
        assert_eq!(f.context, "甲【((((((((((((…】");
    }

    #[test]
    fn separate_runs_stay_separate_findings() {
        let d = doc("甲))乙)\n");
        let found = findings(&d);
        let counts: Vec<u32> = found.iter().map(|f| f.count).collect();
        assert_eq!(counts, [2, 1]);
        assert_eq!(found[1].start, (1, 5).into());
    }

    #[test]
    fn numbering_restarts_on_consecutive_lines_fold_into_a_line_range() {
        let d = doc(&"一、\n".repeat(5));
        let found = findings(&d);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!((f.start.line, f.end.line, f.count), (2, 5, 4));
        assert_eq!(f.range, FindingRange::Lines);
        assert_eq!(
            f.detail,
            "4 numbering restarts, lines 2–5, column 1; each: section 1 where 2 was expected"
        );
        assert_eq!(f.subject, "一、");
        assert_eq!(f.context, "【一、】");
    }

    #[test]
    fn context_is_the_clean_text_of_the_line_with_the_spot_marked() {
        let d = doc(
            "首先，與(yu)中(zhong)亞(ya)五(wu)國(guo)(guo)(哈薩克斯坦、吉爾吉斯斯坦)\n下一行\n",
        );
        let found = findings(&d);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].context, "首先，與中亞五【國】(哈薩克斯坦、吉…");
    }

    #[test]
    fn control_characters_are_shown_as_pictures() {
        let d = doc("中\u{0}\u{0}國\n");
        let found = findings(&d);
        assert_eq!(found[0].subject, "␀␀");
        assert_eq!(found[0].context, "中【␀␀】國");
    }

    #[test]
    fn counts_agree_with_the_findings() {
        let d = doc("中(zhong)(zhong)(((\n一、\n一、\n");
        let found = findings(&d);
        let errors = found
            .iter()
            .filter(|f| f.severity() == Severity::Error)
            .count();
        assert_eq!(finding_counts(&d), (found.len(), errors));
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(5_000_000), "5,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
