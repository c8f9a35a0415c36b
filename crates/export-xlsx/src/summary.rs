//! The `Summary` sheet: the title, the key figures, items per section and per topic (each a
//! table with a native bar chart beside it, in reading order), and for a corpus its documents.

use annotext_transform::{DocumentFigures, Totals};
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFont, ChartType, Format, FormatAlign, Worksheet,
};

use crate::layout::{row_points, text_lines};
use crate::print::print_setup;
use crate::{WorkbookInfo, XlsxExportError};

/// Most bars a chart shows (the table beside it lists every label): more would not leave a
/// readable label each.
pub const MAX_CHART_BARS: usize = 30;
/// Widths of the Summary's columns A…F: labels, then numbers, then a document's title.
const WIDTHS: [f64; 6] = [40.0, 12.0, 12.0, 12.0, 14.0, 50.0];
/// A chart's width, in pixels: within columns D…F, so the chart does not widen the printed
/// page (fitted to one page across, a wider sheet prints smaller).
const CHART_PIXELS: u32 = 560;
/// Size of a chart's labels: 10 pt stays above 6 pt when the Summary is fitted to a page.
const CHART_FONT_POINTS: f64 = 10.0;
/// A bar chart's height per bar and for its title and axis, in pixels.
const BAR_PIXELS: u32 = 24;
const CHART_FRAME_PIXELS: u32 = 90;
/// Height of a default row, in pixels (rows taller than this only give the chart more room).
const ROW_PIXELS: u32 = 20;

/// Writes the Summary.
pub(crate) fn write_summary(
    sheet: &mut Worksheet,
    totals: &Totals,
    info: &WorkbookInfo,
    header: &Format,
) -> Result<(), XlsxExportError> {
    let title = Format::new().set_bold().set_font_size(16);
    let plain = Format::new().set_align(FormatAlign::Top);
    let percent = Format::new().set_num_format("0.0%");
    sheet.write_string_with_format(0, 0, &info.title, &title)?;
    sheet.set_row_height(0, 22)?;
    sheet.write_string_with_format(1, 0, &info.subject, &plain)?;
    for (c, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }

    sheet.write_string_with_format(3, 0, "Key figure", header)?;
    sheet.write_string_with_format(3, 1, "Value", header)?;
    let mut row = 4;
    for (label, value) in totals.key_figures().rows() {
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

    let per_topic = totals.items_per_topic();
    for (title, data) in [
        ("Items per section", totals.items_per_section()),
        ("Items per topic", per_topic.as_slice()),
    ] {
        row += 1;
        row = write_counts(sheet, row, title, data, header)?;
    }

    let documents = totals.documents();
    if documents.len() > 1 {
        row += 1;
        write_documents(sheet, row, documents, header, &percent)?;
    }
    print_setup(sheet)?;
    Ok(())
}

/// A table of (label, items) from `top`, and a bar chart of it beside, bars top-down in the
/// table's order, every label shown; returns the next free row.
fn write_counts(
    sheet: &mut Worksheet,
    top: u32,
    title: &str,
    data: &[(String, f64)],
    header: &Format,
) -> Result<u32, XlsxExportError> {
    sheet.write_string_with_format(top, 0, title, header)?;
    sheet.write_string_with_format(top, 1, "Items", header)?;
    let mut pixels = 0;
    for (i, (label, count)) in data.iter().enumerate() {
        let row = top + 1 + i as u32;
        sheet.write_string(row, 0, label)?;
        sheet.write_number(row, 1, *count)?;
        let lines = text_lines(label, WIDTHS[0]);
        if lines > 1 {
            sheet.set_row_height(row, row_points(lines))?;
        }
        pixels += (row_points(lines) * 4.0 / 3.0) as u32;
    }
    let mut next = top + 1 + data.len() as u32;
    if data.is_empty() {
        return Ok(next);
    }
    let bars = data.len().min(MAX_CHART_BARS) as u32;
    let last = top + bars;
    let mut chart = Chart::new(ChartType::Bar);
    let name = if data.len() > MAX_CHART_BARS {
        format!("{title} (first {MAX_CHART_BARS} of {})", data.len())
    } else {
        title.to_owned()
    };
    chart.title().set_name(&name);
    chart
        .add_series()
        .set_name(title)
        .set_categories(("Summary", top + 1, 0, last, 0))
        .set_values(("Summary", top + 1, 1, last, 1));
    chart.legend().set_hidden();
    // A bar chart draws its first category at the bottom: reversed, the bars read top-down
    // like the table, with the value axis kept below them. Every label shows because each bar
    // gets room for one (LibreOffice skips labels that would overlap; an interval of 1 is the
    // default, which the library does not write out).
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max)
        .set_font(ChartFont::new().set_size(CHART_FONT_POINTS));
    chart
        .x_axis()
        .set_font(ChartFont::new().set_size(CHART_FONT_POINTS));
    let height = CHART_FRAME_PIXELS + BAR_PIXELS * bars;
    chart.set_width(CHART_PIXELS).set_height(height);
    sheet.insert_chart(top, 3, &chart)?;
    // The chart may reach below the table: the next table starts below both.
    let table_pixels = ROW_PIXELS + pixels;
    if height > table_pixels {
        next += (height - table_pixels).div_ceil(ROW_PIXELS);
    }
    Ok(next)
}

/// The corpus's documents, one row each.
fn write_documents(
    sheet: &mut Worksheet,
    top: u32,
    documents: &[DocumentFigures],
    header: &Format,
    percent: &Format,
) -> Result<(), XlsxExportError> {
    for (c, name) in [
        "Document",
        "Sections",
        "Items",
        "Anomalies",
        "Coverage",
        "Title",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(top, c as u16, *name, header)?;
    }
    for (i, doc) in documents.iter().enumerate() {
        let row = top + 1 + i as u32;
        sheet.write_string(row, 0, &doc.doc_id)?;
        sheet.write_number(row, 1, doc.sections as f64)?;
        sheet.write_number(row, 2, doc.items as f64)?;
        sheet.write_number(row, 3, doc.anomalies as f64)?;
        sheet.write_number_with_format(row, 4, doc.coverage(), percent)?;
        sheet.write_string(row, 5, &doc.title)?;
        let lines = text_lines(&doc.doc_id, WIDTHS[0]).max(text_lines(&doc.title, WIDTHS[5]));
        if lines > 1 {
            sheet.set_row_height(row, row_points(lines))?;
        }
    }
    Ok(())
}
