//! Any bytes: the parser returns records or a typed error, never panics, and the records
//! rebuild the input exactly and tile it without gaps or overlaps.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = annotext_parser::parse_bytes("fuzz", data) else {
        return;
    };
    assert_eq!(doc.rebuild().as_bytes(), data);
    let mut at = 0;
    for segment in &doc.segments {
        assert_eq!(segment.span.start as usize, at);
        assert!(segment.span.end >= segment.span.start);
        at = segment.span.end as usize;
    }
    assert_eq!(at, data.len());
    for anomaly in &doc.anomalies {
        assert!(anomaly.span.end as usize <= data.len());
        assert!(anomaly.position.line >= 1 && anomaly.position.column >= 1);
        let _ = anomaly.message(&doc.text);
    }
    let _ = doc.clean_text();
    for block in &doc.blocks {
        let _ = doc.block_text(block);
        let _ = doc.pinyin_of(block.body);
    }
});
