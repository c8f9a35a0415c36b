//! The files a run writes: opened when the first batch of documents is ready, fed one batch at
//! a time, and moved into place together at the end. Dropped on an error, they leave no partial
//! file behind (each is written to a temporary file first).

use std::path::PathBuf;

use anyhow::{Context, Result};
use indicatif::ProgressBar;
use rayon::prelude::*;

use annotext_export_csv::{CsvFlavor, CsvTableWriter};
use annotext_export_jsonl::RecordsWriter;
use annotext_export_parquet::ParquetTableWriter;
use annotext_export_pdf::BriefingOptions;
use annotext_export_xlsx::{WorkbookInfo, WorkbookWriter, MAX_DATA_ROWS};
use annotext_parser::Document;
use annotext_transform::{Tables, Totals};

use crate::{Format, RunArgs, Timings};

/// One table file, with the index of its table in [`Tables::named`].
enum TableFile {
    Csv(usize, PathBuf, Box<CsvTableWriter>),
    Parquet(usize, PathBuf, Box<ParquetTableWriter>),
}

/// The outputs of a run, open.
pub struct Outputs<'a> {
    args: &'a RunArgs,
    records: Option<(PathBuf, RecordsWriter)>,
    tables: Vec<TableFile>,
    workbook: Option<WorkbookWriter>,
    briefing: Option<BriefingOptions>,
    briefings: Vec<PathBuf>,
}

/// A batch of documents, parsed and (when a format needs them) turned into tables.
pub struct Batch {
    /// The documents, in input order.
    pub documents: Vec<Document>,
    /// Their tables.
    pub tables: Option<Tables>,
    /// Each document's own tables, in the same order, when briefings are wanted (empty
    /// otherwise); `tables` is these stacked.
    pub document_tables: Vec<Tables>,
}

impl<'a> Outputs<'a> {
    /// Opens every output the run's formats ask for; `first` gives the tables' columns.
    pub fn open(args: &'a RunArgs, first: &Batch, font: Option<Vec<u8>>) -> Result<Outputs<'a>> {
        let wants = |f: Format| args.formats.contains(&f);
        std::fs::create_dir_all(&args.out)
            .with_context(|| format!("cannot create output folder {}", args.out.display()))?;
        let records = match wants(Format::Jsonl) {
            true => {
                let path = args.out.join("records.jsonl");
                Some((path.clone(), RecordsWriter::create(&path)?))
            }
            false => None,
        };
        let flavor = if args.csv_excel {
            CsvFlavor::Excel
        } else {
            CsvFlavor::Plain
        };
        let dir = args.out.join("tables");
        let mut tables = Vec::new();
        if let Some(first) = &first.tables {
            for (t, (name, df)) in first.named().into_iter().enumerate() {
                if wants(Format::Csv) {
                    let path = dir.join(format!("{name}.csv"));
                    let writer = CsvTableWriter::create(&path, df.schema(), flavor)?;
                    tables.push(TableFile::Csv(t, path, Box::new(writer)));
                }
                if wants(Format::Parquet) {
                    let path = dir.join(format!("{name}.parquet"));
                    let writer = ParquetTableWriter::create(&path, df.schema())?;
                    tables.push(TableFile::Parquet(t, path, Box::new(writer)));
                }
            }
        }
        let workbook = match wants(Format::Xlsx) {
            true => Some(WorkbookWriter::new(MAX_DATA_ROWS)?),
            false => None,
        };
        Ok(Outputs {
            args,
            records,
            tables,
            workbook,
            briefing: wants(Format::Pdf).then(|| BriefingOptions {
                title: args.title.clone(),
                font,
                pinyin: args.pinyin,
            }),
            briefings: Vec::new(),
        })
    }

    /// Writes a batch to every output; the outputs are independent and written side by side.
    pub fn append(&mut self, batch: &Batch, timings: &Timings, bar: &ProgressBar) -> Result<()> {
        let Outputs {
            args,
            records,
            tables,
            workbook,
            briefing,
            briefings,
        } = self;
        let (records_done, (tables_done, (workbook_done, briefings_done))) = rayon::join(
            || -> Result<()> {
                if let Some((_, writer)) = records {
                    timings.time("jsonl", || writer.append(&batch.documents))?;
                }
                Ok(())
            },
            || {
                rayon::join(
                    || -> Result<()> {
                        let Some(data) = &batch.tables else {
                            return Ok(());
                        };
                        let named = data.named();
                        tables.par_iter_mut().try_for_each(|file| -> Result<()> {
                            match file {
                                TableFile::Csv(t, _, writer) => {
                                    timings.time("csv", || writer.append(named[*t].1))?
                                }
                                TableFile::Parquet(t, _, writer) => {
                                    timings.time("parquet", || writer.append(named[*t].1))?
                                }
                            }
                            Ok(())
                        })
                    },
                    || {
                        rayon::join(
                            || -> Result<()> {
                                if let (Some(writer), Some(data)) = (workbook, &batch.tables) {
                                    timings.time("xlsx", || writer.append(data))?;
                                }
                                Ok(())
                            },
                            || -> Result<()> {
                                if let Some(options) = briefing {
                                    let written = timings
                                        .time("pdf", || write_briefings(args, batch, options))?;
                                    briefings.extend(written);
                                }
                                Ok(())
                            },
                        )
                    },
                )
            },
        );
        records_done?;
        tables_done?;
        workbook_done?;
        briefings_done?;
        bar.inc(batch.documents.len() as u64);
        Ok(())
    }

    /// Completes every file and moves it into place; returns the files written.
    pub fn finish(
        self,
        totals: &Totals,
        info: &WorkbookInfo,
        timings: &Timings,
    ) -> Result<Vec<PathBuf>> {
        let out = &self.args.out;
        let mut written = Vec::new();
        if let Some((path, writer)) = self.records {
            timings.time("jsonl", || writer.finish())?;
            written.push(path);
        }
        let (tables, workbook) = rayon::join(
            || -> Result<Vec<PathBuf>> {
                self.tables
                    .into_par_iter()
                    .map(|file| -> Result<PathBuf> {
                        Ok(match file {
                            TableFile::Csv(_, path, writer) => {
                                timings.time("csv", || writer.finish())?;
                                path
                            }
                            TableFile::Parquet(_, path, writer) => {
                                timings.time("parquet", || writer.finish())?;
                                path
                            }
                        })
                    })
                    .collect()
            },
            || -> Result<Option<PathBuf>> {
                let Some(writer) = self.workbook else {
                    return Ok(None);
                };
                let path = out.join("workbook.xlsx");
                timings.time("xlsx save", || writer.finish(&path, info, totals))?;
                Ok(Some(path))
            },
        );
        written.extend(tables?);
        written.extend(workbook?);
        written.extend(self.briefings);
        Ok(written)
    }
}

/// One briefing per document of the batch, each from its own tables.
fn write_briefings(
    args: &RunArgs,
    batch: &Batch,
    options: &BriefingOptions,
) -> Result<Vec<PathBuf>> {
    let dir = args.out.join("briefings");
    batch
        .documents
        .par_iter()
        .zip(&batch.document_tables)
        .map(|(doc, tables)| {
            let path = dir.join(format!("{}.pdf", doc.name));
            let briefing = annotext_export_pdf::write_briefing(&path, doc, tables, options)
                .with_context(|| format!("briefing for {}", doc.name))?;
            if !briefing.missing_glyphs.is_empty() && !args.quiet {
                let shown: String = briefing.missing_glyphs.iter().take(12).collect();
                eprintln!(
                    "warning: {}: the font has no glyph for {} character{} ({shown}), drawn as □ \
                     in the briefing (the tables keep them; --font picks another font)",
                    path.display(),
                    briefing.missing_glyphs.len(),
                    if briefing.missing_glyphs.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                );
            }
            Ok(path)
        })
        .collect()
}
