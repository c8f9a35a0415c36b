//! `annotext combine DIR`: the workbook and manifest of a dataset that shards wrote.

use crate::cli::{usage_error, CombineArgs};
use crate::terminal::{print_timings, TerminalProgress};
use crate::Outcome;
use anyhow::Result;

/// Combines the dataset of `args`.
pub fn combine(args: &CombineArgs) -> Result<Outcome> {
    let progress = TerminalProgress::new(args.quiet);
    let report = annotext_pipeline::combine::combine(&args.dir, args.out.as_deref(), &progress);
    progress.finish();
    let report = match report {
        Err(e) if e.is_usage() => usage_error("combine", e),
        other => other?,
    };
    if args.timings {
        print_timings(&report.timings);
    }
    if !args.quiet {
        eprintln!("{}", report.summary());
    }
    if report.unreadable > 0 {
        // As a whole run over the same inputs ends: the outputs hold every document that could
        // be read, and the status says that some could not.
        eprintln!(
            "error: {} input{} could not be read by the shards (each shard's log names them, \
             with line and column); the workbook holds the other documents",
            report.unreadable,
            if report.unreadable == 1 { "" } else { "s" }
        );
        return Ok(Outcome::BadInput);
    }
    Ok(Outcome::Success)
}
