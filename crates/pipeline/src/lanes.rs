//! The files a run writes. Each format is a lane: a thread of its own, opened when the first
//! batch of documents is ready, fed the batches in order, and told at the end to complete its
//! files and move them into place. Dropped on an error, a lane leaves no partial file behind
//! (each file is written to a temporary file first).
//!
//! Lanes run side by side: a slow output (the workbook) no longer holds the fast ones at every
//! batch. Each lane takes a batch only when done with the previous one (the channels hold none
//! ahead), so at most the batch being written and the one being prepared are in memory; the
//! briefings lane alone keeps a few batches in flight (see [`Lanes::start_briefings`]). When
//! the workbook is written, the records lane works last (see [`Lanes::start_records_last`]).
//!
//! Lanes write below a root folder they are given: the run's staging folder
//! ([`annotext_output_set::staging`]), from which the whole set is moved into place at the end. Each file
//! written comes back with its length and digest, for the manifest.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::{Scope, ScopedJoinHandle};

use rayon::prelude::*;

use annotext_atomic_file::WrittenFile;
use annotext_export_csv::{CsvFlavor, CsvTableWriter};
use annotext_export_jsonl::RecordsWriter;
use annotext_export_parquet::ParquetTableWriter;
use annotext_export_pdf::{BriefingFont, BriefingOptions, CorpusBriefingOptions, CorpusDigest};
use annotext_export_xlsx::{WorkbookInfo, WorkbookWriter, MAX_DATA_ROWS};
use annotext_parser::Document;
use annotext_transform::{Tables, Totals};
use polars::prelude::{DataFrame, Schema};

use annotext_output_set::names::shown;
use annotext_output_set::shard::Shard;

use std::io::{Read, Write};

use crate::error::{IoContext, PipelineError, Result, StepContext};
use crate::inputs::Source;
use crate::options::{Format, RunOptions};
use crate::progress::Progress;
use crate::timings::Timings;

/// A batch of documents, parsed and (when a format needs them) turned into tables.
pub struct Batch {
    /// Where each document was read from, with the length and digest of its bytes.
    pub sources: Vec<Source>,
    /// The documents, in input order.
    pub documents: Vec<Document>,
    /// Their tables.
    pub tables: Option<Tables>,
    /// Each document's own tables, in the same order, when briefings are wanted (empty
    /// otherwise); `tables` is these stacked.
    pub document_tables: Vec<Tables>,
}

/// A batch as the lanes share it, with the number of lanes not yet done with it (the last one
/// moves the progress bar on).
struct Fed {
    batch: Batch,
    lanes_left: AtomicUsize,
}

impl Fed {
    /// One lane is done with the batch; the last one moves the progress bar on.
    fn lane_done(&self, progress: &dyn Progress) {
        if self.lanes_left.fetch_sub(1, Ordering::AcqRel) == 1 {
            progress.advance(self.batch.documents.len() as u64);
        }
    }
}

/// What the files need once every batch is written.
pub struct Ending {
    /// The corpus's totals, for the workbook's Summary.
    pub totals: Totals,
    /// Title and subject of the workbook.
    pub info: WorkbookInfo,
}

enum Feed {
    Batch(Arc<Fed>),
    End(Arc<Ending>),
}

/// The open lanes of a run.
pub struct Lanes<'scope> {
    feeds: Vec<SyncSender<Feed>>,
    handles: Vec<ScopedJoinHandle<'scope, Result<Vec<WrittenFile>>>>,
}

impl<'scope> Lanes<'scope> {
    /// Opens every file the run's formats ask for, below `root` (`first` gives the tables'
    /// columns), and starts a lane per format.
    pub fn open<'env>(
        scope: &'scope Scope<'scope, 'env>,
        root: &'env Path,
        args: &'env RunOptions,
        timings: &'env Timings,
        bar: &'env dyn Progress,
        first: &Batch,
        font: Option<BriefingFont>,
    ) -> Result<Lanes<'scope>> {
        let wants = |f: Format| args.formats.contains(&f);
        let mut lanes = Lanes {
            feeds: Vec::new(),
            handles: Vec::new(),
        };
        // Every file is created before any lane starts: a file that cannot be created stops the
        // run before anything is written.
        let records = match wants(Format::Jsonl) {
            true => {
                let path = match args.shard {
                    Some(shard) => root.join(shard.records_part()),
                    None => root.join("records.jsonl"),
                };
                Some(RecordsWriter::create(&path)?)
            }
            false => None,
        };
        let flavor = match args.csv_excel {
            true => CsvFlavor::Excel,
            false => CsvFlavor::Plain,
        };
        let csv = match (wants(Format::Csv), &first.tables) {
            (true, Some(tables)) => Some(table_files(
                root,
                tables,
                "csv",
                args.shard,
                |path, schema| Ok(CsvTableWriter::create(path, schema, flavor)?),
            )?),
            _ => None,
        };
        let parquet = match (wants(Format::Parquet), &first.tables) {
            (true, Some(tables)) => Some(table_files(
                root,
                tables,
                "parquet",
                args.shard,
                |path, schema| Ok(ParquetTableWriter::create(path, schema)?),
            )?),
            _ => None,
        };
        let workbook = match wants(Format::Xlsx) {
            true => Some(WorkbookWriter::new(MAX_DATA_ROWS)?),
            false => None,
        };

        if let Some(writer) = records {
            if wants(Format::Xlsx) {
                lanes.start_records_last(scope, bar, timings, writer, root.join(RECORDS_SPILL));
            } else {
                lanes.start(
                    scope,
                    bar,
                    writer,
                    move |writer, batch| {
                        timings.time("jsonl", || writer.append(&batch.documents))?;
                        Ok(())
                    },
                    move |writer, _| Ok(vec![timings.time("jsonl", || writer.finish())?]),
                );
            }
        }
        if let Some(files) = csv {
            lanes.start_tables(scope, bar, timings, "csv", files);
        }
        if let Some(files) = parquet {
            lanes.start_tables(scope, bar, timings, "parquet", files);
        }
        if let Some(workbook) = workbook {
            let path = root.join(WORKBOOK_NAME);
            lanes.start(
                scope,
                bar,
                workbook,
                move |workbook, batch| {
                    if let Some(tables) = &batch.tables {
                        timings.time("xlsx", || workbook.append(tables))?;
                    }
                    Ok(())
                },
                move |workbook, ending| {
                    let written = timings.time("xlsx save", || {
                        workbook.finish(&path, &ending.info, &ending.totals)
                    })?;
                    Ok(vec![written])
                },
            );
        }
        if wants(Format::Pdf) {
            let options = BriefingOptions {
                title: args.title.clone(),
                font,
                pinyin: args.pinyin,
                page_limit: args.briefing_pages,
                lang: args.lang,
            };
            lanes.start_briefings(scope, root, args, bar, timings, options);
        }
        Ok(lanes)
    }

    /// Starts the briefings lane. A briefing is drawn on one thread, and a batch often holds a
    /// single document: drawn batch after batch, the briefings kept one core busy. So this lane
    /// takes the next batch while the previous ones are still being drawn, with as many batches
    /// in flight as there are threads; each batch counts as done (for the progress bar) when
    /// its briefings are.
    fn start_briefings<'env>(
        &mut self,
        scope: &'scope Scope<'scope, 'env>,
        root: &'env Path,
        args: &'env RunOptions,
        bar: &'env dyn Progress,
        timings: &'env Timings,
        options: BriefingOptions,
    ) where
        'env: 'scope,
    {
        self.spawn(scope, move |fed| {
            let options = Arc::new(options);
            let most = rayon::current_num_threads().max(1);
            // The corpus briefing's figures, gathered batch by batch from the tables.
            let mut corpus = CorpusDigest::default();
            let mut drawing: VecDeque<ScopedJoinHandle<'scope, Result<Vec<WrittenFile>>>> =
                VecDeque::new();
            let mut written = Vec::new();
            let mut collect = |handle: ScopedJoinHandle<'scope, Result<Vec<WrittenFile>>>| {
                let paths = handle
                    .join()
                    .map_err(|_| PipelineError::Lane("a briefing stopped unexpectedly"))??;
                written.extend(paths);
                Result::<()>::Ok(())
            };
            while let Ok(feed) = fed.recv() {
                match feed {
                    Feed::Batch(fed) => {
                        // A shard's documents are a part of the corpus: `combine` writes the
                        // corpus briefing of the whole dataset.
                        if let (Some(tables), None) = (&fed.batch.tables, args.shard) {
                            timings.time("pdf", || corpus.add(tables))?;
                        }
                        // Briefings drawn by now are collected first: one that failed stops
                        // the run before another batch is taken.
                        while let Some(oldest) = drawing.pop_front() {
                            if drawing.len() + 1 < most && !oldest.is_finished() {
                                drawing.push_front(oldest);
                                break;
                            }
                            collect(oldest)?;
                        }
                        let options = Arc::clone(&options);
                        drawing.push_back(scope.spawn(move || {
                            let paths = timings.time("pdf", || {
                                write_briefings(root, args, &fed.batch, &options, bar)
                            })?;
                            fed.lane_done(bar);
                            Ok(paths)
                        }));
                    }
                    Feed::End(_) => {
                        for handle in drawing.drain(..) {
                            collect(handle)?;
                        }
                        if corpus.document_count() >= 2 {
                            let file = timings.time("pdf", || {
                                write_corpus_briefing(&corpus, root, &options, args.lang)
                            })?;
                            written.push(file);
                        }
                        return Ok(written);
                    }
                }
            }
            // The run hung up (another lane failed): let the briefings in flight end.
            for handle in drawing.drain(..) {
                let _ = handle.join();
            }
            Ok(Vec::new())
        });
    }

    /// Starts one lane: `append` is called with each batch, `finish` once at the end.
    fn start<'env, S: Send + 'scope>(
        &mut self,
        scope: &'scope Scope<'scope, 'env>,
        bar: &'env dyn Progress,
        state: S,
        append: impl FnMut(&mut S, &Batch) -> Result<()> + Send + 'scope,
        finish: impl FnOnce(S, &Ending) -> Result<Vec<WrittenFile>> + Send + 'scope,
    ) where
        'env: 'scope,
    {
        self.spawn(scope, move |fed| run_lane(fed, bar, state, append, finish));
    }

    /// Starts a lane's thread, fed through a channel that holds no batch ahead.
    fn spawn<'env>(
        &mut self,
        scope: &'scope Scope<'scope, 'env>,
        lane: impl FnOnce(Receiver<Feed>) -> Result<Vec<WrittenFile>> + Send + 'scope,
    ) {
        let (feed, fed) = sync_channel(0);
        self.feeds.push(feed);
        self.handles.push(scope.spawn(move || lane(fed)));
    }

    /// Starts the records lane for a run that also writes the workbook. The workbook's last
    /// step, compressing it, runs on one core for seconds; the records need nothing the
    /// tables do, so this lane only keeps each batch's texts aside (appended to a spill file in
    /// the staging folder, `spill`) and, at the end, parses them again and writes the records
    /// while the workbook is compressed. One document is in memory at a time. The texts kept
    /// are those the tables were made of: an input that changes or vanishes meanwhile changes
    /// nothing (the inputs are not read a second time).
    fn start_records_last<'env>(
        &mut self,
        scope: &'scope Scope<'scope, 'env>,
        bar: &'env dyn Progress,
        timings: &'env Timings,
        writer: RecordsWriter,
        spill: std::path::PathBuf,
    ) where
        'env: 'scope,
    {
        let kept = Vec::<(String, Option<String>, usize)>::new();
        self.start(
            scope,
            bar,
            (
                writer,
                kept,
                None::<std::io::BufWriter<std::fs::File>>,
                spill,
            ),
            |(_, kept, file, spill), batch| {
                let out = match file {
                    Some(out) => out,
                    None => file.insert(std::io::BufWriter::new(
                        std::fs::File::create(&*spill).at("create", spill)?,
                    )),
                };
                for document in &batch.documents {
                    out.write_all(document.text.as_bytes()).at("write", spill)?;
                    kept.push((
                        document.name.clone(),
                        document.path.clone(),
                        document.text.len(),
                    ));
                }
                Ok(())
            },
            move |(mut writer, kept, file, spill), _| {
                if let Some(file) = file {
                    let file = file
                        .into_inner()
                        .map_err(|e| PipelineError::io("write", &spill, e.into_error()))?;
                    drop(file);
                    let mut texts =
                        std::io::BufReader::new(std::fs::File::open(&spill).at("read", &spill)?);
                    for (name, path, len) in kept {
                        let mut bytes = vec![0; len];
                        texts.read_exact(&mut bytes).at("read", &spill)?;
                        let mut document = timings.time("jsonl", || {
                            annotext_parser::parse_vec(&name, bytes).map_err(|source| {
                                PipelineError::Input {
                                    path: path.clone().unwrap_or_default().into(),
                                    source,
                                }
                            })
                        })?;
                        document.path = path;
                        timings.time("jsonl", || writer.append(std::slice::from_ref(&document)))?;
                    }
                    std::fs::remove_file(&spill).at("remove", &spill)?;
                }
                Ok(vec![timings.time("jsonl", || writer.finish())?])
            },
        );
    }

    /// Starts the lane of one table format: each batch's tables appended to their files, the
    /// files side by side; timed as `stage`.
    fn start_tables<'env, W: TableWriter + 'scope>(
        &mut self,
        scope: &'scope Scope<'scope, 'env>,
        bar: &'env dyn Progress,
        timings: &'env Timings,
        stage: &'static str,
        files: TableFiles<W>,
    ) where
        'env: 'scope,
    {
        self.start(
            scope,
            bar,
            files,
            move |files, batch| {
                let Some(tables) = &batch.tables else {
                    return Ok(());
                };
                let named = tables.named();
                files.par_iter_mut().try_for_each(|(t, _, writer)| {
                    timings.time(stage, || writer.append(named[*t].1))
                })
            },
            move |files, _| {
                files
                    .into_par_iter()
                    .map(|(_, _, writer)| timings.time(stage, || writer.finish()))
                    .collect()
            },
        );
    }

    /// Hands a batch to every lane, waiting for each to be done with the previous one. False
    /// when a lane has stopped on an error: [`Lanes::abort`] then reports it.
    pub fn feed(&self, batch: Batch) -> bool {
        let fed = Arc::new(Fed {
            batch,
            lanes_left: AtomicUsize::new(self.feeds.len()),
        });
        self.feeds
            .iter()
            .all(|feed| feed.send(Feed::Batch(Arc::clone(&fed))).is_ok())
    }

    /// Completes every file and moves it into place; returns the files written, or the first
    /// error a lane met (a lane that failed leaves no file; the others' files are complete).
    pub fn finish(self, ending: Ending) -> Result<Vec<WrittenFile>> {
        let ending = Arc::new(ending);
        for feed in &self.feeds {
            // A lane that stopped on an error has hung up: its error is in its handle.
            let _ = feed.send(Feed::End(Arc::clone(&ending)));
        }
        self.join()
    }

    /// Stops every lane without completing its files (each is discarded), after a lane failed;
    /// returns that lane's error.
    pub fn abort(self) -> PipelineError {
        match self.join() {
            Err(e) => e,
            Ok(_) => PipelineError::Lane("an output stopped before the end of the run"),
        }
    }

    /// Hangs up on the lanes and waits for them; the first error any met, else the files.
    fn join(self) -> Result<Vec<WrittenFile>> {
        let Lanes { feeds, handles } = self;
        drop(feeds);
        let mut written = Vec::new();
        let mut failed = None;
        for handle in handles {
            match handle.join() {
                Ok(Ok(paths)) => written.extend(paths),
                Ok(Err(e)) => {
                    failed.get_or_insert(e);
                }
                Err(_) => {
                    failed.get_or_insert(PipelineError::Lane("an output stopped unexpectedly"));
                }
            }
        }
        match failed {
            Some(e) => Err(e),
            None => Ok(written),
        }
    }
}

/// A lane's loop. It ends on [`Feed::End`], on its first error (its state is dropped, so its
/// files are discarded), or when the run hangs up without ending (another lane failed).
fn run_lane<S>(
    fed: Receiver<Feed>,
    bar: &dyn Progress,
    mut state: S,
    mut append: impl FnMut(&mut S, &Batch) -> Result<()>,
    finish: impl FnOnce(S, &Ending) -> Result<Vec<WrittenFile>>,
) -> Result<Vec<WrittenFile>> {
    while let Ok(feed) = fed.recv() {
        match feed {
            Feed::Batch(batch) => {
                append(&mut state, &batch.batch)?;
                batch.lane_done(bar);
            }
            Feed::End(ending) => return finish(state, &ending),
        }
    }
    Ok(Vec::new())
}

/// One table file per table, with the index of its table in [`Tables::named`] and its name.
type TableFiles<W> = Vec<(usize, String, W)>;

/// One file per table in `root/tables/`, named `<table>.<extension>`, or for a shard its part
/// ([`Shard::table_part`]), each started by `create` from its path and its table's schema
/// (taken from the first batch).
fn table_files<W>(
    root: &Path,
    first: &Tables,
    extension: &str,
    shard: Option<Shard>,
    create: impl Fn(&Path, &Schema) -> Result<W>,
) -> Result<TableFiles<W>> {
    first
        .named()
        .into_iter()
        .enumerate()
        .map(|(t, (name, df))| {
            let path = match shard {
                Some(shard) => root.join(shard.table_part(name, extension)),
                None => root.join("tables").join(format!("{name}.{extension}")),
            };
            let writer = create(&path, df.schema())?;
            Ok((t, name.to_owned(), writer))
        })
        .collect()
}

/// A table file written batch by batch (CSV or Parquet).
trait TableWriter: Send {
    fn append(&mut self, table: &DataFrame) -> Result<()>;
    fn finish(self) -> Result<WrittenFile>;
}

impl TableWriter for CsvTableWriter {
    fn append(&mut self, table: &DataFrame) -> Result<()> {
        Ok(CsvTableWriter::append(self, table)?)
    }
    fn finish(self) -> Result<WrittenFile> {
        Ok(CsvTableWriter::finish(self)?)
    }
}

impl TableWriter for ParquetTableWriter {
    fn append(&mut self, table: &DataFrame) -> Result<()> {
        Ok(ParquetTableWriter::append(self, table)?)
    }
    fn finish(self) -> Result<WrittenFile> {
        Ok(ParquetTableWriter::finish(self)?)
    }
}

/// The workbook's name in the output folder.
pub const WORKBOOK_NAME: &str = "workbook.xlsx";

/// The file in the staging folder where the records lane keeps the texts it writes last.
const RECORDS_SPILL: &str = ".annotext-records-texts.spill";

/// The corpus briefing's file name, beside the workbook.
pub const CORPUS_BRIEFING_NAME: &str = "corpus-briefing.pdf";

/// Writes the corpus briefing of the documents `corpus` gathered into `root`, in the font of
/// the document briefings.
pub fn write_corpus_briefing(
    corpus: &CorpusDigest,
    root: &Path,
    options: &BriefingOptions,
    lang: annotext_export_pdf::Lang,
) -> Result<WrittenFile> {
    let font = match &options.font {
        Some(font) => font.clone(),
        None => BriefingFont::shipped()?,
    };
    let corpus_options = CorpusBriefingOptions { title: None, lang };
    let (_, written) = corpus
        .write(&root.join(CORPUS_BRIEFING_NAME), &corpus_options, &font)
        .step(|| "the corpus briefing".to_owned())?;
    Ok(written)
}

/// One briefing per document of the batch, each from its own tables, in `root/briefings/`.
fn write_briefings(
    root: &Path,
    args: &RunOptions,
    batch: &Batch,
    options: &BriefingOptions,
    progress: &dyn Progress,
) -> Result<Vec<WrittenFile>> {
    let dir = root.join("briefings");
    batch
        .documents
        .par_iter()
        .zip(&batch.document_tables)
        .map(|(doc, tables)| {
            let path = dir.join(format!("{}.pdf", doc.name));
            let (briefing, written) =
                annotext_export_pdf::write_briefing(&path, doc, tables, options)
                    .step(|| format!("briefing for {}", shown(&doc.name)))?;
            if !briefing.missing_glyphs.is_empty() {
                let glyphs: String = briefing.missing_glyphs.iter().take(12).collect();
                progress.warning(&format!(
                    "{}: the font has no glyph for {} character{} ({glyphs}), drawn as □ \
                     in the briefing (the tables keep them; --font picks another font)",
                    // Where the briefing ends up, not where it is staged.
                    shown(args.out.join("briefings").join(format!("{}.pdf", doc.name))),
                    briefing.missing_glyphs.len(),
                    if briefing.missing_glyphs.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                ));
            }
            Ok(written)
        })
        .collect()
}
