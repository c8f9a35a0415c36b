//! Parser throughput on a generated corpus of at least 100 MB (the sample, repeated with its
//! annotations, repeats and parentheticals), measured on one core.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");
const CORPUS_BYTES: usize = 100 * 1024 * 1024;

/// The sample repeated until the corpus reaches `bytes`, one copy per paragraph block.
pub fn corpus(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + SAMPLE.len() + 1);
    while text.len() < bytes {
        text.push_str(SAMPLE);
        text.push('\n');
    }
    text
}

fn parse(c: &mut Criterion) {
    let text = corpus(CORPUS_BYTES);
    let mut group = c.benchmark_group("parser");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    // From file bytes to records, as the CLI does: UTF-8 check, scan, structure.
    group.bench_function("parse_100MB", |b| {
        b.iter_batched(
            || text.clone().into_bytes(),
            |bytes| annotext_parser::parse_vec("corpus", black_box(bytes)).unwrap(),
            BatchSize::LargeInput,
        )
    });
    // A corpus as the CLI reads it: 100 generated documents of 1 MiB (the corpus crate's
    // realistic text), parsed one after the other on one core, each dropped before the next as
    // a streamed run does, so the allocator reuses its memory instead of faulting in new pages.
    let documents: Vec<String> = (0..100)
        .map(|i| annotext_corpus::document(1, i, 1024 * 1024))
        .collect();
    let total: usize = documents.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("parse_100x1MiB_documents", |b| {
        b.iter_batched(
            || {
                documents
                    .iter()
                    .map(|d| d.clone().into_bytes())
                    .collect::<Vec<_>>()
            },
            |files| {
                for bytes in files {
                    black_box(annotext_parser::parse_vec("doc", black_box(bytes)).unwrap());
                }
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
