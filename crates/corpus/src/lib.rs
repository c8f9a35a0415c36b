//! Generator of realistic annotated documents, for benchmarks and scale tests.
//!
//! Documents are built from the real sentences of the shipped sample (clauses of its prose and
//! items, recombined), laid out as the sample is (prose, `一、` sections, numbered items), and
//! annotated with readings from the `pinyin` crate's dictionary at the sample's rates: about a
//! quarter of the hanzi annotated, a fifth of those repeated (up to six times), a few percent in
//! other spellings (tone marks, tone digits, full-width parentheses). Anomalies appear at low
//! rates (conflicting and invalid readings, unclosed parentheses, numbering gaps), so a parser
//! meets every path it meets on real input.
//!
//! Generation is deterministic: the same seed, index and size give the same text.
//!
//! The other shapes policy texts come in (hard-wrapped lines, regulations, joint statements) are
//! made of the same material in [`policy`]; pathological inputs are in [`shapes`].
//!
//! ```
//! let doc = annotext_corpus::document(7, 0, 20_000);
//! assert!(doc.len() >= 20_000);
//! assert_eq!(doc, annotext_corpus::document(7, 0, 20_000));
//! let parsed = annotext_parser::parse_str("generated", &doc).unwrap();
//! assert!(parsed.sections.len() >= 3);
//! assert!(!parsed.chars.is_empty());
//! ```

pub mod policy;
pub mod shapes;

use std::sync::OnceLock;

use annotext_parser::{BlockKind, Document};
use pinyin::ToPinyin;

pub use policy::{document_of, DocumentShape};

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");

/// Section numerals, as headings write them.
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Rates measured on the sample (648 of ~2,400 hanzi annotated, 120 of them repeated).
const ANNOTATED: f64 = 0.27;
const REPEATED: f64 = 0.185;
/// Rare spellings and faults, per annotation or per item.
const TONE_MARKS: f64 = 0.02;
const TONE_DIGITS: f64 = 0.02;
const FULL_WIDTH: f64 = 0.01;
const CONFLICTING: f64 = 0.001;
const INVALID: f64 = 0.0005;
const UNCLOSED: f64 = 0.0002;
const NUMBERING_GAP: f64 = 0.002;

/// The material documents are made of: the sample's clauses and section titles.
struct Material {
    prose: Vec<String>,
    items: Vec<String>,
    titles: Vec<String>,
}

fn material() -> &'static Material {
    static MATERIAL: OnceLock<Material> = OnceLock::new();
    MATERIAL.get_or_init(|| {
        let doc = annotext_parser::parse_str("sample", SAMPLE)
            .unwrap_or_else(|e| panic!("the shipped sample parses: {e}"));
        let mut prose = Vec::new();
        let mut items = Vec::new();
        for block in &doc.blocks {
            match block.kind {
                BlockKind::Paragraph => prose.extend(clauses(&doc.block_text(block))),
                BlockKind::Item { .. } => items.extend(clauses(&doc.block_text(block))),
                _ => {}
            }
        }
        let titles = doc
            .sections
            .iter()
            .map(|s| doc.block_text(doc.section_heading(s)))
            .collect();
        Material {
            prose,
            items,
            titles,
        }
    })
}

/// A text cut after each `，` `；` `。` `、`, punctuation kept with its clause.
fn clauses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for ch in text.chars() {
        current.push(ch);
        if matches!(ch, '，' | '；' | '。' | ',' | ';') {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// One generated document of at least `bytes` bytes (it ends at the first item past that size).
///
/// `seed` and `index` pick the random stream: documents of one corpus share the seed and differ
/// by index, so they can be generated in parallel and still be reproducible.
pub fn document(seed: u64, index: u64, bytes: usize) -> String {
    let mut writer = Writer::new(seed, index, bytes);
    let material = material();
    writer.paragraph(&material.prose, 2..5);
    let sections = writer.rng.usize(3..=NUMERALS.len());
    let per_section = bytes.saturating_sub(writer.out.len()) / sections;
    for (s, numeral) in NUMERALS.iter().take(sections).enumerate() {
        let title = &material.titles[writer.rng.usize(..material.titles.len())];
        writer.out.push_str(numeral);
        writer.out.push('、');
        writer.annotate(title);
        writer.out.push('\n');
        let section_end = writer.out.len() + per_section;
        let last = s + 1 == sections;
        // Items restart at 1 in every section, as in the sample; at least one item each.
        let mut item = 0u32;
        loop {
            item += 1;
            if writer.rng.f64() < NUMBERING_GAP {
                item += 1;
            }
            writer.item(item, &material.items);
            let done = if last {
                writer.out.len() >= bytes
            } else {
                writer.out.len() >= section_end
            };
            if done {
                break;
            }
        }
    }
    writer.out
}

struct Writer {
    rng: fastrand::Rng,
    out: String,
}

impl Writer {
    /// A writer for document `index` of the corpus of `seed`, about `bytes` long.
    fn new(seed: u64, index: u64, bytes: usize) -> Writer {
        Writer {
            rng: fastrand::Rng::with_seed(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            out: String::with_capacity(bytes + 4096),
        }
    }

    fn paragraph(&mut self, clauses: &[String], count: std::ops::Range<usize>) {
        for _ in 0..self.rng.usize(count) {
            let clause = &clauses[self.rng.usize(..clauses.len())];
            self.annotate(clause);
        }
        self.out.push('\n');
    }

    fn item(&mut self, number: u32, clauses: &[String]) {
        self.out.push_str(&number.to_string());
        self.out.push('.');
        for _ in 0..self.rng.usize(1..4) {
            let clause = &clauses[self.rng.usize(..clauses.len())];
            self.annotate(clause);
        }
        self.out.push('\n');
    }

    /// Writes `text`, annotating hanzi at the sample's rates.
    fn annotate(&mut self, text: &str) {
        for ch in text.chars() {
            self.annotate_char(ch);
        }
    }

    /// Writes `ch`, and its annotations when the draw gives it some.
    fn annotate_char(&mut self, ch: char) {
        self.out.push(ch);
        let Some(pinyin) = ch.to_pinyin() else {
            return;
        };
        if self.rng.f64() >= ANNOTATED {
            return;
        }
        let repeats = if self.rng.f64() < REPEATED {
            // Mostly one or two repeats, rarely up to five (six annotations in all).
            1 + (self.rng.f64() * self.rng.f64() * 5.0) as usize
        } else {
            0
        };
        for _ in 0..=repeats {
            self.annotation(pinyin);
        }
    }

    fn annotation(&mut self, pinyin: pinyin::Pinyin) {
        let roll = self.rng.f64();
        let (open, close) = if self.rng.f64() < FULL_WIDTH {
            ('（', '）')
        } else {
            ('(', ')')
        };
        self.out.push(open);
        if roll < CONFLICTING {
            let other = ['國', '中', '合', '作', '發', '展'][self.rng.usize(..6)];
            let reading = other.to_pinyin().map_or("guo", |p| p.plain());
            self.out.push_str(reading);
        } else if roll < CONFLICTING + INVALID {
            // Syllable-shaped but not a syllable: the annotator's typo.
            self.out.push_str(pinyin.plain());
            self.out.push('q');
        } else if roll < CONFLICTING + INVALID + TONE_MARKS {
            self.out.push_str(pinyin.with_tone());
        } else if roll < CONFLICTING + INVALID + TONE_MARKS + TONE_DIGITS {
            self.out.push_str(pinyin.with_tone_num_end());
        } else {
            self.out.push_str(pinyin.plain());
        }
        if self.rng.f64() >= UNCLOSED {
            self.out.push(close);
        }
    }
}

/// Parses a generated document (for tests and benchmarks that want records, not text).
pub fn parsed(seed: u64, index: u64, bytes: usize) -> Document {
    let text = document(seed, index, bytes);
    annotext_parser::parse_string(&format!("generated-{index}"), text)
        .unwrap_or_else(|e| panic!("a generated document is never empty: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotext_parser::AnomalyKind;

    #[test]
    fn a_large_document_has_the_samples_shape_and_rates() {
        let doc = parsed(1, 0, 2_000_000);
        assert!(doc.text.len() >= 2_000_000);
        assert_eq!(doc.rebuild(), doc.text);
        let hanzi = doc
            .clean_text()
            .chars()
            .filter(|c| annotext_parser::is_hanzi(*c))
            .count();
        let annotated = doc.chars.len() as f64 / hanzi as f64;
        assert!((0.22..0.32).contains(&annotated), "{annotated}");
        let repeated = doc
            .chars
            .iter()
            .filter(|c| c.annotation_count() > 1)
            .count() as f64
            / doc.chars.len() as f64;
        assert!((0.15..0.22).contains(&repeated), "{repeated}");
        assert!(doc.chars.iter().all(|c| c.annotation_count() <= 6));
        for kind in [
            AnomalyKind::RepeatedAnnotation,
            AnomalyKind::ConflictingAnnotation,
            AnomalyKind::InvalidReading,
            AnomalyKind::UnclosedParenthesis,
            AnomalyKind::NumberingGap,
        ] {
            assert!(doc.anomalies.iter().any(|a| a.kind == kind), "{kind}");
        }
        assert!((3..=10).contains(&doc.sections.len()));
    }

    #[test]
    fn documents_differ_by_index_and_repeat_by_seed() {
        assert_ne!(document(1, 0, 5_000), document(1, 1, 5_000));
        assert_eq!(document(2, 3, 5_000), document(2, 3, 5_000));
    }
}
