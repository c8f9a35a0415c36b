//! Document structure over the scanned lines: hard-wrapped lines joined into the units they
//! continue, then one hierarchy for the shapes policy texts come in, with numbering checks per
//! level.
//!
//! - sections: `一、…` (outcome lists) or `第N章` (regulations, charters);
//! - subsections: `（一）…` under a heading, or `第N节`;
//! - items: `1.…`, numbered within their section or subsection, or articles `第N条`, numbered
//!   through the whole document;
//! - inside an article: clauses `（一）` (项), sub-clauses `1.` inside a clause (目), and its
//!   further paragraphs (款), each pointing at what it belongs to ([`Block::parent`]);
//! - points of a short list after a lead-in: `（1）`, `1)`, `①`, `a)`, and `（一）` after a line
//!   ending in `：`.
//!
//! Context decides what `（一）` is: a clause inside an article, a point after a lead-in, a
//! subsection heading otherwise. A line without a marker continues the unit before it when
//! that unit's last line leaves its sentence open, or when the document is wrapped at a fixed
//! width and that line is full; the joined block keeps its line breaks in its span.

use std::collections::{HashSet, VecDeque};

use crate::anomaly::{Anomaly, AnomalyDetail, AnomalyKind, NumberingLevel};
use crate::records::{
    Block, BlockKind, ItemNumber, Position, Section, Segment, SegmentKind, Subsection,
};
use crate::scan::{
    is_digit, is_header_text, LineShape, DASH_POINT, SENTENCE_MARKS, SHORT_TITLE, WRAP_MIN,
};

/// The blocks, joined and placed, with the headings found over them.
pub(crate) struct Structure {
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub subsections: Vec<Subsection>,
}

/// Where the walk over the blocks stands.
#[derive(Default)]
struct Open {
    /// The unit a following line without a marker may continue.
    unit: Option<usize>,
    /// In a table of contents (after a `目录` line): its headings are lines of text. Holds the
    /// number of its first chapter once seen; a chapter numbered so again begins the body.
    toc: Option<Option<ItemNumber>>,
    /// The last `一、` paragraph of the current article (a treaty's `第一条` / `一、…` / `二、…`).
    last_article_paragraph: Option<ItemNumber>,
    /// The last block with text.
    previous: Option<usize>,
    subsection: Option<u32>,
    last_subsection: Option<ItemNumber>,
    /// The last `（一）` subsection of the document (of its part or annex): guidelines and
    /// opinions number them on through their sections (`一、` `（一）（二）`, `二、` `（三）`).
    last_subsection_in_document: Option<ItemNumber>,
    last_item: Option<ItemNumber>,
    /// The last item of the current section, through its subsections: outcome lists number
    /// their items anew under each `（一）` or on through them (`（一）` 1–3, `（二）` 4–5).
    last_item_in_section: Option<ItemNumber>,
    /// The last item of the document (of its part or annex): some outcome lists number their
    /// items on through all sections (`一、` 1–9, `二、` 10–15).
    last_item_in_document: Option<ItemNumber>,
    /// Whether the current section is a drafted chapter (`第三章`): headings `一、` under it are
    /// a level below, its subsections (reports and plans in chapters).
    in_chapter: bool,
    /// Whether the current subsection is such a `一、` under a chapter: a `（一）` under it is
    /// numbered anew in it ([`Open::last_minor`]).
    in_minor_level: bool,
    /// The last `（一）` under a `一、` under a chapter, or `一、` under a chapter's `第一节`.
    last_minor: Option<ItemNumber>,
    /// The subsection such minor ones are numbered under (the chapter's `一、` or `第一节`).
    minor_of: Option<u32>,
    /// Whether the current subsection is a drafted one (`第一节`): a `一、` under it is numbered
    /// anew in it.
    in_drafted_subsection: bool,
    /// Articles are numbered through the whole document, or anew in each chapter
    /// (`chapter_without_articles`).
    last_article: Option<ItemNumber>,
    /// A chapter has opened and no article come under it yet: its first may be `第一条` again,
    /// in a treaty that numbers its articles by chapter.
    chapter_without_articles: bool,
    /// An annex began and has no article yet: an instrument of its own may number its articles
    /// from 1 again (`附件：委员会议事规则` / `第一条　…`), or go on.
    annex_without_articles: bool,
    article: Option<u32>,
    /// The last further paragraph (款) placed under an article: a clause list after it is its.
    article_paragraph: Option<u32>,
    /// The current numbered paragraph of an article (a treaty's `第一条` / `一、…`): a `（一）`
    /// list under it is its, a level below.
    numbered_paragraph: Option<u32>,
    last_clause: Option<ItemNumber>,
    clause: Option<u32>,
    last_subclause: Option<ItemNumber>,
    /// How many sections came before the current part of a code (`第一编`) or annex (`附件`):
    /// chapters and sections number anew in each.
    part_start: usize,
    /// The lines after a part's or an annex's heading, before its first section heading, belong
    /// to no section (not to the last one of the part before).
    between_parts: bool,
    /// The heading of the annex the walk is in.
    annex: Option<u32>,
    /// The part of a code or a plan (`第二编`) the blocks come after: its line's index.
    part: Option<u32>,
    /// The title line, while the line after it may still be its second half.
    title: Option<usize>,
    /// Lines of the current unit that left a parenthesis open, innermost last: a `)` on a
    /// later line of the unit closes it.
    parens: Vec<u32>,
    /// The block just placed, when its line holds a marker and nothing else.
    bare: Option<usize>,
    /// Whether a plan's box (`专栏1　…`) is open, until the next heading: its list is the box's
    /// points, apart from the plan's items, which go on after it as before it.
    in_box: bool,
}

impl Open {
    /// The unit a list inside article `article` belongs to: the article's further paragraph it
    /// follows (`观察员国应当：` / `（一）…`), whose labels are apart from the first list's, or
    /// the article itself.
    fn list_owner(&self, article: u32) -> u32 {
        self.article_paragraph
            .max(self.numbered_paragraph)
            .filter(|&p| p > article)
            .unwrap_or(article)
    }

    /// The section a block placed now belongs to: the last one, unless a part or an annex
    /// began after it.
    fn section(&self, sections: &[Section]) -> Option<u32> {
        if self.between_parts {
            return None;
        }
        sections.len().checked_sub(1).map(|s| s as u32)
    }

    /// A part of a code or an annex begins on line `line` (an annex when `annex`): its
    /// chapters (or sections) and items number from 1 again; articles go on through the
    /// document.
    fn start_a_part(&mut self, sections: usize, line: u32, annex: bool) {
        self.part_start = sections;
        self.between_parts = true;
        self.annex = annex.then_some(line);
        self.part = (!annex).then_some(line);
        self.annex_without_articles = annex;
        self.subsection = None;
        self.last_subsection = None;
        self.last_item = None;
        self.last_item_in_section = None;
        self.last_item_in_document = None;
        self.last_subsection_in_document = None;
        self.in_chapter = false;
        self.in_minor_level = false;
        self.in_drafted_subsection = false;
        self.last_minor = None;
        self.article = None;
        self.clause = None;
    }
}

/// Joins wrapped lines, settles what each marker means in its context, groups items under
/// headings and reports numbering gaps, duplicates and restarts.
pub(crate) fn build(
    text: &str,
    segments: &mut [Segment],
    shapes: &[LineShape],
    blocks: Vec<Block>,
    anomalies: &mut Vec<Anomaly>,
) -> Structure {
    let shape = |line: u32| {
        shapes
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or_default()
    };
    let width = wrap_width(shapes);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut sections: Vec<Section> = Vec::new();
    let mut subsections: Vec<Subsection> = Vec::new();
    let mut open = Open::default();
    let mut blocks = VecDeque::from(blocks);
    // The short lines the document sets twice or more (running headers), gathered at the first
    // page break that may have one.
    let mut repeated: Option<HashSet<String>> = None;
    // Whether the last unit placed is a page number: a running header may follow it.
    let mut previous_page_number = false;
    while let Some(mut block) = blocks.pop_front() {
        // A title too long for one line goes on on the next (`…关于深化` / `战略伙伴关系的联合声明`).
        if let Some(title) = open.title.take().and_then(|t| out.get_mut(t)) {
            let first = shape(title.line);
            // The first line is full (as wide as the wrap, when the text has one) and the
            // second no longer than it: a title cut by its width. A second line that leaves a
            // parenthesis open goes on itself, so it is no title's end but the first line of
            // the text (`为贯彻落实《…规划（2025—202` / `7）》，推动…`).
            let full = width.is_none_or(|w| first.chars + 1 >= w);
            if block.kind == BlockKind::Paragraph
                && first.chars >= WRAP_MIN
                && full
                && !shape(block.line).open_paren
                && shape(block.line).chars <= first.chars
                && title_goes_on(&clean_line(text, segments, &block), first.chars)
            {
                if shape(block.line).stray_close {
                    if let Some(opened) = open.parens.pop() {
                        close_across(anomalies, opened, block.line);
                    }
                }
                continue_with(title, &block);
                continue;
            }
        }
        // A marker alone on its line (`一、` / `合作目标`, as PDFs are often copied out) takes
        // the next line as its text.
        if let Some(bare) = open.bare.take() {
            // Blank lines under it (a treaty's `第一条` / `` / `本协定…`) and a page number a
            // break set there (`第二条` / `- 2 -` / `本办法…`) are looked through: the unit's span
            // covers them, as across a page break, and the page number is furniture.
            let skipped = |b: &Block| {
                b.kind == BlockKind::Blank
                    || (b.kind == BlockKind::Paragraph && shape(b.line).page_number)
            };
            if skipped(&block) {
                let text_at = blocks.iter().position(|b| !skipped(b));
                if let Some(at) = text_at.filter(|&at| blocks[at].kind == BlockKind::Paragraph) {
                    for across in std::iter::once(&block).chain(blocks.range(..at)) {
                        if across.kind != BlockKind::Blank {
                            mark_page_furniture(segments, across);
                        }
                    }
                    blocks.drain(..at);
                    if let Some(next) = blocks.pop_front() {
                        block = next;
                    }
                }
            }
            if block.kind == BlockKind::Paragraph {
                if let Some(marked) = out.get_mut(bare) {
                    continue_with(marked, &block);
                    let this = shape(block.line);
                    open.parens.clear();
                    if this.open_paren {
                        open.parens.push(block.line);
                    }
                    open.unit = this.may_be_continued(&marked.kind).then_some(bare);
                    open.title = None;
                    continue;
                }
            }
        }
        // A page break copied out of a PDF inside a unit (`…为` / `- 2 -` / `区域…`): the unit
        // reads on across the page number, a running header and the blank lines around them.
        // As on a page, a unit whose last line is full (as wide as the wrap) goes on though its
        // sentence closed there (`…共同打击走私。` / `- 2 -` / `秘书处负责…`).
        let ahead = open
            .unit
            .and_then(|u| out.get(u))
            .filter(|unit| {
                let last = shape(unit.end_line);
                last.wrapped()
                    || width.is_some_and(|w| last.chars + 1 >= w)
                        && !laid_out_unit(text, segments, unit)
            })
            .and_then(|_| {
                let mut header = |b: &Block| {
                    if heads_a_page(text, segments, b) {
                        return true;
                    }
                    let all = out.iter().chain([&block]).chain(&blocks);
                    let lines = short_lines_set_twice(&mut repeated, text, segments, all, shape);
                    is_running_header(text, segments, b, lines)
                };
                let joinable = |page: &Block, b: &Block| {
                    // A number alone before a unit of amount or time is the sentence's
                    // (`数额为` / `2` / `亿美元`), not a page's.
                    !number_before_an_amount(text, segments, page, b)
                        && !stands_alone(text, segments, shape(b.line), b)
                };
                // A line no wider than a header, that is not full and has no punctuation at all:
                // a line of text there would end its paragraph with a sentence mark, and the
                // rest of a sentence cut short (`中小企业发展专项资金管理办法》规定的部分不少于2`
                // / `亿元。`) has its marks or ends in a number.
                let header_shaped = |b: &Block| {
                    let this = shape(b.line);
                    let line = clean_line(text, segments, b);
                    let line = line.trim();
                    (4..=30).contains(&this.chars)
                        && width.is_none_or(|w| this.chars + 1 < w)
                        && line
                            .chars()
                            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "—–-·".contains(c))
                        && !line.ends_with(|c: char| c.is_ascii_alphanumeric() || is_digit(c))
                };
                page_break_ahead(&block, &blocks, shape, &mut header, header_shaped, joinable)
            });
        if let (Some(skipped), Some(unit)) = (ahead, open.unit.and_then(|u| out.get_mut(u))) {
            let mut next = None;
            for (i, across) in std::iter::once(block)
                .chain(blocks.drain(..skipped))
                .enumerate()
            {
                if i == skipped {
                    next = Some(across);
                } else if across.kind != BlockKind::Blank {
                    mark_page_furniture(segments, &across);
                }
            }
            if let Some(next) = next {
                join_line(
                    unit,
                    &next,
                    shape(next.line),
                    false,
                    &mut open.parens,
                    anomalies,
                );
            }
            continue;
        }
        // Two numerals of a grade (`二、三级医院`, `一、二线城市`) are text wherever they stand.
        if matches!(block.kind, BlockKind::SectionHeading { .. })
            && !marker_text(text, segments, &block)
                .trim_start()
                .starts_with('第')
            && is_grade(text[block.body.range()].trim_start())
        {
            unmark(segments, &mut block);
        }
        // Two numerals of a time paired by the comma (`一、二季度，…`, `1、2月份，…`) are text:
        // digits always (no item starts with the next month), a section's numeral where it does
        // not fit the numbering (`三、四季度工作安排` after `二、` is a heading).
        if pairs_two_times(text, &block) {
            let fits_here = match block.kind {
                BlockKind::SectionHeading { number } => {
                    number == expected_section(&sections, open.part_start, number)
                }
                _ => false,
            };
            if !fits_here {
                unmark(segments, &mut block);
            }
        }
        // A marker on a line that goes on with an open sentence is taken for one only when it
        // fits where it stands (`…统` / `一、规范、高效的…` and `…第一款第` / `（二）项规定的…` are
        // text of the sentence).
        // A point's `）` taken back into the text may close a `（` the wrap cut (`（` / `3）`).
        let mut closes_across = false;
        if block.marker.is_some() {
            let open_line = open
                .unit
                .and_then(|u| out.get(u))
                .map(|unit| shape(unit.end_line))
                .filter(|last| last.wrapped());
            if let Some(last) = open_line {
                let previous = open.previous.and_then(|p| out.get(p));
                if last.ends_with_ordinal
                    || !fits(text, segments, &block, &open, &sections, previous)
                {
                    let marker = marker_text(text, segments, &block);
                    closes_across = matches!(block.kind, BlockKind::Point { .. })
                        && marker.ends_with(['）', ')'])
                        && !marker.starts_with(['（', '(']);
                    unmark(segments, &mut block);
                }
            }
        }
        // A heading that carries the first of a list (`一、…：（一）甲；`, `三、下一步建议。（一）…。`):
        // a line with the next (`（二）…`) goes on with the heading where the item before it
        // left its sentence open (`；`), as it would on one line; else it is the list's second
        // subsection, the first being the heading's.
        let mut inline_list_goes_on = false;
        if let BlockKind::SubsectionHeading { number } = block.kind {
            let carried = open
                .previous
                .and_then(|u| out.get(u))
                .filter(|unit| {
                    number.0 > 1 && matches!(unit.kind, BlockKind::SectionHeading { .. })
                })
                .and_then(|unit| {
                    let line = clean_line(text, segments, unit);
                    has_inline_marker(&line, number.0 - 1)
                        .then(|| line.trim_end().ends_with(['；', ';', '，', ',']))
                });
            match carried {
                Some(true) if open.unit.is_some() && open.unit == open.previous => {
                    inline_list_goes_on = true;
                    unmark(segments, &mut block);
                }
                Some(false) if open.last_subsection.is_none() => {
                    open.last_subsection = Some(ItemNumber(number.0 - 1));
                }
                _ => {}
            }
        }
        // A dash list's point is numbered after the point before it, or as the first after a
        // lead-in (`宗旨和任务是：` / `——…；`) or before another (a plan's targets, a report's
        // figures under a heading); a dash alone sets text apart (a byline), no list.
        if block.kind == (BlockKind::Point { number: DASH_POINT }) {
            let previous = open.previous.and_then(|p| out.get(p));
            let number = previous.and_then(|p| match p.kind {
                BlockKind::Point { number } if point_style(text, p) == DASH_STYLE => {
                    Some(ItemNumber(number.0 + 1))
                }
                _ => (shape(p.end_line).lead_in || next_line_is_a_dash(text, &block))
                    .then_some(ItemNumber(1)),
            });
            match number {
                Some(number) => block.kind = BlockKind::Point { number },
                None => unmark(segments, &mut block),
            }
        }
        if block.kind == BlockKind::Paragraph {
            // A notice's title under its number (`国办发〔2024〕12号` / `…关于…的意见`) stands
            // alone, above the addressees or the first sentence.
            let under_a_number = open
                .unit
                .and_then(|u| u.checked_sub(1))
                .and_then(|p| out.get(p))
                .is_some_and(|p| is_document_number_line(text, segments, p));
            if let Some(unit) = open.unit.and_then(|u| out.get_mut(u)) {
                let last = shape(unit.end_line);
                let full = width.is_some_and(|w| last.chars + 1 >= w);
                let heading = unit.kind.is_heading();
                let full = full && !shape(block.line).indented;
                // A heading has no full stop to miss: only a wrap's width says it goes on. A
                // signature line (`外交部长　　　主席`) and the date under it are laid out as
                // lines, whatever their length; a note wholly in brackets (`（2024年7月3日）`)
                // stands under a line, never goes on with it. A date line and a notice's
                // addressees are a unit of one line.
                let ends_its_unit = unit.line == unit.end_line
                    && (is_date_line(text, segments, unit)
                        || is_addressee_line(text, segments, unit)
                        || is_document_number_line(text, segments, unit)
                        || (under_a_number && names_a_notice(&clean_line(text, segments, unit))));
                // Two lines laid out a line each (fields, a table of contents): asked last.
                let laid_out =
                    || unit.line == unit.end_line && laid_out_pair(text, segments, unit, &block);
                let joins = if heading {
                    // A heading that carries a sentence, a number or a bracket (`（二）建设平台。
                    // 依托…（网` / `址：…）`) goes on where its sentence is left open, as text does.
                    full || last.wrapped() && {
                        let line = clean_line(text, segments, unit);
                        line.contains(|c: char| {
                            SENTENCE_MARKS.contains(c) || c.is_ascii_digit() || "（(".contains(c)
                        })
                    }
                } else {
                    last.wrapped() || full && !laid_out_unit(text, segments, unit)
                } && !shape(block.line).page_number
                    && !stands_alone(text, segments, shape(block.line), &block)
                    && !ends_its_unit
                    && !laid_out()
                    || inline_list_goes_on;
                if joins {
                    let this = shape(block.line);
                    join_line(
                        unit,
                        &block,
                        this,
                        closes_across,
                        &mut open.parens,
                        anomalies,
                    );
                    continue;
                }
            }
        }
        let index = out.len() as u32;
        // The current chapter's heading printed again at a page's top, after its page number
        // (`- 2 -` / `第二章　职责`): a running header, no chapter of its own.
        let repeated_heading = previous_page_number
            && matches!(block.kind, BlockKind::SectionHeading { .. })
            && sections.last().is_some_and(|s| {
                out.get(s.heading as usize).is_some_and(|heading| {
                    marker_text(text, segments, heading) == marker_text(text, segments, &block)
                        && clean_line(text, segments, heading).trim()
                            == clean_line(text, segments, &block).trim()
                })
            });
        if repeated_heading {
            unmark(segments, &mut block);
        }
        // A page number left standing (after a unit that closed its sentence), or a running
        // header beside one.
        // A number alone before the rest of an amount (`数额为` / `2` / `亿美元。`) is the
        // sentence's, not a page's.
        let amount = || {
            blocks
                .iter()
                .find(|b| b.kind != BlockKind::Blank)
                .is_some_and(|next| number_before_an_amount(text, segments, &block, next))
        };
        let furniture = block.kind == BlockKind::Paragraph
            && (repeated_heading || shape(block.line).page_number && !amount() || {
                let beside = previous_page_number
                    || blocks
                        .iter()
                        .find(|b| b.kind != BlockKind::Blank)
                        .is_some_and(|b| shape(b.line).page_number);
                beside && {
                    let all = out.iter().chain([&block]).chain(&blocks);
                    let lines = short_lines_set_twice(&mut repeated, text, segments, all, shape);
                    is_running_header(text, segments, &block, lines)
                }
            });
        // A new unit: parentheses still open are its own.
        open.parens.clear();
        if shape(block.line).open_paren {
            open.parens.push(block.line);
        }
        // `一、` under a drafted chapter (`第三章`) heads a part of the chapter, not a section.
        // A table of contents lists the chapters before the body: its lines are text.
        if let Some(first) = open.toc {
            match block.kind {
                BlockKind::SectionHeading { number } | BlockKind::SubsectionHeading { number }
                    if first.is_none_or(|f| number > f || !is_section(&block.kind)) =>
                {
                    if first.is_none() && is_section(&block.kind) {
                        open.toc = Some(Some(number));
                    }
                    unmark(segments, &mut block);
                }
                BlockKind::Blank => {}
                BlockKind::Paragraph
                    if !clean_line(text, segments, &block)
                        .contains(|c| SENTENCE_MARKS.contains(c)) => {}
                _ => open.toc = None,
            }
        }
        if block.kind == BlockKind::Paragraph && heads_a_toc(text, segments, &block) {
            open.toc = Some(None);
        }
        let mut under_a_chapter = false;
        if let BlockKind::SectionHeading { number } = block.kind {
            let drafted = marker_text(text, segments, &block).starts_with('第');
            let article = open.article.filter(|&a| {
                // A sentence, or any line under an article with no text of its own; not a
                // heading between articles (`二、合同的订立`).
                !shape(block.line).unfinished
                    || out
                        .get(a as usize)
                        .is_some_and(|a| text[a.body.range()].trim().is_empty())
            });
            if let (false, Some(article)) = (drafted, article) {
                // A treaty's article in numbered paragraphs (`第一条` / `一、…` / `二、…`): the
                // paragraphs are the article's, a `（一）` list under each starts anew.
                block.kind = BlockKind::Clause { number };
                // Under a further paragraph that leads in (`成员国坚持以下原则：` / `一、…`), the
                // list is that paragraph's, as a `（一）` list is.
                block.parent = Some(
                    open.article_paragraph
                        .filter(|&p| {
                            p > article
                                && out
                                    .get(p as usize)
                                    .is_some_and(|p| shape(p.end_line).lead_in)
                        })
                        .unwrap_or(article),
                );
                let expected = ItemNumber(open.last_article_paragraph.map_or(1, |n| n.0 + 1));
                check(number, expected, NumberingLevel::Clause, &block, anomalies);
                open.last_article_paragraph = Some(number);
                open.numbered_paragraph = Some(index);
                open.clause = None;
                open.last_clause = None;
                open.last_subclause = None;
            } else if !drafted && open.in_chapter && open.section(&sections).is_some() {
                block.kind = BlockKind::SubsectionHeading { number };
                under_a_chapter = true;
            } else {
                open.in_chapter = drafted;
            }
        }
        // A second instrument printed after a first (a decision, then the regulation it
        // republishes; two plans one after the other): its title stands alone after the first's
        // text and its numbering starts again under it, an instrument of its own as an annex is.
        if restarts_numbering(&block, &open, &sections) {
            if let Some(title) = second_instrument_title(text, segments, &out) {
                open.start_a_part(sections.len(), title as u32, true);
                open.annex_without_articles = true;
                for placed in out.iter_mut().skip(title) {
                    placed.annex = open.annex;
                    placed.part = None;
                }
            }
        }
        match block.kind {
            BlockKind::Blank => {
                open.unit = None;
                block.section = open.section(&sections);
                block.subsection = open.subsection;
                block.annex = open.annex;
                block.part = open.part;
                out.push(block);
                continue;
            }
            BlockKind::SectionHeading { number } => {
                // A plan's box ends at the next heading.
                open.in_box = false;
                let expected = expected_section(&sections, open.part_start, number);
                check(number, expected, NumberingLevel::Section, &block, anomalies);
                sections.push(Section {
                    number,
                    numeral: numeral(text, segments, &block),
                    heading: index,
                    items: Vec::new(),
                    subsections: Vec::new(),
                    articles_anew: false,
                });
                open.chapter_without_articles = true;
                open.subsection = None;
                open.last_subsection = None;
                open.in_minor_level = false;
                open.in_drafted_subsection = false;
                open.last_minor = None;
                open.last_item = None;
                open.last_item_in_section = None;
                open.article = None;
                open.clause = None;
                open.between_parts = false;
            }
            BlockKind::SubsectionHeading { number } => {
                let drafted = marker_text(text, segments, &block).starts_with('第');
                // The point before is the one before it in a list of `（一）` points.
                let continues_list = |p: &Block| match p.kind {
                    BlockKind::Point { number: n } => {
                        n.0 + 1 == number.0 && in_chinese_numerals(&marker_text(text, segments, p))
                    }
                    _ => false,
                };
                // A plan's box (`专栏1　…`) numbering its entries `（一）` `（二）`: the box's
                // points, as its `1.` `2.` are, not the chapter's subsections.
                let box_entry = open
                    .previous
                    .and_then(|p| out.get(p))
                    .filter(|_| open.in_box && !drafted)
                    .filter(|p| match p.kind {
                        BlockKind::Point { .. } => continues_list(p),
                        _ => number.0 == 1,
                    });
                if box_entry.is_none() {
                    open.in_box = false;
                }
                let leads_a_list = |p: &&Block| {
                    // A list of `（1）` points does not go on with a `（三）`: that is the next
                    // subsection after them.
                    let continues_list = continues_list(p);
                    let heading = p.kind.is_heading();
                    // A numbered paragraph of prose that leads in (`二、双方重申…。双方认为，国际社会
                    // 应当：`): its sentence's list, where a short heading's `（一）` is its
                    // subsection.
                    let prose_section = || {
                        matches!(p.kind, BlockKind::SectionHeading { .. })
                            && !marker_text(text, segments, p).starts_with('第')
                            && {
                                let line = clean_line(text, segments, p);
                                line.contains('。') || line.chars().count() > 24
                            }
                    };
                    let leads = shape(p.end_line).lead_in && (!heading || prose_section());
                    // A list begun inline (`我们决定：（一）甲；` / `（二）乙；`) goes on.
                    let goes_on = || {
                        !heading
                            && number.0 > 1
                            && has_inline_marker(&clean_line(text, segments, p), number.0 - 1)
                    };
                    continues_list || leads || goes_on()
                };
                let lead_in = box_entry
                    .or_else(|| open.previous.and_then(|p| out.get(p)).filter(leads_a_list));
                if let (false, Some(article)) = (drafted, open.article) {
                    block.kind = BlockKind::Clause { number };
                    // Under a further paragraph of the article (`观察员国应当：` / `（一）…`), the
                    // list is that paragraph's: its labels are apart from the first list's.
                    block.parent = Some(open.list_owner(article));
                    let expected = ItemNumber(open.last_clause.map_or(1, |n| n.0 + 1));
                    check(number, expected, NumberingLevel::Clause, &block, anomalies);
                    open.last_clause = Some(number);
                    open.clause = Some(index);
                    open.last_subclause = None;
                } else if let (false, Some(lead)) = (drafted, lead_in) {
                    block.kind = BlockKind::Point { number };
                    place_point(&mut block, lead, open.previous, anomalies);
                } else {
                    // A `（一）` under a chapter's `一、`, or a `一、` under a chapter's `第一节`,
                    // is numbered anew under each.
                    let minor = (open.in_minor_level && !under_a_chapter)
                        || (under_a_chapter && open.in_drafted_subsection);
                    let expected = if minor {
                        ItemNumber(open.last_minor.map_or(1, |n| n.0 + 1))
                    } else {
                        expected_subsection(&open, number, drafted)
                    };
                    check(
                        number,
                        expected,
                        NumberingLevel::Subsection,
                        &block,
                        anomalies,
                    );
                    let section = open.section(&sections);
                    let id = subsections.len() as u32;
                    subsections.push(Subsection {
                        number,
                        numeral: numeral(text, segments, &block),
                        section,
                        heading: index,
                        items: Vec::new(),
                        within: open.minor_of.filter(|_| minor),
                    });
                    if let Some(section) = open.section(&sections) {
                        sections[section as usize].subsections.push(id);
                    }
                    open.subsection = Some(id);
                    if minor {
                        open.last_minor = Some(number);
                    } else {
                        open.last_subsection = Some(number);
                        if !drafted {
                            open.last_subsection_in_document = Some(number);
                        }
                        open.in_minor_level = under_a_chapter;
                        open.in_drafted_subsection = drafted;
                        open.last_minor = None;
                        open.minor_of = Some(id);
                    }
                    open.last_item = None;
                    open.article = None;
                    open.clause = None;
                }
            }
            BlockKind::Item {
                number,
                article: true,
            } => {
                let marker = marker_text(text, segments, &block);
                // An inserted article (`第十条之一`) comes after the article it is numbered
                // under, and the next article goes on from that one.
                let inserted = crate::scan::inserted_article(&marker).is_some();
                // A chapter's first article numbered 1 again: the articles are numbered by
                // chapter (RCEP), no restart.
                let anew = !inserted && restarts_in_a_chapter(&open, number);
                if anew {
                    if let Some(chapter) = sections.last_mut() {
                        chapter.articles_anew = true;
                    }
                }
                open.chapter_without_articles = false;
                let expected = match (inserted, open.last_article) {
                    _ if anew => number,
                    (true, Some(last)) => last,
                    _ => expected_article(&open, number),
                };
                check(number, expected, NumberingLevel::Article, &block, anomalies);
                // A range set as one (`第二条至第三条　（删除）`, all of it the marker) ends at its
                // last article.
                let last = marker
                    .find('至')
                    .and_then(|at| crate::scan::article_range_end(&marker[at..]))
                    .map(|(end, _)| end)
                    .filter(|&end| end > number.0);
                // An inserted article out of place (`第七条之二` after article 6) is reported
                // once and leaves the count where it was: the next article follows the last.
                if !inserted || open.last_article.is_none() {
                    open.last_article = Some(last.map_or(number, ItemNumber));
                }
                open.annex_without_articles = false;
                open.last_article_paragraph = None;
                open.numbered_paragraph = None;
                open.article = Some(index);
                open.clause = None;
                open.last_clause = None;
                add_item(&mut sections, &mut subsections, &open, index);
            }
            BlockKind::Item {
                number,
                article: false,
            } => {
                // An annex's line that lists its first document (`附件：1.签约项目清单`): the
                // annex opens on it, and the line is its first item.
                let opens_an_annex = opens_an_annex(text, &block);
                if opens_an_annex {
                    open.start_a_part(sections.len(), index, true);
                }
                if let Some(parent) = open.clause.or(open.article) {
                    // `1.` inside an article: a sub-clause of its clause, or a clause of its own
                    // (of the further paragraph it follows, as a `（一）` list is).
                    block.kind = BlockKind::Clause { number };
                    block.parent = Some(match (open.clause, open.article) {
                        (None, Some(article)) => open.list_owner(article),
                        _ => parent,
                    });
                    let last = match open.clause {
                        Some(_) => &mut open.last_subclause,
                        None => &mut open.last_clause,
                    };
                    let expected = ItemNumber(last.map_or(1, |n| n.0 + 1));
                    check(number, expected, NumberingLevel::Clause, &block, anomalies);
                    *last = Some(number);
                } else if let Some(lead) = (!opens_an_annex)
                    .then(|| {
                        list_after_lead_in(text, segments, &out, &open, number, &shape)
                            .or_else(|| {
                                open.previous
                                    .filter(|_| open.in_box)
                                    .and_then(|p| out.get(p))
                            })
                            .or_else(|| note_list_goes_on(text, segments, &out, &open, number))
                    })
                    .flatten()
                {
                    // `1.` again after a free paragraph that leads in (`…以下方面加强合作：`):
                    // a list of that paragraph, not the section's items numbered anew; and in a
                    // plan's box (`专栏1　…` / `1.…` / `2.…`), the box's list, apart from the
                    // plan's items.
                    block.kind = BlockKind::Point { number };
                    let lead = lead.clone();
                    place_point(&mut block, &lead, open.previous, anomalies);
                } else {
                    let expected = expected_item(&open, number);
                    check(number, expected, NumberingLevel::Item, &block, anomalies);
                    open.last_item = Some(number);
                    open.last_item_in_section = Some(number);
                    open.last_item_in_document = Some(number);
                    add_item(&mut sections, &mut subsections, &open, index);
                }
            }
            BlockKind::Point { number } => {
                let lead = open.previous.and_then(|p| out.get(p));
                if let Some(lead) = lead {
                    let lead = lead.clone();
                    let style = point_style(text, &block);
                    match lead.kind {
                        // A list under a point, in a style of its own (`（2）…具体包括：` / `①…`,
                        // and after a point that closes its sentence: `（1）完善服务体系。` /
                        // `①…`): that point's sub-points.
                        BlockKind::Point { .. }
                            if number.0 == 1 && point_style(text, &lead) != style =>
                        {
                            block.parent = open.previous.map(|i| i as u32);
                        }
                        // After its sub-points, the outer list's next point (`②…` / `（3）…`).
                        BlockKind::Point { .. } => {
                            let outer = lead
                                .parent
                                .and_then(|p| out.get(p as usize))
                                .filter(|o| {
                                    matches!(o.kind, BlockKind::Point { number: n } if n.0 + 1 == number.0)
                                        && point_style(text, o) == style
                                })
                                .cloned();
                            match outer {
                                Some(outer) => place_point(&mut block, &outer, None, anomalies),
                                None => place_point(&mut block, &lead, open.previous, anomalies),
                            }
                        }
                        _ => place_point(&mut block, &lead, open.previous, anomalies),
                    }
                }
            }
            BlockKind::Paragraph if starts_a_part(&clean_line(text, segments, &block)) => {
                let line = clean_line(text, segments, &block);
                let part = open.part;
                open.start_a_part(sections.len(), index, is_an_annex(&line));
                // A code's sub-part (`第一分编　通则`) is within its part: labels name the part.
                if (line.contains("分编") || line.contains("分編")) && part.is_some() {
                    open.part = part;
                }
                // An annex's line that lists its first document itself but not as an item
                // (`附件：1.5亿元项目清单`): the next line's `2.` goes on from it.
                open.last_item = lists_its_first(&line).then_some(ItemNumber(1));
            }
            // A page number (or the running header beside it) left standing between two units
            // changes nothing of the structure: no article's paragraph, no list's lead-in. It is
            // no text of the document either: a line of page furniture, kept with the blank
            // lines (as in a unit, its segments say what it is).
            BlockKind::Paragraph if furniture => {
                mark_page_furniture(segments, &block);
                block.kind = BlockKind::Blank;
            }
            BlockKind::Paragraph => {
                // A signature, its date or a treaty's closing formula under the last article
                // is the instrument's, no further paragraph of that article.
                if open.article.is_some()
                    && !shape(block.line).wrapped()
                    && signs_off(&clean_line(text, segments, &block))
                {
                    open.article = None;
                    open.article_paragraph = None;
                    open.clause = None;
                    open.last_clause = None;
                }
                if let Some(article) = open.article {
                    // A further paragraph (款) of the article; a clause list after it starts anew,
                    // as its own.
                    block.parent = Some(article);
                    open.article_paragraph = Some(index);
                    open.clause = None;
                    open.last_clause = None;
                } else if heads_a_group(&clean_line(text, segments, &block)) {
                    // A task's or a project's line in an action plan (`任务1：…`): the items
                    // after it are numbered anew under it. A box (`专栏1　…`) is set apart: its
                    // list is its points, and the plan's items go on after it as before it.
                    let line = clean_line(text, segments, &block);
                    let line = line.trim_start();
                    if line.starts_with("专栏") || line.starts_with("專欄") {
                        open.in_box = true;
                    } else {
                        open.last_item = None;
                        open.last_item_in_section = None;
                        open.last_item_in_document = None;
                    }
                }
            }
            BlockKind::Clause { .. } => {}
        }
        block.section = open.section(&sections);
        block.subsection = open.subsection;
        block.annex = open.annex;
        block.part = open.part;
        let first = shape(block.line);
        // A heading as wide as a narrow wrap (16 to 24 characters) that leaves its sentence open
        // goes on too (`一、各地要层层压实…，将粮` / `食生产目标…`): short headings are never full.
        let full_heading = block.kind.is_heading()
            && first.unfinished
            && width.is_some_and(|w| first.chars + 1 >= w);
        open.unit = ((first.may_be_continued(&block.kind) || full_heading) && !furniture)
            .then_some(index as usize);
        if block.kind == BlockKind::Paragraph && first.title {
            open.title = Some(index as usize);
        }
        if !furniture {
            open.previous = Some(index as usize);
        }
        previous_page_number = first.page_number;
        // Bare also where only the marker's last character's reading follows it (`第二条(tiáo)`,
        // `第一章(zhāng)(zhāng)`): a short body of no text.
        if block.marker.is_some() && {
            let body = text[block.body.range()].trim();
            body.is_empty()
                || (body.len() < 64
                    && text_pieces(text, segments, &block).all(|p| p.trim().is_empty()))
                || (matches!(block.kind, BlockKind::Item { article: true, .. })
                    && body.ends_with(['）', ')'])
                    && is_caption(&clean_line(text, segments, &block)))
        } {
            open.bare = Some(index as usize);
        }
        out.push(block);
    }
    // An excerpt (`中华人民共和国民法典（节选）`) leaves articles and chapters out: its gaps are
    // no fault.
    let excerpt = out
        .iter()
        .find(|b| b.kind != BlockKind::Blank)
        .is_some_and(|b| {
            let line = clean_line(text, segments, b);
            [
                "节选", "節選", "节录", "節錄", "摘录", "摘錄", "摘编", "摘編",
            ]
            .iter()
            .any(|w| line.contains(w))
        });
    if excerpt {
        anomalies.retain(|a| a.kind != AnomalyKind::NumberingGap);
    }
    // Articles numbered by chapter are so in every chapter, the first's too.
    if sections.iter().any(|s| s.articles_anew) {
        for section in &mut sections {
            section.articles_anew = true;
        }
    }
    Structure {
        blocks: out,
        sections,
        subsections,
    }
}

/// The number the next section calls for: one more than the last in the current part.
fn next_section(sections: &[Section], part_start: usize) -> ItemNumber {
    ItemNumber(
        sections
            .get(part_start..)
            .and_then(<[Section]>::last)
            .map_or(1, |s| s.number.0 + 1),
    )
}

/// The number a section heading is checked against: the next in the current part, or the next
/// through the whole document when the heading goes on from there. Codes either number their
/// chapters anew in each part (`第一编`) or on through all of them (民事诉讼法): both are right.
fn expected_section(sections: &[Section], part_start: usize, number: ItemNumber) -> ItemNumber {
    let through = next_section(sections, 0);
    if number == through {
        through
    } else {
        next_section(sections, part_start)
    }
}

/// Whether article `number` is a chapter's first, numbered 1 after articles of the chapters
/// before it. Not an annex's (an instrument of its own, whose articles are apart already).
fn restarts_in_a_chapter(open: &Open, number: ItemNumber) -> bool {
    number.0 == 1
        && open.chapter_without_articles
        && open.last_article.is_some()
        && !open.annex_without_articles
}

/// The number an article is checked against: the next through the document, or 1 for the
/// first article of an annex (an instrument of its own).
fn expected_article(open: &Open, number: ItemNumber) -> ItemNumber {
    if open.annex_without_articles && number.0 == 1 {
        number
    } else {
        ItemNumber(open.last_article.map_or(1, |n| n.0 + 1))
    }
}

/// The number a subsection is checked against: the next in its section, or, at the first
/// `（一）`-style subsection of a section, the next through the document when it goes on from
/// the last section's (both are right).
fn expected_subsection(open: &Open, number: ItemNumber, drafted: bool) -> ItemNumber {
    let next = |last: Option<ItemNumber>| ItemNumber(last.map_or(1, |n| n.0 + 1));
    let through_document = next(open.last_subsection_in_document);
    if !drafted
        && open.last_subsection.is_none()
        && open.last_subsection_in_document.is_some()
        && number == through_document
    {
        through_document
    } else {
        next(open.last_subsection)
    }
}

/// The number an item is checked against: the next in its subsection, or, in a subsection,
/// the next through the section when the item goes on from there, or, at the first item of a
/// section, the next through the document when it goes on from the last section's (all are
/// right).
fn expected_item(open: &Open, number: ItemNumber) -> ItemNumber {
    let next = |last: Option<ItemNumber>| ItemNumber(last.map_or(1, |n| n.0 + 1));
    let through = next(open.last_item_in_section);
    let through_document = next(open.last_item_in_document);
    if open.subsection.is_some() && number == through {
        through
    } else if open.last_item_in_section.is_none()
        && open.last_item_in_document.is_some()
        && number == through_document
    {
        through_document
    } else {
        next(open.last_item)
    }
}

/// How many blocks after `block` (a blank line, a page number or a running header) lie before
/// the line that goes on with a unit a page break cut: blank lines, one page number (`- 2 -`)
/// with at most one running header beside it (`header`: a short line the document repeats,
/// after the page number a chapter's heading too, as book editions print it; or, after the page
/// number, a line `header_shaped` right before the line that goes on: a header printed once),
/// blank lines, then a line of text without a marker or an indent (a new
/// paragraph would be indented or numbered). `None` when the blocks are not so.
fn page_break_ahead(
    block: &Block,
    rest: &VecDeque<Block>,
    shape: impl Fn(u32) -> LineShape,
    mut header: impl FnMut(&Block) -> bool,
    header_shaped: impl Fn(&Block) -> bool,
    joinable: impl Fn(&Block, &Block) -> bool,
) -> Option<usize> {
    // Most lines have no page number near them: a look at the next few first, before any line
    // is read as a header (which compares it with every line of the document).
    let near = std::iter::once(block)
        .chain(rest)
        .take(8)
        .any(|b| b.kind == BlockKind::Paragraph && shape(b.line).page_number);
    if !near {
        return None;
    }
    let (mut page, mut headers) = (None, 0);
    for (i, b) in std::iter::once(block).chain(rest).enumerate().take(8) {
        let goes_on = |b: &Block| b.kind == BlockKind::Paragraph && !shape(b.line).indented;
        match b.kind {
            BlockKind::Blank => {}
            BlockKind::Paragraph if shape(b.line).page_number => {
                if page.is_some() {
                    return None;
                }
                page = Some(b);
            }
            BlockKind::Paragraph if headers == 0 && header(b) => headers += 1,
            // A book edition's header: the chapter's heading again at the top of the page.
            BlockKind::SectionHeading { .. } | BlockKind::SubsectionHeading { .. }
                if headers == 0 && page.is_some() && header(b) =>
            {
                headers += 1
            }
            BlockKind::Paragraph
                if headers == 0
                    && page.is_some()
                    && header_shaped(b)
                    // The block after the `i`th is the `i`th of `rest`.
                    && rest
                        .get(i)
                        .is_some_and(|next| goes_on(next) && !shape(next.line).page_number) =>
            {
                headers += 1
            }
            BlockKind::Paragraph if !shape(b.line).indented => {
                return page.filter(|page| joinable(page, b)).map(|_| i)
            }
            _ => return None,
        }
    }
    None
}

/// Whether a line reads as a running header copied out of a PDF: short, with no sentence
/// punctuation, and set again, word for word, on another line of the document (`国务院公报
/// 2024年第5号`, the title): one of `repeated` ([`short_lines_set_twice`]).
fn is_running_header(
    text: &str,
    segments: &[Segment],
    block: &Block,
    repeated: &HashSet<String>,
) -> bool {
    repeated.contains(clean_line(text, segments, block).trim())
}

/// Whether a line starts a new page (pdftotext's form feed before it) and reads as the page's
/// header: 4 to 40 characters without sentence punctuation. A header printed once (only on
/// some pages) is not found by [`short_lines_set_twice`].
fn heads_a_page(text: &str, segments: &[Segment], block: &Block) -> bool {
    let line = clean_line(text, segments, block);
    line.strip_prefix('\u{c}')
        .is_some_and(|rest| is_header_text(rest.trim()))
}

/// The lines of one line each, of 4 to 40 characters without sentence punctuation, that the
/// document (`blocks`, all of its lines) sets twice or more: its running headers, among others.
/// Read once per document, into `cache`.
fn short_lines_set_twice<'c, 'b>(
    cache: &'c mut Option<HashSet<String>>,
    text: &str,
    segments: &[Segment],
    blocks: impl Iterator<Item = &'b Block>,
    shape: impl Fn(u32) -> LineShape,
) -> &'c HashSet<String> {
    cache.get_or_insert_with(|| set_twice(text, segments, blocks, shape))
}

/// [`short_lines_set_twice`], read.
fn set_twice<'b>(
    text: &str,
    segments: &[Segment],
    blocks: impl Iterator<Item = &'b Block>,
    shape: impl Fn(u32) -> LineShape,
) -> HashSet<String> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut twice = HashSet::new();
    for block in blocks {
        if block.kind == BlockKind::Blank
            || block.end_line != block.line
            || !(4..=40).contains(&shape(block.line).chars)
        {
            continue;
        }
        let line = clean_line(text, segments, block).trim().to_owned();
        if line.contains(|c| SENTENCE_MARKS.contains(c)) {
            continue;
        }
        if !seen.insert(line.clone()) {
            twice.insert(line);
        }
    }
    twice
}

/// Marks the text of a page number or a running header as such: out of its unit's clean text.
fn mark_page_furniture(segments: &mut [Segment], block: &Block) {
    let range = block.segments.start as usize..block.segments.end as usize;
    for segment in segments.get_mut(range).into_iter().flatten() {
        // A header may be a chapter's heading set again: its marker too.
        if matches!(segment.kind, SegmentKind::Text | SegmentKind::Marker) {
            segment.kind = SegmentKind::PageFurniture;
        }
    }
}

/// Joins `next`, a line of shape `this` that goes on with `unit`: a parenthesis it closes
/// (or `closes_across`, a point's `）` taken back into the text) closes the one a line of the
/// unit left open, and one it leaves open is the unit's.
fn join_line(
    unit: &mut Block,
    next: &Block,
    this: LineShape,
    closes_across: bool,
    parens: &mut Vec<u32>,
    anomalies: &mut Vec<Anomaly>,
) {
    if this.stray_close || closes_across {
        if let Some(opened) = parens.pop() {
            close_across(anomalies, opened, next.line);
        }
    }
    if this.open_paren {
        parens.push(next.line);
    }
    continue_with(unit, next);
}

/// Extends `unit` over `next`, a block that goes on with it (the second half of a wrapped line
/// or title, the text after a marker alone on its line): one block from then on.
fn continue_with(unit: &mut Block, next: &Block) {
    unit.span.end = next.span.end;
    unit.body.end = next.span.end;
    unit.segments.end = next.segments.end;
    unit.end_line = next.line;
}

/// Whether a line opens a part of a code (`第一编　总则`, `第一分编　通则`) or of a plan
/// (`第二部分　经济合作`, `第一篇　开启新征程`), or an annex (`附件`, `附件2：…`, `附表`): the levels below number
/// anew after it.
fn starts_a_part(line: &str) -> bool {
    let line = line.trim_start();
    // A plan's part numbered in formal numerals (`壹、計畫緣起`, `贰、目标`).
    if let Some(c) = line.chars().next() {
        if crate::scan::formal_numeral(c).is_some()
            && line[c.len_utf8()..].starts_with(['、', '．', '.'])
        {
            return true;
        }
    }
    if let Some(rest) = crate::scan::after_annex_word(line) {
        // An appendix lettered (`附录A`) as numbered.
        return rest.chars().next().is_none_or(|c| {
            c.is_ascii_digit()
                || c.is_ascii_uppercase()
                || c.is_whitespace()
                || "：:一二三四五六七八九十".contains(c)
        });
    }
    let Some(rest) = line.strip_prefix('第') else {
        return false;
    };
    let numeral = rest
        .char_indices()
        .find(|(_, c)| !"〇零一二三四五六七八九十百".contains(*c) && !c.is_ascii_digit())
        .map_or(rest.len(), |(i, _)| i);
    // `第一编　总则` of a code, `第一分编　通则` of one of its parts (the Civil Code's, whose
    // chapters run on through them), `第二部分　经济合作` or `第一篇　开启新征程` of a plan
    // (five-year plans' parts, whose chapters run on through them): the word alone on the
    // line, or before a space or a colon.
    let after = &rest[numeral..];
    let word = ["编", "編", "分编", "分編", "部分", "篇"]
        .into_iter()
        .find(|w| after.starts_with(w));
    numeral > 0
        && word.is_some_and(|w| {
            after[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || "：:".contains(c))
        })
}

/// Whether an annex's line names its first document after its colon (`附件：1.签约项目清单`).
fn lists_its_first(line: &str) -> bool {
    line.split_once(['：', ':']).is_some_and(|(_, rest)| {
        ["1.", "1．", "1、", "１．"]
            .iter()
            .any(|m| rest.trim_start().starts_with(m))
    })
}

/// Whether a line under an article, not cut by a wrap, signs the instrument off rather than
/// going on with the article: a line without a sentence mark or an enumeration comma
/// (`星海市人民政府`, `2024年4月28日`, `中华人民共和国政府　　　塞拉维亚共和国政府`, `（签字）`),
/// which a further paragraph (款) never is, a treaty's closing formula
/// (`…签订，一式两份，…同等作准。`), a signatory's line (`…政府代表：`), or the notes after the
/// text (`注释：`).
fn signs_off(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && (!line.contains(|c| SENTENCE_MARKS.contains(c) || c == '、')
            || (line.contains("一式") && (line.contains("作准") || line.contains("作準")))
            // A signatory's line in field form (`中华人民共和国政府代表：`).
            || line
                .strip_suffix(['：', ':'])
                .is_some_and(|head| {
                    !head.contains(|c| SENTENCE_MARKS.contains(c) || c == '、')
                        && ["代表", "签字", "簽字", "签署", "簽署"]
                            .iter()
                            .any(|w| head.ends_with(w))
                })
            // Notes after the text (`注释：`, `注：`) are the document's.
            || ["注释", "注釋", "註釋", "注：", "注:"]
                .iter()
                .any(|w| line.starts_with(w)))
}

/// Whether a line heads a numbered group of items in an action plan (`任务1：畅通物流通道。`,
/// `项目三：…`, `专栏2 …`): a label, a number, then a colon, a stop or a space.
fn heads_a_group(line: &str) -> bool {
    const LABELS: [&str; 9] = [
        "任务",
        "项目",
        "措施",
        "举措",
        "工程",
        "行动",
        "专栏",
        "專欄",
        "重点任务",
    ];
    let line = line.trim_start();
    let Some(rest) = LABELS.iter().find_map(|l| line.strip_prefix(l)) else {
        return false;
    };
    let digits = rest
        .char_indices()
        .take_while(|(_, c)| {
            c.is_ascii_digit() || ('０'..='９').contains(c) || "一二三四五六七八九十".contains(*c)
        })
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    digits > 0
        && rest[digits..]
            .chars()
            .next()
            .is_some_and(|c| "：:．.、".contains(c) || c.is_whitespace())
}

/// Whether `block` numbers from 1 again where its level has gone further: a chapter or a
/// `一、` section after others, or a first article after articles.
fn restarts_numbering(block: &Block, open: &Open, sections: &[Section]) -> bool {
    match block.kind {
        BlockKind::SectionHeading { number } => {
            number.0 == 1 && next_section(sections, open.part_start).0 > 1
        }
        BlockKind::Item {
            number,
            article: true,
        } => number.0 == 1 && open.last_article.is_some(),
        _ => false,
    }
}

/// Words an instrument's title ends with, in either script (a regulation, a plan, a decision,
/// a treaty, a list of measures…); the transform's titles end with these and other kinds.
pub const INSTRUMENT_TITLE_ENDINGS: [&str; 42] = [
    "条例",
    "條例",
    "办法",
    "辦法",
    "规定",
    "規定",
    "细则",
    "細則",
    "章程",
    "规则",
    "規則",
    "方案",
    "规划",
    "規劃",
    "纲要",
    "綱要",
    "计划",
    "計劃",
    "决定",
    "決定",
    "意见",
    "意見",
    "公约",
    "公約",
    "协定",
    "協定",
    "条约",
    "條約",
    "议定书",
    "議定書",
    // What a notice issues as often as a plan: a year's main points, measures, a list of
    // tasks, guidelines, the division of the tasks among bodies.
    "清单",
    "清單",
    "要点",
    "要點",
    "措施",
    "准则",
    "準則",
    "守则",
    "守則",
    "指南",
    "指引",
    "分工",
];

/// The line, among the paragraphs placed since the last unit of the structure, that is a second
/// instrument's title (`港口安全管理条例`, alone on its line after the decision's last words):
/// short, no sentence, ending with an instrument's word. Its index in `out`.
fn second_instrument_title(text: &str, segments: &[Segment], out: &[Block]) -> Option<usize> {
    for (i, placed) in out.iter().enumerate().rev().take(8) {
        match placed.kind {
            BlockKind::Blank => continue,
            BlockKind::Paragraph => {
                let line = clean_line(text, segments, placed);
                let line = line.trim();
                let chars = line.chars().count();
                if (4..=40).contains(&chars)
                    && !line.contains(['。', '，', '：', '；', ',', ':', ';'])
                    && INSTRUMENT_TITLE_ENDINGS.iter().any(|e| line.ends_with(e))
                {
                    return Some(i);
                }
            }
            _ => return None,
        }
    }
    None
}

/// Whether a line that [`starts_a_part`] opens an annex (`附件2：…`, `附表`), not a part of a
/// code (`第一编`).
fn is_an_annex(line: &str) -> bool {
    line.trim_start().starts_with(['附'])
}

/// Whether an item's marker holds an annex's name (`附件：1.`): read from its source, as it is
/// asked of every item.
fn opens_an_annex(text: &str, block: &Block) -> bool {
    block
        .marker
        .is_some_and(|m| text[m.range()].trim_start().starts_with('附'))
}

/// A line's clean text (its text segments).
fn clean_line(text: &str, segments: &[Segment], block: &Block) -> String {
    text_pieces(text, segments, block).collect()
}

/// The text of a block's Text segments, in order.
fn text_pieces<'t>(
    text: &'t str,
    segments: &'t [Segment],
    block: &Block,
) -> impl DoubleEndedIterator<Item = &'t str> {
    let range = block.segments.start as usize..block.segments.end as usize;
    segments
        .get(range)
        .unwrap_or_default()
        .iter()
        .filter(|s| s.kind == SegmentKind::Text)
        .map(|s| &text[s.span.range()])
}

/// Whether a kind is a section heading.
fn is_section(kind: &BlockKind) -> bool {
    matches!(kind, BlockKind::SectionHeading { .. })
}

/// Whether a line heads a table of contents (`目录`, `目　　录`).
fn heads_a_toc(text: &str, segments: &[Segment], block: &Block) -> bool {
    first_char(text, segments, block) == Some('目') && {
        let word: String = clean_line(text, segments, block)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        word == "目录" || word == "目錄"
    }
}

/// Whether a marker's numeral is written in Chinese numerals (`（三）`, not `（3）`, `③`).
fn in_chinese_numerals(marker: &str) -> bool {
    marker.contains(|c| "〇零一二三四五六七八九十百".contains(c))
}

/// Whether a unit's text sets columns apart (a signature block, a table's row): laid out, not
/// prose a wrap cut.
fn laid_out_unit(text: &str, segments: &[Segment], unit: &Block) -> bool {
    crate::scan::sets_columns_apart(&clean_line(text, segments, unit))
}

/// The first character of a block's text: for questions asked of every block that most blocks
/// answer by it, before their text is gathered.
fn first_char(text: &str, segments: &[Segment], block: &Block) -> Option<char> {
    text_pieces(text, segments, block)
        .next()
        .and_then(|piece| piece.trim_start().chars().next())
}

/// Whether a line is a date alone, or a date and its place (`2024年9月5日于北京`): the line under
/// a signature, never the rest of a sentence. Also in Chinese numerals, as laws and orders print
/// it (`二〇二四年四月二十日`): a year of four of them.
fn is_date_line(text: &str, segments: &[Segment], block: &Block) -> bool {
    const YEAR_NUMERALS: &str = "〇○零一二三四五六七八九";
    let first = first_char(text, segments, block);
    if !first.is_some_and(|c| is_digit(c) || "一二".contains(c)) {
        return false;
    }
    let line = clean_line(text, segments, block);
    let line = line.trim();
    let Some((date, place)) = line.split_once('日') else {
        return false;
    };
    if !first.is_some_and(is_digit)
        && !date.split_once('年').is_some_and(|(year, _)| {
            year.chars().count() == 4 && year.chars().all(|c| YEAR_NUMERALS.contains(c))
        })
    {
        return false;
    }
    let place_ok =
        place.is_empty() || place.starts_with(['于', '於', '在']) && place.chars().count() <= 10;
    date.contains('年')
        && date.contains('月')
        && date.chars().count() <= 12
        && place_ok
        && !place.contains(|c| SENTENCE_MARKS.contains(c))
}

/// Whether a line names a notice's addressees (`各省、自治区、直辖市人民政府，国务院各部委、各直属机构：`,
/// `各有关单位：`): it starts with 各 and ends with a colon, with no word of a duty or a request
/// (a lead-in such as `各成员国应当：` is none). The body starts on the next line, however full
/// the line is.
fn is_addressee_line(text: &str, segments: &[Segment], block: &Block) -> bool {
    if first_char(text, segments, block) != Some('各') {
        return false;
    }
    let line = clean_line(text, segments, block);
    let line = line.trim();
    line.ends_with(['：', ':'])
        && line.chars().count() <= 80
        && !line.contains(|c| SENTENCE_MARKS.contains(c) && !"：:，、,".contains(c))
        && !["应", "要", "请", "将", "须", "可"]
            .iter()
            .any(|w| line.contains(w))
}

/// Whether `line` holds the marker `（n）` / `(n)` of a list point written inline, with `n` in
/// Chinese numerals.
fn has_inline_marker(line: &str, n: u32) -> bool {
    line.match_indices(['（', '(']).any(|(i, open)| {
        let after = &line[i + open.len()..];
        crate::scan::chinese_numeral(after)
            .is_some_and(|(value, len)| value == n && after[len..].starts_with(['）', ')']))
    })
}

/// Whether a line right under a long title line is the rest of the title: short, without
/// sentence punctuation, not a date, a note in brackets or an indented paragraph, and the two
/// together not longer than a title gets.
fn title_goes_on(line: &str, first_chars: u32) -> bool {
    let chars = line.chars().count() as u32;
    let trimmed = line.trim();
    // A date, or a cover's month (`二〇二一年三月`).
    let date = trimmed.ends_with(['日', '月']) && trimmed.contains('年');
    let note = trimmed.starts_with(['（', '(', '—', '-']);
    // A cover's or a front matter's word under the title (`目录`, `前言`).
    let word: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    let front = ["目录", "目錄", "前言", "序言", "说明", "說明"].contains(&word.as_str());
    let number = is_document_number(trimmed);
    let sentence = trimmed.contains(|c| SENTENCE_MARKS.contains(c));
    let indented = line.starts_with(char::is_whitespace);
    let too_long = chars + first_chars > 2 * SHORT_TITLE;
    !(indented || trimmed.is_empty() || too_long || sentence || note || date || number || front)
}

/// A parenthesis cut by a wrap (`（Green` / `Energy Forum）`): a line of the unit reported it
/// unclosed and a later line reported its `）` unmatched; joined, they are one pair.
fn close_across(anomalies: &mut Vec<Anomaly>, before: u32, after: u32) {
    let single = |a: &Anomaly| matches!(a.detail, AnomalyDetail::Text);
    let unclosed = anomalies.iter().rposition(|a| {
        a.kind == AnomalyKind::UnclosedParenthesis && a.position.line == before && single(a)
    });
    let unmatched = anomalies.iter().position(|a| {
        a.kind == AnomalyKind::UnmatchedParenthesis && a.position.line == after && single(a)
    });
    match (unclosed, unmatched) {
        (Some(unclosed), Some(unmatched)) => {
            anomalies.remove(unclosed.max(unmatched));
            anomalies.remove(unclosed.min(unmatched));
        }
        // The `）` was read as an enumerator's and reported nothing.
        (Some(unclosed), None) => {
            anomalies.remove(unclosed);
        }
        _ => {}
    }
}

/// Whether a block's marker fits the numbering where it stands: the number its level calls for
/// next, in the context that decides what `（一）` is, and not followed by a word that makes it a
/// reference (`（二）项`, `（1）号`).
fn fits(
    text: &str,
    segments: &[Segment],
    block: &Block,
    open: &Open,
    sections: &[Section],
    previous: Option<&Block>,
) -> bool {
    // An annex's line with its first document (`附件：1.…`) starts anew wherever it stands.
    if matches!(block.kind, BlockKind::Item { article: false, .. }) && opens_an_annex(text, block) {
        return true;
    }
    let body = text[block.body.range()].trim_start();
    // `（一）` / `项的规定`: a reference cut by the wrap. But a list's item may start with a word
    // that starts so (`2.项目申报书`, `3.目标任务`).
    const WORDS: [&str; 22] = [
        "项目", "項目", "条件", "條件", "条约", "條約", "条例", "條例", "目标", "目標", "目的",
        "目前", "章程", "节能", "節能", "节约", "節約", "节水", "節水", "号召", "號召", "款项",
    ];
    if body.starts_with([
        '项', '項', '款', '号', '號', '目', '条', '條', '章', '节', '節',
    ]) && !WORDS.iter().any(|w| body.starts_with(w))
    {
        return false;
    }
    let next = |last: Option<ItemNumber>| ItemNumber(last.map_or(1, |n| n.0 + 1));
    match block.kind {
        // Two numerals of a grade (`…支持` / `二、三级医院`, `一、二线城市`) are text.
        BlockKind::SectionHeading { .. } if is_grade(body) => false,
        BlockKind::SectionHeading { number } => {
            number == expected_section(sections, open.part_start, number)
        }
        BlockKind::SubsectionHeading { number } => {
            let drafted = marker_text(text, segments, block).starts_with('第');
            match (drafted, open.article) {
                (false, Some(_)) => number == next(open.last_clause),
                _ => number == expected_subsection(open, number, drafted),
            }
        }
        BlockKind::Item {
            number,
            article: true,
        } => {
            number == expected_article(open, number)
                || restarts_in_a_chapter(open, number)
                || (open.last_article == Some(number)
                    && crate::scan::inserted_article(&marker_text(text, segments, block)).is_some())
        }
        BlockKind::Item { number, .. } => match (open.clause, open.article) {
            (Some(_), _) => number == next(open.last_subclause),
            (None, Some(_)) => number == next(open.last_clause),
            _ => number == expected_item(open, number),
        },
        // A point goes on a list of points; after an open sentence it starts none.
        BlockKind::Point { number } => {
            matches!(previous.map(|p| p.kind), Some(BlockKind::Point { number: n }) if n.0 + 1 == number.0)
        }
        _ => true,
    }
}

/// Whether a section's text starts with a numeral of a grade (`三级医院`, `二线城市`, `四类`): after
/// `二、` it reads `二、三级`, "second and third grade".
fn is_grade(body: &str) -> bool {
    let mut chars = body.chars();
    chars
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c))
        && chars
            .next()
            .is_some_and(|c| "级類类等档線线期星批".contains(c))
}

/// Whether a section's or an item's marker ends in an enumeration comma and its text starts with
/// the next number and a time it counts (`一、｜二季度`, `三、｜四月份`, `1、｜2月份`): two numbers of
/// the sentence.
fn pairs_two_times(text: &str, block: &Block) -> bool {
    let number = match block.kind {
        BlockKind::SectionHeading { number }
        | BlockKind::Item {
            number,
            article: false,
        } => number,
        _ => return false,
    };
    // The marker's source, not its clean text built: asked of every item.
    if !block
        .marker
        .is_some_and(|m| text[m.range()].trim_end().ends_with('、'))
    {
        return false;
    }
    let body = text[block.body.range()].trim_start();
    crate::scan::numeral_at(body).is_some_and(|(next, len)| {
        next == number.0 + 1
            && ["季度", "季", "月"]
                .iter()
                .any(|m| body[len..].starts_with(m))
    })
}

/// Whether `number`, a line that starts with a digit (`2`), is the number of an amount or a date
/// whose rest `next` starts with (`亿美元。`, `年`): the sentence's, not a page's.
fn number_before_an_amount(text: &str, segments: &[Segment], number: &Block, next: &Block) -> bool {
    first_char(text, segments, number).is_some_and(is_digit)
        && first_char(text, segments, next).is_some_and(|c| AMOUNT_HEADS.contains(c))
}

/// First characters of the rest of an amount or a date after its number (`2` / `亿美元`,
/// `2024` / `年`): a number alone before one is no page number.
const AMOUNT_HEADS: &str = "亿万千百十年月日号个名家项次倍元吨米%％";

/// Whether a line is a document's number (`国发〔2024〕7号`, `商贸发[2023]12号`, `国发（2024）7号`):
/// a year in brackets and 号 at the end, a line of its own under or above the title.
pub fn is_document_number(line: &str) -> bool {
    let line = line.trim();
    line.ends_with(['号', '號'])
        && line.chars().count() <= 30
        && ["〔", "［", "[", "【", "（", "("].iter().any(|open| {
            line.split(open).skip(1).any(|rest| {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                digits == 4 && rest[4..].starts_with(['〕', '］', ']', '】', '）', ')'])
            })
        })
}

/// Whether a line of shape `this` is one that never goes on a unit before it: a note wholly in
/// brackets, a date line, contact details or a document number.
fn stands_alone(text: &str, segments: &[Segment], this: LineShape, block: &Block) -> bool {
    this.note
        || is_date_line(text, segments, block)
        || is_document_number_line(text, segments, block)
        || is_contact_line(text, segments, block)
        || is_record_field_line(text, segments, block)
        // A part's or an annex's line (`第三部分　重点任务`) after a full line.
        || (first_char(text, segments, block).is_some_and(|c| c == '第' || c == '附')
            && starts_a_part(&clean_line(text, segments, block)))
        // A table of contents' heading under a title (`…发展规划` / `目录`).
        || heads_a_toc(text, segments, block)
        || signs_over_a_date(text, segments, block)
}

/// Whether a line is the issuing body that signs a document, right over the date
/// (`江南省人民政府办公厅` / `2024年8月30日`): never the end of the line before it (the last
/// attachment's name, `2.…汇总表`).
fn signs_over_a_date(text: &str, segments: &[Segment], block: &Block) -> bool {
    const ISSUERS: [&str; 10] = [
        "政府",
        "办公厅",
        "辦公廳",
        "办公室",
        "辦公室",
        "委员会",
        "委員會",
        "厅",
        "廳",
        "局",
    ];
    // The source's end first: most lines end otherwise.
    let source = text[block.span.range()].trim_end();
    if !source.ends_with(['府', '厅', '廳', '室', '会', '會', '局']) {
        return false;
    }
    let line = clean_line(text, segments, block);
    let line = line.trim();
    let next = text[block.span.end as usize..]
        .trim_start_matches(['\r', '\n'])
        .lines()
        .next()
        .unwrap_or("")
        .trim();
    ISSUERS.iter().any(|w| line.ends_with(w))
        && line.chars().count() <= 30
        && !line.contains(|c| SENTENCE_MARKS.contains(c) || c == '、')
        && next.ends_with('日')
        && next.contains('年')
        && next.chars().count() <= 16
        && next.starts_with(|c: char| c.is_ascii_digit() || "二〇○".contains(c))
}

/// Whether `unit`, one line, and `block`, the line after it, are laid out a line each as no
/// wrapped sentence is: two fields of a form or a record (`会议时间：…` / `会议地点：…`,
/// `甲方：…` / `乙方：…`), names a line each, a speech's occasion over its speaker, or a
/// table of contents' entry with its dot leaders and page (`第一章　总则……………1`) and the line
/// before or after it.
fn laid_out_pair(text: &str, segments: &[Segment], unit: &Block, block: &Block) -> bool {
    // Asked of every line that goes on a unit: a field is read from the first characters of
    // the lines' text (annotations apart), a table of contents' entry only where the source
    // ends with a digit.
    if starts_as_field(text, segments, unit) && starts_as_field(text, segments, block) {
        return true;
    }
    // A list of names a line each (a 名单 of companies, schools, projects).
    if names_a_body(text, segments, unit) && names_a_body(text, segments, block) {
        return true;
    }
    // A report's occasion over its speaker, laid out in columns (`——2024年1月22日在…会议上` /
    // `江南省省长　李　华`).
    if text[unit.span.range()].trim_start().starts_with("——")
        && crate::scan::sets_columns_apart(&clean_line(text, segments, block))
    {
        return true;
    }
    let ends_in_digit = |b: &Block| {
        text[b.span.range()]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit())
    };
    (ends_in_digit(unit) && is_contents_entry(&clean_line(text, segments, unit)))
        || (ends_in_digit(block) && is_contents_entry(&clean_line(text, segments, block)))
}

/// Whether an article's text is its caption alone (`第一条（目的和依据）`, as local regulations
/// print it on a line of its own): the text under it is the article's.
fn is_caption(body: &str) -> bool {
    let body = body.trim();
    let inner = body
        .strip_prefix(['（', '('])
        .and_then(|b| b.strip_suffix(['）', ')']));
    inner.is_some_and(|inner| {
        !inner.is_empty()
            && inner.chars().count() <= 20
            && !inner.contains(|c| SENTENCE_MARKS.contains(c) || "（）()".contains(c))
    })
}

/// Whether a line is a notice's title: `…关于…的` a kind of document, no sentence in it
/// (`国务院办公厅关于进一步优化支付服务提升支付便利性的意见`).
fn names_a_notice(line: &str) -> bool {
    const KINDS: [&str; 16] = [
        "通知", "意见", "公告", "通告", "决定", "決定", "批复", "批覆", "通报", "通報", "报告",
        "報告", "函", "请示", "請示", "决议",
    ];
    let line = line.trim();
    !line.contains(|c| SENTENCE_MARKS.contains(c) || c == '、')
        && line.chars().count() <= 80
        && (line.contains("关于") || line.contains("關於"))
        && KINDS.iter().any(|k| line.ends_with(k))
}

/// Whether a line's text ends with the name of a company, a school or an institute
/// (`…股份有限公司`, `…集团`, `…大学`, `…研究院`): one name of a list of names, when the line
/// before ends so too.
fn names_a_body(text: &str, segments: &[Segment], block: &Block) -> bool {
    const BODIES: [&str; 12] = [
        "公司",
        "集团",
        "集團",
        "大学",
        "大學",
        "学院",
        "學院",
        "学校",
        "學校",
        "研究院",
        "研究所",
        "医院",
    ];
    // The source's last character first (an annotation's `)` may follow the last hanzi):
    // most lines end otherwise.
    let source = text[block.span.range()].trim_end();
    if !source.ends_with(['司', '团', '團', '学', '學', '院', '校', '所', ')', '）']) {
        return false;
    }
    // The text's last three characters, last first, read across its pieces without building
    // the line: an annotated document ends most lines with a `)`.
    let mut tail = ['\0'; 3];
    let mut taken = 0;
    'pieces: for piece in text_pieces(text, segments, block).rev() {
        for c in piece.chars().rev().filter(|c| !c.is_whitespace()) {
            tail[taken] = c;
            taken += 1;
            if taken == tail.len() {
                break 'pieces;
            }
        }
    }
    BODIES
        .iter()
        .any(|b| b.chars().count() <= taken && b.chars().rev().zip(tail).all(|(a, t)| a == t))
}

/// Whether a block's text starts as a field: a label of two to six hanzi, then a colon
/// (`会议时间：…`, `甲方：…`, `出席人员：…`), read from its text without its annotations
/// (`责(zé)(zé)任(rèn)单(dān)位(wèi)：…` is a field as its plain text is).
fn starts_as_field(text: &str, segments: &[Segment], block: &Block) -> bool {
    let mut label = 0;
    for c in text_pieces(text, segments, block).flat_map(str::chars) {
        match c {
            '：' | ':' => return (2..=6).contains(&label),
            c if crate::chars::is_hanzi(c) && label < 6 => label += 1,
            c if c.is_whitespace() && label == 0 => {}
            _ => return false,
        }
    }
    false
}

/// Whether a line is an entry of a table of contents: its page number after dot leaders
/// (`第一章　总则……………1`, `一、总体要求..........3`).
fn is_contents_entry(line: &str) -> bool {
    let line = line.trim_end();
    let before_page = line.trim_end_matches(|c: char| c.is_ascii_digit());
    before_page.len() < line.len()
        && before_page
            .chars()
            .rev()
            .take_while(|c| matches!(c, '…' | '⋯' | '.' | '．' | '·' | ' ' | '　'))
            .filter(|c| !c.is_whitespace())
            .count()
            >= 3
}

/// [`is_document_number`] of a block's line, read only when its text ends with 号: asked of
/// every line that goes on a unit.
fn is_document_number_line(text: &str, segments: &[Segment], block: &Block) -> bool {
    let last = text_pieces(text, segments, block)
        .last()
        .and_then(|piece| piece.trim_end().chars().next_back());
    matches!(last, Some('号' | '號')) && is_document_number(&clean_line(text, segments, block))
}

/// Whether a line is one of a document's contact details (`联系人：…`, `电话：…`, `邮编：…`):
/// laid out a line each, never a wrapped sentence's end.
fn is_contact_line(text: &str, segments: &[Segment], block: &Block) -> bool {
    // Asked of every line that goes on a unit: the line is read only when its first character
    // starts a label.
    if !first_char(text, segments, block).is_some_and(|c| "联聯电電传傳邮郵地通网".contains(c))
    {
        return false;
    }
    let line = clean_line(text, segments, block);
    const LABELS: [&str; 24] = [
        "联系人",
        "聯繫人",
        "联系电话",
        "聯繫電話",
        "联系单位",
        "聯繫單位",
        "联系方式",
        "聯繫方式",
        "电话",
        "電話",
        "传真",
        "傳真",
        "邮编",
        "郵編",
        "邮政编码",
        "郵政編碼",
        "电子邮箱",
        "電子郵箱",
        "邮箱",
        "郵箱",
        "通讯地址",
        "通訊地址",
        "地址",
        "网址",
    ];
    let line = line.trim_start();
    LABELS.iter().any(|label| {
        line.strip_prefix(label)
            .is_some_and(|rest| rest.trim_start().starts_with(['：', ':']))
    })
}

/// Whether a line is a field of minutes, of a task in a list of tasks (`牵头单位：…`,
/// `完成时限：…`) or of an official document's colophon (`出席：…`, `列席：…`, `记录：…`,
/// `抄送：…`), or the colophon's printing line
/// (`江南省人民政府办公厅　　2024年5月8日印发`): laid out a line each, never a wrapped sentence's end.
fn is_record_field_line(text: &str, segments: &[Segment], block: &Block) -> bool {
    // Asked of every line that goes on a unit: read only when its first character starts a label
    // or its text ends as a printing line does.
    let labelled = first_char(text, segments, block)
        .is_some_and(|c| "出列记記主缺请請抄分参參牵牽责責配完".contains(c));
    // The source's last character first (an annotation's `)` may follow 发): most lines end
    // otherwise.
    let last = text[block.span.range()].trim_end().chars().next_back();
    let printed = matches!(last, Some('发' | '發' | ')'))
        && text_pieces(text, segments, block)
            .last()
            .is_some_and(|piece| piece.trim_end().ends_with(['发', '發']));
    if !printed && !labelled {
        return false;
    }
    let line = clean_line(text, segments, block);
    let line = line.trim();
    const LABELS: [&str; 27] = [
        // A task's fields in a list of tasks (`牵头单位：…`, `完成时限：…`).
        "牵头单位",
        "牽頭單位",
        "牵头部门",
        "牽頭部門",
        "责任单位",
        "責任單位",
        "配合单位",
        "配合單位",
        "完成时限",
        "完成時限",
        "出席",
        "列席",
        "记录",
        "記錄",
        "主持",
        "缺席",
        "请假",
        "請假",
        "抄送",
        "抄报",
        "抄報",
        "主送",
        "分送",
        "参加会议的有",
        "參加會議的有",
        "参加人员",
        "參加人員",
    ];
    LABELS.iter().any(|label| {
        line.strip_prefix(label)
            .is_some_and(|rest| rest.trim_start().starts_with(['：', ':']))
    }) || (printed && (line.ends_with("印发") || line.ends_with("印發")) && line.contains('年'))
}

/// Makes a block's marker text again: the line continues the sentence before it.
fn unmark(segments: &mut [Segment], block: &mut Block) {
    let range = block.segments.start as usize..block.segments.end as usize;
    for segment in segments.get_mut(range).unwrap_or_default() {
        if segment.kind == SegmentKind::Marker {
            segment.kind = SegmentKind::Text;
        }
    }
    block.kind = BlockKind::Paragraph;
    block.marker = None;
    block.body = block.span;
}

/// Places a point under its lead-in (or under the lead-in of the point before it) and checks
/// its number against that list's.
fn place_point(
    block: &mut Block,
    lead: &Block,
    lead_index: Option<usize>,
    anomalies: &mut Vec<Anomaly>,
) {
    let BlockKind::Point { number } = block.kind else {
        return;
    };
    match lead.kind {
        BlockKind::Point { number: before } => {
            block.parent = lead.parent;
            // A list that starts again at 1 is a new list of the same lead-in.
            if number.0 != 1 {
                let expected = ItemNumber(before.0 + 1);
                check(number, expected, NumberingLevel::Point, block, anomalies);
            }
        }
        // The first point on its own line may go on from points written inline in its lead-in
        // (`合作：（1）甲；` / `（2）乙；`): its number is not checked.
        _ => block.parent = lead_index.map(|i| i as u32),
    }
}

/// The style of a point's marker, from its source's first character: circled (`①`),
/// parenthesised numbers (`⑴`), bracketed digits or letters (`（1）`, `(a)`), digits (`1）`),
/// letters (`a)`), dashes (`——`), Roman numerals; a list under a point is in another style than
/// its own.
fn point_style(text: &str, block: &Block) -> u8 {
    let Some(marker) = block.marker else {
        return 0;
    };
    let mut chars = text[marker.range()].trim_start().chars();
    match chars.next() {
        Some('①'..='⑳') => 1,
        Some('⑴'..='⒇') => 2,
        Some('（' | '(') => match chars.next() {
            Some(c) if is_digit(c) => 3,
            _ => 4,
        },
        Some(c) if is_digit(c) => 5,
        Some(c) if c.is_ascii_alphabetic() => 6,
        Some('—') => DASH_STYLE,
        _ => 7,
    }
}

/// Whether the next line with text after `block` starts with a dash list's `——`: two such
/// lines are a list, whatever leads them in.
fn next_line_is_a_dash(text: &str, block: &Block) -> bool {
    text[block.span.end as usize..]
        .lines()
        .map(|line| line.trim_start_matches([' ', '\u{3000}', '\t']))
        .find(|line| !line.trim_end().is_empty())
        .is_some_and(|line| line.starts_with("——"))
}

/// [`point_style`]'s style of a dash list's points (`——…；`).
const DASH_STYLE: u8 = 8;

/// The block a numbered line `N.` belongs to as a point, when the section's items are already
/// numbered: the free paragraph before it that leads in (`：`) where `N` is 1, or the point
/// `N-1.` before it.
fn list_after_lead_in<'b>(
    text: &str,
    segments: &[Segment],
    out: &'b [Block],
    open: &Open,
    number: ItemNumber,
    shape: &impl Fn(u32) -> LineShape,
) -> Option<&'b Block> {
    open.last_item?;
    let previous = out.get(open.previous?)?;
    let follows = match previous.kind {
        BlockKind::Paragraph => {
            number.0 == 1 && previous.parent.is_none() && shape(previous.end_line).lead_in
        }
        BlockKind::Point { number: before } => {
            before.0 + 1 == number.0
                && marker_text(text, segments, previous).ends_with(['.', '．', '、'])
        }
        _ => false,
    };
    follows.then_some(previous)
}

/// Words a note starts with (`注：`, `说明：`), in either script.
const NOTE_WORDS: [&str; 9] = [
    "注释", "註釋", "说明", "說明", "备注", "備註", "附注", "附註", "注",
];

/// Whether `line` is a note whose list begins inline after its colon (`注：1.…`).
fn note_begun_inline(line: &str) -> bool {
    let line = line.trim_start();
    NOTE_WORDS
        .iter()
        .find_map(|w| line.strip_prefix(w))
        .and_then(|rest| rest.trim_start().strip_prefix(['：', ':']))
        .is_some_and(|rest| {
            rest.trim_start()
                .strip_prefix('1')
                .is_some_and(|r| r.starts_with(['.', '．', '、']))
        })
}

/// The block a numbered line `N.` goes on from as a point of a note whose list began inline
/// (`注：1.…` / `2.…` / `3.…`): the note's paragraph for `2.`, the point `N-1.` after it;
/// else `None` (the section's items go on).
fn note_list_goes_on<'b>(
    text: &str,
    segments: &[Segment],
    out: &'b [Block],
    open: &Open,
    number: ItemNumber,
) -> Option<&'b Block> {
    let previous = out.get(open.previous?)?;
    let note = match previous.kind {
        BlockKind::Paragraph if number.0 == 2 && previous.parent.is_none() => previous,
        BlockKind::Point { number: before } if before.0 + 1 == number.0 => {
            out.get(previous.parent? as usize)?
        }
        _ => return None,
    };
    (note.kind == BlockKind::Paragraph && note_begun_inline(&clean_line(text, segments, note)))
        .then_some(previous)
}

fn add_item(sections: &mut [Section], subsections: &mut [Subsection], open: &Open, index: u32) {
    if let Some(section) = open
        .section(sections)
        .and_then(|s| sections.get_mut(s as usize))
    {
        section.items.push(index);
    }
    if let Some(sub) = open
        .subsection
        .and_then(|s| subsections.get_mut(s as usize))
    {
        sub.items.push(index);
    }
}

/// The width, in characters, a hard-wrapped document was wrapped at: the line length most of
/// its longer lines share, when at least a third of them (and at least four) have it and
/// hardly any is longer. `None` for a document of one line per paragraph.
fn wrap_width(shapes: &[LineShape]) -> Option<u32> {
    // A page number centred with spaces is no line of the text, however wide.
    let mut lengths: Vec<u32> = shapes
        .iter()
        .filter(|s| !s.page_number)
        .map(|s| s.chars)
        .filter(|&c| c >= WRAP_MIN)
        .collect();
    if lengths.len() < 4 {
        return None;
    }
    lengths.sort_unstable();
    let mut best = (0usize, 0u32);
    let mut run = 0usize;
    for (i, &len) in lengths.iter().enumerate() {
        run = if i > 0 && lengths[i - 1] == len {
            run + 1
        } else {
            1
        };
        if run >= best.0 {
            best = (run, len);
        }
    }
    let (count, width) = best;
    let longer = lengths.iter().filter(|&&l| l > width + 1).count();
    (count >= 4 && count * 3 >= lengths.len() && longer * 10 <= lengths.len()).then_some(width)
}

/// A marker's clean text (annotations left out).
pub(crate) fn marker_text(text: &str, segments: &[Segment], block: &Block) -> String {
    let Some(marker) = block.marker else {
        return String::new();
    };
    let range = block.segments.start as usize..block.segments.end as usize;
    let marker: String = segments
        .get(range)
        .unwrap_or_default()
        .iter()
        .filter(|s| s.kind == SegmentKind::Marker && marker.contains(s.span))
        .map(|s| &text[s.span.range()])
        .collect();
    marker.trim().to_owned()
}

/// A heading's numeral as written, from its marker's clean text: annotations, spaces, the
/// parentheses, the `、` and the `第…章` left out (`一(yī)、` → `一`, `（十二）` → `十二`,
/// `第三章` → `三`).
fn numeral(text: &str, segments: &[Segment], block: &Block) -> String {
    marker_text(text, segments, block)
        .chars()
        .filter(|c| !c.is_whitespace() && !"、．.（）()第章节節".contains(*c))
        .collect()
}

fn check(
    found: ItemNumber,
    expected: ItemNumber,
    level: NumberingLevel,
    block: &Block,
    anomalies: &mut Vec<Anomaly>,
) {
    if found == expected {
        return;
    }
    let kind = if found.0 == 1 && expected.0 > 1 {
        AnomalyKind::NumberingRestart
    } else if found > expected {
        AnomalyKind::NumberingGap
    } else {
        AnomalyKind::NumberingDuplicate
    };
    anomalies.push(Anomaly {
        kind,
        span: block.marker.unwrap_or(block.span),
        position: Position {
            line: block.line,
            column: 1,
        },
        detail: AnomalyDetail::Numbering {
            level,
            expected,
            found,
        },
    });
}
