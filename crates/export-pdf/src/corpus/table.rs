//! Tables of the corpus briefing: one line per row, cells cut to their column with `…` (so a
//! row's height is known and a list of N rows takes N lines), numbers set right, an optional
//! bar per row, and the header row repeated at the top of every page the table runs onto.

use printpdf::Color;

use crate::{rgb, Composer, Metrics, COLUMN_WIDTH, MARGIN_X};

/// How a column shows its cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Align {
    /// Text, set left and cut to the width.
    Left,
    /// A number, set right.
    Right,
    /// A bar as long as the cell's number over the given largest value.
    Bar(f64),
}

/// One column: its header, its width in points and how it is set.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) header: String,
    pub(super) width: f64,
    pub(super) align: Align,
}

impl Column {
    pub(super) fn new(header: &str, width: f64, align: Align) -> Column {
        Column {
            header: header.to_owned(),
            width,
            align,
        }
    }
}

/// Space between columns, in points.
const PADDING: f64 = 6.0;

/// A table being drawn.
pub(super) struct Table {
    columns: Vec<Column>,
    size: f64,
    /// The page the header was last drawn on.
    header_page: usize,
}

impl Table {
    /// A table of `columns` in text of `size` points. A column of width 0 takes what the others
    /// leave of the text column.
    pub(super) fn new(mut columns: Vec<Column>, size: f64) -> Table {
        let fixed: f64 = columns.iter().map(|c| c.width + PADDING).sum();
        for column in &mut columns {
            if column.width == 0.0 {
                column.width = (COLUMN_WIDTH - fixed).max(40.0);
            }
        }
        Table {
            columns,
            size,
            header_page: 0,
        }
    }

    fn row_height(&self) -> f64 {
        self.size * 1.55
    }

    fn header(&mut self, c: &mut Composer) {
        let h = self.row_height();
        c.y -= h;
        let y = c.y;
        c.rect(
            MARGIN_X,
            y - self.size * 0.35,
            COLUMN_WIDTH,
            h,
            rgb(0.86, 0.9, 0.95),
        );
        let headers: Vec<String> = self.columns.iter().map(|c| c.header.clone()).collect();
        self.cells(c, y, &headers, rgb(0.12, 0.3, 0.47));
        self.header_page = c.pages.len();
    }

    /// Draws a row of cells, in column order; `false` when the page limit is reached and
    /// nothing more is drawn.
    pub(super) fn row(&mut self, c: &mut Composer, cells: &[String]) -> bool {
        let h = self.row_height();
        // A table starts with its header and at least one row on the page.
        if self.header_page == 0 {
            c.ensure(h * 3.0);
        } else {
            c.ensure(h);
        }
        if c.full {
            return false;
        }
        if self.header_page != c.pages.len() {
            self.header(c);
        }
        c.y -= h;
        let y = c.y;
        for (i, column) in self.columns.iter().enumerate() {
            let text = cells.get(i).map_or("", String::as_str);
            if let Align::Bar(max) = column.align {
                let value: f64 = text.parse().unwrap_or(0.0);
                let x = self.x_of(i);
                let w = if max > 0.0 {
                    (column.width * value / max).max(0.5)
                } else {
                    0.0
                };
                c.rect(x, y - 1.0, w, self.size, rgb(0.27, 0.51, 0.71));
            }
        }
        self.cells(c, y, cells, rgb(0.1, 0.1, 0.1));
        true
    }

    fn x_of(&self, index: usize) -> f64 {
        MARGIN_X
            + self.columns[..index]
                .iter()
                .map(|c| c.width + PADDING)
                .sum::<f64>()
    }

    /// The texts of a row (its bars aside), each cut to its column.
    fn cells(&self, c: &mut Composer, y: f64, texts: &[String], color: Color) {
        let metrics = c.metrics;
        for (i, column) in self.columns.iter().enumerate() {
            if matches!(column.align, Align::Bar(_)) {
                continue;
            }
            let x = self.x_of(i);
            let text = texts.get(i).map_or("", String::as_str);
            let fitted = fit(metrics, text, column.width, self.size);
            let x = match column.align {
                Align::Right => x + column.width - metrics.width(&fitted, self.size),
                _ => x,
            };
            c.text_at(x, y, self.size, color.clone(), &fitted);
        }
    }
}

/// `text` cut with `…` to fit `width` points at `size`.
pub(super) fn fit(metrics: &Metrics, text: &str, width: f64, size: f64) -> String {
    if metrics.width(text, size) <= width {
        return text.to_owned();
    }
    let room = width - metrics.width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for ch in text.chars() {
        let w = metrics.width(ch.encode_utf8(&mut [0; 4]), size);
        if used + w > room {
            break;
        }
        used += w;
        out.push(ch);
    }
    out.push('…');
    out
}
