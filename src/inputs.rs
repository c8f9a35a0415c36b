//! Which files a run reads: files named on the command line, and the `*.txt` files found
//! recursively in the folders named, each with the document id its rows carry.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use annotext_parser::Document;
use anyhow::{bail, Context, Result};

/// One input file and its document id.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where it is.
    pub path: PathBuf,
    /// Its `doc_id`: the file stem for a file named directly, the path below the folder
    /// (without `.txt`, `/`-separated) for a file found in a folder: `2023/summit`.
    pub id: String,
}

impl Input {
    /// A file named directly: its id is its stem.
    pub fn file(path: &Path) -> Input {
        let id = path.file_stem().map_or_else(
            || "document".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        Input {
            path: path.to_path_buf(),
            id,
        }
    }
}

/// A digest of a file's bytes: a later read of the file compares it to tell whether the file
/// changed in between (not a defence against forged files, which would have to be made on
/// purpose to collide).
fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

/// Reads and parses an input; also returns the digest of its bytes, for [`read_again`].
pub fn read(input: &Input) -> Result<(Document, u64)> {
    let path = &input.path;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let digest = digest(&bytes);
    let doc = annotext_parser::parse_vec(&input.id, bytes)
        .with_context(|| format!("{}", path.display()))?;
    Ok((doc, digest))
}

/// Reads and parses an input a second time, and fails if it is no longer what the first read
/// (whose digest is `first`) saw: outputs made from the two reads must agree.
pub fn read_again(input: &Input, first: u64) -> Result<Document> {
    let (doc, digest) = read(input)?;
    if digest != first {
        bail!(
            "{} changed while it was being processed; run again once it is no longer written to",
            input.path.display()
        );
    }
    Ok(doc)
}

/// The inputs under `paths`, in a stable order (arguments in order, folders sorted by name).
/// Paths that cannot be read and ids used twice are reported on stderr and counted.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, usize) {
    let mut inputs = Vec::new();
    let mut bad = 0;
    for path in paths {
        if path.is_dir() {
            let before = inputs.len();
            let walk = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name();
            for entry in walk {
                match entry {
                    Ok(entry) if is_text_file(entry.path()) => {
                        inputs.push(in_folder(path, entry.path()));
                    }
                    Ok(_) => {}
                    Err(e) => {
                        eprintln!("error: cannot read {}: {e}", path.display());
                        bad += 1;
                    }
                }
            }
            if inputs.len() == before {
                eprintln!("error: no *.txt files in {}", path.display());
                bad += 1;
            }
        } else if path.is_file() {
            inputs.push(Input::file(path));
        } else {
            eprintln!(
                "error: cannot read input folder {}: no such file or folder",
                path.display()
            );
            bad += 1;
        }
    }
    // Two files with one id would mix their rows: the later one is refused.
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    inputs.retain(|input| match seen.get(&input.id) {
        Some(first) => {
            eprintln!(
                "error: {}: document id {:?} is already used by {}; skipped",
                input.path.display(),
                input.id,
                first.display()
            );
            bad += 1;
            false
        }
        None => {
            seen.insert(input.id.clone(), input.path.clone());
            true
        }
    });
    (inputs, bad)
}

fn is_text_file(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|e| e == "txt")
}

fn in_folder(root: &Path, path: &Path) -> Input {
    let relative = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let id = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Input {
        path: path.to_path_buf(),
        id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_read_fails_when_the_file_changed_in_between() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "1.中(zhong)\n").unwrap();
        let input = Input::file(&path);
        let (first, digest) = read(&input).unwrap();
        assert_eq!(read_again(&input, digest).unwrap(), first);
        std::fs::write(&path, "1.中(zhong)國(guo)\n").unwrap();
        let err = read_again(&input, digest).unwrap_err().to_string();
        assert!(
            err.contains("a.txt changed while it was being processed"),
            "{err}"
        );
    }
}
