//! Print setup: every sheet on A4 landscape with narrow margins, its name and the page number
//! in the footer. A data sheet prints the columns a reader needs (the others, such as line
//! numbers and alternative renderings of the text, stay on screen: [`is_for_print`]), its
//! header row on every page, gridlines, and legible text: fitted to the page's width when
//! that keeps its 11 pt above 6.5 pt, else at [`SMALLEST_SCALE`] over several pages across,
//! a band of rows at a time, the identifying columns repeated on each.
//!
//! Widths are Excel's (Calibri 11: a character unit is 7 pixels). LibreOffice measures them
//! with its own default font, wider by two fifths where Calibri is missing, and scales a
//! fitted sheet down further: the threshold allows for it ([`WIDER_ELSEWHERE`]).

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::layout::SheetLayout;

/// Excel's paper code for A4.
const A4: u8 = 9;
/// A4 landscape's width, in points.
const PAGE_POINTS: f64 = 841.89;
/// Left and right margins, in inches (Excel's default is 0.7).
const SIDE_MARGIN_INCHES: f64 = 0.4;
/// The width a sheet prints on, in points.
const PRINTABLE_POINTS: f64 = PAGE_POINTS - 2.0 * SIDE_MARGIN_INCHES * 72.0;
/// The scale a sheet too wide to fit legibly prints at, over several pages across: 11 pt
/// text prints at 7.7 pt.
pub const SMALLEST_SCALE: u16 = 70;
/// How much wider LibreOffice lays columns out than Excel where Calibri is missing (its
/// default font, DejaVu Sans, is wider): measured 1.41 on the Readings sheet of the sample
/// and the fixtures.
const WIDER_ELSEWHERE: f64 = 1.45;
/// Smallest scale a sheet is fitted to one page across at, in the wider layout: 11 pt text
/// stays 6.6 pt (and at least 8.6 pt in Excel).
const SMALLEST_FIT: f64 = 0.6;
/// Most of the page the repeated identifying columns may take on a sheet printed over several
/// pages across; past it only the first (the document) repeats.
const MOST_REPEATED_SHARE: f64 = 0.3;

/// How a data sheet prints.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PrintPlan {
    /// The leading columns printed (the rest are for the screen).
    pub(crate) columns: u16,
    /// Fitted to one page across; otherwise printed at [`SMALLEST_SCALE`].
    pub(crate) fit_to_width: bool,
    /// The columns repeated at the left of every page, when the sheet is printed across
    /// several pages.
    pub(crate) repeat_columns: Option<(u16, u16)>,
}

/// A column's width in points, from its width in character units (Excel's Calibri 11).
pub(crate) fn column_points(width: f64) -> f64 {
    (width * 7.0 + 5.0).trunc() * 0.75
}

/// Whether a reader needs the column on paper: positions in the source (`line`, `column`,
/// `char_offset`…), the file's path, the rule that found a name, and the text's other
/// renderings (`simplified`, `pinyin`, `annotated_text`, `annotated_readings`: the `text`
/// again, three to five times as long in pinyin, which would double a table's pages) stay on
/// screen, in the CSV and Parquet.
pub fn is_for_print(name: &str) -> bool {
    !matches!(
        name,
        "line"
            | "column"
            | "end_line"
            | "end_column"
            | "first_line"
            | "last_line"
            | "char_offset"
            | "path"
            | "rule"
            | "nested"
            | "simplified"
            | "pinyin"
            | "annotated_text"
            | "annotated_readings"
    )
}

impl PrintPlan {
    /// How the sheet of `layout` prints.
    pub(crate) fn of(layout: &SheetLayout) -> PrintPlan {
        let printed = &layout.columns[..usize::from(layout.printed)];
        let width: f64 = printed.iter().map(|c| column_points(c.width)).sum();
        let smallest = f64::from(SMALLEST_SCALE) / 100.0;
        let fit_to_width = width * WIDER_ELSEWHERE * SMALLEST_FIT <= PRINTABLE_POINTS;
        let repeat_columns = match (fit_to_width, layout.frozen) {
            (true, _) | (false, 0) => None,
            (false, frozen) => {
                let ids: f64 = printed[..usize::from(frozen).min(printed.len())]
                    .iter()
                    .map(|c| column_points(c.width))
                    .sum();
                if ids * smallest <= PRINTABLE_POINTS * MOST_REPEATED_SHARE {
                    Some((0, frozen - 1))
                } else {
                    Some((0, 0))
                }
            }
        };
        PrintPlan {
            columns: layout.printed,
            fit_to_width,
            repeat_columns,
        }
    }
}

/// Sets up `sheet` for printing on A4 landscape, its name and page in the footer; one page
/// wide (the Summary, whose parts are laid out to fit).
pub(crate) fn print_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_margins(SIDE_MARGIN_INCHES, SIDE_MARGIN_INCHES, 0.6, 0.6, 0.3, 0.3);
    // One page wide, as many pages tall as the rows need.
    sheet.set_print_fit_to_pages(1, 0);
    // &A: the sheet's name; &P of &N: the page and the page count.
    sheet.set_footer("&L&A&Rpage &P of &N");
    Ok(())
}

/// Sets up a data sheet for printing as `plan` says, its header row on every page.
pub(crate) fn data_print_setup(sheet: &mut Worksheet, plan: &PrintPlan) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_margins(SIDE_MARGIN_INCHES, SIDE_MARGIN_INCHES, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer("&L&A&Rpage &P of &N");
    sheet.set_repeat_rows(0, 0)?;
    // Cells are not boxed: on paper the grid keeps a row's cells together.
    sheet.set_print_gridlines(true);
    if plan.fit_to_width {
        sheet.set_print_fit_to_pages(1, 0);
    } else {
        sheet.set_print_scale(SMALLEST_SCALE);
        // A band of rows is printed across before the next band: a row's pages follow.
        sheet.set_page_order(false);
        if let Some((first, last)) = plan.repeat_columns {
            sheet.set_repeat_columns(first, last)?;
        }
    }
    Ok(())
}

/// Limits printing to the plan's columns over `rows` data rows and the header, when some
/// columns are for the screen only.
pub(crate) fn print_area(
    sheet: &mut Worksheet,
    plan: &PrintPlan,
    rows: u32,
    columns: u16,
) -> Result<(), XlsxError> {
    if plan.columns > 0 && plan.columns < columns {
        sheet.set_print_area(0, 0, rows, plan.columns - 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::ShownColumn;

    fn layout(widths: &[f64], frozen: u16, printed: u16) -> SheetLayout {
        SheetLayout {
            columns: widths
                .iter()
                .enumerate()
                .map(|(i, &width)| ShownColumn {
                    source: i,
                    name: format!("c{i}"),
                    width,
                    percent: false,
                })
                .collect(),
            frozen,
            printed,
        }
    }

    #[test]
    fn a_table_that_fits_legibly_is_fitted_to_the_page_width() {
        // 6 columns of 20: 6 × 108.75 pt = 652.5 pt, fitted at 100% (83% where columns are
        // laid out 1.45 times wider).
        let plan = PrintPlan::of(&layout(&[20.0; 6], 1, 6));
        assert_eq!(
            plan,
            PrintPlan {
                columns: 6,
                fit_to_width: true,
                repeat_columns: None
            }
        );
    }

    #[test]
    fn a_wide_table_prints_at_the_smallest_scale_with_its_ids_repeated() {
        // Two narrow ids and ten columns of 40: 1,620 pt at 70% is three pages across.
        let mut widths = vec![10.0, 10.0];
        widths.extend([40.0; 10]);
        let plan = PrintPlan::of(&layout(&widths, 2, 12));
        assert!(!plan.fit_to_width);
        assert_eq!(plan.repeat_columns, Some((0, 1)));
        // Identifying columns wider than a third of the page: only the first repeats.
        let plan = PrintPlan::of(&layout(&[40.0; 12], 5, 12));
        assert_eq!(plan.repeat_columns, Some((0, 0)));
    }

    #[test]
    fn screen_columns_do_not_count_toward_the_printed_width() {
        // The same wide table, of which only three columns print: it fits.
        let plan = PrintPlan::of(&layout(&[40.0; 12], 1, 3));
        assert!(plan.fit_to_width);
        assert_eq!(plan.columns, 3);
    }

    #[test]
    fn positions_and_other_renderings_of_the_text_stay_on_screen() {
        for name in [
            "line",
            "end_column",
            "char_offset",
            "pinyin",
            "annotated_text",
        ] {
            assert!(!is_for_print(name), "{name}");
        }
        for name in ["doc_id", "label", "text", "topics", "title", "errors"] {
            assert!(is_for_print(name), "{name}");
        }
    }

    #[test]
    fn excel_widths_convert_to_points() {
        // Excel's default column, 8.43 characters, is 64 pixels: 48 pt.
        assert_eq!(column_points(8.43), 48.0);
    }
}
