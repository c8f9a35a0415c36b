//! `subsections`: one row per subsection (`（一）…`), the level between sections and items.

use polars::prelude::*;

use super::Frame;
use crate::facts::{section_number, DocumentFacts};
use crate::text::u32_of;
use crate::TransformError;

pub(super) fn subsections_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut section, mut numeral, mut number) = (vec![], vec![], vec![], vec![]);
    let (mut title, mut items, mut chars) = (vec![], vec![], vec![]);
    let (mut first, mut last) = (vec![], vec![]);
    let (mut text, mut label) = (vec![], vec![]);
    for facts in documents {
        let doc = facts.doc;
        let last_lines = facts.last_lines(doc.subsections.len(), |b| b.subsection);
        for (index, subsection) in doc.subsections.iter().enumerate() {
            let heading = doc.subsection_heading(subsection);
            doc_id.push(doc.name.as_str());
            section.push(section_number(doc, subsection.section));
            numeral.push(subsection.numeral.as_str());
            number.push(subsection.number.0);
            label.push(facts.blocks[subsection.heading as usize].label.as_str());
            title.push(facts.subsection(Some(index as u32)).1);
            text.push(facts.heading_text(subsection.heading));
            items.push(u32_of(subsection.items.len()));
            chars.push(facts.items_chars(&subsection.items));
            first.push(heading.line);
            last.push(last_lines[index].unwrap_or(heading.line));
        }
    }
    Frame::new("subsections")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("section_number".into(), section))
        .col(Series::new("numeral".into(), numeral))
        .col(Series::new("subsection_number".into(), number))
        .col(Series::new("label".into(), label))
        .col(Series::new("title".into(), title))
        .col(Series::new("item_count".into(), items))
        .col(Series::new("char_count".into(), chars))
        .col(Series::new("first_line".into(), first))
        .col(Series::new("last_line".into(), last))
        .col(Series::new("text".into(), text))
        .build()
}
