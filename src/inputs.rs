//! Which files a run reads: files named on the command line, and the `*.txt` files found
//! recursively in the folders named, each with the document id its rows carry.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use annotext_atomic_file::Digest;
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
    /// Its position among the inputs a run listed, from 0.
    pub position: usize,
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
            position: 0,
        }
    }
}

/// An input as a run read it: its length and content digest, which the manifest records and a
/// second read of the file compares to tell whether the file changed in between.
#[derive(Debug, Clone)]
pub struct Source {
    /// The input.
    pub input: Input,
    /// Its length.
    pub bytes: u64,
    /// The digest of its bytes.
    pub digest: Digest,
}

/// Reads and parses an input; also returns what was read, for the manifest and [`read_again`].
pub fn read(input: &Input) -> Result<(Document, Source)> {
    let path = &input.path;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let source = Source {
        input: input.clone(),
        bytes: bytes.len() as u64,
        digest: Digest::of(&bytes),
    };
    let mut doc = annotext_parser::parse_vec(&input.id, bytes)
        .with_context(|| format!("{}", path.display()))?;
    // As given or found: the `documents` table names each document's file.
    doc.path = Some(path.display().to_string());
    Ok((doc, source))
}

/// Reads and parses an input a second time, and fails if it is no longer what the first read
/// (`first`) saw: outputs made from the two reads must agree.
pub fn read_again(first: &Source) -> Result<Document> {
    let input = &first.input;
    let (doc, again) = read(input)?;
    if again.digest != first.digest {
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
    for (position, input) in inputs.iter_mut().enumerate() {
        input.position = position;
    }
    (inputs, bad)
}

/// The BLAKE3 digest of a listing of inputs (each one's document id, in order), in hex: shards
/// compare theirs to know they listed the same documents, however the paths were spelt
/// (`corpus` or `corpus/`, or another mount point).
pub fn listing_digest(inputs: &[Input]) -> String {
    let mut hasher = blake3::Hasher::new();
    for input in inputs {
        hasher.update(input.id.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().to_hex().to_string()
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
        position: 0,
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
        let (first, source) = read(&input).unwrap();
        assert_eq!(source.bytes, "1.中(zhong)\n".len() as u64);
        assert_eq!(source.digest, Digest::of("1.中(zhong)\n".as_bytes()));
        assert_eq!(read_again(&source).unwrap(), first);
        std::fs::write(&path, "1.中(zhong)國(guo)\n").unwrap();
        let err = read_again(&source).unwrap_err().to_string();
        assert!(
            err.contains("a.txt changed while it was being processed"),
            "{err}"
        );
    }
}
