//! Rules match traditional and simplified text alike, whichever script they are written in, and
//! report the text's own spelling.

use annotext_parser::{parse_str, Document};
use annotext_transform::{build_tables, find_entities, simplified, Rules, Tables, Tagger};
use polars::prelude::*;

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");

fn tables(doc: &Document) -> Tables {
    build_tables(std::slice::from_ref(doc), &Rules::default()).unwrap()
}

fn strings(df: &DataFrame, col: &str) -> Vec<String> {
    let series = df
        .column(col)
        .unwrap()
        .as_materialized_series()
        .cast(&DataType::String)
        .unwrap();
    let ca = series.str().unwrap();
    (0..ca.len())
        .map(|i| ca.get(i).unwrap_or_default().to_owned())
        .collect()
}

/// (kind, name, line) of every entity, sorted: the name is the simplified full name, the same in
/// both scripts.
fn entity_keys(t: &Tables) -> Vec<(String, String, String)> {
    let kinds = strings(&t.entities, "kind");
    let names = strings(&t.entities, "name");
    let lines = strings(&t.entities, "line");
    let mut keys: Vec<_> = kinds
        .into_iter()
        .zip(names)
        .zip(lines)
        .map(|((k, n), l)| (k, n, l))
        .collect();
    keys.sort();
    keys
}

#[test]
fn the_sample_in_simplified_script_gives_the_same_entities_and_topic_counts() {
    let traditional = parse_str("summit", SAMPLE).unwrap();
    let simplified_doc = parse_str("summit", &simplified(SAMPLE)).unwrap();
    let t = tables(&traditional);
    let s = tables(&simplified_doc);
    assert_eq!(t.items.height(), s.items.height());
    assert_eq!(entity_keys(&t), entity_keys(&s));
    assert_eq!(strings(&t.topics, "topic"), strings(&s.topics, "topic"));
    assert_eq!(
        strings(&t.topics, "item_count"),
        strings(&s.topics, "item_count")
    );
    // Each in its own spelling.
    let countries = |t: &Tables| -> Vec<String> {
        let kinds = strings(&t.entities, "kind");
        let mut c: Vec<String> = strings(&t.entities, "text")
            .into_iter()
            .zip(kinds)
            .filter(|(_, k)| k == "country")
            .map(|(text, _)| text)
            .collect();
        c.sort();
        c.dedup();
        c
    };
    assert!(countries(&t).contains(&"烏茲別克斯坦".to_owned()));
    assert!(countries(&s).contains(&"乌兹别克斯坦".to_owned()));
    assert_eq!(countries(&t).len(), 6);
    assert_eq!(countries(&s).len(), 6);
}

#[test]
fn a_rule_in_one_script_finds_text_in_the_other() {
    let rules = Rules::parse(
        "country\t烏茲別克斯坦\ncity\t撒马尔罕\n",
        "mechanism\tsuffix\t機制\n",
        "交通\t鐵路,港口\n",
    )
    .unwrap();
    let tagger = Tagger::new(&rules).unwrap();
    // An item that is a mechanism's name as a whole (one with a verb in it is not: see
    // tests/names.rs), its words in both scripts.
    let found = find_entities("撒馬爾罕—乌兹别克斯坦合作机制", true, &tagger);
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|m| (m.kind, m.text.as_str(), m.rule))
        .collect();
    assert_eq!(
        got,
        [
            ("city", "撒馬爾罕", "gazetteer:city"),
            ("mechanism", "撒馬爾罕—乌兹别克斯坦合作机制", "suffix:機制"),
            ("country", "乌兹别克斯坦", "gazetteer:country"),
        ]
    );
    let topics = annotext_transform::find_topics("修建铁路和港口", &tagger);
    assert_eq!(
        topics,
        [("交通", vec!["铁路".to_owned(), "港口".to_owned()])]
    );
}

#[test]
fn the_longest_name_wins_and_short_forms_name_their_full_form() {
    let rules = Rules::parse(
        "country\t土庫曼\t土庫曼斯坦\nplace\t土庫曼巴什港\norganisation\t東盟\t東南亞國家聯盟\nregion\t東盟\n",
        "",
        "",
    )
    .unwrap();
    let tagger = Tagger::new(&rules).unwrap();
    let found = find_entities("经土库曼巴什港前往土库曼，会见东盟代表", false, &tagger);
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|m| (m.kind, m.text.as_str(), m.full_name()))
        .collect();
    assert_eq!(
        got,
        [
            ("place", "土库曼巴什港", "土庫曼巴什港"),
            ("country", "土库曼", "土庫曼斯坦"),
            ("organisation", "东盟", "東南亞國家聯盟"),
        ]
    );
}

/// The `simplified` columns are OpenCC's `t2s`: phrases first (`乾隆` stays, `一目瞭然` →
/// `一目了然`), then characters (`於` → `于`, `祕` → `秘`, `夥` → `伙`). Expected values are
/// the `opencc` package's (1.4.2) output; CI compares whole runs with it.
#[test]
fn simplified_text_is_opencc_t2s() {
    for (traditional, simplified) in [
        ("關於合作的祕書處與夥伴", "关于合作的秘书处与伙伴"),
        ("乾隆年間天氣乾燥", "乾隆年间天气干燥"),
        ("不少於十人，徵求意見", "不少于十人，征求意见"),
        ("一目瞭然的瞭解", "一目了然的了解"),
        ("著名的著作", "著名的著作"),
        // Compatibility ideographs (U+F900 豈, U+F901 更) normalised first, then converted.
        ("\u{F900}\u{F901}，中國", "岂更，中国"),
    ] {
        assert_eq!(annotext_transform::simplified(traditional), simplified);
    }
}
