//! Which files a run reads: files named on the command line, and the `*.txt` files found
//! recursively in the folders named, each with the document id its rows carry.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use annotext_atomic_file::Digest;
use annotext_output_set::names::shown;
use annotext_parser::Document;

use crate::error::{IoContext, PipelineError, Result};

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
        let id = path
            .file_stem()
            .map_or_else(|| "document".to_owned(), shown);
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
/// Only a regular file is read, and only up to `max_bytes`: a FIFO, a device or a file larger
/// than that is refused with a clear error rather than read for ever.
pub fn read(input: &Input, max_bytes: u64) -> Result<(Document, Source)> {
    let path = &input.path;
    let bytes = read_regular_file(path, max_bytes)?;
    let source = Source {
        input: input.clone(),
        bytes: bytes.len() as u64,
        digest: Digest::of(&bytes),
    };
    let mut doc =
        annotext_parser::parse_vec(&input.id, bytes).map_err(|source| PipelineError::Input {
            path: path.clone(),
            source,
        })?;
    // As given or found: the `documents` table names each document's file.
    doc.path = Some(path.display().to_string());
    Ok((doc, source))
}

/// The bytes of the regular file at `path`, at most `max_bytes` of them.
pub fn read_regular_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let file = open_without_waiting(path).at("read", path)?;
    let meta = file.metadata().at("read", path)?;
    if !meta.is_file() {
        return Err(PipelineError::Refused(format!(
            "{}: not a regular file (a folder, a device, a FIFO or a socket): annotext reads \
             files only; use `-` to read standard input",
            shown(path)
        )));
    }
    read_limited(file, meta.len(), max_bytes, path)
}

/// Reads up to `max_bytes` from `reader` (whose length, if known, is `len`); more is an error
/// naming `path`.
pub fn read_limited(reader: impl Read, len: u64, max_bytes: u64, path: &Path) -> Result<Vec<u8>> {
    let too_large = || {
        PipelineError::Refused(format!(
            "{}: larger than {} MiB, the limit of one input (--max-file-mib)",
            shown(path),
            max_bytes >> 20
        ))
    };
    if len > max_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // One byte over the limit tells a file that grew past it (or a stream) from one that ends.
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .at("read", path)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Opens `path` for reading without blocking: opening a FIFO waits for a writer, which may never
/// come. Reading a regular file is not affected.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

/// Elsewhere there are no FIFOs to wait on by name.
#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Reads and parses an input a second time, and fails if it is no longer what the first read
/// (`first`) saw: outputs made from the two reads must agree.
pub fn read_again(first: &Source, max_bytes: u64) -> Result<Document> {
    let input = &first.input;
    let (doc, again) = read(input, max_bytes)?;
    if again.digest != first.digest {
        return Err(PipelineError::Refused(format!(
            "{} changed while it was being processed; run again once it is no longer written to",
            shown(&input.path)
        )));
    }
    Ok(doc)
}

/// The inputs a run lists, and the paths that could not be listed.
#[derive(Debug, Default)]
pub struct Listing {
    /// The inputs, in a stable order (arguments in order, folders sorted by name), each with
    /// its position.
    pub inputs: Vec<Input>,
    /// Why each path or file that is not among them could not be listed.
    pub errors: Vec<PipelineError>,
}

/// The inputs under `paths`. Folders are walked without following symbolic links unless
/// `follow` (a link in a shared folder may lead anywhere, as ripgrep's `--follow` says); a
/// path named directly is read as given. Only regular `*.txt` files are listed.
pub fn collect(paths: &[PathBuf], follow: bool) -> Listing {
    let mut listing = Listing::default();
    let (inputs, errors) = (&mut listing.inputs, &mut listing.errors);
    for path in paths {
        if path.is_dir() {
            let before = inputs.len();
            let walk = walkdir::WalkDir::new(path)
                .follow_links(follow)
                .sort_by_file_name();
            for entry in walk {
                match entry {
                    Ok(entry) if is_text_file(&entry) => {
                        inputs.push(in_folder(path, entry.path()));
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let at = e.path().unwrap_or(path).to_path_buf();
                        errors.push(PipelineError::io("read", &at, e.into()));
                    }
                }
            }
            if inputs.len() == before {
                errors.push(PipelineError::Refused(format!(
                    "no *.txt files in {}",
                    shown(path)
                )));
            }
        } else if path.exists() {
            inputs.push(Input::file(path));
        } else {
            errors.push(PipelineError::Refused(format!(
                "cannot read input folder {}: no such file or folder",
                shown(path)
            )));
        }
    }
    // Two files with one id would mix their rows: the later one is refused.
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    inputs.retain(|input| match seen.get(&input.id) {
        Some(first) => {
            errors.push(PipelineError::Refused(format!(
                "{}: document id {:?} is already used by {}; skipped",
                shown(&input.path),
                input.id,
                shown(first)
            )));
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
    listing
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

/// A `*.txt` regular file (a link to one, when links are followed).
fn is_text_file(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "txt")
}

fn in_folder(root: &Path, path: &Path) -> Input {
    let relative = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let id = relative
        .components()
        // Escaped, not replaced: two names that are not UTF-8 stay two ids.
        .map(|c| shown(c.as_os_str()))
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
        let (first, source) = read(&input, u64::MAX).unwrap();
        assert_eq!(source.bytes, "1.中(zhong)\n".len() as u64);
        assert_eq!(source.digest, Digest::of("1.中(zhong)\n".as_bytes()));
        assert_eq!(read_again(&source, u64::MAX).unwrap(), first);
        std::fs::write(&path, "1.中(zhong)國(guo)\n").unwrap();
        let err = read_again(&source, u64::MAX).unwrap_err().to_string();
        assert!(
            err.contains("a.txt changed while it was being processed"),
            "{err}"
        );
    }
}
