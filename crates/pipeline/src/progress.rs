//! What a run tells its caller while it works: the command line draws a progress bar and prints
//! notes and errors; a library caller (Python) may ignore it all or log it.

/// Receives a run's progress. Called from the run's threads.
pub trait Progress: Sync {
    /// A stage begins (`processing`, `finishing`), over `total` documents when it counts them.
    fn stage(&self, _name: &'static str, _total: Option<u64>) {}
    /// `documents` more documents are done.
    fn advance(&self, _documents: u64) {}
    /// Something worth knowing that is not an error (a staging folder cleaned up, a glyph
    /// missing from the font): a line of text.
    fn note(&self, _message: &str) {}
    /// A warning: the run goes on, its outputs complete.
    fn warning(&self, _message: &str) {}
    /// An input that could not be exported, with why; the run goes on without it.
    fn input_error(&self, _error: &crate::PipelineError) {}
}

/// Progress nobody watches.
pub struct Silent;

impl Progress for Silent {}
