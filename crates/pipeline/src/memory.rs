//! Tables without files: the tables of input files, or of texts held in memory, as a run would
//! write them (the same rows, columns and types as its Parquet outputs), built batch by batch
//! as a run builds them, and nothing written anywhere. For library callers (the Python
//! package), which want the tables, not an output folder.

use std::path::{Path, PathBuf};

use annotext_output_set::names::shown;
use annotext_parser::Document;
use annotext_transform::{Rules, Tables, Transform};
use rayon::prelude::*;

use crate::batches::{batches, cut_batches};
use crate::error::{PipelineError, Result, StepContext};
use crate::inputs;
use crate::run::{error_chain, parse_inputs};

/// Input read per batch, as a run's default.
const BATCH_BYTES: u64 = 2 << 20;

/// The folder a run over `paths` reads its rules from: `rules` if given, else `rules/` in the
/// first folder given; `None` for the built-in rules.
pub fn rules_dir(paths: &[PathBuf], rules: Option<&Path>) -> Option<PathBuf> {
    rules.map(Path::to_path_buf).or_else(|| {
        paths
            .iter()
            .find(|p| p.is_dir())
            .map(|dir| dir.join("rules"))
    })
}

/// The rules in `dir`, or the built-in ones.
pub fn load_rules(dir: Option<&Path>) -> Result<Rules> {
    Ok(match dir {
        Some(dir) => Rules::load(dir)?,
        None => Rules::default(),
    })
}

/// The tables of the inputs under `paths` (files, and folders searched for `*.txt`, links not
/// followed unless `follow`), each at most `max_bytes`. Fails on the first input that cannot be
/// listed or read, naming it: a caller in memory gets all the documents or an error.
pub fn tables_of_files(
    paths: &[PathBuf],
    rules: Option<&Path>,
    follow: bool,
    max_bytes: u64,
) -> Result<Tables> {
    let listing = inputs::collect(paths, follow);
    if let Some(error) = listing.errors.into_iter().next() {
        return Err(error);
    }
    let rules = load_rules(rules_dir(paths, rules).as_deref())?;
    let transform = Transform::new(&rules)?;
    let mut parts = Vec::new();
    for batch in batches(&listing.inputs, BATCH_BYTES) {
        let (parsed, failed) = parse_inputs(batch, max_bytes);
        if let Some((input, error)) = failed.into_iter().next() {
            return Err(PipelineError::Refused(format!(
                "cannot read {}: {}",
                shown(&input.path),
                error_chain(&error)
            )));
        }
        let documents: Vec<Document> = parsed.into_iter().map(|p| p.document).collect();
        parts.push(transform.tables(&documents)?);
    }
    stacked(parts, &transform)
}

/// The tables of texts in memory, each `(doc_id, text)`, with `rules` (built in when `None`).
pub fn tables_of_texts(texts: &[(String, String)], rules: Option<&Path>) -> Result<Tables> {
    let rules = load_rules(rules)?;
    let transform = Transform::new(&rules)?;
    let sizes = texts.iter().map(|(_, text)| text.len() as u64);
    let mut parts = Vec::new();
    for range in cut_batches(sizes, BATCH_BYTES) {
        let documents = texts[range]
            .par_iter()
            .map(|(id, text)| {
                annotext_parser::parse_str(id, text).map_err(|source| PipelineError::Input {
                    path: PathBuf::from(id),
                    source,
                })
            })
            .collect::<Result<Vec<Document>>>()?;
        parts.push(transform.tables(&documents)?);
    }
    stacked(parts, &transform)
}

/// The batches' tables stacked; the empty tables, with every column, when there is none.
fn stacked(parts: Vec<Tables>, transform: &Transform) -> Result<Tables> {
    match annotext_transform::stack_tables(parts).step(|| "stacking the tables".to_owned())? {
        Some(tables) => Ok(tables),
        None => Ok(transform.tables(&[])?),
    }
}
