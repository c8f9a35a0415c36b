//! `sections`: one row per section.

use polars::prelude::*;

use super::Frame;
use crate::facts::DocumentFacts;
use crate::text::u32_of;
use crate::TransformError;

pub(super) fn sections_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut numeral, mut number, mut title) = (vec![], vec![], vec![], vec![]);
    let (mut items, mut chars, mut first, mut last) = (vec![], vec![], vec![], vec![]);
    let mut subsections = vec![];
    let (mut text, mut label) = (vec![], vec![]);
    for facts in documents {
        let doc = facts.doc;
        let last_lines = facts.last_lines(doc.sections.len(), |b| b.section);
        for (index, section) in doc.sections.iter().enumerate() {
            let heading = doc.section_heading(section);
            doc_id.push(doc.name.as_str());
            numeral.push(section.numeral.as_str());
            number.push(section.number.0);
            label.push(facts.blocks[section.heading as usize].label.as_str());
            title.push(facts.section(Some(index as u32)).1);
            text.push(facts.heading_text(section.heading));
            subsections.push(u32_of(section.subsections.len()));
            items.push(u32_of(section.items.len()));
            chars.push(facts.items_chars(&section.items));
            first.push(heading.line);
            last.push(last_lines[index].unwrap_or(heading.line));
        }
    }
    Frame::new("sections")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("numeral".into(), numeral))
        .col(Series::new("section_number".into(), number))
        .col(Series::new("label".into(), label))
        .col(Series::new("title".into(), title))
        .col(Series::new("subsection_count".into(), subsections))
        .col(Series::new("item_count".into(), items))
        .col(Series::new("char_count".into(), chars))
        .col(Series::new("first_line".into(), first))
        .col(Series::new("last_line".into(), last))
        .col(Series::new("text".into(), text))
        .build()
}
