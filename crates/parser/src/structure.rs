//! Document structure over the scanned lines: sections, their subsections and items, and
//! numbering checks per level.
//!
//! Three levels are numbered: sections (`一、`), subsections (`（一）`) and items (`1.`). Each
//! level counts on within the level above it: subsections start at 1 under each section, items
//! under each section and each subsection, so a restart there is no anomaly.

use crate::anomaly::{Anomaly, AnomalyDetail, AnomalyKind, NumberingLevel};
use crate::records::{
    Block, BlockKind, ItemNumber, Position, Section, Segment, SegmentKind, Subsection,
};

/// The headings found over the blocks.
pub(crate) struct Structure {
    pub sections: Vec<Section>,
    pub subsections: Vec<Subsection>,
}

/// Groups items under headings and reports numbering gaps, duplicates and restarts.
pub(crate) fn build(
    text: &str,
    segments: &[Segment],
    blocks: &mut [Block],
    anomalies: &mut Vec<Anomaly>,
) -> Structure {
    let mut sections: Vec<Section> = Vec::new();
    let mut subsections: Vec<Subsection> = Vec::new();
    // The current subsection, while the blocks are still in it.
    let mut open_subsection: Option<u32> = None;
    let mut last_subsection: Option<ItemNumber> = None;
    let mut last_item: Option<ItemNumber> = None;
    for (index, block) in blocks.iter_mut().enumerate() {
        let index = index as u32;
        match block.kind {
            BlockKind::SectionHeading { number } => {
                let expected = ItemNumber(sections.last().map_or(1, |s| s.number.0 + 1));
                check(number, expected, NumberingLevel::Section, block, anomalies);
                sections.push(Section {
                    number,
                    numeral: numeral(text, segments, block),
                    heading: index,
                    items: Vec::new(),
                    subsections: Vec::new(),
                });
                open_subsection = None;
                last_subsection = None;
                last_item = None;
            }
            BlockKind::SubsectionHeading { number } => {
                let expected = ItemNumber(last_subsection.map_or(1, |n| n.0 + 1));
                check(
                    number,
                    expected,
                    NumberingLevel::Subsection,
                    block,
                    anomalies,
                );
                let section = sections.len().checked_sub(1).map(|s| s as u32);
                let id = subsections.len() as u32;
                subsections.push(Subsection {
                    number,
                    numeral: numeral(text, segments, block),
                    section,
                    heading: index,
                    items: Vec::new(),
                });
                if let Some(section) = sections.last_mut() {
                    section.subsections.push(id);
                }
                open_subsection = Some(id);
                last_subsection = Some(number);
                last_item = None;
            }
            BlockKind::Item { number } => {
                let expected = ItemNumber(last_item.map_or(1, |n| n.0 + 1));
                check(number, expected, NumberingLevel::Item, block, anomalies);
                last_item = Some(number);
                if let Some(section) = sections.last_mut() {
                    section.items.push(index);
                }
                if let Some(sub) = open_subsection.and_then(|s| subsections.get_mut(s as usize)) {
                    sub.items.push(index);
                }
            }
            BlockKind::Paragraph | BlockKind::Blank => {}
        }
        block.section = sections.len().checked_sub(1).map(|s| s as u32);
        block.subsection = open_subsection;
    }
    Structure {
        sections,
        subsections,
    }
}

/// A heading's numeral as written, from its marker's clean text: annotations, spaces, the
/// parentheses and the `、` left out (`一(yī)、` → `一`, `（十二）` → `十二`).
fn numeral(text: &str, segments: &[Segment], block: &Block) -> String {
    let Some(marker) = block.marker else {
        return String::new();
    };
    let range = block.segments.start as usize..block.segments.end as usize;
    segments
        .get(range)
        .unwrap_or_default()
        .iter()
        .filter(|s| s.kind == SegmentKind::Marker && marker.contains(s.span))
        .flat_map(|s| text[s.span.range()].chars())
        .filter(|c| !c.is_whitespace() && !"、．.（）()".contains(*c))
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
