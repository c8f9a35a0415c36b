//! Helpers shared by the end-to-end tests: the shipped sample and the built binary.
#![allow(dead_code)] // each test binary uses a part of the helpers

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

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

/// Starts `annotext args` in `cwd`, stopping at `point` (the fault tests' hook,
/// `ANNOTEXT_PAUSE_AT`), and waits until it is there.
pub fn start_paused(args: &[&str], cwd: &Path, point: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotext"))
        .args(args)
        .current_dir(cwd)
        .env("ANNOTEXT_PAUSE_AT", point)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let expected = format!("annotext: paused at {point}");
    let mut seen = Vec::new();
    for line in stderr.lines() {
        let line = line.unwrap();
        if line == expected {
            return child;
        }
        seen.push(line);
    }
    let status = child.wait().unwrap();
    panic!("the run ended ({status}) without pausing at {point}: {seen:?}");
}
