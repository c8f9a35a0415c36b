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
//! earlier versions, which wrote in place, left when killed.
//!
//! Nothing is removed or replaced that annotext did not write: a file of the previous set is
//! removed or replaced only when the previous manifest lists it with the digest it has now. A
//! file somebody changed (or put where an output goes) is kept, moved aside to
//! `<name>.modified.<ext>` when an output takes its place, and the run says so. A folder that
//! holds files with output names but no manifest of annotext's is refused (unless forced). All
//! of it is reached through [`crate::folder`]: never through a link, never outside the folder.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use cap_fs_ext::DirExt;
use cap_std::fs::Dir;

use crate::error::{IoContext, OutputSetError, Result, StepContext};

use annotext_atomic_file::{is_temporary_name, write_bytes_atomic, Digest};

use crate::names::{an_outputs_name, shown, shown_str};

use crate::folder::{digest_in, entry_in, path_through, split, sync_dir, Entry, Folder};
use crate::lock::{FolderLock, LockMode, LOCK_NAME};
use crate::manifest::{relative_path, Manifest, OutputEntry, MANIFEST_NAME};
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
            Publication::Run => LOCK_NAME.to_owned(),
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

impl Publication {
    /// The locks a publication holds while it writes: a whole run the folder's alone; a shard
    /// the folder's beside other shards, and its own alone.
    fn locks(self, out: &Path) -> Result<Vec<FolderLock>> {
        match self {
            Publication::Run => Ok(vec![FolderLock::take(out, LOCK_NAME)?]),
            Publication::Shard(_) => Ok(vec![
                FolderLock::take_as(out, LOCK_NAME, LockMode::Shared)?,
                FolderLock::take(out, &self.lock_name())?,
            ]),
        }
    }
}

/// Finishes moving into place the set of a run (or shard) that was killed after it committed
/// (its manifest is in its staging folder), holding that publication's locks; true when there
/// was such a set. Fails, without touching anything, when a run holds the lock: it is still
/// writing.
pub fn finish_committed(out: &Path, publication: Publication) -> Result<bool> {
    let folder = Folder::open(out, false)?;
    if !is_committed(&folder, publication)? {
        return Ok(false);
    }
    let _locks = publication.locks(out)?;
    finish_committed_locked(&folder, publication).map(|_| true)
}

/// [`finish_committed`] for a caller that holds the locks already (`verify`); says what it
/// kept. Does nothing when there is no committed set.
pub fn finish_committed_locked(folder: &Folder, publication: Publication) -> Result<Vec<String>> {
    // Looked at again under the lock: the run that held it may have finished meanwhile.
    if !is_committed(folder, publication)? {
        return Ok(Vec::new());
    }
    move_into_place(folder, publication, false)
}

/// Whether the staging folder of `publication` holds a committed set (a real folder holding a
/// manifest).
fn is_committed(folder: &Folder, publication: Publication) -> Result<bool> {
    let name = publication.staging_name();
    if entry_in(folder.dir(), &name, &folder.path().join(&name))? != Entry::Folder {
        return Ok(false);
    }
    Ok(folder.entry(&Path::new(&name).join(MANIFEST_NAME))? == Entry::File)
}

/// The folders below the output folder a run writes into, searched for stray temporary files.
const OUTPUT_SUBFOLDERS: [&str; 2] = ["tables", "briefings"];

/// How the staging folder is made: on Unix, open to its owner only (`0700`, whatever the
/// umask or a group folder's setgid bit), so that no other user of a shared output folder can
/// plant a link inside it while the writers, which go below it by path, are at work.
#[cfg(unix)]
fn private_folder() -> cap_std::fs::DirBuilder {
    use cap_std::fs::DirBuilderExt;
    let mut builder = cap_std::fs::DirBuilder::new();
    builder.mode(0o700);
    builder
}

/// How the staging folder is made elsewhere: as any folder.
#[cfg(not(unix))]
fn private_folder() -> cap_std::fs::DirBuilder {
    cap_std::fs::DirBuilder::new()
}

/// A run's staging folder, with the folder's locks. Dropped before [`Staging::publish`] (the
/// run failed), it is removed: the previous set stays as it was.
#[derive(Debug)]
pub struct Staging {
    folder: Folder,
    dir: PathBuf,
    /// The staging folder, held open: writers reach it through this handle.
    handle: Dir,
    /// The path writers write below, through `handle` ([`path_through`]).
    root: PathBuf,
    publication: Publication,
    force: bool,
    committed: bool,
    _locks: Vec<FolderLock>,
}

impl Staging {
    /// Opens `out` for a run: creates it if needed, takes its locks, deals with what interrupted
    /// runs left (see the module's description; each is described in the returned notes), and
    /// creates an empty staging folder. `force`: replace files with output names in a folder
    /// that has no manifest of annotext's.
    pub fn open(
        out: &Path,
        publication: Publication,
        force: bool,
    ) -> Result<(Staging, Vec<String>)> {
        let folder = Folder::open(out, true)?;
        let locks = publication.locks(out)?;
        check_folder_kind(&folder, publication)?;
        let notes = clean_leftovers(&folder, publication)?;
        let name = publication.staging_name();
        let dir = publication.staging_dir(out);
        folder
            .dir()
            .create_dir_with(&name, &private_folder())
            .at("create the staging folder", &dir)?;
        let handle = folder.subfolder(Path::new(&name), false)?.ok_or_else(|| {
            OutputSetError::Refused(format!("{} vanished as it was made", shown(&dir)))
        })?;
        let root = path_through(&handle, &dir);
        let staging = Staging {
            folder,
            dir,
            handle,
            root,
            publication,
            force,
            committed: false,
            _locks: locks,
        };
        Ok((staging, notes))
    }

    /// The folder the outputs are written into, as it is named.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path to write the outputs below: the staging folder reached through the handle this
    /// holds (on Linux), so that a process that swaps the folder for a link while the run
    /// writes cannot turn the writes elsewhere. Valid while this lives.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Commits the staged outputs, which `manifest` describes, and moves them into place; says
    /// which files of others it kept or moved aside.
    pub fn publish(mut self, manifest: &Manifest) -> Result<Vec<String>> {
        check_destinations(&self.folder, self.publication, manifest, self.force)?;
        pause_at(PausePoint::Staged);
        self.check_still_named()?;
        let bytes = manifest.to_bytes();
        let path = self.root.join(MANIFEST_NAME);
        write_bytes_atomic(&path, &bytes)
            .map_err(OutputSetError::from)
            .step(|| "cannot write the manifest".to_owned())?;
        // From here on the staged set is the run's result: a failure while moving it leaves it
        // for the next run to finish, never half removed.
        self.committed = true;
        pause_at(PausePoint::Committed);
        move_into_place(&self.folder, self.publication, self.force)
    }
}

impl Staging {
    /// Refuses to commit when the staging folder's name no longer leads to the folder the
    /// outputs were written into (it was moved, or swapped for a link): what is there now is not
    /// this run's.
    fn check_still_named(&self) -> Result<()> {
        let name = self.publication.staging_name();
        let ours = self.handle.dir_metadata().at("look at", &self.dir)?;
        let named = self
            .folder
            .dir()
            .symlink_metadata(&name)
            .at("look at", &self.dir)?;
        if named.is_dir() && same_folder(&named, &ours) {
            return Ok(());
        }
        Err(OutputSetError::Refused(format!(
            "{} was replaced while the run wrote into it; nothing was moved into place",
            shown(&self.dir)
        )))
    }
}

/// Whether two folders' metadata are of one folder.
#[cfg(unix)]
fn same_folder(a: &cap_std::fs::Metadata, b: &cap_std::fs::Metadata) -> bool {
    use cap_std::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

/// Elsewhere the writers go by the folder's name (see [`path_through`]), so what is there is
/// what they wrote into.
#[cfg(not(unix))]
fn same_folder(_a: &cap_std::fs::Metadata, _b: &cap_std::fs::Metadata) -> bool {
    true
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: what remains is removed by the next run. Through the handle: a link
            // put in its place is removed, never followed.
            let name = self.publication.staging_name();
            let _ = match entry_in(self.folder.dir(), &name, &self.dir) {
                Ok(Entry::Folder) => self.folder.dir().remove_dir_all(&name),
                Ok(Entry::Link) => self.folder.dir().remove_file_or_symlink(&name),
                _ => Ok(()),
            };
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
        // A link in the staging folder's place is no staging folder.
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if let (Some(publication), true) = (publication, is_folder) {
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
    let shards = out.join(SHARDS_FOLDER);
    // A link in the place of the markers' folder holds no marker of this folder's.
    if shards.symlink_metadata().is_ok_and(|m| m.is_symlink()) {
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(shards) else {
        return Vec::new();
    };
    let mut markers: Vec<(String, u32)> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            let shard = Shard::of_part_name(name.strip_suffix(".json")?)?;
            Some((name, shard.count))
        })
        .collect();
    markers.sort();
    markers
}

/// Fails when the folder holds another kind of output set than `publication` adds to: a whole
/// run's set and a sharded dataset, or datasets of two shardings, would mix in one folder.
/// Decided under the folder's lock, which a whole run holds alone and shards share.
fn check_folder_kind(folder: &Folder, publication: Publication) -> Result<()> {
    let out = folder.path();
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
            let whole_run = read_manifest(folder, Path::new(MANIFEST_NAME)).is_ok_and(|m| {
                m.is_some_and(|m| {
                    !m.outputs
                        .iter()
                        .any(|o| o.path.starts_with(&format!("{SHARDS_FOLDER}/")))
                })
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

/// The manifest at `relative` in the folder, read without following a link; `None` when there
/// is no file there.
fn read_manifest(folder: &Folder, relative: &Path) -> Result<Option<Manifest>> {
    match folder.read(relative)? {
        Some(bytes) => Manifest::from_bytes(&bytes, &folder.path().join(relative)).map(Some),
        None => Ok(None),
    }
}

/// Fails when an output could not be moved into place (a folder where it goes, a file or a
/// link where one of its folders goes), or when the folder holds files with output names but
/// no manifest of annotext's to vouch that they are annotext's (unless `force`). Checked before
/// the commit point, so that such a run fails with the previous set untouched.
fn check_destinations(
    folder: &Folder,
    publication: Publication,
    manifest: &Manifest,
    force: bool,
) -> Result<()> {
    let manifest_path = publication.manifest_path();
    // A link, a folder or a device where the manifest goes is nobody's manifest of annotext's:
    // moving the new one there would replace it.
    if !force && !matches!(folder.entry(&manifest_path)?, Entry::File | Entry::Missing) {
        return Err(OutputSetError::Refused(format!(
            "{} is not a manifest annotext wrote (not a regular file): it is left as it is; \
             choose another output folder, or give --force to replace it",
            shown(folder.path().join(&manifest_path))
        )));
    }
    let previous = match read_manifest(folder, &manifest_path) {
        Ok(previous) => previous,
        Err(_) if force => None,
        Err(e) => {
            return Err(e).step(|| {
                format!(
                    "{} is not a manifest annotext wrote: the folder's files may be somebody \
                     else's; choose another output folder, or give --force to replace them",
                    shown(folder.path().join(&manifest_path))
                )
            })
        }
    };
    let mut foreign = Vec::new();
    for entry in &manifest.outputs {
        let relative = relative_path(&entry.path)?;
        let target = folder.path().join(&relative);
        let (parent, _) = split(&relative)?;
        // A link or a file where a folder goes is refused here, before anything moves.
        folder.subfolder(parent, false)?;
        match folder.entry(&relative)? {
            Entry::Folder => {
                return Err(OutputSetError::Refused(format!(
                    "{} is a folder: the output {} cannot be put there",
                    shown(&target),
                    shown_str(&entry.path)
                )))
            }
            Entry::Missing => {}
            _ if previous.is_some() || force => {}
            _ => {
                let same = folder.digest(&relative)?.is_some_and(|(digest, bytes)| {
                    Some(digest) == entry.digest() && bytes == entry.bytes
                });
                if !same {
                    foreign.push(shown_str(&entry.path));
                }
            }
        }
    }
    if !foreign.is_empty() {
        let more = match foreign.len() {
            0..=3 => String::new(),
            n => format!(" and {} more", n - 3),
        };
        foreign.truncate(3);
        return Err(OutputSetError::Refused(format!(
            "{} holds files with the names of annotext's outputs ({}{more}) but no manifest of \
             annotext's: they may be somebody else's, and are left as they are; choose another \
             output folder, or give --force to replace them",
            shown(folder.path()),
            foreign.join(", ")
        )));
    }
    Ok(())
}

/// Finishes or removes the staging folder an interrupted run left, and removes stray temporary
/// files; says what was done.
fn clean_leftovers(folder: &Folder, publication: Publication) -> Result<Vec<String>> {
    let mut notes = Vec::new();
    let out = folder.path();
    let name = publication.staging_name();
    let staging = publication.staging_dir(out);
    if is_committed(folder, publication)? {
        notes.extend(
            move_into_place(folder, publication, false)
                .step(|| "cannot finish the publication of an interrupted run".to_owned())?,
        );
        notes.push(format!(
            "an earlier run into {} was interrupted while moving its outputs into place; \
             its outputs and manifest are now in place",
            shown(out)
        ));
    } else {
        let found = entry_in(folder.dir(), &name, &staging)?;
        let removed = match found {
            Entry::Folder => folder.dir().remove_dir_all(&name),
            Entry::Missing => return finish_cleaning(folder, publication, notes),
            // Anything else in its place (a link, a file) is removed, never followed.
            _ => folder.dir().remove_file_or_symlink(&name),
        };
        removed.at("remove", &staging)?;
        notes.push(match found {
            Entry::Folder => format!(
                "removed the unfinished outputs of an interrupted run ({})",
                shown(&staging)
            ),
            _ => format!(
                "removed a link or a file at the staging folder's name, {} (annotext's own \
                 name; a link is never followed)",
                shown(&staging)
            ),
        });
    }
    finish_cleaning(folder, publication, notes)
}

/// Removes stray temporary files, for a whole run.
fn finish_cleaning(
    folder: &Folder,
    publication: Publication,
    mut notes: Vec<String>,
) -> Result<Vec<String>> {
    if publication != Publication::Run {
        // Other shards may be at work in the shared folders; a shard writes only in its own
        // staging folder, which is dealt with above.
        return Ok(notes);
    }
    let strays = remove_temporary_files(folder)?;
    if strays > 0 {
        notes.push(format!(
            "removed {strays} temporary file{} an interrupted run left in {}",
            if strays == 1 { "" } else { "s" },
            shown(folder.path())
        ));
    }
    Ok(notes)
}

/// Removes this tool's temporary files from the folder and the folders it writes into (never
/// through a link); how many.
fn remove_temporary_files(folder: &Folder) -> Result<usize> {
    let mut removed = remove_temporary_in(folder.dir(), folder.path(), 1)?;
    for sub in OUTPUT_SUBFOLDERS {
        let at = folder.path().join(sub);
        if entry_in(folder.dir(), sub, &at)? == Entry::Folder {
            if let Ok(dir) = folder.dir().open_dir_nofollow(sub) {
                removed += remove_temporary_in(&dir, &at, usize::MAX)?;
            }
        }
    }
    Ok(removed)
}

/// Removes the temporary files in `dir` (at `at`), down `depth` levels of real folders.
fn remove_temporary_in(dir: &Dir, at: &Path, depth: usize) -> Result<usize> {
    let mut removed = 0;
    for entry in dir.entries().at("list", at)? {
        let entry = entry.at("list", at)?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_file() && is_temporary_name(&name) {
            dir.remove_file(&name).at("remove", &at.join(&name))?;
            removed += 1;
        } else if kind.is_dir() && depth > 1 {
            if let Ok(sub) = dir.open_dir_nofollow(&name) {
                removed += remove_temporary_in(&sub, &at.join(&name), depth - 1)?;
            }
        }
    }
    Ok(removed)
}

/// Moves the file (or link) `name` in `dir`, which annotext did not write as it is, aside to
/// [`aside_name`]; returns the note that says so (`at`: its path, for messages).
fn move_aside(dir: &Dir, name: &str, at: &Path) -> Result<String> {
    let aside = aside_name(dir, name);
    dir.rename(name, dir, &aside)
        .map_err(|e| moving(at, &at.with_file_name(&aside), e))?;
    Ok(format!(
        "{} was not as annotext wrote it (changed, or put there by somebody else): kept as {}, \
         and the new output put in its place",
        shown(at),
        shown(at.with_file_name(&aside))
    ))
}

/// Makes room for a file written in place, outside any staging folder (`combine`'s workbook,
/// corpus briefing and manifest in a dataset's folder): whatever is at `relative` is left
/// where it is when it is the file `vouched` describes (its entry in an earlier manifest of
/// annotext's), and otherwise moved aside to `NAME.modified.EXT`, a link included (never
/// followed), with a note that says so; a folder there is refused.
pub fn make_room(
    folder: &Folder,
    relative: &Path,
    vouched: Option<&OutputEntry>,
) -> Result<Option<String>> {
    let (parent, name) = split(relative)?;
    let Some(dir) = folder.subfolder(parent, true)? else {
        return Ok(None);
    };
    let at = folder.path().join(relative);
    match entry_in(&dir, name, &at)? {
        Entry::Missing => return Ok(None),
        Entry::Folder => {
            return Err(OutputSetError::Refused(format!(
                "{} is a folder: annotext cannot put its file there",
                shown(&at)
            )))
        }
        Entry::File => {
            let listed = |(digest, bytes): (Digest, u64)| {
                vouched.is_some_and(|e| e.digest() == Some(digest) && e.bytes == bytes)
            };
            if digest_in(&dir, name, &at)?.is_some_and(listed) {
                return Ok(None);
            }
        }
        Entry::Link | Entry::Other => {}
    }
    move_aside(&dir, name, &at).map(Some)
}

/// The manifest of annotext's at `relative` in the folder, when there is one (read without
/// following a link; one that is not annotext's, or not readable, is none).
pub fn previous_manifest(folder: &Folder, relative: &Path) -> Option<Manifest> {
    read_manifest(folder, relative).ok().flatten()
}

/// The name a file somebody changed is moved aside to, free in `dir`:
/// `summit.modified.pdf`, then `summit.modified-2.pdf` ….
fn aside_name(dir: &Dir, name: &str) -> String {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    (1..)
        .map(|n| match n {
            1 => format!("{stem}.modified{extension}"),
            n => format!("{stem}.modified-{n}{extension}"),
        })
        .find(|candidate| dir.symlink_metadata(candidate).is_err())
        .unwrap_or_else(|| format!("{stem}.modified"))
}

/// Moves the committed set in the staging folder into place: each output, then the removal of
/// the previous set's files not written again, then the manifest, then the staging folder goes.
/// Every step can be done again, so an interrupted call is finished by calling it again. Says
/// which files it kept or moved aside because annotext did not write them as they are.
fn move_into_place(folder: &Folder, publication: Publication, force: bool) -> Result<Vec<String>> {
    let out = folder.path();
    let staging_name = publication.staging_name();
    let staging_path = publication.staging_dir(out);
    let staging = folder
        .subfolder(Path::new(&staging_name), false)?
        .ok_or_else(|| OutputSetError::Refused(format!("{} is gone", shown(&staging_path))))?;
    let manifest_bytes = folder
        .read(&Path::new(&staging_name).join(MANIFEST_NAME))?
        .unwrap_or_default();
    let manifest = Manifest::from_bytes(&manifest_bytes, &staging_path.join(MANIFEST_NAME))?;
    let manifest_path = publication.manifest_path();
    // An earlier manifest that is missing or unreadable vouches for nothing.
    let previous = previous_manifest(folder, &manifest_path);
    let vouched: BTreeMap<&str, &OutputEntry> = previous
        .iter()
        .flat_map(|m| m.outputs.iter())
        .map(|e| (e.path.as_str(), e))
        .collect();
    check_committed_set(folder, &staging, &staging_path, &manifest)?;

    let mut notes = Vec::new();
    let mut folders: BTreeMap<PathBuf, Dir> = BTreeMap::new();
    let mut kept = BTreeSet::new();
    for (moved, entry) in manifest.outputs.iter().enumerate() {
        let relative = relative_path(&entry.path)?;
        let (parent, name) = split(&relative)?;
        let to = out.join(&relative);
        let target = match folders.get(parent) {
            Some(dir) => dir,
            None => {
                let dir = folder.subfolder(parent, true)?.ok_or_else(|| {
                    OutputSetError::Refused(format!("cannot create {}", shown(out.join(parent))))
                })?;
                folders.entry(parent.to_path_buf()).or_insert(dir)
            }
        };
        let staged_parent = match parent.as_os_str().is_empty() {
            true => staging.try_clone().at("open", &staging_path)?,
            false => match staging.open_dir_nofollow(parent) {
                Ok(dir) => dir,
                // Every file of that folder was moved by the interrupted call this one finishes.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    kept.insert(relative);
                    continue;
                }
                Err(e) => return Err(OutputSetError::io("open", &staging_path.join(parent), e)),
            },
        };
        let from = staging_path.join(&relative);
        if entry_in(&staged_parent, name, &from)? != Entry::File {
            // Moved by the interrupted call this one finishes (checked: it is in place).
            kept.insert(relative);
            continue;
        }
        match entry_in(target, name, &to)? {
            Entry::Missing => {}
            Entry::Folder => {
                return Err(OutputSetError::Refused(format!(
                    "{} is a folder: the output {} cannot be put there",
                    shown(&to),
                    shown_str(&entry.path)
                )))
            }
            _ => {
                let theirs = digest_in(target, name, &to)?;
                let ours = theirs.is_some_and(|(digest, bytes)| {
                    let listed = |e: &OutputEntry| e.digest() == Some(digest) && e.bytes == bytes;
                    vouched.get(entry.path.as_str()).is_some_and(|e| listed(e)) || listed(entry)
                });
                let unvouched_first_run = previous.is_none() && force;
                if !ours && !unvouched_first_run {
                    notes.push(move_aside(target, name, &to)?);
                }
            }
        }
        staged_parent
            .rename(name, target, name)
            .map_err(|e| moving(&from, &to, e))?;
        kept.insert(relative);
        if moved == 0 {
            pause_at(PausePoint::Moving);
        }
    }
    if let Some(previous) = &previous {
        for entry in &previous.outputs {
            let relative = relative_path(&entry.path)?;
            if kept.contains(&relative) {
                continue;
            }
            let (parent, name) = split(&relative)?;
            let path = out.join(&relative);
            // An entry edited into the manifest by hand names no file to remove.
            if !an_outputs_name(&entry.path) {
                if folder.entry(&relative).is_ok_and(|e| e != Entry::Missing) {
                    notes.push(format!(
                        "{} is listed by the earlier manifest, but annotext writes no file of \
                         that name: kept as it is",
                        shown(&path)
                    ));
                }
                continue;
            }
            // A folder of the old set that is now a link is not followed to remove anything.
            let Ok(Some(dir)) = folder.subfolder(parent, false) else {
                continue;
            };
            match digest_in(&dir, name, &path)? {
                Some((digest, bytes)) if entry.digest() == Some(digest) && entry.bytes == bytes => {
                    dir.remove_file(name).at("remove", &path)?;
                    remove_empty_folders(folder, parent);
                }
                Some(_) => notes.push(format!(
                    "{} was changed since annotext wrote it: kept, though this run did not \
                     write it again",
                    shown(&path)
                )),
                None if entry_in(&dir, name, &path)? == Entry::Missing => {}
                None => notes.push(format!(
                    "{} is no longer the file annotext wrote: kept as it is",
                    shown(&path)
                )),
            }
        }
    }
    // The renames must be on disk before the manifest that vouches for them.
    for (parent, dir) in &folders {
        sync_dir(dir, &out.join(parent))?;
    }
    let (parent, name) = split(&manifest_path)?;
    let target = folder.subfolder(parent, true)?.ok_or_else(|| {
        OutputSetError::Refused(format!("cannot create {}", shown(out.join(parent))))
    })?;
    let to = out.join(&manifest_path);
    staging
        .rename(MANIFEST_NAME, &target, name)
        .map_err(|e| moving(&staging_path.join(MANIFEST_NAME), &to, e))?;
    sync_dir(&target, &out.join(parent))?;
    pause_at(PausePoint::Published);
    drop(staging);
    folder
        .dir()
        .remove_dir_all(&staging_name)
        .at("remove", &staging_path)?;
    Ok(notes)
}

/// Fails, touching nothing, unless the staging folder holds a set a run committed: a manifest
/// that lists outputs, each staged as a regular file or already in place with its digest (moved
/// by an interrupted call). A planted "committed" folder must not make annotext remove the
/// outputs in place.
fn check_committed_set(
    folder: &Folder,
    staging: &Dir,
    staging_path: &Path,
    manifest: &Manifest,
) -> Result<()> {
    let refused = |why: String| {
        OutputSetError::Refused(format!(
            "{} is not a set annotext committed ({why}): nothing was moved or removed; remove \
             that folder if no annotext run is writing there",
            shown(staging_path)
        ))
    };
    if manifest.outputs.is_empty() {
        return Err(refused("its manifest lists no output".to_owned()));
    }
    for entry in &manifest.outputs {
        let relative = relative_path(&entry.path)?;
        let (parent, name) = split(&relative)?;
        let staged = match parent.as_os_str().is_empty() {
            true => entry_in(staging, name, &staging_path.join(&relative))? == Entry::File,
            false => staging.open_dir_nofollow(parent).is_ok_and(|dir| {
                entry_in(&dir, name, &staging_path.join(&relative)).ok() == Some(Entry::File)
            }),
        };
        if staged {
            continue;
        }
        let in_place = folder
            .digest(&relative)?
            .is_some_and(|(digest, bytes)| entry.digest() == Some(digest) && entry.bytes == bytes);
        if !in_place {
            return Err(refused(format!(
                "{} is neither staged nor in place",
                shown_str(&entry.path)
            )));
        }
    }
    Ok(())
}

/// Removes the folders of `parent` below the output folder that a removal left empty
/// (`briefings/2023/`), up to the output folder.
fn remove_empty_folders(folder: &Folder, parent: &Path) {
    let mut current = Some(parent);
    while let Some(dir) = current.filter(|d| !d.as_os_str().is_empty()) {
        // Fails, and stops, at the first folder that still holds something (or is a link).
        let removed = match (dir.parent(), dir.file_name().and_then(|n| n.to_str())) {
            (Some(up), Some(name)) => match folder.subfolder(up, false) {
                Ok(Some(handle)) => handle.remove_dir(name).is_ok(),
                _ => false,
            },
            _ => false,
        };
        if !removed {
            break;
        }
        current = dir.parent();
    }
}

/// A failed move of `from` to `to`.
fn moving(from: &Path, to: &Path, source: io::Error) -> OutputSetError {
    OutputSetError::Io {
        what: format!("cannot move {} to {}", shown(from), shown(to)),
        path: to.to_path_buf(),
        source,
    }
}
