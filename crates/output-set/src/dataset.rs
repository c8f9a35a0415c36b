//! A sharded dataset as a whole: the markers that shards wrote in `shards/`, checked to make one
//! complete dataset (one sharding, every shard finished, the same documents and options). What
//! `combine` reads and `verify` checks before `combine` has written the dataset's manifest.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use crate::error::{IoContext, OutputSetError, Result};
use crate::names::{shown, shown_str};
use serde_json::Value;

use annotext_atomic_file::{Digest, WrittenFile};

use crate::manifest::{
    Counts, InputEntry, Manifest, OutputEntry, RunTimes, ShardInfo, FORMAT_VERSION,
};
use crate::staging::{shard_markers, SHARDS_FOLDER};

/// One shard's marker, read and checked.
pub struct Marker {
    /// Where it is.
    pub path: PathBuf,
    /// What it says.
    pub manifest: Manifest,
    /// Its shard.
    pub shard: ShardInfo,
}

/// A complete dataset: every shard of one sharding, finished, in shard order.
pub struct Dataset {
    /// The folder.
    pub dir: PathBuf,
    /// Each shard's marker, shard 0 first.
    pub markers: Vec<Marker>,
}

/// One document of the dataset, in input order.
pub struct DatasetDocument {
    /// Its id.
    pub id: String,
    /// Its length in bytes.
    pub bytes: u64,
}

/// The shard markers in `dir/shards/`, read, in order of sharding and shard.
pub fn read_markers(dir: &Path) -> Result<Vec<Marker>> {
    let folder = dir.join(SHARDS_FOLDER);
    let mut markers = Vec::new();
    for (name, _) in shard_markers(dir) {
        let path = folder.join(name);
        let manifest = Manifest::read(&path)?;
        let shard = manifest
            .shard
            .clone()
            .ok_or_else(|| OutputSetError::BadManifest {
                what: format!("{} is not a shard's marker", shown(&path)),
                source: None,
            })?;
        markers.push(Marker {
            path,
            manifest,
            shard,
        });
    }
    markers.sort_by_key(|m| (m.shard.count, m.shard.index));
    Ok(markers)
}

impl Dataset {
    /// Reads the markers in `dir/shards/` and checks that they make one complete dataset; the
    /// error says what is wrong and what to do.
    pub fn open(dir: &Path) -> Result<Dataset> {
        Dataset::of_markers(dir, read_markers(dir)?)
    }

    /// Checks that `markers`, read from `dir`, make one complete dataset.
    pub fn of_markers(dir: &Path, markers: Vec<Marker>) -> Result<Dataset> {
        let folder = dir.join(SHARDS_FOLDER);
        if markers.is_empty() {
            return Err(OutputSetError::Incomplete(format!(
                "{} holds no shard marker ({SHARDS_FOLDER}/part-K-of-N.json): no shard has \
                 finished there; run `annotext run … --shard K/N --out {}` first",
                shown(dir),
                shown(dir)
            )));
        }
        let counts: BTreeSet<u32> = markers.iter().map(|m| m.shard.count).collect();
        if counts.len() > 1 {
            let listed: Vec<String> = counts.iter().map(|n| format!("of {n}")).collect();
            return Err(OutputSetError::Incomplete(format!(
                "{} holds the markers of {} shardings ({} shards): one folder holds one \
                 dataset; remove the parts and markers of the older sharding \
                 (part-*-of-N.*), or run each sharding into its own folder",
                shown(&folder),
                counts.len(),
                listed.join(", ")
            )));
        }
        let count = markers[0].shard.count;
        let present: BTreeSet<u32> = markers.iter().map(|m| m.shard.index).collect();
        let missing: Vec<u32> = (0..count).filter(|k| !present.contains(k)).collect();
        if !missing.is_empty() {
            let files: Vec<String> = missing
                .iter()
                .map(|k| format!("{SHARDS_FOLDER}/part-{k}-of-{count}.json"))
                .collect();
            let shards: Vec<String> = missing.iter().map(u32::to_string).collect();
            return Err(OutputSetError::Incomplete(format!(
                "the dataset in {} is not complete: shard{} {} of {count} ha{} not finished \
                 (no {}); run {} and try again",
                shown(dir),
                if missing.len() == 1 { "" } else { "s" },
                shards.join(", "),
                if missing.len() == 1 { "s" } else { "ve" },
                files.join(", "),
                if missing.len() == 1 { "it" } else { "them" },
            )));
        }
        let first = &markers[0];
        for marker in &markers[1..] {
            if marker.shard.listing_blake3 != first.shard.listing_blake3 {
                let newer = match marker.manifest.run.ended > first.manifest.run.ended {
                    true => marker,
                    false => first,
                };
                return Err(OutputSetError::Incomplete(format!(
                    "{} and {} listed different documents ({} and {} inputs): inputs were \
                     added, removed or renamed between the shards' runs ({} ran last); every \
                     shard of a dataset runs over the same inputs, so run the others again",
                    shown(&first.path),
                    shown(&marker.path),
                    first.shard.inputs_listed,
                    marker.shard.inputs_listed,
                    shown(&newer.path)
                )));
            }
            let differences = option_differences(&first.manifest, &marker.manifest);
            if !differences.is_empty() {
                return Err(OutputSetError::Incomplete(format!(
                    "{} and {} were run with different options ({}): the shards of one \
                     dataset run with the same ones",
                    shown(&first.path),
                    shown(&marker.path),
                    differences.join("; ")
                )));
            }
        }
        Ok(Dataset {
            dir: dir.to_path_buf(),
            markers,
        })
    }

    /// Whether the shards wrote Parquet parts (which `combine` reads).
    pub fn has_parquet(&self) -> bool {
        self.markers[0]
            .manifest
            .options
            .formats
            .iter()
            .any(|f| f == "parquet")
    }

    /// The documents the shards read, in the order of the inputs (a single run's).
    pub fn documents(&self) -> Result<Vec<DatasetDocument>> {
        let mut positioned = Vec::new();
        for marker in &self.markers {
            for input in &marker.manifest.inputs {
                let position = input.position.ok_or_else(|| OutputSetError::BadManifest {
                    what: format!(
                        "{} gives no position for {}",
                        shown(&marker.path),
                        shown_str(&input.path)
                    ),
                    source: None,
                })?;
                positioned.push((
                    position,
                    DatasetDocument {
                        id: input.doc_id.clone(),
                        bytes: input.bytes,
                    },
                ));
            }
        }
        if positioned.is_empty() {
            return Err(OutputSetError::Incomplete(format!(
                "the shards in {} read no document (each reported why): there is no workbook \
                 to write",
                shown(&self.dir)
            )));
        }
        positioned.sort_by_key(|(position, _)| *position);
        Ok(positioned.into_iter().map(|(_, d)| d).collect())
    }

    /// The manifest of the whole dataset: every shard's inputs (in input order), outputs and
    /// marker, and the workbook when it is in the folder; the counts summed.
    pub fn manifest(&self, written: &[WrittenFile], started_at: SystemTime) -> Result<Manifest> {
        let first = &self.markers[0].manifest;
        let mut options = first.options.clone();
        options.formats.push("xlsx".to_owned());
        let mut inputs: Vec<InputEntry> = self
            .markers
            .iter()
            .flat_map(|m| m.manifest.inputs.iter().cloned())
            .collect();
        inputs.sort_by_key(|i| i.position);
        let mut outputs: Vec<OutputEntry> = self
            .markers
            .iter()
            .flat_map(|m| m.manifest.outputs.iter().cloned())
            .collect();
        for marker in &self.markers {
            let (digest, bytes) = Digest::of_file(&marker.path).at("read", &marker.path)?;
            let name = marker
                .path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy();
            outputs.push(OutputEntry {
                path: format!("{SHARDS_FOLDER}/{name}"),
                bytes,
                blake3: digest.to_string(),
            });
        }
        for file in written {
            if let Some(relative) = inside(&self.dir, &file.path) {
                outputs.push(OutputEntry {
                    path: relative,
                    bytes: file.bytes,
                    blake3: file.digest.to_string(),
                });
            }
        }
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        // Paths that could not be listed are counted by every shard, documents that could not
        // be read by their own shard.
        let listing_errors = self.markers[0].shard.listing_errors;
        let mut counts = Counts {
            unreadable_inputs: listing_errors,
            ..Counts::default()
        };
        for marker in &self.markers {
            let c = &marker.manifest.counts;
            counts.documents += c.documents;
            counts.unreadable_inputs += c.unreadable_inputs.saturating_sub(listing_errors);
            counts.items += c.items;
            counts.anomalies += c.anomalies;
            counts.errors += c.errors;
        }
        Ok(Manifest {
            manifest_version: FORMAT_VERSION,
            tool: crate::manifest::Tool {
                name: env!("CARGO_PKG_NAME").to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            options,
            inputs,
            outputs,
            counts,
            skipped: self
                .markers
                .iter()
                .flat_map(|m| m.manifest.skipped.iter().cloned())
                .collect(),
            run: RunTimes::until_now(started_at),
            shard: None,
        })
    }
}

/// The options of two shards' runs that differ, as `name (ours vs theirs)`; the paths given
/// (the same inputs may be named from elsewhere: the listing's digest compares the documents),
/// the batch size (which never changes the outputs) and the order of `--formats` aside.
fn option_differences(first: &Manifest, other: &Manifest) -> Vec<String> {
    let comparable = |manifest: &Manifest| -> serde_json::Map<String, Value> {
        let mut options = manifest.options.clone();
        options.formats.sort();
        let Ok(Value::Object(mut map)) = serde_json::to_value(options) else {
            return serde_json::Map::new();
        };
        map.remove("paths");
        map.remove("batch_mib");
        map
    };
    let (ours, theirs) = (comparable(first), comparable(other));
    ours.iter()
        .filter(|(name, value)| theirs.get(*name) != Some(*value))
        .map(|(name, value)| {
            let theirs = theirs.get(name).cloned().unwrap_or(Value::Null);
            format!("--{} {value} vs {theirs}", name.replace('_', "-"))
        })
        .collect()
}

/// `path` below `dir`, `/`-separated, when it is there (either may be relative or absolute).
fn inside(dir: &Path, path: &Path) -> Option<String> {
    let dir = dir.canonicalize().ok()?;
    let path = path.parent()?.canonicalize().ok()?.join(path.file_name()?);
    let relative = path.strip_prefix(&dir).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    Some(parts?.join("/"))
}
