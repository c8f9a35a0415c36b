//! Document structure over the scanned lines: sections, their items, and numbering checks.

use crate::anomaly::{Anomaly, AnomalyDetail, AnomalyKind};
use crate::records::{Block, BlockKind, ItemNumber, Position, Section};

/// Groups items under headings and reports numbering gaps, duplicates and restarts.
pub(crate) fn build(
    text: &str,
    blocks: &mut [Block],
    anomalies: &mut Vec<Anomaly>,
) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut last_item: Option<ItemNumber> = None;
    for (index, block) in blocks.iter_mut().enumerate() {
        match block.kind {
            BlockKind::SectionHeading { number } => {
                let expected = ItemNumber(sections.last().map_or(1, |s| s.number.0 + 1));
                check(number, expected, true, block, anomalies);
                let marker = block.marker.map_or(0..0, |m| m.range());
                let numeral = text[marker].trim_end_matches('、').to_owned();
                sections.push(Section {
                    number,
                    numeral,
                    heading: index as u32,
                    items: Vec::new(),
                });
                last_item = None;
            }
            BlockKind::Item { number } => {
                let expected = ItemNumber(last_item.map_or(1, |n| n.0 + 1));
                check(number, expected, false, block, anomalies);
                last_item = Some(number);
                if let Some(section) = sections.last_mut() {
                    section.items.push(index as u32);
                }
            }
            BlockKind::Paragraph | BlockKind::Blank => {}
        }
        block.section = sections.len().checked_sub(1).map(|s| s as u32);
    }
    sections
}

fn check(
    found: ItemNumber,
    expected: ItemNumber,
    section: bool,
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
            section,
            expected,
            found,
        },
    });
}
