//! `entities`: one row per entity mention.

use std::borrow::Cow;

use annotext_parser::BlockKind;
use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::Frame;
use crate::facts::script::{fold, simplified};
use crate::facts::{section_number, DocumentFacts};
use crate::text::char_count;
use crate::TransformError;

pub(super) fn entities_table(documents: &[DocumentFacts]) -> Result<DataFrame, TransformError> {
    // Columns sized up front: grown row by row, each was copied a dozen times over.
    let rows: usize = documents
        .iter()
        .flat_map(|f| &f.blocks)
        .map(|b| b.entities.len())
        .sum();
    let mut doc_id = Vec::with_capacity(rows);
    let mut kind = Vec::with_capacity(rows);
    let mut text_col = Vec::with_capacity(rows);
    let mut rule = Vec::with_capacity(rows);
    let mut canonical = Vec::with_capacity(rows);
    let mut section = Vec::with_capacity(rows);
    let mut item = Vec::with_capacity(rows);
    let mut line = Vec::with_capacity(rows);
    let mut offset = Vec::with_capacity(rows);
    let mut nested_col = Vec::with_capacity(rows);
    for facts in documents {
        for (block, found) in facts.blocks() {
            // Every unit of text; a clause or a point counts under the item it belongs to.
            let number = match block.kind {
                BlockKind::Blank => continue,
                _ => facts.doc.item_of(block).and_then(|i| match i.kind {
                    BlockKind::Item { number, .. } => Some(number.0),
                    _ => None,
                }),
            };
            let text = facts.text_of(found);
            let sec_no = section_number(facts.doc, block.section);
            // Mentions come sorted by offset: characters are counted on from the last one, so a
            // huge block (a 50 MB line) costs one pass, not one per mention.
            let mut counted = (0usize, 0u32);
            let inside = nested(&found.entities);
            // Lines of a hard-wrapped unit: each mention on the line it was written on.
            let line_starts = if found.entities.is_empty() {
                Vec::new()
            } else {
                facts.doc.block_line_starts(block)
            };
            for (m, inside) in found.entities.iter().zip(inside) {
                nested_col.push(inside);
                let from = if m.offset >= counted.0 {
                    counted
                } else {
                    (0, 0)
                };
                counted = (m.offset, from.1 + char_count(&text[from.0..m.offset]));
                doc_id.push(facts.doc.name.as_str());
                kind.push(m.kind);
                text_col.push(m.text(text));
                canonical.push(m.full_name(text));
                rule.push(m.rule);
                section.push(sec_no);
                item.push(number);
                line.push(annotext_parser::line_at(block, &line_starts, m.offset));
                offset.push(counted.1);
            }
        }
    }
    // Names recur across a corpus: each distinct one is converted once, and each mention looks
    // its text up once (the index of its conversion).
    let (converted, which) = once_per_distinct(&text_col, |t| Cow::Owned(simplified(t)));
    let simp: Vec<&str> = which.iter().map(|&i| converted[i].as_ref()).collect();
    // The key to group mentions by: the full name folded character by character, the same
    // whichever script or short form the text uses (phrase-level conversion may differ).
    let (folded, which) = once_per_distinct(&canonical, fold);
    let name: Vec<&str> = which.iter().map(|&i| folded[i].as_ref()).collect();
    Frame::new("entities")
        .col(Series::new("doc_id".into(), doc_id))
        .category("kind", kind)?
        .col(Series::new("text".into(), text_col))
        .col(Series::new("simplified".into(), simp))
        .col(Series::new("name".into(), name))
        .col(Series::new("rule".into(), rule))
        .col(Series::new("section_number".into(), section))
        .col(Series::new("item_number".into(), item))
        .col(Series::new("line".into(), line))
        .col(Series::new("char_offset".into(), offset))
        .col(Series::new("nested".into(), nested_col))
        .build()
}

/// For each mention of a block, whether it lies inside a longer one (`中国` in the mechanism
/// `中国—海合会能源合作对话机制`, a name in a 《》 title): the reader counts the longer one; the
/// table keeps both and says which is inside. Dates contain nothing.
fn nested(mentions: &[crate::facts::entities::Mention]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| {
        let r = &mentions[i].text;
        (r.start, std::cmp::Reverse(r.end))
    });
    let mut inside = vec![false; mentions.len()];
    let mut reach = 0;
    for i in order {
        let m = &mentions[i];
        if m.text.end <= reach {
            inside[i] = true;
        }
        if m.kind != "date" {
            reach = reach.max(m.text.end);
        }
    }
    inside
}

/// `convert` of each distinct text, and for each text the index of its own among them.
fn once_per_distinct<'a>(
    texts: &[&'a str],
    convert: impl Fn(&'a str) -> Cow<'a, str>,
) -> (Vec<Cow<'a, str>>, Vec<usize>) {
    let mut index: HashMap<&str, usize> = HashMap::default();
    let mut values = Vec::new();
    let which = texts
        .iter()
        .map(|&t| {
            *index.entry(t).or_insert_with(|| {
                values.push(convert(t));
                values.len() - 1
            })
        })
        .collect();
    (values, which)
}
