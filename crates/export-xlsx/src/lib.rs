//! Excel workbook of the tables, with `rust_xlsxwriter`: a `Summary` sheet with key figures and
//! native charts, then one sheet per table, ready to filter (autofilter, frozen styled header,
//! widths that fit Chinese text, wrapped long text, numbers as numbers).
//!
//! Text is always written as a string cell, never as a formula. Data sheets use the library's
//! constant-memory mode, and a table longer than a sheet continues on `Items (2)`, `Items (3)`…

use std::borrow::Cow;
use std::path::Path;

use annotext_atomic_file::{write_atomic, AtomicWriteError, WrittenFile};
use annotext_transform::{cell_text, Cells, Tables, Totals};
use polars::prelude::{AnyValue, DataFrame, PolarsResult};
use rayon::prelude::*;
use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook,
    Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// Rows of data a sheet holds below its header (Excel's limit is 1,048,576 rows in all).
pub const MAX_DATA_ROWS: usize = 1_048_575;

/// Zip compression level of the package (1 fastest … 9 smallest).
const ZIP_LEVEL: u8 = 1;

/// Excel's default row height and column width, in pixels (Calibri 11).
const DEFAULT_ROW_PIXELS: u32 = 20;
const DEFAULT_COLUMN_PIXELS: u32 = 64;

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

/// Writes the workbook to `path`, atomically, streaming the package to disk so memory stays
/// bounded however long the tables are.
pub fn write_workbook(
    path: &Path,
    tables: &Tables,
    info: &WorkbookInfo,
) -> Result<WrittenFile, XlsxExportError> {
    let mut workbook = WorkbookWriter::new(MAX_DATA_ROWS)?;
    workbook.append(tables)?;
    workbook.finish(path, info, &tables.totals())
}

/// The workbook as bytes; `rows_per_sheet` is [`MAX_DATA_ROWS`] except in tests of the split.
pub fn workbook_bytes(
    tables: &Tables,
    info: &WorkbookInfo,
    rows_per_sheet: usize,
) -> Result<Vec<u8>, XlsxExportError> {
    let mut workbook = WorkbookWriter::new(rows_per_sheet)?;
    workbook.append(tables)?;
    let mut done = workbook.complete(info, &tables.totals())?;
    Ok(done.save_to_buffer()?)
}

/// The sheets a table has filled so far.
struct TableSheets {
    /// Each sheet's index in the workbook and the data rows written to it.
    sheets: Vec<(usize, u32)>,
    columns: u16,
}

/// Rows of a batch's table to write to one sheet.
struct SheetJob {
    table: usize,
    sheet: usize,
    rows: std::ops::Range<usize>,
    /// Data rows the sheet has already (none: these rows set its column widths).
    done: u32,
}

/// Cell formats shared by the data sheets.
struct Formats {
    header: Format,
    wrap: Format,
}

/// A workbook being written batch by batch: the `Summary` sheet first, filled at the end from
/// the corpus's [`annotext_transform::Totals`]; then one constant-memory sheet per table whose
/// rows are appended as batches come. A table longer than a sheet continues on `Items (2)`…,
/// placed right after the table's earlier sheets.
pub struct WorkbookWriter {
    workbook: Workbook,
    tables: Vec<TableSheets>,
    rows_per_sheet: u32,
    formats: Formats,
}

impl WorkbookWriter {
    /// Starts a workbook whose sheets hold `rows_per_sheet` data rows ([`MAX_DATA_ROWS`]).
    pub fn new(rows_per_sheet: usize) -> Result<WorkbookWriter, XlsxExportError> {
        let mut workbook = Workbook::new();
        // Deflate was a third of the time at the default level 6. Measured on a 20 MiB corpus:
        // level 6 11.3 s / 62 MB, level 3 8.2 s / 72 MB, level 1 7.9 s / 100 MB.
        workbook.set_zip_compression_level(ZIP_LEVEL);
        // Top-aligned text by default, so a row made tall by a wrapped cell reads from the top:
        // as the default (style 0) it costs nothing per cell, where a column format put a style
        // on each of millions of cells (a tenth of the sheets' XML).
        workbook.set_default_format(
            &Format::new().set_align(FormatAlign::Top),
            DEFAULT_ROW_PIXELS,
            DEFAULT_COLUMN_PIXELS,
        )?;
        workbook.add_worksheet().set_name("Summary")?;
        Ok(WorkbookWriter {
            workbook,
            tables: Vec::new(),
            rows_per_sheet: u32::try_from(rows_per_sheet.clamp(1, MAX_DATA_ROWS))
                .unwrap_or(u32::MAX),
            formats: Formats {
                header: Format::new()
                    .set_bold()
                    .set_font_color(Color::White)
                    .set_background_color(Color::RGB(0x1F4E79))
                    .set_align(FormatAlign::Center),
                wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            },
        })
    }

    /// Appends a batch's rows to each table's sheets. Sheets are planned first (a table that
    /// overflows its sheet gets the next one), then every sheet is written on its own thread:
    /// the tables' rows are independent and writing them is most of the workbook's cost.
    pub fn append(&mut self, tables: &Tables) -> Result<(), XlsxExportError> {
        let named = tables.named();
        let mut jobs: Vec<SheetJob> = Vec::new();
        for (t, (name, df)) in named.into_iter().enumerate() {
            if self.tables.len() <= t {
                let index = self.add_sheet(name, df, 0)?;
                self.tables.push(TableSheets {
                    sheets: vec![(index, 0)],
                    columns: u16::try_from(df.width()).unwrap_or(u16::MAX),
                });
            }
            let mut row = 0;
            while row < df.height() {
                let (mut index, mut used) = *self.tables[t].sheets.last().unwrap_or(&(0, 0));
                if used >= self.rows_per_sheet {
                    let part = self.tables[t].sheets.len();
                    index = self.add_sheet(name, df, part)?;
                    self.tables[t].sheets.push((index, 0));
                    used = 0;
                }
                let take = ((self.rows_per_sheet - used) as usize).min(df.height() - row);
                jobs.push(SheetJob {
                    table: t,
                    sheet: index,
                    rows: row..row + take,
                    done: used,
                });
                if let Some(last) = self.tables[t].sheets.last_mut() {
                    last.1 += take as u32;
                }
                row += take;
            }
        }
        let cells = named
            .iter()
            .map(|(name, df)| {
                df.columns()
                    .iter()
                    .map(Cells::new)
                    .collect::<PolarsResult<Vec<_>>>()
                    .map_err(|e| table_error(name, e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let formats = &self.formats;
        self.workbook
            .worksheets_mut()
            .par_iter_mut()
            .enumerate()
            .try_for_each(|(index, sheet)| {
                // A sheet belongs to one table and gets at most one range of a batch.
                let Some(job) = jobs.iter().find(|j| j.sheet == index) else {
                    return Ok(());
                };
                let (name, df) = named[job.table];
                if job.done == 0 {
                    size_columns(sheet, name, df, job.rows.clone(), formats)?;
                }
                write_rows(sheet, name, &cells[job.table], job.rows.clone(), job.done)
            })
    }

    /// Adds a table's sheet number `part` (from 0) with its header row; returns its index.
    fn add_sheet(
        &mut self,
        name: &str,
        df: &DataFrame,
        part: usize,
    ) -> Result<usize, XlsxExportError> {
        let title = sheet_title(name);
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(if part == 0 {
            title
        } else {
            format!("{title} ({})", part + 1)
        })?;
        for (c, column) in df.columns().iter().enumerate() {
            sheet.write_string_with_format(
                0,
                c as u16,
                column.name().as_str(),
                &self.formats.header,
            )?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(self.workbook.worksheets().len() - 1)
    }

    fn sheet(&mut self, index: usize) -> Result<&mut Worksheet, XlsxExportError> {
        Ok(self.workbook.worksheet_from_index(index)?)
    }

    /// Fills the Summary and the filters: the workbook ready to save.
    fn complete(
        mut self,
        info: &WorkbookInfo,
        totals: &Totals,
    ) -> Result<Workbook, XlsxExportError> {
        // A fixed creation time: reruns on the same input give the same bytes.
        let created = ExcelDateTime::from_ymd(2023, 5, 19)?;
        self.workbook.set_properties(
            &DocProperties::new()
                .set_title(&info.title)
                .set_subject(&info.subject)
                .set_author("annotext")
                .set_creation_datetime(&created),
        );
        let header = self.formats.header.clone();
        write_summary(self.sheet(0)?, totals, info, &header)?;
        let filters: Vec<(usize, u32, u16)> = self
            .tables
            .iter()
            .flat_map(|t| t.sheets.iter().map(|&(i, rows)| (i, rows, t.columns)))
            .collect();
        for &(index, rows, columns) in &filters {
            self.sheet(index)?
                .autofilter(0, 0, rows, columns.saturating_sub(1))?;
        }
        // Continuation sheets were added when their table overflowed, after every table's
        // first sheet: put each table's sheets together (`Items`, `Items (2)`, `Sections`…).
        let order: Vec<usize> = std::iter::once(0)
            .chain(filters.iter().map(|&(index, ..)| index))
            .collect();
        let sheets = self.workbook.worksheets_mut();
        let mut slots: Vec<Option<Worksheet>> = sheets.drain(..).map(Some).collect();
        for index in order {
            if let Some(sheet) = slots.get_mut(index).and_then(Option::take) {
                sheets.push(sheet);
            }
        }
        // Nothing is left over: every sheet is the Summary or a table's.
        sheets.extend(slots.into_iter().flatten());
        Ok(self.workbook)
    }

    /// Completes the workbook and writes it to `path`, atomically; returns its length and
    /// digest.
    pub fn finish(
        self,
        path: &Path,
        info: &WorkbookInfo,
        totals: &Totals,
    ) -> Result<WrittenFile, XlsxExportError> {
        let mut workbook = self.complete(info, totals)?;
        Ok(write_atomic(path, |out| workbook.save_to_writer(out))?)
    }
}

fn table_error(table: &str, e: polars::prelude::PolarsError) -> XlsxExportError {
    XlsxExportError::Table {
        table: table.to_owned(),
        message: e.to_string(),
    }
}

/// Column widths that fit the first rows, and long text wrapped.
fn size_columns(
    sheet: &mut Worksheet,
    name: &str,
    df: &DataFrame,
    rows: std::ops::Range<usize>,
    formats: &Formats,
) -> Result<(), XlsxExportError> {
    for (c, column) in df.columns().iter().enumerate() {
        let mut width = display_width(column.name()) + 2.0;
        for i in rows.clone().take(WIDTH_SAMPLE_ROWS) {
            let text = cell_text(&column.get(i).map_err(|e| table_error(name, e))?);
            width = width.max(display_width(&text) + 1.0);
        }
        sheet.set_column_width(c as u16, width.min(MAX_WIDTH))?;
        // Cells carry no format of their own and take their column's: looking a format up for
        // each of millions of cells cost a tenth of the writing time.
        if width > MAX_WIDTH {
            sheet.set_column_format(c as u16, &formats.wrap)?;
        }
    }
    Ok(())
}

fn write_summary(
    sheet: &mut Worksheet,
    totals: &Totals,
    info: &WorkbookInfo,
    header: &Format,
) -> Result<(), XlsxExportError> {
    let bold = Format::new().set_bold().set_font_size(16);
    sheet.write_string_with_format(0, 0, &info.title, &bold)?;
    sheet.write_string(1, 0, &info.subject)?;
    sheet.write_string_with_format(3, 0, "Key figure", header)?;
    sheet.write_string_with_format(3, 1, "Value", header)?;
    let figures = totals.key_figures();
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
    let per_section = totals.items_per_section();
    let per_topic = totals.items_per_topic();
    let mut next_row = row + 2;
    for (col, title, data) in [
        (3u16, "Items per section", per_section),
        (6u16, "Items per topic", per_topic),
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

/// Writes rows `rows` of a batch below the `done` data rows the sheet already has.
fn write_rows(
    sheet: &mut Worksheet,
    name: &str,
    cells: &[Cells],
    rows: std::ops::Range<usize>,
    done: u32,
) -> Result<(), XlsxExportError> {
    for (r, i) in rows.enumerate() {
        let row = done + r as u32 + 1;
        for (c, cells) in cells.iter().enumerate() {
            let col = c as u16;
            match cells {
                Cells::Text(ca) => {
                    if let Some(text) = ca.get(i) {
                        sheet.write_string(row, col, fit_cell(text))?;
                    }
                }
                Cells::Integer(ca) => {
                    if let Some(n) = ca.get(i) {
                        sheet.write_number(row, col, n as f64)?;
                    }
                }
                Cells::Float(ca) => {
                    if let Some(n) = ca.get(i) {
                        sheet.write_number(row, col, n)?;
                    }
                }
                Cells::Other(column) => match column.get(i).map_err(|e| table_error(name, e))? {
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
