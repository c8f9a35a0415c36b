//! `annotext verify DIR`: checks an output folder against its manifest, for the next step of a
//! pipeline. Every file the manifest lists must be there with its length and digest, and no
//! other file may be (the manifest itself, the lock file and what an interrupted run left under
//! this tool's own names aside: those are noted, not counted).

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Component, Path};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use annotext_atomic_file::{is_temporary_name, Digest};

use crate::cli::VerifyArgs;
use crate::lock::LOCK_NAME;
use crate::manifest::{relative_path, Manifest, OutputEntry, MANIFEST_NAME};
use crate::staging::STAGING_NAME;
use crate::terminal::pipe_closed;
use crate::Outcome;

/// How a listed file differs from its entry.
enum Finding {
    Missing,
    Length { found: u64 },
    Content,
    Unreadable(std::io::Error),
}

/// Checks one listed file.
fn check(dir: &Path, entry: &OutputEntry) -> Result<Option<Finding>> {
    let Some(expected) = entry.digest() else {
        bail!("the manifest's digest of {} is not one", entry.path);
    };
    let path = dir.join(relative_path(&entry.path)?);
    let found = match path.metadata() {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => return Ok(Some(Finding::Missing)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Some(Finding::Missing)),
        Err(e) => return Ok(Some(Finding::Unreadable(e))),
    };
    // A length that differs settles it without reading the file.
    if found != entry.bytes {
        return Ok(Some(Finding::Length { found }));
    }
    Ok(match Digest::of_file(&path) {
        Ok((digest, bytes)) if digest == expected && bytes == entry.bytes => None,
        Ok(_) => Some(Finding::Content),
        Err(e) => Some(Finding::Unreadable(e)),
    })
}

/// The files below `dir` (relative, `/`-separated) that are not this tool's own bookkeeping,
/// and notes on the leftovers of interrupted runs found instead.
fn files_present(dir: &Path) -> Result<(BTreeSet<String>, Vec<String>)> {
    let mut files = BTreeSet::new();
    let mut notes = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let top = entry.depth() == 1;
        let name = entry.file_name().to_string_lossy();
        if top && name == STAGING_NAME {
            walk.skip_current_dir();
            notes.push(
                match entry.path().join(MANIFEST_NAME).is_file() {
                    true => {
                        "a run was interrupted while moving its outputs into place \
                             (.annotext-staging/ holds the rest of its set): the next run into \
                             this folder finishes moving them"
                    }
                    false => {
                        "an interrupted run left its unfinished outputs in \
                              .annotext-staging/: the next run into this folder removes them"
                    }
                }
                .to_owned(),
            );
            continue;
        }
        if entry.file_type().is_dir() || (top && (name == MANIFEST_NAME || name == LOCK_NAME)) {
            continue;
        }
        if entry.file_type().is_file() && is_temporary_name(&name) {
            notes.push(format!(
                "{} is a temporary file an interrupted run left: the next run removes it",
                relative.display()
            ));
            continue;
        }
        let parts: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        files.insert(parts.join("/"));
    }
    Ok((files, notes))
}

/// Runs `annotext verify`.
pub fn verify(args: &VerifyArgs) -> Result<Outcome> {
    let dir = &args.dir;
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let manifest_path = dir.join(MANIFEST_NAME);
    if !manifest_path.is_file() {
        bail!(
            "{} has no {MANIFEST_NAME}: no run has completed there",
            dir.display()
        );
    }
    let manifest = Manifest::read(&manifest_path)?;
    let findings = manifest
        .outputs
        .par_iter()
        .map(|entry| check(dir, entry))
        .collect::<Result<Vec<_>>>()?;
    let (present, notes) = files_present(dir)?;
    let listed: BTreeSet<&str> = manifest.outputs.iter().map(|e| e.path.as_str()).collect();
    let extra: Vec<&String> = present
        .iter()
        .filter(|p| !listed.contains(p.as_str()))
        .collect();

    let mut stdout = BufWriter::new(std::io::stdout().lock());
    let mut closed = false;
    let mut differing = 0;
    for (entry, finding) in manifest.outputs.iter().zip(&findings) {
        let Some(finding) = finding else { continue };
        differing += 1;
        let line = match finding {
            Finding::Missing => format!("missing: {}", entry.path),
            Finding::Length { found } => format!(
                "changed: {} ({found} bytes; the manifest says {})",
                entry.path, entry.bytes
            ),
            Finding::Content => format!(
                "changed: {} (its content differs from the manifest's digest)",
                entry.path
            ),
            Finding::Unreadable(e) => format!("unreadable: {} ({e})", entry.path),
        };
        closed = closed || pipe_closed(writeln!(stdout, "{line}"))?;
    }
    for path in &extra {
        closed = closed || pipe_closed(writeln!(stdout, "extra: {path}"))?;
    }
    if !closed {
        let _ = stdout.flush();
    }
    drop(stdout);
    if !args.quiet {
        for note in &notes {
            eprintln!("note: {note}");
        }
    }
    let total = manifest.outputs.len();
    if differing == 0 && extra.is_empty() {
        if !args.quiet {
            eprintln!(
                "{}: all {total} files match {MANIFEST_NAME} ({} {}, run ended {})",
                dir.display(),
                manifest.tool.name,
                manifest.tool.version,
                manifest.run.ended
            );
        }
        return Ok(Outcome::Success);
    }
    eprintln!(
        "{}: {differing} of {total} files differ from {MANIFEST_NAME}, {} extra file{}",
        dir.display(),
        extra.len(),
        if extra.len() == 1 { "" } else { "s" }
    );
    Ok(Outcome::BadInput)
}
