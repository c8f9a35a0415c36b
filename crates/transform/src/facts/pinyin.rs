//! Readings in context, one block at a time: each annotated character checked against the
//! dictionary words that cover it, and the whole text written in toned pinyin.
//!
//! A character's reading in the pinyin is its annotation where the annotation has a tone and fits
//! its words, else the reading of the word it is part of (the longest word found from the left),
//! else its dictionary reading that agrees with its annotation, else its most common reading.

use annotext_parser::{
    is_hanzi, AnnotatedChar, Block, Document, Position, Reading, Segment, SegmentKind, Span,
};

use super::entities::{everyday_word_ends_after, is_everyday_word};
use super::readings::reading_is_valid;
use super::words::{char_readings, common_reading, words};

/// The kind of anomaly of an annotation that fits its character but not its word.
pub const READING_WRONG_IN_CONTEXT: &str = "reading_wrong_in_context";

/// An annotated reading that none of the dictionary words covering the character accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextFlag {
    /// The annotated character.
    pub ch: char,
    /// Its bytes in the source.
    pub span: Span,
    /// Where it is.
    pub position: Position,
    /// The annotation, as read.
    pub annotated: Reading,
    /// A word that covers it, as the text spells it (`外長`).
    pub word: String,
    /// That word's reading, with tone marks (`wài zhǎng`).
    pub word_reading: String,
}

impl ContextFlag {
    /// `外長 is read wài zhǎng; 長 is annotated chang`.
    pub fn describe(&self) -> String {
        format!(
            "{} is read {}; {} is annotated {}",
            self.word,
            self.word_reading,
            self.ch,
            self.annotated.marked()
        )
    }
}

/// One character of a block's clean text with the reading the pinyin gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharReading {
    /// The character.
    pub ch: char,
    /// Its reading (hanzi only; `None` where nothing is known).
    pub reading: Option<Reading>,
    /// Whether its annotation was flagged as wrong for its word.
    pub flagged: bool,
}

/// What the context check and the pinyin find in one block.
#[derive(Debug, Clone, Default)]
pub struct BlockReadings {
    /// Every character of the clean text, in order.
    pub chars: Vec<CharReading>,
    /// The annotations wrong for their word.
    pub flags: Vec<ContextFlag>,
}

/// An annotated character of a block, placed in its clean text.
struct Annotated {
    /// Index of the character in the clean text.
    index: usize,
    ch: char,
    span: Span,
    position: Position,
    reading: Reading,
    /// Covered by at least one dictionary word.
    covered: bool,
    /// Accepted by at least one reading of a covering word.
    accepted: bool,
    /// Flagged: covered, accepted by none, and a reading of the character.
    flagged: bool,
}

/// Working memory of the context pass, kept from block to block: a corpus has millions of
/// blocks, and allocating these for each was a good part of the pass's cost.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Words found: (first character, character count, pattern).
    found: Vec<(usize, usize, usize)>,
    /// Per character, the reading of the word chosen for it.
    from_word: Vec<Option<Reading>>,
    /// The block's annotated characters, in order.
    annotated: Vec<Annotated>,
    /// Per character position, the first character of the earliest-starting word that ends
    /// there (`usize::MAX`: none): whether a word is read across another's end. Built only for
    /// a block with a reading to flag.
    first_start_ending_at: Vec<usize>,
    /// The same, of the crossings' words alone (`项目`, `随着`: see [`super::words`]).
    first_crossing_ending_at: Vec<usize>,
}

/// Checks a block's annotations in context and reads its whole text. `text` is the block's clean
/// text, `folded` its folded copy (same offsets).
pub fn block_readings(doc: &Document, block: &Block, text: &str, folded: &str) -> BlockReadings {
    let mut scratch = Scratch::default();
    let annotated = doc.chars_in(block.body);
    let flags = analyse(doc, block, annotated, text, folded, &mut scratch);
    let mut chars = Vec::with_capacity(scratch.from_word.len());
    visit(text, &scratch, |ch, reading, flagged| {
        chars.push(CharReading {
            ch,
            reading,
            flagged,
        })
    });
    BlockReadings { chars, flags }
}

/// [`block_readings`] of a block as the document holds it: its clean text is taken and folded
/// here (for outputs that draw a block's readings, such as the briefing's reading edition).
pub fn readings_of_block(doc: &Document, block: &Block) -> BlockReadings {
    let text = doc.block_text(block);
    let folded = super::script::fold(&text);
    block_readings(doc, block, &text, &folded)
}

/// The context check of one block, with reused working memory; with `pinyin`, the whole text in
/// pinyin is appended to it. `annotated` are the block's annotated characters.
pub(crate) fn flags_and_pinyin(
    doc: &Document,
    block: &Block,
    annotated: &[AnnotatedChar],
    text: &str,
    folded: &str,
    scratch: &mut Scratch,
    pinyin: Option<&mut String>,
) -> Vec<ContextFlag> {
    let flags = analyse(doc, block, annotated, text, folded, scratch);
    if let Some(out) = pinyin {
        let mut writer = PinyinWriter::new(out);
        visit(text, scratch, |ch, reading, _| writer.push(ch, reading));
        writer.finish();
    }
    flags
}

/// The byte where character `index` of `text` starts, read on from `cursor` (a character's index
/// and its byte), which it moves there: the characters asked for come in order, a few back at
/// most, so a block of one line (50 MB) is read once, not once per question.
fn byte_of_char(text: &str, cursor: &mut (usize, usize), index: usize) -> usize {
    let (mut at, mut byte) = *cursor;
    if index < at {
        for (i, _) in text[..byte].char_indices().rev().take(at - index) {
            byte = i;
        }
        at = index;
    } else {
        for c in text[byte..].chars().take(index - at) {
            byte += c.len_utf8();
            at += 1;
        }
    }
    *cursor = (at, byte);
    byte
}

/// Finds the block's words, checks its annotations against them and chooses each character's
/// word reading; leaves the results in `scratch`.
fn analyse(
    doc: &Document,
    block: &Block,
    chars: &[AnnotatedChar],
    text: &str,
    folded: &str,
    scratch: &mut Scratch,
) -> Vec<ContextFlag> {
    let Scratch {
        found,
        from_word,
        annotated,
        first_start_ending_at,
        first_crossing_ending_at,
    } = scratch;
    place_annotations(doc, block, chars, text, annotated);
    let dictionary = words();
    found.clear();
    // Matches come in the order of their ends: characters are counted on from the last one,
    // so the whole block is counted once.
    let mut counted = (0usize, 0usize);
    if let Some(automaton) = &dictionary.automaton {
        for m in automaton.find_overlapping_iter(folded) {
            let (from_byte, from_char) = if m.end() >= counted.0 {
                counted
            } else {
                (0, 0)
            };
            let Some(between) = folded.get(from_byte..m.end()) else {
                continue;
            };
            let end = from_char + between.chars().count();
            counted = (m.end(), end);
            let pattern = m.value() as usize;
            let len = usize::from(dictionary.lengths.get(pattern).copied().unwrap_or(0));
            // A crossing (`项目的`) is no word where a word of prose runs into it in turn
            // (`国家｜中长期` around 家中长).
            if dictionary.is_crossing(pattern) && everyday_word_ends_after(folded, m.start()) {
                continue;
            }
            if len > 0 && len <= end {
                found.push((end - len, len, pattern));
            }
        }
    }
    let char_count = counted.1
        + folded
            .get(counted.0..)
            .map_or(0, |rest| rest.chars().count());

    // The check: every word covering an annotated character has its say. A crossing has
    // none: it says where the text's words are (`项目｜的`), and its reading is often only its
    // characters' common ones.
    if !annotated.is_empty() {
        for &(start, len, pattern) in found.iter() {
            if dictionary.is_crossing(pattern) {
                continue;
            }
            let from = annotated.partition_point(|a| a.index < start);
            for a in annotated[from..]
                .iter_mut()
                .take_while(|a| a.index < start + len)
            {
                a.covered = true;
                let at = a.index - start;
                a.accepted |= dictionary.readings(pattern).any(|alternative| {
                    alternative
                        .get(at)
                        .is_some_and(|r| fits_in_word(a.ch, &a.reading, r))
                });
            }
        }
    }
    let mut flags = Vec::new();
    // Per character position, the first character of the earliest-starting word that ends
    // there: built only when some reading is about to be flagged (rare).
    first_start_ending_at.clear();
    first_crossing_ending_at.clear();
    // The most characters of a word found, made with the table above.
    let mut longest = 0;
    // Where the last word read starts, as a character's index and byte (see [`byte_of_char`]).
    let mut cursor = (0, 0);
    // The same, for the words [`read_alone`] looks for.
    let mut cross_cursor = (0, 0);
    for a in annotated.iter_mut() {
        // A reading that is not one of the character's at all is reported as such, once.
        if !a.covered || a.accepted || !reading_is_valid(a.ch, a.reading) {
            continue;
        }
        // A word that starts inside another word ending before the character is a misreading
        // of the text (`适应｜和`: not 应和) and says nothing of it: the first word that is not
        // one says what the character is read in. The other word is one of the dictionary's
        // (which holds words with a heteronym) or of its crossings (`项目｜的`: not 目的).
        if first_start_ending_at.is_empty() {
            first_start_ending_at.resize(char_count + 1, usize::MAX);
            first_crossing_ending_at.resize(char_count + 1, usize::MAX);
            for &(start, len, pattern) in found.iter() {
                if let Some(slot) = first_start_ending_at.get_mut(start + len) {
                    *slot = (*slot).min(start);
                }
                // A crossing's everyday word ends where its reading does.
                if dictionary.is_crossing(pattern) {
                    let end = start + dictionary.read_length(pattern);
                    if let Some(slot) = first_crossing_ending_at.get_mut(end) {
                        *slot = (*slot).min(start);
                    }
                }
                longest = longest.max(len);
            }
        }
        // A crossing's everyday word crosses a word wherever it ends inside it, over the
        // character too (`随着｜墨西哥`: not 着墨).
        let crossed = |start: usize, len: usize| {
            (start + 1..=a.index)
                .any(|end| first_start_ending_at.get(end).is_some_and(|&s| s < start))
                || (start + 1..start + len).any(|end| {
                    first_crossing_ending_at
                        .get(end)
                        .is_some_and(|&s| s < start)
                })
        };
        // The words are in the order of their ends: those that end before the character are
        // passed over, and none that ends a longest word's length after it starts before it.
        let first = found.partition_point(|&(start, len, _)| start + len <= a.index);
        let word_read = found[first..]
            .iter()
            .take_while(|&&(start, len, _)| start + len <= a.index + longest)
            .find(|&&(start, len, pattern)| {
                !dictionary.is_crossing(pattern)
                    && start <= a.index
                    && a.index < start + len
                    && !crossed(start, len)
            });
        let Some(&(start, len, pattern)) = word_read else {
            continue;
        };
        if read_alone(a.index, start + len, found, text, folded, &mut cross_cursor) {
            continue;
        }
        a.flagged = true;
        let len = dictionary.word(pattern).chars().count();
        let word: String = text
            .get(byte_of_char(text, &mut cursor, start)..)
            .unwrap_or("")
            .chars()
            .take(len)
            .collect();
        let word_reading = dictionary
            .readings(pattern)
            .next()
            .map(|r| r.iter().map(Reading::marked).collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        flags.push(ContextFlag {
            ch: a.ch,
            span: a.span,
            position: a.position,
            annotated: a.reading,
            word,
            word_reading,
        });
    }

    // The pinyin: words chosen from the left, the longest at each place.
    found.sort_unstable_by_key(|&(start, len, pattern)| (start, std::cmp::Reverse(len), pattern));
    from_word.clear();
    from_word.resize(char_count, None);
    let mut next_free = 0;
    for &(start, len, pattern) in found.iter() {
        if start < next_free {
            continue;
        }
        // A crossing (`项目的`) reads its everyday word; the next word may start after it.
        next_free = start
            + if dictionary.is_crossing(pattern) {
                dictionary.read_length(pattern)
            } else {
                len
            };
        // The reading of the word that its annotations agree with, else its first.
        let first_inside = annotated.partition_point(|a| a.index < start);
        let inside = || {
            annotated[first_inside..]
                .iter()
                .take_while(|a| a.index < start + len)
        };
        let chosen = dictionary
            .readings(pattern)
            .find(|alt| {
                inside().all(|a| {
                    alt.get(a.index - start)
                        .is_some_and(|r| fits_in_word(a.ch, &a.reading, r))
                })
            })
            .or_else(|| dictionary.readings(pattern).next());
        if let Some(chosen) = chosen {
            for (slot, r) in from_word[start..].iter_mut().zip(chosen) {
                *slot = Some(*r);
            }
        }
    }
    flags
}

/// Whether the character at `index` may be read alone, outside the word read for it that ends
/// at `end`: a word of the text starts after it, inside that word, and runs on past its end,
/// and none starts right at its end (为人民服务: `为｜人民｜服务`, not 为人 wéi rén, which
/// would leave 民 alone; but 应急救援: `应急｜救援`, not 急救). The annotation, one of the
/// character's readings, is then no error. The words are the dictionary's (`found`) and the
/// everyday words of prose; asked only of a reading about to be flagged.
fn read_alone(
    index: usize,
    end: usize,
    found: &[(usize, usize, usize)],
    text: &str,
    folded: &str,
    cursor: &mut (usize, usize),
) -> bool {
    let mut word_from = |start: usize, longer_than: usize| {
        found
            .iter()
            .any(|&(s, len, _)| s == start && s + len > longer_than)
            || {
                let from = byte_of_char(text, cursor, start);
                let rest = folded.get(from..).unwrap_or("");
                // Everyday words have two to four characters.
                rest.char_indices()
                    .take(4)
                    .enumerate()
                    .any(|(i, (offset, ch))| {
                        let count = i + 1;
                        count >= 2
                            && start + count > longer_than
                            && is_everyday_word(&rest[..offset + ch.len_utf8()])
                    })
            }
    };
    // A word right after it is the common case of a reading really wrong (协调｜机制): asked first.
    !word_from(end, end) && (index + 1..end).any(|start| word_from(start, end))
}

/// Calls `f` with each character of the analysed block (`text`), its reading and whether its
/// annotation was flagged.
fn visit(text: &str, scratch: &Scratch, mut f: impl FnMut(char, Option<Reading>, bool)) {
    // The annotated characters come in order of their index, one per index: a cursor finds
    // each character's own, for the cost of a comparison per character.
    let annotated = scratch.annotated.as_slice();
    let mut next = 0;
    for (i, ch) in text.chars().enumerate() {
        let annotation = match annotated.get(next) {
            Some(a) if a.index == i => {
                next += 1;
                Some(a)
            }
            _ => None,
        };
        let flagged = annotation.is_some_and(|a| a.flagged);
        let reading = if is_hanzi(ch) {
            choose(
                ch,
                annotation.map(|a| a.reading),
                flagged,
                scratch.from_word.get(i).copied().flatten(),
            )
        } else {
            None
        };
        f(ch, reading, flagged);
    }
}

/// Whether an annotation fits a word's reading of its character: same syllable, and the same tone
/// where both give one; 一 and 不 change tone before other syllables (yí bù, bú shì), so only
/// their syllable is compared.
fn fits_in_word(ch: char, annotation: &Reading, in_word: &Reading) -> bool {
    if matches!(ch, '一' | '不') {
        annotation.toneless() == in_word.toneless()
    } else {
        annotation.agrees_with(in_word)
    }
}

/// A hanzi's reading for the pinyin.
#[inline]
fn choose(
    ch: char,
    annotation: Option<Reading>,
    flagged: bool,
    from_word: Option<Reading>,
) -> Option<Reading> {
    // The dictionary's toned reading of an annotated syllable.
    let known = |a: Reading| {
        let known = match char_readings(ch) {
            [] => char_readings(super::script::fold_char(ch)),
            known => known,
        };
        known.iter().find(|r| r.agrees_with(&a)).copied()
    };
    match (annotation, from_word) {
        (Some(a), _) if a.tone().is_some() && !flagged => Some(a),
        (None, Some(w)) => Some(w),
        // The word chosen for the pinyin (the longest from the left) may not be the one the
        // annotation was checked against (`本行(xing)政`: 本行 háng, 行政 xíng): an annotation
        // not flagged, and a reading of its character, keeps its syllable.
        (Some(a), Some(w)) if flagged || w.agrees_with(&a) => Some(w),
        (Some(a), Some(w)) => known(a).or(Some(w)),
        (Some(a), None) => known(a).or(Some(a)),
        (None, None) => common_reading(ch).or_else(|| common_reading(super::script::fold_char(ch))),
    }
}

/// The block's annotated characters (`annotated`) with their index in its clean text `text`
/// ([`Document::block_text`]), in order, into `out`.
///
/// The clean text is the Text segments joined as `push_block_text` joins them: less the spaces
/// that indent the block, end a wrapped line or start the next one, and with a space put between
/// two Latin words a wrap cut apart. The same steps are taken here, counting instead of writing
/// (an annotated character is never a space, so never trimmed): counting every character of
/// the segments put each annotation after a marker's space (`2. 亞(ya4)洲`) on the character
/// after its own.
fn place_annotations(
    doc: &Document,
    block: &Block,
    annotated: &[AnnotatedChar],
    text: &str,
    out: &mut Vec<Annotated>,
) {
    out.clear();
    if annotated.is_empty() {
        return;
    }
    let mut placer = Placer {
        next: annotated,
        index: 0,
        out,
    };
    let segments = doc.block_segments(block);
    let texts = || segments.iter().filter(|s| s.kind == SegmentKind::Text);
    // Most blocks are one line that starts with no space: their text is their segments' as
    // written, and the steps below are passed over.
    let indented = texts()
        .next()
        .is_some_and(|s| doc.slice(s.span).starts_with(char::is_whitespace));
    if !block.is_joined() && !indented {
        for segment in texts() {
            placer.place(segment.span.start, doc.slice(segment.span));
        }
        return;
    }
    // The clean text written so far, in bytes (its characters are `placer.index`), and how
    // much of it since the current line began.
    let mut bytes = 0usize;
    let mut line_bytes = 0usize;
    let mut joining = false;
    for (i, segment) in segments.iter().enumerate() {
        match segment.kind {
            SegmentKind::Text => {}
            SegmentKind::LineBreak => {
                // The spaces that end the line are taken off: read back from the break (line
                // ends are few; every piece's end was not worth reading).
                let (trailing_bytes, trailing_chars) =
                    trailing_spaces(doc, &segments[..i], line_bytes);
                bytes -= trailing_bytes;
                placer.index -= trailing_chars;
                line_bytes = 0;
                joining = true;
                continue;
            }
            _ => continue,
        }
        let whole = doc.slice(segment.span);
        let mut piece = whole;
        if bytes == 0 || joining {
            piece = piece.trim_start();
        }
        if joining {
            if piece.is_empty() {
                continue;
            }
            joining = false;
            // The text goes on here with what was written so far: a space there was put in.
            if text.as_bytes().get(bytes) == Some(&b' ') {
                bytes += 1;
                placer.index += 1;
            }
        }
        placer.place(
            segment.span.start + (whole.len() - piece.len()) as u32,
            piece,
        );
        bytes += piece.len();
        line_bytes += piece.len();
    }
}

/// The spaces (bytes, characters) that end the text of `segments`, a line's, read back from its
/// end through its Text segments, at most `written` bytes: those of the line written (its
/// leading spaces were not).
fn trailing_spaces(doc: &Document, segments: &[Segment], written: usize) -> (usize, usize) {
    let (mut bytes, mut chars) = (0usize, 0usize);
    for segment in segments.iter().rev() {
        match segment.kind {
            SegmentKind::Text => {}
            SegmentKind::LineBreak => break,
            _ => continue,
        }
        for c in doc.slice(segment.span).chars().rev() {
            if !c.is_whitespace() || bytes + c.len_utf8() > written {
                return (bytes, chars);
            }
            bytes += c.len_utf8();
            chars += 1;
        }
    }
    (bytes, chars)
}

/// Places a block's annotated characters as its text is counted (see [`place_annotations`]).
struct Placer<'a> {
    /// The annotated characters not yet reached, in order.
    next: &'a [AnnotatedChar],
    /// The index in the clean text of the next character counted.
    index: usize,
    out: &'a mut Vec<Annotated>,
}

impl Placer<'_> {
    /// Counts `piece`, which starts at byte `start` of the source and goes into the clean text
    /// at `self.index`, placing the annotated characters in it.
    fn place(&mut self, start: u32, piece: &str) {
        for (offset, _) in piece.char_indices() {
            let at = start + offset as u32;
            while let [c, rest @ ..] = self.next {
                if c.span.start >= at {
                    break;
                }
                self.next = rest;
            }
            if let Some(c) = self.next.first().filter(|c| c.span.start == at) {
                if let Some(reading) = c.reading {
                    self.out.push(Annotated {
                        index: self.index,
                        ch: c.ch,
                        span: c.span,
                        position: c.position,
                        reading,
                        covered: false,
                        accepted: false,
                        flagged: false,
                    });
                }
            }
            self.index += 1;
        }
    }
}

/// Characters that close what comes before them: no space before them in the pinyin. A `match`
/// rather than a search of a string: it is asked of every character that is not a hanzi.
fn closes(ch: char) -> bool {
    matches!(
        ch,
        ',' | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '>'
            | '，'
            | '。'
            | '；'
            | '：'
            | '！'
            | '？'
            | '、'
            | '）'
            | '】'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '…'
            | '%'
            | '％'
    )
}

/// Characters that open what comes after them: no space after them.
fn opens(ch: char) -> bool {
    matches!(
        ch,
        '(' | '[' | '{' | '<' | '（' | '【' | '《' | '「' | '『' | '“' | '‘'
    )
}

/// The whole text in pinyin with tone marks: syllables separated by spaces, punctuation and other
/// text kept (`chéng lì zhōng guó — zhōng yà yuán shǒu huì wù jī zhì;`). A hanzi with no
/// known reading stays as it is.
pub fn pinyin_text(chars: &[CharReading]) -> String {
    let mut out = String::with_capacity(chars.len() * 5);
    let mut writer = PinyinWriter::new(&mut out);
    for c in chars {
        writer.push(c.ch, c.reading);
    }
    writer.finish();
    out
}

/// Writes pinyin character by character, spacing syllables and words of other text, at the end
/// of a buffer that may hold other text before it (the transform keeps a document's pinyin in
/// one buffer: a string per block was a good part of the allocation).
struct PinyinWriter<'a> {
    out: &'a mut String,
    /// Where this text starts in `out`.
    start: usize,
    /// The last thing written opens what follows (nothing yet, a space, `（`).
    last_opens: bool,
    /// Inside a word of other text (digits, Latin letters), or right after a point, a comma or
    /// a colon inside one: what follows goes on with it (`2.5`, `1,000`, `10:30`).
    in_word: bool,
}

impl<'a> PinyinWriter<'a> {
    fn new(out: &'a mut String) -> PinyinWriter<'a> {
        PinyinWriter {
            start: out.len(),
            out,
            last_opens: true,
            in_word: false,
        }
    }

    #[inline]
    fn push(&mut self, ch: char, reading: Option<Reading>) {
        match reading {
            Some(r) => {
                let spaced = r.marked_after_space();
                self.out.push_str(if self.last_opens {
                    spaced.get(1..).unwrap_or(spaced)
                } else {
                    spaced
                });
                self.last_opens = false;
                self.in_word = false;
            }
            None if ch.is_whitespace() => {
                if self.out.len() > self.start && !self.out.ends_with(' ') {
                    self.out.push(' ');
                }
                self.last_opens = true;
                self.in_word = false;
            }
            None => {
                let closes = closes(ch);
                if !self.in_word && !closes && !self.last_opens {
                    self.out.push(' ');
                }
                self.out.push(ch);
                self.last_opens = opens(ch);
                self.in_word = if closes {
                    self.in_word && matches!(ch, '.' | ',' | ':')
                } else {
                    !self.last_opens && !is_hanzi(ch)
                };
            }
        }
    }

    fn finish(self) {
        let written = self.out.get(self.start..).unwrap_or("");
        let end = self.start + written.trim_end().len();
        self.out.truncate(end);
    }
}

/// Every annotation of a document that does not fit its word, in source order (blocks one by one,
/// as the transform reads them).
pub fn context_flags(doc: &Document) -> Vec<ContextFlag> {
    let mut buffer = String::new();
    let mut out = Vec::new();
    for block in &doc.blocks {
        if doc.chars_in(block.body).is_empty() {
            continue;
        }
        let text = doc.block_text(block);
        let folded = super::script::fold_into(&text, &mut buffer);
        out.extend(block_readings(doc, block, &text, folded).flags);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::byte_of_char;

    #[test]
    fn a_characters_byte_is_found_forward_and_back_from_the_last_one() {
        let text = "中a国—b亚";
        let mut cursor = (0, 0);
        let bytes: Vec<usize> = [0, 2, 5, 3, 1, 5, 0]
            .iter()
            .map(|&index| byte_of_char(text, &mut cursor, index))
            .collect();
        assert_eq!(bytes, [0, 4, 11, 7, 3, 11, 0]);
        assert_eq!(byte_of_char(text, &mut cursor, 9), text.len());
    }
}
