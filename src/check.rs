//! `annotext check`: every anomaly, compiler-style, with an exit status for CI.

use std::io::{BufWriter, Write};

use anyhow::Result;

use annotext_parser::{Document, Severity};

use crate::cli::CheckArgs;
use crate::inputs::{self, Source};
use crate::pipeline::{batches, parse_inputs, Parsed};
use crate::terminal::pipe_closed;
use crate::Outcome;

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
    found.extend(annotext_transform::context_flags(doc).into_iter().map(|f| {
        (
            f.position.line,
            f.position.column,
            Severity::Warning,
            annotext_transform::READING_WRONG_IN_CONTEXT.to_owned(),
            f.describe(),
        )
    }));
    found.sort();
    found
}

/// Checks the inputs of `args` and prints their findings.
pub fn check(args: &CheckArgs) -> Result<Outcome> {
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
            source: Source { input, .. },
            document: doc,
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
