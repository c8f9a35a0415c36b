//! Shards: one run's share of a corpus that several runs process side by side, on one machine
//! or many, under any scheduler. Every shard lists all the inputs and keeps the documents whose
//! id hashes to it, so shards agree on who does what without talking to each other, a
//! duplicate id is reported by every shard, and adding files moves no document between shards.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Kubernetes Indexed Jobs: the pod's index, `0` to `completions − 1`.
pub const KUBERNETES_INDEX: &str = "JOB_COMPLETION_INDEX";
/// Slurm job arrays: the task's index in the array.
pub const SLURM_INDEX: &str = "SLURM_ARRAY_TASK_ID";
/// Slurm job arrays: the array's first index (`--array=1-8` starts at 1).
pub const SLURM_FIRST_INDEX: &str = "SLURM_ARRAY_TASK_MIN";

/// Shard `index` of `count` (`0 ≤ index < count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Which shard, from 0.
    pub index: u32,
    /// How many shards share the corpus.
    pub count: u32,
}

impl Shard {
    /// Checks `0 ≤ index < count`.
    pub fn new(index: u32, count: u32) -> Result<Shard, String> {
        match (index, count) {
            (_, 0) => Err("the number of shards must be at least 1".to_owned()),
            (k, n) if k >= n => Err(format!(
                "shard {k} does not exist among {n} shards (they are numbered 0 to {})",
                n - 1
            )),
            (index, count) => Ok(Shard { index, count }),
        }
    }

    /// The shard of a run given `--shards count` and no index: the index a scheduler put in the
    /// environment (`get` reads a variable), Kubernetes' first, then Slurm's, counted from the
    /// array's first index.
    pub fn from_environment(
        count: u32,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Shard, String> {
        let number = |name: &str| -> Result<Option<u32>, String> {
            match get(name) {
                None => Ok(None),
                Some(value) => value
                    .trim()
                    .parse::<u32>()
                    .map(Some)
                    .map_err(|_| format!("{name}={value:?} is not a shard index")),
            }
        };
        let index = match (number(KUBERNETES_INDEX)?, number(SLURM_INDEX)?) {
            (Some(index), _) => index,
            (None, Some(task)) => {
                let first = number(SLURM_FIRST_INDEX)?.unwrap_or(0);
                task.checked_sub(first).ok_or_else(|| {
                    format!("{SLURM_INDEX}={task} is below {SLURM_FIRST_INDEX}={first}")
                })?
            }
            (None, None) => {
                return Err(format!(
                    "--shards {count} needs this shard's index: give --shard K/{count}, or run \
                     as a Kubernetes Indexed Job ({KUBERNETES_INDEX}) or a Slurm array \
                     ({SLURM_INDEX})"
                ))
            }
        };
        Shard::new(index, count)
    }

    /// Whether the document `id` belongs to this shard.
    pub fn owns(&self, id: &str) -> bool {
        shard_of(id, self.count) == self.index
    }

    /// `part-K-of-N`: the name of this shard's files in the dataset.
    pub fn part_name(&self) -> String {
        format!("part-{}-of-{}", self.index, self.count)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// `K/N`.
    fn from_str(text: &str) -> Result<Shard, String> {
        let (index, count) = text
            .split_once('/')
            .ok_or_else(|| format!("{text:?} is not K/N (shard K of N, from 0: 0/4 … 3/4)"))?;
        let number = |part: &str| {
            part.trim()
                .parse::<u32>()
                .map_err(|_| format!("{text:?} is not K/N (shard K of N, from 0: 0/4 … 3/4)"))
        };
        Shard::new(number(index)?, number(count)?)
    }
}

/// The shard of the document `id` among `count`: a stable hash of the id (BLAKE3, the same on
/// every machine and in every version), spread by jump consistent hashing (Lamping and Veach,
/// 2014), so that going from N to N + 1 shards moves only a (N + 1)th of the documents.
pub fn shard_of(id: &str, count: u32) -> u32 {
    let digest = blake3::hash(id.as_bytes());
    let mut key = u64::from_le_bytes(digest.as_bytes()[..8].try_into().unwrap_or([0; 8]));
    let (mut bucket, mut next) = (-1i64, 0i64);
    while next < i64::from(count) {
        bucket = next;
        key = key.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(1);
        next = ((bucket + 1) as f64 * ((1u64 << 31) as f64 / ((key >> 33) + 1) as f64)) as i64;
    }
    u32::try_from(bucket.max(0)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_read_as_k_of_n() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert_eq!(Shard::new(2, 4).unwrap().part_name(), "part-2-of-4");
        for bad in ["4/4", "1/0", "1", "a/4", "-1/4", "1/4/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_index_comes_from_kubernetes_or_slurm() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let k8s = Shard::from_environment(4, env(&[(KUBERNETES_INDEX, "3")]));
        assert_eq!(k8s, Ok(Shard { index: 3, count: 4 }));
        let slurm = Shard::from_environment(4, env(&[(SLURM_INDEX, "2")]));
        assert_eq!(slurm, Ok(Shard { index: 2, count: 4 }));
        // `--array=1-4`: task 4 is the last of four shards.
        let from_one =
            Shard::from_environment(4, env(&[(SLURM_INDEX, "4"), (SLURM_FIRST_INDEX, "1")]));
        assert_eq!(from_one, Ok(Shard { index: 3, count: 4 }));
        let none = Shard::from_environment(4, env(&[])).unwrap_err();
        assert!(none.contains("--shard K/4"), "{none}");
        assert!(Shard::from_environment(4, env(&[(KUBERNETES_INDEX, "4")])).is_err());
        assert!(Shard::from_environment(4, env(&[(SLURM_INDEX, "x")])).is_err());
    }

    #[test]
    fn every_document_has_one_shard_and_shards_share_the_work() {
        let ids: Vec<String> = (0..4000).map(|i| format!("2024/doc-{i}")).collect();
        let mut sizes = [0usize; 4];
        for id in &ids {
            let owners: Vec<u32> = (0..4)
                .filter(|&k| Shard::new(k, 4).unwrap().owns(id))
                .collect();
            assert_eq!(owners.len(), 1, "{id}");
            sizes[owners[0] as usize] += 1;
        }
        // A thousand each, give or take a few per cent.
        assert!(sizes.iter().all(|&n| (900..1100).contains(&n)), "{sizes:?}");
    }

    #[test]
    fn a_fifth_shard_moves_only_a_fifth_of_the_documents() {
        let ids: Vec<String> = (0..5000).map(|i| format!("doc-{i}")).collect();
        let moved = ids
            .iter()
            .filter(|id| shard_of(id, 4) != shard_of(id, 5))
            .count();
        // Every document that moves goes to the new shard.
        assert!(ids
            .iter()
            .filter(|id| shard_of(id, 4) != shard_of(id, 5))
            .all(|id| shard_of(id, 5) == 4));
        assert!((800..1200).contains(&moved), "{moved}");
    }

    #[test]
    fn the_hash_is_stable() {
        // Fixed values: a shard's documents must not change between versions or machines.
        let got: Vec<u32> = ["a", "summit", "2023/summit"]
            .iter()
            .map(|id| shard_of(id, 16))
            .collect();
        assert_eq!(
            got, STABLE,
            "update only with a note in the README: shards move"
        );
    }

    /// `shard_of` of "a", "summit", "2023/summit" among 16, as first computed.
    const STABLE: [u32; 3] = [12, 15, 4];
}
