//! `manifest.json`: what a run read and wrote, written into the output folder after every
//! output is in place. A folder whose manifest lists a file holds exactly that file (same length,
//! same BLAKE3 digest, as `b3sum` prints it); `annotext verify` checks it.
//!
//! Everything in it follows from the inputs and options except the `run` object (start and end
//! times, duration): two identical runs give manifests that differ only there.

use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{IoContext, OutputSetError, Result};
use serde::{Deserialize, Serialize};

use annotext_atomic_file::{Digest, WrittenFile};

use crate::names::shown;

/// The manifest's file name in the output folder.
pub const MANIFEST_NAME: &str = "manifest.json";

/// The version of this format, raised when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// A run's manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The version of this format ([`FORMAT_VERSION`]).
    pub manifest_version: u32,
    /// The tool that wrote the set.
    pub tool: Tool,
    /// The options that shape the outputs.
    pub options: Options,
    /// Each input read, in input order.
    pub inputs: Vec<InputEntry>,
    /// Each output file, sorted by path.
    pub outputs: Vec<OutputEntry>,
    /// What the run found.
    pub counts: Counts,
    /// The inputs that could not be exported, with why (absent when there were none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedEntry>,
    /// When the run started and ended: the only values that differ between identical runs.
    pub run: RunTimes,
    /// For a shard's marker (`shards/part-K-of-N.json`), the shard; absent for a whole run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardInfo>,
}

/// Name and version of the tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// `annotext`.
    pub name: String,
    /// Its version (`annotext --version`).
    pub version: String,
}

/// The options of the run that shape its outputs (not `--quiet` or `--timings`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// The paths given on the command line.
    pub paths: Vec<String>,
    /// The formats written, as named on the command line.
    pub formats: Vec<String>,
    /// Excel-flavoured CSV.
    pub csv_excel: bool,
    /// The folder the rules were looked for in; `null` for the built-in rules.
    pub rules: Option<String>,
    /// `--title`.
    pub title: Option<String>,
    /// `--font`; `null` for the shipped font.
    pub font: Option<String>,
    /// `--pinyin`.
    pub pinyin: bool,
    /// `--lang` of the briefings (`auto` in manifests written before it existed).
    #[serde(default = "auto")]
    pub lang: String,
    /// `--batch-mib` (never changes the outputs; recorded for reproducing the run's memory use).
    pub batch_mib: f64,
}

/// `--lang`'s default, for manifests written before it existed.
fn auto() -> String {
    "auto".to_owned()
}

/// One input file as it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputEntry {
    /// Its path as the run found it.
    pub path: String,
    /// The `doc_id` its rows carry.
    pub doc_id: String,
    /// Its length.
    pub bytes: u64,
    /// The BLAKE3 digest of its content, in hex.
    pub blake3: String,
    /// In a shard's marker: its position among all the inputs every shard listed, from 0
    /// (`combine` puts the documents in this order, a single run's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
}

/// An input that was listed, or named, but could not be exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedEntry {
    /// Its path as the run found it (empty when the error concerns no one file).
    pub path: String,
    /// Why, as the run reported it.
    pub reason: String,
}

/// What a shard's marker says of the sharding, beside its own inputs and outputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardInfo {
    /// Which shard, from 0.
    pub index: u32,
    /// Of how many.
    pub count: u32,
    /// Inputs every shard listed, its own and the others'.
    pub inputs_listed: usize,
    /// The BLAKE3 digest of that listing (each input's document id, in order): shards that
    /// listed different documents do not make one dataset.
    pub listing_blake3: String,
    /// Paths that could not be listed (a missing folder, a duplicate id): every shard reports
    /// them, where an unreadable document is reported by its own shard only.
    #[serde(default)]
    pub listing_errors: usize,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputEntry {
    /// Its path below the output folder, `/`-separated.
    pub path: String,
    /// Its length.
    pub bytes: u64,
    /// The BLAKE3 digest of its content, in hex.
    pub blake3: String,
}

/// What the run found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Documents read and exported.
    pub documents: usize,
    /// Inputs that could not be read or parsed (reported on stderr, not exported).
    pub unreadable_inputs: usize,
    /// Items, over every document.
    pub items: usize,
    /// Anomalies, over every document.
    pub anomalies: usize,
    /// Error-level anomalies among them.
    pub errors: usize,
}

/// When the run happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunTimes {
    /// Start, UTC, RFC 3339 (`2026-11-25T23:02:41.123Z`).
    pub started: String,
    /// End, when every output had been written (just before they were moved into place).
    pub ended: String,
    /// Wall time between the two.
    pub seconds: f64,
}

impl RunTimes {
    /// The times of a run that started at `started` and ends now.
    pub fn until_now(started: SystemTime) -> RunTimes {
        let ended = SystemTime::now();
        let took = ended.duration_since(started).unwrap_or(Duration::ZERO);
        RunTimes {
            started: rfc3339(started),
            ended: rfc3339(ended),
            seconds: (took.as_secs_f64() * 1000.0).round() / 1000.0,
        }
    }
}

impl OutputEntry {
    /// The entry of a file written below `root`.
    pub fn of(root: &Path, file: &WrittenFile) -> Result<OutputEntry> {
        let relative = file.path.strip_prefix(root).map_err(|_| {
            OutputSetError::Refused(format!(
                "{} was written outside {}",
                shown(&file.path),
                shown(root)
            ))
        })?;
        let parts: Vec<&str> = relative
            .components()
            .map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect::<Option<_>>()
            .ok_or_else(|| {
                OutputSetError::Refused(format!("{} is not a plain UTF-8 path", shown(relative)))
            })?;
        Ok(OutputEntry {
            path: parts.join("/"),
            bytes: file.bytes,
            blake3: file.digest.to_string(),
        })
    }

    /// The digest recorded, if it is one.
    pub fn digest(&self) -> Option<Digest> {
        Digest::from_hex(&self.blake3)
    }
}

/// A manifest path as a relative path below the folder, or an error when it would lead
/// elsewhere (absolute, `..`, empty): a manifest is data, and files are removed by its paths.
pub fn relative_path(path: &str) -> Result<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
            return Err(OutputSetError::BadManifest {
                what: format!(
                    "manifest path {path:?} does not name a file below the output folder"
                ),
                source: None,
            });
        }
        out.push(part);
    }
    Ok(out)
}

impl Manifest {
    /// Reads and checks a manifest file.
    pub fn read(path: &Path) -> Result<Manifest> {
        let bytes = std::fs::read(path).at("read", path)?;
        Manifest::from_bytes(&bytes, path)
    }

    /// Checks and reads a manifest's bytes (`path`: where they were read, for messages).
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Manifest> {
        let manifest: Manifest =
            serde_json::from_slice(bytes).map_err(|e| OutputSetError::BadManifest {
                what: format!("{} is not an annotext manifest", shown(path)),
                source: Some(e),
            })?;
        if manifest.manifest_version != FORMAT_VERSION {
            return Err(OutputSetError::Refused(format!(
                "{} is in manifest format {}; this annotext reads format {FORMAT_VERSION}",
                shown(path),
                manifest.manifest_version
            )));
        }
        for entry in &manifest.outputs {
            relative_path(&entry.path)?;
        }
        Ok(manifest)
    }

    /// The manifest as written: indented JSON with a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        // A manifest is strings, numbers and lists: serialising it cannot fail.
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// A time as RFC 3339 in UTC to the millisecond. Done by hand (days to a civil date, Howard
/// Hinnant's algorithm) rather than with a date crate: this is the only date the tool prints.
pub fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let secs = since.as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        // 2024-02-29T12:34:56.789Z, a leap day.
        let leap = UNIX_EPOCH + Duration::from_millis(1_709_210_096_789);
        assert_eq!(rfc3339(leap), "2024-02-29T12:34:56.789Z");
        let new_year = UNIX_EPOCH + Duration::from_secs(1_767_225_599);
        assert_eq!(rfc3339(new_year), "2025-12-31T23:59:59.000Z");
    }

    #[test]
    fn manifest_paths_stay_below_the_folder() {
        assert_eq!(
            relative_path("tables/items.csv").unwrap(),
            Path::new("tables").join("items.csv")
        );
        for bad in ["", "/etc/passwd", "../x", "tables/../../x", "a//b", "a\\b"] {
            assert!(relative_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn output_entries_are_relative_and_slash_separated() {
        let root = Path::new("out/.annotext-staging");
        let file = WrittenFile {
            path: root.join("briefings").join("2023").join("summit.pdf"),
            bytes: 3,
            digest: Digest::of(b"pdf"),
        };
        let entry = OutputEntry::of(root, &file).unwrap();
        assert_eq!(entry.path, "briefings/2023/summit.pdf");
        assert_eq!(entry.bytes, 3);
        assert_eq!(entry.digest(), Some(Digest::of(b"pdf")));
    }
}
