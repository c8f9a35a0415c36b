//! Atomic file writes: content goes to a temporary file in the target folder, which is renamed
//! over the target only once complete. A failure leaves the earlier file untouched and never a
//! partial one, so a job reading the output never sees half a file.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A write that could not be completed; the target is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum AtomicWriteError {
    /// The target folder could not be created or written.
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
}

impl AtomicFile {
    /// Starts writing `path`, creating its folder if needed.
    pub fn create(path: &Path) -> Result<AtomicFile, AtomicWriteError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let folder = |source| AtomicWriteError::Folder {
            dir: dir.clone(),
            source,
        };
        fs::create_dir_all(&dir).map_err(folder)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".annotext-").suffix(".tmp");
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
        })
    }

    /// Another handle on the temporary file, for a writer that must own its output (it shares
    /// the file position, so writes through it append in order).
    pub fn handle(&self) -> Result<fs::File, AtomicWriteError> {
        self.temp
            .as_file()
            .try_clone()
            .map_err(|e| self.content_error(e))
    }

    /// The temporary file, for writing in place.
    pub fn file_mut(&mut self) -> &mut fs::File {
        self.temp.as_file_mut()
    }

    /// An error while producing the content of this file.
    pub fn content_error(
        &self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> AtomicWriteError {
        AtomicWriteError::Content {
            path: self.path.clone(),
            source: source.into(),
        }
    }

    /// Syncs the content to disk and renames it over the target. Every writer on
    /// [`AtomicFile::handle`] must have been flushed first.
    pub fn commit(self) -> Result<(), AtomicWriteError> {
        self.temp
            .as_file()
            .sync_all()
            .map_err(|e| self.content_error(e))?;
        let path = self.path;
        self.temp
            .persist(&path)
            .map_err(|e| AtomicWriteError::Persist {
                path: path.clone(),
                source: e.error,
            })?;
        Ok(())
    }
}

/// Writes `path` atomically: `fill` gets a buffered writer on a temporary file beside `path`;
/// when it returns `Ok`, the file is flushed, synced and renamed over `path`.
pub fn write_atomic<E>(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<&mut fs::File>) -> Result<(), E>,
) -> Result<(), AtomicWriteError>
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut file = AtomicFile::create(path)?;
    let filled = {
        let mut writer = BufWriter::with_capacity(1 << 20, file.file_mut());
        fill(&mut writer)
            .map_err(Into::into)
            .and_then(|()| writer.flush().map_err(Into::into))
    };
    filled.map_err(|e| file.content_error(e))?;
    file.commit()
}

/// Writes bytes atomically.
pub fn write_bytes_atomic(path: &Path, bytes: &[u8]) -> Result<(), AtomicWriteError> {
    write_atomic(path, |w| w.write_all(bytes))
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
    fn a_successful_write_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/out.txt");
        write_bytes_atomic(&path, b"one").unwrap();
        write_bytes_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
    }
}
