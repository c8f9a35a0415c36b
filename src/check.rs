//! `annotext check`: every finding, compiler-style, with an exit status for CI. The findings
//! are those of the anomalies table (`annotext_transform::findings`): a character's repeated
//! annotations are one line, a run of adjacent anomalies of one kind is one line with its count
//! and range, so a flood of them never floods the terminal.

use std::io::{BufWriter, Write};

use anyhow::Result;

use annotext_parser::Severity;
use annotext_transform::findings;

use annotext_output_set::names::shown;
use annotext_pipeline::batches::batches;
use annotext_pipeline::inputs::{self, Source};
use annotext_pipeline::options::DEFAULT_MAX_FILE_MIB;
use annotext_pipeline::run::{error_chain, parse_inputs, Parsed};

use crate::cli::CheckArgs;
use crate::terminal::pipe_closed;
use crate::Outcome;

/// Input bytes `check` reads per batch.
const CHECK_BATCH_BYTES: u64 = 8 << 20;

/// Checks the inputs of `args` and prints their findings.
pub fn check(args: &CheckArgs) -> Result<Outcome> {
    let listing = inputs::collect(&args.paths, false);
    for error in &listing.errors {
        eprintln!("error: {}", error_chain(error));
    }
    let (inputs, mut bad_inputs) = (listing.inputs, listing.errors.len());
    // Buffered and flushed after each batch: a line-flushed standard output made a system
    // call per finding, and a corpus has millions of them.
    let mut stdout = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let (mut checked, mut errors, mut warnings) = (0usize, 0usize, 0usize);
    let mut closed = false;
    // In batches, as `run` does: a corpus is never held in memory at once.
    for batch in batches(&inputs, CHECK_BATCH_BYTES) {
        let (documents, failed) = parse_inputs(batch, DEFAULT_MAX_FILE_MIB << 20);
        bad_inputs += failed.len();
        for (_, error) in &failed {
            eprintln!("error: {}", error_chain(error));
        }
        checked += documents.len();
        for Parsed {
            source: Source { input, .. },
            document: doc,
        } in &documents
        {
            for finding in findings(doc) {
                let severity = finding.severity();
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
                    "{}:{}:{}: {severity}[{}]: {} — {}",
                    shown(&input.path),
                    finding.start.line,
                    finding.start.column,
                    finding.kind.name(),
                    finding.detail,
                    finding.context
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
