//! Test support: poppler's command-line tools (pdftotext, pdfinfo, pdffonts), which read a PDF
//! the way its reader sees it. On a fresh machine without poppler-utils they are installed on
//! first use (apt-get), so `cargo test --release --workspace` needs no set-up step of its own.

use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Installs poppler-utils once per test process if its tools are missing; tests share it, and
/// `OnceLock` makes the others wait rather than race apt-get.
pub fn ensure_poppler() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        let present = |tool: &str| {
            Command::new(tool)
                .arg("-v")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok()
        };
        if ["pdftotext", "pdfinfo", "pdffonts"]
            .iter()
            .all(|t| present(t))
        {
            return;
        }
        // Root installs directly; anyone else goes through sudo (non-interactive, so a password
        // prompt fails fast instead of hanging the test run).
        let is_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0"));
        let apt = |args: &[&str]| {
            let mut cmd = if is_root {
                Command::new("apt-get")
            } else {
                let mut sudo = Command::new("sudo");
                sudo.args(["-n", "apt-get"]);
                sudo
            };
            cmd.args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let installed = apt(&["update", "-qq"]) && apt(&["install", "-y", "-qq", "poppler-utils"]);
        assert!(
            installed && present("pdftotext"),
            "the PDF tests read briefings with poppler-utils (pdftotext, pdfinfo, pdffonts), which \
             is missing and could not be installed with apt-get; install it and rerun"
        );
    });
}

/// Runs a poppler tool (`pdftotext` to standard output, `pdfinfo`, `pdffonts`) on the PDF
/// bytes with `extra` arguments first, and returns what it printed; panics if it fails, as a
/// test should.
pub fn poppler(tool: &str, pdf: &[u8], extra: &[&str]) -> String {
    ensure_poppler();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("briefing.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(extra).arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
