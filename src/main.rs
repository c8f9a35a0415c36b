//! `annotext`: the command line. It only wires the crates together: find and read files, parse,
//! build tables, hand them to the exporters, and report errors with the file they concern.

mod inputs;
mod outputs;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use annotext_parser::{BlockKind, Document, Severity};
use inputs::Input;
use outputs::{Batch, Ending, Lanes};

const EXIT_INPUT: u8 = 1;
const EXIT_RUN: u8 = 3;

/// Pipeline for pinyin-annotated Chinese documents.
///
/// With no command, runs `annotext run data --out output`: every `*.txt` file under `data/` is
/// parsed and written to `output/` in every format: `records.jsonl` (the parsed records, one
/// document per line); for every table, `tables/<table>.csv` and `tables/<table>.parquet`;
/// `workbook.xlsx` (a Summary sheet with key figures and charts, one sheet per table); and
/// `briefings/<document>.pdf`, a printable briefing of each document. Tagging rules are read from
/// `data/rules/*.tsv` (built-in copies when absent).
#[derive(Debug, Parser)]
#[command(
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true,
    after_long_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

const EXIT_CODES: &str = "\
Exit status:
  0  success: every input was read and every output written
  1  bad input: a file could not be read or parsed (the others were still exported; each is
     reported with its file, line and column), or `check` found an error-level anomaly
  2  usage error: an unknown option or a bad value
  3  the run failed: an output could not be written, the rules or the font could not be read";

#[derive(Debug, Subcommand)]
enum Command {
    /// Process files and folders (recursively, `*.txt`) into the output folder (the default).
    #[command(after_long_help = EXIT_CODES)]
    Run(RunArgs),
    /// Print the parsed records of one file as JSON on standard output.
    Parse {
        /// The annotated text file.
        file: PathBuf,
        /// Print the JSON on one line instead of indented.
        #[arg(long)]
        compact: bool,
    },
    /// Report the anomalies of files and folders, compiler-style (`file:line:column: error[kind]:
    /// …`); exit status 1 when an error-level anomaly (or an unreadable file) is found.
    #[command(after_long_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Write a corpus of realistic generated documents, for benchmarks and scale tests.
    Generate(GenerateArgs),
}

/// An output format of `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `tables/<table>.csv`
    Csv,
    /// `tables/<table>.parquet`
    Parquet,
    /// `records.jsonl`
    Jsonl,
    /// `workbook.xlsx`
    Xlsx,
    /// `briefings/<document>.pdf`
    Pdf,
}

#[derive(Debug, Args)]
struct RunArgs {
    /// Annotated text files, and folders searched recursively for `*.txt` files.
    #[arg(value_name = "PATH", default_value = "data")]
    paths: Vec<PathBuf>,
    /// Folder to write the outputs into (created if missing).
    #[arg(
        short,
        long,
        visible_alias = "output",
        default_value = "output",
        value_name = "DIR"
    )]
    out: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(
        short,
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "csv,parquet,jsonl,xlsx,pdf"
    )]
    formats: Vec<Format>,
    /// Write Excel-flavoured CSV: UTF-8 BOM, CRLF line ends, and cells that look like formulas
    /// (leading `=`, `+`, `-`, `@`, tab, CR) prefixed with `'`. Default: exact, plain CSV.
    #[arg(long)]
    csv_excel: bool,
    /// Folder of tagging rules (gazetteer.tsv, entities.tsv, topics.tsv); default: `rules/` in
    /// the first folder given, else the built-in rules.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Title of the PDF briefings (default: derived from each document, else its file name).
    #[arg(long)]
    title: Option<String>,
    /// Font for the PDF briefings (TrueType/OpenType); default: the shipped WenQuanYi Micro Hei.
    #[arg(long, value_name = "PATH")]
    font: Option<PathBuf>,
    /// Reading edition of the briefings: pinyin set small above each annotated character.
    #[arg(long)]
    pinyin: bool,
    /// Input read per batch, in MiB. A batch is parsed and turned into tables while each output
    /// writes the previous one: peak memory is about 60 times this (120 times with briefings,
    /// which are drawn while the next batches are read), plus about 40 MB, whatever the size of
    /// the corpus (a file larger than a batch is a batch of its own). The batch size never
    /// changes the output.
    #[arg(long, default_value_t = 2.0, value_name = "MIB")]
    batch_mib: f64,
    /// Print how long each stage took.
    #[arg(long)]
    timings: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

impl RunArgs {
    /// The batch size in bytes. Float MiB to bytes: a negative or NaN size saturates to 0, one
    /// file per batch.
    fn batch_bytes(&self) -> u64 {
        (self.batch_mib * 1024.0 * 1024.0) as u64
    }
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Annotated text files, and folders searched recursively for `*.txt` files.
    #[arg(value_name = "PATH", default_value = "data", required = false)]
    paths: Vec<PathBuf>,
    /// Fail (exit status 1) on warnings too.
    #[arg(long)]
    strict: bool,
    /// Print errors only, not warnings (the summary line still counts both).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// Folder to write the documents into (created if missing).
    out: PathBuf,
    /// Total size of the corpus, in MiB.
    #[arg(long, default_value_t = 100.0, value_name = "MIB")]
    mib: f64,
    /// Number of documents the size is spread over (default: one per MiB).
    #[arg(long, value_name = "N")]
    documents: Option<u64>,
    /// Seed of the random choices: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

/// How a command ended, when it did not fail outright.
enum Outcome {
    Success,
    BadInput,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse { file, compact }) => parse_one(&file, compact),
        Some(Command::Run(args)) => run(&args),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Generate(args)) => generate(&args),
        None => run(&cli.run),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::BadInput) => ExitCode::from(EXIT_INPUT),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_RUN)
        }
    }
}

fn parse_one(file: &Path, compact: bool) -> Result<Outcome> {
    let doc = match inputs::read(&Input::file(file)) {
        Ok((doc, _)) => doc,
        Err(e) => {
            eprintln!("error: {e:#}");
            return Ok(Outcome::BadInput);
        }
    };
    // Standard output flushes at every newline, and a pretty-printed record has one per value:
    // buffered, a 100 MiB document's JSON took 67 s unbuffered (30 s of it in the kernel).
    let mut stdout = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = if compact {
        serde_json::to_writer(&mut stdout, &doc)
    } else {
        serde_json::to_writer_pretty(&mut stdout, &doc)
    };
    // `annotext parse FILE | head` closes the pipe early: that is not an error.
    pipe_closed(
        written
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(stdout))
            .and_then(|()| stdout.flush()),
    )?;
    Ok(Outcome::Success)
}

/// Whether a write to standard output found the reader gone (`… | head`), which is no error;
/// any other failure is one.
fn pipe_closed(written: std::io::Result<()>) -> std::io::Result<bool> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e),
        Ok(()) => Ok(false),
    }
}

fn progress(len: u64, quiet: bool, message: &'static str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    // Drawn on stderr, and only when it is a terminal: logs of unattended runs stay clean.
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {prefix:<18} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix(message);
    // The spinner keeps turning through long steps (the workbook's compression takes seconds).
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A document read from an input, with the digest of the bytes it was parsed from.
pub struct Parsed<'a> {
    /// Where it was read from.
    pub input: &'a Input,
    /// The digest of its bytes ([`inputs::read`]).
    pub digest: u64,
    /// The document.
    pub document: Document,
}

/// Reads and parses the inputs in parallel; failures are printed (file, line, column) and
/// counted, the documents that parsed come back in input order, with their input.
fn parse_inputs(inputs: &[Input]) -> (Vec<Parsed<'_>>, usize) {
    let results: Vec<Result<(Document, u64)>> = inputs.par_iter().map(inputs::read).collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut failures = 0;
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok((document, digest)) => documents.push(Parsed {
                input,
                digest,
                document,
            }),
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
struct Timings(std::sync::Mutex<Vec<(&'static str, Duration)>>);

impl Timings {
    const STAGES: [&'static str; 8] = [
        "parse",
        "jsonl",
        "transform",
        "csv",
        "parquet",
        "xlsx",
        "xlsx save",
        "pdf",
    ];

    fn time<T>(&self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = work();
        if let Ok(mut stages) = self.0.lock() {
            stages.push((stage, start.elapsed()));
        }
        out
    }

    fn report(&self) {
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

/// The inputs cut into consecutive batches of about `limit` bytes (a larger file is a batch of
/// its own). A batch is parsed, turned into tables and written before its memory is freed, so
/// peak memory follows the batch size, not the corpus size. Sizes come from the file system:
/// the cut, and so the output, is the same on every run.
fn batches(inputs: &[Input], limit: u64) -> Vec<&[Input]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, input) in inputs.iter().enumerate() {
        let size = std::fs::metadata(&input.path).map_or(0, |m| m.len());
        if i > start && bytes + size > limit {
            out.push(&inputs[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
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
    /// The name of the first document, for the title of a one-document workbook.
    first_name: Option<String>,
}

impl RunCounts {
    fn add(&mut self, documents: &[Document]) {
        self.documents += documents.len();
        for doc in documents {
            // Items before the first section heading count too.
            self.items += doc
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
                .count();
            self.anomalies += doc.anomalies.len();
            self.errors += doc
                .anomalies
                .iter()
                .filter(|a| a.kind.severity() == Severity::Error)
                .count();
        }
        if self.first_name.is_none() {
            self.first_name = documents.first().map(|d| d.name.clone());
        }
    }

    /// The workbook's title: the document's name, or a count when there are several.
    fn title(&self) -> String {
        match (&self.first_name, self.documents) {
            (Some(name), 1) => name.clone(),
            (_, n) => format!("{n} annotated documents"),
        }
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

fn run(args: &RunArgs) -> Result<Outcome> {
    let started = Instant::now();
    let timings = Timings::default();
    let (inputs, mut bad_inputs) = inputs::collect(&args.paths);
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
    let rules = match rules_dir {
        Some(dir) => annotext_transform::Rules::load(&dir)?,
        None => annotext_transform::Rules::default(),
    };
    let needs_tables = [Format::Csv, Format::Parquet, Format::Xlsx, Format::Pdf]
        .into_iter()
        .any(|f| args.formats.contains(&f));
    let wants_pdf = args.formats.contains(&Format::Pdf);

    // Reads, parses and transforms one batch (documents in parallel); unreadable files are
    // reported and counted.
    let prepare = |inputs: &[Input]| -> Result<(Batch, usize)> {
        let (parsed, failed) = timings.time("parse", || parse_inputs(inputs));
        let sources: Vec<(Input, u64)> =
            parsed.iter().map(|p| (p.input.clone(), p.digest)).collect();
        let documents: Vec<Document> = parsed.into_iter().map(|p| p.document).collect();
        let (tables, document_tables) = match needs_tables && !documents.is_empty() {
            // Briefings are per document: each document's tables are built once, and the
            // batch's are those stacked.
            true if wants_pdf => timings.time("transform", || -> Result<_> {
                let own = annotext_transform::build_document_tables(&documents, &rules)?;
                let all = annotext_transform::stack_tables(own.clone())?;
                Ok((all, own))
            })?,
            true => {
                let all = timings.time("transform", || {
                    annotext_transform::build_tables(&documents, &rules)
                })?;
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
    let written = std::thread::scope(|scope| -> Result<Option<Vec<PathBuf>>> {
        let mut lanes: Option<Lanes> = None;
        // A batch is prepared here while the lanes write the previous one.
        for inputs in batches(&inputs, limit) {
            let (batch, failed) = prepare(inputs)?;
            bad_inputs += failed;
            bar.inc(failed as u64);
            if batch.documents.is_empty() {
                continue;
            }
            counts.add(&batch.documents);
            if let Some(tables) = &batch.tables {
                totals.add(tables);
            }
            let open = match lanes.as_mut() {
                Some(open) => open,
                None => lanes.insert(Lanes::open(
                    scope,
                    args,
                    &timings,
                    &bar,
                    &batch,
                    font.take(),
                )?),
            };
            if !open.feed(batch) {
                // A lane failed: the others must not complete files that lack the rest.
                return Err(lanes.take().map_or_else(
                    || anyhow::anyhow!("an output stopped before the end of the run"),
                    Lanes::abort,
                ));
            }
        }
        let Some(lanes) = lanes else {
            return Ok(None);
        };
        bar.set_prefix("finishing");
        let info = annotext_export_xlsx::WorkbookInfo {
            title: counts.title(),
            subject:
                "Pinyin-annotated document: items, sections, readings, entities, topics, anomalies"
                    .to_owned(),
        };
        lanes.finish(Ending { totals, info }).map(Some)
    })?;
    let Some(written) = written else {
        bar.finish_and_clear();
        eprintln!("error: no document could be read: nothing written");
        return Ok(Outcome::BadInput);
    };
    bar.finish_and_clear();

    if args.timings {
        timings.report();
    }
    if !args.quiet {
        eprintln!(
            "{}; {} files written to {} in {}",
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

/// Input bytes `check` reads per batch.
const CHECK_BATCH_BYTES: u64 = 8 << 20;

/// A document's anomalies and dictionary warnings, sorted by place: (line, column, severity,
/// kind, description).
fn findings(doc: &Document) -> Vec<(u32, u32, Severity, String, String)> {
    let mut found: Vec<(u32, u32, Severity, String, String)> = doc
        .anomalies
        .iter()
        .map(|a| {
            (
                a.position.line,
                a.position.column,
                a.kind.severity(),
                a.kind.name().to_owned(),
                a.describe(&doc.text),
            )
        })
        .collect();
    found.extend(
        annotext_transform::dictionary_anomalies(doc)
            .into_iter()
            .map(|a| {
                (
                    a.position.line,
                    a.position.column,
                    Severity::Warning,
                    annotext_transform::READING_NOT_IN_DICTIONARY.to_owned(),
                    a.detail,
                )
            }),
    );
    found.sort();
    found
}

fn check(args: &CheckArgs) -> Result<Outcome> {
    let (inputs, mut bad_inputs) = inputs::collect(&args.paths);
    // Buffered and flushed after each batch: a line-flushed standard output made a system
    // call per finding, and a corpus has millions of them.
    let mut stdout = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let (mut checked, mut errors, mut warnings) = (0usize, 0usize, 0usize);
    let mut closed = false;
    // In batches, as `run` does: a corpus is never held in memory at once.
    for batch in batches(&inputs, CHECK_BATCH_BYTES) {
        let (documents, failed) = parse_inputs(batch);
        bad_inputs += failed;
        checked += documents.len();
        for Parsed {
            input,
            document: doc,
            ..
        } in &documents
        {
            for (line, column, severity, kind, detail) in findings(doc) {
                match severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                }
                if closed || (args.quiet && severity == Severity::Warning) {
                    continue;
                }
                // `annotext check … | head` closes the pipe: keep counting, stop printing.
                closed = pipe_closed(writeln!(
                    stdout,
                    "{}:{line}:{column}: {severity}[{kind}]: {detail}",
                    input.path.display()
                ))?;
            }
        }
        if !closed {
            closed = pipe_closed(stdout.flush())?;
        }
    }
    let unreadable = match bad_inputs {
        0 => String::new(),
        n => format!(", {n} unreadable"),
    };
    eprintln!(
        "{checked} file{} checked{unreadable}: {errors} errors, {warnings} warnings",
        if checked == 1 { "" } else { "s" }
    );
    let failing = bad_inputs > 0 || errors > 0 || (args.strict && warnings > 0);
    Ok(if failing {
        Outcome::BadInput
    } else {
        Outcome::Success
    })
}

fn generate(args: &GenerateArgs) -> Result<Outcome> {
    let total = (args.mib.max(0.0) * 1024.0 * 1024.0) as u64;
    let count = args
        .documents
        .unwrap_or_else(|| (total / (1024 * 1024)).max(1))
        .max(1);
    let per_document = usize::try_from(total / count).unwrap_or(usize::MAX);
    let bar = progress(count, args.quiet, "generating");
    (0..count).into_par_iter().try_for_each(|index| {
        let text = annotext_corpus::document(args.seed, index, per_document);
        let path = args.out.join(format!("doc-{:05}.txt", index + 1));
        annotext_atomic_file::write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        bar.inc(1);
        anyhow::Ok(())
    })?;
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!(
            "{count} documents, {:.1} MiB, written to {}",
            (per_document as u64 * count) as f64 / 1024.0 / 1024.0,
            args.out.display()
        );
    }
    Ok(Outcome::Success)
}
