//! `annotext run`: the pipeline's wiring. Inputs are cut into batches; each batch is read,
//! parsed and turned into tables in parallel, then fed to the output lanes ([`crate::outputs`])
//! while the next one is prepared. The outputs are written into a staging folder and moved
//! into place, with the run's manifest, only once all are complete ([`crate::staging`]).

use std::ops::Range;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};
use rayon::prelude::*;

use annotext_parser::{BlockKind, Document};

use clap::ValueEnum;

use crate::cli::{Format, RunArgs};
use crate::inputs::{self, Input, Source};
use crate::manifest::{self, InputEntry, Manifest, OutputEntry, RunTimes, ShardInfo};
use crate::outputs::{Batch, Ending, Lanes};
use crate::pause::{pause_at, PausePoint};
use crate::staging::{Publication, Staging};
use crate::terminal::progress;
use crate::Outcome;

/// A document read from an input, with what was read ([`inputs::read`]).
pub struct Parsed {
    /// Where it was read from, its length and digest.
    pub source: Source,
    /// The document.
    pub document: Document,
}

/// Reads and parses the inputs in parallel; failures are printed (file, line, column) and
/// counted, the documents that parsed come back in input order, with their input.
pub fn parse_inputs(inputs: &[Input]) -> (Vec<Parsed>, usize) {
    let results: Vec<Result<(Document, Source)>> = inputs.par_iter().map(inputs::read).collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut failures = 0;
    for result in results {
        match result {
            Ok((document, source)) => documents.push(Parsed { source, document }),
            Err(e) => {
                eprintln!("error: {e:#}");
                failures += 1;
            }
        }
    }
    (documents, failures)
}

/// Stage durations, for `--timings`: time spent in each stage, summed over its parallel jobs
/// (the stages overlap, so they add up to more than the wall time).
#[derive(Default)]
pub struct Timings(std::sync::Mutex<Vec<(&'static str, Duration)>>);

impl Timings {
    const STAGES: [&'static str; 9] = [
        "read",
        "parse",
        "jsonl",
        "transform",
        "csv",
        "parquet",
        "xlsx",
        "xlsx save",
        "pdf",
    ];

    pub fn time<T>(&self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = work();
        if let Ok(mut stages) = self.0.lock() {
            stages.push((stage, start.elapsed()));
        }
        out
    }

    pub fn report(&self) {
        let stages = self.0.lock().map(|s| s.clone()).unwrap_or_default();
        for name in Self::STAGES {
            let took: Duration = stages
                .iter()
                .filter(|(s, _)| *s == name)
                .map(|(_, d)| *d)
                .sum();
            if stages.iter().any(|(s, _)| *s == name) {
                eprintln!("  {name:<10} {:>8.3} s", took.as_secs_f64());
            }
        }
    }
}

/// What a document counts for in a batch, at least, however short it is.
const MIN_DOCUMENT_BYTES: u64 = 16 << 10;

/// The inputs cut into consecutive batches of about `limit` bytes (a larger file is a batch of
/// its own). A batch is parsed, turned into tables and written before its memory is freed, so
/// peak memory follows the batch size, not the corpus size. Sizes come from the file system:
/// the cut, and so the output, is the same on every run.
pub fn batches(inputs: &[Input], limit: u64) -> Vec<&[Input]> {
    let sizes = inputs
        .iter()
        .map(|input| std::fs::metadata(&input.path).map_or(0, |m| m.len()));
    cut_batches(sizes, limit)
        .into_iter()
        .map(|range| &inputs[range])
        .collect()
}

/// Consecutive ranges of documents of about `limit` bytes in all, from each one's size (a
/// larger document is a range of its own).
pub fn cut_batches(sizes: impl Iterator<Item = u64>, limit: u64) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes, mut end) = (0, 0u64, 0);
    for (i, size) in sizes.enumerate() {
        // A document costs at least what this much text costs (its tables, its briefing): a
        // folder of 100,000 one-line files must not make one batch of 36,000 documents.
        let size = size.max(MIN_DOCUMENT_BYTES);
        if i > start && bytes + size > limit {
            out.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
        end = i + 1;
    }
    if start < end {
        out.push(start..end);
    }
    out
}

/// Counts for the closing summary line, added up batch by batch.
#[derive(Default)]
struct RunCounts {
    documents: usize,
    items: usize,
    anomalies: usize,
    errors: usize,
    /// The title of the first document, for the title of a one-document workbook.
    first_title: Option<String>,
}

impl RunCounts {
    /// Adds a batch's documents; `tables`, the batch's tables when it has them.
    fn add(&mut self, documents: &[Document], tables: Option<&annotext_transform::Tables>) {
        self.documents += documents.len();
        for doc in documents {
            // Items before the first section heading count too.
            self.items += doc
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
                .count();
        }
        // Findings, as the anomalies table and `check` count them: from the tables when the
        // batch has them (counting again takes another pass over every document's words).
        let (findings, errors) = match tables {
            Some(tables) => tables.finding_counts(),
            None => documents
                .iter()
                .map(annotext_transform::finding_counts)
                .fold((0, 0), |(a, e), (all, errors)| (a + all, e + errors)),
        };
        self.anomalies += findings;
        self.errors += errors;
        if self.first_title.is_none() {
            self.first_title = documents.first().map(annotext_transform::document_title);
        }
    }

    /// The workbook's title ([`workbook_title`]).
    fn title(&self) -> String {
        workbook_title(self.first_title.as_deref(), self.documents)
    }

    /// `3 documents (1 more unreadable), 82 items, 289 anomalies (0 errors)`.
    fn summary(&self, bad_inputs: usize) -> String {
        let unreadable = match bad_inputs {
            0 => String::new(),
            n => format!(" ({n} more unreadable)"),
        };
        format!(
            "{} document{}{unreadable}, {} items, {} anomalies ({} errors)",
            self.documents,
            if self.documents == 1 { "" } else { "s" },
            self.items,
            self.anomalies,
            self.errors
        )
    }
}

/// A run's time as the summary prints it: milliseconds under a second (the sample takes a few
/// dozen), else seconds to a tenth.
fn elapsed(took: Duration) -> String {
    match took.as_millis() {
        ms @ 0..1000 => format!("{ms} ms"),
        _ => format!("{:.1} s", took.as_secs_f64()),
    }
}

/// The options of `args` that shape the outputs, for the manifest.
fn manifest_options(args: &RunArgs, rules_dir: Option<&Path>) -> manifest::Options {
    manifest::Options {
        paths: args.paths.iter().map(|p| p.display().to_string()).collect(),
        formats: args
            .formats
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect(),
        csv_excel: args.csv_excel,
        rules: rules_dir.map(|d| d.display().to_string()),
        title: args.title.clone(),
        font: args.font.as_ref().map(|f| f.display().to_string()),
        pinyin: args.pinyin,
        lang: args.lang.name().to_owned(),
        batch_mib: args.batch_mib,
    }
}

/// What a failed output means for the output folder: the staging folder is discarded.
fn unchanged(out: &Path) -> String {
    format!(
        "the outputs could not be written; {} keeps the previous outputs and manifest",
        out.display()
    )
}

/// Runs the pipeline over the inputs of `given` (its defaults settled first: a bad shard is a
/// usage error).
pub fn run(given: &RunArgs) -> Result<Outcome> {
    let resolved = given
        .resolved(|name| std::env::var(name).ok())
        .unwrap_or_else(|message| crate::cli::usage_error("run", message));
    let args = &resolved;
    let started = Instant::now();
    let started_at = SystemTime::now();
    let timings = Timings::default();
    let (listed, mut bad_inputs) = inputs::collect(&args.paths);
    let publication = args.shard.map_or(Publication::Run, Publication::Shard);
    // Every shard lists every input (and reports every bad one) and keeps its own documents.
    let shard_info = args.shard.map(|shard| ShardInfo {
        index: shard.index,
        count: shard.count,
        inputs_listed: listed.len(),
        listing_blake3: inputs::listing_digest(&listed),
        listing_errors: bad_inputs,
    });
    let inputs: Vec<Input> = match args.shard {
        Some(shard) => listed.into_iter().filter(|i| shard.owns(&i.id)).collect(),
        None => listed,
    };
    // Read and parsed once, before any input: a bad font stops the run before it starts.
    let mut font = match &args.font {
        Some(path) => Some(
            std::fs::read(path)
                .map_err(anyhow::Error::from)
                .and_then(|bytes| Ok(annotext_export_pdf::BriefingFont::from_bytes(&bytes)?))
                .with_context(|| format!("cannot use font {}", path.display()))?,
        ),
        None => None,
    };
    let rules_dir = args.rules.clone().or_else(|| {
        args.paths
            .iter()
            .find(|p| p.is_dir())
            .map(|dir| dir.join("rules"))
    });
    let rules = match &rules_dir {
        Some(dir) => annotext_transform::Rules::load(dir)?,
        None => annotext_transform::Rules::default(),
    };
    let transform = annotext_transform::Transform::new(&rules)?;
    let needs_tables = [Format::Csv, Format::Parquet, Format::Xlsx, Format::Pdf]
        .into_iter()
        .any(|f| args.formats.contains(&f));
    let wants_pdf = args.formats.contains(&Format::Pdf);

    // Reads, parses and transforms one batch (documents in parallel); unreadable files are
    // reported and counted.
    let prepare = |inputs: &[Input]| -> Result<(Batch, usize)> {
        let (parsed, failed) = timings.time("parse", || parse_inputs(inputs));
        let (sources, documents): (Vec<Source>, Vec<Document>) =
            parsed.into_iter().map(|p| (p.source, p.document)).unzip();
        let (tables, document_tables) = match needs_tables && !documents.is_empty() {
            // Briefings are per document: each document's tables are built once, and the
            // batch's are those stacked.
            true if wants_pdf => timings.time("transform", || -> Result<_> {
                let own = transform.document_tables(&documents)?;
                let all = annotext_transform::stack_tables(own.clone())?;
                Ok((all, own))
            })?,
            true => {
                let all = timings.time("transform", || transform.tables(&documents))?;
                (Some(all), Vec::new())
            }
            false => (None, Vec::new()),
        };
        let batch = Batch {
            sources,
            documents,
            tables,
            document_tables,
        };
        Ok((batch, failed))
    };

    let bar = progress(inputs.len() as u64, args.quiet, "processing");
    let mut counts = RunCounts::default();
    let mut totals = annotext_transform::Totals::default();
    let limit = args.batch_bytes();
    // Opened with the first batch, as the lanes are: a run that reads no document leaves the
    // output folder as it was. Outside the lanes' scope, so that it outlives their threads.
    let mut staging: Option<Staging> = None;
    let staging_dir = publication.staging_dir(&args.out);
    let mut read = Vec::new();
    // A shard with no document of its own still writes its parts, empty but with every
    // column, and its marker: the dataset must show that it finished.
    let empty_shard_batch = || -> Result<Batch> {
        let tables = match needs_tables {
            true => Some(transform.tables(&[])?),
            false => None,
        };
        Ok(Batch {
            sources: Vec::new(),
            documents: Vec::new(),
            tables,
            document_tables: Vec::new(),
        })
    };
    let is_shard_of_listed_inputs = shard_info.as_ref().is_some_and(|s| s.inputs_listed > 0);
    let written = std::thread::scope(|scope| -> Result<Option<Vec<_>>> {
        let mut lanes: Option<Lanes> = None;
        let mut work = batches(&inputs, limit).into_iter();
        // A batch is prepared here while the lanes write the previous one.
        loop {
            let batch = match work.next() {
                Some(inputs) => {
                    let (batch, failed) = prepare(inputs)?;
                    bad_inputs += failed;
                    bar.inc(failed as u64);
                    if batch.documents.is_empty() {
                        continue;
                    }
                    batch
                }
                None if lanes.is_none() && is_shard_of_listed_inputs => empty_shard_batch()?,
                None => break,
            };
            counts.add(&batch.documents, batch.tables.as_ref());
            if let Some(tables) = &batch.tables {
                totals.add_documents(&batch.documents);
                totals.add(tables);
            }
            read.extend(batch.sources.iter().map(|source| InputEntry {
                position: shard_info.as_ref().map(|_| source.input.position),
                ..InputEntry::of(source)
            }));
            let first = lanes.is_none();
            let open = match lanes.as_mut() {
                Some(open) => open,
                None => {
                    let (opened, notes) = Staging::open(&args.out, publication)?;
                    staging = Some(opened);
                    if !args.quiet {
                        for note in notes {
                            bar.suspend(|| eprintln!("note: {note}"));
                        }
                    }
                    lanes.insert(Lanes::open(
                        scope,
                        &staging_dir,
                        args,
                        &timings,
                        &bar,
                        &batch,
                        font.take(),
                    )?)
                }
            };
            if !open.feed(batch) {
                // A lane failed: the others must not complete files that lack the rest.
                let error = lanes.take().map_or_else(
                    || anyhow::anyhow!("an output stopped before the end of the run"),
                    Lanes::abort,
                );
                return Err(error.context(unchanged(&args.out)));
            }
            if first {
                pause_at(PausePoint::Writing);
            }
        }
        let Some(lanes) = lanes else {
            return Ok(None);
        };
        bar.set_prefix("finishing");
        let info = workbook_info(counts.title());
        lanes
            .finish(Ending { totals, info })
            .map(Some)
            .with_context(|| unchanged(&args.out))
    })?;
    let (Some(written), Some(staging)) = (written, staging) else {
        bar.finish_and_clear();
        eprintln!("error: no document could be read: nothing written");
        return Ok(Outcome::BadInput);
    };
    let mut outputs = written
        .iter()
        .map(|file| OutputEntry::of(staging.dir(), file))
        .collect::<Result<Vec<_>>>()?;
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        manifest_version: manifest::FORMAT_VERSION,
        tool: manifest::Tool {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        options: manifest_options(args, rules_dir.as_deref()),
        inputs: read,
        outputs,
        counts: manifest::Counts {
            documents: counts.documents,
            unreadable_inputs: bad_inputs,
            items: counts.items,
            anomalies: counts.anomalies,
            errors: counts.errors,
        },
        run: RunTimes::until_now(started_at),
        shard: shard_info,
    };
    staging.publish(&manifest).with_context(|| {
        format!(
            "cannot move the outputs into place in {}",
            args.out.display()
        )
    })?;
    bar.finish_and_clear();

    if args.timings {
        timings.report();
    }
    if !args.quiet {
        let what = match args.shard {
            Some(shard) => format!("shard {shard}: "),
            None => String::new(),
        };
        eprintln!(
            "{what}{}; {} files written to {} in {}",
            counts.summary(bad_inputs),
            written.len(),
            args.out.display(),
            elapsed(started.elapsed())
        );
    }
    Ok(if bad_inputs > 0 {
        Outcome::BadInput
    } else {
        Outcome::Success
    })
}

/// The workbook's title: the document's title (as the briefing finds it), or a description of
/// the corpus when there are several.
pub fn workbook_title(first_title: Option<&str>, documents: usize) -> String {
    match (first_title, documents) {
        (Some(title), 1) => title.to_owned(),
        (_, n) => format!("A corpus of {n} annotated documents"),
    }
}

/// The workbook's title and subject.
pub fn workbook_info(title: String) -> annotext_export_xlsx::WorkbookInfo {
    annotext_export_xlsx::WorkbookInfo {
        title,
        subject:
            "Pinyin-annotated document: items, sections, readings, entities, topics, anomalies"
                .to_owned(),
    }
}
