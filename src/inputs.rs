//! Which files a run reads: files named on the command line, and the `*.txt` files found
//! recursively in the folders named, each with the document id its rows carry.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
