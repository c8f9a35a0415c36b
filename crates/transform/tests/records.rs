//! The record of a document holds every unit where a reader looks for it, and rebuilds the
//! source byte for byte.

use annotext_parser::parse_str;
use annotext_transform::document_record;

#[test]
fn subsections_before_any_section_are_units_with_their_items() {
    // A statement whose paragraphs are numbered `（一）`: no `一、` above them.
    let text = "声明\n\n双方一致同意在以下领域加强协调配合。\n\
                （一）维护以世界贸易组织为核心的多边贸易体制。\n（二）共同推动上海合作组织发展。\n";
    let record = document_record(&parse_str("t", text).unwrap());
    let headings: Vec<(u32, &str)> = record
        .subsections
        .iter()
        .map(|s| (s.number, s.heading.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "维护以世界贸易组织为核心的多边贸易体制。"),
            (2, "共同推动上海合作组织发展。")
        ]
    );
    assert!(record.other_lines.iter().all(|l| l.source.is_empty()));
    assert_eq!(record.rebuild(), text);
    // An outcome list of `（一）` headings with their items.
    let text = "关于合作成果的清单\n\n（一）贸易领域\n1.扩大贸易规模。\n2.推动贸易便利化。\n（二）投资领域\n1.鼓励相互投资。\n";
    let record = document_record(&parse_str("t", text).unwrap());
    let items: Vec<Vec<&str>> = record
        .subsections
        .iter()
        .map(|s| s.items.iter().map(|i| i.block.text.as_str()).collect())
        .collect();
    assert_eq!(
        items,
        [
            vec!["扩大贸易规模。", "推动贸易便利化。"],
            vec!["鼓励相互投资。"]
        ]
    );
    assert!(record.items.is_empty());
    assert_eq!(record.rebuild(), text);
    // JSON: the key is there only when there are such subsections.
    let json = serde_json::to_string(&record).unwrap();
    assert!(
        json.contains("\"subsections\":[{\"number\":1,\"numeral\":\"一\""),
        "{json}"
    );
    let plain = document_record(&parse_str("t", "一、甲\n1.乙\n").unwrap());
    let json = serde_json::to_value(&plain).unwrap();
    assert!(json.get("subsections").is_none(), "{json}");
}

#[test]
fn a_unit_cut_by_a_page_number_is_one_record_that_holds_the_page_number_in_its_source() {
    let text = "报告\n\n　　中欧班列经阿拉木图、塔什干等城市开行的线路不断增加，为\n\n- 2 -\n\n区域互(hù)联互通注入了新的动力。\n";
    let doc = parse_str("t", text).unwrap();
    let record = document_record(&doc);
    let unit = record
        .paragraphs
        .iter()
        .find(|p| p.line == 3)
        .expect("the cut paragraph");
    assert_eq!(
        unit.text,
        "中欧班列经阿拉木图、塔什干等城市开行的线路不断增加，为区域互联互通注入了新的动力。"
    );
    assert_eq!(unit.end_line, Some(7));
    assert!(unit.source.contains("\n\n- 2 -\n\n"), "{}", unit.source);
    // The pinyin reads the annotated 互 where it stands, after the page break.
    assert!(unit.pinyin.contains("qū yù hù lián"), "{}", unit.pinyin);
    // Its offsets cover the page number: it is in the document's clean text.
    let clean = doc.clean_text();
    let chars: Vec<char> = clean.chars().collect();
    let covered: String = chars[unit.char_start as usize..unit.char_end as usize]
        .iter()
        .collect();
    assert!(covered.contains("- 2 -"), "{covered}");
    assert_eq!(record.rebuild(), text);
}

#[test]
fn clauses_listed_under_an_article_s_further_paragraph_are_labelled_by_it() {
    let text = "第一条　成员国应当履行下列义务：\n（一）遵守本章程；\n（二）执行决议。\n观察员国应当履行下列义务：\n（一）遵守本章程；\n（二）缴纳会费。\n第二条　本章程自签署之日起生效。\n";
    let record = document_record(&parse_str("t", text).unwrap());
    let parts: Vec<(&str, u32)> = record.items[0]
        .block
        .parts
        .iter()
        .map(|p| (p.label.as_str(), p.parent_line))
        .collect();
    assert_eq!(
        parts,
        [
            ("Art.1(1)", 1),
            ("Art.1(2)", 1),
            ("Art.1¶2", 1),
            ("Art.1¶2(1)", 4),
            ("Art.1¶2(2)", 4)
        ]
    );
    assert_eq!(record.rebuild(), text);
}

#[test]
fn a_law_s_short_name_is_its_title() {
    for (text, title) in [
        (
            "民法典\n\n第一条　为了保护民事主体的合法权益，制定本法。\n",
            "民法典",
        ),
        ("某法\n\n第一条　本法自公布之日起施行。\n", "某法"),
        (
            "对外贸易法（节选）\n\n第一条　为了扩大对外开放，制定本法。\n",
            "对外贸易法（节选）",
        ),
    ] {
        let record = document_record(&parse_str("t", text).unwrap());
        assert_eq!(record.title, title);
    }
}

#[test]
fn parts_after_a_page_number_left_standing_stay_with_their_unit() {
    // An article's clauses, with a page number between them (a break after a closed clause).
    let text = "某某管理办法\n\n第一条　申请人应当提交下列材料：\n（一）申请书；\n\n- 2 -\n\n（二）其他材料。\n";
    let record = document_record(&parse_str("t", text).unwrap());
    let parts: Vec<(&str, &str)> = record.items[0]
        .block
        .parts
        .iter()
        .map(|p| (p.label.as_str(), p.block.text.as_str()))
        .collect();
    assert_eq!(
        parts,
        [("Art.1(1)", "申请书；"), ("Art.1(2)", "其他材料。")]
    );
    // The page number is no paragraph: a line of page furniture, kept for the rebuild.
    assert!(record.paragraphs.iter().all(|p| p.text != "- 2 -"));
    let page = record
        .other_lines
        .iter()
        .find(|l| l.source == "- 2 -")
        .unwrap();
    assert_eq!(page.kind.as_deref(), Some("page_furniture"));
    assert_eq!(record.rebuild(), text);
    // A statement's points after a lead-in.
    let text = "联合声明\n\n双方强调：\n（一）坚定支持彼此核心利益；\n\n- 2 -\n\n（二）共同打击“三股势力”。\n";
    let record = document_record(&parse_str("t", text).unwrap());
    let lead = record
        .paragraphs
        .iter()
        .find(|p| p.text == "双方强调：")
        .unwrap();
    let labels: Vec<&str> = lead.parts.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["¶2(1)", "¶2(2)"]);
    assert_eq!(record.rebuild(), text);
}

#[test]
fn a_line_of_page_furniture_counts_its_hanzi_as_the_tables_do() {
    // A header beside a page number standing alone (`《（二）   0`, found by a property test).
    for text in [
        "《（二）   0\n",
        "江南省人民政府公报　　第 2 页\n\n一、总体要求\n",
    ] {
        let doc = parse_str("t", text).unwrap();
        let record = document_record(&doc);
        let tables = annotext_transform::build_tables(
            std::slice::from_ref(&doc),
            &annotext_transform::Rules::default(),
        )
        .unwrap();
        let hanzi = tables
            .documents
            .column("hanzi")
            .unwrap()
            .cast(&polars::prelude::DataType::UInt64)
            .unwrap()
            .u64()
            .unwrap()
            .get(0)
            .unwrap();
        assert_eq!(record.counts.hanzi, hanzi, "{text}");
        assert_eq!(record.rebuild(), text);
    }
}
