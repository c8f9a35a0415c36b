//! The pipeline's errors. Each says where: the input (with line and column, from the parser),
//! the output file, or the folder it concerns.

use std::io;
use std::path::{Path, PathBuf};

use annotext_output_set::names::shown;
use annotext_output_set::OutputSetError;

/// Why a run, or one input of it, failed.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// An option is not usable (exit status 2 at the command line).
    #[error("{0}")]
    Usage(String),
    /// A file-system call failed on `path`.
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
    /// An input is not a document annotext can read (the parser says where in it).
    #[error("{}", shown(path))]
    Input {
        /// The input.
        path: PathBuf,
        /// Why, with line and column.
        #[source]
        source: annotext_parser::ParseError,
    },
    /// An input is refused before it is read (not a regular file, too large, changed).
    #[error("{0}")]
    Refused(String),
    /// The output folder, or a dataset in it.
    #[error(transparent)]
    OutputSet(#[from] OutputSetError),
    /// The tagging rules.
    #[error(transparent)]
    Rules(#[from] annotext_transform::RulesError),
    /// Building the tables.
    #[error(transparent)]
    Transform(#[from] annotext_transform::TransformError),
    /// Writing a file (CSV, Parquet, JSON Lines).
    #[error(transparent)]
    Write(#[from] annotext_atomic_file::AtomicWriteError),
    /// Writing the workbook.
    #[error(transparent)]
    Workbook(#[from] annotext_export_xlsx::XlsxExportError),
    /// Writing a briefing.
    #[error(transparent)]
    Briefing(#[from] annotext_export_pdf::PdfExportError),
    /// Reading a dataset's tables.
    #[error(transparent)]
    Table(#[from] polars::error::PolarsError),
    /// An output's thread stopped without saying why.
    #[error("{0}")]
    Lane(&'static str),
    /// A step failed; `source` says why.
    #[error("{what}")]
    Step {
        /// The step, naming what it concerns.
        what: String,
        /// What went wrong in it.
        #[source]
        source: Box<PipelineError>,
    },
}

/// Results of the pipeline.
pub type Result<T, E = PipelineError> = std::result::Result<T, E>;

impl PipelineError {
    /// A failed call on `path`: "cannot `action` `path`".
    pub fn io(action: &str, path: &Path, source: io::Error) -> PipelineError {
        PipelineError::Io {
            what: format!("cannot {action} {}", shown(path)),
            path: path.to_path_buf(),
            source,
        }
    }

    /// Whether this is a usage error, however deep in steps.
    pub fn is_usage(&self) -> bool {
        match self {
            PipelineError::Usage(_) => true,
            PipelineError::Step { source, .. } => source.is_usage(),
            _ => false,
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
        self.map_err(|e| PipelineError::io(action, path, e))
    }
}

/// Context for results whose errors become the pipeline's.
pub trait StepContext<T> {
    /// `what` around the error, as the step it failed in.
    fn step(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: Into<PipelineError>> StepContext<T> for std::result::Result<T, E> {
    fn step(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| PipelineError::Step {
            what: what(),
            source: Box::new(e.into()),
        })
    }
}
