//! Writes the corpus briefing of a run's output folder from its Parquet tables, as
//! `annotext combine` would read them, and says how long it took (see BENCHMARKS.md):
//!
//!     cargo run --release -p annotext-export-pdf --example corpus_briefing -- OUT [PDF]

use std::path::PathBuf;
use std::time::Instant;

use annotext_export_pdf::{BriefingFont, CorpusBriefingOptions, CorpusDigest};
use annotext_transform::{Tables, TABLE_COUNT, TABLE_NAMES};
use polars::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().ok_or("usage: corpus_briefing OUT [PDF]")?);
    let pdf = args
        .next()
        .map_or_else(|| out.join("corpus-briefing.pdf"), PathBuf::from);
    let read = |name: &str| -> PolarsResult<DataFrame> {
        let file = std::fs::File::open(out.join("tables").join(format!("{name}.parquet")))?;
        ParquetReader::new(file).finish()
    };
    let started = Instant::now();
    let mut frames = Vec::new();
    for name in TABLE_NAMES {
        frames.push(read(name)?);
    }
    let frames: [DataFrame; TABLE_COUNT] = frames.try_into().map_err(|_| "eleven tables")?;
    let tables = Tables::from_frames(frames);
    let loaded = started.elapsed();
    let font = BriefingFont::shipped()?;
    let started = Instant::now();
    let mut digest = CorpusDigest::default();
    digest.add(&tables)?;
    let gathered = started.elapsed();
    let (briefing, _) = digest.write(&pdf, &CorpusBriefingOptions::default(), &font)?;
    let total = started.elapsed();
    println!(
        "{} documents: {} pages, {} bytes; tables read in {loaded:.2?}, gathered in {gathered:.2?}, \
         briefing gathered, drawn and written in {total:.2?}",
        digest.document_count(),
        briefing.pages,
        briefing.bytes.len()
    );
    Ok(())
}
