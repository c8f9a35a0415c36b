//! Parquet export of tables through polars, zstd-compressed, keeping the dtypes (lists stay
//! lists, counts stay unsigned, kinds stay categorical).

use std::path::Path;

use annotext_atomic_file::{write_atomic, AtomicWriteError};
use polars::prelude::{DataFrame, ParquetCompression, ParquetWriter};

/// Writes a table as Parquet to `path`, atomically.
pub fn write_parquet(path: &Path, df: &DataFrame) -> Result<(), AtomicWriteError> {
    write_atomic(
        path,
        |out| -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
            let mut df = df.clone();
            ParquetWriter::new(out)
                .with_compression(ParquetCompression::Zstd(None))
                .finish(&mut df)?;
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;

    #[test]
    fn a_table_reads_back_equal_with_its_dtypes() {
        let df = DataFrame::new_infer_height(vec![
            Series::new("n".into(), [1u32, 2]).into_column(),
            Series::new("text".into(), ["中國", "略"]).into_column(),
            Series::new(
                "tags".into(),
                vec![
                    Series::new("".into(), ["a", "b"]),
                    Series::new("".into(), ["c"]),
                ],
            )
            .into_column(),
        ])
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        write_parquet(&path, &df).unwrap();
        let back = ParquetReader::new(std::fs::File::open(&path).unwrap())
            .finish()
            .unwrap();
        assert_eq!(back, df);
        assert_eq!(back.column("n").unwrap().dtype(), &DataType::UInt32);
    }
}
