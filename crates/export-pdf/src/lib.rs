//! Printable PDF briefing of one document, with `printpdf`: A4, running header, `page X of Y`,
//! a first page with title, key figures and a vector bar chart of items per topic, then the
//! background paragraphs, every section with its numbered items and paragraphs, and a data-quality annex.
//!
//! Chinese renders on any machine: a freely licensed CJK font (WenQuanYi Micro Hei, Apache-2.0)
//! is compiled in, and printpdf embeds only the glyphs used (a subset). Outputs are
//! deterministic: fixed dates, fixed resource ids, and a document ID derived from the content.

mod annex;
mod corpus;
pub mod layout;
pub mod words;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use annotext_atomic_file::{write_bytes_atomic, AtomicWriteError, WrittenFile};
use annotext_parser::{BlockKind, Document};
use annotext_transform::{column_texts, KeyFigure, Tables};
pub use corpus::{
    render_corpus_briefing, write_corpus_briefing, CorpusBriefing, CorpusBriefingOptions,
    CorpusDigest, CORPUS_PAGE_LIMIT,
};
pub use words::{Lang, UnknownLang, Words};

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PageAnnotId, PageAnnotation, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

/// The font shipped with the project: WenQuanYi Micro Hei (Apache-2.0 or GPL-3+ with font
/// exception; see `assets/fonts/`). It covers traditional and simplified hanzi, Latin and pinyin.
pub const DEFAULT_FONT: &[u8] = include_bytes!("../../../assets/fonts/wqy-microhei.ttc");

const PAGE_W: f64 = 595.28;
const PAGE_H: f64 = 841.89;
const MARGIN_X: f64 = 56.7; // 20 mm
const MARGIN_TOP: f64 = 70.0;
const MARGIN_BOTTOM: f64 = 62.0;
/// Width of the text column.
pub const COLUMN_WIDTH: f64 = PAGE_W - 2.0 * MARGIN_X;

const BODY: f64 = 10.5;
const SMALL: f64 = 8.0;
const HEADING: f64 = 14.0;
const TITLE: f64 = 20.0;
/// Fixed creation date (the summit's date), so reruns give the same bytes.
const FIXED_DATE_UNIX: i64 = 1_684_454_400;

/// The briefing could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfExportError {
    /// The font file could not be used.
    #[error("the font cannot be read as TrueType/OpenType")]
    Font,
    /// The PDF objects could not be serialized.
    #[error("the PDF could not be assembled")]
    Assemble(#[source] std::io::Error),
    /// A table the corpus briefing reads has a column of an unexpected type.
    #[error("reading column {column} of the tables: {message}")]
    Table {
        /// The column (or table).
        column: String,
        /// polars' message.
        message: String,
    },
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] AtomicWriteError),
}

/// Pages of a briefing's body (first page, background, sections) by default: a briefing is
/// for reading, and the full text of a longer document is in the workbook and the CSV.
pub const DEFAULT_PAGE_LIMIT: usize = 100;

/// Choices for a briefing.
#[derive(Debug, Clone)]
pub struct BriefingOptions {
    /// Title on the first page and in the header; derived from the document when absent.
    pub title: Option<String>,
    /// Font of the briefings; the shipped font when absent.
    pub font: Option<BriefingFont>,
    /// Reading edition: pinyin set small above each annotated character.
    pub pinyin: bool,
    /// Pages the body may take (at least 1); past them the briefing ends with a note of what
    /// was left out, then the annex. Bounds a briefing's time and memory whatever the document.
    pub page_limit: usize,
    /// Language of the briefing's own words (headings, labels, annex); the document's by
    /// default.
    pub lang: Lang,
}

impl Default for BriefingOptions {
    fn default() -> BriefingOptions {
        BriefingOptions {
            title: None,
            font: None,
            pinyin: false,
            page_limit: DEFAULT_PAGE_LIMIT,
            lang: Lang::Auto,
        }
    }
}

/// A font read once and shared by every briefing of a run (parsing a CJK font took most of the
/// time of a short briefing).
#[derive(Clone)]
pub struct BriefingFont(Arc<ParsedFont>);

impl BriefingFont {
    /// Reads font file bytes: TrueType/OpenType, or a collection's first face.
    pub fn from_bytes(bytes: &[u8]) -> Result<BriefingFont, PdfExportError> {
        ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .map(|font| BriefingFont(Arc::new(font)))
            .ok_or(PdfExportError::Font)
    }

    /// The shipped WenQuanYi Micro Hei, parsed once per process.
    pub fn shipped() -> Result<BriefingFont, PdfExportError> {
        static SHIPPED: OnceLock<Option<BriefingFont>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| BriefingFont::from_bytes(DEFAULT_FONT).ok())
            .clone()
            .ok_or(PdfExportError::Font)
    }
}

impl std::fmt::Debug for BriefingFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BriefingFont")
            .field("glyphs", &self.0.num_glyphs)
            .finish()
    }
}

/// A rendered briefing.
#[derive(Debug, Clone)]
pub struct Briefing {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Its page count, as laid out.
    pub pages: usize,
    /// Its title.
    pub title: String,
    /// Characters of the document the font has no glyph for, drawn as a white square (□):
    /// the caller should tell the user, who can pick another font.
    pub missing_glyphs: Vec<char>,
}

/// The title a briefing gets without `--title`: the document's title line, else the first 《…》
/// in the prose that names a list (清單), else an outcome (成果); else the meeting its preamble
/// says was held; else a declaration (宣言) named; else the document's name. The workbook, the records and the `documents` table name documents the
/// same way ([`annotext_transform::document_title`]).
pub fn derived_title(doc: &Document) -> String {
    annotext_transform::document_title(doc)
}

struct Metrics {
    font: Arc<ParsedFont>,
    units_per_em: f64,
    /// What stands in for a character the font has no glyph for.
    replacement: char,
    /// The advance of each character met so far (`None`: no glyph). The font's character map
    /// is searched, not indexed, and a briefing measures each character several times while
    /// breaking lines: the searches were a third of a briefing's time.
    advances: RefCell<HashMap<char, Option<u16>>>,
}

impl Metrics {
    /// The chosen font (or the shipped one) and its em size.
    fn load(options: &BriefingOptions) -> Result<Metrics, PdfExportError> {
        match &options.font {
            Some(font) => Ok(Metrics::of(font)),
            None => Ok(Metrics::of(&BriefingFont::shipped()?)),
        }
    }

    /// The metrics of a font read already.
    fn of(font: &BriefingFont) -> Metrics {
        let font = Arc::clone(&font.0);
        let units_per_em = f64::from(font.pdf_font_metrics.units_per_em.max(1));
        // A white square, as readers draw for a missing glyph, when the font has one.
        let replacement = ['□', '?']
            .into_iter()
            .find(|c| font.lookup_glyph_index(*c as u32).is_some())
            .unwrap_or(' ');
        Metrics {
            font,
            units_per_em,
            replacement,
            advances: RefCell::default(),
        }
    }

    /// The advance of a character's glyph in font units, `None` when the font has none.
    fn advance(&self, c: char) -> Option<u16> {
        if let Some(known) = self.advances.borrow().get(&c) {
            return *known;
        }
        let advance = self
            .font
            .lookup_glyph_index(c as u32)
            .map(|g| self.font.get_horizontal_advance(g));
        self.advances.borrow_mut().insert(c, advance);
        advance
    }

    fn has_glyph(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// The text as it can be drawn: characters the font lacks (a rare hanzi, a control
    /// character) become the replacement, so a briefing is never refused for one character.
    fn drawable<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if text.chars().all(|c| self.has_glyph(c)) {
            return Cow::Borrowed(text);
        }
        text.chars()
            .map(|c| {
                if self.has_glyph(c) {
                    c
                } else {
                    self.replacement
                }
            })
            .collect::<String>()
            .into()
    }

    /// Width of the text as drawn ([`Metrics::drawable`]: a missing glyph takes the
    /// replacement's width).
    fn width(&self, text: &str, size: f64) -> f64 {
        let units: f64 = text
            .chars()
            .map(|c| {
                self.advance(c)
                    .or_else(|| self.advance(self.replacement))
                    .map_or(0.0, f64::from)
            })
            .sum();
        units * size / self.units_per_em
    }
}

fn rgb(r: f64, g: f64, b: f64) -> Color {
    Color::Rgb(Rgb {
        r: r as f32,
        g: g as f32,
        b: b as f32,
        icc_profile: None,
    })
}

const FONT_ID: &str = "ANNTXT";

/// Characters of a paragraph broken into lines at a time: a 50 MB line is laid out piece by
/// piece, so the lines in hand are never more than a piece's, and layout stops at the page
/// limit instead of breaking the whole text first.
const PIECE_CHARS: usize = 2048;

/// Lays content out top to bottom, starting new pages as needed, up to a page limit.
struct Composer<'m> {
    metrics: &'m Metrics,
    pages: Vec<Vec<Op>>,
    y: f64,
    bookmarks: Vec<(String, usize)>,
    /// Every line of text placed, for tests of the layout (as many as the pages hold).
    placed: Vec<(f64, String)>,
    /// Pages the content may take.
    limit: usize,
    /// The limit is reached: nothing more is drawn (what comes is drawn into `overflow`, which
    /// is thrown away), and the caller stops feeding content.
    full: bool,
    overflow: Vec<Op>,
}

impl<'m> Composer<'m> {
    fn new(metrics: &'m Metrics, limit: usize) -> Composer<'m> {
        Composer {
            metrics,
            pages: vec![Vec::new()],
            y: PAGE_H - MARGIN_TOP,
            bookmarks: Vec::new(),
            placed: Vec::new(),
            limit: limit.max(1),
            full: false,
            overflow: Vec::new(),
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.full {
            return &mut self.overflow;
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.y = PAGE_H - MARGIN_TOP;
        if self.full || self.pages.len() >= self.limit {
            self.full = true;
            self.overflow.clear();
            return;
        }
        self.pages.push(Vec::new());
    }

    /// Lifts the limit for what closes the briefing (the note and the annex, both short).
    fn unlimit(&mut self) {
        self.full = false;
        self.limit = usize::MAX;
        self.overflow = Vec::new();
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f64) {
        if self.y - height < MARGIN_BOTTOM {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f64, y: f64, size: f64, color: Color, text: &str) {
        let text = self.metrics.drawable(text).into_owned();
        let ops = self.ops();
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFillColor { col: color });
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(FONT_ID.into())),
            size: Pt(size as f32),
        });
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(x as f32),
                y: Pt(y as f32),
            },
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text)],
        });
        ops.push(Op::EndTextSection);
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: Color) {
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: color });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x as f32),
                y: Pt(y as f32),
                width: Pt(w as f32),
                height: Pt(h as f32),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    fn rule(&mut self, y: f64, color: Color) {
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: color });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        let point = |x: f64| LinePoint {
            p: Point {
                x: Pt(x as f32),
                y: Pt(y as f32),
            },
            bezier: false,
        };
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(MARGIN_X), point(PAGE_W - MARGIN_X)],
                is_closed: false,
            },
        });
    }

    /// A wrapped paragraph. `hang` is the text placed in the left gutter of the first line
    /// (an item number); `readings` gives, per character of `text`, the pinyin to set above it
    /// (the reading edition).
    fn paragraph(
        &mut self,
        text: &str,
        size: f64,
        indent: f64,
        hang: Option<&str>,
        readings: Option<&[Ruby]>,
        color: Color,
    ) {
        if let Some(readings) = readings {
            self.ruby_paragraph(text, size, indent, hang, readings, color);
            return;
        }
        let width = COLUMN_WIDTH - indent;
        let metrics = self.metrics;
        let line_height = size * 1.6;
        let mut first_line = true;
        let mut rest = text;
        // The last line of a piece is carried into the next piece: it may continue there.
        let mut carry = String::new();
        while !self.full && (!rest.is_empty() || !carry.is_empty()) {
            let cut = rest
                .char_indices()
                .nth(PIECE_CHARS)
                .map_or(rest.len(), |(i, _)| i);
            carry.push_str(&rest[..cut]);
            rest = &rest[cut..];
            let mut lines = layout::break_lines(&carry, width, &|s| metrics.width(s, size));
            carry = if rest.is_empty() {
                String::new()
            } else {
                lines.pop().unwrap_or_default()
            };
            for line in &lines {
                self.ensure(line_height);
                if self.full {
                    return;
                }
                self.y -= line_height;
                let y = self.y;
                if first_line {
                    first_line = false;
                    if let Some(hang) = hang {
                        self.text_at(MARGIN_X, y, size, rgb(0.12, 0.3, 0.47), hang);
                    }
                }
                self.text_at(MARGIN_X + indent, y, size, color.clone(), line);
                self.placed.push((metrics.width(line, size), line.clone()));
            }
        }
    }

    /// A paragraph of the reading edition: toned pinyin centred above every hanzi. A syllable
    /// wider than its character is first set smaller, down to [`RUBY_MIN`] of the text size, and
    /// then its character gets a wider advance, so neighbouring syllables never touch.
    fn ruby_paragraph(
        &mut self,
        text: &str,
        size: f64,
        indent: f64,
        hang: Option<&str>,
        readings: &[Ruby],
        color: Color,
    ) {
        let metrics = self.metrics;
        let gap = size * 0.12;
        // Each character: (char, its width, its advance, the syllable's size and width).
        let cells: Vec<(char, f64, f64, f64, f64)> = text
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let cw = metrics.width(c.encode_utf8(&mut [0; 4]), size);
                let Some(ruby) = readings.get(i).filter(|r| !r.syllable.is_empty()) else {
                    return (c, cw, cw, 0.0, 0.0);
                };
                let base = toneless_base(&ruby.syllable);
                let mut ps = size * RUBY_SIZE;
                let mut pw = metrics.width(&base, ps);
                if pw + gap > cw {
                    ps = (ps * (cw - gap) / pw).max(size * RUBY_MIN);
                    pw = metrics.width(&base, ps);
                }
                (c, cw, cw.max(pw + gap), ps, pw)
            })
            .collect();
        let width = COLUMN_WIDTH - indent;
        let advances: Vec<f64> = cells.iter().map(|c| c.2).collect();
        let chars: Vec<char> = cells.iter().map(|c| c.0).collect();
        let line_height = size * 2.2;
        for (i, range) in layout::break_cells(&chars, &advances, width)
            .into_iter()
            .enumerate()
        {
            self.ensure(line_height);
            if self.full {
                return;
            }
            self.y -= line_height;
            let y = self.y;
            if i == 0 {
                if let Some(hang) = hang {
                    self.text_at(MARGIN_X, y, size, rgb(0.12, 0.3, 0.47), hang);
                }
            }
            let mut x = MARGIN_X + indent;
            let line: String = chars[range.clone()].iter().collect();
            let mut line_width = 0.0;
            for (k, &(c, cw, advance, ps, pw)) in cells[range.clone()].iter().enumerate() {
                self.text_at(
                    x + (advance - cw) / 2.0,
                    y,
                    size,
                    color.clone(),
                    c.encode_utf8(&mut [0; 4]),
                );
                if let Some(ruby) = readings.get(range.start + k).filter(|_| ps > 0.0) {
                    // A flagged reading (its annotation is wrong for its word) is shown in red.
                    let ink = if ruby.flagged {
                        rgb(0.75, 0.1, 0.1)
                    } else {
                        rgb(0.45, 0.45, 0.45)
                    };
                    self.syllable_at(
                        x + (advance - pw) / 2.0,
                        y + size * 0.95,
                        ps,
                        ink,
                        &ruby.syllable,
                    );
                }
                x += advance;
                line_width += advance;
            }
            self.placed.push((line_width, line));
        }
    }

    /// A toned syllable. The shipped font has empty glyphs for the vowels with a caron (ǎ ǐ ǒ
    /// ǔ ǚ) and for ǜ: those are drawn as their letter with the accent set above it.
    fn syllable_at(&mut self, x: f64, y: f64, size: f64, color: Color, syllable: &str) {
        let base = toneless_base(syllable);
        self.text_at(x, y, size, color.clone(), &base);
        let metrics = self.metrics;
        let mut offset = 0.0;
        for (marked, letter) in syllable.chars().zip(base.chars()) {
            let letter_width = metrics.width(letter.encode_utf8(&mut [0; 4]), size);
            let accent = match marked {
                'ǎ' | 'ǐ' | 'ǒ' | 'ǔ' | 'ǚ' => Some('ˇ'),
                'ǜ' => Some('`'),
                _ => None,
            };
            if let Some(accent) = accent {
                let text = accent.encode_utf8(&mut [0; 4]).to_owned();
                let accent_width = metrics.width(&text, size);
                // Above the dots of ü, the accent sits a little higher.
                let rise = if letter == 'ü' { size * 0.22 } else { 0.0 };
                self.text_at(
                    x + offset + (letter_width - accent_width) / 2.0,
                    y + rise,
                    size,
                    color.clone(),
                    &text,
                );
            }
            offset += letter_width;
        }
    }

    fn heading(&mut self, text: &str, bookmark: bool) {
        self.ensure(HEADING * 4.0);
        if self.full {
            return;
        }
        self.y -= HEADING * 1.2;
        if bookmark {
            self.bookmarks.push((text.to_owned(), self.pages.len()));
        }
        self.paragraph(text, HEADING, 0.0, None, None, rgb(0.12, 0.3, 0.47));
        self.y -= 4.0;
    }

    fn gap(&mut self, h: f64) {
        self.y -= h;
    }
}

/// Largest size of a syllable above its character, as a share of the text size.
const RUBY_SIZE: f64 = 0.42;
/// Smallest size a long syllable is shrunk to before its character is widened instead.
const RUBY_MIN: f64 = 0.34;

/// A syllable with the vowels that the shipped font draws empty (ǎ ǐ ǒ ǔ ǚ ǜ) replaced by
/// their letter (ı for i, so no dot meets the accent); the accent is drawn apart.
fn toneless_base(syllable: &str) -> String {
    syllable
        .chars()
        .map(|c| match c {
            'ǎ' => 'a',
            'ǐ' => 'ı',
            'ǒ' => 'o',
            'ǔ' => 'u',
            'ǚ' | 'ǜ' => 'ü',
            other => other,
        })
        .collect()
}

/// The pinyin set above one character of the reading edition.
#[derive(Debug, Clone, Default)]
struct Ruby {
    /// The toned syllable (`zhōng`); empty for a character that gets none.
    syllable: String,
    /// Whether the character's annotation was flagged as wrong for its word.
    flagged: bool,
}

/// Per character of a block's clean text, the toned pinyin to print above it: the annotation,
/// else the word's or the character's reading (the same as the tables' `pinyin` column).
fn block_readings(doc: &Document, block: &annotext_parser::Block) -> Vec<Ruby> {
    annotext_transform::readings_of_block(doc, block)
        .chars
        .iter()
        .map(|c| Ruby {
            syllable: c.reading.map(|r| r.marked().to_owned()).unwrap_or_default(),
            flagged: c.flagged,
        })
        .collect()
}

/// Findings shown per kind in the annex; the anomalies table holds them all.
const ANNEX_EXAMPLES: usize = 3;

/// What the page limit left out: (shown whole, all) items and paragraphs, and the first line
/// not shown whole.
#[derive(Default)]
struct LeftOut {
    sections: (usize, usize),
    items: (usize, usize),
    paragraphs: (usize, usize),
    first_line: Option<u32>,
}

impl LeftOut {
    /// The closing note of a briefing cut at its page limit.
    fn note(&self, pages: usize, words: &Words) -> String {
        let parts: Vec<String> = [
            (self.sections, words.left_sections),
            (self.items, words.left_items),
            (self.paragraphs, words.left_paragraphs),
        ]
        .iter()
        .filter(|((_, all), _)| *all > 0)
        .map(|((shown, all), template)| {
            words::fill(
                template,
                &[
                    ("left", &thousands((all - shown) as u64)),
                    ("all", &thousands(*all as u64)),
                ],
            )
        })
        .collect();
        let what = match parts.len() {
            0 => words.left_rest.to_owned(),
            _ => words::fill(
                words.left_parts,
                &[("parts", &parts.join(words.list_separator))],
            ),
        };
        let from = self.first_line.map_or_else(String::new, |l| {
            words::fill(words.left_from, &[("line", &thousands(u64::from(l)))])
        });
        words::fill(
            words.note,
            &[
                ("pages", &pages.to_string()),
                ("what", &what),
                ("from", &from),
            ],
        )
    }
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A laid-out briefing, before headers, footers and serialisation.
struct Layout {
    /// Drawing operations, one list per page.
    pages: Vec<Vec<Op>>,
    /// Outline entries: title and 1-based page.
    bookmarks: Vec<(String, usize)>,
    /// Every text line placed, with its width, for layout checks.
    placed: Vec<(f64, String)>,
}

/// Lays out the briefing.
fn compose(
    doc: &Document,
    tables: &Tables,
    options: &BriefingOptions,
    metrics: &Metrics,
    title: &str,
    words: &Words,
) -> Layout {
    let mut c = Composer::new(metrics, options.page_limit);
    let ink = rgb(0.1, 0.1, 0.1);
    let grey = rgb(0.4, 0.4, 0.4);

    // First page: title, key figures, chart.
    c.paragraph(title, TITLE, 0.0, None, None, rgb(0.12, 0.3, 0.47));
    // The adoption note under a title line goes with the title, not into the background.
    let note = annotext_transform::title_note(doc);
    if let Some((_, note)) = &note {
        c.paragraph(note, BODY, 0.0, None, None, rgb(0.12, 0.3, 0.47));
    }
    let articles = doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Item { article: true, .. }));
    c.paragraph(
        &words::fill(
            if articles {
                words.subtitle_articles
            } else {
                words.subtitle
            },
            &[
                ("source", &doc.name),
                ("sections", &doc.sections.len().to_string()),
                ("items", &tables.items.height().to_string()),
            ],
        ),
        SMALL,
        0.0,
        None,
        None,
        grey.clone(),
    );
    c.gap(10.0);
    c.heading(words.key_figures, false);
    for (figure, value) in tables.key_figures().figures() {
        // A regulation's sections are chapters and its items articles.
        let label = match (articles, figure) {
            (true, KeyFigure::Sections) => words.chapters_articles[0],
            (true, KeyFigure::Items) => words.chapters_articles[1],
            _ => words.figure(figure),
        };
        c.ensure(BODY * 1.6);
        c.y -= BODY * 1.6;
        let y = c.y;
        c.text_at(MARGIN_X, y, BODY, ink.clone(), label);
        let vw = metrics.width(&value, BODY);
        c.text_at(MARGIN_X + 260.0 - vw, y, BODY, ink.clone(), &value);
    }
    c.gap(12.0);
    // Items per topic; a document without items (a statement in prose), or whose items hold
    // clauses or points (a regulation), counts every passage that speaks of each topic instead.
    let by_units = tables.items.height() == 0 || tables.clauses.height() > 0;
    c.heading(
        if by_units {
            words.units_per_topic
        } else {
            words.items_per_topic
        },
        false,
    );
    let topics = column_texts(&tables.topics, "topic");
    let count_column = if by_units { "unit_count" } else { "item_count" };
    let counts: Vec<f64> = column_texts(&tables.topics, count_column)
        .iter()
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    let max = counts.iter().cloned().fold(1.0, f64::max);
    let label_w = 120.0;
    let bar_max = COLUMN_WIDTH - label_w - 30.0;
    for (topic, count) in topics.iter().zip(&counts).filter(|(_, &n)| n > 0.0) {
        // Topic names are written in traditional characters in the rules: a simplified
        // briefing shows them in its own script.
        let topic = match words.tag {
            "zh-Hans" => annotext_transform::simplified(topic),
            _ => topic.clone(),
        };
        let topic = &topic;
        c.ensure(18.0);
        c.y -= 18.0;
        let y = c.y;
        c.text_at(MARGIN_X, y + 3.0, BODY, ink.clone(), topic);
        let w = bar_max * count / max;
        c.rect(MARGIN_X + label_w, y, w, 12.0, rgb(0.27, 0.51, 0.71));
        c.text_at(
            MARGIN_X + label_w + w + 4.0,
            y + 3.0,
            SMALL,
            ink.clone(),
            &format!("{count}"),
        );
    }

    // Background: the paragraphs before the first heading or item, but the title line when it
    // is the page's title (`--title` puts another there, and the line stays). Paragraphs among
    // or after the items come in their place below.
    c.new_page();
    let mut left = LeftOut::default();
    let title_lines = match options.title {
        Some(_) => None,
        None => annotext_transform::title_line(doc).map(|(lines, _)| lines),
    };
    // A paragraph; or, as a part, a clause, a point or an article's further paragraph: under
    // the unit it belongs to, with its marker as written, indented one step further. Both are
    // counted as paragraphs when the page limit leaves them out.
    let passage =
        |c: &mut Composer, left: &mut LeftOut, block: &annotext_parser::Block, part: bool| {
            left.paragraphs.1 += 1;
            if c.full {
                left.first_line.get_or_insert(block.line);
                return;
            }
            let text = doc.block_text(block);
            let readings = options.pinyin.then(|| block_readings(doc, block));
            // The marker leads the text (its readings, in the reading edition, stay the body's).
            let (indent, text, gap) = match (part, block.kind, readings.is_some()) {
                (false, ..) => (0.0, text, 6.0),
                (true, BlockKind::Paragraph, _) | (true, _, true) => (24.0, text, 2.0),
                (true, ..) => (40.0, format!("{}{text}", doc.marker_text(block)), 2.0),
            };
            c.paragraph(&text, BODY, indent, None, readings.as_deref(), ink.clone());
            c.gap(gap);
            if c.full {
                left.first_line.get_or_insert(block.line);
            } else {
                left.paragraphs.0 += 1;
            }
        };
    let prose = |c: &mut Composer, left: &mut LeftOut, block: &annotext_parser::Block| {
        passage(c, left, block, false)
    };
    let part = |c: &mut Composer, left: &mut LeftOut, block: &annotext_parser::Block| {
        passage(c, left, block, true)
    };
    let structure = doc
        .blocks
        .iter()
        .position(|b| {
            !matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::Blank | BlockKind::Point { .. }
            )
        })
        .unwrap_or(doc.blocks.len());
    let (before, after) = doc.blocks.split_at(structure);
    let mut background = before
        .iter()
        .filter(|b| {
            b.kind != BlockKind::Blank
                && !title_lines
                    .as_ref()
                    .is_some_and(|lines| lines.contains(&b.line))
                && Some(b.line) != note.as_ref().map(|(line, _)| *line)
        })
        .peekable();
    // No heading over nothing (a document of a title line and sections has no background).
    if background.peek().is_some() {
        c.heading(words.background, true);
        for block in background {
            match block.kind {
                BlockKind::Point { .. } => part(&mut c, &mut left, block),
                _ => prose(&mut c, &mut left, block),
            }
        }
    }

    // Items before the first section heading (a document may have none), then each section's.
    let item = |c: &mut Composer, left: &mut LeftOut, block: &annotext_parser::Block| {
        let BlockKind::Item { number, .. } = block.kind else {
            return;
        };
        left.items.1 += 1;
        if c.full {
            left.first_line.get_or_insert(block.line);
            return;
        }
        let text = doc.block_text(block);
        let readings = options.pinyin.then(|| block_readings(doc, block));
        // Its marker as written: `1.`, `第十二条`.
        let marker = doc.marker_text(block);
        let label = if marker.is_empty() {
            format!("{}.", number.0)
        } else {
            marker
        };
        // A long marker (`第十二条`) pushes the text right rather than running into it.
        let indent = (metrics.width(&label, BODY) + 6.0).max(24.0);
        c.paragraph(
            &text,
            BODY,
            indent,
            Some(&label),
            readings.as_deref(),
            ink.clone(),
        );
        c.gap(2.0);
        if c.full {
            left.first_line.get_or_insert(block.line);
        } else {
            left.items.0 += 1;
        }
    };
    // Items outside any section, with the paragraphs among and after them (a closing one), in
    // document order, up to the first section heading.
    let loose: Vec<&annotext_parser::Block> = after
        .iter()
        .take_while(|b| b.section.is_none())
        .filter(|b| {
            matches!(
                b.kind,
                BlockKind::Item { .. }
                    | BlockKind::Paragraph
                    | BlockKind::Clause { .. }
                    | BlockKind::Point { .. }
            )
        })
        .collect();
    if loose
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Item { .. }))
    {
        c.heading(words.loose_items, true);
    }
    for block in &loose {
        match block.kind {
            BlockKind::Item { .. } => item(&mut c, &mut left, block),
            _ if block.parent.is_some() => part(&mut c, &mut left, block),
            BlockKind::Clause { .. } | BlockKind::Point { .. } => part(&mut c, &mut left, block),
            _ => {
                c.gap(4.0);
                prose(&mut c, &mut left, block);
            }
        }
    }
    if !loose.is_empty() {
        c.gap(6.0);
    }
    // Sections, their subsections and items, in document order. Past the page limit the
    // blocks are only counted.
    let mut in_section = false;
    for block in doc.blocks.iter().filter(|b| b.section.is_some()) {
        if c.full
            && !matches!(
                block.kind,
                BlockKind::Item { .. }
                    | BlockKind::Paragraph
                    | BlockKind::Clause { .. }
                    | BlockKind::Point { .. }
            )
        {
            if matches!(block.kind, BlockKind::SectionHeading { .. }) {
                left.sections.1 += 1;
                left.first_line.get_or_insert(block.line);
            }
            continue;
        }
        match block.kind {
            BlockKind::SectionHeading { .. } => {
                left.sections.1 += 1;
                if in_section {
                    c.gap(6.0);
                }
                in_section = true;
                let numeral = block
                    .section
                    .and_then(|s| doc.sections.get(s as usize))
                    .map_or("", |s| s.numeral.as_str());
                // `一、合作` as in an outcome list, `第一章　总则` as in a regulation.
                let marker = doc.marker_text(block);
                let heading = if marker.starts_with('第') {
                    format!("{marker}\u{3000}{}", doc.block_text(block))
                } else {
                    format!("{numeral}、{}", doc.block_text(block))
                };
                c.heading(&heading, true);
                if c.full {
                    left.first_line.get_or_insert(block.line);
                } else {
                    left.sections.0 += 1;
                }
            }
            BlockKind::SubsectionHeading { .. } => {
                let numeral = block
                    .subsection
                    .and_then(|s| doc.subsections.get(s as usize))
                    .map_or("", |s| s.numeral.as_str());
                c.gap(2.0);
                let marker = doc.marker_text(block);
                let heading = if marker.starts_with('第') {
                    format!("{marker}\u{3000}{}", doc.block_text(block))
                } else {
                    format!("（{numeral}）{}", doc.block_text(block))
                };
                c.paragraph(&heading, BODY, 8.0, None, None, rgb(0.12, 0.3, 0.47));
                c.gap(2.0);
            }
            BlockKind::Item { .. } => item(&mut c, &mut left, block),
            BlockKind::Clause { .. } | BlockKind::Point { .. } => part(&mut c, &mut left, block),
            BlockKind::Paragraph if block.parent.is_some() => part(&mut c, &mut left, block),
            // Prose among or after the items (a closing paragraph), where it stands.
            BlockKind::Paragraph => {
                c.gap(4.0);
                prose(&mut c, &mut left, block);
            }
            BlockKind::Blank => {}
        }
    }
    if in_section {
        c.gap(6.0);
    }

    // Past the limit: say what is missing and where the full text is.
    let cut = c.full;
    let body_pages = c.pages.len();
    c.unlimit();
    if cut {
        c.new_page();
        c.heading(words.cut_short, false);
        c.paragraph(
            &left.note(body_pages, words),
            BODY,
            0.0,
            None,
            None,
            ink.clone(),
        );
    }

    // Annex: data quality, one line per kind and its first findings (the anomalies table
    // holds them all).
    c.new_page();
    c.heading(words.annex, true);
    let kinds = column_texts(&tables.anomalies, "kind");
    let severities = column_texts(&tables.anomalies, "severity");
    let counts = column_texts(&tables.anomalies, "count");
    let lines = column_texts(&tables.anomalies, "line");
    let columns = column_texts(&tables.anomalies, "column");
    let details = column_texts(&tables.anomalies, "detail");
    let contexts = column_texts(&tables.anomalies, "context");
    let mut by_kind: BTreeMap<&str, (Vec<usize>, u64)> = BTreeMap::new();
    for (i, k) in kinds.iter().enumerate() {
        let entry = by_kind.entry(k).or_default();
        if entry.0.len() < ANNEX_EXAMPLES {
            entry.0.push(i);
        }
        entry.1 += counts
            .get(i)
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(1);
    }
    if by_kind.is_empty() {
        c.paragraph(words.no_anomalies, BODY, 0.0, None, None, ink.clone());
    }
    let findings_of = |kind: &str| kinds.iter().filter(|k| k.as_str() == kind).count();
    for (kind, (rows, occurrences)) in &by_kind {
        let severity = words.severity(
            rows.first()
                .and_then(|&i| severities.get(i))
                .map_or("", String::as_str),
        );
        let found = findings_of(kind);
        let findings = match found {
            1 => words.one_finding.to_owned(),
            n => words::fill(words.findings, &[("n", &thousands(n as u64))]),
        };
        let slots = [
            ("kind", words.kind(kind)),
            ("severity", severity),
            ("findings", &findings),
        ];
        let head = if *occurrences == found as u64 {
            words::fill(words.kind_line, &slots)
        } else {
            let occurrences = thousands(*occurrences);
            let mut slots = slots.to_vec();
            slots.push(("occurrences", &occurrences));
            words::fill(words.kind_line_occurrences, &slots)
        };
        c.paragraph(&head, BODY, 0.0, None, None, ink.clone());
        for &i in rows {
            let field = |column: &[String]| column.get(i).map_or("", String::as_str).to_owned();
            // A Chinese briefing sets the (English) detail's data in its own words.
            let detail = match words.tag {
                "en" => Some(field(&details)),
                _ => annex::localized_detail(kind, &field(&details), words),
            };
            let example = words::fill(
                match detail {
                    Some(_) => words.example,
                    None => words.example_no_detail,
                },
                &[
                    ("line", &field(&lines)),
                    ("column", &field(&columns)),
                    ("detail", detail.as_deref().unwrap_or("")),
                    ("context", &field(&contexts)),
                ],
            );
            c.paragraph(&example, SMALL, 16.0, None, None, grey.clone());
        }
        c.gap(4.0);
    }
    Layout {
        pages: c.pages,
        bookmarks: c.bookmarks,
        placed: c.placed,
    }
}

/// The words of a briefing: in the language asked for, else in the document's language and
/// script (judged from its clean text).
pub fn briefing_words(doc: &Document, options: &BriefingOptions) -> &'static Words {
    match options.lang {
        Lang::Auto => Lang::Auto.words_for(&doc.clean_text()),
        chosen => chosen.words_for(""),
    }
}

/// Renders the briefing of one document. `tables` are that document's tables.
pub fn render_briefing(
    doc: &Document,
    tables: &Tables,
    options: &BriefingOptions,
) -> Result<Briefing, PdfExportError> {
    let metrics = Metrics::load(options)?;
    let title = options.title.clone().unwrap_or_else(|| derived_title(doc));
    let clean = doc.clean_text();
    let words = options.lang.words_for(&clean);
    let missing: BTreeSet<char> = clean
        .chars()
        .chain(title.chars())
        .filter(|c| !c.is_control() && !metrics.has_glyph(*c))
        .collect();
    let Layout {
        pages: pages_ops,
        bookmarks,
        ..
    } = compose(doc, tables, options, &metrics, &title, words);
    let total = pages_ops.len();
    let bytes = assemble(
        &metrics,
        &title,
        words.subject,
        words.page_of,
        &bookmarks,
        pages_ops,
    )?;
    Ok(Briefing {
        bytes,
        pages: total,
        title,
        missing_glyphs: missing.into_iter().collect(),
    })
}

/// Adds the running header (the title) and footer (`page_of`: `{page}`, `{total}`) to laid-out
/// pages, and
/// serialises them as a PDF with fixed dates and ids: same pages, same bytes.
fn assemble(
    metrics: &Metrics,
    title: &str,
    subject: &str,
    page_of: &str,
    bookmarks: &[(String, usize)],
    pages_ops: Vec<Vec<Op>>,
) -> Result<Vec<u8>, PdfExportError> {
    let total = pages_ops.len();
    let mut pdf = PdfDocument::new(title);
    // Fixed ids (printpdf would draw random ones): same input, same bytes.
    pdf.resources.fonts.map.insert(
        FontId(FONT_ID.into()),
        PdfFont::new(ParsedFont::clone(&metrics.font)),
    );
    let date = printpdf::OffsetDateTime::from_unix_timestamp(FIXED_DATE_UNIX)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now_utc());
    let info = &mut pdf.metadata.info;
    info.document_title = title.to_owned();
    info.subject = subject.into();
    info.creator = "annotext".into();
    info.producer = "annotext (printpdf)".into();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    for (i, (name, page)) in bookmarks.iter().enumerate() {
        pdf.bookmarks.map.insert(
            PageAnnotId(format!("bookmark{i:04}")),
            PageAnnotation {
                name: name.clone(),
                page: *page,
            },
        );
    }
    let mut composer = Composer::new(metrics, usize::MAX);
    let mut pages = Vec::with_capacity(total);
    for (index, mut ops) in pages_ops.into_iter().enumerate() {
        // Running header and page numbers, now that the page count is known.
        composer.pages = vec![Vec::new()];
        composer.text_at(MARGIN_X, PAGE_H - 40.0, SMALL, rgb(0.4, 0.4, 0.4), title);
        composer.rule(PAGE_H - 46.0, rgb(0.7, 0.7, 0.7));
        let footer = words::fill(
            page_of,
            &[
                ("page", &(index + 1).to_string()),
                ("total", &total.to_string()),
            ],
        );
        let fw = metrics.width(&footer, SMALL);
        composer.text_at(
            PAGE_W - MARGIN_X - fw,
            36.0,
            SMALL,
            rgb(0.4, 0.4, 0.4),
            &footer,
        );
        ops.extend(composer.pages.pop().unwrap_or_default());
        pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops));
    }
    // Built uncompressed, then compressed here: printpdf's own compression runs zlib at its
    // slowest level, which was most of the time of a short briefing.
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut objects = pdf
        .with_pages(pages)
        .to_lopdf_document(&options, &mut Vec::new());
    compress_streams(&mut objects);
    let mut bytes = Vec::new();
    objects
        .save_to(&mut bytes)
        .map_err(PdfExportError::Assemble)?;
    Ok(stable_document_id(bytes))
}

/// Zlib level of the briefing's streams: level 9 (printpdf's) took several times longer for a
/// few per cent smaller files (see BENCHMARKS.md).
const ZLIB_LEVEL: u32 = 6;

/// Compresses every stream that may be compressed and is not yet, as lopdf's own `compress`
/// does, at [`ZLIB_LEVEL`]; a stream that would not shrink is left as it is.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            flate2::Compression::new(ZLIB_LEVEL),
        );
        // Writing into memory cannot fail.
        let Ok(compressed) = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
        else {
            continue;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// Replaces the trailer's random `/ID` strings with a hash of the file, in place (same
/// length, so offsets and the xref table stay valid).
fn stable_document_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(at) = bytes.windows(4).rposition(|w| w == b"/ID[" || w == b"/ID ") else {
        return bytes;
    };
    let mut ranges = Vec::new();
    let mut i = at + 3;
    while i < bytes.len() && ranges.len() < 2 {
        if bytes[i] == b'(' {
            let start = i + 1;
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b')')
                .map_or(bytes.len(), |p| start + p);
            ranges.push(start..end);
            i = end;
        } else if bytes[i] == b']' {
            break;
        }
        i += 1;
    }
    for r in &ranges {
        bytes[r.clone()].fill(b'0');
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    let digest = format!("{:016x}", hasher.finish());
    for r in ranges {
        for (k, b) in bytes[r].iter_mut().enumerate() {
            *b = digest.as_bytes()[k % digest.len()];
        }
    }
    bytes
}

/// Renders and writes the briefing to `path`, atomically; returns it with the file's length
/// and digest.
pub fn write_briefing(
    path: &Path,
    doc: &Document,
    tables: &Tables,
    options: &BriefingOptions,
) -> Result<(Briefing, WrittenFile), PdfExportError> {
    let briefing = render_briefing(doc, tables, options)?;
    let written = write_bytes_atomic(path, &briefing.bytes)?;
    Ok((briefing, written))
}

/// The widths of every line the layout placed, with the column width, for layout checks.
pub fn placed_lines(
    doc: &Document,
    tables: &Tables,
    options: &BriefingOptions,
) -> Result<Vec<(f64, String)>, PdfExportError> {
    let metrics = Metrics::load(options)?;
    let title = options.title.clone().unwrap_or_else(|| derived_title(doc));
    let words = briefing_words(doc, options);
    Ok(compose(doc, tables, options, &metrics, &title, words).placed)
}
