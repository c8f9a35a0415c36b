//! Excel workbook of the tables, with `rust_xlsxwriter`: a `Summary` sheet with key figures and
//! native charts, then one sheet per table, ready to filter (autofilter, frozen styled header,
//! widths that fit Chinese text, wrapped long text, numbers as numbers).
//!
//! Text is always written as a string cell, never as a formula. Data sheets use the library's
//! constant-memory mode, and a table longer than a sheet continues on `Items (2)`, `Items (3)`…

use std::borrow::Cow;
use std::path::Path;

use annotext_atomic_file::{write_atomic, AtomicWriteError};
use annotext_transform::{cell_text, Tables};
use polars::prelude::{
    AnyValue, Column, DataFrame, DataType, Float64Chunked, PolarsResult, StringChunked,
};
use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook,
    Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// Rows of data a sheet holds below its header (Excel's limit is 1,048,576 rows in all).
pub const MAX_DATA_ROWS: usize = 1_048_575;

/// Zip compression level of the package (1 fastest … 9 smallest).
const ZIP_LEVEL: u8 = 3;

/// Widest a column gets, in character units; longer text wraps.
const MAX_WIDTH: f64 = 60.0;
/// How many rows are measured to size a column (enough to see the typical cell).
const WIDTH_SAMPLE_ROWS: usize = 2_000;

/// The workbook could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum XlsxExportError {
    /// rust_xlsxwriter refused something.
    #[error("building the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    /// polars could not give a cell.
    #[error("reading table {table}: {message}")]
    Table {
        /// The table.
        table: String,
        /// polars' message.
        message: String,
    },
    /// Writing the file failed.
    #[error(transparent)]
    Write(#[from] AtomicWriteError),
}

/// What the workbook is about, for the Summary sheet and the document properties.
#[derive(Debug, Clone)]
pub struct WorkbookInfo {
    /// Title, e.g. the document's name.
    pub title: String,
    /// Subject line.
    pub subject: String,
}

/// Sheet name for a table: `items` → `Items`.
fn sheet_title(table: &str) -> String {
    let mut chars = table.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Display width of text in Excel character units (wide CJK characters count two).
fn display_width(text: &str) -> f64 {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64
}

fn is_numeric(dtype: &DataType) -> bool {
    dtype.is_primitive_numeric()
}

/// Writes the workbook to `path`, atomically, streaming the package to disk so memory stays
/// bounded however long the tables are.
pub fn write_workbook(
    path: &Path,
    tables: &Tables,
    info: &WorkbookInfo,
) -> Result<(), XlsxExportError> {
    let mut workbook = build_workbook(tables, info, MAX_DATA_ROWS)?;
    write_atomic(path, |out| workbook.save_to_writer(out))?;
    Ok(())
}

/// The workbook as bytes; `rows_per_sheet` is [`MAX_DATA_ROWS`] except in tests of the split.
pub fn workbook_bytes(
    tables: &Tables,
    info: &WorkbookInfo,
    rows_per_sheet: usize,
) -> Result<Vec<u8>, XlsxExportError> {
    Ok(build_workbook(tables, info, rows_per_sheet)?.save_to_buffer()?)
}

fn build_workbook(
    tables: &Tables,
    info: &WorkbookInfo,
    rows_per_sheet: usize,
) -> Result<Workbook, XlsxExportError> {
    let mut workbook = Workbook::new();
    // Deflate was a third of the time at the default level 6. Measured on a 20 MiB corpus:
    // level 6 11.3 s / 62 MB, level 3 8.2 s / 72 MB, level 1 7.9 s / 100 MB.
    workbook.set_zip_compression_level(ZIP_LEVEL);
    // A fixed creation time: reruns on the same input give the same bytes.
    let created = ExcelDateTime::from_ymd(2023, 5, 19)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&info.title)
            .set_subject(&info.subject)
            .set_author("annotext")
            .set_creation_datetime(&created),
    );
    let header = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x1F4E79))
        .set_align(FormatAlign::Center);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);

    write_summary(workbook.add_worksheet(), tables, info, &header)?;

    for (name, df) in tables.named() {
        let title = sheet_title(name);
        let rows = df.height();
        let chunks = rows.div_ceil(rows_per_sheet.max(1)).max(1);
        for chunk in 0..chunks {
            let sheet = workbook.add_worksheet_with_constant_memory()?;
            sheet.set_name(if chunk == 0 {
                title.clone()
            } else {
                format!("{title} ({})", chunk + 1)
            })?;
            let from = chunk * rows_per_sheet;
            let to = rows.min(from + rows_per_sheet);
            write_table(sheet, name, df, from..to, &header, &wrap, &top)?;
        }
    }
    Ok(workbook)
}

fn write_summary(
    sheet: &mut Worksheet,
    tables: &Tables,
    info: &WorkbookInfo,
    header: &Format,
) -> Result<(), XlsxExportError> {
    sheet.set_name("Summary")?;
    let bold = Format::new().set_bold().set_font_size(16);
    sheet.write_string_with_format(0, 0, &info.title, &bold)?;
    sheet.write_string(1, 0, &info.subject)?;
    sheet.write_string_with_format(3, 0, "Key figure", header)?;
    sheet.write_string_with_format(3, 1, "Value", header)?;
    let figures = tables.key_figures();
    let percent = Format::new().set_num_format("0.0%");
    let mut row = 4;
    for (label, value) in figures.rows() {
        sheet.write_string(row, 0, label)?;
        if let Some(p) = value.strip_suffix('%').and_then(|p| p.parse::<f64>().ok()) {
            sheet.write_number_with_format(row, 1, p / 100.0, &percent)?;
        } else if let Ok(n) = value.parse::<f64>() {
            sheet.write_number(row, 1, n)?;
        } else {
            sheet.write_string(row, 1, &value)?;
        }
        row += 1;
    }
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 14)?;

    // Chart data sits in columns D:E and G:H, beside the charts' anchors.
    let per_section = Tables::counts(&tables.sections, "title", "item_count");
    let per_topic = Tables::counts(&tables.topics, "topic", "item_count");
    let mut next_row = row + 2;
    for (col, title, data) in [
        (3u16, "Items per section", &per_section),
        (6u16, "Items per topic", &per_topic),
    ] {
        sheet.write_string_with_format(3, col, title, header)?;
        sheet.write_string_with_format(3, col + 1, "Items", header)?;
        for (i, (label, count)) in data.iter().enumerate() {
            sheet.write_string(4 + i as u32, col, label)?;
            sheet.write_number(4 + i as u32, col + 1, *count)?;
        }
        sheet.set_column_width(col, 30)?;
        if data.is_empty() {
            continue;
        }
        let last = 4 + data.len() as u32 - 1;
        let mut chart = Chart::new(ChartType::Bar);
        chart.title().set_name(title);
        chart
            .add_series()
            .set_name(title)
            .set_categories(("Summary", 4, col, last, col))
            .set_values(("Summary", 4, col + 1, last, col + 1));
        chart.legend().set_hidden();
        sheet.insert_chart(next_row, 0, &chart)?;
        next_row += 18;
    }
    Ok(())
}

/// Excel's limit on the text of one cell, in characters.
const MAX_CELL_CHARS: usize = 32_767;
/// What ends a cut cell, so nobody mistakes it for the whole value.
const CUT_MARK: &str = "…[cut at Excel's cell limit; full value in the CSV and Parquet]";

/// A cell's text, cut to Excel's limit when longer (a topic listing thousands of items of a
/// large corpus can be): Excel refuses longer cells, and a whole workbook should not fail for it.
pub fn fit_cell(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_CELL_CHARS || text.chars().count() <= MAX_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let keep = MAX_CELL_CHARS - CUT_MARK.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(CUT_MARK);
    Cow::Owned(cut)
}

/// A column made ready for reading row by row: text and numbers straight from their arrays,
/// without building a dynamic value (and a `String`) for every cell.
enum Cells<'a> {
    Text(StringChunked),
    Number(Float64Chunked),
    Other(&'a Column),
}

impl<'a> Cells<'a> {
    fn new(column: &'a Column) -> PolarsResult<Cells<'a>> {
        Ok(match column.dtype() {
            DataType::String => Cells::Text(column.str()?.clone()),
            DataType::Categorical(..) => {
                Cells::Text(column.cast(&DataType::String)?.str()?.clone())
            }
            dtype if is_numeric(dtype) => {
                Cells::Number(column.cast(&DataType::Float64)?.f64()?.clone())
            }
            _ => Cells::Other(column),
        })
    }
}

fn write_table(
    sheet: &mut Worksheet,
    name: &str,
    df: &DataFrame,
    rows: std::ops::Range<usize>,
    header: &Format,
    wrap: &Format,
    top: &Format,
) -> Result<(), XlsxExportError> {
    let table_error = |e: polars::prelude::PolarsError| XlsxExportError::Table {
        table: name.to_owned(),
        message: e.to_string(),
    };
    // Widths first: constant-memory sheets write rows as they go.
    let mut wrapped = Vec::new();
    for (c, column) in df.columns().iter().enumerate() {
        let mut width = display_width(column.name()) + 2.0;
        for i in rows.clone().take(WIDTH_SAMPLE_ROWS) {
            let text = cell_text(&column.get(i).map_err(table_error)?);
            width = width.max(display_width(&text) + 1.0);
        }
        wrapped.push(width > MAX_WIDTH);
        sheet.set_column_width(c as u16, width.min(MAX_WIDTH))?;
        // Cells carry no format of their own and take their column's: looking a format up for
        // each of millions of cells cost a tenth of the writing time.
        sheet.set_column_format(c as u16, if width > MAX_WIDTH { wrap } else { top })?;
    }
    for (c, column) in df.columns().iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, column.name().as_str(), header)?;
    }
    let cells = df
        .columns()
        .iter()
        .map(Cells::new)
        .collect::<PolarsResult<Vec<_>>>()
        .map_err(table_error)?;
    for (r, i) in rows.clone().enumerate() {
        let row = r as u32 + 1;
        for (c, cells) in cells.iter().enumerate() {
            let col = c as u16;
            match cells {
                Cells::Text(ca) => {
                    if let Some(text) = ca.get(i) {
                        sheet.write_string(row, col, fit_cell(text))?;
                    }
                }
                Cells::Number(ca) => {
                    if let Some(n) = ca.get(i) {
                        sheet.write_number(row, col, n)?;
                    }
                }
                Cells::Other(column) => match column.get(i).map_err(table_error)? {
                    AnyValue::Null => {}
                    AnyValue::Boolean(b) => {
                        sheet.write_boolean(row, col, b)?;
                    }
                    ref v => {
                        sheet.write_string(row, col, fit_cell(&cell_text(v)))?;
                    }
                },
            }
        }
    }
    let last_row = rows.len() as u32;
    let last_col = df.width().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_over_excels_limit_is_cut_and_says_so() {
        let long = "中".repeat(40_000);
        let fitted = fit_cell(&long);
        assert_eq!(fitted.chars().count(), MAX_CELL_CHARS);
        assert!(fitted.ends_with(CUT_MARK));
        let short = "短".repeat(MAX_CELL_CHARS);
        assert_eq!(fit_cell(&short), short);
    }
}
