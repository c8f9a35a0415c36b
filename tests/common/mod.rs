//! Helpers shared by the end-to-end tests: the shipped sample and the built binary.
#![allow(dead_code)] // each test binary uses a part of the helpers

use std::path::Path;
use std::process::{Command, Output};

/// The shipped sample.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/china-central-asia-summit-2023.txt"
);

/// Runs `annotext` with `args` in `cwd`.
pub fn annotext(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annotext"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

/// A scratch project folder with the sample in `data/`, as a fresh clone has it.
pub fn scratch_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::copy(
        SAMPLE,
        dir.path().join("data/china-central-asia-summit-2023.txt"),
    )
    .unwrap();
    dir
}
