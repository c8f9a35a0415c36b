//! `annotext run` (and no command): the pipeline, with a progress bar and a summary line.

use annotext_pipeline::run::run as run_pipeline;

use crate::cli::{usage_error, RunArgs};
use crate::terminal::{print_timings, TerminalProgress};
use crate::Outcome;
use anyhow::Result;

/// Runs the pipeline as `args` say.
pub fn run(args: &RunArgs) -> Result<Outcome> {
    let options = args
        .options(|name| std::env::var(name).ok())
        .unwrap_or_else(|message| usage_error("run", message));
    let progress = TerminalProgress::new(args.quiet);
    let report = run_pipeline(&options, &progress);
    progress.finish();
    let report = match report {
        Err(e) if e.is_usage() => usage_error("run", e),
        other => other?,
    };
    if report.files_written == 0 {
        eprintln!("error: no document could be read: nothing written");
        return Ok(Outcome::BadInput);
    }
    if args.timings {
        print_timings(&report.timings);
    }
    if !args.quiet {
        eprintln!("{}", report.summary());
    }
    Ok(match report.all_read() {
        true => Outcome::Success,
        false => Outcome::BadInput,
    })
}
