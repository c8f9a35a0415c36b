//! Each shape, parsed: the structure the parser finds is the one that was written.

use annotext_parser::{AnomalyDetail, AnomalyKind, Block, BlockKind, Document};

use super::*;

/// Seeds and sizes every shape is tried at: small, and about 200 KB.
const SEEDS: [u64; 3] = [1, 2, 3];
const SIZES: [usize; 2] = [3_000, 200_000];

fn cases(shape: DocumentShape) -> impl Iterator<Item = (Draft, Document)> {
    SEEDS.into_iter().flat_map(move |seed| {
        SIZES.into_iter().map(move |size| {
            let draft = draft(shape, seed, 0, size);
            let name = format!("{}-{seed}-{size}", shape.name());
            let doc = annotext_parser::parse_str(&name, &draft.text)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (draft, doc)
        })
    })
}

fn numbering(doc: &Document) -> Vec<String> {
    doc.anomalies
        .iter()
        .filter(|a| matches!(a.detail, AnomalyDetail::Numbering { .. }))
        .map(|a| a.message(&doc.text))
        .collect()
}

fn of_kind<'a>(
    doc: &'a Document,
    keep: impl Fn(&BlockKind) -> bool + 'a,
) -> impl Iterator<Item = &'a Block> + 'a {
    doc.blocks.iter().filter(move |b| keep(&b.kind))
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Panics with the first place two long texts differ, not with both texts.
fn assert_same_text(found: &str, expected: &str, name: &str) {
    if found == expected {
        return;
    }
    let at = found
        .chars()
        .zip(expected.chars())
        .position(|(a, b)| a != b)
        .unwrap_or(found.chars().count().min(expected.chars().count()));
    let around =
        |text: &str| -> String { text.chars().skip(at.saturating_sub(30)).take(60).collect() };
    panic!(
        "{name}: texts differ at character {at}:\n found    {}\n expected {}",
        around(found),
        around(expected)
    );
}

#[test]
fn every_shape_keeps_every_character_of_its_text() {
    for shape in DocumentShape::ALL {
        for (_, doc) in cases(shape) {
            assert_eq!(doc.rebuild(), doc.text, "{}", doc.name);
            let units: String = doc
                .blocks
                .iter()
                .map(|b| doc.marker_text(b) + &doc.block_text(b))
                .collect();
            assert_same_text(
                &without_whitespace(&units),
                &without_whitespace(&doc.clean_text()),
                &doc.name,
            );
        }
    }
}

#[test]
fn shapes_have_the_size_asked_for_and_repeat_by_seed() {
    for shape in DocumentShape::ALL {
        assert_eq!(DocumentShape::from_name(shape.name()), Some(shape));
        let text = document_of(shape, 4, 1, 10_000);
        assert!(text.len() >= 10_000, "{}", shape.name());
        assert_eq!(text, document_of(shape, 4, 1, 10_000));
        assert_ne!(text, document_of(shape, 4, 2, 10_000));
    }
    assert_eq!(
        document_of(DocumentShape::OutcomeList, 5, 0, 20_000),
        crate::document(5, 0, 20_000)
    );
}

#[test]
fn a_wrapped_outcome_list_is_joined_into_the_items_it_was_written_as() {
    for (draft, doc) in cases(DocumentShape::Wrapped) {
        let name = &doc.name;
        assert!(numbering(&doc).is_empty(), "{name}: {:?}", numbering(&doc));
        assert!(doc.blocks.iter().any(|b| b.end_line > b.line), "{name}");
        let items: Vec<String> = of_kind(&doc, |k| matches!(k, BlockKind::Item { .. }))
            .map(|b| doc.block_text(b))
            .collect();
        assert_eq!(items.len(), draft.items, "{name}");
        assert!(items.iter().all(|t| !t.contains(['\n', '\r'])), "{name}");
        assert_eq!(doc.sections.len(), draft.sections, "{name}");
        assert_eq!(doc.paragraphs().count(), draft.paragraphs, "{name}");
        // Every amount the wrap put at a line's start is read whole, in an item.
        let all = items.concat();
        for amount in &draft.amounts {
            let planted = draft.amounts.iter().filter(|a| *a == amount).count();
            assert!(
                all.matches(amount.as_str()).count() >= planted,
                "{name}: {amount}"
            );
        }
        let at_line_start = draft
            .amounts
            .iter()
            .filter(|a| doc.text.contains(&format!("\n{a}")))
            .count();
        assert!(!draft.amounts.is_empty(), "{name}");
        assert_eq!(at_line_start, draft.amounts.len(), "{name}");
    }
}

#[test]
fn wrapped_items_read_as_they_were_written() {
    for (draft, doc) in cases(DocumentShape::Wrapped) {
        let items = of_kind(&doc, |k| matches!(k, BlockKind::Item { .. }));
        for (item, written) in items.zip(&draft.wrapped_items) {
            // An annotation left unclosed (a fault the corpus plants) is text to the parser.
            let faulty = doc
                .anomalies_in(item.span)
                .iter()
                .any(|a| a.kind == AnomalyKind::UnclosedParenthesis);
            if !faulty {
                assert_eq!(
                    doc.block_text(item),
                    *written,
                    "{}: line {}",
                    doc.name,
                    item.line
                );
            }
        }
    }
}

#[test]
fn a_parenthesis_wrapped_over_three_lines_is_closed_across_them() {
    // Seed 24 wraps the sample's `(哈薩克斯坦、…土庫曼斯坦)` over lines 3 to 5.
    let text = document_of(DocumentShape::Wrapped, 24, 0, 2_000);
    let doc = annotext_parser::parse_str("wrapped", &text).unwrap();
    let unmatched: Vec<String> = doc
        .anomalies
        .iter()
        .filter(|a| a.kind == AnomalyKind::UnmatchedParenthesis)
        .map(|a| a.message(&text))
        .collect();
    assert!(unmatched.is_empty(), "{unmatched:?}");
}

#[test]
fn a_large_wrapped_outcome_list_has_amounts_that_look_like_the_next_item() {
    let draft = draft(DocumentShape::Wrapped, 1, 0, 200_000);
    assert!(draft.amounts.len() >= 50, "{}", draft.amounts.len());
}

#[test]
fn a_regulation_has_chapters_articles_through_the_document_and_clauses() {
    for (draft, doc) in cases(DocumentShape::Regulation) {
        let name = &doc.name;
        assert!(numbering(&doc).is_empty(), "{name}: {:?}", numbering(&doc));
        let title = doc.block_text(&doc.blocks[0]);
        assert!(
            ["章程", "条例", "條例"].iter().any(|s| title.ends_with(s)),
            "{name}: {title}"
        );
        // Chapters are the sections.
        assert_eq!(doc.sections.len(), draft.sections, "{name}");
        for section in &doc.sections {
            let marker = doc.marker_text(doc.section_heading(section));
            assert!(
                marker.starts_with('第') && marker.ends_with('章'),
                "{marker}"
            );
        }
        assert_eq!(doc.subsections.len(), draft.subsections, "{name}");
        // Articles are numbered 1..n through the document.
        let articles: Vec<u32> = doc
            .blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Item {
                    number,
                    article: true,
                } => Some(number.0),
                _ => None,
            })
            .collect();
        assert_eq!(articles.len(), draft.items, "{name}");
        assert!(
            articles.iter().copied().eq(1..=draft.items as u32),
            "{name}"
        );
        let chapters_items: usize = doc.sections.iter().map(|s| s.items.len()).sum();
        assert_eq!(chapters_items, draft.items, "{name}");
        // Clauses and sub-clauses belong to an article or to a clause of one.
        let clauses: Vec<&Block> =
            of_kind(&doc, |k| matches!(k, BlockKind::Clause { .. })).collect();
        assert!(!clauses.is_empty(), "{name}");
        assert_eq!(clauses.len(), draft.clauses, "{name}");
        for clause in &clauses {
            let parent = clause.parent.map(|p| &doc.blocks[p as usize]);
            assert!(
                matches!(
                    parent.map(|p| p.kind),
                    Some(BlockKind::Item { article: true, .. } | BlockKind::Clause { .. })
                ),
                "{name}: line {}",
                clause.line
            );
            assert!(
                doc.item_of(clause).is_some(),
                "{name}: line {}",
                clause.line
            );
        }
        let subclauses = clauses.iter().filter(|c| {
            c.parent
                .is_some_and(|p| matches!(doc.blocks[p as usize].kind, BlockKind::Clause { .. }))
        });
        assert!(subclauses.count() > 0, "{name}");
        let further = of_kind(&doc, |k| *k == BlockKind::Paragraph)
            .filter(|b| b.parent.is_some())
            .count();
        assert!(further > 0, "{name}");
        assert_eq!(further, draft.further, "{name}");
        assert_eq!(doc.paragraphs().count(), draft.paragraphs, "{name}");
        assert!(doc.blocks.iter().all(|b| b.end_line == b.line), "{name}");
    }
}

#[test]
fn a_regulation_of_over_a_thousand_articles_numbers_them_all() {
    let draft = draft(DocumentShape::Regulation, 1, 0, 600_000);
    assert!(draft.items > 1000, "{}", draft.items);
    let doc = annotext_parser::parse_str("regulation", &draft.text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    let articles = of_kind(&doc, |k| matches!(k, BlockKind::Item { article: true, .. }));
    assert_eq!(articles.count(), draft.items);
}

#[test]
fn a_statement_has_points_under_lead_ins_and_no_sections() {
    for (draft, doc) in cases(DocumentShape::Statement) {
        let name = &doc.name;
        assert!(numbering(&doc).is_empty(), "{name}: {:?}", numbering(&doc));
        let title = doc.block_text(&doc.blocks[0]);
        assert!(
            title.ends_with("联合声明") || title.ends_with("聯合聲明"),
            "{name}: {title}"
        );
        assert!(
            doc.sections.is_empty() && doc.subsections.is_empty(),
            "{name}"
        );
        let points: Vec<&Block> = of_kind(&doc, |k| matches!(k, BlockKind::Point { .. })).collect();
        assert!(!points.is_empty(), "{name}");
        assert_eq!(points.len(), draft.points, "{name}");
        for point in points {
            let lead = point.parent.map(|p| &doc.blocks[p as usize]);
            let lead = lead.map(|l| doc.block_text(l)).unwrap_or_default();
            assert!(lead.ends_with('：'), "{name}: line {}: {lead}", point.line);
        }
        assert_eq!(doc.paragraphs().count(), draft.paragraphs, "{name}");
    }
}

#[test]
fn a_large_statement_has_lists_in_every_style() {
    let text = document_of(DocumentShape::Statement, 2, 0, 200_000);
    for marker in ["\n（1）", "\n1) ", "\n①", "\na) ", "\n（一）"] {
        assert!(text.contains(marker), "{marker}");
    }
}

#[test]
fn numerals_are_written_as_drafting_writes_them() {
    let cases = [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (999, "九百九十九"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10_005, "一万零五"),
        (10_015, "一万零一十五"),
        (120_000_000, "一亿二千万"),
    ];
    for (n, numeral) in cases {
        assert_eq!(chinese_numeral(n), numeral);
    }
}

#[test]
fn the_parser_reads_every_article_number_up_to_the_hundreds() {
    for n in 1..=999 {
        let text = format!("第{}条　甲。\n", chinese_numeral(n));
        let doc = annotext_parser::parse_str("t", &text).unwrap();
        assert_eq!(
            doc.blocks[0].kind,
            BlockKind::Item {
                number: annotext_parser::ItemNumber(n),
                article: true
            },
            "{text}"
        );
    }
}
