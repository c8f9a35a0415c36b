//! annotext's pipeline as a library: inputs are listed and read ([`inputs`]), cut into batches
//! ([`batches`]), parsed and turned into tables, and written by every output format side by side
//! ([`lanes`]) into an output set ([`annotext_output_set`]); [`run()`] does it all with
//! [`RunOptions`] and a [`Progress`] callback. [`combine`] writes the corpus-level outputs of a
//! dataset that shards wrote.

pub mod batches;
pub mod combine;
pub mod error;
pub mod inputs;
pub mod lanes;
pub mod memory;
pub mod options;
pub mod progress;
pub mod run;
pub mod timings;

pub use error::{PipelineError, Result};
pub use options::{Format, RunOptions};
pub use progress::{Progress, Silent};
pub use run::{run, RunReport};
