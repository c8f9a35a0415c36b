//! Excel workbook of the tables, with `rust_xlsxwriter`, made for reading and printing: a
//! `Summary` sheet ([`summary`]: title, key figures, charts in reading order, the documents of
//! a corpus), then one sheet per table ([`layout`]: identifying columns first and frozen, widths
//! that fit, rows as tall as their wrapped text, percentages as percentages, machine-only
//! columns left out), each set up to print ([`print`]). The `Readings` and `Entities` sheets
//! hold one row per character and per entity across the corpus ([`corpus`]); the per-document
//! and per-mention rows stay in the CSV and Parquet.
//!
//! Text is always written as a string cell, never as a formula. Data sheets use the library's
//! constant-memory mode, and a table longer than a sheet continues on `Items (2)`, `Items (3)`…

mod corpus;
mod layout;
mod print;
mod summary;

use std::borrow::Cow;
use std::path::Path;

use annotext_atomic_file::{write_atomic, AtomicWriteError, WrittenFile};
use annotext_transform::{cell_text, Cells, CorpusEntities, CorpusReadings, Tables, Totals};
use polars::prelude::{AnyValue, DataFrame, PolarsResult};
use rayon::prelude::*;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

pub use layout::{is_for_machines, is_percentage};
pub use print::{is_for_print, SMALLEST_SCALE};
pub use summary::MAX_CHART_BARS;

use layout::{row_points, text_lines, SheetLayout};
use print::{data_print_setup, print_area, PrintPlan};

/// Rows of data a sheet holds below its header (Excel's limit is 1,048,576 rows in all).
pub const MAX_DATA_ROWS: usize = 1_048_575;

/// Zip compression level of the package (1 fastest … 9 smallest).
const ZIP_LEVEL: u8 = 1;

/// Excel's default row height and column width, in pixels (Calibri 11).
const DEFAULT_ROW_PIXELS: u32 = 20;
const DEFAULT_COLUMN_PIXELS: u32 = 64;

/// Rows of a sheet that get a height of their own (the first ones). rust_xlsxwriter keeps each
/// sized row's options (~220 bytes) until the workbook is saved, even in constant-memory mode:
/// sizing every row of a 100 MiB corpus (2.4 million rows) took the run from 170 MB to 1.2 GB.
/// 25,000 rows cost at most ~7 MB a sheet; rows past them keep one line's height.
pub const MAX_SIZED_ROWS: u32 = 25_000;

/// The table whose workbook sheet is the corpus's, one row per character.
const READINGS: &str = "readings";
/// The table whose workbook sheet is the corpus's, one row per entity.
const ENTITIES: &str = "entities";

/// Whether a table's sheet is gathered across the corpus and written at the end, rather than
/// row for row as batches come.
fn is_corpus_wide(table: &str) -> bool {
    table == READINGS || table == ENTITIES
}

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
    /// Title: the document's title, or a description of the corpus.
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

/// The sheets a table has filled so far, and how it shows on them.
struct TableSheets {
    name: &'static str,
    /// Each sheet's index in the workbook and the data rows written to it.
    sheets: Vec<(usize, u32)>,
    /// Planned from the table's first rows (the corpus readings' at the end).
    layout: Option<SheetLayout>,
}

/// Rows of a table to write to one sheet.
struct SheetJob {
    table: usize,
    sheet: usize,
    rows: std::ops::Range<usize>,
    /// Data rows the sheet has already.
    done: u32,
}

/// Cell formats shared by the data sheets.
struct Formats {
    header: Format,
    percent: Format,
}

/// A workbook being written batch by batch: the `Summary` sheet first, filled at the end from
/// the corpus's [`annotext_transform::Totals`]; then one constant-memory sheet per table whose
/// rows are appended as batches come. A table longer than a sheet continues on `Items (2)`…,
/// placed right after the table's earlier sheets. The `readings` and `entities` tables are
/// gathered into one row per character ([`CorpusReadings`]) and per entity
/// ([`CorpusEntities`]) and written at the end.
pub struct WorkbookWriter {
    workbook: Workbook,
    tables: Vec<TableSheets>,
    rows_per_sheet: u32,
    formats: Formats,
    readings: CorpusReadings,
    entities: CorpusEntities,
}

impl WorkbookWriter {
    /// Starts a workbook whose sheets hold `rows_per_sheet` data rows ([`MAX_DATA_ROWS`]).
    pub fn new(rows_per_sheet: usize) -> Result<WorkbookWriter, XlsxExportError> {
        let mut workbook = Workbook::new();
        // Deflate was a third of the time at the default level 6. Measured on a 20 MiB corpus:
        // level 6 11.3 s / 62 MB, level 3 8.2 s / 72 MB, level 1 7.9 s / 100 MB.
        workbook.set_zip_compression_level(ZIP_LEVEL);
        // Wrapped, top-aligned text by default: as the default (style 0) it costs nothing per
        // cell, where a column format put a style on each of millions of cells (a tenth of the
        // sheets' XML). Rows get the height their wrapped text needs (see `layout`).
        workbook.set_default_format(
            &Format::new().set_align(FormatAlign::Top).set_text_wrap(),
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
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::Top)
                    .set_text_wrap(),
                // Top-aligned like every other cell (a column format replaces the default).
                percent: Format::new()
                    .set_num_format("0.0%")
                    .set_align(FormatAlign::Top),
            },
            readings: CorpusReadings::default(),
            entities: CorpusEntities::default(),
        })
    }

    /// Appends a batch's rows to each table's sheets. Sheets are planned first (a table that
    /// overflows its sheet gets the next one), then every sheet is written on its own thread:
    /// the tables' rows are independent and writing them is most of the workbook's cost. The
    /// batch's readings and entities are gathered into the corpus's meanwhile.
    pub fn append(&mut self, tables: &Tables) -> Result<(), XlsxExportError> {
        let named = tables.named();
        let mut jobs: Vec<SheetJob> = Vec::new();
        for (t, (name, df)) in named.into_iter().enumerate() {
            if self.tables.len() <= t {
                // A corpus-wide sheet is laid out at the end, from the gathered rows.
                let layout = if is_corpus_wide(name) {
                    None
                } else {
                    Some(SheetLayout::plan(name, df, 0..df.height())?)
                };
                let index = self.add_sheet(name, layout.as_ref(), 0)?;
                self.tables.push(TableSheets {
                    name,
                    sheets: vec![(index, 0)],
                    layout,
                });
            }
            if !is_corpus_wide(name) {
                jobs.extend(self.plan_jobs(t, df.height())?);
            }
        }
        let cells = named
            .iter()
            .map(|(name, df)| table_cells(name, df))
            .collect::<Result<Vec<_>, _>>()?;
        let WorkbookWriter {
            workbook,
            tables: sheets,
            readings,
            entities,
            ..
        } = self;
        let (gathered, written) = rayon::join(
            || {
                readings
                    .add(&tables.readings)
                    .map_err(|e| table_error(READINGS, e))?;
                entities
                    .add(&tables.entities)
                    .map_err(|e| table_error(ENTITIES, e))
            },
            || {
                workbook
                    .worksheets_mut()
                    .par_iter_mut()
                    .enumerate()
                    .try_for_each(|(index, sheet)| {
                        // A sheet belongs to one table and gets at most one range of a batch.
                        let Some(job) = jobs.iter().find(|j| j.sheet == index) else {
                            return Ok(());
                        };
                        let Some(layout) = &sheets[job.table].layout else {
                            return Ok(());
                        };
                        write_rows(
                            sheet,
                            named[job.table].0,
                            &cells[job.table],
                            layout,
                            job.rows.clone(),
                            job.done,
                        )
                    })
            },
        );
        gathered?;
        written
    }

    /// Plans where `rows` more rows of table `t` go: the rest of its last sheet, then new
    /// sheets as needed.
    fn plan_jobs(&mut self, t: usize, rows: usize) -> Result<Vec<SheetJob>, XlsxExportError> {
        let mut jobs = Vec::new();
        let mut row = 0;
        while row < rows {
            let (mut index, mut used) = *self.tables[t].sheets.last().unwrap_or(&(0, 0));
            if used >= self.rows_per_sheet {
                let part = self.tables[t].sheets.len();
                let layout = self.tables[t].layout.clone();
                index = self.add_sheet(self.tables[t].name, layout.as_ref(), part)?;
                self.tables[t].sheets.push((index, 0));
                used = 0;
            }
            let take = ((self.rows_per_sheet - used) as usize).min(rows - row);
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
        Ok(jobs)
    }

    /// Adds a table's sheet number `part` (from 0), laid out when the layout is known; returns
    /// its index.
    fn add_sheet(
        &mut self,
        name: &str,
        layout: Option<&SheetLayout>,
        part: usize,
    ) -> Result<usize, XlsxExportError> {
        let title = sheet_title(name);
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(if part == 0 {
            title
        } else {
            format!("{title} ({})", part + 1)
        })?;
        if let Some(layout) = layout {
            lay_out(sheet, layout, &self.formats)?;
        }
        Ok(self.workbook.worksheets().len() - 1)
    }

    fn sheet(&mut self, index: usize) -> Result<&mut Worksheet, XlsxExportError> {
        Ok(self.workbook.worksheet_from_index(index)?)
    }

    /// Writes a corpus-wide table (`df`, gathered from every batch) to its sheet(s).
    fn write_corpus_wide(&mut self, name: &str, df: &DataFrame) -> Result<(), XlsxExportError> {
        let Some(t) = self.tables.iter().position(|t| t.name == name) else {
            return Ok(());
        };
        let layout = SheetLayout::plan(name, df, 0..df.height())?;
        let first = self.tables[t].sheets[0].0;
        let formats = Formats {
            header: self.formats.header.clone(),
            percent: self.formats.percent.clone(),
        };
        lay_out(self.sheet(first)?, &layout, &formats)?;
        self.tables[t].layout = Some(layout.clone());
        let cells = table_cells(name, df)?;
        for job in self.plan_jobs(t, df.height())? {
            let sheet = self.sheet(job.sheet)?;
            write_rows(sheet, name, &cells, &layout, job.rows, job.done)?;
        }
        Ok(())
    }

    /// Fills the Summary, the corpus's readings and the filters: the workbook ready to save.
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
        let readings =
            corpus::corpus_readings_table(&self.readings).map_err(|e| table_error(READINGS, e))?;
        self.write_corpus_wide(READINGS, &readings)?;
        let entities =
            corpus::corpus_entities_table(&self.entities).map_err(|e| table_error(ENTITIES, e))?;
        self.write_corpus_wide(ENTITIES, &entities)?;
        let header = self.formats.header.clone();
        summary::write_summary(self.sheet(0)?, totals, info, &header)?;
        let filters: Vec<(usize, u32, u16, Option<PrintPlan>)> = self
            .tables
            .iter()
            .flat_map(|t| {
                let columns = t.layout.as_ref().map_or(0, |l| l.columns.len());
                let columns = u16::try_from(columns).unwrap_or(u16::MAX);
                let plan = t.layout.as_ref().map(PrintPlan::of);
                t.sheets
                    .iter()
                    .map(move |&(i, rows)| (i, rows, columns, plan.clone()))
            })
            .collect();
        for (index, rows, columns, plan) in &filters {
            if *columns > 0 {
                let sheet = self.sheet(*index)?;
                sheet.autofilter(0, 0, *rows, columns - 1)?;
                if let Some(plan) = plan {
                    print_area(sheet, plan, *rows, *columns)?;
                }
            }
        }
        // Continuation sheets were added when their table overflowed, after every table's
        // first sheet: put each table's sheets together (`Items`, `Items (2)`, `Sections`…).
        let order: Vec<usize> = std::iter::once(0)
            .chain(filters.iter().map(|(index, ..)| *index))
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

/// A table's columns made ready for reading row by row.
fn table_cells<'a>(name: &str, df: &'a DataFrame) -> Result<Vec<Cells<'a>>, XlsxExportError> {
    df.columns()
        .iter()
        .map(Cells::new)
        .collect::<PolarsResult<Vec<_>>>()
        .map_err(|e| table_error(name, e))
}

/// The header row, column widths and formats, frozen panes and print setup of a data sheet.
fn lay_out(
    sheet: &mut Worksheet,
    layout: &SheetLayout,
    formats: &Formats,
) -> Result<(), XlsxExportError> {
    for (c, column) in layout.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, &column.name, &formats.header)?;
        sheet.set_column_width(c, column.width)?;
        // Cells carry no format of their own and take their column's: looking a format up for
        // each of millions of cells cost a tenth of the writing time.
        if column.percent {
            sheet.set_column_format(c, &formats.percent)?;
        }
    }
    let lines = layout.header_lines();
    if lines > 1 {
        sheet.set_row_height(0, row_points(lines))?;
    }
    sheet.set_freeze_panes(1, layout.frozen)?;
    data_print_setup(sheet, &PrintPlan::of(layout))?;
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

/// Writes rows `rows` of a table below the `done` data rows the sheet already has, the shown
/// columns in the layout's order, each row as tall as its most wrapped cell.
fn write_rows(
    sheet: &mut Worksheet,
    name: &str,
    cells: &[Cells],
    layout: &SheetLayout,
    rows: std::ops::Range<usize>,
    done: u32,
) -> Result<(), XlsxExportError> {
    for (r, i) in rows.enumerate() {
        let row = done + r as u32 + 1;
        // Rows past the budget keep the default height: their cells are not measured.
        let sized = row <= MAX_SIZED_ROWS;
        let mut lines = 1;
        for (c, shown) in layout.columns.iter().enumerate() {
            let col = c as u16;
            let Some(cells) = cells.get(shown.source) else {
                continue;
            };
            match cells {
                Cells::Text(ca) => {
                    if let Some(text) = ca.get(i) {
                        if sized {
                            lines = lines.max(text_lines(text, shown.width));
                        }
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
                    // Numbers that `Cells` does not read typed (64-bit unsigned counts).
                    AnyValue::UInt64(n) => {
                        sheet.write_number(row, col, n as f64)?;
                    }
                    ref v => {
                        let text = cell_text(v);
                        if sized {
                            lines = lines.max(text_lines(&text, shown.width));
                        }
                        sheet.write_string(row, col, fit_cell(&text))?;
                    }
                },
            }
        }
        // Set once the row's cells are written and before the next row flushes it (constant
        // memory): only rows taller than one line carry a height, within the budget.
        if lines > 1 && sized {
            sheet.set_row_height(row, row_points(lines))?;
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
