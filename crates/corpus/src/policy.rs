//! Documents in the shapes policy texts come in beyond the sample's own outcome list: that list
//! hard-wrapped at a fixed width, regulations and charters (chapters, articles numbered through
//! the document, clauses, sub-clauses and further paragraphs), and joint statements (prose, short
//! lists after a lead-in). They are made of the sample's clauses and annotated at its rates, as
//! [`crate::document`]'s are. Their frame (titles, chapter names, drafting words) is written in
//! simplified or traditional characters, a draw per document, so both spellings of the drafting
//! markers (`条`/`條`, `节`/`節`) occur.
//!
//! Numbering is never faulty in these shapes, and every unit ends its sentence: a test holds the
//! parse of each against what was written. Annotation faults occur at the sample's rates.
//!
//! ```
//! use annotext_corpus::{document_of, DocumentShape};
//! let text = document_of(DocumentShape::Regulation, 7, 0, 20_000);
//! assert!(text.len() >= 20_000);
//! assert_eq!(text, document_of(DocumentShape::Regulation, 7, 0, 20_000));
//! let doc = annotext_parser::parse_str("regulation", &text).unwrap();
//! assert!(doc.sections.len() >= 3);
//! ```

#[cfg(test)]
mod tests;

use crate::{material, Writer, NUMERALS};

/// One shape of policy text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentShape {
    /// The sample's shape: prose, `一、` sections, items `1.` (what [`crate::document`] writes).
    OutcomeList,
    /// An outcome list whose paragraphs and items are hard-wrapped every 30 characters
    /// (annotations not counted), some lines starting with an amount (`2.5亿美元`), under a title.
    Wrapped,
    /// A charter or regulation: a title ending in `章程` or `条例`, a note of its adoption,
    /// chapters `第一章　总则`, sometimes sections `第一节`, articles `第一条　` numbered through
    /// the document, clauses `（一）` after a lead-in ending in `：`, sub-clauses `1.` in some
    /// clauses, further paragraphs in some articles.
    Regulation,
    /// A joint statement: a title ending in `联合声明`, prose paragraphs, and short lists after a
    /// lead-in ending in `：`, their points written `（1）`, `1) `, `①`, `a) ` or `（一）`.
    Statement,
}

impl DocumentShape {
    /// Every shape, in the order `--help` lists them.
    pub const ALL: [DocumentShape; 4] = [
        DocumentShape::OutcomeList,
        DocumentShape::Wrapped,
        DocumentShape::Regulation,
        DocumentShape::Statement,
    ];

    /// The shape's name on the command line (`annotext generate --shape regulation`).
    pub fn name(self) -> &'static str {
        match self {
            DocumentShape::OutcomeList => "outcome-list",
            DocumentShape::Wrapped => "wrapped",
            DocumentShape::Regulation => "regulation",
            DocumentShape::Statement => "statement",
        }
    }

    /// The shape named `name`.
    pub fn from_name(name: &str) -> Option<DocumentShape> {
        DocumentShape::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// One generated document of the shape, at least `bytes` bytes long (it ends at the first unit
/// past that size). Deterministic, as [`crate::document`] is; for
/// [`DocumentShape::OutcomeList`] it is [`crate::document`]'s text.
pub fn document_of(shape: DocumentShape, seed: u64, index: u64, bytes: usize) -> String {
    match shape {
        DocumentShape::OutcomeList => crate::document(seed, index, bytes),
        shape => draft(shape, seed, index, bytes).text,
    }
}

/// Characters per line of a hard-wrapped document, annotations not counted (what a reader sees).
const WRAP_WIDTH: usize = 30;
/// Share of wrapped items with an amount at the start of one of their lines.
const AMOUNTS: f64 = 0.3;
/// Shares of articles with clauses, and of the others with further paragraphs.
const WITH_CLAUSES: f64 = 0.3;
const WITH_PARAGRAPHS: f64 = 0.2;
/// Share of clauses with sub-clauses, and of clause lists with a paragraph after them.
const WITH_SUBCLAUSES: f64 = 0.25;
const AFTER_CLAUSES: f64 = 0.3;
/// Share of chapters (neither the first nor the last) divided into sections `第N节`.
const DIVIDED: f64 = 0.3;
/// Share of a statement's paragraphs followed by a list (the first one always is).
const LISTS: f64 = 0.4;
/// Share of articles whose marker is followed by an ASCII space rather than an ideographic one.
const ASCII_SPACE: f64 = 0.1;

/// A generated document and what was written into it, for tests to hold the parse against.
/// The counts are kept for the shapes of this module, not for [`DocumentShape::OutcomeList`].
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub text: String,
    /// Prose paragraphs: the title, notes and lead-ins included, further paragraphs of articles
    /// not.
    pub paragraphs: usize,
    /// Sections `一、` or chapters `第N章`.
    pub sections: usize,
    /// Sections of chapters `第N节`.
    pub subsections: usize,
    /// Items `1.`, or articles `第N条`.
    pub items: usize,
    /// Clauses `（一）` and sub-clauses `1.` of articles.
    pub clauses: usize,
    /// Further paragraphs of articles.
    pub further: usize,
    /// Points of lists after a lead-in.
    pub points: usize,
    /// The amounts that start a wrapped line (`2.5亿美元`), as written.
    pub amounts: Vec<String>,
    /// The text of each wrapped item (after its marker), as written: without its line breaks.
    pub wrapped_items: Vec<String>,
}

/// Generates a document of the shape, keeping count of what it writes.
pub(crate) fn draft(shape: DocumentShape, seed: u64, index: u64, bytes: usize) -> Draft {
    let mut writer = Writer::new(seed, index, bytes);
    let script = if writer.rng.bool() {
        &SIMPLIFIED
    } else {
        &TRADITIONAL
    };
    let mut drafter = Drafter {
        w: writer,
        script,
        draft: Draft::default(),
    };
    match shape {
        DocumentShape::OutcomeList => drafter.w.out = crate::document(seed, index, bytes),
        DocumentShape::Wrapped => drafter.wrapped_outcome_list(bytes),
        DocumentShape::Regulation => drafter.regulation(bytes),
        DocumentShape::Statement => drafter.statement(bytes),
    }
    drafter.draft.text = drafter.w.out;
    drafter.draft
}

/// The words of a document's frame, in one script.
struct Script {
    article: char,
    subsection: char,
    hundred_million: char,
    outcome_list: &'static str,
    bodies: [&'static str; 5],
    instruments: [&'static str; 2],
    adopted_by: [&'static str; 3],
    adopted: &'static str,
    general: &'static str,
    supplementary: &'static str,
    chapters: [&'static str; 10],
    subsections: [&'static str; 3],
    article_lead_ins: [&'static str; 4],
    parties: &'static str,
    countries: [&'static str; 5],
    statement: &'static str,
    cities: [&'static str; 3],
    lead_ins: [&'static str; 5],
    amount_lead: &'static str,
    amount_tail: &'static str,
}

const SIMPLIFIED: Script = Script {
    article: '条',
    subsection: '节',
    hundred_million: '亿',
    outcome_list: "中国—中亚峰会成果清单",
    bodies: [
        "中国—中亚合作秘书处",
        "中国—中亚实业家委员会",
        "中国—中亚农业合作中心",
        "中国—中亚能源发展合作中心",
        "中国—中亚减贫合作中心",
    ],
    instruments: ["章程", "条例"],
    adopted_by: [
        "中国—中亚外长会晤第四次会议",
        "联合工作组第三次会议",
        "理事会第一次会议",
    ],
    adopted: "通过",
    general: "总则",
    supplementary: "附则",
    chapters: [
        "宗旨和原则",
        "职能",
        "成员",
        "组织机构",
        "理事会",
        "秘书处",
        "合作机制",
        "经费",
        "监督",
        "争议解决",
    ],
    subsections: ["一般规定", "职责", "议事程序"],
    article_lead_ins: [
        "中心的主要职能是：",
        "下列事项由理事会决定：",
        "秘书处履行下列职责：",
        "成员享有下列权利：",
    ],
    parties: "中华人民共和国和",
    countries: [
        "哈萨克斯坦共和国",
        "吉尔吉斯共和国",
        "塔吉克斯坦共和国",
        "乌兹别克斯坦共和国",
        "土库曼斯坦",
    ],
    statement: "联合声明",
    cities: ["西安", "阿斯塔纳", "北京"],
    lead_ins: [
        "双方同意在以下领域加强合作：",
        "双方将推动：",
        "双方欢迎：",
        "双方支持：",
        "双方决定在以下方面深化合作：",
    ],
    amount_lead: "提供总额",
    amount_tail: "美元的专项资金，",
};

const TRADITIONAL: Script = Script {
    article: '條',
    subsection: '節',
    hundred_million: '億',
    outcome_list: "中國—中亞峰會成果清單",
    bodies: [
        "中國—中亞合作秘書處",
        "中國—中亞實業家委員會",
        "中國—中亞農業合作中心",
        "中國—中亞能源發展合作中心",
        "中國—中亞減貧合作中心",
    ],
    instruments: ["章程", "條例"],
    adopted_by: [
        "中國—中亞外長會晤第四次會議",
        "聯合工作組第三次會議",
        "理事會第一次會議",
    ],
    adopted: "通過",
    general: "總則",
    supplementary: "附則",
    chapters: [
        "宗旨和原則",
        "職能",
        "成員",
        "組織機構",
        "理事會",
        "秘書處",
        "合作機制",
        "經費",
        "監督",
        "爭議解決",
    ],
    subsections: ["一般規定", "職責", "議事程序"],
    article_lead_ins: [
        "中心的主要職能是：",
        "下列事項由理事會決定：",
        "秘書處履行下列職責：",
        "成員享有下列權利：",
    ],
    parties: "中華人民共和國和",
    countries: [
        "哈薩克斯坦共和國",
        "吉爾吉斯共和國",
        "塔吉克斯坦共和國",
        "烏茲別克斯坦共和國",
        "土庫曼斯坦",
    ],
    statement: "聯合聲明",
    cities: ["西安", "阿斯塔納", "北京"],
    lead_ins: [
        "雙方同意在以下領域加強合作：",
        "雙方將推動：",
        "雙方歡迎：",
        "雙方支持：",
        "雙方決定在以下方面深化合作：",
    ],
    amount_lead: "提供總額",
    amount_tail: "美元的專項資金，",
};

/// How the points of a statement's list are numbered.
#[derive(Debug, Clone, Copy)]
enum PointStyle {
    /// `（1）`
    Parenthesised,
    /// `1) `
    Closed,
    /// `①`
    Circled,
    /// `a) `
    Letter,
    /// `（一）`
    Chinese,
}

impl PointStyle {
    const ALL: [PointStyle; 5] = [
        PointStyle::Parenthesised,
        PointStyle::Closed,
        PointStyle::Circled,
        PointStyle::Letter,
        PointStyle::Chinese,
    ];

    /// The marker of point `n` (1 to 20).
    fn marker(self, n: u32) -> String {
        match self {
            PointStyle::Parenthesised => format!("（{n}）"),
            PointStyle::Closed => format!("{n}) "),
            PointStyle::Circled => {
                char::from_u32('①' as u32 + n - 1).map_or_else(|| format!("（{n}）"), String::from)
            }
            PointStyle::Letter => format!("{}) ", char::from(b'a' + (n - 1) as u8)),
            PointStyle::Chinese => format!("（{}）", chinese_numeral(n)),
        }
    }
}

/// A Chinese numeral as drafting writes it: `十二`, `一百零一`, `一百一十`, `一千零一十`,
/// `一万零五`.
pub(crate) fn chinese_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => {
            // `十二`, not `一十二`, when the tens lead.
            let mut out = String::from('十');
            if n > 10 {
                out.push(DIGITS[(n - 10) as usize]);
            }
            out
        }
        20..=9_999 => {
            let mut out = String::new();
            let mut gap = false;
            for (unit, place) in [("千", 1000), ("百", 100), ("十", 10), ("", 1)] {
                let digit = n / place % 10;
                if digit == 0 {
                    gap = !out.is_empty();
                    continue;
                }
                if gap {
                    out.push('零');
                    gap = false;
                }
                out.push(DIGITS[digit as usize]);
                out.push_str(unit);
            }
            out
        }
        _ => {
            // Groups of four digits: `一万零五`, `一亿二千万`.
            let (place, unit) = if n >= 100_000_000 {
                (100_000_000, '亿')
            } else {
                (10_000, '万')
            };
            let (high, low) = (n / place, n % place);
            let mut out = chinese_numeral(high);
            out.push(unit);
            if low > 0 {
                if low < place / 10 {
                    out.push('零');
                }
                if (10..20).contains(&low) {
                    out.push('一');
                }
                out.push_str(&chinese_numeral(low));
            }
            out
        }
    }
}

/// Writes one document, counting what it writes.
struct Drafter {
    w: Writer,
    script: &'static Script,
    draft: Draft,
}

impl Drafter {
    fn pick(&mut self, choices: &[&'static str]) -> &'static str {
        choices[self.w.rng.usize(..choices.len())]
    }

    /// A prose paragraph, a title or a lead-in: a line of its own.
    fn paragraph(&mut self, text: &str) {
        self.w.line("", text);
        self.draft.paragraphs += 1;
    }

    fn wrapped_outcome_list(&mut self, bytes: usize) {
        let material = material();
        self.paragraph(self.script.outcome_list);
        for _ in 0..self.w.rng.usize(1..=2) {
            let text = self.w.sentence(&material.prose, 3..8, '。');
            // A wrapped text marks its paragraphs by indenting their first line.
            self.w.wrapped("\u{3000}\u{3000}", &text);
            self.draft.paragraphs += 1;
        }
        let sections = self.w.rng.usize(3..=NUMERALS.len());
        let per_section = bytes.saturating_sub(self.w.out.len()) / sections;
        for (s, numeral) in NUMERALS.iter().take(sections).enumerate() {
            let title = &material.titles[self.w.rng.usize(..material.titles.len())];
            self.w.line(&format!("{numeral}、"), title);
            self.draft.sections += 1;
            let end = if s + 1 == sections {
                bytes
            } else {
                self.w.out.len() + per_section
            };
            let mut item = 0u32;
            loop {
                item += 1;
                self.wrapped_item(item);
                if self.w.out.len() >= end {
                    break;
                }
            }
        }
    }

    /// An item of 2 to 5 clauses, wrapped; some with an amount at the start of a line.
    fn wrapped_item(&mut self, number: u32) {
        let items = &material().items;
        let marker = format!("{number}.");
        let clauses = self.w.rng.usize(2..=5);
        // The first item always has one, so that a small document has one too.
        let amount = self.draft.items == 0 || self.w.rng.f64() < AMOUNTS;
        let amount_at = amount.then(|| self.w.rng.usize(..clauses));
        let mut text = String::new();
        for c in 0..clauses {
            if amount_at == Some(c) {
                self.amount(&mut text, marker.chars().count(), number);
            }
            text.push_str(&items[self.w.rng.usize(..items.len())]);
        }
        end_sentence(&mut text, '；');
        self.w.wrapped(&marker, &text);
        self.draft.items += 1;
        self.draft.wrapped_items.push(text);
    }

    /// Appends to an item's text an amount (`2.5亿美元`) that the wrap puts at a line's start:
    /// hanzi of the sample fill the line before it. Its whole part is often the next item's
    /// number, which only the open sentence before it tells from an item marker.
    fn amount(&mut self, text: &mut String, marker_chars: usize, number: u32) {
        let lead = self.script.amount_lead;
        let before = marker_chars + text.chars().count() + lead.chars().count();
        let fill = (WRAP_WIDTH - before % WRAP_WIDTH) % WRAP_WIDTH;
        let items = &material().items;
        let source = &items[self.w.rng.usize(..items.len())];
        let mut hanzi: Vec<char> = source
            .chars()
            .filter(|c| annotext_parser::is_hanzi(*c))
            .collect();
        if hanzi.is_empty() {
            hanzi.extend(lead.chars());
        }
        text.extend(hanzi.iter().cycle().take(fill));
        text.push_str(lead);
        let whole = if self.w.rng.bool() {
            number + 1
        } else {
            self.w.rng.u32(1..=20)
        };
        let amount = format!(
            "{whole}.{}{}",
            self.w.rng.u32(1..=9),
            self.script.hundred_million
        );
        text.push_str(&amount);
        text.push_str(self.script.amount_tail);
        self.draft.amounts.push(amount);
    }

    fn regulation(&mut self, bytes: usize) {
        let script = self.script;
        let title = format!(
            "{}{}",
            self.pick(&script.bodies),
            self.pick(&script.instruments)
        );
        self.paragraph(&title);
        let note = format!(
            "（{}年{}月{}日{}{}）",
            self.w.rng.u32(2015..=2025),
            self.w.rng.u32(1..=12),
            self.w.rng.u32(1..=28),
            self.pick(&script.adopted_by),
            script.adopted
        );
        self.paragraph(&note);
        let chapters = self.w.rng.usize(3..=10);
        let mut middle = script.chapters.to_vec();
        self.w.rng.shuffle(&mut middle);
        let per_chapter = bytes.saturating_sub(self.w.out.len()) / chapters;
        let mut article = 0u32;
        for c in 1..=chapters {
            let (first, last) = (c == 1, c == chapters);
            let title = if first {
                script.general
            } else if last {
                script.supplementary
            } else {
                middle[c - 2]
            };
            self.w
                .line(&format!("第{}章\u{3000}", chinese_numeral(c as u32)), title);
            self.draft.sections += 1;
            let chapter_end = if last {
                bytes
            } else {
                self.w.out.len() + per_chapter
            };
            let parts = if !first && !last && self.w.rng.f64() < DIVIDED {
                self.w.rng.usize(2..=3)
            } else {
                1
            };
            for p in 1..=parts {
                if parts > 1 {
                    let marker = format!(
                        "第{}{}\u{3000}",
                        chinese_numeral(p as u32),
                        script.subsection
                    );
                    self.w.line(&marker, script.subsections[p - 1]);
                    self.draft.subsections += 1;
                }
                let left = chapter_end.saturating_sub(self.w.out.len());
                let part_end = self.w.out.len() + left / (parts - p + 1);
                loop {
                    article += 1;
                    self.article(article);
                    if self.w.out.len() >= part_end {
                        break;
                    }
                }
            }
        }
    }

    /// An article: one paragraph; or a lead-in and its clauses, some with sub-clauses; some
    /// with further paragraphs. The first article has a further paragraph and the second
    /// clauses, its first with sub-clauses, so that a small document has each.
    fn article(&mut self, number: u32) {
        let material = material();
        let space = if self.w.rng.f64() < ASCII_SPACE {
            ' '
        } else {
            '\u{3000}'
        };
        let marker = format!(
            "第{}{}{space}",
            chinese_numeral(number),
            self.script.article
        );
        self.draft.items += 1;
        let roll = match number {
            1 => WITH_CLAUSES,
            2 => 0.0,
            _ => self.w.rng.f64(),
        };
        if roll < WITH_CLAUSES {
            let lead = if self.w.rng.bool() {
                let script = self.script;
                self.pick(&script.article_lead_ins).to_owned()
            } else {
                self.w.sentence(&material.prose, 1..3, '：')
            };
            self.w.line(&marker, &lead);
            let clauses = self.w.rng.u32(2..=6);
            for k in 1..=clauses {
                let end = if k == clauses { '。' } else { '；' };
                let marker = format!("（{}）", chinese_numeral(k));
                self.draft.clauses += 1;
                if (number == 2 && k == 1) || self.w.rng.f64() < WITH_SUBCLAUSES {
                    let lead = self.w.sentence(&material.items, 1..2, '：');
                    self.w.line(&marker, &lead);
                    let subclauses = self.w.rng.u32(2..=4);
                    for j in 1..=subclauses {
                        let end = if j == subclauses { end } else { '；' };
                        let text = self.w.sentence(&material.items, 1..3, end);
                        self.w.line(&format!("{j}."), &text);
                        self.draft.clauses += 1;
                    }
                } else {
                    let text = self.w.sentence(&material.items, 1..3, end);
                    self.w.line(&marker, &text);
                }
            }
            if self.w.rng.f64() < AFTER_CLAUSES {
                self.further_paragraph();
            }
        } else {
            let text = self.w.sentence(&material.prose, 1..4, '。');
            self.w.line(&marker, &text);
            if roll < WITH_CLAUSES + WITH_PARAGRAPHS {
                for _ in 0..self.w.rng.usize(1..=2) {
                    self.further_paragraph();
                }
            }
        }
    }

    fn further_paragraph(&mut self) {
        let text = self.w.sentence(&material().prose, 1..4, '。');
        self.w.line("", &text);
        self.draft.further += 1;
    }

    fn statement(&mut self, bytes: usize) {
        let script = self.script;
        let title = format!(
            "{}{}{}",
            script.parties,
            self.pick(&script.countries),
            script.statement
        );
        self.paragraph(&title);
        let note = format!(
            "（{}年{}月{}日，{}）",
            self.w.rng.u32(2015..=2025),
            self.w.rng.u32(1..=12),
            self.w.rng.u32(1..=28),
            self.pick(&script.cities)
        );
        self.paragraph(&note);
        // Styles in turn from a drawn one, so that a document of five lists has every style.
        let mut style = self.w.rng.usize(..PointStyle::ALL.len());
        let mut first = true;
        loop {
            let text = self.w.sentence(&material().prose, 2..6, '。');
            self.paragraph(&text);
            if first || self.w.rng.f64() < LISTS {
                self.list(PointStyle::ALL[style]);
                style = (style + 1) % PointStyle::ALL.len();
            }
            first = false;
            if self.w.out.len() >= bytes {
                break;
            }
        }
    }

    /// A lead-in ending in `：` and its 2 to 6 points.
    fn list(&mut self, style: PointStyle) {
        let material = material();
        let lead = if self.w.rng.bool() {
            let script = self.script;
            self.pick(&script.lead_ins).to_owned()
        } else {
            self.w.sentence(&material.prose, 1..3, '：')
        };
        self.paragraph(&lead);
        let points = self.w.rng.u32(2..=6);
        for n in 1..=points {
            let end = if n == points { '。' } else { '；' };
            let text = self.w.sentence(&material.items, 1..3, end);
            self.w.line(&style.marker(n), &text);
            self.draft.points += 1;
        }
    }
}

/// Replaces the closing punctuation of `text` by `end`: a unit of a real text ends its sentence,
/// where the sample's clauses may end in `，`.
fn end_sentence(text: &mut String, end: char) {
    let kept = text
        .trim_end_matches(['，', '；', '。', '、', '：', ',', ';', ':', ' '])
        .len();
    text.truncate(kept);
    text.push(end);
}

impl Writer {
    /// A line: its marker as written, then its text annotated.
    fn line(&mut self, marker: &str, text: &str) {
        self.out.push_str(marker);
        self.annotate(text);
        self.out.push('\n');
    }

    /// A unit hard-wrapped every [`WRAP_WIDTH`] characters of its marker and text, annotations
    /// not counted: an annotation stays on the line of its character.
    fn wrapped(&mut self, marker: &str, text: &str) {
        self.out.push_str(marker);
        let mut column = marker.chars().count();
        for ch in text.chars() {
            if column == WRAP_WIDTH {
                self.out.push('\n');
                column = 0;
            }
            self.annotate_char(ch);
            column += 1;
        }
        self.out.push('\n');
    }

    /// Clauses drawn from `clauses`, as many as a draw in `count`, ending in `end`.
    fn sentence(&mut self, clauses: &[String], count: std::ops::Range<usize>, end: char) -> String {
        let mut text = String::new();
        for _ in 0..self.rng.usize(count) {
            text.push_str(&clauses[self.rng.usize(..clauses.len())]);
        }
        end_sentence(&mut text, end);
        text
    }
}
