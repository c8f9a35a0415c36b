//! `documents`: one row per document, saying what it is: where it came from, its title and
//! script, how much structure and text it has, how much of it is annotated, what is wrong with
//! it, the span of time it speaks of, and its size and content digest.

use annotext_parser::BlockKind;
use polars::prelude::*;

use super::readings::TextCounts;
use super::Frame;
use crate::facts::dates::DateMention;
use crate::facts::script::script_of;
use crate::facts::title::{document_title, title_note};
use crate::facts::DocumentFacts;
use crate::text::u32_of;
use crate::TransformError;

/// `findings`: each document's findings as the anomalies table counts them, (all, errors);
/// `text`: its characters and hanzi, as the readings table counts them.
pub(super) fn documents_table(
    documents: &[DocumentFacts],
    findings: &[(usize, usize)],
    text: &[TextCounts],
) -> Result<DataFrame, TransformError> {
    let (mut doc_id, mut path, mut title, mut script) = (vec![], vec![], vec![], vec![]);
    let (mut sections, mut subsections, mut items, mut paragraphs) =
        (vec![], vec![], vec![], vec![]);
    let (mut clauses, mut points, mut note) = (vec![], vec![], vec![]);
    let (mut characters, mut hanzi, mut annotated, mut coverage) = (vec![], vec![], vec![], vec![]);
    let (mut errors, mut warnings, mut first_date, mut last_date) =
        (vec![], vec![], vec![], vec![]);
    let (mut bytes, mut digest) = (vec![], vec![]);
    for ((facts, &(all, error_count)), text) in documents.iter().zip(findings).zip(text) {
        let doc = facts.doc;
        let (first, last) = date_range(facts.blocks.iter().flat_map(|b| &b.dates));
        doc_id.push(doc.name.as_str());
        path.push(doc.path.as_deref());
        title.push(document_title(doc));
        note.push(title_note(doc).map(|(_, n)| n));
        script.push(script_of(&doc.text).map(|s| s.name()));
        sections.push(u32_of(doc.sections.len()));
        subsections.push(u32_of(doc.subsections.len()));
        items.push(u32_of(
            doc.blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
                .count(),
        ));
        paragraphs.push(u32_of(doc.paragraphs().count()));
        let count =
            |f: fn(&BlockKind) -> bool| u32_of(doc.blocks.iter().filter(|b| f(&b.kind)).count());
        clauses.push(count(|k| matches!(k, BlockKind::Clause { .. })));
        points.push(count(|k| matches!(k, BlockKind::Point { .. })));
        characters.push(text.characters);
        hanzi.push(text.hanzi);
        annotated.push(u32_of(doc.chars.len()));
        coverage.push((text.hanzi > 0).then(|| doc.chars.len() as f64 / f64::from(text.hanzi)));
        errors.push(u32_of(error_count));
        warnings.push(u32_of(all - error_count));
        first_date.push(first);
        last_date.push(last);
        bytes.push(doc.text.len() as u64);
        digest.push(blake3::hash(doc.text.as_bytes()).to_hex().to_string());
    }
    Frame::new("documents")
        .col(Series::new("doc_id".into(), doc_id))
        .col(Series::new("path".into(), path))
        .col(Series::new("title".into(), title))
        .col(Series::new("note".into(), note))
        .category("script", script)?
        .col(Series::new("sections".into(), sections))
        .col(Series::new("subsections".into(), subsections))
        .col(Series::new("items".into(), items))
        .col(Series::new("paragraphs".into(), paragraphs))
        .col(Series::new("clauses".into(), clauses))
        .col(Series::new("points".into(), points))
        .col(Series::new("characters".into(), characters))
        .col(Series::new("hanzi".into(), hanzi))
        .col(Series::new("annotated_hanzi".into(), annotated))
        .col(Series::new("annotation_coverage".into(), coverage))
        .col(Series::new("errors".into(), errors))
        .col(Series::new("warnings".into(), warnings))
        .col(Series::new("first_date".into(), first_date))
        .col(Series::new("last_date".into(), last_date))
        .col(Series::new("bytes".into(), bytes))
        .col(Series::new("content_digest".into(), digest))
        .build()
}

/// The earliest and latest date mentioned, as text: `2024-10-12` with a day, `2020-07` with a
/// month, `2025` without. A year alone is its whole year, a month its whole month: each comes
/// before its parts as the earliest and after them as the latest; a range counts from its first
/// year to its last.
fn date_range<'a>(
    dates: impl Iterator<Item = &'a DateMention>,
) -> (Option<String>, Option<String>) {
    // (year, month, day) to compare, with what is shown.
    type Point = ((u16, u8, u8), (u16, Option<u8>, Option<u8>));
    let mut first: Option<Point> = None;
    let mut last: Option<Point> = None;
    for d in dates {
        let start = (
            (d.year_start, d.month.unwrap_or(0), d.day.unwrap_or(0)),
            (d.year_start, d.month, d.day),
        );
        // A range of days or months ends on its last one.
        let (end_month, end_day) = d.end.map_or((d.month, d.day), |(m, day)| (Some(m), day));
        let end = (
            (d.year_end, end_month.unwrap_or(13), end_day.unwrap_or(32)),
            (d.year_end, end_month, end_day),
        );
        if first.is_none_or(|f| start.0 < f.0) {
            first = Some(start);
        }
        if last.is_none_or(|l| end.0 > l.0) {
            last = Some(end);
        }
    }
    let show = |(_, (year, month, day)): Point| match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    (first.map(show), last.map(show))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(year_start: u16, year_end: u16, month: Option<u8>) -> DateMention {
        DateMention {
            text: String::new(),
            year_start,
            year_end,
            month,
            day: None,
            end: None,
            offset: 0,
        }
    }

    #[test]
    fn the_date_range_runs_from_the_earliest_to_the_latest_mention() {
        let dates = [
            mention(2023, 2023, Some(5)),
            mention(2020, 2020, Some(7)),
            mention(2022, 2025, None),
            mention(2025, 2025, Some(3)),
        ];
        assert_eq!(
            date_range(dates.iter()),
            (Some("2020-07".to_owned()), Some("2025".to_owned()))
        );
        assert_eq!(date_range([].iter()), (None, None));
    }

    #[test]
    fn days_show_and_a_range_of_days_ends_on_its_last() {
        let dates = crate::facts::dates::find_dates("2024年10月12日至14日；2024年10月5日");
        assert_eq!(
            date_range(dates.iter()),
            (Some("2024-10-05".to_owned()), Some("2024-10-14".to_owned()))
        );
    }
}
