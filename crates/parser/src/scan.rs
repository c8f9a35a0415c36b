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

pub use crate::chars::is_hanzi;

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
    /// What each line looks like at its end and at its start, indexed like `lines`: what
    /// [`crate::structure`] needs to join hard-wrapped lines.
    pub shapes: Vec<LineShape>,
    /// Whether the previous line leaves its unit open (see [`LineShape::leaves_open`]): a
    /// number at the start of the next line (`2.5亿`) then continues it rather than numbering.
    pub continues: bool,
    /// [`Scan::continues`] after the last line with text that is no page number, and whether a
    /// page number came after it: a sentence a page break cut goes on past the page's number
    /// and the blank lines around it (`…依照本条例` / `- 3 -` / `第十二条 的规定处罚。`).
    pub text_continues: bool,
    pub after_page_number: bool,
    /// Whether a line with text has been seen (the first one may be the title).
    pub seen_content: bool,
    /// The item number the current list calls for next (1 after a heading).
    pub next_item: u32,
    /// The item number after the document's last item: a list numbered on through its
    /// sections calls for it after a heading (`二、…` / `3.5万名…` after item 2).
    pub next_item_through: u32,
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
        shapes: Vec::with_capacity(newlines + 2),
        continues: false,
        text_continues: false,
        after_page_number: false,
        seen_content: false,
        next_item: 1,
        next_item_through: 1,
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
                out.shapes.push(LineShape::default());
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
/// decides between `7.2026年…` (item 7) and `2.5億元…` (a decimal number). `continues` says the
/// previous line left its sentence open: a number there (`2.5亿美元`) or a reference
/// (`第十条的规定`) continues it. `after` is the source after the line, where an amount's next
/// item may be.
///
/// The kinds are as the marker alone says; [`crate::structure`] settles what a `（一）` is from
/// its context (a subsection, a clause of an article, a point of a list).
fn classify(clean: &str, next_item: [u32; 2], continues: bool, after: &str) -> (BlockKind, usize) {
    let rest = clean.trim_start();
    if rest.is_empty() {
        return (BlockKind::Blank, 0);
    }
    let indent = clean.len() - rest.len();
    if let Some(len) = annex_first_item_marker(rest) {
        let kind = BlockKind::Item {
            number: ItemNumber(1),
            article: false,
        };
        return (kind, indent + len);
    }
    if let Some((number, len)) = item_marker(rest, next_item, continues, after) {
        let kind = BlockKind::Item {
            number,
            article: false,
        };
        return (kind, indent + len);
    }
    if let Some((kind, len)) = drafting_marker(rest, continues) {
        return (kind, indent + len);
    }
    if let Some((number, len)) = section_marker(rest) {
        return (BlockKind::SectionHeading { number }, indent + len);
    }
    if let Some((number, len)) = subsection_marker(rest) {
        return (BlockKind::SubsectionHeading { number }, indent + len);
    }
    if let Some((number, len)) = point_marker(rest).or_else(|| roman_marker(rest)) {
        return (BlockKind::Point { number }, indent + len);
    }
    // A dash where a sentence goes on (`…的目标` / `——建设…`) is the sentence's.
    if let Some(len) = dash_marker(rest).filter(|_| !continues) {
        let kind = BlockKind::Point { number: DASH_POINT };
        return (kind, indent + len);
    }
    (BlockKind::Paragraph, 0)
}

/// The number the scan gives a dash list's point (`——加强…；`): none, as the dash carries none.
/// The structure numbers a list's points in order after its lead-in, or reads the line as text.
pub(crate) const DASH_POINT: ItemNumber = ItemNumber(0);

/// A dash list's marker, `——` and the spaces after it, as charters, joint statements and
/// white papers list (`本组织的宗旨是：` / `——加强成员国之间的相互信任；`). Not a longer rule
/// (`————`) nor a dash alone on its line.
fn dash_marker(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("——")?;
    let spaces = spaces_len(rest);
    (!rest.starts_with(['—', '-', '－']) && !rest[spaces..].trim_end().is_empty())
        .then_some("——".len() + spaces)
}

/// The length of an annex's line up to the end of the first document's number when the line
/// lists that document itself (`附件：1.` of `附件：1.签约项目清单`, `附件2：1．`): the line is
/// the annex's first item, and its marker holds the annex's name. Not an amount (`附件：1.5亿…`).
fn annex_first_item_marker(line: &str) -> Option<usize> {
    let rest = after_annex_word(line)?;
    let number = numeral_at(rest).map_or(0, |(_, len)| len);
    let rest = &rest[number..];
    let rest = &rest[spaces_len(rest)..];
    let rest = rest.strip_prefix(['：', ':'])?;
    let rest = &rest[spaces_len(rest)..];
    let (digits_end, len) = number_marker(rest)?;
    let body = &rest[len..];
    (digits_value(&rest[..digits_end]) == Some(1) && !reads_as_amount(body) && !body.is_empty())
        .then(|| line.len() - body.len())
}

/// The value of a formal numeral (`壹` … `拾`, either script) that numbers the parts of a plan
/// above its `一、` sections (`壹、計畫緣起`).
pub(crate) fn formal_numeral(c: char) -> Option<u32> {
    "壹贰貳叁參参肆伍陆陸柒捌玖拾"
        .chars()
        .position(|f| f == c)
        .map(|i| [1, 2, 2, 3, 3, 3, 4, 5, 6, 6, 7, 8, 9, 10][i])
}

/// The rest of a line after the word that opens an annex: `附件`, `附表`, or `附` before a colon
/// (`附：`, attached, the short form).
pub(crate) fn after_annex_word(line: &str) -> Option<&str> {
    line.strip_prefix("附件")
        .or_else(|| line.strip_prefix("附表"))
        .or_else(|| line.strip_prefix("附录"))
        .or_else(|| line.strip_prefix("附錄"))
        .or_else(|| {
            line.strip_prefix('附')
                .filter(|r| r.starts_with(['：', ':']))
        })
}

/// Whether `c` is an ASCII or a full-width digit.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of ASCII or full-width digits.
pub(crate) fn digits_value(digits: &str) -> Option<u32> {
    let value: String = digits
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    value.parse::<u32>().ok()
}

/// Length of the leading digits (ASCII or full-width).
pub(crate) fn digits_len(line: &str) -> usize {
    line.char_indices()
        .find(|(_, c)| !is_digit(*c))
        .map_or(line.len(), |(i, _)| i)
}

/// Length of the spaces (ASCII, ideographic, tabs) at the start of `text`.
fn spaces_len(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\u{3000}', '\t']).len()
}

/// `21.` / `２１．` / `21、`. A digit right after the point (`7.2026年`, `2.5億`) makes it an
/// item only when its number is the one the list calls for next, never on a line that
/// continues an open sentence, and, when the number reads as an amount (`3.5亿美元`, `1.5万名`,
/// `2.3%`), only when the next numbered line (in `after`) is the item after it and the run
/// reaches an item that is no amount ([`starts_item`]): no number changes on a guess.
fn item_marker(
    line: &str,
    next_item: [u32; 2],
    continues: bool,
    after: &str,
) -> Option<(ItemNumber, usize)> {
    let (digits_end, len) = number_marker(line)?;
    let body = &line[len..];
    let ambiguous = body.starts_with(is_digit);
    let n = digits_value(&line[..digits_end])?;
    if ambiguous
        && (!next_item.contains(&n)
            || continues
            || reads_as_amount(body) && !starts_item(after, n.saturating_add(1)))
    {
        return None;
    }
    Some((ItemNumber(n), len))
}

/// Where the digits end and the marker ends in a line that starts with digits and `.`, `．` or
/// `、` (`21.`, `２１．`, `21、`).
fn number_marker(line: &str) -> Option<(usize, usize)> {
    let digits_end = digits_len(line);
    if digits_end == 0 {
        return None;
    }
    let punct = ['.', '．', '、']
        .into_iter()
        .find(|p| line[digits_end..].starts_with(*p))?;
    Some((digits_end, digits_end + punct.len_utf8()))
}

/// Units that follow the decimals of an amount, never the digits an item starts with: `5亿`,
/// `5%`, `5倍`, `5个百分点`, `0版` (`3.0版`).
const AMOUNT_UNITS: [&str; 22] = [
    "万",
    "萬",
    "亿",
    "億",
    "%",
    "％",
    "‰",
    "倍",
    "千",
    "百",
    "兆",
    "元",
    "美元",
    "欧元",
    "歐元",
    "吨",
    "噸",
    "公里",
    "公斤",
    "个百分点",
    "個百分點",
    "版",
];

/// Whether the digits `text` starts with, one to three of them, are followed by a unit of
/// [`AMOUNT_UNITS`]: the decimals of an amount.
fn reads_as_amount(text: &str) -> bool {
    let len = digits_len(text);
    let count = text[..len].chars().count();
    (1..=3).contains(&count) && AMOUNT_UNITS.iter().any(|u| text[len..].starts_with(u))
}

/// Whether the numbered lines in `after` go on to item `number` as a list would: the next
/// numbered line (the first of the next 20 lines that starts with digits and `.` `．` `、`: a
/// wrapped amount's line goes on before it) is item `number`, and when it too reads as an
/// amount (`2.8亿元…`), the one after it is the item after that, until a line that is an item
/// whatever comes next. A run of amounts that ends in an amount (`1.5亿…` `2.8亿…` `3.2亿…`)
/// is amounts, every line of it: whether a line is an item cannot hang on what follows it.
fn starts_item(after: &str, number: u32) -> bool {
    let mut expected = number;
    let mut lines_since = 0;
    for line in after.lines().map(str::trim_start) {
        lines_since += 1;
        if lines_since > 20 {
            return false;
        }
        let Some((digits_end, len)) = number_marker(line) else {
            continue;
        };
        if digits_value(&line[..digits_end]) != Some(expected) {
            return false;
        }
        let body = &line[len..];
        if !(body.starts_with(is_digit) && reads_as_amount(body)) {
            return true;
        }
        expected = expected.saturating_add(1);
        lines_since = 0;
    }
    false
}

/// The numbered levels of legislative drafting: `第一章` (a section), `第一节` (a subsection),
/// `第一条` (an article, an item), with the numeral in Chinese or in digits and the spaces after
/// it. On a line that continues an open sentence, only a marker followed by a space counts
/// (`第十条的规定` there is a reference); on any line, a marker that runs without a space into
/// the words of a reference is one (`第一条规定的通道规划，…`, a further paragraph of an
/// article that begins by citing another).
fn drafting_marker(line: &str, continues: bool) -> Option<(BlockKind, usize)> {
    let after = line.strip_prefix('第')?;
    // `第 2 條`: spaces around the number, as Taiwan's texts and PDF copies write it.
    let before_number = spaces_len(after);
    let after = &after[before_number..];
    let (n, numeral_len) = numeral_at(after)?;
    let after_number = spaces_len(&after[numeral_len..]);
    let rest = &after[numeral_len + after_number..];
    let level = rest.chars().next()?;
    let number = ItemNumber(n);
    let kind = match level {
        '章' => BlockKind::SectionHeading { number },
        '节' | '節' => BlockKind::SubsectionHeading { number },
        '条' | '條' => BlockKind::Item {
            number,
            article: true,
        },
        _ => return None,
    };
    let body = &rest[level.len_utf8()..];
    // A range of articles set as one (`第二条至第三条　（删除）`) is a marker, not a citation, and
    // the whole range is the marker.
    let range = matches!(kind, BlockKind::Item { .. })
        .then(|| article_range_end(body).or_else(|| article_insertion(body)))
        .flatten()
        .map_or(0, |(_, len)| len);
    let spaces = spaces_len(&body[range..]);
    if spaces == 0 && range == 0 && (continues && !body.is_empty() || cites(body)) {
        return None;
    }
    // A citation that a wrap set at a line's start, with a space a PDF copy put after it
    // (`…依照本条例` / `第二条 的规定处罚。`): an article starts with none of these words.
    if continues
        && range == 0
        && [
            "的",
            "规定",
            "規定",
            "所",
            "之",
            "中规定",
            "中規定",
            "，",
            "、",
        ]
        .iter()
        .any(|w| body[spaces..].starts_with(w))
    {
        return None;
    }
    Some((
        kind,
        '第'.len_utf8()
            + before_number
            + numeral_len
            + after_number
            + level.len_utf8()
            + range
            + spaces,
    ))
}

/// The number a drafting marker's text (or an annex's, a part's name) starts with, in Chinese
/// numerals or digits (`十二`, `12`), and its length in bytes.
pub(crate) fn numeral_at(text: &str) -> Option<(u32, usize)> {
    chinese_numeral(text).or_else(|| {
        let len = digits_len(text);
        Some((digits_value(text.get(..len)?)?, len))
    })
}

/// The last article of a range set as one line after its first (`第二条｜至第三条　（删除）`): the
/// number of `至第N条` when spaces, nothing or the note `（删除）` follow it, as a code lists the
/// articles it deleted, and the length of `至第N条` in bytes.
pub(crate) fn article_range_end(body: &str) -> Option<(u32, usize)> {
    let after = body.strip_prefix('至')?.strip_prefix('第')?;
    let after = &after[spaces_len(after)..];
    let (n, len) = numeral_at(after)?;
    let rest = &after[len..];
    let rest = rest[spaces_len(rest)..].strip_prefix(['条', '條'])?;
    // The deletion's note may follow without a space (`第三条至第五条（删除）`).
    let deleted = rest
        .strip_prefix(['（', '('])
        .is_some_and(|r| r.starts_with(['删', '刪']));
    (rest.is_empty() || spaces_len(rest) > 0 || deleted).then_some((n, body.len() - rest.len()))
}

/// The number of an article inserted after another by an amendment (`第十条｜之一　…`, read
/// `Art.10-1`), when spaces or nothing follow it, and the length of `之一` in bytes. Without the
/// space it is a citation's words (`第十条之规定`).
pub(crate) fn article_insertion(body: &str) -> Option<(u32, usize)> {
    let after = body.strip_prefix('之')?;
    let (n, len) = chinese_numeral(after)?;
    let rest = &after[len..];
    (n > 0 && (rest.is_empty() || spaces_len(rest) > 0)).then_some((n, body.len() - rest.len()))
}

/// The number an article's marker inserts it under (`第十条之一` → 1), if it is an inserted
/// article.
pub(crate) fn inserted_article(marker: &str) -> Option<u32> {
    let at = marker.find(['条', '條'])?;
    let body = marker[at..].trim_start_matches(['条', '條']).trim_end();
    article_insertion(body).map(|(n, _)| n)
}

/// Words that follow a cited article or chapter, never the first words of one: `第一条规定的…`,
/// `第三章所列…`, `第五条第二款…`, `第七条至第九条…`.
const CITING: [&str; 14] = [
    "规定",
    "規定",
    "的",
    "所",
    "第",
    "至",
    "和",
    "及",
    "或",
    "、",
    "，",
    "之",
    "中规定",
    "中規定",
];

/// Whether the text right after a drafting marker (no space between) reads as a citation.
fn cites(body: &str) -> bool {
    CITING.iter().any(|w| body.starts_with(w))
}

/// A point of a short list: `（1）` / `(1)`, `1)` / `1）`, `一）`, `①`…`⑳`, `⑴`…`⒇`, `a)` /
/// `（a）`, with the spaces after it.
fn point_marker(line: &str) -> Option<(ItemNumber, usize)> {
    let first = line.chars().next()?;
    // A Chinese numeral closed by a bracket alone (`一）自然科学奖；`), a level below `一、`.
    if let Some((n, len)) = chinese_numeral(line).filter(|&(n, len)| n <= 20 && len <= 6) {
        if let Some(close) = [')', '）']
            .into_iter()
            .find(|p| line[len..].starts_with(*p))
        {
            let marker = len + close.len_utf8();
            return Some((ItemNumber(n), marker + spaces_len(&line[marker..])));
        }
    }
    let circled = match first {
        '①'..='⑳' => Some(first as u32 - '①' as u32 + 1),
        '⑴'..='⒇' => Some(first as u32 - '⑴' as u32 + 1),
        _ => None,
    };
    if let Some(n) = circled {
        let len = first.len_utf8();
        return Some((ItemNumber(n), len + spaces_len(&line[len..])));
    }
    let open_len = ['（', '(']
        .into_iter()
        .find(|p| line.starts_with(*p))
        .map_or(0, char::len_utf8);
    let inner = &line[open_len..];
    let digits = digits_len(inner);
    // One or two digits, ASCII or full-width (`（１）`, three bytes each).
    let (n, len) = match inner[..digits].chars().count() {
        1 | 2 => (digits_value(&inner[..digits])?, digits),
        0 => {
            // One Latin letter: `a)`, not `ab)`.
            let n = match first_letter(inner)? {
                c @ 'a'..='z' => c as u32 - 'a' as u32 + 1,
                c => c as u32 - 'A' as u32 + 1,
            };
            (n, 1)
        }
        _ => return None,
    };
    let close = [')', '）']
        .into_iter()
        .find(|p| inner[len..].starts_with(*p))?;
    let marker = open_len + len + close.len_utf8();
    Some((ItemNumber(n), marker + spaces_len(&line[marker..])))
}

/// A Roman numeral as a point's number: `Ⅱ、` or `ⅱ.` (the numeral signs, any of `.．、)）`), or
/// `II.` in capital letters with `.`, `．` or `、` (`I)` stays the letter, a `)` list's ninth),
/// and no letter after it. Up to twelve.
fn roman_marker(line: &str) -> Option<(ItemNumber, usize)> {
    const ROMAN: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    let first = line.chars().next()?;
    let (n, len, closes) = match first {
        'Ⅰ'..='Ⅻ' => (first as u32 - 'Ⅰ' as u32 + 1, first.len_utf8(), ".．、)）"),
        'ⅰ'..='ⅻ' => (first as u32 - 'ⅰ' as u32 + 1, first.len_utf8(), ".．、)）"),
        _ => {
            let len = line
                .find(|c: char| !matches!(c, 'I' | 'V' | 'X'))
                .unwrap_or(line.len());
            let n = ROMAN.iter().position(|r| *r == &line[..len])? as u32 + 1;
            (n, len, ".．、")
        }
    };
    let close = line[len..].chars().next().filter(|c| closes.contains(*c))?;
    let marker = len + close.len_utf8();
    if line[marker..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((ItemNumber(n), marker + spaces_len(&line[marker..])))
}

/// The ASCII letter `text` starts with, when a letter does not follow it.
fn first_letter(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let c = chars.next().filter(char::is_ascii_alphabetic)?;
    match chars.next() {
        Some(next) if next.is_ascii_alphabetic() => None,
        _ => Some(c),
    }
}

/// Whether the `)` at `at` closes a list enumerator written without its `(`: `1)`, `a)` or `一）`
/// at the start of the line or after a space or a punctuation mark (`包括：1) 贸易；2) 投资`).
pub(crate) fn is_enumerator_close(text: &str, line_start: usize, at: usize) -> bool {
    let before = &text[line_start..at];
    // A Chinese numeral's (`一）`, `二）`; each of its characters three bytes long), as a digit's.
    let chinese = before.trim_end_matches(|c: char| "一二三四五六七八九十".contains(c));
    let head = before.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = before.len() - head.len();
    let head = match digits {
        _ if matches!(before.len() - chinese.len(), 3 | 6) => chinese,
        1 | 2 => head,
        0 => match head.chars().next_back() {
            Some(c) if c.is_ascii_alphabetic() => &head[..head.len() - 1],
            _ => return false,
        },
        _ => return false,
    };
    match head.chars().next_back() {
        None => true,
        Some(c) => c.is_whitespace() || "：:；;，,。、".contains(c),
    }
}

/// A Chinese numeral at the start of `text` (`十二`, `兩`): its value and length in bytes.
pub(crate) fn chinese_numeral(text: &str) -> Option<(u32, usize)> {
    use chinese_number::{ChineseCountMethod, ChineseToNumber};
    let end = text
        .char_indices()
        .find(|(_, c)| !"〇零一二三四五六七八九十百千兩两".contains(*c))
        .map_or(text.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let numeral = text[..end].replace(['兩', '两'], "二");
    let n = ChineseToNumber::<u32>::to_number(&numeral, ChineseCountMethod::TenThousand).ok()?;
    Some((n, end))
}

/// `一、` … `十二、` (or `一．`, `一.`).
fn section_marker(line: &str) -> Option<(ItemNumber, usize)> {
    let (n, end) = chinese_numeral(line)?;
    let punct = ['、', '．', '.']
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
    let anomalies_before = out.anomalies.len();
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
            if !open.pop(bytes) && !is_enumerator_close(text, start, p) {
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
        // One letter is a list's label (`：(a)海关合作；(b)…`) where no hanzi is before it.
        let label = text[inner_start..close_at].len() == 1;
        let target = match chain {
            Some((chain_end, index)) if chain_end == p => Some(index),
            _ if p == start && !label && parsed.is_ok() && out.continues => {
                cut_from_its_hanzi(text, number, out)
            }
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
            // A parenthesised word after a non-hanzi: text. Flag it when it reads as pinyin,
            // unless it is a label.
            if parsed.is_ok() && !label {
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
            [out.next_item, out.next_item_through],
            out.continues,
            text.get(end..).unwrap_or(""),
        );
        out.prefix = buffer;
        classified
    };
    out.next_item = match kind {
        BlockKind::SectionHeading { .. } | BlockKind::SubsectionHeading { .. } => 1,
        BlockKind::Item {
            number,
            article: false,
        } => number.0.saturating_add(1),
        _ => out.next_item,
    };
    if let BlockKind::Item {
        number,
        article: false,
    } = kind
    {
        out.next_item_through = number.0.saturating_add(1);
    }
    let marker_end = match marker_len {
        0 => None,
        len => mark_marker(&mut out.segments, first, len),
    };
    let first_content = kind != BlockKind::Blank && !out.seen_content;
    out.seen_content |= kind != BlockKind::Blank;
    let mut shape = LineShape::of(text, &out.segments[first..], first_content);
    shape.open_paren = !open.runs.is_empty();
    shape.stray_close = out.anomalies[anomalies_before..]
        .iter()
        .any(|a| a.kind == AnomalyKind::UnmatchedParenthesis);
    let blank = kind == BlockKind::Blank;
    out.continues = if shape.page_number || (blank && out.after_page_number) {
        out.text_continues
    } else {
        !blank && shape.may_continue(&kind)
    };
    if !blank {
        out.after_page_number = shape.page_number;
        if !shape.page_number {
            out.text_continues = out.continues;
        }
    }
    out.shapes.push(shape);
    let marker = marker_end.map(|e| Span::new(start, e));
    out.blocks.push(Block {
        kind,
        line: number,
        end_line: number,
        span: Span::new(start, end),
        marker,
        body: Span::new(marker_end.unwrap_or(start), end),
        section: None,
        subsection: None,
        segments: first_segment..out.segments.len() as u32,
        parent: None,
        annex: None,
        part: None,
    });
}

/// The hanzi that ends the line before line `number`, as the annotated character of an
/// annotation that starts line `number`: a wrap cut it from its character (`…推动中` /
/// `(zhōng)方企业…`) in a unit the line goes on with. `None` when that line does not end with
/// a hanzi.
fn cut_from_its_hanzi(text: &str, number: u32, out: &mut Scan) -> Option<u32> {
    let line = out
        .lines
        .iter()
        .rev()
        .find(|l| l.number + 1 == number)?
        .span;
    let before = &text[line.range()];
    let c = before.chars().next_back().filter(|c| is_hanzi(*c))?;
    let char_start = line.end as usize - c.len_utf8();
    let annotations = out.annotations.len() as u32;
    out.chars.push(AnnotatedChar {
        ch: c,
        span: Span::new(char_start, line.end as usize),
        position: Position {
            line: number - 1,
            column: count_chars(&before.as_bytes()[..before.len() - c.len_utf8()]) + 1,
        },
        reading: None,
        annotations: annotations..annotations,
    });
    Some((out.chars.len() - 1) as u32)
}

/// Sentence ends: a line ending in one of them closes its unit. Closing quotes and brackets
/// after it are looked through (`。”`).
const SENTENCE_ENDS: &str = "。；;！？!?：:…．";
/// What may follow a sentence's end on a line: closing quotes and brackets.
const CLOSERS: &str = "”’」』）)》〉】\"'";
/// Sentence punctuation inside a line: a line without any, and short, reads as a title.
pub(crate) const SENTENCE_MARKS: &str = "，。；：,;！？!?";
/// A heading this long or shorter is a title, never a wrapped sentence.
const SHORT_HEADING: u32 = 24;
/// A line shorter than this was not cut by a wrap: it ends its unit even without a full stop
/// (`1.甲`, a signature line).
pub(crate) const WRAP_MIN: u32 = 16;
/// A first line this long or shorter, without sentence punctuation, is the document's title.
pub(crate) const SHORT_TITLE: u32 = 40;

/// How a line looks where hard wraps are decided: its length, and how it ends and starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LineShape {
    /// Characters of its clean text (annotations left out).
    pub chars: u32,
    /// Whether its clean text ends without closing its sentence: no `。；！？：` at its end
    /// (closing quotes looked through), not a note wholly in parentheses, not a date line.
    pub unfinished: bool,
    /// Whether it ends with a colon (`职能是：`): the lead-in of a list.
    pub lead_in: bool,
    /// Whether it starts with spaces (a paragraph's first line in a wrapped text).
    pub indented: bool,
    /// Whether it is the document's first line with text and reads as its title: short, no
    /// sentence punctuation.
    pub title: bool,
    /// Whether a text parenthesis is still open at its end (`（Green` cut by a wrap).
    pub open_paren: bool,
    /// Whether it has a `)` that closes nothing on the line.
    pub stray_close: bool,
    /// Whether it ends with `第`, an ordinal cut from its number by the wrap (`…第一款第`).
    pub ends_with_ordinal: bool,
    /// Whether it is a note wholly in brackets (`（2024年7月3日，阿斯塔纳）`).
    pub note: bool,
    /// Whether it is a page number copied out of a PDF (`- 2 -`, `—3—`, `第 4 页`).
    pub page_number: bool,
    /// Whether it closes a sentence inside and leaves the next open (`（一）破除市场准入壁垒。各地区
    /// 各部门不得`): a heading's title and the start of its text, which a wrap cut. Read only of
    /// lines of `WRAP_MIN` to `SHORT_HEADING` characters, the short headings it is asked of.
    pub runs_on_past_a_sentence: bool,
}

/// The dashes PDFs set around a page number (`- 2 -`, `—3—`, `－ 12 －`).
const PAGE_NUMBER_DASHES: &[char] = &['-', '－', '—', '–', '‒', '―', '─', '·', '・', '•'];

/// Whether a line's text is nothing but a page number as PDFs print them: a number between
/// dashes or dots (`- 2 -`, `—3—`, `－ 12 －`, `·2·`), `第N页` with its total (`第 4 页 共 9 页`,
/// `第2頁`, `第二页`), a number with its total (`2 / 9`, `2 of 9`, `- 2 / 9 -`: browsers' and
/// office suites' footers), or a number of one to four digits alone on its line (`2`: a wrap
/// leaves no number alone, and the structure takes it for a page number only between the
/// halves of a unit or standing apart).
pub(crate) fn is_page_number(line: &str) -> bool {
    let line = line.trim();
    bare_page_number(line) || header_beside_page_number(line)
}

/// Whether a line is a running header and a page number set on one line, apart by a run of
/// two or more spaces (`江南省人民政府公报　　　　第 2 页`, `- 2 -　　区域口岸合作章程`): the header
/// 4 to 40 characters without sentence punctuation.
fn header_beside_page_number(line: &str) -> bool {
    if line.len() > 160 {
        return false;
    }
    // Where the first run of two spaces starts.
    let mut space = None;
    let mut at = None;
    for (i, c) in line.char_indices() {
        if !c.is_whitespace() {
            space = None;
        } else if space.is_some() {
            at = space;
            break;
        } else {
            space = Some(i);
        }
    }
    let Some(at) = at else {
        return false;
    };
    let (first, second) = (line[..at].trim(), line[at..].trim());
    is_header_text(first) && bare_page_number(second)
        || bare_page_number(first) && is_header_text(second)
}

/// Whether a (trimmed) line's text reads as a page's running header: 4 to 40 characters without
/// sentence punctuation.
pub(crate) fn is_header_text(text: &str) -> bool {
    (4..=40).contains(&text.chars().count()) && !text.contains(|c| SENTENCE_MARKS.contains(c))
}

/// [`is_page_number`] of a page number alone on its line.
fn bare_page_number(line: &str) -> bool {
    const DASHES: &[char] = PAGE_NUMBER_DASHES;
    if line.len() > 40 {
        return false;
    }
    // `Page 2`, `Page 2 of 9`.
    if let Some(rest) = line
        .strip_prefix("Page ")
        .or_else(|| line.strip_prefix("page "))
    {
        let (n, total) = rest.split_once(" of ").unwrap_or((rest, "1"));
        return page_digits(n) && page_digits(total);
    }
    if page_count(line) {
        return true;
    }
    if let Some(inner) = line
        .strip_prefix(DASHES)
        .and_then(|l| l.trim_start_matches(DASHES).strip_suffix(DASHES))
    {
        return page_count(inner.trim_end_matches(DASHES).trim());
    }
    page_of(line, "第").is_some_and(|rest| {
        let rest = rest.trim_start_matches([' ', '\u{3000}', '，', ',', '/']);
        rest.is_empty() || page_of(rest, "共").is_some_and(|r| r.trim().is_empty())
    })
}

/// The text after `{head}N页` at the start of `s` (`第 4 页`, `共 9 页`), if `s` starts so.
fn page_of<'s>(s: &'s str, head: &str) -> Option<&'s str> {
    s.trim_start()
        .strip_prefix(head)
        .and_then(|s| s.trim_start().split_once(['页', '頁']))
        .filter(|(n, _)| {
            let n = n.trim_end();
            page_digits(n)
                || (1..=4).contains(&n.chars().count())
                    && n.chars()
                        .all(|c| "〇零一二三四五六七八九十百两".contains(c))
        })
        .map(|(_, rest)| rest)
}

/// Whether `s` is a page's number, alone or with the count of pages (`2`, `2/9`, `2 / 9`,
/// `2 of 9`).
fn page_count(s: &str) -> bool {
    let (n, total) = s
        .split_once('/')
        .or_else(|| s.split_once(" of "))
        .unwrap_or((s, "1"));
    page_digits(n.trim()) && page_digits(total.trim())
}

/// Whether `s` is a page's number: one to four digits, ASCII or full-width (`12`, `２`).
fn page_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().count() <= 4 && s.chars().all(is_digit)
}

/// Whether a line's text sets columns apart with ideographic spaces between its words, two or
/// more of them, in a run (a signature block: `中方代表　　　　老方代表`) or single (a table's row:
/// `1　某市医院门诊楼工程　某市　12000`), or with a tab (a table's row copied out of a sheet:
/// `1\t某市医院门诊楼工程\t某市\t12000`, never a wrapped sentence); an indent and trailing
/// spaces do not count.
pub(crate) fn sets_columns_apart(line: &str) -> bool {
    let line = line.trim();
    line.matches('\u{3000}').nth(1).is_some() || line.contains('\t')
}

/// [`sets_columns_apart`] of a line from its segments, annotations and all (no annotation holds
/// an ideographic space): asked of every line that would otherwise be taken as cut.
fn laid_out(text: &str, segments: &[Segment]) -> bool {
    let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
        return false;
    };
    sets_columns_apart(
        text.get(first.span.start as usize..last.span.end as usize)
            .unwrap_or(""),
    )
}

impl LineShape {
    /// The shape of a line from its segments (text, markers and annotations).
    fn of(text: &str, segments: &[Segment], first_content: bool) -> LineShape {
        let clean = || {
            segments
                .iter()
                .filter(|s| matches!(s.kind, SegmentKind::Text | SegmentKind::Marker))
                .map(|s| &text[s.span.range()])
        };
        let chars: u32 = clean().map(|t| count_chars(t.as_bytes())).sum();
        // A form feed that starts a page (pdftotext's) is no indent.
        let first = clean().flat_map(str::chars).find(|&c| c != '\u{c}');
        let indented = first.is_some_and(char::is_whitespace);
        let mut tail = segments
            .iter()
            .rev()
            .filter(|s| matches!(s.kind, SegmentKind::Text | SegmentKind::Marker))
            .flat_map(|s| text[s.span.range()].chars().rev())
            .filter(|c| !c.is_whitespace());
        let mut closed_by_paren = false;
        let mut end = None;
        for c in tail.by_ref() {
            if CLOSERS.contains(c) {
                closed_by_paren |= c == '）' || c == ')';
                continue;
            }
            end = Some(c);
            break;
        }
        let lead = clean().flat_map(str::chars).find(|c| !c.is_whitespace());
        let note = closed_by_paren && matches!(lead, Some('（' | '('));
        let date_line = chars <= 20 && end == Some('日');
        // Columns set apart by runs of ideographic spaces (a signature block:
        // `中方代表　　　　老方代表`) are laid out, not prose a wrap cut; looked for last, only in
        // a line that would otherwise be taken as cut.
        let unfinished = end.is_some_and(|c| !SENTENCE_ENDS.contains(c))
            && !note
            && !date_line
            && !laid_out(text, segments);
        let title = first_content
            && chars <= SHORT_TITLE
            && !clean().any(|t| t.contains(|c| SENTENCE_MARKS.contains(c)));
        // Read only of the lines it is asked for: short ones a wrap may have cut.
        let runs_on_past_a_sentence = unfinished
            && (WRAP_MIN..=SHORT_HEADING).contains(&chars)
            && clean().any(|t| t.contains(['。', '；', '！', '？']));
        LineShape {
            chars,
            unfinished,
            runs_on_past_a_sentence,
            lead_in: matches!(end, Some('：' | ':')),
            indented,
            title,
            open_paren: false,
            stray_close: false,
            ends_with_ordinal: end == Some('第'),
            note,
            // Centred by spaces, it may be long (up to 80 characters); its annotations
            // (`第(dì) 2 页`) are left out.
            page_number: (1..=80).contains(&chars)
                && match lead {
                    // A number alone: read without a copy (items' lines start with digits too).
                    // Or with its total (`2 / 9`, `2 of 9`), copied only when short.
                    Some(c) if is_digit(c) => {
                        let text = clean().flat_map(str::chars).filter(|c| !c.is_whitespace());
                        let count = text.clone().count();
                        count <= 4 && text.clone().all(is_digit)
                            || count <= 11
                                && text.clone().any(|c| c == '/' || c == 'f')
                                && is_page_number(&clean().collect::<String>())
                    }
                    // Or a header beside it (`…公报　　第 2 页`): read only when the line ends
                    // as a page number does.
                    Some(c) => {
                        (c == '第'
                            || c == 'P'
                            || c == 'p'
                            || PAGE_NUMBER_DASHES.contains(&c)
                            || end.is_some_and(|e| {
                                matches!(e, '页' | '頁')
                                    || is_digit(e)
                                    || PAGE_NUMBER_DASHES.contains(&e)
                            }))
                            && is_page_number(&clean().collect::<String>())
                    }
                    None => false,
                },
        }
    }

    /// Whether the line reads as cut by a wrap: long enough, and its sentence left open.
    pub(crate) fn wrapped(&self) -> bool {
        self.unfinished && self.chars >= WRAP_MIN
    }

    /// Whether the next line, when it has no marker of its own, may continue this line's unit:
    /// the line leaves its sentence open and is neither a title nor a short heading.
    pub(crate) fn may_continue(&self, kind: &BlockKind) -> bool {
        self.wrapped() && self.may_be_continued(kind)
    }

    /// Whether a unit of this kind that starts with this line may go on on the next lines: not
    /// a blank line, a title or a short heading. The scan asks it of the kinds the markers give;
    /// the structure asks it again of the kinds context settles (a `（一）` clause may go on).
    pub(crate) fn may_be_continued(&self, kind: &BlockKind) -> bool {
        match kind {
            BlockKind::Blank => false,
            // A short heading may go on when it carries the start of its text.
            BlockKind::SectionHeading { .. } | BlockKind::SubsectionHeading { .. } => {
                self.chars > SHORT_HEADING || self.runs_on_past_a_sentence
            }
            BlockKind::Paragraph => !self.title,
            _ => true,
        }
    }
}

/// Whether a byte is a control character that has no place in text (tab, CR, LF and form feed
/// do).
fn is_control(b: u8) -> bool {
    // Non-short-circuit operators: the chunk test below compiles to vector instructions. A form
    // feed is layout (pdftotext writes one at every new page), not binary data.
    ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C)) | (b == 0x7F)
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
