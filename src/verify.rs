//! `annotext verify DIR`: the output folder against its manifest, differences on standard
//! output (one a line, names escaped), notes and the summary on standard error.

use std::io::{BufWriter, Write};

use annotext_output_set::names::shown_str;

use crate::cli::VerifyArgs;
use crate::terminal::pipe_closed;
use crate::Outcome;
use anyhow::Result;

/// Checks the folder of `args` and prints what differs.
pub fn verify(args: &VerifyArgs) -> Result<Outcome> {
    let report = annotext_output_set::verify::verify(&args.dir)?;
    let mut stdout = BufWriter::new(std::io::stdout().lock());
    let mut closed = false;
    let lines = report
        .differences
        .iter()
        .map(|d| d.line())
        .chain(
            report
                .extra
                .iter()
                .map(|p| format!("extra: {}", shown_str(p))),
        )
        .chain(
            report
                .incomplete
                .iter()
                .map(|why| format!("incomplete: {why}")),
        );
    for line in lines {
        closed = closed || pipe_closed(writeln!(stdout, "{line}"))?;
    }
    if !closed {
        let _ = stdout.flush();
    }
    drop(stdout);
    if !args.quiet {
        for note in &report.notes {
            eprintln!("note: {note}");
        }
    }
    if report.is_whole() {
        if !args.quiet {
            eprintln!("{}", report.summary());
        }
        return Ok(Outcome::Success);
    }
    eprintln!("{}", report.summary());
    Ok(Outcome::BadInput)
}
