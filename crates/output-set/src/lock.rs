//! The output folder's locks. A whole run holds `.annotext.lock` exclusively for as long as it
//! writes; a shard holds it shared (shards write side by side, never beside a whole run) and
//! its own `.annotext-part-K-of-N.lock` exclusively; `combine` and `verify` hold it
//! exclusively. So whether a folder holds a whole run or a dataset is decided under one lock,
//! and a run and a shard can never both write into one folder.
//!
//! They are advisory locks (`flock`), which the kernel drops when the process ends, however it
//! ends: a killed run never holds the folder. The whole folder's lock is also taken on the
//! folder itself (Unix), in the same mode: a lock file removed by hand while a run holds it
//! would otherwise let a second run in, which would create and lock a new file of that name.
//! A lock file is opened without following a link and must be a regular file with one name; it
//! is never truncated. It holds the process id and host name of its last exclusive holder, for
//! the message a second run prints, written only over what is recognisably such a note.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use cap_fs_ext::{FollowSymlinks, OpenOptionsFollowExt};

use crate::error::{IoContext, OutputSetError, Result};
use crate::names::shown;

/// The whole folder's lock file.
pub const LOCK_NAME: &str = ".annotext.lock";

/// The longest holder note written into a lock file.
const NOTE_BYTES: u64 = 300;

/// How a lock is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    /// Alone.
    Exclusive,
    /// Beside other shared holders (shards).
    Shared,
}

/// A held lock on an output folder, released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
    /// The folder itself, held with the whole folder's lock (see the module's note).
    _folder: Option<File>,
}

impl FolderLock {
    /// Takes the lock `name` of `folder` (which exists) exclusively, or fails at once, naming
    /// the process that holds it.
    pub fn take(folder: &Path, name: &str) -> Result<FolderLock> {
        FolderLock::take_as(folder, name, LockMode::Exclusive)
    }

    /// Takes the lock `name` of `folder` as `mode` says, or fails at once.
    pub fn take_as(folder: &Path, name: &str, mode: LockMode) -> Result<FolderLock> {
        let path = folder.join(name);
        let (mut file, dir) = open_lock_file(folder, name, &path)?;
        let folder_file = (name == LOCK_NAME)
            .then(|| folder_handle(folder, &dir))
            .flatten();
        let lock = |f: &File| match mode {
            LockMode::Exclusive => f.try_lock(),
            LockMode::Shared => f.try_lock_shared(),
        };
        let taken = lock(&file).and_then(|()| folder_file.as_ref().map_or(Ok(()), lock));
        match taken {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = (&file).take(NOTE_BYTES).read_to_string(&mut holder);
                let holder = holder_of(&holder);
                return Err(OutputSetError::Busy(format!(
                    "another annotext run{holder} is writing into {}: wait for it to end, or \
                     choose another output folder",
                    shown(folder)
                )));
            }
            Err(TryLockError::Error(e)) => return Err(OutputSetError::io("lock", &path, e)),
        }
        if mode == LockMode::Exclusive {
            // Who holds it, for the message above; the lock, not this text, is what excludes.
            note_holder(&mut file).at("write the lock file", &path)?;
        }
        Ok(FolderLock {
            _file: file,
            _folder: folder_file,
        })
    }
}

/// The folder opened for reading, to be locked as a file (Unix: `flock` takes a directory's
/// descriptor, though not the path-only one `dir` holds), when it is still the folder `dir` is.
#[cfg(unix)]
fn folder_handle(folder: &Path, dir: &cap_std::fs::Dir) -> Option<File> {
    use cap_std::fs::MetadataExt as _;
    use std::os::unix::fs::MetadataExt as _;
    let file = File::open(folder).ok()?;
    let opened = file.metadata().ok()?;
    let held = dir.dir_metadata().ok()?;
    (opened.dev() == held.dev() && opened.ino() == held.ino()).then_some(file)
}

/// Elsewhere a folder is not locked as a file.
#[cfg(not(unix))]
fn folder_handle(_folder: &Path, _dir: &cap_std::fs::Dir) -> Option<File> {
    None
}

/// Opens (creating) the lock file `name` in `folder` without following a link; refuses what is
/// not a regular file of one name (a link or a hard link could turn the note against a file).
/// Returns it with the open folder.
fn open_lock_file(folder: &Path, name: &str, path: &Path) -> Result<(File, cap_std::fs::Dir)> {
    let dir = cap_std::fs::Dir::open_ambient_dir(folder, cap_std::ambient_authority())
        .at("open", folder)?;
    let mut options = cap_std::fs::OpenOptions::new();
    options
        .read(true)
        .write(true)
        .create(true)
        .follow(FollowSymlinks::No);
    let file = match dir.open_with(name, &options) {
        Ok(file) => file.into_std(),
        Err(_) if dir.symlink_metadata(name).is_ok_and(|m| m.is_symlink()) => {
            return Err(not_a_lock(path, "a symbolic link"))
        }
        Err(e) => return Err(OutputSetError::io("open the lock file", path, e)),
    };
    let meta = file.metadata().at("open the lock file", path)?;
    if !meta.is_file() {
        return Err(not_a_lock(path, "not a regular file"));
    }
    if links(&meta) > 1 {
        return Err(not_a_lock(
            path,
            "a second name of another file (a hard link)",
        ));
    }
    Ok((file, dir))
}

/// How many names the file has.
#[cfg(unix)]
fn links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

/// Elsewhere hard links to a lock file are not looked for.
#[cfg(not(unix))]
fn links(_meta: &std::fs::Metadata) -> u64 {
    1
}

fn not_a_lock(path: &Path, what: &str) -> OutputSetError {
    OutputSetError::Refused(format!(
        "{} is {what}, not annotext's lock file: it is left as it is; remove it, or choose \
         another output folder",
        shown(path)
    ))
}

/// Writes `pid host` over the note of the last holder, padded with spaces to its length
/// (never truncated), when what the file holds is such a note or nothing.
fn note_holder(file: &mut File) -> std::io::Result<()> {
    let len = file.metadata()?.len();
    if len > NOTE_BYTES {
        return Ok(());
    }
    let mut old = String::new();
    file.seek(SeekFrom::Start(0))?;
    if file.read_to_string(&mut old).is_err() || !(old.trim().is_empty() || is_note(&old)) {
        return Ok(());
    }
    let mut note = match host_name() {
        Some(host) => format!("{} {host}", std::process::id()),
        None => std::process::id().to_string(),
    };
    while (note.len() as u64) < len {
        note.push(' ');
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(note.as_bytes())
}

/// Whether `text` is a holder note: a process id, then perhaps a host name.
fn is_note(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let pid = words
        .next()
        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
    let host = words
        .next()
        .is_none_or(|w| w.bytes().all(|b| b.is_ascii_graphic()));
    pid && host && words.next().is_none()
}

/// This machine's name (Linux), for the lock file: inside a container every run is process 1,
/// and the folder may be shared by many machines.
fn host_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name = name.trim();
    let plain = !name.is_empty() && name.len() <= 253 && name.bytes().all(|b| b.is_ascii_graphic());
    plain.then(|| name.to_owned())
}

/// ` (process 1234 on host-a)` from a lock file's text (`1234 host-a`, or `1234` as older
/// versions wrote it), or nothing when it says neither.
fn holder_of(text: &str) -> String {
    if !is_note(text) {
        return String::new();
    }
    let mut words = text.split_whitespace();
    match (words.next(), words.next()) {
        (Some(pid), Some(host)) => format!(" (process {pid} on {host})"),
        (Some(pid), None) => format!(" (process {pid})"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_a_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::take(dir.path(), LOCK_NAME).unwrap();
        let err = FolderLock::take(dir.path(), LOCK_NAME)
            .unwrap_err()
            .to_string();
        let pid = std::process::id();
        let holder = match host_name() {
            Some(host) => format!("process {pid} on {host}"),
            None => format!("process {pid}"),
        };
        assert!(
            err.starts_with(&format!("another annotext run ({holder}) is writing into")),
            "{err}"
        );
        drop(first);
        let again = FolderLock::take(dir.path(), LOCK_NAME).unwrap();
        drop(again);
        let written = std::fs::read_to_string(dir.path().join(LOCK_NAME)).unwrap();
        assert_eq!(holder_of(&written), format!(" ({holder})"));
        assert_eq!(holder_of("1234"), " (process 1234)");
        assert_eq!(holder_of("garbage"), "");
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_removed_by_hand_lets_no_second_run_in() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::take(dir.path(), LOCK_NAME).unwrap();
        std::fs::remove_file(dir.path().join(LOCK_NAME)).unwrap();
        let err = FolderLock::take(dir.path(), LOCK_NAME)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("another annotext run"), "{err}");
        assert!(FolderLock::take_as(dir.path(), LOCK_NAME, LockMode::Shared).is_err());
        drop(first);
        drop(FolderLock::take(dir.path(), LOCK_NAME).unwrap());
    }

    #[test]
    fn shared_holders_exclude_an_exclusive_one() {
        let dir = tempfile::tempdir().unwrap();
        let one = FolderLock::take_as(dir.path(), LOCK_NAME, LockMode::Shared).unwrap();
        let two = FolderLock::take_as(dir.path(), LOCK_NAME, LockMode::Shared).unwrap();
        assert!(FolderLock::take(dir.path(), LOCK_NAME).is_err());
        drop((one, two));
        let whole = FolderLock::take(dir.path(), LOCK_NAME).unwrap();
        assert!(FolderLock::take_as(dir.path(), LOCK_NAME, LockMode::Shared).is_err());
        drop(whole);
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_or_a_users_file_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("notes.txt");
        std::fs::write(&mine, "my notes\n").unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&mine, out.join(LOCK_NAME)).unwrap();
        let err = FolderLock::take(&out, LOCK_NAME).unwrap_err().to_string();
        assert!(
            err.contains("is a symbolic link, not annotext's lock file"),
            "{err}"
        );
        std::fs::remove_file(out.join(LOCK_NAME)).unwrap();
        std::fs::hard_link(&mine, out.join(LOCK_NAME)).unwrap();
        let err = FolderLock::take(&out, LOCK_NAME).unwrap_err().to_string();
        assert!(err.contains("hard link"), "{err}");
        std::fs::remove_file(out.join(LOCK_NAME)).unwrap();
        // A lock file somebody wrote words into is locked but not written over.
        std::fs::write(out.join(LOCK_NAME), "do not touch\n").unwrap();
        drop(FolderLock::take(&out, LOCK_NAME).unwrap());
        assert_eq!(
            std::fs::read_to_string(out.join(LOCK_NAME)).unwrap(),
            "do not touch\n"
        );
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my notes\n");
    }
}
