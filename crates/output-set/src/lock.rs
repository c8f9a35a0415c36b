//! The output folder's lock: one run at a time writes into a folder. It is an advisory lock
//! (`flock`) on `.annotext.lock` in the folder, which the kernel drops when the process ends,
//! however it ends: a killed run never holds the folder. The file stays (removing it would let
//! two runs lock two different files of one name); it holds the process id and host name of its
//! last holder, for the message a second run prints.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::error::{IoContext, OutputSetError, Result};
use crate::names::shown;

/// The lock file's name in the output folder.
pub const LOCK_NAME: &str = ".annotext.lock";

/// A held lock on an output folder, released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Takes the lock of `folder` (which exists), or fails at once, naming the process that
    /// holds it, when another run writes there.
    /// The lock file is `name` in the folder ([`LOCK_NAME`] for a whole run; each shard of a
    /// dataset has its own).
    pub fn take(folder: &Path, name: &str) -> Result<FolderLock> {
        let path = folder.join(name);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .at("open the lock file", &path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder_of(&holder);
                return Err(OutputSetError::Busy(format!(
                    "another annotext run{holder} is writing into {}: wait for it to end, or \
                     choose another output folder",
                    shown(folder)
                )));
            }
            Err(TryLockError::Error(e)) => return Err(e).at("lock", &path),
        }
        // Who holds it, for the message above; the lock, not this text, is what excludes.
        let noted = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| match host_name() {
                Some(host) => write!(file, "{} {host}", std::process::id()),
                None => write!(file, "{}", std::process::id()),
            });
        noted.at("write the lock file", &path)?;
        Ok(FolderLock { _file: file })
    }
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
    let mut words = text.split_whitespace();
    match (words.next(), words.next()) {
        (Some(pid), host) if pid.bytes().all(|b| b.is_ascii_digit()) => match host {
            Some(host) => format!(" (process {pid} on {host})"),
            None => format!(" (process {pid})"),
        },
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
}
