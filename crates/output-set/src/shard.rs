//! Shards: one run's share of a corpus that several runs process side by side, on one machine
//! or many, under any scheduler. Every shard lists all the inputs and keeps the documents whose
//! id hashes to it, so shards agree on who does what without talking to each other, a
//! duplicate id is reported by every shard, and adding files moves no document between shards.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Kubernetes Indexed Jobs: the pod's index, `0` to `completions − 1`.
pub const KUBERNETES_INDEX: &str = "JOB_COMPLETION_INDEX";
/// Slurm job arrays: the task's index in the array (`--array=0-7` for eight shards). Taken as
/// it is: a failed task run again alone (`--array=5`) is shard 5 still.
pub const SLURM_INDEX: &str = "SLURM_ARRAY_TASK_ID";

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
    /// environment (`get` reads a variable), Kubernetes' first, then Slurm's.
    pub fn from_environment(
        count: u32,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Shard, String> {
        let last = count.saturating_sub(1);
        let found = [KUBERNETES_INDEX, SLURM_INDEX]
            .into_iter()
            .find_map(|name| get(name).map(|value| (name, value)));
        let Some((name, value)) = found else {
            return Err(format!(
                "--shards {count} needs this shard's index: give --shard K/{count}, or run as \
                 a Kubernetes Indexed Job ({KUBERNETES_INDEX}) or a Slurm array ({SLURM_INDEX}, \
                 --array=0-{last})"
            ));
        };
        let index = value
            .trim()
            .parse::<u32>()
            .map_err(|_| format!("{name}={value:?} is not a shard index"))?;
        Shard::new(index, count).map_err(|e| {
            format!("{name}={value}: {e} (a Slurm array of {count} shards is --array=0-{last})")
        })
    }

    /// Whether the document `id` belongs to this shard.
    pub fn owns(&self, id: &str) -> bool {
        shard_of(id, self.count) == self.index
    }

    /// `part-K-of-N`: the name of this shard's files in the dataset.
    pub fn part_name(&self) -> String {
        format!("part-{}-of-{}", self.index, self.count)
    }

    /// The shard a `part-K-of-N` name is of, if it is one.
    pub fn of_part_name(name: &str) -> Option<Shard> {
        let (index, count) = name.strip_prefix("part-")?.split_once("-of-")?;
        Shard::new(index.parse().ok()?, count.parse().ok()?).ok()
    }

    /// Where this shard's part of `table` in a format (`parquet`, `csv`) goes in the dataset,
    /// `/`-separated: one folder per table and format, holding nothing else, so that an engine
    /// reads the folder as the table (Spark's `read.parquet(dir)`, a Hive, Trino or Athena
    /// table's `LOCATION`): `tables/items/part-K-of-N.parquet`, `csv/items/part-K-of-N.csv`.
    pub fn table_part(&self, table: &str, extension: &str) -> String {
        let root = match extension {
            "parquet" => "tables",
            other => other,
        };
        format!("{root}/{table}/{}.{extension}", self.part_name())
    }

    /// Where this shard's records go in the dataset: `records/part-K-of-N.jsonl`.
    pub fn records_part(&self) -> String {
        format!("records/{}.jsonl", self.part_name())
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
        assert_eq!(
            Shard::of_part_name("part-2-of-4"),
            Some(Shard { index: 2, count: 4 })
        );
        assert_eq!(Shard::of_part_name("part-4-of-4"), None);
        for bad in ["4/4", "1/0", "1", "a/4", "-1/4", "1/4/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn each_format_of_a_table_has_a_folder_of_its_own() {
        let shard = Shard::new(1, 4).unwrap();
        assert_eq!(
            shard.table_part("items", "parquet"),
            "tables/items/part-1-of-4.parquet"
        );
        assert_eq!(
            shard.table_part("items", "csv"),
            "csv/items/part-1-of-4.csv"
        );
        assert_eq!(shard.records_part(), "records/part-1-of-4.jsonl");
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
        // Task 5 run again alone (`--array=5`, where Slurm's first index is 5) is shard 5.
        let alone =
            Shard::from_environment(8, env(&[(SLURM_INDEX, "5"), ("SLURM_ARRAY_TASK_MIN", "5")]));
        assert_eq!(alone, Ok(Shard { index: 5, count: 8 }));
        let none = Shard::from_environment(4, env(&[])).unwrap_err();
        assert!(none.contains("--shard K/4"), "{none}");
        let beyond = Shard::from_environment(4, env(&[(SLURM_INDEX, "4")])).unwrap_err();
        assert!(
            beyond.starts_with("SLURM_ARRAY_TASK_ID=4: shard 4 does not exist"),
            "{beyond}"
        );
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
