//! JSON Lines export of parsed documents: one [`Document`] record per line, as serde writes it.

use std::io::Write;
use std::path::Path;

use annotext_atomic_file::{write_atomic, AtomicWriteError};
use annotext_parser::Document;

/// Writes the documents to `path`, one JSON object per line, atomically.
pub fn write_records(path: &Path, documents: &[Document]) -> Result<(), AtomicWriteError> {
    write_atomic(
        path,
        |w| -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
            for doc in documents {
                serde_json::to_writer(&mut *w, doc)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_reads_back_as_the_document_it_was() {
        let docs = vec![
            annotext_parser::parse_str("a", "中(zhong)(zhong)國(guo)").unwrap(),
            annotext_parser::parse_str("b", "一、標題\r\n1.略(lve)\r\n").unwrap(),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.jsonl");
        write_records(&path, &docs).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let back: Vec<Document> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, docs);
        assert_eq!(back[1].rebuild(), "一、標題\r\n1.略(lve)\r\n");
    }
}
