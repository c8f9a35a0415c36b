//! The corpus briefing, read the way a reader sees it (poppler's pdftotext and pdfinfo): on the
//! shipped sample with the fixture documents, and on a generated corpus of 2,000 documents,
//! whose briefing must stay within its page bound.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use annotext_export_pdf::{
    render_corpus_briefing, BriefingFont, CorpusBriefing, CorpusBriefingOptions, CorpusDigest,
    Lang, CORPUS_PAGE_LIMIT,
};
use annotext_parser::{parse_str, Document};
use annotext_poppler_check::poppler;
use annotext_transform::{build_tables, column_texts, simplified, Rules, Tables};

const FIXTURES: [(&str, &str); 9] = [
    (
        "china-central-asia-summit-2023",
        include_str!("../../../data/china-central-asia-summit-2023.txt"),
    ),
    (
        "asean-digital-forum-2024",
        include_str!("../../../tests/fixtures/documents/asean-digital-forum-2024/marks.txt"),
    ),
    (
        "cee-energy-wrapped-2024",
        include_str!("../../../tests/fixtures/documents/cee-energy-wrapped-2024/marks.txt"),
    ),
    (
        "china-africa-health-2024",
        include_str!("../../../tests/fixtures/documents/china-africa-health-2024/marks.txt"),
    ),
    (
        "china-asean-agriculture-2024",
        include_str!("../../../tests/fixtures/documents/china-asean-agriculture-2024/marks.txt"),
    ),
    (
        "china-gcc-joint-statement-2024",
        include_str!("../../../tests/fixtures/documents/china-gcc-joint-statement-2024/marks.txt"),
    ),
    (
        "lancang-mekong-water-2023",
        include_str!("../../../tests/fixtures/documents/lancang-mekong-water-2023/marks.txt"),
    ),
    (
        "mekong-centre-charter-2025",
        include_str!("../../../tests/fixtures/documents/mekong-centre-charter-2025/marks.txt"),
    ),
    (
        "sco-transport-2025",
        include_str!("../../../tests/fixtures/documents/sco-transport-2025/marks.txt"),
    ),
];

fn fixture_tables() -> Tables {
    let docs: Vec<Document> = FIXTURES
        .iter()
        .map(|(name, text)| parse_str(name, text).unwrap())
        .collect();
    build_tables(&docs, &Rules::default()).unwrap()
}

fn render(tables: &Tables, lang: Lang) -> CorpusBriefing {
    let options = CorpusBriefingOptions { title: None, lang };
    render_corpus_briefing(tables, &options, &BriefingFont::shipped().unwrap()).unwrap()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Documents naming each (kind, name), from the entities table.
fn documents_naming(tables: &Tables) -> BTreeMap<(String, String), usize> {
    let ids = column_texts(&tables.entities, "doc_id");
    let kinds = column_texts(&tables.entities, "kind");
    let names = column_texts(&tables.entities, "name");
    let mut seen = BTreeSet::new();
    let mut counts = BTreeMap::new();
    for ((id, kind), name) in ids.iter().zip(&kinds).zip(&names) {
        if seen.insert((id, kind, name)) {
            *counts.entry((kind.clone(), name.clone())).or_default() += 1;
        }
    }
    counts
}

#[test]
fn the_corpus_briefing_shows_titles_topics_names_and_counts() {
    let tables = fixture_tables();
    let briefing = render(&tables, Lang::Auto);
    let raw = poppler("pdftotext", &briefing.bytes, &["-layout"]);
    let text = squeeze(&raw);
    // Eight of the nine documents are simplified: the briefing speaks simplified Chinese.
    assert_eq!(briefing.title, "语料简报：9 份文件");
    for words in [
        "语料简报：9份文件",
        "主要数据",
        "文件一览",
        "各主题概况",
        "反复出现的名称",
        "提及的日期（按年）",
        "各类问题及其严重程度",
        "问题最多的文件",
        "第1页，共",
    ] {
        assert!(text.contains(words), "{words} missing");
    }
    // Key figures: documents and items of the corpus.
    let items = tables.items.height();
    assert!(text.contains("文件9"), "documents count");
    assert!(text.contains(&format!("编号条目{items}")), "{items} items");
    // Every document's title, whole or cut with an ellipsis at its column's width.
    for title in column_texts(&tables.documents, "title") {
        let head: String = title.chars().take(12).collect();
        assert!(
            text.contains(&squeeze(&title)) || text.contains(&squeeze(&head)),
            "title {title} missing"
        );
    }
    // Every topic, in the briefing's script.
    let topics: BTreeSet<String> = column_texts(&tables.topics, "topic").into_iter().collect();
    assert!(!topics.is_empty());
    for topic in &topics {
        assert!(text.contains(&simplified(topic)), "topic {topic} missing");
    }
    // A name every document carries, with its count of documents on its row.
    let naming = documents_naming(&tables);
    let china = naming[&("country".to_owned(), "中国".to_owned())];
    assert_eq!(china, 9);
    let row = raw
        .lines()
        .find(|l| l.trim_start().starts_with("中国 "))
        .expect("a row for 中国");
    let numbers: Vec<&str> = row.split_whitespace().skip(1).collect();
    assert_eq!(numbers.first(), Some(&"9"), "{row}");
    // The organisation named by the most documents is listed with its count too.
    let (top, count) = naming
        .iter()
        .filter(|((kind, _), _)| kind == "organisation")
        .max_by_key(|(_, n)| **n)
        .map(|((_, name), n)| (name.clone(), *n))
        .unwrap();
    assert!(text.contains(&format!("{top}{count}")), "{top} in {count}");
}

#[test]
fn the_corpus_briefing_speaks_the_language_asked_for_and_is_deterministic() {
    let tables = fixture_tables();
    let english = render(&tables, Lang::En);
    let text = poppler("pdftotext", &english.bytes, &[]);
    for words in [
        "Corpus briefing: 9 documents",
        "Key figures",
        "Names that recur",
        "Dates mentioned, year by year",
        "Findings by kind and severity",
        "repeated_annotation",
    ] {
        assert!(text.contains(words), "{words} missing");
    }
    assert_eq!(english.bytes, render(&tables, Lang::En).bytes, "same bytes");
    let traditional = squeeze(&poppler(
        "pdftotext",
        &render(&tables, Lang::ZhHant).bytes,
        &[],
    ));
    assert!(traditional.contains("語料簡報") && traditional.contains("反覆出現的名稱"));
}

#[test]
fn batches_give_the_briefing_of_the_whole() {
    let docs: Vec<Document> = FIXTURES
        .iter()
        .map(|(name, text)| parse_str(name, text).unwrap())
        .collect();
    let rules = Rules::default();
    let whole = render(&build_tables(&docs, &rules).unwrap(), Lang::Auto);
    let mut digest = CorpusDigest::default();
    for batch in docs.chunks(4) {
        digest.add(&build_tables(batch, &rules).unwrap()).unwrap();
    }
    let font = BriefingFont::shipped().unwrap();
    let streamed = digest
        .render(&CorpusBriefingOptions::default(), &font)
        .unwrap();
    assert_eq!(whole.bytes, streamed.bytes);
}

#[test]
fn two_thousand_documents_stay_within_the_page_bound() {
    const DOCUMENTS: u64 = 2_000;
    let docs: Vec<Document> = (0..DOCUMENTS)
        .map(|i| annotext_corpus::parsed(27, i, 2_048))
        .collect();
    let tables = build_tables(&docs, &Rules::default()).unwrap();
    let started = Instant::now();
    let briefing = render(&tables, Lang::Auto);
    let took = started.elapsed();
    eprintln!(
        "corpus briefing of {DOCUMENTS} documents: {} pages, {} bytes, {took:?}",
        briefing.pages,
        briefing.bytes.len()
    );
    let info = poppler("pdfinfo", &briefing.bytes, &[]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert_eq!(pages, briefing.pages);
    assert!(pages <= CORPUS_PAGE_LIMIT, "{pages} pages");
    let text = squeeze(&poppler("pdftotext", &briefing.bytes, &[]));
    // Generated documents are made of the sample's traditional clauses.
    assert!(text.contains("語料簡報：2,000份文件"));
    assert!(text.contains("文件2,000"), "documents count");
    // The table lists the first documents in date order and counts the rest.
    assert!(text.contains("另有1,640份文件"), "the rest counted");
    // The closing parts are there: the bound cut lists, not parts.
    assert!(text.contains("問題最多的文件"));
}
