//! A run's outputs are one consistent set, even when the run is killed (issue 17): runs killed
//! with SIGKILL at each step of writing and moving their outputs, a full disk, two runs into one
//! folder, and `annotext verify` on folders that match their manifest and folders that do not.
//!
//! The kills use the run's pause hook (`ANNOTEXT_PAUSE_AT`, `crates/output-set/src/pause.rs`):
//! the run stops at a named step and says so on stderr, and the test kills it there, so each
//! step is hit every time, however fast the machine.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{annotext, scratch_project, start_paused};

/// Every file below `dir` (relative, `/`-separated) with its bytes, the lock file aside (it
/// holds the last run's process id).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap();
            let name: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if name == [".annotext.lock"] {
                continue;
            }
            out.insert(name.join("/"), std::fs::read(&path).unwrap());
        }
    }
    out
}

/// The files below `dir` outside the staging folder: what readers of the folder see.
fn published(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = files(dir);
    all.retain(|name, _| !name.starts_with(".annotext-staging/"));
    all
}

/// The output paths `dir/manifest.json` lists.
fn listed(dir: &Path) -> Vec<String> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap().to_owned())
        .collect()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A project with the sample in `data/`, a generated corpus of three documents in `corpus/`,
/// and the sample's complete set written to `out/`; returns it with that set.
fn project_with_a_first_set() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = scratch_project();
    let generated = annotext(
        &[
            "generate",
            "corpus",
            "--mib",
            "0.3",
            "--documents",
            "3",
            "-q",
        ],
        dir.path(),
    );
    assert!(generated.status.success(), "{}", stderr(&generated));
    let first = annotext(&["run", "data", "--out", "out", "-q"], dir.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let set = published(&dir.path().join("out"));
    (dir, set)
}

/// The second run: the generated corpus into the same folder.
const SECOND_RUN: [&str; 5] = ["run", "corpus", "--out", "out", "-q"];

/// Starts the second run, kills it with SIGKILL at `point`, and returns the project and the
/// first set.
fn second_run_killed_at(point: &str) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let (dir, first) = project_with_a_first_set();
    let mut child = start_paused(&SECOND_RUN, dir.path(), point);
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    (dir, first)
}

/// A third run completes, and the folder holds its set, its manifest and nothing else: no
/// staging folder, no temporary file, no file of the earlier sets.
fn next_run_leaves_exactly_its_set(dir: &Path) {
    let next = annotext(&SECOND_RUN, dir);
    assert!(next.status.success(), "{}", stderr(&next));
    let out = dir.join("out");
    let mut expected = listed(&out);
    expected.push("manifest.json".to_owned());
    expected.sort();
    let present: Vec<String> = files(&out).into_keys().collect();
    assert_eq!(present, expected);
    assert_eq!(
        expected,
        [
            "briefings/doc-00001.pdf",
            "briefings/doc-00002.pdf",
            "briefings/doc-00003.pdf",
            "corpus-briefing.pdf",
            "manifest.json",
            "records.jsonl",
            "tables/anomalies.csv",
            "tables/anomalies.parquet",
            "tables/clauses.csv",
            "tables/clauses.parquet",
            "tables/documents.csv",
            "tables/documents.parquet",
            "tables/entities.csv",
            "tables/entities.parquet",
            "tables/items.csv",
            "tables/items.parquet",
            "tables/paragraphs.csv",
            "tables/paragraphs.parquet",
            "tables/readings.csv",
            "tables/readings.parquet",
            "tables/sections.csv",
            "tables/sections.parquet",
            "tables/subsections.csv",
            "tables/subsections.parquet",
            "tables/timeline.csv",
            "tables/timeline.parquet",
            "tables/topics.csv",
            "tables/topics.parquet",
            "workbook.xlsx",
        ]
    );
    let verified = annotext(&["verify", "out"], dir);
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
    assert_eq!(stdout(&verified), "");
}

/// Killed at `point`, before its set is committed or with it committed but nothing moved: the
/// folder shows the first set and its manifest, byte for byte, and verifies.
fn killed_run_leaves_the_first_set(point: &str) {
    let (dir, first) = second_run_killed_at(point);
    let out = dir.path().join("out");
    assert_eq!(published(&out), first);
    let verified = annotext(&["verify", "out"], dir.path());
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
    assert_eq!(stdout(&verified), "");
    assert!(
        stderr(&verified).contains("note: "),
        "the leftover is noted: {}",
        stderr(&verified)
    );
    next_run_leaves_exactly_its_set(dir.path());
}

#[test]
fn a_run_killed_while_writing_leaves_the_earlier_set_and_its_manifest() {
    killed_run_leaves_the_first_set("writing");
    // The killed run's half-written files were in the staging folder, nowhere else.
}

#[test]
fn a_run_killed_with_every_output_staged_leaves_the_earlier_set() {
    killed_run_leaves_the_first_set("staged");
}

#[test]
fn a_run_killed_after_committing_leaves_the_earlier_set_until_the_next_run() {
    killed_run_leaves_the_first_set("committed");
}

#[test]
fn a_run_killed_while_moving_its_outputs_is_finished_by_the_next_run() {
    let (dir, first) = second_run_killed_at("moving");
    let out = dir.path().join("out");
    // One output moved (the first in the manifest's order), the earlier manifest still there.
    let now = published(&out);
    assert_eq!(now["manifest.json"], first["manifest.json"]);
    assert!(now.contains_key("briefings/doc-00001.pdf"));
    // The next run first finishes moving the killed run's set, then writes its own.
    let next = annotext(&["run", "corpus", "--out", "out"], dir.path());
    assert!(next.status.success(), "{}", stderr(&next));
    assert!(
        stderr(&next).contains("was interrupted while moving its outputs into place; its outputs and manifest are now in place"),
        "{}",
        stderr(&next)
    );
    next_run_leaves_exactly_its_set(dir.path());
}

#[test]
fn verify_finishes_the_moves_of_a_run_killed_after_committing() {
    let (dir, first) = second_run_killed_at("moving");
    let out = dir.path().join("out");
    let verified = annotext(&["verify", "out"], dir.path());
    // The killed run had committed: its set is the folder's result, now whole, with its
    // manifest; the sample's briefing, which it did not write, is gone.
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
    assert_eq!(stdout(&verified), "");
    assert!(
        stderr(&verified).contains("verify finished moving them, as the next run would have"),
        "{}",
        stderr(&verified)
    );
    let now = published(&out);
    assert_ne!(now["manifest.json"], first["manifest.json"]);
    assert!(now.contains_key("briefings/doc-00003.pdf"));
    assert!(!now.contains_key("briefings/china-central-asia-summit-2023.pdf"));
    assert!(!out.join(".annotext-staging").exists());
    next_run_leaves_exactly_its_set(dir.path());
}

#[test]
fn verify_refuses_a_folder_that_a_run_is_writing_into() {
    let (dir, _) = project_with_a_first_set();
    let mut run = start_paused(&SECOND_RUN, dir.path(), "writing");
    let verified = annotext(&["verify", "out"], dir.path());
    run.kill().unwrap();
    run.wait().unwrap();
    assert_eq!(verified.status.code(), Some(3), "{}", stderr(&verified));
    assert!(
        stderr(&verified).contains("cannot verify the folder now: another annotext run"),
        "{}",
        stderr(&verified)
    );
}

#[test]
fn a_run_killed_after_moving_everything_leaves_its_own_complete_set() {
    let (dir, first) = second_run_killed_at("published");
    let out = dir.path().join("out");
    // Its manifest is in place: the set is the second run's, and the sample's files are gone.
    assert_ne!(published(&out)["manifest.json"], first["manifest.json"]);
    assert!(!out
        .join("briefings/china-central-asia-summit-2023.pdf")
        .exists());
    let verified = annotext(&["verify", "out"], dir.path());
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
    next_run_leaves_exactly_its_set(dir.path());
}

/// A small tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (as `mount -o size=` takes it), when this machine allows it.
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        mounted.success().then_some(Tmpfs { dir })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_fails_the_run_with_a_clear_error_and_keeps_the_earlier_set() {
    let (project, _) = project_with_a_first_set();
    // A 1.5 MiB file system holds the sample's set (about 0.7 MB), not the generated corpus's
    // (its records alone are larger). Without permission to mount one, a file size limit does
    // the same (writes fail with EFBIG, the signal that would kill the process ignored).
    let tmpfs = Tmpfs::mount("1536k");
    let folder = match &tmpfs {
        Some(fs) => fs.dir.path().to_path_buf(),
        None => project.path().to_path_buf(),
    };
    let out = folder.join("disk-out");
    let first = annotext(
        &["run", "data", "--out", out.to_str().unwrap(), "-q"],
        project.path(),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let set = published(&out);
    let second = match &tmpfs {
        Some(_) => annotext(
            &["run", "corpus", "--out", out.to_str().unwrap(), "-q"],
            project.path(),
        ),
        None => Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -f 2048; trap '' XFSZ; exec \"{}\" run corpus --out \"{}\" -q",
                env!("CARGO_BIN_EXE_annotext"),
                out.display()
            ))
            .current_dir(project.path())
            .output()
            .unwrap(),
    };
    assert_eq!(second.status.code(), Some(3), "{}", stderr(&second));
    let why = match tmpfs {
        Some(_) => "No space left on device",
        None => "File too large",
    };
    let message = stderr(&second);
    // (Under a file size limit the workbook library, whose temporary files hit it too, also
    // prints its own panics: the message is then not the first line.)
    // Which output hits the limit first depends on the threads: any names its file.
    let expected = format!(
        "error: the outputs could not be written; {} keeps the previous outputs and manifest: ",
        out.display(),
    );
    assert!(message.contains(&expected), "{message}");
    let file = format!("{}/.annotext-staging/", out.display());
    let named = [format!("writing {file}"), format!("cannot write {file}")];
    assert!(named.iter().any(|n| message.contains(n)), "{message}");
    assert!(message.contains(why), "{message}");
    // The earlier set, its manifest, and nothing of the failed run (its staging folder went).
    assert_eq!(files(&out), set);
    let verified = annotext(&["verify", out.to_str().unwrap()], project.path());
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
}

#[test]
fn a_second_run_into_a_busy_folder_is_refused_and_a_killed_run_holds_no_lock() {
    let (dir, first) = project_with_a_first_set();
    let mut busy = start_paused(&SECOND_RUN, dir.path(), "writing");
    let refused = annotext(&["run", "data", "--out", "out", "-q"], dir.path());
    assert_eq!(refused.status.code(), Some(3));
    assert_eq!(
        stderr(&refused),
        format!(
            "error: another annotext run (process {} on {}) is writing into out: wait for it to \
             end, or choose another output folder\n",
            busy.id(),
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .unwrap()
                .trim()
        )
    );
    assert_eq!(published(&dir.path().join("out")), first);
    // A lock file removed by hand lets no second run in: the folder itself is locked too.
    std::fs::remove_file(dir.path().join("out/.annotext.lock")).unwrap();
    let refused = annotext(&["run", "data", "--out", "out", "-q"], dir.path());
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    assert!(
        stderr(&refused).starts_with("error: another annotext run is writing into out"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(published(&dir.path().join("out")), first);
    busy.kill().unwrap();
    busy.wait().unwrap();
    // The kernel dropped the dead run's lock: the next run goes ahead and clears its leftovers.
    let next = annotext(&["run", "corpus", "--out", "out"], dir.path());
    assert!(next.status.success(), "{}", stderr(&next));
    assert!(
        stderr(&next).starts_with(
            "note: removed the unfinished outputs of an interrupted run (out/.annotext-staging)\n"
        ),
        "{}",
        stderr(&next)
    );
    next_run_leaves_exactly_its_set(dir.path());
}

#[test]
fn temporary_files_of_earlier_versions_are_removed_and_nothing_else() {
    let (dir, _) = project_with_a_first_set();
    let out = dir.path().join("out");
    // What a killed run of a version that wrote in place left, and files of the user's.
    std::fs::write(out.join("tables/.annotext-Xy12Ab.tmp"), "half a table").unwrap();
    std::fs::write(out.join(".annotext-Qw34Er.tmp"), "half the records").unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::write(out.join("tables/.annotext-keep"), "mine too").unwrap();
    let next = annotext(&["run", "corpus", "--out", "out"], dir.path());
    assert!(next.status.success(), "{}", stderr(&next));
    assert!(
        stderr(&next)
            .starts_with("note: removed 2 temporary files an interrupted run left in out\n"),
        "{}",
        stderr(&next)
    );
    let present = files(&out);
    assert!(!present.keys().any(|k| k.ends_with(".tmp")), "{present:?}");
    assert_eq!(present["notes.txt"], b"mine");
    assert_eq!(present["tables/.annotext-keep"], b"mine too");
    // Files the manifest does not list are what verify calls extra.
    let verified = annotext(&["verify", "out"], dir.path());
    assert_eq!(verified.status.code(), Some(1));
    assert_eq!(
        stdout(&verified),
        "extra: notes.txt\nextra: tables/.annotext-keep\n"
    );
}

#[test]
fn files_of_the_previous_set_not_written_again_are_removed_with_their_empty_folders() {
    let (dir, first) = project_with_a_first_set();
    assert!(first.contains_key("briefings/china-central-asia-summit-2023.pdf"));
    let csv_only = annotext(
        &["run", "data", "--out", "out", "--formats", "csv", "-q"],
        dir.path(),
    );
    assert!(csv_only.status.success(), "{}", stderr(&csv_only));
    let out = dir.path().join("out");
    let present: Vec<String> = files(&out).into_keys().collect();
    let mut expected: Vec<String> = first
        .keys()
        .filter(|k| k.ends_with(".csv"))
        .cloned()
        .collect();
    expected.push("manifest.json".to_owned());
    expected.sort();
    assert_eq!(present, expected);
    assert!(!out.join("briefings").exists());
    // The CSV files are the same bytes as before: only the set changed.
    for name in expected.iter().filter(|k| k.ends_with(".csv")) {
        assert_eq!(files(&out)[name], first[name], "{name}");
    }
}

#[test]
fn verify_reports_missing_changed_and_extra_files_with_status_1() {
    let (dir, first) = project_with_a_first_set();
    let out = dir.path().join("out");
    let verified = annotext(&["verify", "out"], dir.path());
    assert_eq!(verified.status.code(), Some(0));
    assert_eq!(stdout(&verified), "");
    assert!(
        stderr(&verified).starts_with("out: all 25 files match manifest.json (annotext "),
        "{}",
        stderr(&verified)
    );
    // Same length, one byte changed; shorter; gone; one more.
    let mut items = first["tables/items.csv"].clone();
    let last = items.len() - 2;
    items[last] ^= 1;
    std::fs::write(out.join("tables/items.csv"), &items).unwrap();
    let topics = &first["tables/topics.csv"];
    std::fs::write(out.join("tables/topics.csv"), &topics[..10]).unwrap();
    std::fs::remove_file(out.join("workbook.xlsx")).unwrap();
    std::fs::write(out.join("tables/extra.csv"), "a,b\n").unwrap();
    let verified = annotext(&["verify", "out"], dir.path());
    assert_eq!(verified.status.code(), Some(1));
    assert_eq!(
        stdout(&verified),
        format!(
            "changed: tables/items.csv (its content differs from the manifest's digest)\n\
             changed: tables/topics.csv (10 bytes; the manifest says {})\n\
             missing: workbook.xlsx\n\
             extra: tables/extra.csv\n",
            topics.len()
        )
    );
    assert_eq!(
        stderr(&verified),
        "out: 3 of 25 files differ from manifest.json, 1 extra file\n"
    );
}

#[test]
fn verify_without_a_manifest_cannot_check_and_says_so_with_status_3() {
    let dir = scratch_project();
    let verified = annotext(&["verify", "data"], dir.path());
    assert_eq!(verified.status.code(), Some(3));
    assert_eq!(
        stderr(&verified),
        "error: data has no manifest.json and no shard marker: no run has completed there\n"
    );
}

#[test]
fn the_manifest_lists_inputs_outputs_options_and_counts() {
    let (dir, first) = project_with_a_first_set();
    let manifest: serde_json::Value = serde_json::from_slice(&first["manifest.json"]).unwrap();
    assert_eq!(manifest["manifest_version"], 1);
    assert_eq!(manifest["tool"]["name"], "annotext");
    assert_eq!(manifest["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        manifest["options"]["formats"],
        serde_json::json!(["csv", "parquet", "jsonl", "xlsx", "pdf"])
    );
    assert_eq!(manifest["options"]["paths"], serde_json::json!(["data"]));
    assert_eq!(manifest["options"]["rules"], "data/rules");
    let sample = std::fs::read(common::SAMPLE).unwrap();
    assert_eq!(
        manifest["inputs"],
        serde_json::json!([{
            "path": "data/china-central-asia-summit-2023.txt",
            "doc_id": "china-central-asia-summit-2023",
            "bytes": sample.len(),
            "blake3": blake3_hex(&sample),
        }])
    );
    assert_eq!(
        manifest["counts"],
        serde_json::json!({
            "documents": 1, "unreadable_inputs": 0, "items": 82, "anomalies": 128, "errors": 0
        })
    );
    // Each output: its length and digest, as the file in the folder has them.
    let outputs = manifest["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), first.len() - 1);
    for output in outputs {
        let path = output["path"].as_str().unwrap();
        let bytes = &first[path];
        assert_eq!(output["bytes"], bytes.len(), "{path}");
        assert_eq!(output["blake3"], blake3_hex(bytes), "{path}");
    }
    let started = manifest["run"]["started"].as_str().unwrap();
    assert_eq!(started.len(), "2026-11-25T23:02:41.123Z".len(), "{started}");
    assert!(manifest["run"]["ended"].as_str().unwrap() >= started);
    assert!(dir.path().join("out/manifest.json").is_file());
}

/// The BLAKE3 digest of `bytes` in hex, as `b3sum` prints it.
fn blake3_hex(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}
