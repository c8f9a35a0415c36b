//! All or nothing per run. A run writes its outputs into a hidden staging folder inside the
//! output folder (`.annotext-staging/`, the same file system, so moving costs a rename); only
//! once every output is complete does it write the new manifest there (the commit point), move
//! each output into place, remove the files of the previous set that it did not write again,
//! and move the manifest into place last.
//!
//! A run killed before the commit point leaves the previous set and its manifest untouched; the
//! next run removes its staging folder. A run killed after it leaves a committed staging
//! folder: the next run finishes moving that set into place (every step can be done again)
//! before it starts. Runs also remove the temporary files (`.annotext-*.tmp`) that runs of
//! earlier versions, which wrote in place, left when killed. Only these names are ever removed,
//! and files of the previous set only when its manifest lists them.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{IoContext, OutputSetError, Result, StepContext};

use annotext_atomic_file::{is_temporary_name, write_bytes_atomic};

use crate::names::shown;

use crate::lock::FolderLock;
use crate::manifest::{relative_path, Manifest, MANIFEST_NAME};
use crate::pause::{pause_at, PausePoint};
use crate::shard::Shard;

/// The staging folder's name in the output folder.
pub const STAGING_NAME: &str = ".annotext-staging";

/// The folder of the shards' markers in a dataset's output folder.
pub const SHARDS_FOLDER: &str = "shards";

/// What a run publishes into its output folder: the whole set, or one shard's part of a
/// dataset that other shards fill beside it. A shard has its own lock, staging folder and
/// manifest (its marker, `shards/part-K-of-N.json`), so shards never wait for or touch each
/// other, and a shard run again replaces only the files its previous marker lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    /// A whole run: `manifest.json`, `.annotext-staging/`, `.annotext.lock`.
    Run,
    /// One shard: `shards/part-K-of-N.json`, `.annotext-staging-part-K-of-N/`,
    /// `.annotext-part-K-of-N.lock`.
    Shard(Shard),
}

impl Publication {
    /// The staging folder's name in the output folder.
    pub fn staging_name(self) -> String {
        match self {
            Publication::Run => STAGING_NAME.to_owned(),
            Publication::Shard(shard) => format!("{STAGING_NAME}-{}", shard.part_name()),
        }
    }

    /// The lock file's name in the output folder.
    pub fn lock_name(self) -> String {
        match self {
            Publication::Run => crate::lock::LOCK_NAME.to_owned(),
            Publication::Shard(shard) => format!(".annotext-{}.lock", shard.part_name()),
        }
    }

    /// Where the manifest goes below the output folder.
    pub fn manifest_path(self) -> PathBuf {
        match self {
            Publication::Run => PathBuf::from(MANIFEST_NAME),
            Publication::Shard(shard) => {
                Path::new(SHARDS_FOLDER).join(format!("{}.json", shard.part_name()))
            }
        }
    }

    /// Where a run into `out` stages its outputs.
    pub fn staging_dir(self, out: &Path) -> PathBuf {
        out.join(self.staging_name())
    }

    /// The publication whose staging folder is called `name`, if one is.
    pub fn of_staging_name(name: &str) -> Option<Publication> {
        match name.strip_prefix(STAGING_NAME)? {
            "" => Some(Publication::Run),
            rest => Shard::of_part_name(rest.strip_prefix('-')?).map(Publication::Shard),
        }
    }
}

/// Finishes moving into place the set of a run (or shard) that was killed after it committed
/// (its manifest is in its staging folder), holding that publication's lock; true when there
/// was such a set. For `verify`: a committed set is the folder's result, whole once moved, and
/// every step of moving can be done again. Fails, without touching anything, when a run holds
/// the lock: it is still writing.
pub fn finish_committed(out: &Path, publication: Publication) -> Result<bool> {
    let staging = publication.staging_dir(out);
    if !staging.join(MANIFEST_NAME).is_file() {
        return Ok(false);
    }
    let _lock = FolderLock::take(out, &publication.lock_name())?;
    // Looked at again under the lock: the run that held it may have finished meanwhile.
    if !staging.join(MANIFEST_NAME).is_file() {
        return Ok(false);
    }
    move_into_place(out, publication)?;
    Ok(true)
}

/// The folders below the output folder a run writes into, searched for stray temporary files.
const OUTPUT_SUBFOLDERS: [&str; 2] = ["tables", "briefings"];

/// A run's staging folder, with the folder's lock. Dropped before [`Staging::publish`] (the
/// run failed), it is removed: the previous set stays as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    publication: Publication,
    committed: bool,
    _lock: FolderLock,
}

impl Staging {
    /// Opens `out` for a run: creates it if needed, takes its lock, deals with what interrupted
    /// runs left (see the module's description; each is described in the returned notes), and
    /// creates an empty staging folder.
    pub fn open(out: &Path, publication: Publication) -> Result<(Staging, Vec<String>)> {
        fs::create_dir_all(out).at("create output folder", out)?;
        let lock = FolderLock::take(out, &publication.lock_name())?;
        check_folder_kind(out, publication)?;
        let notes = clean_leftovers(out, publication)?;
        let dir = publication.staging_dir(out);
        fs::create_dir(&dir).at("create the staging folder", &dir)?;
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            publication,
            committed: false,
            _lock: lock,
        };
        Ok((staging, notes))
    }

    /// The folder the outputs are written into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Commits the staged outputs, which `manifest` describes, and moves them into place.
    pub fn publish(mut self, manifest: &Manifest) -> Result<Vec<String>> {
        check_destinations(&self.out, manifest)?;
        pause_at(PausePoint::Staged);
        let bytes = manifest.to_bytes();
        let path = self.dir.join(MANIFEST_NAME);
        write_bytes_atomic(&path, &bytes)
            .map_err(OutputSetError::from)
            .step(|| "cannot write the manifest".to_owned())?;
        // From here on the staged set is the run's result: a failure while moving it leaves it
        // for the next run to finish, never half removed.
        self.committed = true;
        pause_at(PausePoint::Committed);
        move_into_place(&self.out, self.publication)?;
        Ok(Vec::new())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: what remains is removed by the next run.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Finishes the publication of every shard whose staging folder in `out` holds a committed set
/// ([`finish_committed`]); says which.
pub fn finish_committed_shards(out: &Path) -> Result<Vec<String>> {
    let mut notes = Vec::new();
    for publication in committed_publications(out)? {
        if let Publication::Shard(shard) = publication {
            if finish_committed(out, publication)
                .step(|| format!("cannot finish moving into place the outputs of shard {shard}"))?
            {
                notes.push(format!(
                    "shard {shard} was killed after it had committed its outputs: they are now \
                     moved into place, as the shard's next run would have done"
                ));
            }
        }
    }
    Ok(notes)
}

/// The publications whose staging folders in `out` hold a committed set (a manifest).
pub fn committed_publications(out: &Path) -> Result<Vec<Publication>> {
    let mut found = Vec::new();
    if !out.is_dir() {
        return Ok(found);
    }
    for entry in fs::read_dir(out).at("list", out)? {
        let entry = entry.at("list", out)?;
        let name = entry.file_name();
        let publication = name.to_str().and_then(Publication::of_staging_name);
        if let Some(publication) = publication {
            if entry.path().join(MANIFEST_NAME).is_file() {
                found.push(publication);
            }
        }
    }
    found.sort_by_key(|p| match p {
        Publication::Run => (0, 0),
        Publication::Shard(shard) => (shard.count, shard.index),
    });
    Ok(found)
}

/// The shard markers in `out/shards/`: (file name, number of shards).
pub fn shard_markers(out: &Path) -> Vec<(String, u32)> {
    let Ok(entries) = fs::read_dir(out.join(SHARDS_FOLDER)) else {
        return Vec::new();
    };
    let mut markers: Vec<(String, u32)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            let shard = Shard::of_part_name(name.strip_suffix(".json")?)?;
            Some((name, shard.count))
        })
        .collect();
    markers.sort();
    markers
}

/// Fails when `out` holds another kind of output set than `publication` adds to: a whole
/// run's set and a sharded dataset, or datasets of two shardings, would mix in one folder (a
/// whole run removes the files its previous manifest lists, parts of a dataset among them;
/// engines reading a table's folder would read two shardings' parts of it).
fn check_folder_kind(out: &Path, publication: Publication) -> Result<()> {
    let markers = shard_markers(out);
    match publication {
        Publication::Run => {
            if let Some((name, _)) = markers.first() {
                return Err(OutputSetError::Refused(format!(
                    "{} holds a sharded dataset ({SHARDS_FOLDER}/{name}…): a whole run would \
                     replace it; write the run into another folder",
                    shown(out)
                )));
            }
        }
        Publication::Shard(shard) => {
            if let Some((name, count)) = markers.iter().find(|(_, n)| *n != shard.count) {
                return Err(OutputSetError::Refused(format!(
                    "{} holds the dataset of a sharding into {count} shards ({SHARDS_FOLDER}/{name}): \
                     shards of another number ({shard}) would mix with its parts; run them into \
                     another folder, or remove that dataset first",
                    shown(out)
                )));
            }
            let whole_run = Manifest::read(&out.join(MANIFEST_NAME)).is_ok_and(|m| {
                !m.outputs
                    .iter()
                    .any(|o| o.path.starts_with(&format!("{SHARDS_FOLDER}/")))
            });
            if whole_run {
                return Err(OutputSetError::Refused(format!(
                    "{} holds the outputs of a whole run ({MANIFEST_NAME}): shards write their \
                     dataset into a folder of their own",
                    shown(out)
                )));
            }
        }
    }
    Ok(())
}

/// Fails when an output could not be moved into place: a folder where the output goes, or a
/// file where one of its folders goes. Checked before the commit point, so that such a run
/// fails with the previous set untouched rather than halfway through moving its own.
fn check_destinations(out: &Path, manifest: &Manifest) -> Result<()> {
    for entry in &manifest.outputs {
        let relative = relative_path(&entry.path)?;
        let target = out.join(&relative);
        if target.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            return Err(OutputSetError::Refused(format!(
                "{} is a folder: the output {} cannot be put there",
                shown(&target),
                entry.path
            )));
        }
        let mut folder = relative.parent();
        while let Some(dir) = folder.filter(|d| !d.as_os_str().is_empty()) {
            let path = out.join(dir);
            if path.symlink_metadata().is_ok_and(|m| !m.is_dir()) && !path.is_dir() {
                return Err(OutputSetError::Refused(format!(
                    "{} is a file: the output {} needs a folder there",
                    shown(&path),
                    entry.path
                )));
            }
            folder = dir.parent();
        }
    }
    Ok(())
}

/// Finishes or removes the staging folder an interrupted run left in `out`, and removes stray
/// temporary files; says what was done.
fn clean_leftovers(out: &Path, publication: Publication) -> Result<Vec<String>> {
    let mut notes = Vec::new();
    let staging = publication.staging_dir(out);
    if staging.join(MANIFEST_NAME).is_file() {
        move_into_place(out, publication)
            .step(|| "cannot finish the publication of an interrupted run".to_owned())?;
        notes.push(format!(
            "an earlier run into {} was interrupted while moving its outputs into place; \
             its outputs and manifest are now in place",
            shown(out)
        ));
    } else if staging.symlink_metadata().is_ok() {
        fs::remove_dir_all(&staging).at("remove", &staging)?;
        notes.push(format!(
            "removed the unfinished outputs of an interrupted run ({})",
            shown(&staging)
        ));
    }
    if publication != Publication::Run {
        // Other shards may be at work in the shared folders; a shard writes only in its own
        // staging folder, which is dealt with above.
        return Ok(notes);
    }
    let strays = remove_temporary_files(out)?;
    if strays > 0 {
        notes.push(format!(
            "removed {strays} temporary file{} an interrupted run left in {}",
            if strays == 1 { "" } else { "s" },
            shown(out)
        ));
    }
    Ok(notes)
}

/// Removes this tool's temporary files from `out` and the folders it writes into; how many.
fn remove_temporary_files(out: &Path) -> Result<usize> {
    let mut removed = 0;
    let roots = std::iter::once((out.to_path_buf(), 1)).chain(
        OUTPUT_SUBFOLDERS
            .iter()
            .map(|sub| (out.join(sub), usize::MAX)),
    );
    for (root, depth) in roots {
        for entry in walkdir::WalkDir::new(&root)
            .min_depth(1)
            .max_depth(depth)
            .into_iter()
            // A folder that does not exist or cannot be listed holds nothing of ours to remove.
            .filter_map(Result::ok)
        {
            let is_ours = entry.file_type().is_file()
                && entry.file_name().to_str().is_some_and(is_temporary_name);
            if is_ours {
                fs::remove_file(entry.path()).at("remove", entry.path())?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Moves the committed set in `out`'s staging folder into place: each output, then the removal
/// of the previous set's files not written again, then the manifest, then the staging folder
/// goes. Every step can be done again, so an interrupted call is finished by calling it again.
fn move_into_place(out: &Path, publication: Publication) -> Result<()> {
    let staging = publication.staging_dir(out);
    let manifest = Manifest::read(&staging.join(MANIFEST_NAME))?;
    let manifest_path = out.join(publication.manifest_path());
    // An earlier manifest that is missing or unreadable lists nothing to remove.
    let previous = Manifest::read(&manifest_path).ok();
    let mut folders = BTreeSet::from([out.to_path_buf()]);
    let mut kept = BTreeSet::new();
    for (moved, entry) in manifest.outputs.iter().enumerate() {
        let relative = relative_path(&entry.path)?;
        let (from, to) = (staging.join(&relative), out.join(&relative));
        if let Some(folder) = to.parent() {
            fs::create_dir_all(folder).at("create folder", folder)?;
            folders.insert(folder.to_path_buf());
        }
        match rename_into(&from, &to) {
            Ok(()) => {}
            // Moved by the interrupted call this one finishes.
            Err(e) if e.kind() == io::ErrorKind::NotFound && to.is_file() => {}
            Err(e) => {
                return Err(moving(&from, &to, e));
            }
        }
        kept.insert(relative);
        if moved == 0 {
            pause_at(PausePoint::Moving);
        }
    }
    if let Some(previous) = previous {
        for entry in &previous.outputs {
            let relative = relative_path(&entry.path)?;
            if kept.contains(&relative) {
                continue;
            }
            let path = out.join(&relative);
            match fs::remove_file(&path) {
                Ok(()) => remove_empty_folders(out, &relative),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).at("remove", &path),
            }
        }
    }
    // The renames must be on disk before the manifest that vouches for them.
    for folder in &folders {
        sync_folder(folder)?;
    }
    let (from, to) = (staging.join(MANIFEST_NAME), manifest_path);
    let folder = to.parent().unwrap_or(out);
    fs::create_dir_all(folder).at("create folder", folder)?;
    fs::rename(&from, &to).map_err(|e| moving(&from, &to, e))?;
    sync_folder(folder)?;
    pause_at(PausePoint::Published);
    fs::remove_dir_all(&staging).at("remove", &staging)?;
    Ok(())
}

/// Renames `from` to `to`, whose folder exists. Shards share the dataset's folders, and one
/// shard removes a folder its previous set left empty (`briefings/2023/`) while another may be
/// about to move a file into it: the folder is made again, a few times.
fn rename_into(from: &Path, to: &Path) -> io::Result<()> {
    let mut tries = 0;
    loop {
        match fs::rename(from, to) {
            Err(e) if e.kind() == io::ErrorKind::NotFound && from.exists() && tries < 3 => {
                tries += 1;
                if let Some(folder) = to.parent() {
                    fs::create_dir_all(folder)?;
                }
            }
            done => return done,
        }
    }
}

/// Removes the folders of `relative` below `out` that its removal left empty
/// (`briefings/2023/`), up to `out`.
fn remove_empty_folders(out: &Path, relative: &Path) {
    let mut folder = relative.parent();
    while let Some(dir) = folder.filter(|d| !d.as_os_str().is_empty()) {
        // Fails, and stops, at the first folder that still holds something.
        if fs::remove_dir(out.join(dir)).is_err() {
            break;
        }
        folder = dir.parent();
    }
}

/// Makes the entries of a folder (renames into it, removals) durable.
fn sync_folder(folder: &Path) -> Result<()> {
    let synced = fs::File::open(folder).and_then(|f| f.sync_all());
    synced.at("sync folder", folder)
}

/// A failed move of `from` to `to`.
fn moving(from: &Path, to: &Path, source: io::Error) -> OutputSetError {
    OutputSetError::Io {
        what: format!("cannot move {} to {}", shown(from), shown(to)),
        path: to.to_path_buf(),
        source,
    }
}
