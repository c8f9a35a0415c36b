//! How a table shows on a sheet: which columns (machine-only ones left to CSV and Parquet), in
//! which order (identifying columns first, frozen), how wide, as which number format, and how
//! tall each row must be for its wrapped text.
//!
//! Row heights are computed here because LibreOffice does not autofit the rows of these files:
//! a row one line high cuts wrapped text off.

use std::ops::Range;

use annotext_transform::cell_text;
use polars::prelude::DataFrame;
use unicode_width::UnicodeWidthChar;

use crate::print::is_for_print;
use crate::{table_error, XlsxExportError};

/// Widest a column gets, in character units; longer text wraps. Kept narrow enough that a
/// table printed one page wide stays legible.
const MAX_WIDTH: f64 = 40.0;
/// Most a header widens its column: a longer header (`readings_not_in_dictionary`) wraps
/// instead of making a column of small numbers wide. Spreadsheets break a header with no space
/// anywhere, mid-word (`subsection|s`, `annotated_ha|nzi` at 10), so headers up to 17
/// characters get their whole width.
const MAX_HEADER_WIDTH: f64 = 20.0;
/// Widest an identifying column gets (ids and labels: wrapped past this).
const MAX_ID_WIDTH: f64 = 20.0;
/// How many rows are measured to size a column (enough to see the typical cell).
const WIDTH_SAMPLE_ROWS: usize = 2_000;
/// Height of one line of text, in points (Calibri 11 and the CJK fallback fonts).
const LINE_POINTS: f64 = 15.0;
/// Excel's tallest row, in points.
const MAX_ROW_POINTS: f64 = 409.0;

/// Columns that identify a row to a reader (document, section, item): shown first, frozen.
const IDENTIFYING: [&str; 7] = [
    "doc_id",
    "section_number",
    "subsection_number",
    "item_number",
    "label",
    "paragraph_number",
    "character",
];

/// Whether only machines read the column (byte offsets, digests): left out of the workbook,
/// kept in the CSV and Parquet.
pub fn is_for_machines(name: &str) -> bool {
    name.starts_with("byte_") || name == "digest" || name.ends_with("_digest")
}

/// Whether the column holds a share shown as a percentage (`annotation_coverage`).
pub fn is_percentage(name: &str) -> bool {
    name.contains("coverage")
}

/// One shown column.
#[derive(Debug, Clone)]
pub(crate) struct ShownColumn {
    /// Index of the column in the table.
    pub(crate) source: usize,
    /// Its header.
    pub(crate) name: String,
    /// Width in character units.
    pub(crate) width: f64,
    /// Shown as a percentage.
    pub(crate) percent: bool,
}

/// How one table shows on each of its sheets.
#[derive(Debug, Clone)]
pub(crate) struct SheetLayout {
    /// The shown columns, in sheet order.
    pub(crate) columns: Vec<ShownColumn>,
    /// How many leading columns are frozen with the header.
    pub(crate) frozen: u16,
    /// How many leading columns are printed ([`is_for_print`]; identifying ones always are).
    pub(crate) printed: u16,
}

impl SheetLayout {
    /// The layout of `df`, columns sized to fit the header and the cells of `rows` (a sample),
    /// capped so long text wraps.
    pub(crate) fn plan(
        name: &str,
        df: &DataFrame,
        rows: Range<usize>,
    ) -> Result<SheetLayout, XlsxExportError> {
        let shown: Vec<usize> = (0..df.width())
            .filter(|&c| !is_for_machines(df.columns()[c].name()))
            .collect();
        // The corpus's entities are identified by their kind and name.
        let ids: &[&str] = match name {
            crate::ENTITIES => &["kind", "name"],
            _ => &IDENTIFYING,
        };
        let identifying = |c: &usize| ids.contains(&df.columns()[*c].name().as_str());
        let printed = |c: &usize| is_for_print(df.columns()[*c].name());
        // Identifying columns, then the others a reader needs on paper, then those for the
        // screen only: printing takes the leading columns (a print area is one range).
        let order: Vec<usize> = shown
            .iter()
            .copied()
            .filter(identifying)
            .chain(
                shown
                    .iter()
                    .copied()
                    .filter(|c| !identifying(c) && printed(c)),
            )
            .chain(
                shown
                    .iter()
                    .copied()
                    .filter(|c| !identifying(c) && !printed(c)),
            )
            .collect();
        let frozen = u16::try_from(shown.iter().filter(|c| identifying(c)).count()).unwrap_or(0);
        let printed = u16::try_from(
            order
                .iter()
                .filter(|c| identifying(c) || printed(c))
                .count(),
        )
        .unwrap_or(0);
        let mut columns = Vec::with_capacity(order.len());
        for source in order {
            let column = &df.columns()[source];
            let header = column.name().as_str();
            // The header's width and room for the filter button, up to a point; but never
            // narrower than its longest word, which would be cut mid-word (`subsection|s`).
            let longest_word = header.split('_').map(text_width).fold(0.0, f64::max);
            let mut width = (text_width(header) + 3.0)
                .min(MAX_HEADER_WIDTH)
                .max(longest_word + 3.0);
            for i in rows.clone().take(WIDTH_SAMPLE_ROWS) {
                let text = cell_text(&column.get(i).map_err(|e| table_error(name, e))?);
                width = width.max(text_width(&text) + 1.0);
            }
            let cap = if ids.contains(&header) {
                MAX_ID_WIDTH
            } else {
                MAX_WIDTH
            };
            let percent = is_percentage(header) && column.dtype().is_float();
            if percent {
                // `100.0%`, whatever the float's digits.
                width = width.max(8.0);
            } else if column.dtype().is_float() {
                width = width.min(14.0);
            }
            columns.push(ShownColumn {
                source,
                name: header.to_owned(),
                width: width.min(cap).max(6.0),
                percent,
            });
        }
        Ok(SheetLayout {
            columns,
            frozen,
            printed,
        })
    }

    /// Lines the header row needs (long headers wrap).
    pub(crate) fn header_lines(&self) -> u32 {
        self.columns
            .iter()
            .map(|c| text_lines(&c.name, c.width - 2.0))
            .max()
            .unwrap_or(1)
    }
}

/// Display width of text in character units (wide CJK characters count two), of its widest
/// line.
pub(crate) fn text_width(text: &str) -> f64 {
    text.lines()
        .map(|line| line.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>())
        .max()
        .unwrap_or(0) as f64
}

/// How many lines `text` takes in a wrapped cell `width` characters wide: breaks where the
/// spreadsheet breaks (after a space or hyphen, around a wide CJK character, at a line break),
/// and a word longer than a line is cut. Wide characters are a little wider than two digits
/// of the default font (2.1), so they are weighed so.
pub(crate) fn text_lines(text: &str, width: f64) -> u32 {
    // Tenths of a character unit: integers, and the cell's padding taken off.
    let max = ((width * 10.0) as u32).saturating_sub(4).max(10);
    // A short text fits without measuring: no character is wider than 2.1 units and a UTF-8
    // character of width 2 takes 3 bytes.
    if (text.len() as u32) * 10 <= max && !text.contains('\n') {
        return 1;
    }
    let mut lines = 1u32;
    let (mut line, mut word) = (0u32, 0u32);
    for ch in text.chars() {
        if ch == '\n' {
            lines += 1;
            (line, word) = (0, 0);
            continue;
        }
        let w = match ch.width().unwrap_or(0) {
            0 => 0,
            1 => 10,
            _ => 21,
        };
        let wide = w > 10;
        if wide {
            // A break is allowed before a wide character.
            word = 0;
        }
        if line + w > max {
            lines += 1;
            if !wide && word > 0 && word < line && word + w <= max {
                // The word moves to the next line whole.
                line = word + w;
                word += w;
            } else {
                (line, word) = (w, w);
            }
        } else {
            line += w;
            word += w;
        }
        if wide || ch == ' ' || ch == '-' {
            // A break is allowed after these.
            word = 0;
        }
    }
    lines
}

/// The height in points of a row of `lines` lines, within Excel's limit.
pub(crate) fn row_points(lines: u32) -> f64 {
    (f64::from(lines) * LINE_POINTS + 2.0).min(MAX_ROW_POINTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_wraps_at_any_character_and_counts_two_units_each() {
        // 30 hanzi are 63 units: two lines at 40 wide, one at 70.
        let text = "中".repeat(30);
        assert_eq!(text_lines(&text, 40.0), 2);
        assert_eq!(text_lines(&text, 70.0), 1);
        assert_eq!(text_lines("short", 10.0), 1);
    }

    #[test]
    fn latin_text_wraps_between_words() {
        // Six words of five letters: 35 units; 12 wide holds two words a line.
        assert_eq!(text_lines("zhong guo zhong guo zhong guo", 12.0), 3);
        assert_eq!(text_lines("a\nb\nc", 40.0), 3);
    }

    #[test]
    fn byte_offsets_and_digests_are_for_machines_only() {
        for name in [
            "byte_start",
            "byte_end",
            "byte_offset",
            "digest",
            "content_digest",
        ] {
            assert!(is_for_machines(name), "{name}");
        }
        for name in ["char_offset", "bytes", "text"] {
            assert!(!is_for_machines(name), "{name}");
        }
    }
}
