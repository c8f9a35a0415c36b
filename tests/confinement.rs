//! The output folder is a shared place (issue 25): annotext never follows a link there, never
//! touches a path outside it, never removes or replaces a file it did not write, and one bad
//! input costs only itself. Each test plays an attacker or a careless neighbour with small
//! inputs.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Output;

use common::{annotext, scratch_project, start_paused};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A first run of the sample into `output/` (CSV and briefings: quick), which must succeed.
fn first_run(project: &Path) {
    let run = annotext(&["--quiet", "-f", "csv,pdf"], project);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn a_linked_folder_in_the_output_is_never_written_or_removed_through() {
    let project = scratch_project();
    let dir = project.path();
    first_run(dir);
    // `briefings/` becomes a link to a folder outside, holding a file of the listed name.
    let outside = dir.join("outside");
    std::fs::create_dir(&outside).unwrap();
    let name = "china-central-asia-summit-2023.pdf";
    std::fs::write(outside.join(name), "not a briefing").unwrap();
    std::fs::write(outside.join(".annotext-stray.tmp"), "keep me").unwrap();
    std::fs::remove_dir_all(dir.join("output/briefings")).unwrap();
    symlink(&outside, dir.join("output/briefings")).unwrap();

    // Run again: the briefing would go through the link; and a run without the document would
    // remove the listed file through it.
    let again = annotext(&["--quiet", "-f", "csv,pdf"], dir);
    assert_eq!(again.status.code(), Some(3), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("is a symbolic link"),
        "{}",
        stderr(&again)
    );
    std::fs::write(dir.join("other.txt"), "1.中(zhong)国(guo)\n").unwrap();
    let without = annotext(&["--quiet", "-f", "csv,pdf", "other.txt"], dir);
    assert_eq!(without.status.code(), Some(3), "{}", stderr(&without));
    assert_eq!(
        std::fs::read(outside.join(name)).unwrap(),
        b"not a briefing"
    );
    assert_eq!(
        std::fs::read(outside.join(".annotext-stray.tmp")).unwrap(),
        b"keep me"
    );
    // The previous set is still there, as its manifest lists it.
    assert!(dir.join("output/tables/items.csv").is_file());
}

#[test]
fn a_linked_tables_folder_is_refused_and_what_it_leads_to_is_untouched() {
    let project = scratch_project();
    let dir = project.path();
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("items.csv"), "mine").unwrap();
    std::fs::write(elsewhere.join(".annotext-x.tmp"), "mine too").unwrap();
    std::fs::create_dir(dir.join("output")).unwrap();
    symlink(&elsewhere, dir.join("output/tables")).unwrap();
    let run = annotext(&["--quiet", "-f", "csv"], dir);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("output/tables is a symbolic link"),
        "{}",
        stderr(&run)
    );
    assert_eq!(std::fs::read(elsewhere.join("items.csv")).unwrap(), b"mine");
    assert_eq!(
        std::fs::read(elsewhere.join(".annotext-x.tmp")).unwrap(),
        b"mine too"
    );
}

#[test]
fn a_lock_file_that_links_to_a_users_file_is_refused_and_the_file_untouched() {
    let project = scratch_project();
    let dir = project.path();
    std::fs::write(dir.join("notes.txt"), "my notes\n").unwrap();
    std::fs::create_dir(dir.join("output")).unwrap();
    symlink(dir.join("notes.txt"), dir.join("output/.annotext.lock")).unwrap();
    for args in [&["--quiet", "-f", "csv"][..], &["verify", "output"][..]] {
        let out = annotext(args, dir);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("not annotext's lock file"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read(dir.join("notes.txt")).unwrap(), b"my notes\n");
}

#[test]
fn verify_never_removes_outputs_for_a_planted_committed_staging_folder() {
    let project = scratch_project();
    let dir = project.path();
    first_run(dir);
    let before = std::fs::read_to_string(dir.join("output/manifest.json")).unwrap();
    // A "committed" staging folder whose manifest lists nothing.
    let mut planted: serde_json::Value = serde_json::from_str(&before).unwrap();
    planted["outputs"] = serde_json::json!([]);
    std::fs::create_dir(dir.join("output/.annotext-staging")).unwrap();
    std::fs::write(
        dir.join("output/.annotext-staging/manifest.json"),
        serde_json::to_vec(&planted).unwrap(),
    )
    .unwrap();
    let verify = annotext(&["verify", "output"], dir);
    assert_eq!(verify.status.code(), Some(3), "{}", stderr(&verify));
    assert!(
        stderr(&verify).contains("is not a set annotext committed"),
        "{}",
        stderr(&verify)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("output/manifest.json")).unwrap(),
        before
    );
    assert!(dir.join("output/tables/items.csv").is_file());
    assert!(dir
        .join("output/briefings/china-central-asia-summit-2023.pdf")
        .is_file());
}

#[test]
fn files_annotext_did_not_write_are_refused_kept_or_moved_aside() {
    let project = scratch_project();
    let dir = project.path();
    // A folder holding a user's own records.jsonl and no manifest of ours: refused.
    std::fs::create_dir(dir.join("output")).unwrap();
    std::fs::write(dir.join("output/records.jsonl"), "my records\n").unwrap();
    let run = annotext(&["--quiet", "-f", "jsonl"], dir);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("holds files with the names of annotext's outputs (records.jsonl)"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        std::fs::read(dir.join("output/records.jsonl")).unwrap(),
        b"my records\n"
    );
    // A manifest.json of the user's: refused too.
    std::fs::remove_file(dir.join("output/records.jsonl")).unwrap();
    std::fs::write(dir.join("output/manifest.json"), "{\"mine\": true}\n").unwrap();
    let run = annotext(&["--quiet", "-f", "jsonl"], dir);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("is not a manifest annotext wrote"),
        "{}",
        stderr(&run)
    );
    // A link in the manifest's place: refused too, and left as it is.
    std::fs::remove_file(dir.join("output/manifest.json")).unwrap();
    std::fs::write(dir.join("mine.json"), "{}").unwrap();
    symlink(dir.join("mine.json"), dir.join("output/manifest.json")).unwrap();
    let run = annotext(&["--quiet", "-f", "jsonl"], dir);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("not a regular file"),
        "{}",
        stderr(&run)
    );
    assert!(std::fs::symlink_metadata(dir.join("output/manifest.json"))
        .unwrap()
        .is_symlink());
    assert_eq!(std::fs::read(dir.join("mine.json")).unwrap(), b"{}");
    // --force replaces them.
    let forced = annotext(&["--quiet", "-f", "jsonl,pdf", "--force"], dir);
    assert!(forced.status.success(), "{}", stderr(&forced));

    // An output the user edited is moved aside when a run replaces it, and kept when the
    // document leaves.
    std::fs::write(dir.join("output/records.jsonl"), "edited\n").unwrap();
    let briefing = dir.join("output/briefings/china-central-asia-summit-2023.pdf");
    std::fs::write(&briefing, "my annotated briefing").unwrap();
    std::fs::write(dir.join("other.txt"), "1.中(zhong)国(guo)\n").unwrap();
    let rerun = annotext(&["-f", "jsonl,pdf", "other.txt"], dir);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert_eq!(
        std::fs::read(dir.join("output/records.modified.jsonl")).unwrap(),
        b"edited\n"
    );
    assert!(stderr(&rerun).contains("kept as"), "{}", stderr(&rerun));
    assert_eq!(std::fs::read(&briefing).unwrap(), b"my annotated briefing");
    assert!(
        stderr(&rerun).contains("was changed since annotext wrote it: kept"),
        "{}",
        stderr(&rerun)
    );
    let records = std::fs::read_to_string(dir.join("output/records.jsonl")).unwrap();
    assert!(records.contains("\"other\""), "{records}");
}

#[test]
fn one_bad_input_costs_only_itself() {
    let project = scratch_project();
    let dir = project.path();
    let data = dir.join("data");
    // A name too long for a briefing's file name (the input's own name fits: 255 bytes, its
    // briefing's would be 257).
    let long = format!("{}.t", "a".repeat(253));
    std::fs::write(dir.join(&long), "1.中(zhong)国(guo)\n").unwrap();
    // A document whose briefing's place is taken by a folder.
    std::fs::write(data.join("blocked.txt"), "1.中(zhong)国(guo)\n").unwrap();
    std::fs::create_dir_all(dir.join("output/briefings/blocked.pdf")).unwrap();
    let run = annotext(&["-f", "csv,pdf", "data", &long], dir);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("more than file systems take"), "{err}");
    assert!(err.contains("blocked.pdf is a folder"), "{err}");
    assert!(dir
        .join("output/briefings/china-central-asia-summit-2023.pdf")
        .is_file());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("output/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["documents"], 1);
    assert_eq!(
        manifest["skipped"].as_array().unwrap().len(),
        2,
        "{manifest}"
    );
}

#[test]
fn inputs_are_read_as_a_careful_tool_reads_them() {
    let project = scratch_project();
    let dir = project.path();
    // A link in the input folder to a private folder is not followed, unless --follow.
    let private = dir.join("private");
    std::fs::create_dir(&private).unwrap();
    std::fs::write(private.join("secret.txt"), "1.秘(mi)密(mi)\n").unwrap();
    symlink(&private, dir.join("data/private")).unwrap();
    let run = annotext(&["--quiet", "-f", "jsonl"], dir);
    assert!(run.status.success(), "{}", stderr(&run));
    let records = std::fs::read_to_string(dir.join("output/records.jsonl")).unwrap();
    assert!(!records.contains("secret"), "a link was followed");
    let followed = annotext(&["--quiet", "-f", "jsonl", "--follow"], dir);
    assert!(followed.status.success(), "{}", stderr(&followed));
    let records = std::fs::read_to_string(dir.join("output/records.jsonl")).unwrap();
    assert!(
        records.contains("private/secret"),
        "--follow did not follow"
    );

    // A FIFO is refused at once, not waited on.
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let parse = annotext(&["parse", "pipe.txt"], dir);
        assert_eq!(parse.status.code(), Some(1));
        assert!(
            stderr(&parse).contains("not a regular file"),
            "{}",
            stderr(&parse)
        );
    }
    // `-` reads standard input.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_annotext"))
        .args(["parse", "-", "--compact"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("1.中(zhong)国(guo)\n".as_bytes())
        .unwrap();
    let parsed = child.wait_with_output().unwrap();
    assert!(stdout(&parsed).contains("中国"), "{}", stdout(&parsed));

    // A file over the size limit is refused with a clear error; the others are exported.
    std::fs::write(dir.join("data/big.txt"), vec![b'a'; 2 << 20]).unwrap();
    let limited = annotext(&["-f", "jsonl", "--max-file-mib", "1"], dir);
    assert_eq!(limited.status.code(), Some(1), "{}", stderr(&limited));
    assert!(
        stderr(&limited).contains("larger than 1 MiB"),
        "{}",
        stderr(&limited)
    );
    std::fs::remove_file(dir.join("data/big.txt")).unwrap();

    // Two names that are not UTF-8 stay two documents, shown escaped.
    use std::os::unix::ffi::OsStrExt;
    let one = std::ffi::OsStr::from_bytes(b"\xff.txt");
    let two = std::ffi::OsStr::from_bytes(b"\xfe.txt");
    std::fs::write(dir.join("data").join(one), "1.中(zhong)\n").unwrap();
    std::fs::write(dir.join("data").join(two), "1.国(guo)\n").unwrap();
    let run = annotext(&["--quiet", "-f", "jsonl"], dir);
    assert!(run.status.success(), "{}", stderr(&run));
    let records = std::fs::read_to_string(dir.join("output/records.jsonl")).unwrap();
    assert!(
        records.contains("\\\\xff") && records.contains("\\\\xfe"),
        "{records}"
    );
}

#[test]
fn names_in_messages_cannot_forge_lines() {
    let project = scratch_project();
    let dir = project.path();
    first_run(dir);
    std::fs::write(dir.join("output/x\nmissing: records.jsonl"), "").unwrap();
    let verify = annotext(&["verify", "output"], dir);
    assert_eq!(verify.status.code(), Some(1));
    let lines: Vec<String> = stdout(&verify).lines().map(str::to_owned).collect();
    assert_eq!(lines, ["extra: x\\nmissing: records.jsonl"], "{lines:?}");
}

#[test]
fn a_whole_run_and_a_shard_never_write_one_folder_at_once() {
    let project = scratch_project();
    let dir = project.path();
    let mut whole = start_paused(&["-f", "csv"], dir, "writing");
    let shard = annotext(&["run", "--shard", "0/2", "-f", "csv"], dir);
    assert_eq!(shard.status.code(), Some(3), "{}", stderr(&shard));
    assert!(
        stderr(&shard).contains("another annotext run"),
        "{}",
        stderr(&shard)
    );
    whole.kill().unwrap();
    whole.wait().unwrap();
    // And the other way round: a shard at work keeps a whole run out.
    let mut part = start_paused(&["run", "--shard", "0/1", "-f", "csv"], dir, "writing");
    let run = annotext(&["-f", "csv"], dir);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    part.kill().unwrap();
    part.wait().unwrap();
}

/// As an unprivileged user (run as root, the test drops to `nobody` with `setpriv`): a shared
/// output folder that user may not write is refused with a clear error naming it, nothing in it
/// changes, and no panic. Skipped (and says so) where it cannot drop privileges.
#[test]
fn an_unprivileged_user_gets_a_clear_error_and_changes_nothing() {
    // SAFETY: geteuid only reads the process's effective user id.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: needs root to drop to nobody");
        return;
    }
    let as_nobody = |args: &[&str], cwd: &Path| {
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_annotext"))
            .args(args)
            .current_dir(cwd)
            .output()
    };
    let dir = tempfile::tempdir().unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    match as_nobody(&["--version"], dir.path()) {
        Ok(out) if out.status.success() => {}
        _ => {
            eprintln!("skipped: setpriv missing, or the binary not reachable by nobody");
            return;
        }
    }
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "1.中(zhong)国(guo)\n").unwrap();
    std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o644)).unwrap();
    // A team folder of root's, readable by all, with root's file in it.
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(shared.join("records.jsonl"), "root's records\n").unwrap();
    let run = as_nobody(
        &["run", "in.txt", "-o", "shared", "-f", "jsonl"],
        dir.path(),
    )
    .unwrap();
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("shared") && err.contains("Permission denied"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(shared.join("records.jsonl")).unwrap(),
        b"root's records\n"
    );
    let entries: Vec<_> = std::fs::read_dir(&shared).unwrap().collect();
    assert_eq!(entries.len(), 1, "nothing was added to the folder");
}

/// An input that changes after it was read, while a run that writes the workbook is at work
/// (the records are written last), changes nothing: every output holds the text the run read
/// (the records lane used to read the inputs again and fail the whole run). An input that
/// vanishes before it is read costs only itself: reported, status 1, the others exported.
#[test]
fn an_input_changed_or_removed_during_the_run_costs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    let (a, b) = (dir.path().join("in/a.txt"), dir.path().join("in/b.txt"));
    std::fs::write(&a, "1.中(zhong)国(guo)\n").unwrap();
    std::fs::write(&b, "1.合(he)作(zuo)\n").unwrap();
    let resume = dir.path().join("resume");
    let (mut run, mut stderr_pipe) = paused_at_writing(dir.path(), "jsonl,xlsx", &resume);
    // `a` was read (its batch is handed over); `b`, not yet: one changes, the other goes.
    std::fs::write(&a, "1.变(bian)了(le)\n").unwrap();
    std::fs::remove_file(&b).unwrap();
    std::fs::write(&resume, "").unwrap();
    let status = run.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr_pipe, &mut rest).unwrap();
    assert_eq!(status.code(), Some(1), "{rest}");
    assert!(rest.contains("in/b.txt"), "{rest}");
    let records = std::fs::read_to_string(dir.path().join("out/records.jsonl")).unwrap();
    assert!(
        records.contains("中国") && !records.contains("合作"),
        "{records}"
    );
    assert!(!records.contains("变了"), "{records}");
    let listed: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!listed.iter().any(|n| n.contains("spill")), "{listed:?}");
}

/// A process that swaps the staging folder for a link while the run writes (to turn the
/// writes, and the renames over existing files, into a folder of its choosing) changes
/// nothing there: the writers reach the staging folder through the handle the run holds, and
/// the run refuses to commit a folder that is no longer the one it wrote into.
#[cfg(target_os = "linux")]
#[test]
fn a_staging_folder_swapped_for_a_link_during_the_run_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), "1.中(zhong)国(guo)\n").unwrap();
    std::fs::write(dir.path().join("in/b.txt"), "1.合(he)作(zuo)\n").unwrap();
    let victim = dir.path().join("victim");
    std::fs::create_dir_all(victim.join("tables")).unwrap();
    std::fs::write(victim.join("records.jsonl"), "the user's own\n").unwrap();
    std::fs::write(victim.join("tables/items.csv"), "the user's own\n").unwrap();
    let resume = dir.path().join("resume");
    let (mut run, mut stderr_pipe) = paused_at_writing(dir.path(), "csv,jsonl,pdf", &resume);
    let staging = dir.path().join("out/.annotext-staging");
    let moved = dir.path().join("moved-staging");
    std::fs::rename(&staging, &moved).unwrap();
    symlink(&victim, &staging).unwrap();
    std::fs::write(&resume, "").unwrap();
    let status = run.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr_pipe, &mut rest).unwrap();
    assert_eq!(status.code(), Some(3), "{rest}");
    assert!(
        rest.contains("was replaced while the run wrote into it"),
        "{rest}"
    );
    // The folder the link leads to is as it was: nothing written, renamed over or removed.
    let mut found: Vec<String> = walk(&victim);
    found.sort();
    assert_eq!(found, ["records.jsonl", "tables", "tables/items.csv"]);
    for file in ["records.jsonl", "tables/items.csv"] {
        let kept = std::fs::read_to_string(victim.join(file)).unwrap();
        assert_eq!(kept, "the user's own\n");
    }
    // The writes went where the run's handle led: the folder that was moved away.
    let records = std::fs::read_to_string(moved.join("records.jsonl")).unwrap();
    assert!(
        records.contains("中国") && records.contains("合作"),
        "{records}"
    );
    assert!(!dir.path().join("out/manifest.json").exists());
}

/// The paths below `root`, relative, without following links.
#[cfg(target_os = "linux")]
fn walk(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if path.symlink_metadata().unwrap().is_dir() {
                todo.push(path);
            }
            found.push(relative);
        }
    }
    found
}

/// `combine` writes its workbook, corpus briefing and manifest into the dataset's folder only
/// over files an earlier combine wrote: a user's own workbook there is moved aside, a link
/// where the briefing goes is moved aside without being followed, and a second combine
/// replaces its own files without a word.
#[test]
fn combine_replaces_only_what_an_earlier_combine_wrote() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), "1.中(zhong)国(guo)\n").unwrap();
    std::fs::write(dir.path().join("in/b.txt"), "1.合(he)作(zuo)\n").unwrap();
    for shard in ["0/2", "1/2"] {
        let args = [
            "run",
            "in",
            "-o",
            "out",
            "-f",
            "parquet,pdf",
            "--shard",
            shard,
        ];
        let run = annotext(&args, dir.path());
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let out = dir.path().join("out");
    std::fs::write(out.join("workbook.xlsx"), "the user's own").unwrap();
    let victim = dir.path().join("victim.pdf");
    std::fs::write(&victim, "the user's own").unwrap();
    symlink(&victim, out.join("corpus-briefing.pdf")).unwrap();

    let first = annotext(&["combine", "out"], dir.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let said = stderr(&first);
    assert!(
        said.contains("out/workbook.xlsx was not as annotext wrote it")
            && said.contains("kept as out/workbook.modified.xlsx"),
        "{said}"
    );
    assert!(
        said.contains("kept as out/corpus-briefing.modified.pdf"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("workbook.modified.xlsx")).unwrap(),
        "the user's own"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "the user's own");
    let aside = out.join("corpus-briefing.modified.pdf");
    assert!(aside.symlink_metadata().unwrap().is_symlink());
    assert!(std::fs::read(out.join("workbook.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
    assert!(std::fs::read(out.join("corpus-briefing.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"workbook.xlsx\""), "{manifest}");

    let second = annotext(&["combine", "out"], dir.path());
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        !stderr(&second).contains("not as annotext wrote it"),
        "{}",
        stderr(&second)
    );
    assert!(!out.join("workbook.modified-2.xlsx").exists());
    // The files moved aside are the user's: the dataset's own are as its manifest says.
    let verified = annotext(&["verify", "out"], dir.path());
    let report = format!("{}{}", stdout(&verified), stderr(&verified));
    assert!(report.contains("0 of 28 files differ"), "{report}");
    assert!(report.contains("2 extra files"), "{report}");
}

/// A run of `dir/in` into `dir/out` (`formats`, one document a batch) started and paused once
/// its first batch is handed to the outputs, going on when `resume` exists; and its standard
/// error, read past the line that says it paused.
fn paused_at_writing(
    dir: &Path,
    formats: &str,
    resume: &Path,
) -> (
    std::process::Child,
    std::io::BufReader<std::process::ChildStderr>,
) {
    let mut run = std::process::Command::new(env!("CARGO_BIN_EXE_annotext"))
        .args(["run", "in", "-o", "out", "-f", formats, "--batch-mib", "0"])
        .current_dir(dir)
        .env("ANNOTEXT_PAUSE_AT", "writing")
        .env("ANNOTEXT_RESUME_WHEN", resume)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr_pipe = std::io::BufReader::new(run.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr_pipe, &mut line).unwrap();
    assert_eq!(line, "annotext: paused at writing\n");
    (run, stderr_pipe)
}

#[test]
fn the_staging_folder_is_open_to_its_owner_only_even_in_a_group_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), "1.中(zhong)国(guo)\n").unwrap();
    // A shared folder: group-writable, new entries in its group (setgid).
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o2775)).unwrap();
    let resume = dir.path().join("resume");
    let (mut run, _stderr) = paused_at_writing(dir.path(), "csv", &resume);
    // No other user may enter it and plant a link while the writers are at work.
    let mode = std::fs::metadata(out.join(".annotext-staging"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    std::fs::write(&resume, "").unwrap();
    assert!(run.wait().unwrap().success());
    assert!(out.join("tables/items.csv").is_file());
}

#[test]
fn verify_follows_no_link_to_a_copy_outside_the_folder() {
    let project = scratch_project();
    let dir = project.path();
    first_run(dir);
    let outside = dir.join("elsewhere.csv");
    std::fs::rename(dir.join("output/tables/entities.csv"), &outside).unwrap();
    symlink(&outside, dir.join("output/tables/entities.csv")).unwrap();
    let verify = annotext(&["verify", "output"], dir);
    assert!(!verify.status.success());
    let said = format!("{}{}", stdout(&verify), stderr(&verify));
    assert!(said.contains("not a file: tables/entities.csv"), "{said}");
    assert!(!said.contains("all 25 files match"), "{said}");
}

#[test]
fn a_name_a_briefing_cannot_carry_costs_only_its_document() {
    let project = scratch_project();
    let dir = project.path();
    std::fs::write(dir.join("data/a\\b.txt"), "1.中(zhong)国(guo)\n").unwrap();
    let run = annotext(&["-f", "csv,pdf"], dir);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("a backslash"), "{}", stderr(&run));
    assert!(dir
        .join("output/briefings/china-central-asia-summit-2023.pdf")
        .is_file());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("output/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["documents"], 1);
}

#[test]
fn combine_reads_no_part_through_a_linked_tables_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), "1.中(zhong)国(guo)\n").unwrap();
    std::fs::write(dir.path().join("in/b.txt"), "1.合(he)作(zuo)\n").unwrap();
    for shard in ["0/2", "1/2"] {
        let args = ["run", "in", "-o", "out", "-f", "parquet", "--shard", shard];
        let run = annotext(&args, dir.path());
        assert!(run.status.success(), "{}", stderr(&run));
    }
    // A neighbour moves the parts out of the folder and leaves a link in their place: the parts
    // are byte for byte the shards', but they are no longer inside the folder.
    let out = dir.path().join("out");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::rename(out.join("tables"), &elsewhere).unwrap();
    symlink(&elsewhere, out.join("tables")).unwrap();

    let combined = annotext(&["combine", "out"], dir.path());
    assert_eq!(combined.status.code(), Some(3), "{}", stderr(&combined));
    let said = stderr(&combined);
    assert!(said.contains("out/tables is a symbolic link"), "{said}");
    assert!(!out.join("workbook.xlsx").exists());
    assert!(!elsewhere.join("workbook.xlsx").exists());
}

#[test]
fn an_entry_edited_into_the_manifest_makes_no_run_remove_a_users_file() {
    let project = scratch_project();
    let dir = project.path();
    first_run(dir);
    // A neighbour's file of the same bytes as an output, and an entry for it edited into the
    // manifest with the right length and digest: the next run would find it "not written
    // again" and remove it, were the manifest believed.
    let output = dir.join("output");
    std::fs::create_dir(output.join("notes")).unwrap();
    std::fs::copy(
        output.join("tables/documents.csv"),
        output.join("notes/plan.docx"),
    )
    .unwrap();
    let manifest_path = output.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    let outputs = manifest["outputs"].as_array_mut().unwrap();
    let mut forged = outputs
        .iter()
        .find(|e| e["path"] == "tables/documents.csv")
        .unwrap()
        .clone();
    forged["path"] = "notes/plan.docx".into();
    outputs.push(forged);
    std::fs::write(
        &manifest_path,
        serde_json::to_vec_pretty(&manifest).unwrap(),
    )
    .unwrap();

    let rerun = annotext(&["-f", "csv,pdf"], dir);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert!(
        stderr(&rerun).contains("annotext writes no file of that name: kept as it is"),
        "{}",
        stderr(&rerun)
    );
    assert_eq!(
        std::fs::read(output.join("notes/plan.docx")).unwrap(),
        std::fs::read(output.join("tables/documents.csv")).unwrap()
    );
}
