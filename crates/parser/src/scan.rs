//! The single pass over the source: lines, markers, annotations and parentheses, producing the
//! segments that tile the input. Structure checks that need whole lines come after, in
//! [`crate::structure`].

use memchr::{memchr, memchr3};

use crate::anomaly::{Anomaly, AnomalyDetail, AnomalyKind};
use crate::reading::{Reading, ReadingError};
use crate::records::{
    AnnotatedChar, Annotation, Block, BlockKind, ItemNumber, Line, LineEnding, Position, Segment,
    SegmentKind, Span,
};

/// Longest text inside parentheses that is still tried as a reading (`zhuàng5` with marks is 9).
const MAX_ANNOTATION_BYTES: usize = 16;

const FULLWIDTH_OPEN: &[u8] = "（".as_bytes();
const FULLWIDTH_CLOSE: &[u8] = "）".as_bytes();
/// Lead byte of `（` and `）` (U+FF08/U+FF09); memchr finds it, then the next two bytes decide.
const FULLWIDTH_LEAD: u8 = 0xEF;

/// Whether a character is a CJK ideograph (traditional, simplified or variant).
pub fn is_hanzi(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}')
}

/// Counts characters in a UTF-8 byte slice (bytes that do not continue a character).
pub(crate) fn count_chars(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32
}

/// Remembers what each short parenthesised word parsed to. A document uses a few hundred
/// distinct annotations thousands of times, so this spares the syllable table most look-ups.
#[derive(Default)]
struct ReadingMemo {
    known: rustc_hash::FxHashMap<u64, Result<Reading, ReadingError>>,
}

impl ReadingMemo {
    fn parse(&mut self, raw: &str) -> Result<Reading, ReadingError> {
        let bytes = raw.as_bytes();
        if bytes.len() > 7 {
            return Reading::parse(raw);
        }
        // Up to 7 bytes and the length, packed: a key that cannot collide.
        let mut key = [0u8; 8];
        key[..bytes.len()].copy_from_slice(bytes);
        key[7] = bytes.len() as u8;
        *self
            .known
            .entry(u64::from_le_bytes(key))
            .or_insert_with(|| Reading::parse(raw))
    }
}

/// Turns byte offsets on the current line into columns without rescanning the line each time.
struct Columns {
    line: u32,
    line_start: usize,
    byte: usize,
    chars: u32,
}

impl Columns {
    fn position(&mut self, bytes: &[u8], offset: usize) -> Position {
        if offset < self.byte {
            self.byte = self.line_start;
            self.chars = 0;
        }
        self.chars += count_chars(&bytes[self.byte..offset]);
        self.byte = offset;
        Position {
            line: self.line,
            column: self.chars + 1,
        }
    }
}

/// What the scan produces; [`crate::structure`] completes it into a [`crate::Document`].
pub(crate) struct Scan {
    pub segments: Vec<Segment>,
    pub lines: Vec<Line>,
    pub blocks: Vec<Block>,
    pub annotations: Vec<Annotation>,
    pub chars: Vec<AnnotatedChar>,
    pub anomalies: Vec<Anomaly>,
    /// The item number the current list calls for next (1 after a heading).
    pub next_item: u32,
    /// A line's clean start, gathered for [`classify`]; reused from line to line.
    pub prefix: String,
}

pub(crate) fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    // Upper bounds from a quick count, so big inputs never pay for a regrowth copy; untouched
    // capacity costs no memory.
    let parens = memchr::memchr_iter(b'(', bytes).count()
        + memchr::memmem::find_iter(bytes, FULLWIDTH_OPEN).count();
    let newlines = memchr::memchr_iter(b'\n', bytes).count();
    let mut out = Scan {
        segments: Vec::with_capacity(2 * parens + 3 * (newlines + 1) + 1),
        lines: Vec::with_capacity(newlines + 2),
        blocks: Vec::with_capacity(newlines + 1),
        annotations: Vec::with_capacity(parens),
        chars: Vec::with_capacity(parens),
        anomalies: Vec::with_capacity(parens / 2),
        next_item: 1,
        prefix: String::new(),
    };
    let mut pos = 0;
    if text.starts_with('\u{FEFF}') {
        pos = '\u{FEFF}'.len_utf8();
        out.segments.push(Segment {
            kind: SegmentKind::Bom,
            span: Span::new(0, pos),
        });
    }
    let mut number = 1u32;
    let mut memo = ReadingMemo::default();
    loop {
        let (content_end, ending, next) = match memchr(b'\n', &bytes[pos..]) {
            Some(i) => {
                let nl = pos + i;
                if nl > pos && bytes[nl - 1] == b'\r' {
                    (nl - 1, LineEnding::CrLf, nl + 1)
                } else {
                    (nl, LineEnding::Lf, nl + 1)
                }
            }
            None => (bytes.len(), LineEnding::None, bytes.len()),
        };
        let span = Span::new(pos, content_end);
        out.lines.push(Line {
            number,
            span,
            ending,
        });
        scan_line(text, number, pos, content_end, &mut memo, &mut out);
        if ending != LineEnding::None {
            out.segments.push(Segment {
                kind: SegmentKind::LineBreak,
                span: Span::new(content_end, next),
            });
        }
        if next >= bytes.len() {
            if ending != LineEnding::None {
                // A final newline: the empty line after it still gets a record, so lines tile too.
                out.lines.push(Line {
                    number: number + 1,
                    span: Span::new(next, next),
                    ending: LineEnding::None,
                });
            }
            break;
        }
        pos = next;
        number += 1;
    }
    out
}

/// How many bytes of a line's clean text [`classify`] looks at: indentation and the longest
/// marker (`（一百二十三）`) fit well within.
const MARKER_WINDOW: usize = 96;

/// Recognises the numbering marker at the start of a line's clean text (annotations already
/// left out, so `一(yī)、` reads as `一、`): the block kind and the marker's length in clean
/// bytes, leading spaces included. `next_item` is the item number the list calls for next: it
/// decides between `7.2026年…` (item 7) and `2.5億元…` (a decimal number).
fn classify(clean: &str, next_item: u32) -> (BlockKind, usize) {
    let rest = clean.trim_start();
    if rest.is_empty() {
        return (BlockKind::Blank, 0);
    }
    let indent = clean.len() - rest.len();
    if let Some((number, len)) = item_marker(rest, next_item) {
        return (BlockKind::Item { number }, indent + len);
    }
    if let Some((number, len)) = section_marker(rest) {
        return (BlockKind::SectionHeading { number }, indent + len);
    }
    if let Some((number, len)) = subsection_marker(rest) {
        return (BlockKind::SubsectionHeading { number }, indent + len);
    }
    (BlockKind::Paragraph, 0)
}

/// `21.` / `２１．` / `21、`. A digit right after the point (`7.2026年`, `2.5億`) makes it an
/// item only when its number is the one the list calls for next.
fn item_marker(line: &str, next_item: u32) -> Option<(ItemNumber, usize)> {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let digits_end = line
        .char_indices()
        .find(|(_, c)| !is_digit(*c))
        .map_or(line.len(), |(i, _)| i);
    if digits_end == 0 {
        return None;
    }
    let rest = &line[digits_end..];
    let punct = ['.', '．', '、']
        .into_iter()
        .find(|p| rest.starts_with(*p))?;
    let ambiguous = rest[punct.len_utf8()..].starts_with(is_digit);
    let value: String = line[..digits_end]
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let n = value.parse::<u32>().ok()?;
    if ambiguous && n != next_item {
        return None;
    }
    Some((ItemNumber(n), digits_end + punct.len_utf8()))
}

/// A Chinese numeral at the start of `text` (`十二`, `兩`): its value and length in bytes.
fn chinese_numeral(text: &str) -> Option<(u32, usize)> {
    use chinese_number::{ChineseCountMethod, ChineseToNumber};
    let end = text
        .char_indices()
        .find(|(_, c)| !"〇零一二三四五六七八九十百兩两".contains(*c))
        .map_or(text.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let numeral = text[..end].replace(['兩', '两'], "二");
    let n = ChineseToNumber::<u32>::to_number(&numeral, ChineseCountMethod::TenThousand).ok()?;
    Some((n, end))
}

/// `一、` … `十二、` (or `一．`).
fn section_marker(line: &str) -> Option<(ItemNumber, usize)> {
    let (n, end) = chinese_numeral(line)?;
    let punct = ['、', '．']
        .into_iter()
        .find(|p| line[end..].starts_with(*p))?;
    Some((ItemNumber(n), end + punct.len_utf8()))
}

/// `（一）` or `(一)`, full-width or ASCII parentheses, even mixed.
fn subsection_marker(line: &str) -> Option<(ItemNumber, usize)> {
    let open = ['（', '('].into_iter().find(|p| line.starts_with(*p))?;
    let inner = &line[open.len_utf8()..];
    let (n, end) = chinese_numeral(inner)?;
    let close = ['）', ')']
        .into_iter()
        .find(|p| inner[end..].starts_with(*p))?;
    Some((ItemNumber(n), open.len_utf8() + end + close.len_utf8()))
}

/// The start of a line's clean text (its text segments), at least [`MARKER_WINDOW`] bytes of it
/// when the line has that many: the first text segment itself when it is long enough or the
/// only one, else the segments gathered into `buffer`.
fn clean_prefix<'a>(text: &'a str, segments: &[Segment], buffer: &'a mut String) -> &'a str {
    let mut texts = segments.iter().filter(|s| s.kind == SegmentKind::Text);
    let Some(first) = texts.next() else {
        return "";
    };
    let first_text = &text[first.span.range()];
    if first_text.len() >= MARKER_WINDOW || segments.len() == 1 {
        return first_text;
    }
    buffer.clear();
    buffer.push_str(first_text);
    for segment in texts {
        if buffer.len() >= MARKER_WINDOW {
            break;
        }
        buffer.push_str(&text[segment.span.range()]);
    }
    buffer
}

/// Turns the first `clean_len` bytes of clean text of the segments from `first` on into marker
/// segments (splitting a text segment where the marker ends); annotations among them stay
/// annotations. Returns the offset where the marker ends in the source.
fn mark_marker(segments: &mut Vec<Segment>, first: usize, clean_len: usize) -> Option<usize> {
    let mut remaining = clean_len;
    let mut end = None;
    let mut i = first;
    while remaining > 0 && i < segments.len() {
        let segment = segments[i];
        if segment.kind == SegmentKind::Text {
            let len = segment.span.len();
            if len <= remaining {
                segments[i].kind = SegmentKind::Marker;
                remaining -= len;
                end = Some(segment.span.end as usize);
            } else {
                let cut = segment.span.start as usize + remaining;
                segments[i] = Segment {
                    kind: SegmentKind::Marker,
                    span: Span::new(segment.span.start as usize, cut),
                };
                segments.insert(
                    i + 1,
                    Segment {
                        kind: SegmentKind::Text,
                        span: Span::new(cut, segment.span.end as usize),
                    },
                );
                remaining = 0;
                end = Some(cut);
            }
        }
        i += 1;
    }
    end
}

/// The parenthesis at `at`, if any: (is_open, byte length).
fn paren_at(bytes: &[u8], at: usize) -> Option<(bool, usize)> {
    match bytes[at] {
        b'(' => Some((true, 1)),
        b')' => Some((false, 1)),
        FULLWIDTH_LEAD if bytes[at..].starts_with(FULLWIDTH_OPEN) => Some((true, 3)),
        FULLWIDTH_LEAD if bytes[at..].starts_with(FULLWIDTH_CLOSE) => Some((false, 3)),
        _ => None,
    }
}

/// Each byte of `word` equal to `byte` as its top bit set; the lowest set bit is always a true
/// match (the borrow can only add false ones above it), which is all `next_paren` reads.
#[inline]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Next parenthesis in `bytes[from..end]`: (offset, is_open, length).
///
/// Annotated text has a parenthesis every few bytes, so the search looks eight bytes at a time
/// in a word (no SIMD start-up cost) near `from`; `memchr3` takes over for long stretches of
/// plain text.
fn next_paren(bytes: &[u8], mut from: usize, end: usize) -> Option<(usize, bool, usize)> {
    const NEAR: usize = 64;
    while from < end {
        let near = end.min(from + NEAR);
        let mut at = None;
        let mut i = from;
        while i + 8 <= near {
            let Ok(chunk) = <[u8; 8]>::try_from(&bytes[i..i + 8]) else {
                break;
            };
            let word = u64::from_le_bytes(chunk);
            let found = bytes_equal(word, b'(')
                | bytes_equal(word, b')')
                | bytes_equal(word, FULLWIDTH_LEAD);
            if found != 0 {
                at = Some(i + (found.trailing_zeros() / 8) as usize);
                break;
            }
            i += 8;
        }
        let at = match at {
            Some(at) => at,
            None => match bytes[i..near]
                .iter()
                .position(|&b| b == b'(' || b == b')' || b == FULLWIDTH_LEAD)
            {
                Some(k) => i + k,
                None if near == end => return None,
                None => near + memchr3(b'(', b')', FULLWIDTH_LEAD, &bytes[near..end])?,
            },
        };
        if let Some((open, len)) = paren_at(bytes, at) {
            return Some((at, open, len));
        }
        from = at + 1;
    }
    None
}

/// Adjacent open parentheses: `count` of them from byte `start` to byte `end`.
#[derive(Debug, Clone, Copy)]
struct OpenRun {
    start: u32,
    end: u32,
    count: u32,
}

/// The stack of open text parentheses of a line, as runs of adjacent ones.
#[derive(Default)]
struct OpenRuns {
    runs: Vec<OpenRun>,
}

impl OpenRuns {
    fn push(&mut self, at: usize, len: usize) {
        let (at, end) = (at as u32, (at + len) as u32);
        match self.runs.last_mut() {
            Some(run) if run.end == at => {
                run.end = end;
                run.count += 1;
            }
            _ => self.runs.push(OpenRun {
                start: at,
                end,
                count: 1,
            }),
        }
    }

    /// Closes the innermost open parenthesis; false when none is open.
    fn pop(&mut self, bytes: &[u8]) -> bool {
        let Some(run) = self.runs.last_mut() else {
            return false;
        };
        if run.count == 1 {
            self.runs.pop();
            return true;
        }
        // The last `(` is ASCII (one byte) or full-width (three bytes, ending in 0x88).
        let last = run.end as usize - 1;
        let len = if bytes.get(last) == Some(&b'(') { 1 } else { 3 };
        run.end -= len;
        run.count -= 1;
        true
    }
}

fn scan_line(
    text: &str,
    number: u32,
    start: usize,
    end: usize,
    memo: &mut ReadingMemo,
    out: &mut Scan,
) {
    let bytes = text.as_bytes();
    let first_segment = out.segments.len() as u32;
    // The whole line is scanned for annotations first, markers included: a numeral may carry
    // one (`一(yī)、`), and the marker is then recognised on the clean text.
    let mut cols = Columns {
        line: number,
        line_start: start,
        byte: start,
        chars: 0,
    };
    let mut text_start = start;
    // Text parentheses still open on this line: their `(` offsets.
    // Text parentheses still open on this line, as runs of adjacent ones: a line of millions
    // of `(` is one entry, and one anomaly at its end.
    let mut open = OpenRuns::default();
    // End of the last annotation, and the character it belongs to: a further annotation starting
    // exactly there is a repetition on the same character.
    let mut chain: Option<(usize, u32)> = None;
    let mut at = start;
    while let Some((p, is_open, plen)) = next_paren(bytes, at, end) {
        if !is_open {
            if !open.pop(bytes) {
                // A `)` right after an unmatched one extends its run.
                match out.anomalies.last_mut() {
                    Some(last)
                        if last.kind == AnomalyKind::UnmatchedParenthesis
                            && last.span.end as usize == p =>
                    {
                        last.span.end = (p + plen) as u32;
                        last.detail = AnomalyDetail::Run {
                            count: last.count().saturating_add(1),
                        };
                    }
                    _ => {
                        let position = cols.position(bytes, p);
                        out.anomalies.push(Anomaly {
                            kind: AnomalyKind::UnmatchedParenthesis,
                            span: Span::new(p, p + plen),
                            position,
                            detail: AnomalyDetail::Text,
                        });
                    }
                }
            }
            at = p + plen;
            continue;
        }
        let inner_start = p + plen;
        let limit = end.min(inner_start + MAX_ANNOTATION_BYTES + 1);
        let close = next_paren(bytes, inner_start, limit).filter(|&(_, o, _)| !o);
        let Some((close_at, _, close_len)) = close else {
            open.push(p, plen);
            at = inner_start;
            continue;
        };
        let parsed = memo.parse(&text[inner_start..close_at]);
        if parsed == Err(ReadingError::NotSyllableShaped) {
            open.push(p, plen);
            at = inner_start;
            continue;
        }
        let ann_end = close_at + close_len;
        let target = match chain {
            Some((chain_end, index)) if chain_end == p => Some(index),
            _ => text[..p]
                .chars()
                .next_back()
                .filter(|c| is_hanzi(*c))
                .map(|c| {
                    let char_start = p - c.len_utf8();
                    let position = cols.position(bytes, char_start);
                    out.chars.push(AnnotatedChar {
                        ch: c,
                        span: Span::new(char_start, p),
                        position,
                        reading: None,
                        annotations: out.annotations.len() as u32..out.annotations.len() as u32,
                    });
                    (out.chars.len() - 1) as u32
                }),
        };
        let Some(target) = target else {
            // A parenthesised word after a non-hanzi: text. Flag it when it reads as pinyin.
            if parsed.is_ok() {
                let position = cols.position(bytes, p);
                out.anomalies.push(Anomaly {
                    kind: AnomalyKind::AnnotationAfterNonHanzi,
                    span: Span::new(p, ann_end),
                    position,
                    detail: AnomalyDetail::Text,
                });
            }
            at = ann_end;
            continue;
        };
        if text_start < p {
            out.segments.push(Segment {
                kind: SegmentKind::Text,
                span: Span::new(text_start, p),
            });
        }
        let span = Span::new(p, ann_end);
        out.segments.push(Segment {
            kind: SegmentKind::Annotation,
            span,
        });
        let position = cols.position(bytes, p);
        let reading = parsed.ok();
        let ch = &mut out.chars[target as usize];
        let repeat = !ch.annotations.is_empty();
        let kept = ch.reading;
        if ch.reading.is_none() {
            ch.reading = reading;
        }
        ch.annotations.end += 1;
        let ch = ch.ch;
        out.annotations.push(Annotation {
            span,
            position,
            reading,
            target,
        });
        if reading.is_none() {
            out.anomalies.push(Anomaly {
                kind: AnomalyKind::InvalidReading,
                span,
                position,
                detail: AnomalyDetail::Text,
            });
        } else if repeat {
            let agrees = matches!((kept, reading), (Some(k), Some(r)) if k.agrees_with(&r));
            out.anomalies.push(Anomaly {
                kind: if agrees || kept.is_none() {
                    AnomalyKind::RepeatedAnnotation
                } else {
                    AnomalyKind::ConflictingAnnotation
                },
                span,
                position,
                detail: AnomalyDetail::Repeat {
                    ch,
                    kept,
                    found: reading,
                },
            });
        }
        chain = Some((ann_end, target));
        text_start = ann_end;
        at = ann_end;
    }
    if text_start < end {
        out.segments.push(Segment {
            kind: SegmentKind::Text,
            span: Span::new(text_start, end),
        });
    }
    for run in &open.runs {
        let p = run.start as usize;
        let position = cols.position(bytes, p);
        out.anomalies.push(Anomaly {
            kind: AnomalyKind::UnclosedParenthesis,
            span: Span::new(p, end),
            position,
            detail: match run.count {
                1 => AnomalyDetail::Text,
                count => AnomalyDetail::Run { count },
            },
        });
    }
    let first = first_segment as usize;
    let (kind, marker_len) = if text[start..end].trim().is_empty() {
        (BlockKind::Blank, 0)
    } else {
        let mut buffer = std::mem::take(&mut out.prefix);
        let classified = classify(
            clean_prefix(text, &out.segments[first..], &mut buffer),
            out.next_item,
        );
        out.prefix = buffer;
        classified
    };
    out.next_item = match kind {
        BlockKind::SectionHeading { .. } | BlockKind::SubsectionHeading { .. } => 1,
        BlockKind::Item { number } => number.0.saturating_add(1),
        BlockKind::Paragraph | BlockKind::Blank => out.next_item,
    };
    let marker_end = match marker_len {
        0 => None,
        len => mark_marker(&mut out.segments, first, len),
    };
    let marker = marker_end.map(|e| Span::new(start, e));
    out.blocks.push(Block {
        kind,
        line: number,
        span: Span::new(start, end),
        marker,
        body: Span::new(marker_end.unwrap_or(start), end),
        section: None,
        subsection: None,
        segments: first_segment..out.segments.len() as u32,
    });
}

/// Whether a byte is a control character that has no place in text (tab, CR and LF do).
fn is_control(b: u8) -> bool {
    // Non-short-circuit operators: the chunk test below compiles to vector instructions.
    ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F)
}

/// Offset of the first control byte: whole chunks are tested without a branch per byte, and
/// only a chunk holding one is searched byte by byte (control bytes are rare).
fn find_control(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 64;
    let mut base = 0;
    for chunk in bytes.chunks(CHUNK) {
        if chunk.iter().fold(false, |any, &b| any | is_control(b)) {
            return chunk.iter().position(|&b| is_control(b)).map(|i| base + i);
        }
        base += chunk.len();
    }
    None
}

/// Reports each run of control characters as one anomaly. Runs of them are rare, so the cost is
/// one byte scan; positions come from the line index.
pub(crate) fn control_characters(text: &str, lines: &[Line], anomalies: &mut Vec<Anomaly>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut line = 0usize;
    let mut cols: Option<Columns> = None;
    while let Some(i) = find_control(&bytes[at..]) {
        let start = at + i;
        let end = bytes[start..]
            .iter()
            .position(|&b| !is_control(b))
            .map_or(bytes.len(), |n| start + n);
        while line + 1 < lines.len() && lines[line + 1].span.start as usize <= start {
            line += 1;
            cols = None;
        }
        let Some(l) = lines.get(line) else { break };
        let cols = cols.get_or_insert(Columns {
            line: l.number,
            line_start: l.span.start as usize,
            byte: l.span.start as usize,
            chars: 0,
        });
        anomalies.push(Anomaly {
            kind: AnomalyKind::ControlCharacter,
            span: Span::new(start, end),
            position: cols.position(bytes, start),
            detail: AnomalyDetail::Text,
        });
        at = end;
    }
}
