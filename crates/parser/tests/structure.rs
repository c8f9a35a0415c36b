//! The three numbered levels (sections `一、`, subsections `（一）`, items `1.`) are read on the
//! clean text: annotations on or beside a marker never hide it, and numbering is checked per
//! level.

use annotext_parser::{
    parse_str, AnomalyDetail, AnomalyKind, BlockKind, Document, ItemNumber, NumberingLevel,
    SegmentKind,
};

fn numbering_anomalies(doc: &Document) -> Vec<(u32, AnomalyKind)> {
    doc.anomalies
        .iter()
        .filter(|a| matches!(a.detail, AnomalyDetail::Numbering { .. }))
        .map(|a| (a.position.line, a.kind))
        .collect()
}

fn item_texts(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
        .map(|b| doc.block_text(b))
        .collect()
}

#[test]
fn annotated_heading_numerals_are_still_headings() {
    let text =
        "一(yī)(yī)、數字合作\n1.甲\n2.乙\n二(er)、綠色(se)發展\n1.丙\n三(san3)、人文\n1.丁\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    let numerals: Vec<&str> = doc.sections.iter().map(|s| s.numeral.as_str()).collect();
    assert_eq!(numerals, ["一", "二", "三"]);
    let counts: Vec<usize> = doc.sections.iter().map(|s| s.items.len()).collect();
    assert_eq!(counts, [2, 1, 1]);
    assert_eq!(
        doc.block_text(doc.section_heading(&doc.sections[1])),
        "綠色發展"
    );
    assert!(numbering_anomalies(&doc).is_empty());
    // The numeral's annotations are still readings of its character.
    assert_eq!(doc.chars[0].ch, '一');
    assert_eq!(doc.chars[0].annotation_count(), 2);
    // Clean text keeps the marker, without its annotation.
    assert!(doc.clean_text().starts_with("一、數字合作\n"));
}

#[test]
fn subsections_group_items_and_items_restart_under_each() {
    let text = "前言。\n一、數字\n（一）網絡\n1.甲\n2.乙\n（二(èr)）標準\n1.丙\n(三)安全\n1.丁\n2.戊\n二、貿易\n1.己\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert!(numbering_anomalies(&doc).is_empty(), "{:?}", doc.anomalies);
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.sections[0].items.len(), 5);
    assert_eq!(doc.sections[0].subsections, [0, 1, 2]);
    assert!(doc.sections[1].subsections.is_empty());
    let subs: Vec<(u32, &str, usize)> = doc
        .subsections
        .iter()
        .map(|s| (s.number.0, s.numeral.as_str(), s.items.len()))
        .collect();
    assert_eq!(subs, [(1, "一", 2), (2, "二", 1), (3, "三", 2)]);
    assert_eq!(
        doc.block_text(doc.subsection_heading(&doc.subsections[1])),
        "標準"
    );
    // Each item knows its section and subsection; the next section's items have none.
    let places: Vec<(Option<u32>, Option<u32>)> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
        .map(|b| (b.section, b.subsection))
        .collect();
    assert_eq!(
        places,
        [
            (Some(0), Some(0)),
            (Some(0), Some(0)),
            (Some(0), Some(1)),
            (Some(0), Some(2)),
            (Some(0), Some(2)),
            (Some(1), None)
        ]
    );
}

#[test]
fn full_width_annotations_inside_full_width_subsection_parentheses() {
    let text = "一、合作\n（一（yī））網絡（luò）聯通\n1．推進（jìn）光纜\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert_eq!(doc.subsections.len(), 1);
    assert_eq!(doc.subsections[0].numeral, "一");
    assert_eq!(
        doc.block_text(doc.subsection_heading(&doc.subsections[0])),
        "網絡聯通"
    );
    assert_eq!(item_texts(&doc), ["推進光纜"]);
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
}

#[test]
fn numbered_points_inside_an_item_stay_part_of_its_text() {
    let text = "一、合作\n1.推進三項工作：（1）甲；（2）乙；(3)丙。\n（1）另起一行的小點\n2.其他\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        item_texts(&doc),
        ["推進三項工作：（1）甲；（2）乙；(3)丙。", "其他"]
    );
    // A line starting with `（1）` is a point of the item before it, not an item of its own.
    assert_eq!(
        doc.blocks[2].kind,
        BlockKind::Point {
            number: ItemNumber(1)
        }
    );
    assert_eq!(doc.blocks[2].parent, Some(1));
    assert_eq!(doc.block_text(&doc.blocks[2]), "另起一行的小點");
    assert!(numbering_anomalies(&doc).is_empty());
}

#[test]
fn item_markers_in_every_spelling_and_indented_headings() {
    let text = "\u{3000}\u{3000}一、合作\n1.甲\n2．乙\n3、丙\n４．丁\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(doc.sections[0].numeral, "一");
    assert_eq!(item_texts(&doc), ["甲", "乙", "丙", "丁"]);
    assert!(numbering_anomalies(&doc).is_empty());
}

#[test]
fn a_digit_after_the_point_is_an_item_only_where_the_list_calls_for_that_number() {
    let doc = parse_str("t", "2.5億元用於建設。\n2024年舉行。\n").unwrap();
    assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    let doc = parse_str("t", "一、合作\n1.甲\n2.2026年底前完成\n3.5億元\n").unwrap();
    assert_eq!(item_texts(&doc), ["甲", "2026年底前完成"]);
    let doc = parse_str("t", "一、合作\n1.甲\n3.5億元\n").unwrap();
    assert_eq!(item_texts(&doc), ["甲"]);
}

#[test]
fn an_amount_at_a_line_s_start_is_an_item_only_when_the_next_item_follows_it() {
    // A prose line that starts with an amount is no item 1, and its number stays whole.
    let doc = parse_str(
        "t",
        "新闻公报\n\n各方回顾了合作成果。\n1.5万名中亚留学生正在中国学习。\n",
    )
    .unwrap();
    assert_eq!(item_texts(&doc), Vec::<String>::new());
    assert!(doc
        .blocks
        .iter()
        .any(|b| doc.block_text(b) == "1.5万名中亚留学生正在中国学习。"));
    // The list's own number, then its next item: item 3 starts with an amount.
    let doc = parse_str("t", "一、合作\n1.甲\n2.乙\n3.5亿美元用于建设。\n4.丁\n").unwrap();
    assert_eq!(item_texts(&doc), ["甲", "乙", "5亿美元用于建设。", "丁"]);
    assert!(numbering_anomalies(&doc).is_empty());
    // The list's number again after it: the amount is text of its own.
    let text = "一、合作\n1.甲\n2.中方提供\n3.5亿美元贷款。\n3.丙\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(item_texts(&doc), ["甲", "中方提供", "丙"]);
    assert!(doc
        .blocks
        .iter()
        .any(|b| doc.block_text(b) == "3.5亿美元贷款。"));
    assert!(numbering_anomalies(&doc).is_empty());
    // The number and its point before the amount: item 2 starts with one.
    let doc = parse_str("t", "一、合作\n1.甲\n2.2.3%的增长率\n").unwrap();
    assert_eq!(item_texts(&doc), ["甲", "2.3%的增长率"]);
}

#[test]
fn a_run_of_amounts_under_a_lead_in_is_amounts_every_line_of_it() {
    // 1.5 + 2.8 + 3.2 = 7.5亿元: each line reads `n.m亿`, and the run ends in one, so none of
    // them is an item (the first two were items 1 and 2 of `5亿元`, `8亿元`).
    let text = "某省财政厅公告\n\n一、2024年全省预计减免税费规模如下：\n1.5亿元用于小规模纳税人增值税减免；\n2.8亿元用于小型微利企业所得税减免；\n3.2亿元用于“六税两费”减征。\n二、本公告执行至2027年12月31日。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert_eq!(item_texts(&doc), Vec::<String>::new());
    for amount in ["1.5亿元用于", "2.8亿元用于", "3.2亿元用于"] {
        assert!(
            doc.blocks
                .iter()
                .any(|b| doc.block_text(b).starts_with(amount)),
            "{amount}"
        );
    }
    assert!(numbering_anomalies(&doc).is_empty());
    // A run of amounts that reaches an item no amount starts: items, as the list numbers them.
    let doc = parse_str("t", "一、合作\n1.5亿元用于甲；\n2.8亿元用于乙；\n3.丙\n").unwrap();
    assert_eq!(item_texts(&doc), ["5亿元用于甲；", "8亿元用于乙；", "丙"]);
}

#[test]
fn numbering_is_checked_per_level() {
    let text = "一、甲\n（一）乙\n1.a\n（三）丙\n1.b\n3.c\n三、丁\n（一）戊\n1.d\n";
    let doc = parse_str("t", text).unwrap();
    let found: Vec<(u32, AnomalyKind, NumberingLevel)> = doc
        .anomalies
        .iter()
        .filter_map(|a| match a.detail {
            AnomalyDetail::Numbering { level, .. } => Some((a.position.line, a.kind, level)),
            _ => None,
        })
        .collect();
    assert_eq!(
        found,
        [
            (4, AnomalyKind::NumberingGap, NumberingLevel::Subsection),
            (6, AnomalyKind::NumberingGap, NumberingLevel::Item),
            (7, AnomalyKind::NumberingGap, NumberingLevel::Section),
        ]
    );
    assert_eq!(
        doc.anomalies[0].message(&doc.text),
        "line 4, column 1: numbering gap: subsection 3 where 2 was expected"
    );
}

#[test]
fn a_marker_cut_by_an_annotation_tiles_the_source() {
    let text = "二(èr)(èr)、數字\n";
    let doc = parse_str("t", text).unwrap();
    let kinds: Vec<SegmentKind> = doc.segments.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SegmentKind::Marker,
            SegmentKind::Annotation,
            SegmentKind::Annotation,
            SegmentKind::Marker,
            SegmentKind::Text,
            SegmentKind::LineBreak
        ]
    );
    let block = &doc.blocks[0];
    assert_eq!(doc.slice(block.marker.unwrap()), "二(èr)(èr)、");
    assert_eq!(doc.slice(block.body), "數字");
}

#[test]
fn a_list_begun_inline_goes_on_on_its_own_lines() {
    let text = "声明\n\n我们决定：（一）加快自由贸易区升级谈判；\n（二）加强跨境数据流动领域合作；\n（三）支持中小微企业数字化转型。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    let points: Vec<u32> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Point { number } => Some(number.0),
            _ => None,
        })
        .collect();
    assert_eq!(points, [2, 3]);
    // Without the inline first point, a `（二）` is still a gap.
    let doc = parse_str("t", "声明\n\n我们决定加快谈判；\n（二）加强合作；\n").unwrap();
    assert_eq!(numbering_anomalies(&doc), [(4, AnomalyKind::NumberingGap)]);
}

#[test]
fn a_plan_s_parts_number_their_sections_anew() {
    let text = "行动计划\n\n第一部分　政治安全合作\n一、政治合作\n1.保持高层交往。\n\n\
                第二部分　经济合作\n一、贸易\n1.推进自由贸易区建设。\n二、投资\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    assert_eq!(doc.sections.len(), 3);
    // In running text, a part named is no part.
    let doc = parse_str("t", "一、甲\n第二部分规定了合作领域。\n一、乙\n").unwrap();
    assert_eq!(
        numbering_anomalies(&doc),
        [(3, AnomalyKind::NumberingRestart)]
    );
}

#[test]
fn an_annex_may_number_its_articles_anew_or_go_on() {
    let head = "委员会章程\n\n第一条　委员会是常设协调机构。\n第二条　本章程自2025年1月1日起生效。\n\n附件：委员会议事规则\n\n";
    for (annex, anomalies) in [
        (
            "第一条　委员会会议由主席召集。\n第二条　会议每年举行一次。\n",
            vec![],
        ),
        ("第三条　委员会会议由主席召集。\n", vec![]),
        (
            "第一条　委员会会议由主席召集。\n第三条　会议每年举行一次。\n",
            vec![(9, AnomalyKind::NumberingGap)],
        ),
    ] {
        let doc = parse_str("t", &format!("{head}{annex}")).unwrap();
        assert_eq!(numbering_anomalies(&doc), anomalies, "{annex}");
    }
}

#[test]
fn a_table_of_contents_lists_the_chapters_as_text() {
    let text = "中华人民共和国某某法\n\n目　　录\n第一章　总　　则\n第二章　附　　则\n\n第一章　总　　则\n第一条　为了加强监督管理，制定本法。\n第二章　附　　则\n第二条　本法自2025年1月1日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    assert_eq!(doc.sections.len(), 2);
    let texts: Vec<String> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert!(texts.contains(&"第一章　总　　则".to_owned()), "{texts:?}");
    assert_eq!(
        item_texts(&doc),
        ["为了加强监督管理，制定本法。", "本法自2025年1月1日起施行。"]
    );
}

#[test]
fn a_treaty_s_article_in_numbered_paragraphs_keeps_them() {
    let text = "第一条\n一、缔约一方公民持有效护照入境，停留不超过30日，免办签证。\n二、本条第一款所述人员每180日累计停留不得超过90日。\n第二条\n一、缔约一方公民应当经开放口岸入出境。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    assert!(doc.sections.is_empty());
    let clauses: Vec<(u32, Option<u32>)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Clause { number } => Some((number.0, b.parent)),
            _ => None,
        })
        .collect();
    assert_eq!(clauses, [(1, Some(0)), (2, Some(0)), (1, Some(3))]);
}

#[test]
fn a_subsection_after_a_list_of_points_is_the_next_subsection() {
    let text = "（一）各方同意扩大贸易规模。\n（二）中方将提供无偿援助，其中：\n（1）7.5亿元用于民生项目；\n（2）5亿元用于减贫合作。\n（三）各方启动自由贸易区联合可行性研究。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    assert_eq!(doc.subsections.len(), 3);
}

#[test]
fn an_article_number_may_stand_between_spaces() {
    let doc = parse_str(
        "t",
        "第1條　為規範管理，制定本辦法。\n第 2 條　本辦法自發布日施行。\n",
    )
    .unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    assert_eq!(
        item_texts(&doc),
        ["為規範管理，制定本辦法。", "本辦法自發布日施行。"]
    );
}

#[test]
fn an_annex_list_and_sections_with_an_ascii_point() {
    let text = "请认真贯彻执行。\n附件：1.2025年度省级科技计划项目申报指南\n　　　2.项目申报书（模板）\n　　　3.项目预算表\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    assert_eq!(
        item_texts(&doc),
        [
            "2025年度省级科技计划项目申报指南",
            "项目申报书（模板）",
            "项目预算表"
        ]
    );
    let doc = parse_str(
        "t",
        "一.总体要求\n1.住宅老旧电梯更新。\n二.保障措施\n1.加强组织领导。\n",
    )
    .unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    assert_eq!(doc.sections.len(), 2);
}

#[test]
fn headings_between_articles_stay_headings() {
    let text = "一、一般规定\n\n第一条　人民法院解释合同条款时，应当以词句的通常含义为基础。\n第二条　下列情形，人民法院可以认定为交易习惯：\n（一）当事人之间的惯常做法；\n\n二、合同的订立\n\n第三条　当事人对合同是否成立存在争议的，一般应当认定合同成立。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    assert_eq!(doc.sections.len(), 2);
}

#[test]
fn an_excerpt_s_gaps_are_no_fault() {
    let body = "\n\n第四百六十三条　本编调整因合同产生的民事关系。\n第四百六十九条　当事人订立合同，可以采用书面形式。\n";
    let doc = parse_str("t", &format!("中华人民共和国民法典（节选）{body}")).unwrap();
    assert_eq!(numbering_anomalies(&doc), []);
    let doc = parse_str("t", &format!("中华人民共和国民法典{body}")).unwrap();
    assert_eq!(numbering_anomalies(&doc).len(), 2);
}
