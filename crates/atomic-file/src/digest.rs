//! Content digests (BLAKE3, the `b3sum` format) of the files a run writes and reads. An output
//! is digested while it is written ([`DigestingFile`]), so recording what a run wrote costs no
//! second read of gigabytes of output.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The BLAKE3 digest of a file's content; shown as 64 lowercase hex digits, as `b3sum` prints it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digest([u8; 32]);

impl Digest {
    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        Digest(*blake3::hash(bytes).as_bytes())
    }

    /// Reads `path` to its end and digests it; also returns its length in bytes.
    pub fn of_file(path: &Path) -> io::Result<(Digest, u64)> {
        let mut file = File::open(path)?;
        let mut tally = Tally::default();
        let mut buffer = vec![0; 1 << 20];
        loop {
            let n = match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            tally.add(&buffer[..n]);
        }
        Ok((tally.digest(), tally.bytes))
    }

    /// Reads a digest from its hex form (64 hex digits, either case); `None` when it is not one.
    pub fn from_hex(hex: &str) -> Option<Digest> {
        blake3::Hash::from_hex(hex)
            .ok()
            .map(|hash| Digest(*hash.as_bytes()))
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(blake3::Hash::from_bytes(self.0).to_hex().as_str())
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

/// A file written completely and moved into place: where, how long, and its digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    /// Where the file now is.
    pub path: PathBuf,
    /// Its length.
    pub bytes: u64,
    /// The digest of its content.
    pub digest: Digest,
}

/// Bytes seen so far and their running digest.
#[derive(Default)]
pub(crate) struct Tally {
    hasher: blake3::Hasher,
    pub(crate) bytes: u64,
}

impl Tally {
    pub(crate) fn add(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.bytes += bytes.len() as u64;
    }

    pub(crate) fn digest(&self) -> Digest {
        Digest(*self.hasher.finalize().as_bytes())
    }
}

/// A writer on a file that digests every byte it writes, for a writer that must own its output
/// (see [`crate::AtomicFile::handle`]). Handles of one file share its tally: writes through
/// them must not run at the same time (they share the file position too).
#[derive(Debug)]
pub struct DigestingFile {
    file: File,
    tally: Arc<Mutex<Tally>>,
}

impl fmt::Debug for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tally({} bytes)", self.bytes)
    }
}

impl DigestingFile {
    pub(crate) fn new(file: File, tally: Arc<Mutex<Tally>>) -> DigestingFile {
        DigestingFile { file, tally }
    }
}

/// Locks a tally; a writer thread that panicked while holding it left a tally that no longer
/// matches the file.
pub(crate) fn lock(tally: &Mutex<Tally>) -> io::Result<std::sync::MutexGuard<'_, Tally>> {
    tally
        .lock()
        .map_err(|_| io::Error::other("a writer of this file panicked"))
}

impl Write for DigestingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Buffered callers write a buffer at a time (64 KiB to 1 MiB): the lock is taken once
        // per buffer, and BLAKE3 digests such runs with SIMD across its chunks.
        let n = self.file.write(buf)?;
        lock(&self.tally)?.add(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_b3sum_s_and_reads_back_from_hex() {
        // `printf abc | b3sum`
        let abc = Digest::of(b"abc");
        assert_eq!(
            abc.to_string(),
            "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"
        );
        assert_eq!(Digest::from_hex(&abc.to_string()), Some(abc));
        assert_eq!(Digest::from_hex("6437"), None);
    }

    #[test]
    fn a_file_s_digest_is_its_content_s() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let content: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &content).unwrap();
        assert_eq!(
            Digest::of_file(&path).unwrap(),
            (Digest::of(&content), 3_000_000)
        );
    }
}
