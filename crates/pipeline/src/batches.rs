//! Cutting the inputs into batches of about a fixed size.

use std::ops::Range;

use crate::inputs::Input;

/// What a document counts for in a batch, at least, however short it is.
const MIN_DOCUMENT_BYTES: u64 = 16 << 10;

/// The inputs cut into consecutive batches of about `limit` bytes (a larger file is a batch of
/// its own). A batch is parsed, turned into tables and written before its memory is freed, so
/// peak memory follows the batch size, not the corpus size. Sizes come from the file system:
/// the cut, and so the output, is the same on every run.
pub fn batches(inputs: &[Input], limit: u64) -> Vec<&[Input]> {
    let sizes = inputs
        .iter()
        .map(|input| std::fs::metadata(&input.path).map_or(0, |m| m.len()));
    cut_batches(sizes, limit)
        .into_iter()
        .map(|range| &inputs[range])
        .collect()
}

/// Consecutive ranges of documents of about `limit` bytes in all, from each one's size (a
/// larger document is a range of its own).
pub fn cut_batches(sizes: impl Iterator<Item = u64>, limit: u64) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes, mut end) = (0, 0u64, 0);
    for (i, size) in sizes.enumerate() {
        // A document costs at least what this much text costs (its tables, its briefing): a
        // folder of 100,000 one-line files must not make one batch of 36,000 documents.
        let size = size.max(MIN_DOCUMENT_BYTES);
        if i > start && bytes + size > limit {
            out.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
        end = i + 1;
    }
    if start < end {
        out.push(start..end);
    }
    out
}
