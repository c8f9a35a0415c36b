//! `annotext parse`: one file's records as JSON on standard output.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Result;

use annotext_pipeline::inputs::{self, Input};
use annotext_pipeline::options::DEFAULT_MAX_FILE_MIB;
use annotext_pipeline::run::error_chain;
use annotext_pipeline::PipelineError;

use crate::terminal::pipe_closed;
use crate::Outcome;

/// Prints the records of `file` (`-`: standard input) as JSON, indented unless `compact`.
pub fn parse_one(file: &Path, compact: bool) -> Result<Outcome> {
    let max_bytes = DEFAULT_MAX_FILE_MIB << 20;
    let read = match file == Path::new("-") {
        true => read_standard_input(max_bytes),
        false => inputs::read(&Input::file(file), max_bytes).map(|(doc, _)| doc),
    };
    let doc = match read {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("error: {}", error_chain(&e));
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

/// The document on standard input, named `stdin`.
fn read_standard_input(max_bytes: u64) -> Result<annotext_parser::Document, PipelineError> {
    let path = Path::new("<standard input>");
    let bytes = inputs::read_limited(std::io::stdin().lock(), 0, max_bytes, path)?;
    annotext_parser::parse_vec("stdin", bytes).map_err(|source| PipelineError::Input {
        path: path.to_path_buf(),
        source,
    })
}
