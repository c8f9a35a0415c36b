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

/// Recognises the numbering marker at the start of a line.
fn classify(line: &str) -> (BlockKind, usize) {
    if line.trim().is_empty() {
        return (BlockKind::Blank, 0);
    }
    // `21.` / `２１．` / `21、`
    let digits_end = line
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c)))
        .map_or(line.len(), |(i, _)| i);
    if digits_end > 0 {
        let rest = &line[digits_end..];
        if let Some(punct) = ['.', '．', '、'].into_iter().find(|p| rest.starts_with(*p)) {
            let value: String = line[..digits_end]
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    c => c,
                })
                .collect();
            if let Ok(n) = value.parse::<u32>() {
                return (
                    BlockKind::Item {
                        number: ItemNumber(n),
                    },
                    digits_end + punct.len_utf8(),
                );
            }
        }
        return (BlockKind::Paragraph, 0);
    }
    // `一、` … `十二、`
    let numeral_end = line
        .char_indices()
        .find(|(_, c)| !"〇零一二三四五六七八九十百兩".contains(*c))
        .map_or(line.len(), |(i, _)| i);
    if numeral_end > 0 && line[numeral_end..].starts_with('、') {
        use chinese_number::{ChineseCountMethod, ChineseToNumber};
        let numeral = line[..numeral_end].replace('兩', "二");
        if let Ok(n) = ChineseToNumber::<u32>::to_number(&numeral, ChineseCountMethod::TenThousand)
        {
            return (
                BlockKind::SectionHeading {
                    number: ItemNumber(n),
                },
                numeral_end + '、'.len_utf8(),
            );
        }
    }
    (BlockKind::Paragraph, 0)
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

fn scan_line(
    text: &str,
    number: u32,
    start: usize,
    end: usize,
    memo: &mut ReadingMemo,
    out: &mut Scan,
) {
    let bytes = text.as_bytes();
    let (kind, marker_len) = classify(&text[start..end]);
    let first_segment = out.segments.len() as u32;
    let marker = (marker_len > 0).then(|| Span::new(start, start + marker_len));
    if let Some(span) = marker {
        out.segments.push(Segment {
            kind: SegmentKind::Marker,
            span,
        });
    }
    let body_start = start + marker_len;
    let mut cols = Columns {
        line: number,
        line_start: start,
        byte: start,
        chars: 0,
    };
    let mut text_start = body_start;
    // Text parentheses still open on this line: their `(` offsets.
    let mut open: Vec<usize> = Vec::new();
    // End of the last annotation, and the character it belongs to: a further annotation starting
    // exactly there is a repetition on the same character.
    let mut chain: Option<(usize, u32)> = None;
    let mut at = body_start;
    while let Some((p, is_open, plen)) = next_paren(bytes, at, end) {
        if !is_open {
            if open.pop().is_none() {
                let position = cols.position(bytes, p);
                out.anomalies.push(Anomaly {
                    kind: AnomalyKind::UnmatchedParenthesis,
                    span: Span::new(p, p + plen),
                    position,
                    detail: AnomalyDetail::Text,
                });
            }
            at = p + plen;
            continue;
        }
        let inner_start = p + plen;
        let limit = end.min(inner_start + MAX_ANNOTATION_BYTES + 1);
        let close = next_paren(bytes, inner_start, limit).filter(|&(_, o, _)| !o);
        let Some((close_at, _, close_len)) = close else {
            open.push(p);
            at = inner_start;
            continue;
        };
        let parsed = memo.parse(&text[inner_start..close_at]);
        if parsed == Err(ReadingError::NotSyllableShaped) {
            open.push(p);
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
    for &p in open.iter() {
        let position = cols.position(bytes, p);
        out.anomalies.push(Anomaly {
            kind: AnomalyKind::UnclosedParenthesis,
            span: Span::new(p, end),
            position,
            detail: AnomalyDetail::Text,
        });
    }
    out.blocks.push(Block {
        kind,
        line: number,
        span: Span::new(start, end),
        marker,
        body: Span::new(body_start, end),
        section: None,
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
