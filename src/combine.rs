//! `annotext combine DIR`: the corpus-level outputs of a dataset that shards wrote. The shards'
//! markers are checked first (one sharding, every shard finished, the same inputs listed and
//! the same options), then each table's Parquet parts are read (their lengths and digests
//! checked against the markers), the rows put back in the order of the inputs, and the
//! workbook written from them batch by batch, as a single run would have: same Summary, key
//! figures, corpus readings and rows.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use anyhow::{bail, Context, Result};
use polars::prelude::{
    DataFrame, DataType, IdxCa, IdxSize, ParquetReader, PolarsResult, SerReader,
};
use rayon::prelude::*;

use annotext_atomic_file::{write_bytes_atomic, Digest, WrittenFile};
use annotext_export_xlsx::{WorkbookWriter, MAX_DATA_ROWS};
use annotext_transform::{Tables, Totals, TABLE_COUNT};

use crate::cli::CombineArgs;
use crate::lock::{FolderLock, LOCK_NAME};
use crate::manifest::{
    Counts, InputEntry, Manifest, OutputEntry, RunTimes, ShardInfo, FORMAT_VERSION, MANIFEST_NAME,
};
use crate::pipeline::{cut_batches, workbook_info, workbook_title, Timings};
use crate::staging::SHARDS_FOLDER;
use crate::terminal::progress;
use crate::Outcome;

/// The tables in the order of [`Tables::named`].
const TABLE_NAMES: [&str; TABLE_COUNT] = [
    "documents",
    "items",
    "sections",
    "subsections",
    "paragraphs",
    "readings",
    "entities",
    "timeline",
    "topics",
    "anomalies",
];

/// One shard's marker, read and checked.
struct Marker {
    path: PathBuf,
    manifest: Manifest,
    shard: ShardInfo,
}

/// A complete dataset: every shard of one sharding, finished, in shard order.
struct Dataset {
    dir: PathBuf,
    markers: Vec<Marker>,
}

/// One document of the dataset, in input order.
struct DatasetDocument {
    id: String,
    bytes: u64,
}

impl Dataset {
    /// Reads the markers in `dir/shards/` and checks that they make one complete dataset.
    fn open(dir: &Path) -> Result<Dataset> {
        let folder = dir.join(SHARDS_FOLDER);
        let entries = std::fs::read_dir(&folder).with_context(|| {
            format!(
                "{} has no shard markers ({}/): run `annotext run --shard K/N --out {}` first",
                dir.display(),
                SHARDS_FOLDER,
                dir.display()
            )
        })?;
        let mut markers = Vec::new();
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot list {}", folder.display()))?
                .path();
            let is_marker = path.extension().is_some_and(|e| e == "json")
                && path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("part-"));
            if !is_marker {
                continue;
            }
            let manifest = Manifest::read(&path)?;
            let shard = manifest
                .shard
                .clone()
                .with_context(|| format!("{} is not a shard's marker", path.display()))?;
            markers.push(Marker {
                path,
                manifest,
                shard,
            });
        }
        if markers.is_empty() {
            bail!(
                "{} holds no shard marker: no shard has finished there",
                folder.display()
            );
        }
        markers.sort_by_key(|m| (m.shard.count, m.shard.index));
        let counts: BTreeSet<u32> = markers.iter().map(|m| m.shard.count).collect();
        if counts.len() > 1 {
            let listed: Vec<String> = counts.iter().map(|n| format!("of {n}")).collect();
            bail!(
                "{} holds the markers of {} shardings ({} shards): one folder holds one \
                 dataset; remove the parts and markers of the older sharding \
                 (part-*-of-N.*), or run each sharding into its own folder",
                folder.display(),
                counts.len(),
                listed.join(", ")
            );
        }
        let count = markers[0].shard.count;
        let present: BTreeSet<u32> = markers.iter().map(|m| m.shard.index).collect();
        let missing: Vec<String> = (0..count)
            .filter(|k| !present.contains(k))
            .map(|k| k.to_string())
            .collect();
        if !missing.is_empty() {
            bail!(
                "the dataset in {} is not complete: shard{} {} of {count} ha{} not finished (no \
                 {SHARDS_FOLDER}/part-K-of-{count}.json); run {} and combine again",
                dir.display(),
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                if missing.len() == 1 { "s" } else { "ve" },
                if missing.len() == 1 { "it" } else { "them" },
            );
        }
        let first = &markers[0];
        for marker in &markers[1..] {
            if marker.shard.listing_blake3 != first.shard.listing_blake3 {
                bail!(
                    "{} and {} listed different inputs ({} and {} files, or other paths): the \
                     shards of one dataset run over the same inputs",
                    first.path.display(),
                    marker.path.display(),
                    first.shard.inputs_listed,
                    marker.shard.inputs_listed
                );
            }
            let (mut ours, mut theirs) = (
                first.manifest.options.clone(),
                marker.manifest.options.clone(),
            );
            // The batch size never changes the outputs.
            (ours.batch_mib, theirs.batch_mib) = (0.0, 0.0);
            if ours != theirs {
                bail!(
                    "{} and {} were run with different options: the shards of one dataset run \
                     with the same ones",
                    first.path.display(),
                    marker.path.display()
                );
            }
        }
        if !first
            .manifest
            .options
            .formats
            .iter()
            .any(|f| f == "parquet")
        {
            bail!(
                "the shards in {} wrote no Parquet parts (--formats {}): combine reads the \
                 tables from them",
                dir.display(),
                first.manifest.options.formats.join(",")
            );
        }
        Ok(Dataset {
            dir: dir.to_path_buf(),
            markers,
        })
    }

    /// The documents the shards read, in the order of the inputs (a single run's).
    fn documents(&self) -> Result<Vec<DatasetDocument>> {
        let mut positioned = Vec::new();
        for marker in &self.markers {
            for input in &marker.manifest.inputs {
                let position = input.position.with_context(|| {
                    format!(
                        "{} gives no position for {}",
                        marker.path.display(),
                        input.path
                    )
                })?;
                positioned.push((
                    position,
                    DatasetDocument {
                        id: input.doc_id.clone(),
                        bytes: input.bytes,
                    },
                ));
            }
        }
        positioned.sort_by_key(|(position, _)| *position);
        Ok(positioned.into_iter().map(|(_, d)| d).collect())
    }

    /// Reads one Parquet part, checked against its shard's marker.
    fn read_part(&self, marker: &Marker, table: &str) -> Result<DataFrame> {
        let relative = format!(
            "tables/{table}/part-{}-of-{}.parquet",
            marker.shard.index,
            { marker.shard.count }
        );
        let entry = marker
            .manifest
            .outputs
            .iter()
            .find(|e| e.path == relative)
            .with_context(|| format!("{} lists no {relative}", marker.path.display()))?;
        let path = self.dir.join(&relative);
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        if bytes.len() as u64 != entry.bytes || entry.digest() != Some(Digest::of(&bytes)) {
            bail!(
                "{} changed since its shard finished (its length or digest differs from {}): \
                 run shard {}/{} again",
                path.display(),
                marker.path.display(),
                marker.shard.index,
                marker.shard.count
            );
        }
        ParquetReader::new(Cursor::new(bytes))
            .finish()
            .with_context(|| format!("cannot read {} as Parquet", path.display()))
    }

    /// Every table, its parts stacked in shard order (parts read in parallel).
    fn read_tables(&self) -> Result<Vec<DataFrame>> {
        let jobs: Vec<(usize, usize)> = (0..TABLE_COUNT)
            .flat_map(|t| (0..self.markers.len()).map(move |k| (t, k)))
            .collect();
        let parts = jobs
            .par_iter()
            .map(|&(t, k)| self.read_part(&self.markers[k], TABLE_NAMES[t]))
            .collect::<Result<Vec<_>>>()?;
        let mut parts = parts.into_iter();
        (0..TABLE_COUNT)
            .map(|t| {
                let mut table = parts.next().context("a part is missing")?;
                for _ in 1..self.markers.len() {
                    let part = parts.next().context("a part is missing")?;
                    table.vstack_mut(&part).with_context(|| {
                        format!(
                            "the parts of table {} do not have one schema",
                            TABLE_NAMES[t]
                        )
                    })?;
                }
                Ok(table)
            })
            .collect()
    }
}

impl Dataset {
    /// The manifest of the whole dataset: every shard's inputs (in input order), outputs and
    /// marker, and the workbook when it is in the folder; the counts summed.
    fn manifest(&self, workbook: &WrittenFile, started_at: SystemTime) -> Result<Manifest> {
        let first = &self.markers[0].manifest;
        let mut options = first.options.clone();
        options.formats.push("xlsx".to_owned());
        let mut inputs: Vec<InputEntry> = self
            .markers
            .iter()
            .flat_map(|m| m.manifest.inputs.iter().cloned())
            .collect();
        inputs.sort_by_key(|i| i.position);
        let mut outputs: Vec<OutputEntry> = self
            .markers
            .iter()
            .flat_map(|m| m.manifest.outputs.iter().cloned())
            .collect();
        for marker in &self.markers {
            let (digest, bytes) = Digest::of_file(&marker.path)
                .with_context(|| format!("cannot read {}", marker.path.display()))?;
            let name = marker
                .path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy();
            outputs.push(OutputEntry {
                path: format!("{SHARDS_FOLDER}/{name}"),
                bytes,
                blake3: digest.to_string(),
            });
        }
        if workbook.path.starts_with(&self.dir) {
            outputs.push(OutputEntry::of(&self.dir, workbook)?);
        }
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        let mut counts = Counts::default();
        for marker in &self.markers {
            let c = &marker.manifest.counts;
            counts.documents += c.documents;
            counts.items += c.items;
            counts.anomalies += c.anomalies;
            counts.errors += c.errors;
        }
        // Every shard reports every unreadable input: once is the dataset's count.
        counts.unreadable_inputs = first.counts.unreadable_inputs;
        Ok(Manifest {
            manifest_version: FORMAT_VERSION,
            tool: crate::manifest::Tool {
                name: env!("CARGO_PKG_NAME").to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            options,
            inputs,
            outputs,
            counts,
            run: RunTimes::until_now(started_at),
            shard: None,
        })
    }
}

/// A table's rows grouped by document: each document's rows are consecutive in a part, and
/// the parts' documents are in input order, so putting the groups in input order gives the
/// rows a single run writes.
struct RowGroups {
    /// (document position, first row, rows), in document order.
    groups: Vec<(usize, IdxSize, IdxSize)>,
    next: usize,
}

impl RowGroups {
    fn of(table: &DataFrame, positions: &HashMap<&str, usize>) -> Result<RowGroups> {
        let ids = table
            .column("doc_id")
            .context("a table has no doc_id column")?
            .cast(&DataType::String)?;
        let ids = ids.str()?;
        let mut groups: Vec<(usize, IdxSize, IdxSize)> = Vec::new();
        let mut last: Option<&str> = None;
        for (row, id) in ids.iter().enumerate() {
            let id = id.unwrap_or_default();
            let row = IdxSize::try_from(row).context("a table too long to combine")?;
            match (last, groups.last_mut()) {
                (Some(seen), Some(group)) if seen == id => group.2 += 1,
                _ => {
                    let position = *positions.get(id).with_context(|| {
                        format!("rows of document {id:?}, which no shard's marker lists")
                    })?;
                    groups.push((position, row, 1));
                }
            }
            last = Some(id);
        }
        groups.sort_by_key(|g| g.0);
        Ok(RowGroups { groups, next: 0 })
    }

    /// The rows of the documents before position `end`, in order (the groups before it that
    /// earlier calls did not take).
    fn take_until(&mut self, end: usize) -> IdxCa {
        let mut rows: Vec<IdxSize> = Vec::new();
        while let Some(&(position, first, len)) = self.groups.get(self.next) {
            if position >= end {
                break;
            }
            rows.extend(first..first + len);
            self.next += 1;
        }
        IdxCa::from_vec("rows".into(), rows)
    }
}

/// Runs `annotext combine`.
pub fn combine(args: &CombineArgs) -> Result<Outcome> {
    let started = Instant::now();
    let started_at = SystemTime::now();
    let timings = Timings::default();
    let dataset = Dataset::open(&args.dir)?;
    // Against a whole run writing into the folder meanwhile; shards have locks of their own.
    let _lock = FolderLock::take(&args.dir, LOCK_NAME)?;
    let count = dataset.markers.len();
    let documents = dataset.documents()?;
    let mut tables = timings.time("read", || dataset.read_tables())?;
    let positions: HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(at, d)| (d.id.as_str(), at))
        .collect();
    let mut groups = tables
        .iter()
        .map(|table| RowGroups::of(table, &positions))
        .collect::<Result<Vec<_>>>()?;
    let titles = document_titles(&tables[0])?;
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| args.dir.join("workbook.xlsx"));

    let bar = progress(documents.len() as u64, args.quiet, "combining");
    let mut totals = Totals::default();
    let mut workbook = WorkbookWriter::new(MAX_DATA_ROWS)?;
    let limit = (dataset.markers[0].manifest.options.batch_mib * 1024.0 * 1024.0) as u64;
    let (mut items, mut anomalies) = (0, 0);
    for range in cut_batches(documents.iter().map(|d| d.bytes), limit) {
        let batch = tables
            .iter()
            .zip(groups.iter_mut())
            .map(|(table, groups)| table.take(&groups.take_until(range.end)))
            .collect::<PolarsResult<Vec<_>>>()?;
        let batch = tables_of(batch)?;
        for document in &documents[range.clone()] {
            let title = titles.get(document.id.as_str()).map_or(&document.id, |t| t);
            totals.add_document(&document.id, title);
        }
        totals.add(&batch);
        items += batch.items.height();
        anomalies += batch.anomalies.height();
        timings.time("xlsx", || workbook.append(&batch))?;
        bar.inc(range.len() as u64);
    }
    // The rows are in the batches now: the stacked tables can go before the workbook is saved.
    tables.clear();
    let first_title = documents
        .first()
        .and_then(|d| titles.get(d.id.as_str()))
        .map(String::as_str);
    let info = workbook_info(workbook_title(first_title, documents.len()));
    bar.set_prefix("saving");
    let written = timings.time("xlsx save", || workbook.finish(&path, &info, &totals))?;
    let manifest = dataset.manifest(&written, started_at)?;
    write_bytes_atomic(&args.dir.join(MANIFEST_NAME), &manifest.to_bytes()?)
        .with_context(|| format!("cannot write {}", args.dir.join(MANIFEST_NAME).display()))?;
    bar.finish_and_clear();
    if args.timings {
        timings.report();
    }
    if !args.quiet {
        eprintln!(
            "{count} shard{} combined: {} document{}, {items} items, {anomalies} anomalies; \
             {} ({} bytes) written in {:.1} s",
            if count == 1 { "" } else { "s" },
            documents.len(),
            if documents.len() == 1 { "" } else { "s" },
            path.display(),
            written.bytes,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::Success)
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
    let [documents, items, sections, subsections, paragraphs, readings, entities, timeline, topics, anomalies]: [DataFrame; TABLE_COUNT] =
        frames
            .try_into()
            .map_err(|_| anyhow::anyhow!("a table is missing"))?;
    Ok(Tables {
        documents,
        items,
        sections,
        subsections,
        paragraphs,
        readings,
        anomalies,
        entities,
        timeline,
        topics,
    })
}
