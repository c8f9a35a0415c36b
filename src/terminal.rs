//! What the commands share on the terminal: the progress bar and standard output's closed pipe.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

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
