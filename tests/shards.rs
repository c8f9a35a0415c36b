//! Shards and the dataset they fill (issue 16): `run --shard K/N` over the same inputs writes
//! parts whose union is a single run's tables, records and briefings; `combine` writes the
//! single run's workbook from them; a shard run again replaces its own files only; an
//! incomplete or mixed dataset is refused.

mod common;

use annotext_transform::TABLE_NAMES;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{annotext, start_paused, SAMPLE};
use polars::prelude::{DataType, ParquetReader, SerReader};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/documents");

/// A corpus of the sample, the fixture documents and a generated corpus, in `dir/corpus`:
/// [`documents`] documents of three kinds, in nested folders.
/// Documents in [`corpus`]: the sample, every fixture text, 11 generated.
fn documents() -> usize {
    fn texts(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| match p.is_dir() {
                true => texts(&p),
                false => usize::from(p.extension().is_some_and(|e| e == "txt")),
            })
            .sum()
    }
    1 + texts(Path::new(FIXTURES)) + 11
}

fn corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(corpus.join("sample")).unwrap();
    std::fs::copy(SAMPLE, corpus.join("sample/summit.txt")).unwrap();
    copy_tree(Path::new(FIXTURES), &corpus.join("fixtures"));
    let generated = corpus.join("generated");
    let out = annotext(
        &[
            "generate",
            generated.to_str().unwrap(),
            "--mib",
            "1",
            "--documents",
            "11",
            "--quiet",
        ],
        dir,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    corpus
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `annotext run` over `corpus` into `out` with `extra` options; its output.
fn run(dir: &Path, corpus: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "run",
        corpus.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    annotext(&args, dir)
}

/// The shards of `count` run side by side, as a scheduler would start them.
fn run_shards(dir: &Path, corpus: &Path, out: &Path, count: u32, extra: &[&str]) {
    let children: Vec<_> = (0..count)
        .map(|k| {
            let mut args = vec![
                "run".to_owned(),
                corpus.display().to_string(),
                "--out".to_owned(),
                out.display().to_string(),
                "--quiet".to_owned(),
                "--shard".to_owned(),
                format!("{k}/{count}"),
            ];
            args.extend(extra.iter().map(|s| s.to_string()));
            std::process::Command::new(env!("CARGO_BIN_EXE_annotext"))
                .args(&args)
                .current_dir(dir)
                .output()
        })
        .collect();
    for (k, child) in children.into_iter().enumerate() {
        let child = child.unwrap();
        assert!(child.status.success(), "shard {k}: {}", stderr(&child));
    }
}

/// The records of a CSV file (header first), as text.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The files of a folder (recursively), relative path → bytes, this tool's hidden files aside.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with(".annotext") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy();
                out.insert(relative.into_owned(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn the_shards_parts_make_the_single_runs_tables_records_and_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let single = dir.path().join("single");
    let dataset = dir.path().join("dataset");
    let out = run(
        dir.path(),
        &corpus,
        &single,
        &["--formats", "csv,parquet,jsonl,xlsx"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    run_shards(
        dir.path(),
        &corpus,
        &dataset,
        3,
        &["--formats", "csv,parquet,jsonl"],
    );

    for table in TABLE_NAMES {
        // CSV: every part has the header; the parts' rows are the single table's rows.
        let whole = csv_rows(&single.join(format!("tables/{table}.csv")));
        let mut rows = Vec::new();
        let mut part_rows = Vec::new();
        for k in 0..3 {
            let part = csv_rows(&dataset.join(format!("csv/{table}/part-{k}-of-3.csv")));
            assert_eq!(part[0], whole[0], "{table} part {k} header");
            part_rows.push(part.len() - 1);
            rows.extend(part.into_iter().skip(1));
        }
        let mut expected = whole[1..].to_vec();
        rows.sort();
        expected.sort();
        assert_eq!(rows.len(), expected.len(), "{table}");
        assert!(rows == expected, "{table}: the parts' rows differ");
        if !matches!(table, "readings" | "topics") || whole.len() > 1 {
            assert!(
                part_rows.iter().filter(|&&n| n > 0).count() >= 2,
                "{table}: {part_rows:?}"
            );
        }
        // Parquet: the parts have the single table's schema, integers as signed 64-bit.
        let read = |path: PathBuf| {
            ParquetReader::new(std::fs::File::open(&path).unwrap())
                .finish()
                .unwrap()
        };
        let whole = read(single.join(format!("tables/{table}.parquet")));
        let mut height = 0;
        for k in 0..3 {
            let part = read(dataset.join(format!("tables/{table}/part-{k}-of-3.parquet")));
            assert_eq!(part.schema(), whole.schema(), "{table} part {k}");
            height += part.height();
        }
        assert_eq!(height, whole.height(), "{table}");
        for column in whole.columns() {
            assert!(
                !column.dtype().is_unsigned_integer(),
                "{table}.{} is {}",
                column.name(),
                column.dtype()
            );
        }
    }
    let items = ParquetReader::new(
        std::fs::File::open(dataset.join("tables/items/part-0-of-3.parquet")).unwrap(),
    )
    .finish()
    .unwrap();
    assert_eq!(
        items.column("item_number").unwrap().dtype(),
        &DataType::Int64
    );

    // Records: one line per document, each document in exactly one part.
    let lines = |text: String| -> Vec<String> { text.lines().map(str::to_owned).collect() };
    let mut expected = lines(std::fs::read_to_string(single.join("records.jsonl")).unwrap());
    let mut parts: Vec<String> = (0..3)
        .flat_map(|k| {
            lines(
                std::fs::read_to_string(dataset.join(format!("records/part-{k}-of-3.jsonl")))
                    .unwrap(),
            )
        })
        .collect();
    let all = documents();
    assert_eq!(expected.len(), all);
    expected.sort();
    parts.sort();
    assert!(
        parts == expected,
        "the records' parts differ from records.jsonl"
    );

    // Each shard's marker lists its own documents with their place among all the inputs.
    let mut positions = Vec::new();
    for k in 0..3 {
        let marker: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dataset.join(format!("shards/part-{k}-of-3.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(marker["shard"]["index"], k);
        assert_eq!(marker["shard"]["count"], 3);
        assert_eq!(marker["shard"]["inputs_listed"], all);
        for input in marker["inputs"].as_array().unwrap() {
            positions.push(input["position"].as_u64().unwrap());
        }
        assert_eq!(
            marker["outputs"].as_array().unwrap().len(),
            23,
            "eleven tables in two formats and the records"
        );
    }
    positions.sort();
    assert_eq!(positions, (0..all as u64).collect::<Vec<u64>>());

    // The workbook that combine writes is the single run's, byte for byte.
    let out = annotext(&["combine", dataset.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("3 shards combined: {all} documents")),
        "{}",
        stderr(&out)
    );
    let combined = std::fs::read(dataset.join("workbook.xlsx")).unwrap();
    let whole = std::fs::read(single.join("workbook.xlsx")).unwrap();
    assert!(
        combined == whole,
        "combine's workbook differs from the run's"
    );
    // And it holds the corpus: the Summary's first key figure is the documents.
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(dataset.join("workbook.xlsx")).unwrap();
    let summary = book.worksheet_range("Summary").unwrap();
    let documents = summary
        .rows()
        .find(|row| row.first().is_some_and(|c| *c == "Documents"))
        .map(|row| row[1].to_string());
    assert_eq!(documents, Some(all.to_string()));
}

#[test]
fn a_shard_without_documents_writes_empty_parts_and_combine_still_matches() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("two");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::copy(SAMPLE, corpus.join("summit.txt")).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("sco-transport-2025/marks.txt"),
        corpus.join("transport.txt"),
    )
    .unwrap();
    let single = dir.path().join("single");
    let dataset = dir.path().join("dataset");
    let out = run(dir.path(), &corpus, &single, &["--formats", "parquet,xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Two documents, five shards: at least three shards own nothing.
    run_shards(dir.path(), &corpus, &dataset, 5, &["--formats", "parquet"]);
    let mut empty = 0;
    for k in 0..5 {
        let marker: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dataset.join(format!("shards/part-{k}-of-5.json"))).unwrap(),
        )
        .unwrap();
        if marker["counts"]["documents"] == 0 {
            empty += 1;
            let part = ParquetReader::new(
                std::fs::File::open(dataset.join(format!("tables/items/part-{k}-of-5.parquet")))
                    .unwrap(),
            )
            .finish()
            .unwrap();
            assert_eq!(part.height(), 0);
            assert!(part.width() > 10, "an empty part keeps every column");
        }
    }
    assert!(empty >= 3, "{empty}");
    let out = annotext(&["combine", dataset.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read(dataset.join("workbook.xlsx")).unwrap()
            == std::fs::read(single.join("workbook.xlsx")).unwrap()
    );
}

#[test]
fn a_shard_run_again_replaces_its_own_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(Path::new(FIXTURES), &corpus);
    let dataset = dir.path().join("dataset");
    run_shards(
        dir.path(),
        &corpus,
        &dataset,
        2,
        &["--formats", "parquet,pdf"],
    );
    let before = files(&dataset);
    let owned_by = |k: usize| -> Vec<String> {
        let marker: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dataset.join(format!("shards/part-{k}-of-2.json"))).unwrap(),
        )
        .unwrap();
        marker["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["path"].as_str().unwrap().to_owned())
            .collect()
    };
    let shard1 = owned_by(1);
    // A briefing of shard 1's: its document leaves the corpus.
    let gone = shard1
        .iter()
        .find(|p| p.starts_with("briefings/"))
        .expect("shard 1 has a briefing")
        .clone();
    let id = gone
        .trim_start_matches("briefings/")
        .trim_end_matches(".pdf");
    std::fs::remove_file(corpus.join(format!("{id}.txt"))).unwrap();
    let out = run(
        dir.path(),
        &corpus,
        &dataset,
        &["--shard", "1/2", "--formats", "parquet,pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let after = files(&dataset);
    assert!(!after.contains_key(&gone), "{gone} is still there");
    // Shard 0's files and marker are untouched.
    let shard0 = owned_by(0);
    for path in shard0
        .iter()
        .chain(["shards/part-0-of-2.json".to_owned()].iter())
    {
        assert!(before[path] == after[path], "{path} changed");
    }
    assert!(before["shards/part-1-of-2.json"] != after["shards/part-1-of-2.json"]);
    // The shards listed different corpora now: combine refuses to mix them.
    let out = annotext(&["combine", dataset.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("listed different documents"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_incomplete_mixed_or_changed_dataset_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&Path::new(FIXTURES).join("sco-transport-2025"), &corpus);
    let dataset = dir.path().join("dataset");
    let combine = || annotext(&["combine", dataset.to_str().unwrap()], dir.path());

    let out = combine();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("holds no shard marker"),
        "{}",
        stderr(&out)
    );

    // Shards 0 and 2 of 3 done, shard 1 not.
    for k in [0, 2] {
        let shard = format!("{k}/3");
        let out = run(
            dir.path(),
            &corpus,
            &dataset,
            &["--shard", &shard, "--formats", "parquet"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = combine();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("shard 1 of 3 has not finished"),
        "{}",
        stderr(&out)
    );
    assert!(!dataset.join("workbook.xlsx").exists());

    let out = run(
        dir.path(),
        &corpus,
        &dataset,
        &["--shard", "1/3", "--formats", "parquet"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = combine();
    assert!(out.status.success(), "{}", stderr(&out));

    // A part changed after its shard finished.
    let part = dataset.join("tables/topics/part-2-of-3.parquet");
    let mut bytes = std::fs::read(&part).unwrap();
    bytes.push(0);
    std::fs::write(&part, bytes).unwrap();
    let out = combine();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("changed since its shard finished"),
        "{}",
        stderr(&out)
    );

    // Shards whose every input is unreadable: nothing to combine.
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("empty.txt"), "").unwrap();
    let empty = dir.path().join("empty");
    let mut statuses: Vec<Option<i32>> = (0..2)
        .map(|k| {
            let shard = format!("{k}/2");
            let flags = ["--shard", &shard, "--formats", "parquet"];
            run(dir.path(), &bad, &empty, &flags).status.code()
        })
        .collect();
    // The file's own shard reports it (status 1); the other one has nothing to read.
    statuses.sort();
    assert_eq!(statuses, [Some(0), Some(1)]);
    let out = annotext(&["combine", empty.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("read no document"),
        "{}",
        stderr(&out)
    );

    // A second sharding in the same folder is refused before it writes anything.
    let out = run(
        dir.path(),
        &corpus,
        &dataset,
        &["--shard", "0/2", "--formats", "parquet"],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds the dataset of a sharding into 3 shards"),
        "{}",
        stderr(&out)
    );
    assert!(!dataset.join("shards/part-0-of-2.json").exists());
}

#[test]
fn a_dataset_and_a_whole_runs_outputs_never_share_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&Path::new(FIXTURES).join("sco-transport-2025"), &corpus);
    let (single, dataset) = (dir.path().join("single"), dir.path().join("dataset"));
    let out = run(dir.path(), &corpus, &single, &["--formats", "parquet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(
        dir.path(),
        &corpus,
        &single,
        &["--shard", "0/2", "--formats", "parquet"],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds the outputs of a whole run"),
        "{}",
        stderr(&out)
    );
    assert!(!single.join("shards").exists());

    let out = run(
        dir.path(),
        &corpus,
        &dataset,
        &["--shard", "1/2", "--formats", "parquet"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(dir.path(), &corpus, &dataset, &["--formats", "parquet"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds a sharded dataset"),
        "{}",
        stderr(&out)
    );
    assert!(dataset.join("shards/part-1-of-2.json").is_file());

    // verify does not pass half a dataset.
    let out = annotext(&["verify", dataset.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("incomplete: the dataset in"), "{said}");
    assert!(
        said.contains("shard 0 of 2 has not finished (no shards/part-0-of-2.json)"),
        "{said}"
    );
}

#[test]
fn combine_finishes_a_shard_killed_after_committing_and_reports_unreadable_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(Path::new(FIXTURES), &corpus);
    // An input that no shard can read: its own shard reports it.
    std::fs::write(corpus.join("empty.txt"), "").unwrap();
    let dataset = dir.path().join("dataset");
    let single = dir.path().join("single");
    let out = run(dir.path(), &corpus, &single, &["--formats", "parquet,xlsx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    for k in 0..2 {
        let shard = format!("{k}/2");
        let _ = run(
            dir.path(),
            &corpus,
            &dataset,
            &["--shard", &shard, "--formats", "parquet"],
        );
    }
    // Shard 1 runs again and is killed once its set is committed, before any file moved.
    let mut child = start_paused(
        &[
            "run",
            corpus.to_str().unwrap(),
            "--out",
            dataset.to_str().unwrap(),
            "--shard",
            "1/2",
            "--formats",
            "parquet",
        ],
        dir.path(),
        "committed",
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(dataset
        .join(".annotext-staging-part-1-of-2/manifest.json")
        .is_file());

    let out = annotext(&["combine", dataset.to_str().unwrap()], dir.path());
    // The workbook is written; the status says that an input could not be read.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: shard 1/2 was killed after it had committed"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("1 input could not be read by the shards"),
        "{}",
        stderr(&out)
    );
    assert!(!dataset.join(".annotext-staging-part-1-of-2").exists());
    assert!(
        std::fs::read(dataset.join("workbook.xlsx")).unwrap()
            == std::fs::read(single.join("workbook.xlsx")).unwrap()
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dataset.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["unreadable_inputs"], 1);
    let out = annotext(&["verify", dataset.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn the_shard_comes_from_the_option_or_the_scheduler() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&Path::new(FIXTURES).join("sco-transport-2025"), &corpus);
    let dataset = dir.path().join("dataset");
    let with_env = |vars: &[(&str, &str)], args: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_annotext"));
        command
            .args(["run", corpus.to_str().unwrap(), "--out"])
            .arg(&dataset)
            .args(["--quiet", "--formats", "parquet"])
            .args(args)
            .current_dir(dir.path())
            .env_remove("JOB_COMPLETION_INDEX")
            .env_remove("SLURM_ARRAY_TASK_ID")
            .env_remove("SLURM_ARRAY_TASK_MIN");
        for (name, value) in vars {
            command.env(name, value);
        }
        command.output().unwrap()
    };
    let out = with_env(&[("JOB_COMPLETION_INDEX", "2")], &["--shards", "4"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dataset.join("shards/part-2-of-4.json").is_file());
    let out = with_env(
        &[("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "3")],
        &["--shards", "4"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dataset.join("shards/part-3-of-4.json").is_file());

    // Usage errors (exit status 2), with nothing written.
    for (vars, args, says) in [
        (&[][..], &["--shards", "4"][..], "needs this shard's index"),
        (&[], &["--shard", "4/4"], "does not exist among 4 shards"),
        (
            &[],
            &["--shard", "1/4", "--formats", "xlsx"],
            "cannot write the workbook",
        ),
        (
            &[("JOB_COMPLETION_INDEX", "x")],
            &["--shards", "4"],
            "is not a shard index",
        ),
    ] {
        let out = with_env(vars, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    assert!(!dataset.join("shards/part-1-of-4.json").exists());
}

#[test]
fn every_shard_reports_a_duplicate_document_id() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["a", "b"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::copy(SAMPLE, dir.path().join(folder).join("summit.txt")).unwrap();
    }
    for k in 0..2 {
        let shard = format!("{k}/2");
        let out = annotext(
            &[
                "run",
                "a/summit.txt",
                "b/summit.txt",
                "--out",
                "dataset",
                "--shard",
                &shard,
                "--formats",
                "parquet",
            ],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(1), "shard {k}");
        assert!(
            stderr(&out).contains("document id \"summit\" is already used by a/summit.txt"),
            "shard {k}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn verify_checks_a_dataset_by_its_markers_then_by_the_manifest_combine_writes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(
        &Path::new(FIXTURES).join("lancang-mekong-water-2023"),
        &corpus,
    );
    let dataset = dir.path().join("dataset");
    let verify = || annotext(&["verify", dataset.to_str().unwrap()], dir.path());
    run_shards(
        dir.path(),
        &corpus,
        &dataset,
        2,
        &["--formats", "csv,parquet,jsonl"],
    );

    // Before combine: the markers are the listing.
    let out = verify();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("all 46 files match the 2 shard markers in shards/"),
        "{}",
        stderr(&out)
    );

    let out = annotext(&["combine", dataset.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dataset.join("manifest.json")).unwrap()).unwrap();
    let paths: Vec<&str> = manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 46 + 2 + 1, "parts, markers, workbook");
    assert!(paths.contains(&"workbook.xlsx"));
    assert!(paths.contains(&"shards/part-1-of-2.json"));
    assert_eq!(manifest["inputs"].as_array().unwrap().len(), 6);
    assert_eq!(manifest["options"]["formats"][3], "xlsx");
    let out = verify();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("all 49 files match manifest.json"),
        "{}",
        stderr(&out)
    );

    // A part changed, a stray file: both reported.
    std::fs::write(dataset.join("records/part-0-of-2.jsonl"), "{}\n").unwrap();
    std::fs::write(dataset.join("tables/items/notes.txt"), "mine").unwrap();
    let out = verify();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("changed: records/part-0-of-2.jsonl"),
        "{said}"
    );
    assert!(said.contains("extra: tables/items/notes.txt"), "{said}");
}
