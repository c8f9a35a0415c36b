//! `annotext combine DIR`: the corpus-level outputs of a dataset that shards wrote. The shards'
//! markers are checked first (one sharding, every shard finished, the same inputs listed and
//! the same options), then each table's Parquet parts are checked against the markers (length
//! and digest) and the workbook is written batch by batch, as a single run writes it: each
//! batch's rows read from every part (a slice of each, the parts' documents being in input
//! order) and put back in input order. Same Summary, key figures, corpus readings and rows; only
//! a batch is in memory at a time.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use polars::prelude::{DataFrame, DataType, IdxCa, IdxSize, ParquetReader, SerReader};
use rayon::prelude::*;

use annotext_atomic_file::{write_bytes_atomic, Digest, WrittenFile};
use annotext_export_xlsx::{WorkbookWriter, MAX_DATA_ROWS};
use annotext_transform::{Tables, Totals, TABLE_COUNT, TABLE_NAMES};

use annotext_output_set::dataset::{Dataset, Marker};
use annotext_output_set::folder::{path_through, Folder};
use annotext_output_set::lock::{FolderLock, LOCK_NAME};
use annotext_output_set::manifest::MANIFEST_NAME;
use annotext_output_set::names::shown;
use annotext_output_set::shard::Shard;
use annotext_output_set::staging;

use annotext_export_pdf::{BriefingFont, BriefingOptions, CorpusDigest};

use crate::batches::cut_batches;
use crate::error::{IoContext, PipelineError, Result, StepContext};
use crate::lanes::{write_corpus_briefing, CORPUS_BRIEFING_NAME, WORKBOOK_NAME};
use crate::progress::Progress;
use crate::run::{workbook_info, workbook_title};
use crate::timings::Timings;

/// Each document's rows in a part: (its position among the inputs, rows), in the part's order.
type Runs = Vec<(usize, usize)>;

/// One Parquet part of a table, read a slice at a time: its rows are grouped by document, and
/// its documents are in input order, so the rows of a batch of documents (consecutive in input
/// order) are the part's next rows. Only a batch is in memory at a time, whatever the size of
/// the dataset.
struct Part {
    /// The part, opened once: a shard run again meanwhile renames a new file over the path,
    /// and this one is still the file that was checked.
    file: File,
    path: PathBuf,
    /// (document position, rows), in the part's order.
    runs: Runs,
    next_run: usize,
    /// Rows read so far.
    cursor: usize,
}

impl Part {
    /// Opens a part, checks it against its shard's marker and reads its documents' runs.
    fn open(
        folder: &Folder,
        dataset: &Dataset,
        marker: &Marker,
        table: &str,
        positions: &HashMap<&str, usize>,
    ) -> Result<Part> {
        let shard =
            Shard::new(marker.shard.index, marker.shard.count).map_err(PipelineError::Refused)?;
        let relative = shard.table_part(table, "parquet");
        let entry = marker
            .manifest
            .outputs
            .iter()
            .find(|e| e.path == relative)
            .ok_or_else(|| {
                PipelineError::Refused(format!("{} lists no {relative}", shown(&marker.path)))
            })?;
        let path = dataset.dir.join(&relative);
        // Through the folder's handle, following no link: a part is read only from inside.
        let file = folder.open_regular(Path::new(&relative))?.ok_or_else(|| {
            PipelineError::Refused(format!(
                "{} is missing or not a regular file: run shard {}/{} again",
                shown(&path),
                marker.shard.index,
                marker.shard.count
            ))
        })?;
        let mut hasher = blake3::Hasher::new();
        let bytes = std::io::copy(&mut &file, &mut hasher).at("read", &path)?;
        let digest = Digest::from_hex(&hasher.finalize().to_hex());
        if bytes != entry.bytes || digest.is_none() || digest != entry.digest() {
            return Err(PipelineError::Refused(format!(
                "{} changed since its shard finished (its length or digest differs from {}): \
                 run shard {}/{} again",
                shown(&path),
                shown(&marker.path),
                marker.shard.index,
                marker.shard.count
            )));
        }
        let ids = read_parquet(&file, &path, Some(vec!["doc_id".to_owned()]), None)?;
        let ids = ids
            .column("doc_id")
            .step(|| format!("{} has no doc_id column", shown(&path)))?
            .cast(&DataType::String)?;
        let mut runs: Runs = Vec::new();
        let mut last: Option<&str> = None;
        for id in ids.str()?.iter() {
            let id = id.unwrap_or_default();
            match runs.last_mut() {
                Some(run) if last == Some(id) => run.1 += 1,
                _ => {
                    let position = *positions.get(id).ok_or_else(|| {
                        PipelineError::Refused(format!(
                            "{} has rows of document {id:?}, which its marker does not list",
                            shown(&path)
                        ))
                    })?;
                    if runs.last().is_some_and(|run| run.0 >= position) {
                        return Err(PipelineError::Refused(format!(
                            "{}: the rows of {id:?} are out of input order: the part was not \
                             written by a shard of this tool",
                            shown(&path)
                        )));
                    }
                    runs.push((position, 1));
                }
            }
            last = Some(id);
        }
        Ok(Part {
            file,
            path,
            runs,
            next_run: 0,
            cursor: 0,
        })
    }

    /// The rows of the part's documents before position `end` not read yet, with each
    /// document's (position, rows).
    fn read_until(&mut self, end: usize) -> Result<Option<(DataFrame, Runs)>> {
        let first = self.next_run;
        while self.runs.get(self.next_run).is_some_and(|run| run.0 < end) {
            self.next_run += 1;
        }
        let runs = self.runs[first..self.next_run].to_vec();
        let rows: usize = runs.iter().map(|run| run.1).sum();
        if rows == 0 {
            return Ok(None);
        }
        let frame = read_parquet(&self.file, &self.path, None, Some((self.cursor, rows)))?;
        self.cursor += rows;
        Ok(Some((frame, runs)))
    }
}

/// Reads a Parquet file, or some of its columns, or a slice of its rows.
fn read_parquet(
    file: &File,
    path: &Path,
    columns: Option<Vec<String>>,
    slice: Option<(usize, usize)>,
) -> Result<DataFrame> {
    let file = file.try_clone().at("read", path)?;
    ParquetReader::new(file)
        .with_columns(columns)
        .with_slice(slice)
        .finish()
        .step(|| format!("cannot read {} as Parquet", shown(path)))
}

/// A table's rows of a batch of documents, from every part, in input order.
fn batch_rows(table: &str, parts: &mut [Part], end: usize) -> Result<DataFrame> {
    let mut frame: Option<DataFrame> = None;
    let mut runs: Vec<(usize, IdxSize, IdxSize)> = Vec::new();
    let mut rows: IdxSize = 0;
    for part in parts.iter_mut() {
        let Some((chunk, chunk_runs)) = part.read_until(end)? else {
            continue;
        };
        for (position, len) in chunk_runs {
            let len = IdxSize::try_from(len)
                .map_err(|_| PipelineError::Refused("a part too long to combine".to_owned()))?;
            runs.push((position, rows, len));
            rows += len;
        }
        match frame.as_mut() {
            Some(frame) => {
                frame
                    .vstack_mut(&chunk)
                    .step(|| format!("the parts of table {table} differ in schema"))?;
            }
            None => frame = Some(chunk),
        }
    }
    let Some(frame) = frame else {
        // No rows: the table's columns, from the first part.
        let first = parts
            .first()
            .ok_or(PipelineError::Lane("a table without parts"))?;
        return read_parquet(&first.file, &first.path, None, Some((0, 0)));
    };
    if runs.windows(2).all(|w| w[0].0 < w[1].0) {
        return Ok(frame);
    }
    runs.sort_by_key(|run| run.0);
    let order: Vec<IdxSize> = runs
        .iter()
        .flat_map(|&(_, first, len)| first..first + len)
        .collect();
    Ok(frame.take(&IdxCa::from_vec("rows".into(), order))?)
}

/// What `combine` did.
#[derive(Debug)]
pub struct CombineReport {
    /// Shards combined.
    pub shards: usize,
    /// Documents in the dataset.
    pub documents: usize,
    /// Their items.
    pub items: usize,
    /// Their anomalies.
    pub anomalies: usize,
    /// Inputs the shards could not read (the workbook holds the others).
    pub unreadable: usize,
    /// The workbook written.
    pub workbook: PathBuf,
    /// Its length.
    pub workbook_bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
}

impl CombineReport {
    /// `4 shards combined: 40 documents, … written in 1.2 s`.
    pub fn summary(&self) -> String {
        let unread = match self.unreadable {
            0 => String::new(),
            n => format!(" ({n} more skipped)"),
        };
        format!(
            "{} shard{} combined: {} document{}{unread}, {} items, {} anomalies; {} ({} bytes) \
             written in {:.1} s",
            self.shards,
            if self.shards == 1 { "" } else { "s" },
            self.documents,
            if self.documents == 1 { "" } else { "s" },
            self.items,
            self.anomalies,
            shown(&self.workbook),
            self.workbook_bytes,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Writes the workbook of the dataset that shards wrote into `dir` (to `out`, by default
/// `dir/workbook.xlsx`), then `dir/manifest.json` for the whole dataset; fails, writing
/// nothing, when the shards do not make one complete dataset or a part changed.
pub fn combine(dir: &Path, out: Option<&Path>, progress: &dyn Progress) -> Result<CombineReport> {
    let started = Instant::now();
    let started_at = SystemTime::now();
    let timings = Timings::default();
    let path = out.map_or_else(|| dir.join(WORKBOOK_NAME), Path::to_path_buf);
    if path.extension().is_none_or(|e| e != "xlsx") {
        // A slip of the keyboard must not write a workbook over a part of the dataset.
        return Err(PipelineError::Usage(format!(
            "--out {}: the workbook's file name ends in .xlsx",
            shown(&path)
        )));
    }
    // A shard killed after committing its set has a result: finished first, as its next run
    // would, so that its marker is the one read.
    for note in staging::finish_committed_shards(dir)? {
        progress.note(&note);
    }
    let dataset = Dataset::open(dir)?;
    if !dataset.has_parquet() {
        return Err(PipelineError::Refused(format!(
            "the shards in {} wrote no Parquet parts (--formats {}): combine reads the tables \
             from them; run the shards again with parquet among their formats",
            shown(dir),
            dataset.markers[0].manifest.options.formats.join(",")
        )));
    }
    // Against a whole run writing into the folder meanwhile; shards have locks of their own.
    let _lock = FolderLock::take(dir, LOCK_NAME)?;
    // Written through the folder's handle, and only over files an earlier combine wrote.
    let folder = Folder::open(dir, false)?;
    let root = path_through(folder.dir(), dir);
    let previous = staging::previous_manifest(&folder, Path::new(MANIFEST_NAME));
    let vouched = |name: &str| {
        previous
            .as_ref()
            .and_then(|m| m.outputs.iter().find(|e| e.path == name))
    };
    // What was written through the handle, named by the folder's path.
    let named = |mut file: WrittenFile| {
        if let Ok(relative) = file.path.strip_prefix(&root) {
            file.path = dir.join(relative);
        }
        file
    };
    let make_room = |name: &str| -> Result<()> {
        if let Some(note) = staging::make_room(&folder, Path::new(name), vouched(name))? {
            progress.note(&note);
        }
        Ok(())
    };
    let count = dataset.markers.len();
    let documents = dataset.documents()?;
    let positions: HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(at, d)| (d.id.as_str(), at))
        .collect();
    // Every part checked and its documents' rows found before anything is written.
    let jobs: Vec<(usize, usize)> = (0..TABLE_COUNT)
        .flat_map(|t| (0..count).map(move |k| (t, k)))
        .collect();
    let opened = timings.time("read", || {
        jobs.par_iter()
            .map(|&(t, k)| {
                Part::open(
                    &folder,
                    &dataset,
                    &dataset.markers[k],
                    TABLE_NAMES[t],
                    &positions,
                )
            })
            .collect::<Result<Vec<_>>>()
    })?;
    let mut parts: Vec<Vec<Part>> = (0..TABLE_COUNT).map(|_| Vec::new()).collect();
    for (&(t, _), part) in jobs.iter().zip(opened) {
        parts[t].push(part);
    }

    progress.stage("combining", Some(documents.len() as u64));
    let mut totals = Totals::default();
    let mut workbook = WorkbookWriter::new(MAX_DATA_ROWS)?;
    let limit = (dataset.markers[0].manifest.options.batch_mib * 1024.0 * 1024.0) as u64;
    let (mut items, mut anomalies) = (0, 0);
    let mut first_title: Option<String> = None;
    let options = &dataset.markers[0].manifest.options;
    let mut corpus = options
        .formats
        .iter()
        .any(|f| f == "pdf")
        .then(CorpusDigest::default);
    for range in cut_batches(documents.iter().map(|d| d.bytes), limit) {
        let batch = timings.time("read", || {
            parts
                .par_iter_mut()
                .zip(TABLE_NAMES)
                .map(|(parts, table)| batch_rows(table, parts, range.end))
                .collect::<Result<Vec<_>>>()
        })?;
        let batch = tables_of(batch)?;
        let titles = document_titles(&batch.documents)?;
        if first_title.is_none() {
            first_title = documents
                .first()
                .and_then(|d| titles.get(d.id.as_str()))
                .cloned();
        }
        for document in &documents[range.clone()] {
            let title = titles.get(document.id.as_str()).map_or(&document.id, |t| t);
            totals.add_document(&document.id, title);
        }
        totals.add(&batch);
        items += batch.items.height();
        anomalies += batch.anomalies.height();
        timings.time("xlsx", || workbook.append(&batch))?;
        if let Some(corpus) = corpus.as_mut() {
            timings.time("pdf", || corpus.add(&batch))?;
        }
        progress.advance(range.len() as u64);
    }
    let info = workbook_info(workbook_title(first_title.as_deref(), documents.len()));
    progress.stage("saving", None);
    let target = match out {
        Some(_) => path.clone(),
        None => {
            make_room(WORKBOOK_NAME)?;
            root.join(WORKBOOK_NAME)
        }
    };
    let written = named(timings.time("xlsx save", || workbook.finish(&target, &info, &totals))?);
    let mut files = vec![written];
    if let Some(corpus) = corpus.filter(|c| c.document_count() >= 2) {
        let briefing = BriefingOptions {
            font: match &options.font {
                Some(path) => {
                    let bytes = std::fs::read(path).at("read font", Path::new(path))?;
                    Some(BriefingFont::from_bytes(&bytes)?)
                }
                None => None,
            },
            ..BriefingOptions::default()
        };
        let lang = options.lang.parse().unwrap_or_default();
        make_room(CORPUS_BRIEFING_NAME)?;
        files.push(named(timings.time("pdf", || {
            write_corpus_briefing(&corpus, &root, &briefing, lang)
        })?));
    }
    let written = &files[0];
    let manifest = dataset.manifest(&files, started_at)?;
    if previous.is_none() {
        make_room(MANIFEST_NAME)?;
    }
    write_bytes_atomic(&root.join(MANIFEST_NAME), &manifest.to_bytes())
        .step(|| format!("cannot write {}", shown(dir.join(MANIFEST_NAME))))?;
    Ok(CombineReport {
        shards: count,
        documents: documents.len(),
        items,
        anomalies,
        unreadable: manifest.counts.unreadable_inputs,
        workbook: path,
        workbook_bytes: written.bytes,
        elapsed: started.elapsed(),
        timings: timings.stages(),
    })
}

/// Each document's title, from the `documents` table.
fn document_titles(documents: &DataFrame) -> Result<BTreeMap<String, String>> {
    let ids = documents.column("doc_id")?.cast(&DataType::String)?;
    let titles = documents.column("title")?.cast(&DataType::String)?;
    Ok(ids
        .str()?
        .iter()
        .zip(titles.str()?.iter())
        .filter_map(|(id, title)| Some((id?.to_owned(), title?.to_owned())))
        .collect())
}

/// The tables of a batch, from frames in the order of [`TABLE_NAMES`].
fn tables_of(frames: Vec<DataFrame>) -> Result<Tables> {
    let frames: [DataFrame; TABLE_COUNT] = frames
        .try_into()
        .map_err(|_| PipelineError::Lane("a table is missing"))?;
    Ok(Tables::from_frames(frames))
}
