//! The output set's errors. Each says where: the file or folder it concerns is in the message,
//! and, for a failed file-system call, in [`OutputSetError::Io::path`] too.

use std::io;
use std::path::{Path, PathBuf};

/// Why an operation on an output folder failed.
#[derive(Debug, thiserror::Error)]
pub enum OutputSetError {
    /// A file-system call failed on `path` (`what`: "cannot remove out/x.csv").
    #[error("{what}")]
    Io {
        /// What could not be done, naming the path.
        what: String,
        /// The file or folder concerned.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: io::Error,
    },
    /// The folder is in a state the operation refuses; the message says why and what to do.
    #[error("{0}")]
    Refused(String),
    /// Another run holds the folder's lock.
    #[error("{0}")]
    Busy(String),
    /// A manifest or a shard's marker is not what annotext writes.
    #[error("{what}")]
    BadManifest {
        /// What is wrong, naming the file.
        what: String,
        /// The JSON error, when it is one.
        #[source]
        source: Option<serde_json::Error>,
    },
    /// A set of shards is not one complete dataset; the message says what differs or lacks.
    #[error("{0}")]
    Incomplete(String),
    /// A file could not be written (it was not, or not wholly, left behind).
    #[error(transparent)]
    Write(#[from] annotext_atomic_file::AtomicWriteError),
    /// A step failed; `source` says why.
    #[error("{what}")]
    Step {
        /// The step, naming what it concerns.
        what: String,
        /// What went wrong in it.
        #[source]
        source: Box<OutputSetError>,
    },
}

/// Results of the output set.
pub type Result<T, E = OutputSetError> = std::result::Result<T, E>;

impl OutputSetError {
    /// A failed call on `path`: "cannot `action` `path`".
    pub fn io(action: &str, path: &Path, source: io::Error) -> OutputSetError {
        OutputSetError::Io {
            what: format!("cannot {action} {}", crate::names::shown(path)),
            path: path.to_path_buf(),
            source,
        }
    }

    /// The error at the end of the chain of steps: what went wrong, not where it was met.
    pub fn root(&self) -> &OutputSetError {
        match self {
            OutputSetError::Step { source, .. } => source.root(),
            other => other,
        }
    }
}

/// Context for file-system results.
pub trait IoContext<T> {
    /// "cannot `action` `path`" around the error.
    fn at(self, action: &str, path: &Path) -> Result<T>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn at(self, action: &str, path: &Path) -> Result<T> {
        self.map_err(|e| OutputSetError::io(action, path, e))
    }
}

/// Context for the output set's own results.
pub trait StepContext<T> {
    /// `what` around the error, as the step it failed in.
    fn step(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T> StepContext<T> for Result<T> {
    fn step(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| OutputSetError::Step {
            what: what(),
            source: Box::new(e),
        })
    }
}
