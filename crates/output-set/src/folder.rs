//! Confinement: the output folder is opened once, as a directory handle, and everything in it
//! is reached relative to that handle, one plain name at a time, never through a symbolic link
//! (cap-std's `Dir`, with cap-fs-ext's no-follow opening). A path read from a manifest or a
//! marker is checked to be plain relative names first ([`crate::manifest::relative_path`]);
//! a link found where a folder of the set belongs is refused, and one found where a file
//! belongs is treated as what it is, a file annotext did not write. Nothing reached this way
//! can be outside the folder.

use std::io;
use std::path::{Component, Path, PathBuf};

use cap_fs_ext::DirExt;
use cap_std::fs::Dir;

use annotext_atomic_file::Digest;

use crate::error::{IoContext, OutputSetError, Result};
use crate::names::shown;

/// An output folder, opened.
#[derive(Debug)]
pub struct Folder {
    dir: Dir,
    path: PathBuf,
}

/// What is at a name in a folder, without following a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Nothing.
    Missing,
    /// A regular file.
    File,
    /// A folder.
    Folder,
    /// A symbolic link, wherever it leads.
    Link,
    /// A FIFO, a socket, a device.
    Other,
}

impl Folder {
    /// Opens the folder at `path` (which the caller named: it may itself be a link), creating
    /// it first when `create`.
    pub fn open(path: &Path, create: bool) -> Result<Folder> {
        if create {
            std::fs::create_dir_all(path).at("create output folder", path)?;
        }
        let dir = Dir::open_ambient_dir(path, cap_std::ambient_authority()).at("open", path)?;
        Ok(Folder {
            dir,
            path: path.to_path_buf(),
        })
    }

    /// The folder's path, for messages and for the writers, which write below the staging
    /// folder by path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The handle.
    pub fn dir(&self) -> &Dir {
        &self.dir
    }

    /// What is at `relative` (plain names), its folders reached without following links. A
    /// folder on the way that is missing makes it [`Entry::Missing`]; one that is a link is
    /// refused.
    pub fn entry(&self, relative: &Path) -> Result<Entry> {
        let (parent, name) = split(relative)?;
        match self.subfolder(parent, false)? {
            Some(dir) => entry_in(&dir, name, &self.path.join(relative)),
            None => Ok(Entry::Missing),
        }
    }

    /// The folder at `relative` below this one (plain names), each step opened without
    /// following a link; missing steps are created when `create`, else `None`. A link or a file
    /// on the way is refused with a message that names it.
    pub fn subfolder(&self, relative: &Path, create: bool) -> Result<Option<Dir>> {
        let mut dir = self.dir.try_clone().at("open", &self.path)?;
        let mut at = self.path.clone();
        for part in names(relative)? {
            at.push(part);
            match entry_in(&dir, part, &at)? {
                Entry::Folder => {}
                Entry::Missing if create => match dir.create_dir(part) {
                    Ok(()) => {}
                    // Made meanwhile by a shard beside this one.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(OutputSetError::io("create folder", &at, e)),
                },
                Entry::Missing => return Ok(None),
                Entry::Link => return Err(link_refused(&at)),
                Entry::File | Entry::Other => {
                    return Err(OutputSetError::Refused(format!(
                        "{} is a file: annotext needs a folder there",
                        shown(&at)
                    )))
                }
            }
            dir = dir
                .open_dir_nofollow(part)
                .map_err(|e| match e.raw_os_error() {
                    Some(_) if dir.symlink_metadata(part).is_ok_and(|m| m.is_symlink()) => {
                        link_refused(&at)
                    }
                    _ => OutputSetError::io("open", &at, e),
                })?;
        }
        Ok(Some(dir))
    }

    /// The digest and length of the regular file at `relative`; `None` when there is none (a
    /// link, a folder or nothing).
    pub fn digest(&self, relative: &Path) -> Result<Option<(Digest, u64)>> {
        let (parent, name) = split(relative)?;
        let Some(dir) = self.subfolder(parent, false)? else {
            return Ok(None);
        };
        digest_in(&dir, name, &self.path.join(relative))
    }

    /// The bytes of the regular file at `relative`, or `None` when there is none (a link
    /// included: it is not followed).
    pub fn read(&self, relative: &Path) -> Result<Option<Vec<u8>>> {
        let Ok(mut file) = self.regular_file(relative)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut file, &mut bytes).at("read", &self.path.join(relative))?;
        Ok(Some(bytes))
    }

    /// The regular file at `relative`, opened for reading with no link followed on the way or
    /// at the end (a link is refused), or `None` when there
    /// is none: what another user or job of a shared folder put there cannot lead outside it.
    pub fn open_regular(&self, relative: &Path) -> Result<Option<std::fs::File>> {
        match self.regular_file(relative)? {
            Ok(file) => Ok(Some(file)),
            Err(Entry::Link) => Err(OutputSetError::Refused(format!(
                "{} is a symbolic link: annotext reads nothing through a link in its output \
                 folder",
                shown(self.path.join(relative))
            ))),
            Err(_) => Ok(None),
        }
    }

    /// The regular file at `relative`, opened with no link followed, or what stands there
    /// instead (missing, a folder, a link): one lookup for [`Folder::read`] and
    /// [`Folder::open_regular`], which differ only in what they make of a link.
    fn regular_file(&self, relative: &Path) -> Result<std::result::Result<std::fs::File, Entry>> {
        let (parent, name) = split(relative)?;
        let Some(dir) = self.subfolder(parent, false)? else {
            return Ok(Err(Entry::Missing));
        };
        let at = self.path.join(relative);
        match entry_in(&dir, name, &at)? {
            Entry::File => Ok(Ok(open_file(&dir, name).at("read", &at)?.into_std())),
            other => Ok(Err(other)),
        }
    }
}

/// A path that leads to `dir` through its handle, for writers that take paths (the exporters):
/// on Linux `/proc/self/fd/N`, which reaches the folder the handle holds even after its name
/// has been given to a link or another folder; elsewhere, or without /proc, `path` itself.
/// Valid while `dir` is open. [`annotext_atomic_file::shown_path`] turns it back into a path to
/// show.
#[cfg(target_os = "linux")]
pub fn path_through(dir: &Dir, path: &Path) -> PathBuf {
    use std::os::fd::AsRawFd;
    let through = PathBuf::from(format!("/proc/self/fd/{}", dir.as_raw_fd()));
    match std::fs::metadata(&through) {
        Ok(meta) if meta.is_dir() => through,
        _ => path.to_path_buf(),
    }
}

/// See the Linux version: other systems have no path through a handle, so writers go by path.
#[cfg(not(target_os = "linux"))]
pub fn path_through(_dir: &Dir, path: &Path) -> PathBuf {
    path.to_path_buf()
}

/// What is at `name` in `dir` (`at`: its path, for messages).
pub fn entry_in(dir: &Dir, name: &str, at: &Path) -> Result<Entry> {
    match dir.symlink_metadata(name) {
        Ok(meta) if meta.is_symlink() => Ok(Entry::Link),
        Ok(meta) if meta.is_dir() => Ok(Entry::Folder),
        Ok(meta) if meta.is_file() => Ok(Entry::File),
        Ok(_) => Ok(Entry::Other),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Entry::Missing),
        Err(e) => Err(OutputSetError::io("look at", at, e)),
    }
}

/// The digest and length of the regular file `name` in `dir`, or `None` when it is not one.
pub fn digest_in(dir: &Dir, name: &str, at: &Path) -> Result<Option<(Digest, u64)>> {
    if entry_in(dir, name, at)? != Entry::File {
        return Ok(None);
    }
    let file = open_file(dir, name).at("read", at)?;
    let mut hasher = blake3::Hasher::new();
    let bytes = io::copy(&mut file.into_std(), &mut hasher).at("read", at)?;
    let digest = Digest::from_hex(&hasher.finalize().to_hex()).map(|d| (d, bytes));
    Ok(digest)
}

/// Opens `name` in `dir` for reading without following a link.
fn open_file(dir: &Dir, name: &str) -> io::Result<cap_std::fs::File> {
    use cap_fs_ext::{FollowSymlinks, OpenOptionsFollowExt};
    let mut options = cap_std::fs::OpenOptions::new();
    options.read(true).follow(FollowSymlinks::No);
    dir.open_with(name, &options)
}

/// Makes the entries of `dir` (renames into it, removals) durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Dir, at: &Path) -> Result<()> {
    // The handle itself may be a path-only descriptor (O_PATH), which cannot be synced: the
    // folder is opened again through it, for reading.
    let folder = dir.open(".").at("sync folder", at)?;
    folder.sync_all().at("sync folder", at)
}

/// Windows makes a rename durable without a folder to sync (and cannot open one as a file).
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Dir, _at: &Path) -> Result<()> {
    Ok(())
}

/// A plain relative path's parts: names only (no root, `.`, `..`), each UTF-8.
fn names(relative: &Path) -> Result<Vec<&str>> {
    relative
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect::<Option<Vec<&str>>>()
        .ok_or_else(|| {
            OutputSetError::Refused(format!(
                "{} does not name a file below the output folder",
                shown(relative)
            ))
        })
}

/// A plain relative path's folder and file name.
pub fn split(relative: &Path) -> Result<(&Path, &str)> {
    let name = names(relative)?.pop().ok_or_else(|| {
        OutputSetError::Refused("an empty path names no file of the output folder".to_owned())
    })?;
    Ok((relative.parent().unwrap_or(Path::new("")), name))
}

/// The error for a link where a folder of the set belongs.
fn link_refused(at: &Path) -> OutputSetError {
    OutputSetError::Refused(format!(
        "{} is a symbolic link: annotext never writes, moves or removes anything through a \
         link in its output folder; replace it with a folder, or choose another output folder",
        shown(at)
    ))
}
