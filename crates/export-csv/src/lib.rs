//! CSV export of tables with the `csv` crate: UTF-8, RFC 4180 quoting, a header row, list cells
//! joined with `; `, nulls as empty cells.
//!
//! Two flavours:
//! - [`CsvFlavor::Plain`] keeps every value exactly (for pandas, polars, DuckDB…);
//! - [`CsvFlavor::Excel`] adds a UTF-8 BOM and CRLF line ends so Excel opens Chinese text right,
//!   and neutralises cells a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab,
//!   CR) by prefixing a `'`.

use std::io::{BufWriter, Write};
use std::path::Path;

use annotext_atomic_file::{AtomicFile, AtomicWriteError, DigestingFile, WrittenFile};
use polars::prelude::{DataFrame, Schema};

/// Which consumers the file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvFlavor {
    /// Exact values, LF line ends, no BOM.
    Plain,
    /// BOM, CRLF, formula-looking cells neutralised.
    Excel,
}

use annotext_transform::Cells;
pub use annotext_transform::{cell_text, LIST_SEPARATOR};
use std::fmt::Write as _;

/// Prefixes a `'` to text a spreadsheet would take for a formula.
pub fn neutralise_formula(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// A CSV table being written batch by batch: the header at creation, then the rows of each
/// batch as it comes, so a corpus never has to be in memory at once. Nothing appears at the
/// target path before [`CsvTableWriter::finish`].
pub struct CsvTableWriter {
    file: AtomicFile,
    out: csv::Writer<BufWriter<DigestingFile>>,
    flavor: CsvFlavor,
}

impl CsvTableWriter {
    /// Starts the file with its header row: the schema's column names.
    pub fn create(
        path: &Path,
        schema: &Schema,
        flavor: CsvFlavor,
    ) -> Result<CsvTableWriter, AtomicWriteError> {
        let file = AtomicFile::create(path)?;
        let mut buffered = BufWriter::with_capacity(1 << 20, file.handle()?);
        if flavor == CsvFlavor::Excel {
            buffered
                .write_all("\u{FEFF}".as_bytes())
                .map_err(|e| file.content_error(e))?;
        }
        let terminator = match flavor {
            CsvFlavor::Plain => csv::Terminator::Any(b'\n'),
            CsvFlavor::Excel => csv::Terminator::CRLF,
        };
        // The writer reads a quoted field to its next quote each time its buffer fills: a field
        // of a document written as one line (50 MB) is read again for every buffer's worth,
        // so the buffer is large.
        let mut out = csv::WriterBuilder::new()
            .buffer_capacity(256 * 1024)
            .terminator(terminator)
            .from_writer(buffered);
        out.write_record(schema.iter_names().map(|n| n.as_str()))
            .map_err(|e| file.content_error(e))?;
        Ok(CsvTableWriter { file, out, flavor })
    }

    /// Appends a batch's rows (same columns as the header).
    pub fn append(&mut self, df: &DataFrame) -> Result<(), AtomicWriteError> {
        let error = |e: polars::prelude::PolarsError| self.file.content_error(e);
        let cells = df
            .columns()
            .iter()
            .map(Cells::new)
            .collect::<Result<Vec<_>, _>>()
            .map_err(error)?;
        let mut number = String::new();
        for i in 0..df.height() {
            for column in &cells {
                let owned;
                let text: &str = match column {
                    Cells::Text(ca) => ca.get(i).unwrap_or(""),
                    Cells::Integer(ca) => {
                        number.clear();
                        if let Some(n) = ca.get(i) {
                            let _ = write!(number, "{n}");
                        }
                        &number
                    }
                    Cells::Float(ca) => {
                        number.clear();
                        if let Some(n) = ca.get(i) {
                            // Rust's shortest round-trip form, as `cell_text` gives.
                            let _ = write!(number, "{n}");
                        }
                        &number
                    }
                    Cells::Other(column) => {
                        owned = cell_text(&column.get(i).map_err(error)?);
                        &owned
                    }
                };
                let field = match self.flavor {
                    CsvFlavor::Plain => text.into(),
                    CsvFlavor::Excel => neutralise_formula(text),
                };
                self.out
                    .write_field(field.as_bytes())
                    .map_err(|e| self.file.content_error(e))?;
            }
            self.out
                .write_record(None::<&[u8]>)
                .map_err(|e| self.file.content_error(e))?;
        }
        Ok(())
    }

    /// Flushes the rows and moves the file into place; returns its length and digest.
    pub fn finish(self) -> Result<WrittenFile, AtomicWriteError> {
        let CsvTableWriter { file, out, .. } = self;
        let flushed = out
            .into_inner()
            .map_err(|e| file.content_error(e.into_error()))?;
        flushed
            .into_inner()
            .map_err(|e| file.content_error(e.into_error()))?;
        file.commit()
    }
}

/// Writes a table as CSV to `path`, atomically.
pub fn write_csv(
    path: &Path,
    df: &DataFrame,
    flavor: CsvFlavor,
) -> Result<WrittenFile, AtomicWriteError> {
    let mut writer = CsvTableWriter::create(path, df.schema(), flavor)?;
    writer.append(df)?;
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;

    fn frame() -> DataFrame {
        let list = Series::new(
            "tags".into(),
            vec![
                Series::new("".into(), ["a", "b"]),
                Series::new("".into(), Vec::<&str>::new()),
            ],
        );
        DataFrame::new_infer_height(vec![
            Series::new("text".into(), ["=SUM(A1)", "中國, \"quoted\""]).into_column(),
            Series::new("n".into(), [1u32, 2]).into_column(),
            list.into_column(),
        ])
        .unwrap()
    }

    #[test]
    fn plain_csv_is_exact_and_excel_csv_is_safe() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.csv");
        let excel = dir.path().join("excel.csv");
        write_csv(&plain, &frame(), CsvFlavor::Plain).unwrap();
        write_csv(&excel, &frame(), CsvFlavor::Excel).unwrap();
        assert_eq!(
            std::fs::read_to_string(&plain).unwrap(),
            "text,n,tags\n=SUM(A1),1,a; b\n\"中國, \"\"quoted\"\"\",2,\n"
        );
        assert_eq!(
            std::fs::read_to_string(&excel).unwrap(),
            "\u{FEFF}text,n,tags\r\n'=SUM(A1),1,a; b\r\n\"中國, \"\"quoted\"\"\",2,\r\n"
        );
    }

    #[test]
    fn every_formula_trigger_is_neutralised() {
        for t in ["=1", "+1", "-1", "@x", "\tx", "\rx"] {
            assert!(neutralise_formula(t).starts_with('\''), "{t:?}");
        }
        assert_eq!(neutralise_formula("中國"), "中國");
    }
}
