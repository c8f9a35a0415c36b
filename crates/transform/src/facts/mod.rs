//! What the tables read of each block, worked out once per block: clean text, dates, entities,
//! topics and labels, and the readings checked against the dictionary.

pub mod dates;
pub mod entities;
pub mod findings;
mod headwords;
pub mod pinyin;
pub mod readings;
pub mod script;
pub mod tagger;
pub mod title;
pub mod topics;
pub mod words;

use std::ops::Range;

use annotext_parser::{AnnotatedChar, Block, BlockKind, Document, Span};

use dates::{find_dates, DateMention};
use entities::{entities_in, Defined, Mention};
use findings::{each_finding, FindingHead, FindingText};
use pinyin::{flags_and_pinyin, ContextFlag, Scratch};
use script::fold_into;
use tagger::Tagger;
use topics::topics_in;

/// What the tables read of one block, worked out once: items, entities, timeline and topics all
/// need the same clean text and matches, and finding them is most of the transform's work.
/// Names of kinds, rules and topics are borrowed from the compiled rules (`'t`).
#[derive(Default)]
pub(crate) struct BlockFacts<'t> {
    /// Clean text (annotations left out; empty for a blank line): its bytes in
    /// [`DocumentFacts::text`]; read with [`DocumentFacts::text_of`].
    pub(crate) text: Range<usize>,
    /// Dates, in order.
    pub(crate) dates: Vec<DateMention>,
    /// Entity mentions, sorted by offset (units of text: not headings).
    pub(crate) entities: Vec<Mention<'t>>,
    /// Topics with the byte ranges of their keywords in `text` (units of text: not headings).
    pub(crate) topics: Vec<(&'t str, Vec<(usize, usize)>)>,
    /// The unit's label ([`Labels`]): `§1.21`, `Art.12`, `Art.5(3)`, `¶2`, `§2(1)`.
    pub(crate) label: String,
    /// The whole text in toned pinyin (units of text: not headings): its bytes in
    /// [`DocumentFacts::pinyin`]; read with [`DocumentFacts::pinyin_of`].
    pub(crate) pinyin: Range<usize>,
    /// The annotated characters of the block's body: indices in `doc.chars`.
    pub(crate) chars: Range<usize>,
    /// Annotations that do not fit their word (every block with text).
    pub(crate) flags: Vec<ContextFlag>,
}

/// A document with the facts of each of its blocks, indexed like `doc.blocks`.
pub(crate) struct DocumentFacts<'d, 't> {
    pub(crate) doc: &'d Document,
    pub(crate) blocks: Vec<BlockFacts<'t>>,
    /// The clean text of every block, one after the other (see [`BlockFacts::text`]): one
    /// buffer instead of a string per block to allocate and free.
    pub(crate) text: String,
    /// The pinyin of every item and paragraph, one after the other (see [`BlockFacts::pinyin`]):
    /// one buffer instead of a string per block.
    pub(crate) pinyin: String,
}

impl<'d, 't> DocumentFacts<'d, 't> {
    pub(crate) fn new(doc: &'d Document, tagger: &'t Tagger<'_>) -> DocumentFacts<'d, 't> {
        // One buffer for the folded copies of the document's blocks, and one working memory for
        // their context pass.
        let mut buffer = String::new();
        let mut scratch = Scratch::default();
        let mut pinyin = String::with_capacity(doc.text.len());
        let mut next_char = 0;
        let mut text = String::with_capacity(doc.text.len());
        let mut blocks = Vec::with_capacity(doc.blocks.len());
        let mut labels = Labels::default();
        let mut defined = Defined::default();
        for (index, block) in doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::Blank {
                blocks.push(BlockFacts {
                    text: text.len()..text.len(),
                    ..BlockFacts::default()
                });
                continue;
            }
            // `Document::block_text`, appended to the document's buffer.
            let start = text.len();
            annotext_parser::push_block_text(&mut text, &doc.text, doc.block_segments(block));
            let range = start..text.len();
            let block_text = text.get(range.clone()).unwrap_or("");
            let folded = fold_into(block_text, &mut buffer);
            let dates = find_dates(block_text);
            let mut facts = BlockFacts {
                chars: chars_from(doc, &mut next_char, block.body),
                ..BlockFacts::default()
            };
            let annotated = doc.chars.get(facts.chars.clone()).unwrap_or(&[]);
            // Headings give no pinyin of their own here (the records write theirs).
            let is_unit = !block.kind.is_heading();
            let pinyin_start = pinyin.len();
            facts.flags = flags_and_pinyin(
                doc,
                block,
                annotated,
                block_text,
                folded,
                &mut scratch,
                is_unit.then_some(&mut pinyin),
            );
            facts.pinyin = pinyin_start..pinyin.len();
            // Every block with text is read for names and topics, headings too (`（一）指导思想。…`
            // in a guideline is a paragraph with a title).
            // Only a numbered item may be a name as a whole (`中國—中亞實業家委員會;`); a clause
            // or a point reads as a sentence (`（一）推动建立…机制；`).
            let listed = matches!(block.kind, BlockKind::Item { .. });
            facts.entities = entities_in(block_text, folded, listed, tagger, &dates);
            defined.learn(folded, &facts.entities, tagger);
            facts.topics = topics_in(folded, tagger);
            facts.label = labels.label(doc, index as u32, block, block_text);
            facts.text = range;
            facts.dates = dates;
            blocks.push(facts);
        }
        // Names the document defines (`太平洋岛国论坛（PIF）`, `提格雷州`) are found again in
        // every block, before the definition too (a title may use the acronym).
        if let Some(matcher) = defined.matcher() {
            for facts in blocks.iter_mut().filter(|b| !b.text.is_empty()) {
                let block_text = text.get(facts.text.clone()).unwrap_or("");
                let folded = fold_into(block_text, &mut buffer);
                defined.find_in(&matcher, block_text, folded, &mut facts.entities);
            }
        }
        DocumentFacts {
            doc,
            blocks,
            text,
            pinyin,
        }
    }

    /// A block's clean text.
    pub(crate) fn text_of(&self, block: &BlockFacts) -> &str {
        self.text.get(block.text.clone()).unwrap_or("")
    }

    /// A block's whole text in toned pinyin (items and paragraphs; empty for other blocks).
    pub(crate) fn pinyin_of(&self, block: &BlockFacts) -> &str {
        self.pinyin.get(block.pinyin.clone()).unwrap_or("")
    }

    /// A block's annotated characters.
    pub(crate) fn chars_of(&self, block: &BlockFacts) -> &'d [AnnotatedChar] {
        self.doc.chars.get(block.chars.clone()).unwrap_or(&[])
    }

    /// A section's number and heading text.
    pub(crate) fn section(&self, section: Option<u32>) -> (Option<u32>, &str) {
        let found = section.and_then(|i| self.doc.sections.get(i as usize));
        self.heading(found.map(|s| (s.number.0, s.heading)))
    }

    /// A subsection's number and heading text.
    pub(crate) fn subsection(&self, subsection: Option<u32>) -> (Option<u32>, &str) {
        let found = subsection.and_then(|i| self.doc.subsections.get(i as usize));
        self.heading(found.map(|s| (s.number.0, s.heading)))
    }

    /// A heading's number and title, from its number and block index ([`heading_title`]).
    fn heading(&self, heading: Option<(u32, u32)>) -> (Option<u32>, &str) {
        match heading {
            Some((number, block)) => (
                Some(number),
                heading_title(
                    self.blocks
                        .get(block as usize)
                        .map_or("", |b| self.text_of(b)),
                ),
            ),
            None => (None, ""),
        }
    }

    /// A heading block's whole text (its title and any prose after it).
    pub(crate) fn heading_text(&self, block: u32) -> &str {
        self.blocks
            .get(block as usize)
            .map_or("", |b| self.text_of(b))
    }

    /// The last non-blank line of each group of blocks (`groups` of them), in one pass over the
    /// blocks; `group` says which group a block is in (its section, its subsection). A unit
    /// joined from wrapped lines ends on its last line, not its first.
    pub(crate) fn last_lines(
        &self,
        groups: usize,
        group: impl Fn(&Block) -> Option<u32>,
    ) -> Vec<Option<u32>> {
        let mut last = vec![None; groups];
        for block in self
            .doc
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Blank)
        {
            if let Some(slot) = group(block).and_then(|g| last.get_mut(g as usize)) {
                *slot = Some(block.end_line);
            }
        }
        last
    }

    /// Characters of the clean text of some items (block indices).
    pub(crate) fn items_chars(&self, items: &[u32]) -> u32 {
        items
            .iter()
            .filter_map(|&i| self.blocks.get(i as usize))
            .map(|b| crate::text::char_count(self.text_of(b)))
            .sum()
    }

    /// Streams the document's findings ([`findings::each_finding`]), with the readings wrong in
    /// context that each block's facts found (one pass per block).
    pub(crate) fn each_finding(&self, emit: impl FnMut(&FindingHead, &FindingText)) {
        let in_context: Vec<ContextFlag> = self
            .blocks
            .iter()
            .flat_map(|b| b.flags.iter().cloned())
            .collect();
        each_finding(self.doc, &in_context, emit);
    }

    /// The blocks with their facts, in order.
    pub(crate) fn blocks(&self) -> impl Iterator<Item = (&'d Block, &BlockFacts<'t>)> + '_ {
        self.doc.blocks.iter().zip(&self.blocks)
    }
}

/// A heading's title: its text, or, for a heading that opens with a short title sentence and
/// goes on in prose (`（一）指导思想。以…为指导，…`, as guidelines write them), that sentence
/// without its full stop (`指导思想`), trailing spaces and tabs left out. The whole text stays in
/// the tables' `text` column.
pub(crate) fn heading_title(text: &str) -> &str {
    const LONGEST_TITLE: usize = 20;
    let text = text.trim_end();
    match text.find('。') {
        Some(end)
            if text[end + '。'.len_utf8()..].trim().chars().count() > 0
                && text[..end].chars().count() <= LONGEST_TITLE
                && !text[..end].contains(['，', ',', '；']) =>
        {
            &text[..end]
        }
        _ => text,
    }
}

/// The annotated characters inside `span` as indices in `doc.chars`, like
/// [`Document::chars_in`], found on from `next` (where the previous block's ended): blocks come
/// in order, so the characters are walked once instead of bisected for each block, which missed
/// the cache at every step on a large document.
pub(crate) fn chars_from(doc: &Document, next: &mut usize, span: Span) -> Range<usize> {
    let chars = &doc.chars;
    // A span before the previous one (never, for blocks in order) is bisected.
    if chars
        .get(..*next)
        .and_then(<[AnnotatedChar]>::last)
        .is_some_and(|c| c.span.start >= span.start)
    {
        *next = chars.partition_point(|c| c.span.start < span.start);
    }
    let mut from = *next;
    while chars.get(from).is_some_and(|c| c.span.start < span.start) {
        from += 1;
    }
    let mut to = from;
    while chars.get(to).is_some_and(|c| c.span.end <= span.end) {
        to += 1;
    }
    *next = to;
    from..to
}

pub(crate) fn section_number(doc: &Document, section: Option<u32>) -> Option<u32> {
    section
        .and_then(|i| doc.sections.get(i as usize))
        .map(|s| s.number.0)
}

/// An item's place in the structure as people cite it: `§1.21` (section 1, item 21),
/// `§2.1.3` under a subsection, `§2.1.2.3` under a subsection a level below another, `§(1).3` under a subsection before any section, `#21` outside
/// any section, `Art.12` for an article (articles are numbered through the document, or by
/// chapter in some treaties: `§2Art.1`; `Art.12-1` for `第十二条之一`, inserted after it), and in
/// an annex, which numbers anew, after
/// its name: `Annex2§1.3`, `Annex#4`, `AnnexArt.1`; in a part of a plan or a code, whose
/// sections or chapters number anew, after it: `Pt2§1.1`. The sign keeps it
/// text: `1.10` would be read as the number 1.1 by spreadsheets and by DuckDB's type detection.
fn item_label(doc: &Document, block: &Block, number: u32, article: bool) -> String {
    if article {
        // Articles are numbered through the parts of a code: only an annex's are apart, and a
        // chapter's where the document numbers them by chapter (`§2Art.1`).
        let mut annex = doc.annex_of(block).unwrap_or_default();
        let chapter = block.section.and_then(|i| doc.sections.get(i as usize));
        if let Some(chapter) = chapter.filter(|c| c.articles_anew) {
            annex.push_str(&format!("§{}", chapter.number.0));
        }
        return match doc.article_insertion(block) {
            Some(inserted) => format!("{annex}Art.{number}-{inserted}"),
            None => format!("{annex}Art.{number}"),
        };
    }
    let annex = doc.scope_of(block);
    let subsection = block
        .subsection
        .and_then(|i| doc.subsections.get(i as usize))
        .map(|s| s.number.0);
    // Under a subsection a level below another (a `（一）` under a chapter's `一、`): both numbers.
    let within = doc
        .subsection_above(block)
        .map_or(String::new(), |s| format!("{}.", s.number.0));
    match (section_number(doc, block.section), subsection) {
        (Some(s), Some(sub)) => format!("{annex}§{s}.{within}{sub}.{number}"),
        (Some(s), None) => format!("{annex}§{s}.{number}"),
        // Under a subsection before any section (`§(1)`): not `§1.1`, section 1's item.
        (None, Some(sub)) => format!("{annex}§({sub}).{number}"),
        (None, None) => format!("{annex}#{number}"),
    }
}

/// Labels of the units of a document, given in reading order: items as [`item_label`],
/// paragraphs `¶1`, `¶2`… (free paragraphs counted through the document), and what belongs to
/// a unit after its owner's label: a clause `Art.5(3)`, its sub-clause `Art.5(3).2`, a further
/// paragraph of an article `Art.3¶2`, a point `¶4(1)` or `§1.4(2)`; headings `§2` and `§2(1)`.
#[derive(Default)]
pub(crate) struct Labels {
    /// The last owner of each kind (item, clause, paragraph, heading) with its block index, and
    /// the paragraph before the last: a parent is the latest of its kind, or a paragraph before
    /// a line left standing (a page number between a lead-in and its second point), and the
    /// last point (a list under it is its sub-points), and the last clause under an article's
    /// numbered paragraph (which keeps its own), so seven slots hold every label asked for.
    recent: [Option<(u32, String)>; 7],
    paragraphs: u32,
    /// Further paragraphs of the current article.
    article_paragraphs: u32,
}

/// Whether `block`'s parent is an article's numbered paragraph (a clause marked `一、`), not one
/// of its `（一）` clauses.
fn under_a_numbered_paragraph(doc: &Document, block: &Block) -> bool {
    block
        .parent
        .and_then(|p| doc.blocks.get(p as usize))
        .is_some_and(|p| {
            matches!(p.kind, BlockKind::Clause { .. }) && doc.marker_text(p).ends_with(['、', '､'])
        })
}

/// Whether an article's text is a caption alone (`定义`, `生效、期限和终止`): a few words with
/// no sentence mark (a sentence ends in one, or runs on with a comma).
fn is_a_caption(text: &str) -> bool {
    let text = text.trim();
    let count = text.chars().count();
    (1..=12).contains(&count)
        && !text
            .contains(|c: char| "。，；：！？.,;:!?“”\"（）()".contains(c) || c.is_ascii_digit())
}

impl Labels {
    pub(crate) fn label(
        &mut self,
        doc: &Document,
        index: u32,
        block: &Block,
        block_text: &str,
    ) -> String {
        // Borrowed, not copied: a label is asked of every block.
        let parent = block.parent.and_then(|p| {
            self.recent
                .iter()
                .flatten()
                .find(|(i, _)| *i == p)
                .map(|(_, l)| l.as_str())
        });
        // A sub-clause (`Art.5(3).2`) owns nothing: it must not take its clause's slot, which
        // the next sub-clause looks its owner up in.
        let mut owns = true;
        let mut under_a_paragraph = false;
        let label = match (block.kind, parent) {
            (BlockKind::Item { number, article }, _) => {
                // An article whose text is its caption (`第一条　定义`, as treaties print it)
                // counts its paragraphs (款) from the one under it: a caption is no paragraph.
                self.article_paragraphs = u32::from(!(article && is_a_caption(block_text)));
                item_label(doc, block, number.0, article)
            }
            (BlockKind::Paragraph, None) => {
                self.paragraphs += 1;
                format!("¶{}", self.paragraphs)
            }
            (BlockKind::Paragraph, Some(owner)) => {
                self.article_paragraphs += 1;
                format!("{owner}¶{}", self.article_paragraphs)
            }
            // A clause under an article's numbered paragraph (`第一条` / `一、…` / `（一）…`): a
            // level below it, `Art.1(1)(1)`, and owner of its own sub-clauses.
            (BlockKind::Clause { number }, Some(owner))
                if owner.ends_with(')') && under_a_numbered_paragraph(doc, block) =>
            {
                under_a_paragraph = true;
                format!("{owner}({})", number.0)
            }
            (BlockKind::Clause { number }, Some(owner)) if owner.ends_with(')') => {
                owns = false;
                format!("{owner}.{}", number.0)
            }
            (BlockKind::Clause { number } | BlockKind::Point { number }, owner) => {
                // A sub-point (`¶2(2)(1)`, under a point) owns nothing, as a sub-clause.
                owns = !matches!(
                    block
                        .parent
                        .and_then(|p| doc.blocks.get(p as usize))
                        .map(|b| b.kind),
                    Some(BlockKind::Point { .. })
                );
                format!("{}({})", owner.unwrap_or_default(), number.0)
            }
            // Headings: `§2` (a section or chapter), `§2(1)` (its first subsection).
            (BlockKind::SectionHeading { number }, _) => {
                format!("{}§{}", doc.scope_of(block), number.0)
            }
            (BlockKind::SubsectionHeading { number }, _) => {
                let annex = doc.scope_of(block);
                // A level below another subsection (`（一）` under a chapter's `一、`): `§1(2)(1)`.
                let within = doc
                    .subsection_above(block)
                    .map_or(String::new(), |s| format!("({})", s.number.0));
                match section_number(doc, block.section) {
                    Some(s) => format!("{annex}§{s}{within}({})", number.0),
                    None => format!("{annex}§({})", number.0),
                }
            }
            _ => String::new(),
        };
        // Only owners are looked up again: items, clauses, paragraphs and headings.
        let slot = match block.kind {
            BlockKind::Item { .. } => Some(0),
            BlockKind::Clause { .. } if under_a_paragraph => Some(6),
            BlockKind::Clause { .. } => Some(1),
            BlockKind::Paragraph => Some(2),
            BlockKind::SectionHeading { .. } | BlockKind::SubsectionHeading { .. } => Some(3),
            BlockKind::Point { .. } => Some(5),
            BlockKind::Blank => None,
        };
        if slot == Some(2) && owns {
            // The paragraph before the last keeps its label; the slot it leaves is reused.
            let [_, _, paragraph, _, before, _, _] = &mut self.recent;
            std::mem::swap(paragraph, before);
        }
        if let Some(slot) = slot.filter(|_| owns).and_then(|s| self.recent.get_mut(s)) {
            // The slot's string is written over, not allocated again.
            match slot {
                Some((i, kept)) => {
                    *i = index;
                    kept.clear();
                    kept.push_str(&label);
                }
                None => *slot = Some((index, label.clone())),
            }
        }
        label
    }
}
