//! What a run is asked to do: [`RunOptions`], the library's form of `annotext run`'s arguments.

use std::path::PathBuf;

use annotext_export_pdf::Lang;
use annotext_output_set::shard::Shard;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `tables/<table>.csv` (a shard's: `csv/<table>/part-K-of-N.csv`).
    Csv,
    /// `tables/<table>.parquet` (a shard's: `tables/<table>/part-K-of-N.parquet`).
    Parquet,
    /// `records.jsonl` (a shard's: `records/part-K-of-N.jsonl`).
    Jsonl,
    /// `workbook.xlsx` (of a sharded dataset: `combine`).
    Xlsx,
    /// `briefings/<document>.pdf`.
    Pdf,
}

impl Format {
    /// Every format, in the order of `--help`.
    pub const ALL: [Format; 5] = [
        Format::Csv,
        Format::Parquet,
        Format::Jsonl,
        Format::Xlsx,
        Format::Pdf,
    ];

    /// Its name on the command line and in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
            Format::Jsonl => "jsonl",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }

    /// The format of a name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// The default limit on one input's size, in MiB: far above any real document (the largest
/// policy texts are a few MiB), low enough that `/dev/zero` or a stray disk image is refused
/// before it fills memory.
pub const DEFAULT_MAX_FILE_MIB: u64 = 1024;

/// Options of a run, as `annotext run` takes them.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Files, and folders searched recursively for `*.txt` files.
    pub paths: Vec<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// Formats to write; empty: all (all but xlsx for a shard).
    pub formats: Vec<Format>,
    /// Only this shard's documents, into a dataset.
    pub shard: Option<Shard>,
    /// Excel-flavoured CSV.
    pub csv_excel: bool,
    /// Folder of tagging rules (default: `rules/` in the first folder given, else built in).
    pub rules: Option<PathBuf>,
    /// Title of the briefings.
    pub title: Option<String>,
    /// Font of the briefings.
    pub font: Option<PathBuf>,
    /// Pinyin above the annotated characters in the briefings.
    pub pinyin: bool,
    /// Pages a briefing's body may take.
    pub briefing_pages: usize,
    /// Language of the briefings' own words.
    pub lang: Lang,
    /// Input read per batch, in MiB.
    pub batch_mib: f64,
    /// Follow symbolic links when walking folders.
    pub follow: bool,
    /// Inputs larger than this many MiB are refused.
    pub max_file_mib: u64,
    /// Replace files with output names in a folder that has no manifest of annotext's.
    pub force: bool,
}

impl RunOptions {
    /// The options of a run of `paths` into `out`, everything else as the command line's
    /// defaults.
    pub fn new(paths: Vec<PathBuf>, out: PathBuf) -> RunOptions {
        RunOptions {
            paths,
            out,
            formats: Vec::new(),
            shard: None,
            csv_excel: false,
            rules: None,
            title: None,
            font: None,
            pinyin: false,
            briefing_pages: annotext_export_pdf::DEFAULT_PAGE_LIMIT,
            lang: Lang::Auto,
            batch_mib: 2.0,
            follow: false,
            max_file_mib: DEFAULT_MAX_FILE_MIB,
            force: false,
        }
    }

    /// The options with the formats settled (they depend on sharding). An error is a usage
    /// error: a shard cannot write the workbook.
    pub fn resolved(&self) -> Result<RunOptions, crate::PipelineError> {
        let mut options = self.clone();
        if options.formats.is_empty() {
            options.formats = Format::ALL
                .into_iter()
                .filter(|f| options.shard.is_none() || *f != Format::Xlsx)
                .collect();
        }
        if let Some(shard) = options.shard {
            if options.formats.contains(&Format::Xlsx) {
                return Err(crate::PipelineError::Usage(format!(
                    "--shard {shard} cannot write the workbook (xlsx): it needs every document; \
                     leave xlsx out and run `annotext combine` once every shard is done"
                )));
            }
        }
        Ok(options)
    }

    /// Whether `format` is wanted.
    pub fn wants(&self, format: Format) -> bool {
        self.formats.contains(&format)
    }

    /// The batch size in bytes. Float MiB to bytes: a negative or NaN size saturates to 0, one
    /// file per batch.
    pub fn batch_bytes(&self) -> u64 {
        (self.batch_mib * 1024.0 * 1024.0) as u64
    }

    /// The size limit of one input, in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mib.saturating_mul(1 << 20)
    }
}
