//! `annotext`: the command line. It only wires the crates together: read files, parse, build
//! tables, hand them to the exporters, and report errors with the file they concern.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use annotext_parser::Document;

/// Pipeline for pinyin-annotated Chinese documents.
///
/// With no command, processes every `*.txt` file in `data/` into `output/`:
/// `records.jsonl` (the parsed records, one document per line) and, for every table,
/// `tables/<table>.csv` and `tables/<table>.parquet`. Tagging rules are read from
/// `data/rules/*.tsv` (built-in copies when absent). Then `workbook.xlsx`: a Summary sheet with
/// key figures and charts, and one sheet per table; and `briefings/<name>.pdf`, a printable
/// briefing of each document.
#[derive(Debug, Parser)]
#[command(version, about, long_about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Process every *.txt file of a folder into the output folder (the default command).
    Run(RunArgs),
    /// Print the parsed records of one file as JSON on standard output.
    Parse {
        /// The annotated text file.
        file: PathBuf,
        /// Print the JSON on one line instead of indented.
        #[arg(long)]
        compact: bool,
    },
}

#[derive(Debug, Args)]
struct RunArgs {
    /// Folder of annotated `*.txt` files to read.
    #[arg(short, long, default_value = "data", value_name = "DIR")]
    input: PathBuf,
    /// Folder to write the outputs into (created if missing).
    #[arg(short, long, default_value = "output", value_name = "DIR")]
    output: PathBuf,
    /// Write Excel-flavoured CSV: UTF-8 BOM, CRLF line ends, and cells that look like formulas
    /// (leading `=`, `+`, `-`, `@`, tab, CR) prefixed with `'`. Default: exact, plain CSV.
    #[arg(long)]
    csv_excel: bool,
    /// Folder of tagging rules (gazetteer.tsv, entities.tsv, topics.tsv); default: INPUT/rules.
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
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse { file, compact }) => parse_one(&file, compact),
        Some(Command::Run(args)) => run(&args),
        None => run(&cli.run),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn read_document(path: &Path) -> Result<Document> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.file_stem().map_or_else(
        || "document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    annotext_parser::parse_vec(&name, bytes).with_context(|| format!("{}", path.display()))
}

fn parse_one(file: &Path, compact: bool) -> Result<()> {
    let doc = read_document(file)?;
    let mut stdout = std::io::stdout().lock();
    let written = if compact {
        serde_json::to_writer(&mut stdout, &doc)
    } else {
        serde_json::to_writer_pretty(&mut stdout, &doc)
    };
    match written
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(stdout))
    {
        // `annotext parse FILE | head` closes the pipe early: that is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// The `*.txt` files of a folder, sorted so outputs do not depend on directory order.
fn input_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read input folder {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no *.txt files in {}", dir.display());
    }
    Ok(files)
}

fn progress(len: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:<24} [{bar:30}] {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// The workbook's title: the document's name, or a count when there are several.
fn workbook_title(documents: &[Document]) -> String {
    match documents {
        [one] => one.name.clone(),
        many => format!("{} annotated documents", many.len()),
    }
}

fn run(args: &RunArgs) -> Result<()> {
    let files = input_files(&args.input)?;
    let bar = progress(files.len() as u64, args.quiet);
    bar.set_message("parsing");
    let mut documents = Vec::with_capacity(files.len());
    let mut failures = Vec::new();
    for path in &files {
        match read_document(path) {
            Ok(doc) => documents.push(doc),
            Err(e) => failures.push(format!("{e:#}")),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    for failure in &failures {
        eprintln!("error: {failure}");
    }
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create output folder {}", args.output.display()))?;
    let records = args.output.join("records.jsonl");
    annotext_export_jsonl::write_records(&records, &documents)?;

    let rules_dir = args
        .rules
        .clone()
        .unwrap_or_else(|| args.input.join("rules"));
    let rules = annotext_transform::Rules::load(&rules_dir)?;
    let tables = annotext_transform::build_tables(&documents, &rules)?;
    let tables_dir = args.output.join("tables");
    let named = tables.named();
    let bar = progress(named.len() as u64, args.quiet);
    bar.set_message("writing tables");
    let flavor = if args.csv_excel {
        annotext_export_csv::CsvFlavor::Excel
    } else {
        annotext_export_csv::CsvFlavor::Plain
    };
    for (name, df) in named {
        annotext_export_csv::write_csv(&tables_dir.join(format!("{name}.csv")), df, flavor)?;
        annotext_export_parquet::write_parquet(&tables_dir.join(format!("{name}.parquet")), df)?;
        bar.inc(1);
    }
    bar.finish_and_clear();

    let workbook = args.output.join("workbook.xlsx");
    let info = annotext_export_xlsx::WorkbookInfo {
        title: workbook_title(&documents),
        subject:
            "Pinyin-annotated document: items, sections, readings, entities, topics, anomalies"
                .to_owned(),
    };
    annotext_export_xlsx::write_workbook(&workbook, &tables, &info)?;

    let font = match &args.font {
        Some(path) => Some(
            std::fs::read(path).with_context(|| format!("cannot read font {}", path.display()))?,
        ),
        None => None,
    };
    let options = annotext_export_pdf::BriefingOptions {
        title: args.title.clone(),
        font,
        pinyin: args.pinyin,
    };
    let briefings = args.output.join("briefings");
    let bar = progress(documents.len() as u64, args.quiet);
    bar.set_message("writing briefings");
    let mut written = Vec::new();
    for doc in &documents {
        // A briefing covers one document: its own tables (the combined ones when it is alone).
        let own = match documents.len() {
            1 => None,
            _ => Some(annotext_transform::build_tables(
                std::slice::from_ref(doc),
                &rules,
            )?),
        };
        let path = briefings.join(format!("{}.pdf", doc.name));
        let briefing = annotext_export_pdf::write_briefing(
            &path,
            doc,
            own.as_ref().unwrap_or(&tables),
            &options,
        )
        .with_context(|| format!("briefing for {}", doc.name))?;
        written.push((path, briefing.pages));
        bar.inc(1);
    }
    bar.finish_and_clear();
    if !args.quiet {
        for doc in &documents {
            let items: usize = doc.sections.iter().map(|s| s.items.len()).sum();
            println!(
                "{}: {} sections, {} items, {} annotated characters, {} anomalies",
                doc.name,
                doc.sections.len(),
                items,
                doc.chars.len(),
                doc.anomalies.len()
            );
        }
        println!("wrote {}", records.display());
        println!(
            "wrote {} tables (CSV and Parquet) to {}",
            tables.named().len(),
            tables_dir.display()
        );
        println!("wrote {}", workbook.display());
        for (path, pages) in &written {
            println!("wrote {} ({pages} pages)", path.display());
        }
    }
    if !failures.is_empty() {
        bail!(
            "{} of {} input files could not be parsed",
            failures.len(),
            files.len()
        );
    }
    Ok(())
}
