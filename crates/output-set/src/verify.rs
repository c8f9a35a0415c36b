//! `annotext verify DIR`: checks an output folder against its manifest, for the next step of a
//! pipeline. Every file the manifest lists must be there with its length and digest, and no
//! other file may be (the manifest itself, the lock file and what an interrupted run left under
//! this tool's own names aside: those are noted, not counted).
//!
//! A run killed after its commit point (its manifest written in its staging folder) has a
//! result, only not all moved into place: verify finishes moving it first, as the next run
//! would, so that it checks a whole set and not a mix. A folder that a run is writing into now
//! is not checked (its lock is held): its files are not a set yet.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use annotext_atomic_file::is_temporary_name;

use crate::dataset::{read_markers, Dataset};
use crate::error::{IoContext, OutputSetError, Result, StepContext};
use crate::folder::{digest_in, entry_in, split, Entry, Folder};
use crate::lock::{FolderLock, LOCK_NAME};
use crate::manifest::{relative_path, Manifest, OutputEntry, Tool, MANIFEST_NAME};
use crate::names::{shown, shown_str};
use crate::staging::{self, finish_committed_locked, Publication, SHARDS_FOLDER, STAGING_NAME};

/// How a listed file differs from its entry.
#[derive(Debug)]
pub enum Finding {
    /// It is not there (or is not a file).
    Missing,
    /// Its length differs.
    Length {
        /// Its length now.
        found: u64,
    },
    /// Same length, other content.
    Content,
    /// It cannot be read.
    Unreadable(std::io::Error),
    /// A symbolic link is at its place, or a link or a file where one of its folders belongs:
    /// verify vouches only for files in the folder, and follows no link to whatever it leads to.
    Link,
}

/// A listed file that differs from its entry.
#[derive(Debug)]
pub struct Difference {
    /// The file's entry in the manifest.
    pub entry: OutputEntry,
    /// How it differs.
    pub finding: Finding,
}

impl Difference {
    /// The line `verify` prints for it: `missing: PATH`, `changed: PATH (…)`, `unreadable: …`
    /// (the path escaped: a name cannot forge a line).
    pub fn line(&self) -> String {
        let path = shown_str(&self.entry.path);
        match &self.finding {
            Finding::Missing => format!("missing: {path}"),
            Finding::Length { found } => format!(
                "changed: {path} ({found} bytes; the manifest says {})",
                self.entry.bytes
            ),
            Finding::Content => {
                format!("changed: {path} (its content differs from the manifest's digest)")
            }
            Finding::Unreadable(e) => format!("unreadable: {path} ({e})"),
            Finding::Link => format!(
                "not a file: {path} (a symbolic link is at its place, or a link or a file \
                 where one of its folders belongs; verify follows no link)"
            ),
        }
    }
}

/// What `verify` found in a folder.
#[derive(Debug)]
pub struct VerifyReport {
    /// The folder.
    pub dir: PathBuf,
    /// What the files were checked against (`manifest.json`, or the shard markers).
    pub against: String,
    /// The tool that wrote the set.
    pub tool: Tool,
    /// When its run ended.
    pub run_ended: String,
    /// Files listed.
    pub listed: usize,
    /// Listed files that are missing or differ, in the manifest's order.
    pub differences: Vec<Difference>,
    /// Files present that nothing lists, `/`-separated below the folder.
    pub extra: Vec<String>,
    /// Why the shards' markers do not make one complete dataset, if they do not.
    pub incomplete: Option<String>,
    /// What was done first (a killed run's set moved into place) and what is worth knowing.
    pub notes: Vec<String>,
}

impl VerifyReport {
    /// Whether the folder holds exactly the set listed.
    pub fn is_whole(&self) -> bool {
        self.differences.is_empty() && self.extra.is_empty() && self.incomplete.is_none()
    }

    /// The closing line: all files match, or how many differ.
    pub fn summary(&self) -> String {
        let (dir, total, against) = (shown(&self.dir), self.listed, &self.against);
        if self.is_whole() {
            return format!(
                "{dir}: all {total} files match {against} ({} {}, run ended {})",
                self.tool.name, self.tool.version, self.run_ended
            );
        }
        format!(
            "{dir}: {}{} of {total} files differ from {against}, {} extra file{}",
            match self.incomplete {
                Some(_) => "the shards do not make a complete dataset (see above); ",
                None => "",
            },
            self.differences.len(),
            self.extra.len(),
            if self.extra.len() == 1 { "" } else { "s" }
        )
    }
}

/// Checks one listed file, reached through the folder's handle one plain name at a time and
/// read without following a link.
fn check(folder: &Folder, entry: &OutputEntry) -> Result<Option<Finding>> {
    let Some(expected) = entry.digest() else {
        return Err(OutputSetError::Refused(format!(
            "the manifest's digest of {} is not one",
            entry.path
        )));
    };
    let relative = relative_path(&entry.path)?;
    let at = folder.path().join(&relative);
    let (parent, name) = split(&relative)?;
    let dir = match folder.subfolder(parent, false) {
        Ok(Some(dir)) => dir,
        Ok(None) => return Ok(Some(Finding::Missing)),
        Err(OutputSetError::Refused(_)) => return Ok(Some(Finding::Link)),
        Err(e) => return Err(e),
    };
    match entry_in(&dir, name, &at)? {
        Entry::File => {}
        Entry::Link => return Ok(Some(Finding::Link)),
        _ => return Ok(Some(Finding::Missing)),
    }
    Ok(match digest_in(&dir, name, &at) {
        Ok(Some((_, bytes))) if bytes != entry.bytes => Some(Finding::Length { found: bytes }),
        Ok(Some((digest, _))) if digest == expected => None,
        Ok(Some(_)) => Some(Finding::Content),
        Ok(None) => Some(Finding::Missing),
        Err(OutputSetError::Io { source, .. }) => Some(Finding::Unreadable(source)),
        Err(e) => return Err(e),
    })
}

/// The files below `dir` (relative, `/`-separated) that are not this tool's own bookkeeping,
/// and notes on the leftovers of interrupted runs found instead.
fn files_present(dir: &Path) -> Result<(BTreeSet<String>, Vec<String>)> {
    let mut files = BTreeSet::new();
    let mut notes = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            OutputSetError::io("list", &path, e.into())
        })?;
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let top = entry.depth() == 1;
        let name = entry.file_name().to_string_lossy();
        if top && name.starts_with(STAGING_NAME) {
            walk.skip_current_dir();
            notes.push(match entry.path().join(MANIFEST_NAME).is_file() {
                true => {
                    format!(
                        "a run was interrupted while moving its outputs into place ({name}/ \
                             holds the rest of its set): the next run into this folder (of the \
                             same shard) finishes moving them"
                    )
                }
                false => format!(
                    "an interrupted run left its unfinished outputs in {name}/: the next \
                         run into this folder (of the same shard) removes them"
                ),
            });
            continue;
        }
        let is_lock =
            name == LOCK_NAME || (name.starts_with(".annotext-") && name.ends_with(".lock"));
        if entry.file_type().is_dir() || (top && (name == MANIFEST_NAME || is_lock)) {
            continue;
        }
        if entry.file_type().is_file() && is_temporary_name(&name) {
            notes.push(format!(
                "{} is a temporary file an interrupted run left: the next run removes it",
                shown(relative)
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

/// The lock files in `dir`: a whole run's and each shard's.
fn locks(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).at("list", dir)? {
        let entry = entry.at("list", dir)?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if name == LOCK_NAME || (name.starts_with(".annotext-part-") && name.ends_with(".lock")) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// What a folder's files are checked against: its `manifest.json`, or, in a dataset that shards
/// are filling and no `combine` has completed yet, the outputs of every shard's marker (then the
/// markers' own paths come second: they are bookkeeping, not extra files).
fn listing(dir: &Path) -> Result<Listing> {
    let manifest_path = dir.join(MANIFEST_NAME);
    if manifest_path.is_file() {
        return Ok(Listing {
            manifest: Manifest::read(&manifest_path)?,
            markers: Vec::new(),
            against: MANIFEST_NAME.to_owned(),
            incomplete: None,
        });
    }
    let markers = read_markers(dir)?;
    if markers.is_empty() {
        return Err(OutputSetError::Refused(format!(
            "{} has no {MANIFEST_NAME} and no shard marker: no run has completed there",
            shown(dir)
        )));
    }
    let mut union = markers[0].manifest.clone();
    union.outputs = markers
        .iter()
        .flat_map(|m| m.manifest.outputs.iter().cloned())
        .collect();
    union.outputs.sort_by(|a, b| a.path.cmp(&b.path));
    union.run.ended = markers
        .iter()
        .map(|m| m.manifest.run.ended.clone())
        .max()
        .unwrap_or_default();
    let paths: Vec<String> = markers
        .iter()
        .map(|m| {
            let name = m.path.file_name().unwrap_or_default().to_string_lossy();
            format!("{SHARDS_FOLDER}/{name}")
        })
        .collect();
    let count = markers.len();
    // Every marker's files are checked; the dataset is whole only if its shards make one.
    let incomplete = Dataset::of_markers(dir, markers)
        .err()
        .map(|e| e.to_string());
    let against = format!(
        "the {count} shard marker{} in {SHARDS_FOLDER}/",
        if count == 1 { "" } else { "s" }
    );
    Ok(Listing {
        manifest: union,
        markers: paths,
        against,
        incomplete,
    })
}

/// What a folder is checked against.
struct Listing {
    /// The files it must hold (a dataset's: every marker's).
    manifest: Manifest,
    /// The shard markers, which are bookkeeping and not extra files.
    markers: Vec<String>,
    /// What the files are checked against, for the summary line.
    against: String,
    /// Why the shards' markers do not make one complete dataset, if they do not.
    incomplete: Option<String>,
}

/// Checks the folder `dir` against its manifest (or, before `combine`, its shard markers).
/// Fails when it cannot be checked: no manifest nor marker, an unreadable one, or a run
/// writing into it now.
pub fn verify(dir: &Path) -> Result<VerifyReport> {
    if !dir.is_dir() {
        return Err(OutputSetError::Refused(format!(
            "{} is not a folder",
            shown(dir)
        )));
    }
    // Every lock held for the whole check: a run that starts meanwhile waits for none of it
    // and changes nothing under it.
    let _locks = locks(dir)?
        .iter()
        .map(|lock| FolderLock::take(dir, lock).step(|| "cannot verify the folder now".to_owned()))
        .collect::<Result<Vec<_>>>()?;
    let folder = Folder::open(dir, false)?;
    let mut finished = Vec::new();
    for publication in staging::committed_publications(dir)? {
        let kept = finish_committed_locked(&folder, publication)
            .step(|| "cannot finish moving into place the outputs of a killed run".to_owned())?;
        {
            finished.extend(kept);
            finished.push(match publication {
                Publication::Run => "a run was killed after it had committed its outputs, while \
                                     moving them into place: verify finished moving them, as the \
                                     next run would have"
                    .to_owned(),
                Publication::Shard(shard) => format!(
                    "shard {shard} was killed after it had committed its outputs: verify \
                     finished moving them into place, as the shard's next run would have"
                ),
            });
        }
    }
    let Listing {
        manifest,
        markers,
        against,
        incomplete,
    } = listing(dir)?;
    let findings = manifest
        .outputs
        .par_iter()
        .map(|entry| check(&folder, entry))
        .collect::<Result<Vec<_>>>()?;
    let (present, mut notes) = files_present(dir)?;
    let listed: BTreeSet<&str> = manifest
        .outputs
        .iter()
        .map(|e| e.path.as_str())
        .chain(markers.iter().map(String::as_str))
        .collect();
    let extra: Vec<String> = present
        .iter()
        .filter(|p| !listed.contains(p.as_str()))
        .cloned()
        .collect();
    let differences: Vec<Difference> = manifest
        .outputs
        .iter()
        .zip(findings)
        .filter_map(|(entry, finding)| {
            finding.map(|finding| Difference {
                entry: entry.clone(),
                finding,
            })
        })
        .collect();
    let marker_changed = differences
        .iter()
        .any(|d| d.entry.path.starts_with(SHARDS_FOLDER));
    if marker_changed {
        notes.push(format!(
            "a shard ran again after `annotext combine` wrote {MANIFEST_NAME}: run `annotext \
             combine {}` again for the dataset's workbook and manifest",
            shown(dir)
        ));
    }
    finished.extend(notes);
    Ok(VerifyReport {
        dir: dir.to_path_buf(),
        against,
        listed: manifest.outputs.len(),
        tool: manifest.tool,
        run_ended: manifest.run.ended,
        differences,
        extra,
        incomplete,
        notes: finished,
    })
}
