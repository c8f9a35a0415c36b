//! How long each stage of a run took, for `--timings`.

use std::time::{Duration, Instant};

/// Stage durations, for `--timings`: time spent in each stage, summed over its parallel jobs
/// (the stages overlap, so they add up to more than the wall time).
#[derive(Default)]
pub struct Timings(std::sync::Mutex<Vec<(&'static str, Duration)>>);

impl Timings {
    const STAGES: [&'static str; 9] = [
        "read",
        "parse",
        "jsonl",
        "transform",
        "csv",
        "parquet",
        "xlsx",
        "xlsx save",
        "pdf",
    ];

    /// Runs `work` as part of `stage`, adding its time to the stage's.
    pub fn time<T>(&self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = work();
        if let Ok(mut stages) = self.0.lock() {
            stages.push((stage, start.elapsed()));
        }
        out
    }

    /// Each stage that ran, in the order of the pipeline, with its time.
    pub fn stages(&self) -> Vec<(&'static str, Duration)> {
        let stages = self.0.lock().map(|s| s.clone()).unwrap_or_default();
        Self::STAGES
            .into_iter()
            .filter(|name| stages.iter().any(|(s, _)| s == name))
            .map(|name| {
                let took = stages
                    .iter()
                    .filter(|(s, _)| *s == name)
                    .map(|(_, d)| *d)
                    .sum();
                (name, took)
            })
            .collect()
    }
}
