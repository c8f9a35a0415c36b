//! A run: the pipeline's wiring. Inputs are cut into batches; each batch is read, parsed and
//! turned into tables in parallel, then fed to the output lanes ([`crate::lanes`]) while the
//! next one is prepared. The outputs are written into a staging folder and moved into place,
//! with the run's manifest, only once all are complete ([`annotext_output_set::staging`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use annotext_output_set::manifest::{
    self, relative_path, InputEntry, Manifest, OutputEntry, RunTimes, ShardInfo, SkippedEntry,
};
use annotext_output_set::names::shown;
use annotext_output_set::pause::{pause_at, PausePoint};
use annotext_output_set::staging::{Publication, Staging};
use annotext_parser::{BlockKind, Document};

use crate::batches::batches;
use crate::error::{IoContext, PipelineError, Result, StepContext};
use crate::inputs::{self, Input, Source};
use crate::lanes::{Batch, Ending, Lanes};
use crate::memory::{load_rules, rules_dir};
use crate::options::{Format, RunOptions};
use crate::progress::Progress;
use crate::timings::Timings;

/// A document read from an input, with what was read ([`inputs::read`]).
pub struct Parsed {
    /// Where it was read from, its length and digest.
    pub source: Source,
    /// The document.
    pub document: Document,
}

/// Reads and parses the inputs in parallel (each at most `max_bytes`); the documents that
/// parsed come back in input order, with their input, and the inputs that did not with why.
pub fn parse_inputs(
    inputs: &[Input],
    max_bytes: u64,
) -> (Vec<Parsed>, Vec<(Input, PipelineError)>) {
    let results: Vec<Result<(Document, Source)>> = inputs
        .par_iter()
        .map(|input| inputs::read(input, max_bytes))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok((document, source)) => documents.push(Parsed { source, document }),
            Err(e) => failures.push((input.clone(), e)),
        }
    }
    (documents, failures)
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
}

/// What a run did.
#[derive(Debug)]
pub struct RunReport {
    /// The output folder.
    pub out: PathBuf,
    /// The shard the run processed, if it was one.
    pub shard: Option<annotext_output_set::shard::Shard>,
    /// Documents exported.
    pub documents: usize,
    /// Inputs that could not be listed, read or exported (each reported to the progress).
    pub unreadable: usize,
    /// Items over every document.
    pub items: usize,
    /// Anomalies over every document.
    pub anomalies: usize,
    /// Error-level anomalies among them.
    pub errors: usize,
    /// Files written, the manifest aside; 0 when no document could be read (nothing written).
    pub files_written: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
}

impl RunReport {
    /// Whether every input was exported.
    pub fn all_read(&self) -> bool {
        self.unreadable == 0
    }

    /// `3 documents (1 more skipped), 82 items, 289 anomalies (0 errors); 23 files written to
    /// output in 1.2 s`, prefixed by the shard. Skipped: unreadable, refused (a name, an id
    /// another input has) or not placeable; the errors before the summary say which and why.
    pub fn summary(&self) -> String {
        let what = match self.shard {
            Some(shard) => format!("shard {shard}: "),
            None => String::new(),
        };
        let unreadable = match self.unreadable {
            0 => String::new(),
            n => format!(" ({n} more skipped)"),
        };
        format!(
            "{what}{} document{}{unreadable}, {} items, {} anomalies ({} errors); {} files \
             written to {} in {}",
            self.documents,
            if self.documents == 1 { "" } else { "s" },
            self.items,
            self.anomalies,
            self.errors,
            self.files_written,
            shown(&self.out),
            elapsed(self.elapsed)
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

/// The options that shape the outputs, for the manifest.
fn manifest_options(options: &RunOptions, rules_dir: Option<&Path>) -> manifest::Options {
    manifest::Options {
        paths: options
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        formats: options
            .formats
            .iter()
            .map(|f| f.name().to_owned())
            .collect(),
        csv_excel: options.csv_excel,
        rules: rules_dir.map(|d| d.display().to_string()),
        title: options.title.clone(),
        font: options.font.as_ref().map(|f| f.display().to_string()),
        pinyin: options.pinyin,
        lang: options.lang.name().to_owned(),
        batch_mib: options.batch_mib,
    }
}

/// What a failed output means for the output folder: the staging folder is discarded.
fn unchanged(out: &Path) -> String {
    format!(
        "the outputs could not be written; {} keeps the previous outputs and manifest",
        shown(out)
    )
}

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;

/// Why the briefing of `input` could not be put in place in `out`, if it could not: a name
/// too long for a file name, or a folder where it goes.
fn briefing_problem(out: &Path, input: &Input) -> Option<PipelineError> {
    let relative = format!("briefings/{}.pdf", input.id);
    if let Some(long) = relative.split('/').find(|part| part.len() > NAME_MAX) {
        return Some(PipelineError::Refused(format!(
            "{}: its briefing's file name would be {} bytes long ({}…), more than file systems \
             take ({NAME_MAX}); rename the file",
            shown(&input.path),
            long.len(),
            long.chars().take(24).collect::<String>()
        )));
    }
    // The id escapes what a file name cannot carry in a manifest (`\\xff`, `\\n`): such a
    // briefing cannot be listed, so this document alone is refused, not the run.
    if relative_path(&relative).is_err() {
        return Some(PipelineError::Refused(format!(
            "{}: its name holds a backslash, a control character or bytes that are not UTF-8, \
             which a briefing's file name cannot carry; rename the file, or leave out pdf \
             (`--formats`)",
            shown(&input.path)
        )));
    }
    let target = out.join(&relative);
    if target.symlink_metadata().is_ok_and(|m| m.is_dir()) {
        return Some(PipelineError::Refused(format!(
            "{}: its briefing cannot be written: {} is a folder",
            shown(&input.path),
            shown(&target)
        )));
    }
    None
}

/// The manifest's entry of an input as read.
fn input_entry(source: &Source, shard: bool) -> InputEntry {
    InputEntry {
        path: source.input.path.display().to_string(),
        doc_id: source.input.id.clone(),
        bytes: source.bytes,
        blake3: source.digest.to_string(),
        position: shard.then_some(source.input.position),
    }
}

/// The manifest's entry of an input that was skipped.
fn skipped_entry(path: &Path, error: &PipelineError) -> SkippedEntry {
    SkippedEntry {
        path: path.display().to_string(),
        reason: error_chain(error),
    }
}

/// An error with its causes, `: `-separated, as the command line prints it.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Runs the pipeline over the inputs of `options` (its formats settled first: a shard that
/// asks for the workbook is a usage error), telling `progress` how it goes. An input that
/// cannot be exported is reported to `progress` and skipped (listed in the manifest); an
/// error is returned only when the run as a whole fails, and then the output folder keeps its
/// previous set.
pub fn run(options: &RunOptions, progress: &dyn Progress) -> Result<RunReport> {
    let options = &options.resolved()?;
    let started = Instant::now();
    let started_at = SystemTime::now();
    let timings = Timings::default();
    let listing = inputs::collect(&options.paths, options.follow);
    let mut skipped: Vec<SkippedEntry> = Vec::new();
    let listing_errors = listing.errors.len();
    for error in &listing.errors {
        progress.input_error(error);
        let path = match error {
            PipelineError::Io { path, .. } => path.clone(),
            _ => PathBuf::new(),
        };
        skipped.push(skipped_entry(&path, error));
    }
    let listed = listing.inputs;
    let publication = options.shard.map_or(Publication::Run, Publication::Shard);
    // Every shard lists every input (and reports every bad one) and keeps its own documents.
    let shard_info = options.shard.map(|shard| ShardInfo {
        index: shard.index,
        count: shard.count,
        inputs_listed: listed.len(),
        listing_blake3: inputs::listing_digest(&listed),
        listing_errors,
    });
    let mut inputs: Vec<Input> = match options.shard {
        Some(shard) => listed.into_iter().filter(|i| shard.owns(&i.id)).collect(),
        None => listed,
    };
    let mut bad_inputs = listing_errors;
    // An input whose briefing cannot be written costs only itself.
    if options.wants(Format::Pdf) {
        inputs.retain(|input| match briefing_problem(&options.out, input) {
            Some(error) => {
                progress.input_error(&error);
                skipped.push(skipped_entry(&input.path, &error));
                bad_inputs += 1;
                false
            }
            None => true,
        });
    }
    // Read and parsed once, before any input: a bad font stops the run before it starts.
    let mut font = match &options.font {
        Some(path) => {
            let bytes = std::fs::read(path).at("read font", path)?;
            Some(
                annotext_export_pdf::BriefingFont::from_bytes(&bytes)
                    .step(|| format!("cannot use font {}", shown(path)))?,
            )
        }
        None => None,
    };
    let rules_dir = rules_dir(&options.paths, options.rules.as_deref());
    let rules = load_rules(rules_dir.as_deref())?;
    let transform = annotext_transform::Transform::new(&rules)?;
    let needs_tables = [Format::Csv, Format::Parquet, Format::Xlsx, Format::Pdf]
        .into_iter()
        .any(|f| options.wants(f));
    let wants_pdf = options.wants(Format::Pdf);
    let max_bytes = options.max_file_bytes();

    // Reads, parses and transforms one batch (documents in parallel); inputs that cannot be
    // read are reported and skipped.
    let prepare = |inputs: &[Input]| -> Result<(Batch, Vec<(Input, PipelineError)>)> {
        let (parsed, failed) = timings.time("parse", || parse_inputs(inputs, max_bytes));
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

    progress.stage("processing", Some(inputs.len() as u64));
    let mut counts = RunCounts::default();
    let mut totals = annotext_transform::Totals::default();
    let limit = options.batch_bytes();
    // Opened with the first batch, as the lanes are: a run that reads no document leaves the
    // output folder as it was. Outside the lanes' scope, so that it outlives their threads.
    let mut staging: Option<Staging> = None;
    // Where the lanes write: the staging folder through the handle `staging` holds.
    let staging_root: std::cell::OnceCell<PathBuf> = std::cell::OnceCell::new();
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
                    bad_inputs += failed.len();
                    progress.advance(failed.len() as u64);
                    for (input, error) in &failed {
                        progress.input_error(error);
                        skipped.push(skipped_entry(&input.path, error));
                    }
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
            let is_shard = shard_info.is_some();
            read.extend(batch.sources.iter().map(|s| input_entry(s, is_shard)));
            let first = lanes.is_none();
            let open = match lanes.as_mut() {
                Some(open) => open,
                None => {
                    let (opened, notes) = Staging::open(&options.out, publication, options.force)?;
                    let root = staging_root.get_or_init(|| opened.root().to_path_buf());
                    staging = Some(opened);
                    for note in notes {
                        progress.note(&note);
                    }
                    lanes.insert(Lanes::open(
                        scope,
                        root,
                        options,
                        &timings,
                        progress,
                        &batch,
                        font.take(),
                    )?)
                }
            };
            if !open.feed(batch) {
                // A lane failed: the others must not complete files that lack the rest.
                let error = lanes.take().map_or(
                    PipelineError::Lane("an output stopped before the end of the run"),
                    Lanes::abort,
                );
                return Err(error).step(|| unchanged(&options.out));
            }
            if first {
                pause_at(PausePoint::Writing);
            }
        }
        let Some(lanes) = lanes else {
            return Ok(None);
        };
        progress.stage("finishing", None);
        let info = workbook_info(counts.title());
        lanes
            .finish(Ending { totals, info })
            .map(Some)
            .step(|| unchanged(&options.out))
    })?;
    let mut report = RunReport {
        out: options.out.clone(),
        shard: options.shard,
        documents: counts.documents,
        unreadable: bad_inputs,
        items: counts.items,
        anomalies: counts.anomalies,
        errors: counts.errors,
        files_written: 0,
        elapsed: Duration::ZERO,
        timings: Vec::new(),
    };
    let (Some(written), Some(staging)) = (written, staging) else {
        report.elapsed = started.elapsed();
        report.timings = timings.stages();
        return Ok(report);
    };
    let mut outputs = written
        .iter()
        .map(|file| OutputEntry::of(staging.root(), file))
        .collect::<annotext_output_set::Result<Vec<_>>>()?;
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        manifest_version: manifest::FORMAT_VERSION,
        tool: manifest::Tool {
            name: "annotext".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        options: manifest_options(options, rules_dir.as_deref()),
        inputs: read,
        outputs,
        counts: manifest::Counts {
            documents: counts.documents,
            unreadable_inputs: bad_inputs,
            items: counts.items,
            anomalies: counts.anomalies,
            errors: counts.errors,
        },
        skipped,
        run: RunTimes::until_now(started_at),
        shard: shard_info,
    };
    for note in staging.publish(&manifest).step(|| {
        format!(
            "cannot move the outputs into place in {}",
            shown(&options.out)
        )
    })? {
        progress.note(&note);
    }
    report.files_written = written.len();
    report.elapsed = started.elapsed();
    report.timings = timings.stages();
    Ok(report)
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
