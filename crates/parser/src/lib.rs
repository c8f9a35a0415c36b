//! Parser for pinyin-annotated Chinese text: `中(zhong)(zhong)國(guo)` in, structured records out.
//!
//! The records ([`Document`]) keep the source and its byte spans, so nothing is lost: the segments
//! tile the input and [`Document::rebuild`] gives back the exact bytes, BOM, line endings, repeated
//! annotations and all. Clean text, readings and structure are views derived from them.
//!
//! ```
//! let doc = annotext_parser::parse_str("demo", "一、合作\n1.中(zhong)(zhong)國(guo)\n").unwrap();
//! assert_eq!(doc.clean_text(), "一、合作\n1.中國\n");
//! assert_eq!(doc.rebuild(), "一、合作\n1.中(zhong)(zhong)國(guo)\n");
//! assert_eq!(doc.sections[0].items.len(), 1);
//! assert_eq!(doc.anomalies.len(), 1); // the repeated (zhong)
//! ```

mod anomaly;
mod chars;
mod position;
mod reading;
mod records;
pub(crate) mod scan;
mod structure;

use std::fmt::Write as _;

pub use anomaly::{Anomaly, AnomalyDetail, AnomalyKind, NumberingLevel, Severity};
pub use reading::{syllables, Reading, ReadingError, Tone};
pub use records::{
    AnnotatedChar, Annotation, Block, BlockKind, Document, ItemNumber, Line, LineEnding, Position,
    Section, Segment, SegmentKind, Span, Subsection,
};
pub use scan::is_hanzi;
pub use structure::{is_document_number, INSTRUMENT_TITLE_ENDINGS};

/// Why a source could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The bytes are not UTF-8.
    #[error(
        "invalid UTF-8 at byte {offset} (line {line}, column {column}): annotext reads UTF-8 \
         only; convert other encodings (GBK, Big5) first, e.g. `iconv -f GBK -t UTF-8`"
    )]
    InvalidUtf8 {
        /// Offset of the first bad byte.
        offset: usize,
        /// Its line.
        line: u32,
        /// Its column, in characters.
        column: u32,
    },
    /// Nothing to parse.
    #[error("the input is empty: no text to parse")]
    Empty,
    /// Spans are 32-bit; a source this large must be split.
    #[error("the input is {0} bytes; at most 4 GiB can be parsed as one document")]
    TooLarge(usize),
}

/// Parses raw bytes (as read from a file): checks UTF-8, then [`parse_str`].
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Document, ParseError> {
    parse_vec(name, bytes.to_vec())
}

/// Parses a file's bytes without copying them: checks UTF-8 and keeps the buffer as
/// [`Document::text`].
pub fn parse_vec(name: &str, bytes: Vec<u8>) -> Result<Document, ParseError> {
    check_utf8(&bytes)?;
    // SAFETY: `check_utf8` just validated the bytes (simdutf8 or std, both complete checks).
    // Skipping std's second check matters: it is a fifth of the parse time on CJK text.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    parse_string(name, text)
}

fn check_utf8(bytes: &[u8]) -> Result<(), ParseError> {
    // SIMD validation is several times faster than std's on CJK text; std's slower check runs
    // only to locate the error.
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        return Ok(());
    }
    std::str::from_utf8(bytes)
        .map(|_| ())
        .map_err(|e| utf8_error(bytes, e))
}

fn utf8_error(bytes: &[u8], e: std::str::Utf8Error) -> ParseError {
    let offset = e.valid_up_to();
    let before = &bytes[..offset];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before).count() as u32 + 1;
    let column = scan::count_chars(&before[line_start..]) + 1;
    ParseError::InvalidUtf8 {
        offset,
        line,
        column,
    }
}

/// Parses a text into a [`Document`]. Only an empty (or blank) text or one over 4 GiB fails;
/// everything odd inside is reported as an [`Anomaly`].
pub fn parse_str(name: &str, text: &str) -> Result<Document, ParseError> {
    parse_string(name, text.to_owned())
}

/// Parses an owned text, which becomes [`Document::text`] without a copy.
pub fn parse_string(name: &str, text: String) -> Result<Document, ParseError> {
    if text.len() > u32::MAX as usize {
        return Err(ParseError::TooLarge(text.len()));
    }
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let scan::Scan {
        mut segments,
        lines,
        blocks,
        annotations,
        chars,
        mut anomalies,
        shapes,
        ..
    } = scan::scan(&text);
    scan::control_characters(&text, &lines, &mut anomalies);
    let structure::Structure {
        blocks,
        sections,
        subsections,
    } = structure::build(&text, &mut segments, &shapes, blocks, &mut anomalies);
    // In place (a stable sort takes a buffer of half the list: 90 MB for a line of 5,000,000
    // `(`); the span's end settles ties, so the order is still fully determined.
    anomalies.sort_unstable_by_key(|a| (a.span.start, a.kind, a.span.end));
    Ok(Document {
        name: name.to_owned(),
        path: None,
        text,
        segments,
        lines,
        blocks,
        sections,
        subsections,
        annotations,
        chars,
        anomalies,
    })
}

/// Appends the clean text of a block's segments: its text segments, without the spaces that
/// indent it, and with the lines of a joined block joined as a reader expects — no break
/// between hanzi or digits, the spaces around the break left out, and one space where two Latin
/// words meet (`Green` / `Energy`).
pub fn push_block_text(out: &mut String, text: &str, segments: &[Segment]) {
    push_joined(out, text, segments, |_, _| {});
}

/// Whether the run of Latin letters and digits that `chars` starts with ends at a character
/// that is not ASCII (a hanzi, full-width punctuation): a Latin word written inside Chinese.
fn latin_run_inside_chinese(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .find(|c| !c.is_ascii_alphanumeric())
        .is_some_and(|c| !c.is_ascii())
}

/// [`push_block_text`], telling `line_start` where each continuation line's text begins in
/// `out` and how many line breaks precede it in the block.
fn push_joined(
    out: &mut String,
    text: &str,
    segments: &[Segment],
    mut line_start: impl FnMut(usize, u32),
) {
    let start = out.len();
    let mut joining = false;
    let mut breaks = 0u32;
    for segment in segments {
        match segment.kind {
            SegmentKind::Text => {
                let mut piece = &text[segment.span.range()];
                // A paragraph's indent (`　　`) is layout, not text.
                if out.len() == start {
                    piece = piece.trim_start();
                }
                if joining {
                    piece = piece.trim_start();
                    if piece.is_empty() {
                        continue;
                    }
                    joining = false;
                    let before = out.chars().next_back();
                    let after = piece.chars().next();
                    // Words, not digits: `202` / `5年` is one number cut by the wrap. A Latin
                    // word inside Chinese on both sides of the break (`（AP` / `EC）`) is one
                    // word cut by a wrap at a fixed width, as Chinese text is wrapped, unless a
                    // capital starts a new word after a small letter (`（Green` / `Energy）`).
                    let new_word = before.is_some_and(|c| c.is_ascii_lowercase())
                        && after.is_some_and(|c| c.is_ascii_uppercase());
                    // A number that ends at a space on the next line is a token of its own (a
                    // table's column: `12000` / `2　某县`), not the rest of one the wrap cut.
                    let numbers_apart = before.is_some_and(|c| c.is_ascii_digit())
                        && after.is_some_and(|c| c.is_ascii_digit())
                        && piece
                            .trim_start_matches(|c: char| c.is_ascii_digit())
                            .starts_with(char::is_whitespace);
                    if numbers_apart
                        || before.is_some_and(|c| c.is_ascii_alphabetic())
                            && after.is_some_and(|c| c.is_ascii_alphabetic())
                            && (new_word
                                || !(latin_run_inside_chinese(out.chars().rev())
                                    && latin_run_inside_chinese(piece.chars())))
                    {
                        out.push(' ');
                    }
                    line_start(out.len() - start, breaks);
                }
                out.push_str(piece);
            }
            SegmentKind::LineBreak => {
                let kept = out[start..].trim_end().len();
                out.truncate(start + kept);
                joining = true;
                breaks += 1;
            }
            _ => {}
        }
    }
}

/// The line of the byte at `offset` of a block's text, from its [`Document::block_line_starts`].
pub fn line_at(block: &Block, starts: &[(usize, u32)], offset: usize) -> u32 {
    match starts.partition_point(|(at, _)| *at <= offset) {
        0 => block.line,
        i => starts.get(i - 1).map_or(block.line, |(_, line)| *line),
    }
}

/// Appends the pinyin of annotated characters as [`Document::pinyin_of`] writes it: canonical
/// readings joined by spaces, `?` for a character whose annotations are all invalid. For callers
/// that already hold the characters and a buffer to reuse.
pub fn push_pinyin(out: &mut String, chars: &[AnnotatedChar]) {
    for (i, c) in chars.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match c.reading {
            // Written in place, as `Reading`'s Display does: a String per character was most of
            // this function's cost, and the formatting machinery most of what remained.
            Some(r) => {
                out.push_str(r.syllable());
                match r.tone().map(Tone::number) {
                    Some(n @ 0..=9) => out.push(char::from(b'0' + n)),
                    Some(n) => {
                        let _ = write!(out, "{n}");
                    }
                    None => {}
                }
            }
            None => out.push('?'),
        }
    }
}

impl Document {
    /// The source bytes of a span.
    // Called across crates for every character or syllable: inlined there.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The source rebuilt from the segments alone: equal to the input, byte for byte.
    pub fn rebuild(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for segment in &self.segments {
            out.push_str(self.slice(segment.span));
        }
        out
    }

    /// The whole text with annotations (and the BOM) removed; markers, page numbers and line
    /// breaks stay.
    pub fn clean_text(&self) -> String {
        self.collect(&self.segments, |k| {
            matches!(
                k,
                SegmentKind::Text
                    | SegmentKind::Marker
                    | SegmentKind::PageFurniture
                    | SegmentKind::LineBreak
            )
        })
    }

    /// A block's body (after its marker) with annotations removed. The lines of a joined
    /// block are joined as [`push_block_text`] does.
    pub fn block_text(&self, block: &Block) -> String {
        let mut out = String::with_capacity(block.body.len());
        push_block_text(&mut out, &self.text, self.block_segments(block));
        out
    }

    /// A block's body as annotated in the source.
    pub fn block_annotated_text(&self, block: &Block) -> &str {
        self.slice(block.body)
    }

    /// The segments of a block.
    #[inline]
    pub fn block_segments(&self, block: &Block) -> &[Segment] {
        &self.segments[block.segments.start as usize..block.segments.end as usize]
    }

    /// The annotated characters inside a span, in order.
    pub fn chars_in(&self, span: Span) -> &[AnnotatedChar] {
        let from = self.chars.partition_point(|c| c.span.start < span.start);
        let to = self.chars.partition_point(|c| c.span.end <= span.end);
        &self.chars[from..to.max(from)]
    }

    /// The anomalies inside a span, in order.
    pub fn anomalies_in(&self, span: Span) -> &[Anomaly] {
        let from = self
            .anomalies
            .partition_point(|a| a.span.start < span.start);
        let to = self.anomalies.partition_point(|a| a.span.start < span.end);
        &self.anomalies[from..to.max(from)]
    }

    /// The pinyin of a span's annotated characters, canonical readings joined by spaces
    /// (`?` for a character whose annotations are all invalid).
    pub fn pinyin_of(&self, span: Span) -> String {
        let mut out = String::new();
        push_pinyin(&mut out, self.chars_in(span));
        out
    }

    /// The inner text of a character's first annotation, as the annotator wrote it (`lve`).
    pub fn reading_as_annotated(&self, c: &AnnotatedChar) -> &str {
        let Some(first) = self.annotations.get(c.annotations.start as usize) else {
            return "";
        };
        let raw = self.slice(first.span);
        // Strip the parentheses, ASCII or full-width.
        let inner = raw.char_indices().nth(1).map_or(raw.len(), |(i, _)| i);
        let last = raw.char_indices().next_back().map_or(raw.len(), |(i, _)| i);
        raw.get(inner..last).unwrap_or("")
    }

    /// Items of a section, as blocks.
    pub fn section_items<'a>(
        &'a self,
        section: &'a Section,
    ) -> impl Iterator<Item = &'a Block> + 'a {
        section.items.iter().map(|&i| &self.blocks[i as usize])
    }

    /// Items of a subsection, as blocks.
    pub fn subsection_items<'a>(
        &'a self,
        subsection: &'a Subsection,
    ) -> impl Iterator<Item = &'a Block> + 'a {
        subsection.items.iter().map(|&i| &self.blocks[i as usize])
    }

    /// The heading block of a subsection.
    pub fn subsection_heading(&self, subsection: &Subsection) -> &Block {
        &self.blocks[subsection.heading as usize]
    }

    /// The heading block of a section.
    pub fn section_heading(&self, section: &Section) -> &Block {
        &self.blocks[section.heading as usize]
    }

    /// Prose paragraphs (blocks that are neither heading, item, clause, point nor blank), in
    /// order; the further paragraphs of an article (款) are the article's, not among them.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Block> + '_ {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph && b.parent.is_none())
    }

    /// A block's marker as a reader writes it: its clean text, annotations and surrounding
    /// spaces left out (`1.`, `第十二条`, `（一）`); empty for a block without one.
    pub fn marker_text(&self, block: &Block) -> String {
        structure::marker_text(&self.text, &self.segments, block)
    }

    /// The number an inserted article is numbered under its article with (`第十条之一` → 1, the
    /// article 10-1 that an amendment put after article 10); `None` for any other block.
    pub fn article_insertion(&self, block: &Block) -> Option<u32> {
        // Asked of every article's label: the marker's clean text is built only where its
        // source holds 之.
        let marker = block.marker?;
        match block.kind {
            BlockKind::Item { article: true, .. } if self.slice(marker).contains('之') => {
                scan::inserted_article(&self.marker_text(block))
            }
            _ => None,
        }
    }

    /// How labels name the annex a block comes after: `Annex2` for `附件2：…` (or `附件二`),
    /// `Annex` for an annex without a number; `None` outside annexes.
    pub fn annex_of(&self, block: &Block) -> Option<String> {
        let heading = self.blocks.get(block.annex? as usize)?;
        // An annex's line that is its first item (`附件2：1.…`) is named in its marker.
        let text = match heading.kind {
            BlockKind::Item { .. } => self.marker_text(heading),
            _ => self.block_text(heading),
        };
        // Numbered only after the annex's word (`附件2`, `附录A`): a second instrument's title
        // line (`2025年港口工作方案`) names none.
        let rest = scan::after_annex_word(text.trim_start())
            .unwrap_or_default()
            .trim_start();
        // An appendix's letter (`附录A`) names it as a number would.
        let number = scan::numeral_at(rest).map_or_else(
            || {
                rest.chars()
                    .next()
                    .filter(char::is_ascii_uppercase)
                    .map_or(String::new(), String::from)
            },
            |(n, _)| n.to_string(),
        );
        Some(format!("Annex{number}"))
    }

    /// How labels name the part of a code or a plan a block comes after: `Pt2` for
    /// `第二编　物权` or `第二部分　经济合作`; `None` outside parts.
    pub fn part_of(&self, block: &Block) -> Option<String> {
        let heading = self.blocks.get(block.part? as usize)?;
        let text = self.block_text(heading);
        if let Some(n) = text
            .trim_start()
            .chars()
            .next()
            .and_then(scan::formal_numeral)
        {
            return Some(format!("Pt{n}"));
        }
        let rest = text.trim_start().strip_prefix('第')?.trim_start();
        let (number, _) = scan::numeral_at(rest)?;
        Some(format!("Pt{number}"))
    }

    /// The subsection a block's subsection is a level below (a `（一）` under a chapter's `一、`,
    /// a `一、` under a chapter's `第一节`), if it is one.
    pub fn subsection_above(&self, block: &Block) -> Option<&Subsection> {
        let subsection = self.subsections.get(block.subsection? as usize)?;
        self.subsections.get(subsection.within? as usize)
    }

    /// What labels start with where numbering starts anew: the annex's name ([`Self::annex_of`])
    /// or the part's ([`Self::part_of`]); empty elsewhere.
    // Asked of every label: inlined, and nothing looked up outside annexes and parts.
    #[inline]
    pub fn scope_of(&self, block: &Block) -> String {
        if block.annex.is_none() && block.part.is_none() {
            return String::new();
        }
        self.annex_of(block)
            .or_else(|| self.part_of(block))
            .unwrap_or_default()
    }

    /// Where each continuation line of a hard-wrapped unit begins in its text
    /// ([`Document::block_text`]), with its line number; empty for a one-line block. With
    /// [`line_at`], the line a byte of the text was written on.
    pub fn block_line_starts(&self, block: &Block) -> Vec<(usize, u32)> {
        let mut starts = Vec::new();
        if block.is_joined() {
            let mut joined = String::new();
            push_joined(
                &mut joined,
                &self.text,
                self.block_segments(block),
                |at, breaks| {
                    starts.push((at, block.line + breaks));
                },
            );
        }
        starts
    }

    /// The source line of the byte at `offset` of a block's text: the block's line, or for a
    /// hard-wrapped unit the line that byte was written on.
    pub fn line_in_block(&self, block: &Block, offset: usize) -> u32 {
        line_at(block, &self.block_line_starts(block), offset)
    }

    /// The blocks that belong to an item or a paragraph (clauses, points, an article's further
    /// paragraphs), in order.
    pub fn parts(&self) -> impl Iterator<Item = &Block> + '_ {
        self.blocks.iter().filter(|b| b.parent.is_some())
    }

    /// The item a block belongs to: itself for an item, the article for its clauses and further
    /// paragraphs, the item that leads a list for its points.
    pub fn item_of<'a>(&'a self, block: &'a Block) -> Option<&'a Block> {
        let mut at = block;
        // Parents come before their children, so the walk ends; the bound makes sure.
        for _ in 0..8 {
            if matches!(at.kind, BlockKind::Item { .. }) {
                return Some(at);
            }
            at = self.blocks.get(at.parent? as usize)?;
        }
        None
    }

    fn collect<'a>(
        &self,
        segments: impl IntoIterator<Item = &'a Segment> + Clone,
        keep: impl Fn(SegmentKind) -> bool,
    ) -> String {
        // Sized first: growing the string segment by segment reallocated it several times for
        // every block of a corpus.
        let len = segments
            .clone()
            .into_iter()
            .filter(|s| keep(s.kind))
            .map(|s| s.span.len())
            .sum();
        let mut out = String::with_capacity(len);
        for segment in segments {
            if keep(segment.kind) {
                out.push_str(self.slice(segment.span));
            }
        }
        out
    }
}
