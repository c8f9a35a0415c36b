//! What the commands share on the terminal: the progress bar, which also prints the pipeline's
//! notes, warnings and input errors, and standard output's closed pipe.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use annotext_pipeline::run::error_chain;
use annotext_pipeline::{PipelineError, Progress};

/// Whether a write to standard output found the reader gone (`… | head`), which is no error;
/// any other failure is one.
pub fn pipe_closed(written: std::io::Result<()>) -> std::io::Result<bool> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e),
        Ok(()) => Ok(false),
    }
}

/// A progress bar on stderr for `len` steps, hidden with `--quiet`.
pub fn progress(len: u64, quiet: bool, message: &'static str) -> ProgressBar {
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

/// The pipeline's progress on the terminal: a bar, with notes and warnings above it (not with
/// `--quiet`) and input errors always.
pub struct TerminalProgress {
    bar: ProgressBar,
    quiet: bool,
}

impl TerminalProgress {
    /// A hidden bar until the first stage says how long it is.
    pub fn new(quiet: bool) -> TerminalProgress {
        TerminalProgress {
            bar: progress(0, quiet, ""),
            quiet,
        }
    }

    /// Clears the bar, at the end.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for TerminalProgress {
    fn stage(&self, name: &'static str, total: Option<u64>) {
        self.bar.set_prefix(name);
        if let Some(total) = total {
            self.bar.set_length(total);
            self.bar.set_position(0);
        }
    }

    fn advance(&self, documents: u64) {
        self.bar.inc(documents);
    }

    fn note(&self, message: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("note: {message}"));
        }
    }

    fn warning(&self, message: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("warning: {message}"));
        }
    }

    fn input_error(&self, error: &PipelineError) {
        self.bar
            .suspend(|| eprintln!("error: {}", error_chain(error)));
    }
}

/// Each stage's time, for `--timings`.
pub fn print_timings(stages: &[(&'static str, Duration)]) {
    for (name, took) in stages {
        eprintln!("  {name:<10} {:>8.3} s", took.as_secs_f64());
    }
}
