//! `sections`: one row per section.

use annotext_parser::BlockKind;
use polars::prelude::*;

use super::Frame;
use crate::facts::DocumentFacts;
use crate::text::{char_count, u32_of};
use crate::TransformError;

pub(super) fn sections_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut numeral, mut number, mut title) = (vec![], vec![], vec![], vec![]);
    let (mut items, mut chars, mut first, mut last) = (vec![], vec![], vec![], vec![]);
    let mut subsections = vec![];
    for facts in documents {
        let doc = facts.doc;
        // Each section's last non-blank line, in one pass over the blocks.
        let mut last_lines = vec![None; doc.sections.len()];
        for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Blank) {
            if let Some(slot) = block.section.and_then(|s| last_lines.get_mut(s as usize)) {
                *slot = Some(block.line);
            }
        }
        for (index, section) in doc.sections.iter().enumerate() {
            let heading = doc.section_heading(section);
            doc_id.push(doc.name.as_str());
            numeral.push(section.numeral.as_str());
            number.push(section.number.0);
            title.push(facts.section(Some(index as u32)).1);
            subsections.push(u32_of(section.subsections.len()));
            items.push(u32_of(section.items.len()));
            chars.push(
                section
                    .items
                    .iter()
                    .filter_map(|&i| facts.blocks.get(i as usize))
                    .map(|b| char_count(&b.text))
                    .sum::<u32>(),
            );
            first.push(heading.line);
            last.push(last_lines[index].unwrap_or(heading.line));
        }
    }
    Frame::new("sections")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("numeral".into(), numeral))
        .col(Series::new("section_number".into(), number))
        .col(Series::new("title".into(), title))
        .col(Series::new("subsection_count".into(), subsections))
        .col(Series::new("item_count".into(), items))
        .col(Series::new("char_count".into(), chars))
        .col(Series::new("first_line".into(), first))
        .col(Series::new("last_line".into(), last))
        .build()
}
