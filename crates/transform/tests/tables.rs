//! The tables of the shipped sample: columns, dtypes, row counts and specific cells.

use annotext_parser::{parse_str, Document};
use annotext_transform::{build_tables, Rules, Tables};
use polars::prelude::*;

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");

fn sample() -> Document {
    parse_str("summit", SAMPLE).unwrap()
}

fn tables(docs: &[Document]) -> Tables {
    build_tables(docs, &Rules::default()).unwrap()
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

fn list_cell(df: &DataFrame, col: &str, row: usize) -> Vec<String> {
    let cell = df.column(col).unwrap().get(row).unwrap();
    match cell {
        AnyValue::List(s) => {
            let ca = s.str().unwrap();
            (0..ca.len())
                .map(|i| ca.get(i).unwrap().to_owned())
                .collect()
        }
        other => panic!("{col} is not a list: {other:?}"),
    }
}

fn row_where(df: &DataFrame, col: &str, value: &str) -> usize {
    strings(df, col)
        .iter()
        .position(|v| v == value)
        .unwrap_or_else(|| panic!("no {value} in {col}"))
}

#[test]
fn every_table_has_doc_id_and_the_expected_row_counts() {
    let t = tables(&[sample()]);
    for (name, df) in t.named() {
        assert_eq!(df.get_column_names()[0].as_str(), "doc_id", "{name}");
    }
    assert_eq!(t.items.height(), 82);
    assert_eq!(t.sections.height(), 3);
    assert_eq!(t.paragraphs.height(), 4);
    assert_eq!(strings(&t.sections, "item_count"), ["54", "19", "9"]);
}

#[test]
fn items_have_real_dtypes() {
    let t = tables(&[sample()]);
    let dtype = |c: &str| t.items.column(c).unwrap().dtype().clone();
    assert_eq!(dtype("item_number"), DataType::Int64);
    assert_eq!(dtype("char_count"), DataType::Int64);
    assert_eq!(dtype("annotation_coverage"), DataType::Float64);
    assert_eq!(dtype("topics"), DataType::List(Box::new(DataType::String)));
    assert!(matches!(
        t.anomalies.column("kind").unwrap().dtype(),
        DataType::Categorical(..)
    ));
    assert!(matches!(
        t.entities.column("kind").unwrap().dtype(),
        DataType::Categorical(..)
    ));
}

#[test]
fn item_21_of_section_one() {
    let t = tables(&[sample()]);
    let row = row_where(&t.items, "label", "§1.21");
    assert_eq!(
        strings(&t.items, "text")[row],
        "完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"
    );
    assert_eq!(
        strings(&t.items, "simplified")[row],
        "完成中吉乌铁路可研工作,推进该铁路加快落地建设;"
    );
    assert_eq!(strings(&t.items, "annotated_readings")[row], "wan jia");
    assert_eq!(
        strings(&t.items, "pinyin")[row],
        "wán chéng zhōng jí wū tiě lù kě yán gōng zuò, tuī jìn gāi tiě lù jiā kuài luò dì jiàn shè;"
    );
    assert_eq!(
        strings(&t.items, "section_title")[row],
        "主要合作共識和倡議"
    );
    assert_eq!(strings(&t.items, "char_count")[row], "24");
    assert_eq!(strings(&t.items, "annotated_char_count")[row], "2");
    assert!(list_cell(&t.items, "topics", row).contains(&"交通物流".to_owned()));
}

#[test]
fn the_nine_documents_of_section_three_are_document_entities() {
    let t = tables(&[sample()]);
    let kinds = strings(&t.entities, "kind");
    let sections = strings(&t.entities, "section_number");
    let texts = strings(&t.entities, "text");
    let docs: Vec<&String> = (0..kinds.len())
        .filter(|&i| kinds[i] == "document" && sections[i] == "3")
        .map(|i| &texts[i])
        .collect();
    assert_eq!(docs.len(), 9);
    assert_eq!(docs[0], "中國—中亞峰會西安宣言");
}

#[test]
fn the_five_central_asian_countries_and_china_are_found() {
    let t = tables(&[sample()]);
    let kinds = strings(&t.entities, "kind");
    let texts = strings(&t.entities, "text");
    let mut countries: Vec<&str> = (0..kinds.len())
        .filter(|&i| kinds[i] == "country")
        .map(|i| texts[i].as_str())
        .collect();
    countries.sort();
    countries.dedup();
    assert_eq!(
        countries,
        [
            "中國",
            "吉爾吉斯斯坦",
            "哈薩克斯坦",
            "土庫曼斯坦",
            "塔吉克斯坦",
            "烏茲別克斯坦"
        ]
    );
    let of_kind = |kind: &str| -> Vec<&str> {
        (0..kinds.len())
            .filter(|&i| kinds[i] == kind)
            .map(|i| texts[i].as_str())
            .collect()
    };
    let places = of_kind("place");
    for place in ["阿克套港", "庫雷克港", "土庫曼巴什港", "鐵爾梅茲市"] {
        assert!(places.contains(&place), "{place}");
    }
    let cities = of_kind("city");
    for city in ["西安", "青島"] {
        assert!(cities.contains(&city), "{city}");
    }
    let regions = of_kind("region");
    for region in ["中亞", "歐洲"] {
        assert!(regions.contains(&region), "{region}");
    }
    // A sea is a geographic feature, not a region.
    assert!(of_kind("feature").contains(&"里海"));
    // 土庫曼巴什港 is one place: the country inside it is not tagged there.
    assert!(!of_kind("country").contains(&"土庫曼"));
    // Section two lists 19 platforms, all tagged as mechanisms.
    let sections = strings(&t.entities, "section_number");
    let mechanisms = (0..kinds.len())
        .filter(|&i| kinds[i] == "mechanism" && sections[i] == "2")
        .count();
    assert_eq!(mechanisms, 19);
}

#[test]
fn timeline_holds_the_years_mentioned() {
    let t = tables(&[sample()]);
    let texts = strings(&t.timeline, "text");
    for date in [
        "2020年7月",
        "2021年5月",
        "2022年1月",
        "2022-2025年",
        "2025年",
    ] {
        assert!(texts.contains(&date.to_owned()), "{date} in {texts:?}");
    }
    let row = texts.iter().position(|d| d == "2022-2025年").unwrap();
    assert_eq!(strings(&t.timeline, "year_start")[row], "2022");
    assert_eq!(strings(&t.timeline, "year_end")[row], "2025");
    let row = texts.iter().position(|d| d == "2020年7月").unwrap();
    assert_eq!(strings(&t.timeline, "month")[row], "7");
    assert_eq!(
        list_cell(&t.paragraphs, "dates", 2)[..2],
        ["2020年7月".to_owned(), "2021年5月".to_owned()]
    );
}

#[test]
fn readings_table_counts_occurrences_and_checks_the_dictionary() {
    let t = tables(&[sample()]);
    let row = row_where(&t.readings, "character", "略");
    assert_eq!(list_cell(&t.readings, "readings_annotated", row), ["lüe"]);
    assert!(list_cell(&t.readings, "readings_dictionary", row).contains(&"lüe4".to_owned()));
    assert_eq!(strings(&t.readings, "annotation_valid")[row], "true");
    let row = row_where(&t.readings, "character", "中");
    assert_eq!(strings(&t.readings, "max_annotations")[row], "6");
    assert_eq!(
        strings(&t.readings, "simplified")[row_where(&t.readings, "character", "國")],
        "国"
    );
}

#[test]
fn a_reading_not_valid_for_its_character_becomes_an_anomaly() {
    let doc = parse_str("fixture", "中(zhong)國(ma)").unwrap();
    let t = tables(&[doc]);
    let kinds = strings(&t.anomalies, "kind");
    assert_eq!(kinds, ["reading_not_in_dictionary"]);
    assert_eq!(strings(&t.anomalies, "line"), ["1"]);
    assert_eq!(strings(&t.anomalies, "column"), ["9"]);
    assert_eq!(
        strings(&t.anomalies, "detail")[0],
        "國 annotated ma, but the dictionary reads it guo2"
    );
    let row = row_where(&t.readings, "character", "國");
    assert_eq!(strings(&t.readings, "annotation_valid")[row], "false");
}

#[test]
fn two_documents_stack_and_keep_their_doc_ids_apart() {
    let a = sample();
    let b = parse_str("second", "一、甲\n1.中(zhong)國(guo)\n2.略(lve)\n").unwrap();
    let t = tables(&[a, b]);
    let ids = strings(&t.items, "doc_id");
    assert_eq!(ids.iter().filter(|d| *d == "summit").count(), 82);
    assert_eq!(ids.iter().filter(|d| *d == "second").count(), 2);
    assert_eq!(
        strings(&t.sections, "doc_id"),
        ["summit", "summit", "summit", "second"]
    );
}

#[test]
fn sample_anomalies_table_has_one_row_per_character_whose_counts_cover_every_anomaly() {
    let doc = sample();
    let parser_count = doc.anomalies.len();
    let t = tables(&[doc]);
    let kinds = strings(&t.anomalies, "kind");
    // 289 extra annotations on 120 character occurrences, and 8 readings wrong for their word
    // (外長, 部長 annotated chang).
    assert_eq!(kinds.len(), 128);
    let repeated: Vec<usize> = (0..kinds.len())
        .filter(|&i| kinds[i] == "repeated_annotation")
        .collect();
    assert_eq!(repeated.len(), 120);
    assert_eq!(
        kinds
            .iter()
            .filter(|k| *k == "reading_wrong_in_context")
            .count(),
        8
    );
    let all_counts = strings(&t.anomalies, "count");
    let counts: usize = repeated
        .iter()
        .map(|&i| all_counts[i].parse::<usize>().unwrap())
        .sum();
    assert_eq!(counts, parser_count);
    assert_eq!(parser_count, 289);
    assert!(strings(&t.anomalies, "severity")
        .iter()
        .all(|s| s == "warning"));
    assert_eq!(strings(&t.anomalies, "line")[0], "1");
    assert_eq!(strings(&t.anomalies, "text")[0], "中");
    assert_eq!(strings(&t.anomalies, "context")[0], "【中】國-中亞峰會(簡…");
}

/// The `documents` row of a table, column by column, as text.
fn document_row(df: &DataFrame) -> std::collections::BTreeMap<String, String> {
    assert_eq!(df.height(), 1);
    df.get_column_names()
        .iter()
        .map(|c| (c.to_string(), strings(df, c).remove(0)))
        .collect()
}

#[test]
fn the_documents_table_says_what_the_sample_is() {
    let t = tables(&[sample()]);
    assert_eq!(t.named()[0].0, "documents");
    assert_eq!(
        t.documents.get_column_names(),
        [
            "doc_id",
            "path",
            "title",
            "note",
            "script",
            "sections",
            "subsections",
            "items",
            "paragraphs",
            "clauses",
            "points",
            "characters",
            "hanzi",
            "annotated_hanzi",
            "annotation_coverage",
            "errors",
            "warnings",
            "first_date",
            "last_date",
            "bytes",
            "content_digest",
        ]
    );
    let row = document_row(&t.documents);
    let expected = [
        ("doc_id", "summit"),
        ("path", ""),
        ("title", "中國-中亞峰會成果清單"),
        ("script", "traditional"),
        ("sections", "3"),
        ("subsections", "0"),
        ("items", "82"),
        ("paragraphs", "4"),
        ("errors", "0"),
        ("warnings", "128"),
        ("first_date", "2020-07"),
        ("last_date", "2025"),
    ];
    for (column, value) in expected {
        assert_eq!(row[column], value, "{column}");
    }
    assert_eq!(row["bytes"], SAMPLE.len().to_string());
    assert_eq!(row["bytes"], "12764");
    assert_eq!(
        row["content_digest"],
        blake3::hash(SAMPLE.as_bytes()).to_hex().as_str()
    );
    // The hanzi and annotated hanzi are the `readings` table's, summed over characters.
    let sum = |col: &str| -> u64 {
        strings(&t.readings, col)
            .iter()
            .map(|v| v.parse::<u64>().unwrap())
            .sum()
    };
    assert_eq!(row["hanzi"], sum("occurrences").to_string());
    assert_eq!(
        row["annotated_hanzi"],
        sum("annotated_occurrences").to_string()
    );
    let (hanzi, annotated): (f64, f64) = (
        row["hanzi"].parse().unwrap(),
        row["annotated_hanzi"].parse().unwrap(),
    );
    let coverage: f64 = row["annotation_coverage"].parse().unwrap();
    assert!((coverage - annotated / hanzi).abs() < 1e-12);
    // Characters of the clean text: more than its hanzi, fewer than the source's characters.
    let characters: usize = row["characters"].parse().unwrap();
    assert!(characters > hanzi as usize && characters < SAMPLE.chars().count());
}

#[test]
fn a_simplified_document_with_subsections_has_its_own_row() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/documents/asean-digital-forum-2024/marks.txt"
    );
    let bytes = std::fs::read(path).unwrap();
    let doc = annotext_parser::parse_vec("asean", bytes.clone()).unwrap();
    let t = tables(&[sample(), doc]);
    assert_eq!(strings(&t.documents, "doc_id"), ["summit", "asean"]);
    assert_eq!(
        strings(&t.documents, "script"),
        ["traditional", "simplified"]
    );
    assert_eq!(strings(&t.documents, "subsections"), ["0", "2"]);
    assert_eq!(strings(&t.documents, "sections"), ["3", "3"]);
    assert_eq!(strings(&t.documents, "items"), ["82", "12"]);
    assert_eq!(strings(&t.documents, "first_date")[1], "2024-09");
    assert_eq!(strings(&t.documents, "last_date")[1], "2027");
    assert_eq!(strings(&t.documents, "bytes")[1], bytes.len().to_string());
    assert_eq!(
        strings(&t.documents, "content_digest")[1],
        blake3::hash(&bytes).to_hex().as_str()
    );
}

#[test]
fn the_tables_come_in_the_order_of_their_names() {
    let t = tables(&[sample()]);
    assert_eq!(
        t.named().map(|(name, _)| name),
        annotext_transform::TABLE_NAMES
    );
}

#[test]
fn sub_clauses_are_labelled_after_their_clause_each_one() {
    let text = "第一条　秘书处负责下列日常工作：\n（一）协调各工作组的工作，具体包括：\n1.汇总年度报告；\n2.组织联席会议；\n3.编制工作计划。\n（二）管理信息平台。\n";
    let t = tables(&[parse_str("rules", text).unwrap()]);
    assert_eq!(
        strings(&t.clauses, "label"),
        [
            "Art.1(1)",
            "Art.1(1).1",
            "Art.1(1).2",
            "Art.1(1).3",
            "Art.1(2)"
        ]
    );
}

#[test]
fn an_annexs_articles_and_the_items_of_a_subsection_before_any_section_have_labels_of_their_own() {
    let text = "某某办法\n\n第一条　为了规范管理，制定本办法。\n第二条　本办法自公布之日起施行。\n\n附件：某某实施细则\n\n第一条　本细则依据某某办法制定。\n第二条　本细则自公布之日起施行。\n";
    let t = tables(&[parse_str("rules", text).unwrap()]);
    assert_eq!(
        strings(&t.items, "label"),
        ["Art.1", "Art.2", "AnnexArt.1", "AnnexArt.2"]
    );
    let text = "成果清单\n\n（一）互联互通\n1.签署海关合作文件。\n（二）绿色发展\n2.成立绿色发展国际联盟。\n一、其他\n1.举办论坛。\n";
    let t = tables(&[parse_str("list", text).unwrap()]);
    assert_eq!(strings(&t.items, "label"), ["§(1).1", "§(2).2", "§1.1"]);
}

#[test]
fn a_list_of_numbered_paragraphs_under_an_articles_lead_in_is_the_lead_ins() {
    let text = "某某组织章程\n\n第一条　宗旨\n本组织的宗旨是：\n（一）加强相互信任；\n（二）维护地区和平。\n第二条　原则\n成员国坚持以下原则：\n一、相互尊重主权；\n二、一律平等。\n";
    let t = tables(&[parse_str("charter", text).unwrap()]);
    assert_eq!(
        strings(&t.clauses, "label"),
        [
            "Art.1¶1",
            "Art.1¶1(1)",
            "Art.1¶1(2)",
            "Art.2¶1",
            "Art.2¶1(1)",
            "Art.2¶1(2)"
        ]
    );
}

#[test]
fn an_article_whose_text_is_its_caption_counts_its_paragraphs_from_the_one_under_it() {
    // A treaty's captions stand after the number (`第一条　定义`); the paragraph under one is the
    // article's first (第一款), and an article with a sentence of its own keeps it as its first.
    let text = "中华人民共和国政府和某国政府关于促进和相互保护投资的协定\n\n第一条　定义\n\n本协定内，“投资”一词系指各种财产。\n\n“投资者”一词系指自然人和经济组织。\n\n第二条　生效、期限和终止\n\n一、本协定自生效之日起有效期十年。\n二、缔约任何一方可以终止本协定。\n\n第三条　缔约双方应当鼓励投资。\n\n投资应当依法进行。\n";
    let t = tables(&[parse_str("treaty", text).unwrap()]);
    assert_eq!(
        strings(&t.items, "text"),
        ["定义", "生效、期限和终止", "缔约双方应当鼓励投资。"]
    );
    assert_eq!(
        strings(&t.clauses, "label"),
        ["Art.1¶1", "Art.1¶2", "Art.2(1)", "Art.2(2)", "Art.3¶2"]
    );
}

#[test]
fn a_numbered_list_under_an_articles_further_paragraph_is_that_paragraphs() {
    let text = "某某办法\n\n第一条　申请许可，应当具备下列条件：\n（一）有经营场所；\n（二）有管理制度。\n前款第二项所称管理制度，包括：\n1.安全生产责任制度；\n2.安全操作规程。\n第二条　本办法自公布之日起施行。\n";
    let t = tables(&[parse_str("rules", text).unwrap()]);
    assert_eq!(
        strings(&t.clauses, "label"),
        [
            "Art.1(1)",
            "Art.1(2)",
            "Art.1¶2",
            "Art.1¶2(1)",
            "Art.1¶2(2)"
        ]
    );
    assert_eq!(
        strings(&t.clauses, "parent_label"),
        ["Art.1", "Art.1", "Art.1", "Art.1¶2", "Art.1¶2"]
    );
}

#[test]
fn clauses_under_an_articles_numbered_paragraph_are_labelled_under_it() {
    // A treaty's `第一条` / `一、…` / `（一）…` / `1.…`: each level its own label.
    let text = "港口合作协定\n\n第一条　双方同意在下列领域合作：\n一、港口建设，包括：\n（一）码头工程，包括：\n1.集装箱码头；\n2.散货码头。\n（二）航道工程。\n二、港口运营。\n第二条　本协定自签字之日起生效。\n";
    let t = tables(&[parse_str("treaty", text).unwrap()]);
    assert_eq!(
        strings(&t.clauses, "label"),
        [
            "Art.1(1)",
            "Art.1(1)(1)",
            "Art.1(1)(1).1",
            "Art.1(1)(1).2",
            "Art.1(1)(2)",
            "Art.1(2)"
        ]
    );
    assert_eq!(
        strings(&t.clauses, "parent_label"),
        [
            "Art.1",
            "Art.1(1)",
            "Art.1(1)(1)",
            "Art.1(1)(1)",
            "Art.1(1)",
            "Art.1"
        ]
    );
}

#[test]
fn a_list_under_a_point_that_leads_in_is_its_sub_points() {
    let text = "评优办法\n\n一、评选条件\n申请人应当同时符合下列条件：\n（1）思想品德优良；\n（2）学习成绩优秀，具体包括：\n①必修课平均成绩不低于85分；\n②无不及格课程；\n（3）积极参加社会实践。\n第四条　申请人应当提交：\n（1）申请书；\n（2）证明材料，包括：\n①成绩单；\n②推荐信。\n";
    let t = tables(&[parse_str("rules", text).unwrap()]);
    assert_eq!(
        strings(&t.clauses, "label"),
        [
            "¶2(1)",
            "¶2(2)",
            "¶2(2)(1)",
            "¶2(2)(2)",
            "¶2(3)",
            "Art.4(1)",
            "Art.4(2)",
            "Art.4(2)(1)",
            "Art.4(2)(2)"
        ]
    );
    assert_eq!(
        strings(&t.clauses, "parent_label"),
        ["¶2", "¶2", "¶2(2)", "¶2(2)", "¶2", "Art.4", "Art.4", "Art.4(2)", "Art.4(2)"]
    );
}

#[test]
fn the_parts_of_a_plan_or_a_code_that_number_anew_name_their_labels() {
    let text = "某某合作规划\n\n第一部分　政治合作\n一、高层交往\n1.保持元首年度会晤。\n第二部分　经济合作\n一、贸易投资\n1.扩大双边贸易规模。\n";
    let t = tables(&[parse_str("plan", text).unwrap()]);
    assert_eq!(strings(&t.sections, "label"), ["Pt1§1", "Pt2§1"]);
    assert_eq!(strings(&t.items, "label"), ["Pt1§1.1", "Pt2§1.1"]);
    // A code's sub-parts are within its parts; articles run on through them, unprefixed.
    let text = "某法典\n\n第一编　总则\n第一章　基本规定\n第一条　甲。\n第二编　物权\n第一分编　通则\n第一章　一般规定\n第二条　乙。\n第二分编　所有权\n第二章　所有权\n第三条　丙。\n";
    let t = tables(&[parse_str("code", text).unwrap()]);
    assert_eq!(strings(&t.sections, "label"), ["Pt1§1", "Pt2§1", "Pt2§2"]);
    assert_eq!(strings(&t.items, "label"), ["Art.1", "Art.2", "Art.3"]);
    // A part's line after a full line of a wrapped text stands alone (wrapped at 30).
    let text = "某某规划\n\n第二部分　总体要求\n坚持开放包容，欢迎东盟、湄公河委员会等国际组织和区域机制发挥积极作\n用，与大湄公河次区域经济合作等现有机制相互补充，形成合力。推动合作\n第三部分　重点任务\n一、水资源合作\n";
    let t = tables(&[parse_str("wrapped", text).unwrap()]);
    assert_eq!(strings(&t.sections, "label"), ["Pt3§1"]);
}

#[test]
fn a_subsection_a_level_below_another_names_both_in_its_label() {
    // A plan in chapters: `一、` under a chapter, `（一）` under it, items under both; a chapter's
    // `第一节` with `一、` under it.
    let text = "发展规划\n\n第一章　总体要求\n一、指导思想\n1.坚持稳中求进。\n（一）推进合作\n1.扩大贸易。\n2.深化投资。\n（二）深化交流\n二、基本原则\n（一）开放包容\n第二章　重点任务\n第一节　基础设施\n一、交通\n1.建设铁路。\n";
    let t = tables(&[parse_str("plan", text).unwrap()]);
    assert_eq!(
        strings(&t.subsections, "label"),
        [
            "§1(1)",
            "§1(1)(1)",
            "§1(1)(2)",
            "§1(2)",
            "§1(2)(1)",
            "§2(1)",
            "§2(1)(1)"
        ]
    );
    assert_eq!(
        strings(&t.items, "label"),
        ["§1.1.1", "§1.1.1.1", "§1.1.1.2", "§2.1.1.1"]
    );
    // The record says which subsection each is a level below.
    let record = annotext_transform::document_record(&parse_str("plan", text).unwrap());
    let within: Vec<_> = record
        .sections
        .iter()
        .flat_map(|s| s.subsections.iter().map(|sub| (sub.number, sub.within)))
        .collect();
    assert_eq!(
        within,
        [
            (1, None),
            (1, Some(1)),
            (2, Some(1)),
            (2, None),
            (1, Some(2)),
            (1, None),
            (1, Some(1))
        ]
    );
}

#[test]
fn an_inserted_article_is_labelled_after_the_article_it_follows() {
    let text = "第一条　甲。\n第一条之一　乙：\n（一）丙；\n（二）丁。\n第二条　戊。\n";
    let t = tables(&[parse_str("rules", text).unwrap()]);
    assert_eq!(strings(&t.items, "label"), ["Art.1", "Art.1-1", "Art.2"]);
    assert_eq!(strings(&t.items, "item_number"), ["1", "1", "2"]);
    assert_eq!(strings(&t.clauses, "label"), ["Art.1-1(1)", "Art.1-1(2)"]);
}

#[test]
fn a_section_ends_on_the_last_line_of_its_last_wrapped_unit_and_its_title_is_trimmed() {
    let text = "港口合作行动计划\n\n一、总体目标\t\n到2026年，双方在清洁能源、防灾减灾、海洋保护和能力建设等领域实施一批\n示范项目，建立较为完善的合作机制。\n二、保障措施\n1.双方将依托合作中心，建立行动计划落实情况年度评估机制，并每年\n发布评估报告。\n";
    let t = tables(&[parse_str("plan", text).unwrap()]);
    assert_eq!(strings(&t.sections, "title"), ["总体目标", "保障措施"]);
    assert_eq!(strings(&t.sections, "first_line"), ["3", "6"]);
    assert_eq!(strings(&t.sections, "last_line"), ["5", "8"]);
}

#[test]
fn an_annex_numbers_anew_and_its_labels_name_it() {
    // A regulation, then two annexes: the first in sections of its own, the second a numbered
    // list right under its heading, which belongs to none of the first annex's sections.
    let text = "第一章　总则\n第一条　为规范港口合作，制定本办法。\n第二章　附则\n第二条　本办法自发布之日起施行。\n附件：合作项目清单\n一、鹿特丹港集装箱码头\n二、汉堡港铁路连接\n（一）一期工程\n（二）二期工程\n附件2：联络机构\n1. 交通运输部\n2. 商务部\n";
    let t = tables(&[parse_str("rules", text).unwrap()]);
    assert_eq!(
        strings(&t.items, "label"),
        ["Art.1", "Art.2", "Annex2#1", "Annex2#2"]
    );
    assert_eq!(strings(&t.items, "section_number"), ["1", "2", "", ""]);
    assert_eq!(
        strings(&t.sections, "label"),
        ["§1", "§2", "Annex§1", "Annex§2"]
    );
    assert_eq!(strings(&t.sections, "item_count"), ["1", "1", "0", "0"]);
    assert_eq!(
        strings(&t.subsections, "label"),
        ["Annex§2(1)", "Annex§2(2)"]
    );
    assert_eq!(strings(&t.subsections, "section_number"), ["2", "2"]);
}

#[test]
fn an_outcome_list_with_an_annex_keeps_both_lists_apart() {
    // Items outside any section in the main text and in a numbered annex (`附件一`): the same
    // numbers, told apart by their labels.
    let text = "成果清单\n1. 双方签署合作文件。\n2. 双方发表联合声明。\n附件一\n1. 合作项目甲\n2. 合作项目乙\n";
    let t = tables(&[parse_str("list", text).unwrap()]);
    assert_eq!(
        strings(&t.items, "label"),
        ["#1", "#2", "Annex1#1", "Annex1#2"]
    );
    assert!(t.anomalies.height() == 0, "{:?}", t.anomalies);
}

#[test]
fn articles_numbered_by_chapter_are_labelled_with_their_chapter_and_no_restart() {
    // RCEP's Chinese text numbers its articles anew in each chapter.
    let text = "区域全面经济伙伴关系协定\n\n第一章　初始条款\n\n第一条　本协定缔约方在此建立一个自由贸易区。\n\n第二条　本协定的目标是：\n（一）扩大经济一体化；\n（二）逐步实现货物贸易自由化。\n\n第二章　货物贸易\n\n第一条　就本章而言，农业出口补贴具有其通常含义。\n\n第二条　本章适用于缔约方之间的货物贸易。\n";
    let doc = parse_str("fta", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    let t = tables(&[doc]);
    assert_eq!(
        strings(&t.items, "label"),
        ["§1Art.1", "§1Art.2", "§2Art.1", "§2Art.2"]
    );
    assert_eq!(strings(&t.clauses, "label"), ["§1Art.2(1)", "§1Art.2(2)"]);
    // Articles numbered through a regulation keep their plain labels, and a chapter that
    // numbers on from the last is no restart either.
    let text = "某某条例\n\n第一章　总则\n\n第一条　为了规范管理，制定本条例。\n\n第二章　附则\n\n第二条　本条例自公布之日起施行。\n";
    let t = tables(&[parse_str("reg", text).unwrap()]);
    assert_eq!(strings(&t.items, "label"), ["Art.1", "Art.2"]);
    // An annex that numbers its own articles in chapters is an instrument of its own: the
    // regulation's labels stay plain.
    let text = "某某条例\n\n第一章　总则\n第一条　为了规范管理，制定本条例。\n第二条　本条例适用于全省。\n\n附件：委员会议事规则\n\n第一章　总则\n第一条　委员会每年召开一次会议。\n";
    let t = tables(&[parse_str("annex", text).unwrap()]);
    assert_eq!(strings(&t.items, "label"), ["Art.1", "Art.2", "AnnexArt.1"]);
}
