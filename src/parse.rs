//! `annotext parse`: one file's records as JSON on standard output.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Result;

use crate::inputs::{self, Input};
use crate::terminal::pipe_closed;
use crate::Outcome;

/// Prints the records of `file` as JSON, indented unless `compact`.
pub fn parse_one(file: &Path, compact: bool) -> Result<Outcome> {
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
        serde_json::to_writer(&mut stdout, &annotext_transform::document_record(&doc))
    } else {
        serde_json::to_writer_pretty(&mut stdout, &annotext_transform::document_record(&doc))
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
