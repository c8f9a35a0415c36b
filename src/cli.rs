//! The command line's arguments: commands, options and their help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use annotext_output_set::shard::Shard;
use annotext_pipeline::options::{Format as PipelineFormat, RunOptions, DEFAULT_MAX_FILE_MIB};

/// Pipeline for pinyin-annotated Chinese documents.
///
/// With no command, runs `annotext run data --out output`: every `*.txt` file under `data/` is
/// parsed and written to `output/` in every format: `records.jsonl` (the parsed records, one
/// document per line); for every table, `tables/<table>.csv` and `tables/<table>.parquet`;
/// `workbook.xlsx` (a Summary sheet with key figures and charts, one sheet per table); and
/// `briefings/<document>.pdf`, a printable briefing of each document. Tagging rules are read from
/// `data/rules/*.tsv` (built-in copies when absent). A corpus beyond one machine runs as shards
/// (`run --shard K/N`, under any scheduler) into one dataset, then `combine` writes its workbook.
#[derive(Debug, Parser)]
#[command(
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true,
    after_long_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub run: RunArgs,
}

pub const EXIT_CODES: &str = "\
Exit status:
  0  success: every input was read and every output written
  1  bad input: a file could not be read or parsed (the others were still exported; each is
     reported with its file, line and column), or `check` found an error-level anomaly
  2  usage error: an unknown option or a bad value
  3  the run failed: an output could not be written (the output folder keeps its previous set),
     another run is writing into the output folder, the rules or the font could not be read";

pub const VERIFY_EXIT_CODES: &str = "\
Exit status:
  0  the folder holds exactly the files its manifest.json lists, each with its length and digest
     (in a dataset that shards fill, before `combine` writes its manifest.json: the files their
     markers in shards/ list)
  1  it does not: a listed file is missing, changed or unreadable, or a file is not listed
     (each is printed on standard output: `missing: PATH`, `changed: PATH (…)`, `extra: PATH`)
  2  usage error: an unknown option or a bad value
  3  the folder cannot be checked: it has no manifest.json (nor shard markers), or one cannot be
     read, or a run is writing into it now";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Process files and folders (recursively, `*.txt`) into the output folder (the default).
    #[command(after_long_help = EXIT_CODES)]
    Run(RunArgs),
    /// Print the record of one file as JSON on standard output: its structure with its text
    /// (clean, simplified, toned pinyin, as annotated), as `records.jsonl` holds it.
    Parse {
        /// The annotated text file (`-`: standard input).
        file: PathBuf,
        /// Print the JSON on one line instead of indented.
        #[arg(long)]
        compact: bool,
    },
    /// Report the anomalies of files and folders, compiler-style (`file:line:column: error[kind]:
    /// …`); exit status 1 when an error-level anomaly (or an unreadable file) is found.
    #[command(after_long_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Write a corpus of realistic generated documents, for benchmarks and scale tests: outcome
    /// lists like the sample, or with `--shape` hard-wrapped lists, regulations or joint
    /// statements, or one pathological input.
    Generate(GenerateArgs),
    /// Check an output folder against its manifest.json: every file listed, with its length and
    /// BLAKE3 digest, and no other file. For the next step of a pipeline: exit status 0 when the
    /// folder holds exactly the set its last complete run wrote. A run killed after committing
    /// its outputs, while moving them into place, is finished first (as the next run would);
    /// a folder that a run is writing into is not checked (status 3).
    #[command(after_long_help = VERIFY_EXIT_CODES)]
    Verify(VerifyArgs),
    /// Write the corpus-level outputs of a dataset that shards (`run --shard K/N`) wrote: the
    /// workbook, with the Summary, key figures and corpus readings a single run over the same
    /// corpus gives. Checks first that every shard of one sharding finished, with the same
    /// inputs and options, and that their Parquet parts are intact. Then writes `DIR/manifest.json`
    /// for the whole dataset (every shard's files and marker, and the workbook), which
    /// `annotext verify DIR` checks.
    #[command(after_long_help = COMBINE_EXIT_CODES)]
    Combine(CombineArgs),
}

pub const COMBINE_EXIT_CODES: &str = "\
Exit status:
  0  the workbook was written
  1  the workbook was written, but some inputs could not be read by the shards (as a whole run
     over them would end): it holds the other documents
  2  usage error: an unknown option or a bad value
  3  the dataset is not complete or not whole (a shard is missing or unfinished, two shardings
     or runs with different inputs or options are mixed, a part is missing or changed, the
     shards wrote no Parquet), or the workbook could not be written";

/// Stops with a usage error (exit status 2), in clap's words and format; `command` is the
/// subcommand whose usage goes with the message (`run`, `combine`).
pub fn usage_error(command: &str, message: impl std::fmt::Display) -> ! {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    // Built, so that the subcommand's usage line reads `annotext combine …`.
    cli.build();
    match cli.find_subcommand_mut(command) {
        Some(sub) => sub
            .error(clap::error::ErrorKind::ValueValidation, message)
            .exit(),
        None => cli
            .error(clap::error::ErrorKind::ValueValidation, message)
            .exit(),
    }
}

/// An output format of `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `tables/<table>.csv` (a shard's: `csv/<table>/part-K-of-N.csv`)
    Csv,
    /// `tables/<table>.parquet` (a shard's: `tables/<table>/part-K-of-N.parquet`)
    Parquet,
    /// `records.jsonl` (a shard's: `records/part-K-of-N.jsonl`)
    Jsonl,
    /// `workbook.xlsx` (of a sharded dataset: `annotext combine`)
    Xlsx,
    /// `briefings/<document>.pdf`
    Pdf,
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Annotated text files, and folders searched recursively for `*.txt` files.
    #[arg(value_name = "PATH", default_value = "data")]
    pub paths: Vec<PathBuf>,
    /// Folder to write the outputs into (created if missing). The outputs are staged in
    /// `DIR/.annotext-staging/` and moved into place only when all are complete, then
    /// `DIR/manifest.json` lists them (with inputs, options, counts and times); files of the
    /// previous run that this one does not write again are removed then. A failed or killed run
    /// leaves the previous set. One run at a time per folder (`DIR/.annotext.lock`). A shard
    /// (`--shard`) has its own staging folder, lock and manifest (its marker), beside the
    /// other shards'.
    #[arg(
        short,
        long,
        visible_alias = "output",
        default_value = "output",
        value_name = "DIR"
    )]
    pub out: PathBuf,
    /// Formats to write, comma-separated. Default: all of them (csv,parquet,jsonl,xlsx,pdf);
    /// with `--shard`, all but xlsx (the workbook needs every document: `annotext combine`
    /// writes it from the shards' dataset).
    #[arg(short, long, value_enum, value_delimiter = ',', value_name = "FORMATS")]
    pub formats: Vec<Format>,
    /// Process only shard K of N (K from 0 to N−1): the documents whose id hashes to K. Every
    /// shard lists all the inputs, so shards run anywhere at once with the same arguments.
    /// Its outputs go to a dataset in the output folder that many shards fill side by side:
    /// `tables/<table>/part-K-of-N.parquet`, `csv/<table>/part-K-of-N.csv`,
    /// `records/part-K-of-N.jsonl`,
    /// `briefings/<document>.pdf`, and, last, the marker `shards/part-K-of-N.json` (the shard's
    /// manifest). Running a shard again replaces its own files only. Then `annotext combine`
    /// writes the workbook.
    #[arg(long, value_name = "K/N", conflicts_with = "shards")]
    pub shard: Option<Shard>,
    /// Process one of N shards, its index K taken from the scheduler: `JOB_COMPLETION_INDEX`
    /// (a Kubernetes Indexed Job) or `SLURM_ARRAY_TASK_ID` (a Slurm array, `--array=0-<N−1>`).
    /// See `--shard`.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub shards: Option<u32>,
    /// Write Excel-flavoured CSV: UTF-8 BOM, CRLF line ends, and cells that look like formulas
    /// (leading `=`, `+`, `-`, `@`, tab, CR) prefixed with `'`. Default: exact, plain CSV.
    #[arg(long)]
    pub csv_excel: bool,
    /// Folder of tagging rules (gazetteer.tsv, entities.tsv, topics.tsv); default: `rules/` in
    /// the first folder given, else the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Title of the PDF briefings (default: derived from each document, else its file name).
    #[arg(long)]
    pub title: Option<String>,
    /// Font for the PDF briefings (TrueType/OpenType); default: the shipped WenQuanYi Micro Hei.
    #[arg(long, value_name = "PATH")]
    pub font: Option<PathBuf>,
    /// Reading edition of the briefings: pinyin set small above each annotated character.
    #[arg(long)]
    pub pinyin: bool,
    /// Pages a briefing's body may take. A longer document's briefing stops there with a note
    /// of how much was left out (the workbook and the CSV hold the full text), then its annex:
    /// a briefing's time and memory stay bounded whatever the document.
    #[arg(long, default_value_t = annotext_export_pdf::DEFAULT_PAGE_LIMIT as u32, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub briefing_pages: u32,
    /// Language of the briefings' own words (headings, key figures, chart, page numbers,
    /// annex): `auto` speaks each document's language in its script (traditional or simplified
    /// Chinese; English for a document without hanzi), or `en`, `zh-Hans`, `zh-Hant` for all.
    #[arg(long, default_value = "auto", value_name = "LANG", ignore_case = true,
          value_parser = clap::builder::TypedValueParser::try_map(
              clap::builder::PossibleValuesParser::new(["auto", "en", "zh-Hans", "zh-Hant"]),
              |value| value.parse::<annotext_export_pdf::Lang>()))]
    pub lang: annotext_export_pdf::Lang,
    /// Input read per batch, in MiB. A batch is parsed and turned into tables while each output
    /// writes the previous one: peak memory is about 60 times this (120 times with briefings,
    /// which are drawn while the next batches are read), plus about 40 MB, whatever the size of
    /// the corpus (a file larger than a batch is a batch of its own). The batch size never
    /// changes the output.
    #[arg(long, default_value_t = 2.0, value_name = "MIB")]
    pub batch_mib: f64,
    /// Follow symbolic links when walking input folders (by default a link found in a folder
    /// is not followed: it may lead anywhere; a path named on the command line is always read).
    #[arg(long)]
    pub follow: bool,
    /// Refuse inputs larger than this many MiB (a clear error for that input; the others are
    /// exported).
    #[arg(long, default_value_t = DEFAULT_MAX_FILE_MIB, value_name = "MIB")]
    pub max_file_mib: u64,
    /// Write into an output folder that holds files with annotext's output names but no
    /// manifest of annotext's, replacing them (by default such a folder is refused: its files
    /// are somebody else's).
    #[arg(long)]
    pub force: bool,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

impl Format {
    /// The pipeline's format.
    fn of_pipeline(self) -> PipelineFormat {
        match self {
            Format::Csv => PipelineFormat::Csv,
            Format::Parquet => PipelineFormat::Parquet,
            Format::Jsonl => PipelineFormat::Jsonl,
            Format::Xlsx => PipelineFormat::Xlsx,
            Format::Pdf => PipelineFormat::Pdf,
        }
    }
}

impl RunArgs {
    /// The pipeline's options: the shard settled (it may come from the environment, read by
    /// `get`). An error is a usage error.
    pub fn options(&self, get: impl Fn(&str) -> Option<String>) -> Result<RunOptions, String> {
        let shard = match self.shards {
            Some(count) => Some(Shard::from_environment(count, get)?),
            None => self.shard,
        };
        Ok(RunOptions {
            paths: self.paths.clone(),
            out: self.out.clone(),
            formats: self.formats.iter().map(|f| f.of_pipeline()).collect(),
            shard,
            csv_excel: self.csv_excel,
            rules: self.rules.clone(),
            title: self.title.clone(),
            font: self.font.clone(),
            pinyin: self.pinyin,
            briefing_pages: self.briefing_pages as usize,
            lang: self.lang,
            batch_mib: self.batch_mib,
            follow: self.follow,
            max_file_mib: self.max_file_mib,
            force: self.force,
        })
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Annotated text files, and folders searched recursively for `*.txt` files.
    #[arg(value_name = "PATH", default_value = "data", required = false)]
    pub paths: Vec<PathBuf>,
    /// Fail (exit status 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Print errors only, not warnings (the summary line still counts both).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The output folder of a run (the folder given to `run --out`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print only the differences, not the notes and the summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CombineArgs {
    /// The output folder the shards wrote into (the folder given to `run --shard … --out`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Where to write the workbook (default: `DIR/workbook.xlsx`).
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print how long reading the dataset and writing the workbook took.
    #[arg(long)]
    pub timings: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Folder to write the documents into (created if missing).
    pub out: PathBuf,
    /// Total size of the corpus, in MiB.
    #[arg(long, default_value_t = 100.0, value_name = "MIB")]
    pub mib: f64,
    /// Number of documents the size is spread over (default: one per MiB).
    #[arg(long, value_name = "N")]
    pub documents: Option<u64>,
    /// Seed of the random choices: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write documents of another shape of policy text, sized by `--mib` and `--documents` as
    /// the corpus is, into `<SHAPE>-00001.txt` …: wrapped (the outcome list hard-wrapped every
    /// 30 characters, some lines starting with an amount `2.5亿`), regulation (a charter:
    /// chapters `第一章`, articles `第一条` numbered through the document, clauses `（一）`,
    /// sub-clauses `1.`, further paragraphs), statement (a joint statement: prose, short lists
    /// after a lead-in ending in `：`, points `（1）`, `1)`, `①`, `a)`, `（一）`), outcome-list (the
    /// default, into `doc-00001.txt` …).
    ///
    /// Or write one pathological input instead, `--count` units big: open-parens, close-parens
    /// (one line of N parentheses), headings (N lines `一、`), items (`1.` … `N.`), long-line
    /// (one line of N characters), blank-lines, nested (parentheses N deep), many-files (N
    /// one-line files). For stress tests and benchmarks.
    #[arg(long, value_name = "SHAPE", value_parser = shape_name)]
    pub shape: Option<GenerateShape>,
    /// Size of a pathological `--shape`: parentheses, lines, characters or files.
    #[arg(long, value_name = "N")]
    pub count: Option<usize>,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// What `generate --shape` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenerateShape {
    /// Documents of a shape of policy text, sized as the corpus is.
    Document(annotext_corpus::DocumentShape),
    /// One pathological input, sized by `--count`.
    Pathological(annotext_corpus::shapes::Shape),
}

/// A `--shape` name.
fn shape_name(name: &str) -> Result<GenerateShape, String> {
    use annotext_corpus::{shapes::Shape, DocumentShape};
    if let Some(shape) = DocumentShape::from_name(name) {
        return Ok(GenerateShape::Document(shape));
    }
    Shape::from_name(name)
        .map(GenerateShape::Pathological)
        .ok_or_else(|| {
            let names: Vec<&str> = DocumentShape::ALL
                .iter()
                .map(|s| s.name())
                .chain(Shape::ALL.iter().map(|s| s.name()))
                .collect();
            format!("unknown shape; one of {}", names.join(", "))
        })
}
