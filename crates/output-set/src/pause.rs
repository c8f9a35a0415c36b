//! A test hook for the fault tests (`tests/faults.rs`): with `ANNOTEXT_PAUSE_AT=<point>` in the
//! environment, a run that reaches that point says so on stderr and stops there for good, so
//! a test can kill it with SIGKILL at a known step of writing and moving its outputs. The
//! points are in [`PausePoint`]. Unset (always, outside those tests), it costs one look-up of
//! the environment per point.

use std::time::Duration;

/// The environment variable naming the point to stop at.
pub const PAUSE_VARIABLE: &str = "ANNOTEXT_PAUSE_AT";

/// The steps a run can be stopped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PausePoint {
    /// The first batch handed to the outputs, which are half written in the staging folder.
    Writing,
    /// Every output complete in the staging folder, not yet committed.
    Staged,
    /// The new manifest written into the staging folder (committed), nothing moved yet.
    Committed,
    /// One output moved into place, the others still staged.
    Moving,
    /// Every output and the manifest in place; the staging folder not yet removed.
    Published,
}

impl PausePoint {
    fn name(self) -> &'static str {
        match self {
            PausePoint::Writing => "writing",
            PausePoint::Staged => "staged",
            PausePoint::Committed => "committed",
            PausePoint::Moving => "moving",
            PausePoint::Published => "published",
        }
    }
}

/// With this variable naming a file as well, a paused run goes on once that file exists: a
/// test can change the inputs at a known step and let the run finish.
pub const RESUME_VARIABLE: &str = "ANNOTEXT_RESUME_WHEN";

/// Stops here when the environment asks for this point: for good, or until the file
/// [`RESUME_VARIABLE`] names exists.
pub fn pause_at(point: PausePoint) {
    if std::env::var_os(PAUSE_VARIABLE).is_some_and(|v| v == point.name()) {
        eprintln!("annotext: paused at {}", point.name());
        let resume = std::env::var_os(RESUME_VARIABLE).map(std::path::PathBuf::from);
        loop {
            match &resume {
                Some(file) if file.exists() => return,
                Some(_) => std::thread::sleep(Duration::from_millis(20)),
                None => std::thread::sleep(Duration::from_secs(3600)),
            }
        }
    }
}
