//! The corpus briefing at the command line (issue 27): a run over two documents or more writes
//! `corpus-briefing.pdf` beside the workbook, listed in the manifest; `combine` writes the same
//! file, byte for byte, for a sharded dataset of the same documents.

mod common;

use std::path::Path;
use std::process::Output;

use common::annotext;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Two fixture documents (one variant each) in `dir/in`.
fn two_documents(dir: &Path) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents");
    std::fs::create_dir(dir.join("in")).unwrap();
    for name in ["cee-energy-wrapped-2024", "mekong-centre-charter-2025"] {
        // The variant annotated with tone marks.
        let source = fixtures.join(name).join("marks.txt");
        std::fs::copy(source, dir.join("in").join(format!("{name}.txt"))).unwrap();
    }
}

#[test]
fn a_run_over_two_documents_writes_the_corpus_briefing_and_combine_the_same() {
    let dir = tempfile::tempdir().unwrap();
    two_documents(dir.path());
    let run = annotext(
        &["run", "in", "-o", "single", "-f", "parquet,pdf"],
        dir.path(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let single = std::fs::read(dir.path().join("single/corpus-briefing.pdf")).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("single/manifest.json")).unwrap())
            .unwrap();
    assert!(
        manifest["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["path"] == "corpus-briefing.pdf"),
        "{manifest}"
    );
    let text = annotext_poppler_check::poppler("pdftotext", &single, &[]);
    // Both documents are in its table, by title.
    assert!(text.contains("2024"), "{text}");
    assert!(text.contains("湄公"), "{text}");

    // Two shards of the same documents, then combine: the same file.
    for k in 0..2 {
        let shard = format!("{k}/2");
        let out = annotext(
            &[
                "run",
                "in",
                "-o",
                "dataset",
                "-f",
                "parquet,pdf",
                "--shard",
                &shard,
            ],
            dir.path(),
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let combine = annotext(&["combine", "dataset"], dir.path());
    assert!(combine.status.success(), "{}", stderr(&combine));
    let combined = std::fs::read(dir.path().join("dataset/corpus-briefing.pdf")).unwrap();
    assert!(
        combined == single,
        "combine's corpus briefing differs from the run's"
    );
    let verify = annotext(&["verify", "dataset"], dir.path());
    assert!(verify.status.success(), "{}", stderr(&verify));

    // One document: no corpus briefing.
    let one = annotext(
        &[
            "run",
            "in/cee-energy-wrapped-2024.txt",
            "-o",
            "one",
            "-f",
            "pdf",
        ],
        dir.path(),
    );
    assert!(one.status.success(), "{}", stderr(&one));
    assert!(!dir.path().join("one/corpus-briefing.pdf").exists());
}
