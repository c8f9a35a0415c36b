//! Atomic file writes: content goes to a temporary file in the target folder, which is renamed
//! over the target only once complete. A failure leaves the earlier file untouched and never a
//! partial one, so a job reading the output never sees half a file. Every file is digested
//! while it is written ([`WrittenFile`]), for the run's manifest.

mod digest;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use digest::{lock, Tally};
pub use digest::{Digest, DigestingFile, WrittenFile};

/// The name every temporary file of this crate starts with: with [`TEMP_SUFFIX`], how a later
/// run tells a temporary file that a killed run left behind from any other file.
pub const TEMP_PREFIX: &str = ".annotext-";
/// The name every temporary file of this crate ends with.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether `name` is one of this crate's temporary files.
pub fn is_temporary_name(name: &str) -> bool {
    name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
        && name.starts_with(TEMP_PREFIX)
        && name.ends_with(TEMP_SUFFIX)
}

/// The path to name in messages for `path`, which may lead through a folder handle
/// (`/proc/self/fd/N/…`, how a run writes below a folder it holds open, so that a folder swapped
/// for a link meanwhile is not followed): the folder's path as the system knows it now, then
/// the rest. Any other path is itself.
pub fn shown_path(path: &Path) -> PathBuf {
    through_handle(path).unwrap_or_else(|| path.to_path_buf())
}

#[cfg(target_os = "linux")]
fn through_handle(path: &Path) -> Option<PathBuf> {
    let rest = path.strip_prefix("/proc/self/fd").ok()?;
    let mut parts = rest.components();
    let fd = parts.next()?.as_os_str();
    if fd.is_empty() || !fd.as_encoded_bytes().iter().all(u8::is_ascii_digit) {
        return None;
    }
    let folder = fs::read_link(Path::new("/proc/self/fd").join(fd)).ok()?;
    Some(folder.join(parts.as_path()))
}

#[cfg(not(target_os = "linux"))]
fn through_handle(_path: &Path) -> Option<PathBuf> {
    None
}

/// A write that could not be completed; the target is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum AtomicWriteError {
    /// The target folder could not be created or written. Paths in errors are as
    /// [`shown_path`] gives them.
    #[error("cannot write into {dir}")]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Producing the content failed; the temporary file was removed.
    #[error("writing {path} failed")]
    Content {
        /// The target.
        path: PathBuf,
        /// Why.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The finished file could not be moved into place.
    #[error("cannot replace {path}")]
    Persist {
        /// The target.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// A file being written atomically over several steps (a streamed export): the content goes to
/// a temporary file beside the target, which [`AtomicFile::commit`] renames over the target.
/// Dropped without a commit, the temporary file is removed and the target is left untouched.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    temp: tempfile::NamedTempFile,
    tally: Arc<Mutex<Tally>>,
}

impl AtomicFile {
    /// Starts writing `path`, creating its folder if needed.
    pub fn create(path: &Path) -> Result<AtomicFile, AtomicWriteError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let folder = |source| AtomicWriteError::Folder {
            dir: shown_path(&dir),
            source,
        };
        fs::create_dir_all(&dir).map_err(folder)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        // Outputs are meant to be shared: readable by all, as a plain `File::create` would make them.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o644));
        }
        let temp = builder.tempfile_in(&dir).map_err(folder)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp,
            tally: Arc::default(),
        })
    }

    /// A writer on the temporary file, for a writer that must own its output: it shares the
    /// file position, so writes through it append in order, and what it writes is digested.
    /// The content is what goes through such handles, written from the start, in order, never
    /// seeking back.
    pub fn handle(&self) -> Result<DigestingFile, AtomicWriteError> {
        let file = self
            .temp
            .as_file()
            .try_clone()
            .map_err(|e| self.content_error(e))?;
        Ok(DigestingFile::new(file, Arc::clone(&self.tally)))
    }

    /// An error while producing the content of this file.
    pub fn content_error(
        &self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> AtomicWriteError {
        AtomicWriteError::Content {
            path: shown_path(&self.path),
            source: source.into(),
        }
    }

    /// Syncs the content to disk and renames it over the target; returns its length and
    /// digest. Every writer on [`AtomicFile::handle`] must have been flushed first.
    pub fn commit(self) -> Result<WrittenFile, AtomicWriteError> {
        self.temp
            .as_file()
            .sync_all()
            .map_err(|e| self.content_error(e))?;
        let (bytes, digest) = {
            let tally = lock(&self.tally).map_err(|e| self.content_error(e))?;
            (tally.bytes, tally.digest())
        };
        let path = self.path;
        self.temp
            .persist(&path)
            .map_err(|e| AtomicWriteError::Persist {
                path: shown_path(&path),
                source: e.error,
            })?;
        Ok(WrittenFile {
            path,
            bytes,
            digest,
        })
    }
}

/// Writes `path` atomically: `fill` gets a buffered writer on a temporary file beside `path`;
/// when it returns `Ok`, the file is flushed, synced and renamed over `path`.
pub fn write_atomic<E>(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<DigestingFile>) -> Result<(), E>,
) -> Result<WrittenFile, AtomicWriteError>
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let file = AtomicFile::create(path)?;
    let filled = {
        let mut writer = BufWriter::with_capacity(1 << 20, file.handle()?);
        fill(&mut writer)
            .map_err(Into::into)
            .and_then(|()| writer.flush().map_err(Into::into))
    };
    filled.map_err(|e| file.content_error(e))?;
    file.commit()
}

/// Writes bytes atomically.
pub fn write_bytes_atomic(path: &Path, bytes: &[u8]) -> Result<WrittenFile, AtomicWriteError> {
    let file = AtomicFile::create(path)?;
    file.handle()?
        .write_all(bytes)
        .map_err(|e| file.content_error(e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_earlier_file_intact_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_bytes_atomic(&path, b"old content").unwrap();
        let err = write_atomic(&path, |w| {
            w.write_all(b"half of the new")?;
            Err(io::Error::other("disk on fire"))
        })
        .unwrap_err();
        // The message names the file; why it failed is its source (printed after it by the CLI).
        assert!(err.to_string().contains("out.csv"), "{err}");
        let why = std::error::Error::source(&err).map(ToString::to_string);
        assert_eq!(why.as_deref(), Some("disk on fire"));
        assert_eq!(fs::read(&path).unwrap(), b"old content");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.csv"]);
    }

    #[test]
    fn a_successful_write_replaces_the_file_and_tells_its_length_and_digest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/out.txt");
        write_bytes_atomic(&path, b"one").unwrap();
        let written = write_bytes_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(
            written,
            WrittenFile {
                path: path.clone(),
                bytes: 3,
                digest: Digest::of(b"two")
            }
        );
    }

    #[test]
    fn a_streamed_file_is_digested_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("streamed.bin");
        let file = AtomicFile::create(&path).unwrap();
        let mut out = BufWriter::with_capacity(4096, file.handle().unwrap());
        for i in 0..10_000u32 {
            out.write_all(&i.to_le_bytes()).unwrap();
        }
        out.flush().unwrap();
        drop(out);
        let written = file.commit().unwrap();
        let content = fs::read(&path).unwrap();
        assert_eq!(written.bytes, 40_000);
        assert_eq!(written.digest, Digest::of(&content));
        assert_eq!(Digest::of_file(&path).unwrap(), (written.digest, 40_000));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_written_through_a_folder_handle_is_named_by_the_folder_path() {
        use std::os::fd::AsRawFd;
        let dir = tempfile::tempdir().unwrap();
        let handle = fs::File::open(dir.path()).unwrap();
        let through = PathBuf::from(format!("/proc/self/fd/{}", handle.as_raw_fd()));
        let written = write_bytes_atomic(&through.join("a.txt"), b"via the handle").unwrap();
        assert_eq!(written.path, through.join("a.txt"));
        assert_eq!(
            fs::read(dir.path().join("a.txt")).unwrap(),
            b"via the handle"
        );
        // The folder renamed away and a file put in its place: the handle still leads to it.
        let moved = dir.path().with_extension("moved");
        fs::rename(dir.path(), &moved).unwrap();
        fs::create_dir(dir.path()).unwrap();
        let err =
            write_atomic(&through.join("b.txt"), |_| Err(io::Error::other("no"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("writing {} failed", moved.join("b.txt").display())
        );
        write_bytes_atomic(&through.join("c.txt"), b"still there").unwrap();
        assert_eq!(fs::read(moved.join("c.txt")).unwrap(), b"still there");
        assert!(!dir.path().join("c.txt").exists());
        fs::remove_dir_all(&moved).unwrap();
        assert_eq!(
            shown_path(Path::new("/proc/self/fdx/1")),
            Path::new("/proc/self/fdx/1")
        );
        assert_eq!(shown_path(Path::new("out/a.csv")), Path::new("out/a.csv"));
    }

    #[test]
    fn temporary_names_are_told_from_others() {
        assert!(is_temporary_name(".annotext-Ab3xYz.tmp"));
        assert!(!is_temporary_name(".annotext-.tmp"));
        assert!(!is_temporary_name("annotext-Ab3.tmp"));
        assert!(!is_temporary_name(".annotext-lock"));
        assert!(!is_temporary_name("items.csv"));
    }
}
