//! The shapes policy texts come in beyond the outcome list: hard-wrapped lines, regulations in
//! chapters and articles with clauses, statements with short lists after a lead-in.

use annotext_parser::{parse_str, AnomalyDetail, AnomalyKind, BlockKind, Document, ItemNumber};

fn texts(doc: &Document, keep: impl Fn(&BlockKind) -> bool) -> Vec<String> {
    doc.blocks
        .iter()
        .filter(|b| keep(&b.kind))
        .map(|b| doc.block_text(b))
        .collect()
}

/// The text of every block but blank lines.
fn texts_of(doc: &Document) -> Vec<String> {
    texts(doc, |k| *k != BlockKind::Blank)
}

/// Every point's text and the index of the block it belongs to.
fn points_and_parents(doc: &Document) -> Vec<(String, Option<u32>)> {
    doc.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Point { .. }))
        .map(|b| (doc.block_text(b), b.parent))
        .collect()
}

fn items(doc: &Document) -> Vec<String> {
    texts(doc, |k| matches!(k, BlockKind::Item { .. }))
}

fn numbering(doc: &Document) -> Vec<String> {
    doc.anomalies
        .iter()
        .filter(|a| matches!(a.detail, AnomalyDetail::Numbering { .. }))
        .map(|a| a.message(&doc.text))
        .collect()
}

#[test]
fn a_wrapped_item_is_joined_and_an_amount_at_a_line_start_keeps_its_number() {
    let text = "一、能源合作\n1.中方将为中东欧国家清洁能源项目提供总额\n2.5亿美元的专项贷款，支持布达\n佩斯等城市的电网改造；\n2.推进3.5GHz频段合作。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert_eq!(
        items(&doc),
        [
            "中方将为中东欧国家清洁能源项目提供总额2.5亿美元的专项贷款，支持布达佩斯等城市的电网改造；",
            "推进3.5GHz频段合作。"
        ]
    );
    let first = doc.section_items(&doc.sections[0]).next().unwrap();
    assert_eq!((first.line, first.end_line), (2, 4));
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    // The clean text keeps the line breaks; only the unit's text is joined.
    assert_eq!(doc.clean_text(), text);
}

#[test]
fn latin_words_cut_by_a_wrap_are_joined_with_a_space_and_hanzi_without() {
    let text = "会议在华沙举行。\n双方同意共同举办中国—中东欧国家绿色能源论坛（Green\nEnergy Forum），并于2024年\n10月在华沙举行首届会议。\n";
    let doc = parse_str("t", text).unwrap();
    // A parenthesis cut by the wrap is closed on the next line: no anomaly.
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    assert_eq!(
        texts(&doc, |k| *k == BlockKind::Paragraph),
        ["会议在华沙举行。", "双方同意共同举办中国—中东欧国家绿色能源论坛（Green Energy Forum），并于2024年10月在华沙举行首届会议。"]
    );
}

#[test]
fn a_latin_word_inside_chinese_cut_by_a_fixed_width_wrap_is_one_word() {
    // Wrapped at 30 characters, cutting SADC and APEC before their `）`.
    let lines = [
        "根据两国元首达成的共识，双方同意在南部非洲发展共同体（SAD",
        "C）框架下加强合作，共同推进务实务实务实务实务实务实务实务实",
        "务实深基础设施互联互通和产能合作，在亚太经济合作组织（APE",
        "C）框架下推动贸易投资自由化和便利化，欢迎各方积极参与。",
    ];
    let text = lines.join("\n") + "\n";
    let doc = parse_str("t", &text).unwrap();
    assert_eq!(doc.rebuild(), text);
    // `C）` on a line is no point here: it closes the bracket the wrap cut.
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    assert_eq!(
        texts(&doc, |k| *k == BlockKind::Paragraph),
        [lines.concat()]
    );
}

#[test]
fn a_title_a_heading_and_a_short_line_are_not_continued() {
    let text = "中国—东盟农业合作行动计划\n2024年10月12日，双方在南宁举行会议，通过本计划\n的全部内容。\n一、合作领域\n各方同意加强合作。\n签署人\n中方代表\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        texts(&doc, |k| *k == BlockKind::Paragraph),
        [
            "中国—东盟农业合作行动计划",
            "2024年10月12日，双方在南宁举行会议，通过本计划的全部内容。",
            "各方同意加强合作。",
            "签署人",
            "中方代表"
        ]
    );
}

#[test]
fn a_document_wrapped_at_a_fixed_width_joins_full_lines_even_after_a_full_stop() {
    // Wrapped at 21 characters: line 1 ends with `。` at the wrap, line 2 goes on; an indented
    // line starts a new paragraph.
    let text = "会议指出，各方应当加强政策协调与务实合作。\n深化贸易投资往来，推动互联互通建设取得新进\n展。各方同意在二〇二五年召开下一次会议，并\n就筹备工作保持密切沟通。\n\u{3000}\u{3000}会议期间，各方还举行了双边会见，就共同\n关心的国际和地区问题交换了意见。\n";
    let doc = parse_str("t", text).unwrap();
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert!(paragraphs[0].ends_with("务实合作。深化贸易投资往来，推动互联互通建设取得新进展。各方同意在二〇二五年召开下一次会议，并就筹备工作保持密切沟通。"));
    assert!(paragraphs[1].ends_with("交换了意见。"));
}

#[test]
fn chapters_articles_clauses_and_further_paragraphs_form_one_hierarchy() {
    let text = "\
澜湄水资源合作中心章程
（2025年5月13日联合工作组第三次会议通过）
第一章　总则
第一条　为规范中心运行，制定本章程。
第二条　中心的主要职能是：
（一）组织开展水资源合作研究；
（二）提供技术支持，包括：
1.数据共享；
2.人员培训。
（三）承办联合工作组交办的其他事项。
前款所列职能，由秘书处具体承担。
第二章 组织机构
第一节　理事会
第三条　理事会由成员国代表组成。
第二节　秘书处
第四条 秘书处负责日常工作。
秘书处设秘书长一名。
";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.sections[0].numeral, "一");
    assert_eq!(
        doc.block_text(doc.section_heading(&doc.sections[0])),
        "总则"
    );
    assert_eq!(
        doc.block_text(doc.section_heading(&doc.sections[1])),
        "组织机构"
    );
    // Articles are numbered through the document, not per chapter.
    let numbers: Vec<u32> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Item {
                number,
                article: true,
            } => Some(number.0),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(doc.sections[1].items.len(), 2);
    assert_eq!(doc.subsections.len(), 2);
    assert_eq!(
        doc.block_text(doc.subsection_heading(&doc.subsections[1])),
        "秘书处"
    );
    assert_eq!(items(&doc)[1], "中心的主要职能是：");
    // Clauses keep their article; sub-clauses their clause.
    let clause = |line: u32| doc.blocks.iter().find(|b| b.line == line).unwrap();
    let article = doc.blocks.iter().position(|b| b.line == 5).unwrap() as u32;
    assert_eq!(
        clause(6).kind,
        BlockKind::Clause {
            number: ItemNumber(1)
        }
    );
    assert_eq!(clause(6).parent, Some(article));
    let second = doc.blocks.iter().position(|b| b.line == 7).unwrap() as u32;
    assert_eq!(
        clause(8).kind,
        BlockKind::Clause {
            number: ItemNumber(1)
        }
    );
    assert_eq!(clause(8).parent, Some(second));
    assert_eq!(clause(10).parent, Some(article));
    // A line without a marker inside an article is its further paragraph, not free prose.
    assert_eq!(clause(11).kind, BlockKind::Paragraph);
    assert_eq!(clause(11).parent, Some(article));
    assert!(clause(17).parent.is_some());
    assert_eq!(doc.item_of(clause(9)).map(|b| b.line), Some(5));
    assert_eq!(doc.paragraphs().count(), 2, "title and note only");
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
}

#[test]
fn a_missing_article_is_reported() {
    let text = "第一章 总则\n第一条 甲。\n第二章 附则\n第三条 乙。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering(&doc).len(), 1, "{:?}", numbering(&doc));
    assert_eq!(doc.anomalies[0].kind, AnomalyKind::NumberingGap);
}

#[test]
fn short_lists_after_a_lead_in_are_points_in_every_style() {
    let text = "\
中沙联合声明
双方同意在以下领域加强合作：
（1）贸易投资；
（2）能源。
双方将推动：
1) 数字经济；
2) 卫生健康。
双方欢迎：
①文化交流；
②旅游合作。
双方支持：
a) 人员往来；
b) 教育合作。
合作重点包括：1) 贸易；2) 投资；3) 能源。
双方决定在以下方面深化合作：
（一）贸易投资。双方将扩大贸易规模。
（二）能源合作。
";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    let points = texts(&doc, |k| matches!(k, BlockKind::Point { .. }));
    assert_eq!(
        points,
        [
            "贸易投资；",
            "能源。",
            "数字经济；",
            "卫生健康。",
            "文化交流；",
            "旅游合作。",
            "人员往来；",
            "教育合作。",
            "贸易投资。双方将扩大贸易规模。",
            "能源合作。"
        ]
    );
    assert!(doc.sections.is_empty() && doc.subsections.is_empty());
    for block in doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Point { .. }))
    {
        let lead = &doc.blocks[block.parent.unwrap() as usize];
        assert!(
            doc.block_text(lead).ends_with('：'),
            "{}",
            doc.block_text(lead)
        );
    }
}

mod property {
    use annotext_parser::{parse_str, BlockKind};
    use proptest::prelude::*;

    /// Lines of every shape: markers of each level, sentences ended and open, wrapped numbers,
    /// leads-in, notes, Latin words, blank lines.
    fn line() -> impl Strategy<Value = String> {
        let marker = prop_oneof![
            Just(""),
            Just("一、"),
            Just("（一）"),
            Just("(二)"),
            Just("1."),
            Just("2、"),
            Just("第一章　"),
            Just("第二节 "),
            Just("第三条　"),
            Just("第12条"),
            Just("（1）"),
            Just("2) "),
            Just("①"),
            Just("b) "),
            Just("  "),
        ];
        let body = prop_oneof![
            Just("各方同意加强能源合作，推动项目落地见效"),
            Just("中(zhong)(zhong)國(guo)同中亞五國合作。"),
            Just("2.5亿美元的专项贷款"),
            Just("职能是："),
            Just("Green"),
            Just("Energy Forum）。"),
            Just("（2025年5月13日通过）"),
            Just("包括：1) 贸易；2) 投资。"),
            Just("短"),
            Just(""),
        ];
        let end = prop_oneof![Just("\n"), Just("\r\n")];
        (marker, body, end).prop_map(|(m, b, e)| format!("{m}{b}{e}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Nothing lost, nothing invented: the blocks' markers and texts, in order, are the
        /// clean text (whitespace aside); every unit's parent comes before it; the records
        /// rebuild the source.
        #[test]
        fn every_character_is_in_exactly_one_unit(lines in prop::collection::vec(line(), 1..30)) {
            let text: String = lines.concat();
            let Ok(doc) = parse_str("p", &text) else { return Ok(()) };
            prop_assert_eq!(doc.rebuild(), text.clone());
            let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
            let units: String = doc
                .blocks
                .iter()
                .map(|b| doc.marker_text(b) + &doc.block_text(b))
                .collect();
            // A space is put between Latin words joined across a wrap: whitespace aside.
            prop_assert_eq!(squeeze(&units), squeeze(&doc.clean_text()));
            for (i, block) in doc.blocks.iter().enumerate() {
                if let Some(parent) = block.parent {
                    prop_assert!((parent as usize) < i);
                    prop_assert!(doc.blocks[parent as usize].kind != BlockKind::Blank);
                }
                prop_assert!(block.end_line >= block.line);
                prop_assert_eq!(&text[block.span.range()].contains('\n'), &block.is_joined());
            }
            // Blocks tile the lines: each line is in exactly one block, in order.
            for pair in doc.blocks.windows(2) {
                prop_assert_eq!(pair[1].line, pair[0].end_line + 1);
            }
            prop_assert_eq!(doc.blocks.first().map(|b| b.line), Some(1));
        }
    }
}

#[test]
fn digits_cut_by_a_wrap_join_without_a_space_and_a_parenthesis_may_span_three_lines() {
    let text = "会议纪要\n双方商定第二届中国—中亚峰会于202\n5年在阿斯塔纳举行，中国同中亚五国（哈萨克斯坦、吉尔吉斯斯坦、\n塔吉克斯坦、乌兹别克斯坦和土库曼斯坦五国\n）建交三十多年来，关系发展顺利。\n";
    let doc = parse_str("t", text).unwrap();
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert!(
        paragraphs[1].contains("于2025年在阿斯塔纳"),
        "{paragraphs:?}"
    );
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
}

#[test]
fn articles_past_a_thousand_are_articles() {
    let text = "第一章　总则\n第九百九十九条　甲。\n第一千条　乙。\n第一千零一条　丙。\n";
    let doc = parse_str("t", text).unwrap();
    let numbers: Vec<u32> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Item { number, .. } => Some(number.0),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, [999, 1000, 1001]);
}

#[test]
fn a_title_wrapped_over_two_lines_is_one_title_and_a_date_under_it_is_not_part_of_it() {
    let text = "中华人民共和国与海湾阿拉伯国家合作委员会关于深化\n战略伙伴关系的联合声明\n2024年11月20日\n双方同意加强合作。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        texts(&doc, |k| *k == BlockKind::Paragraph),
        [
            "中华人民共和国与海湾阿拉伯国家合作委员会关于深化战略伙伴关系的联合声明",
            "2024年11月20日",
            "双方同意加强合作。"
        ]
    );
    // A short title with a date under it stays one line.
    let doc = parse_str("t", "中国—东盟合作宣言\n2024年10月12日\n各方同意。\n").unwrap();
    assert_eq!(doc.paragraphs().count(), 3);
}

/// Markers at the start of a line that goes on with an open sentence, from a review's
/// documents: each is text of the sentence unless it fits the numbering where it stands.
#[test]
fn a_marker_after_an_open_sentence_is_text_unless_it_fits_the_numbering() {
    let cases = [
        // A reference cut after 第: never a clause.
        (
            "测试条例\n第一条　本条例适用于全省范围内的生态环境保护活动和有关工作。\n第二条　在保护区设置排污口，违反本条例第一条第一款第\n（二）项规定的，处10万元以上50万元以下罚款。\n",
            "在保护区设置排污口，违反本条例第一条第一款第（二）项规定的，处10万元以上50万元以下罚款。",
        ),
        // `一、` that is not the next section.
        (
            "合作成果清单\n一、经济领域\n1.双方同意建立健全统一领导、分级负责、统\n一、规范、高效的工作机制。\n2.双方同意扩大贸易规模。\n",
            "双方同意建立健全统一领导、分级负责、统一、规范、高效的工作机制。",
        ),
        // A bracket cut by the wrap.
        (
            "合作成果清单\n一、经济领域\n1.双方同意开展以下合作：（1）建设新基地；（2）每年培训技术人员300人次；（\n3）开展联合研究工作。\n",
            "双方同意开展以下合作：（1）建设新基地；（2）每年培训技术人员300人次；（3）开展联合研究工作。",
        ),
        // A point after an open sentence starts no list.
        (
            "合作成果清单\n一、能源领域\n1.双方同意继续推进中巴经济走廊建设，重点推进第一阶段\n（1）号和（2）号项目的后续工作。\n",
            "双方同意继续推进中巴经济走廊建设，重点推进第一阶段（1）号和（2）号项目的后续工作。",
        ),
    ];
    for (text, first_item) in cases {
        let doc = parse_str("t", text).unwrap();
        assert_eq!(doc.rebuild(), text);
        let found = items(&doc);
        let unit = found
            .iter()
            .find(|t| t.starts_with(&first_item[..6]))
            .cloned();
        assert_eq!(unit.as_deref(), Some(first_item), "{found:?}");
        assert_eq!(doc.sections.len().max(1), 1, "{text}");
        assert!(doc.anomalies.is_empty(), "{text}: {:?}", doc.anomalies);
    }
}

#[test]
fn chapters_number_anew_in_each_part_of_a_code_and_after_an_annex() {
    let text = "第一编　总则\n第一章　基本规定\n第一条　甲。\n第二章　自然人\n第二条　乙。\n第二编　物权\n第一章　通则\n第三条　丙。\n附件：重点项目清单\n一、能源\n1.丁；\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    let numbers: Vec<u32> = doc.sections.iter().map(|s| s.number.0).collect();
    assert_eq!(numbers, [1, 2, 1, 1]);
    // Articles run on through the parts.
    assert_eq!(items(&doc), ["甲。", "乙。", "丙。", "丁；"]);
    // A chapter repeated inside one part is still reported.
    let doc = parse_str("t", "第一章 总则\n第一条 甲。\n第一章 附则\n第二条 乙。\n").unwrap();
    assert_eq!(numbering(&doc).len(), 1);
}

#[test]
fn a_sub_part_of_a_code_is_no_paragraph_of_the_article_before_it() {
    // The Civil Code: 第二编 物权, 第一分编 通则 (chapters 1–3), 第二分编 所有权 (chapter 4 on).
    let text = "第二编　物权\n第一分编　通则\n第一章　一般规定\n第一条　甲。\n第三章　物权的保护\n第二条　乙。\n第二分编　所有权\n第四章　一般规定\n第三条　丙。\n";
    let doc = parse_str("t", text).unwrap();
    let numbers: Vec<u32> = doc.sections.iter().map(|s| s.number.0).collect();
    assert_eq!(numbers, [1, 3, 4]);
    assert_eq!(items(&doc), ["甲。", "乙。", "丙。"]);
    let part = doc.blocks.iter().find(|b| b.line == 7).unwrap();
    assert_eq!(part.kind, BlockKind::Paragraph);
    assert_eq!(part.parent, None);
    // The gap 1 → 3 in the first sub-part is reported, nothing else.
    assert_eq!(numbering(&doc).len(), 1, "{:?}", numbering(&doc));
}

#[test]
fn a_byte_of_a_wrapped_unit_knows_its_source_line() {
    let text = "双方同意共同举办中国—中东欧国家绿色能源论坛，并于\n2024年10月在华沙举行首届会议，各方代表\n出席。\n";
    let doc = parse_str("t", text).unwrap();
    let block = &doc.blocks[0];
    assert_eq!((block.line, block.end_line), (1, 3));
    let joined = doc.block_text(block);
    let at = |needle: &str| doc.line_in_block(block, joined.find(needle).unwrap());
    assert_eq!(at("中东欧"), 1);
    assert_eq!(at("2024年"), 2);
    assert_eq!(at("华沙"), 2);
    assert_eq!(at("出席"), 3);
}

#[test]
fn chapters_numbered_on_through_the_parts_of_a_code_are_right_too() {
    let text = "第一编　总则\n第一章　一般规定\n第一条　甲。\n第二编　合作事项\n第二章　基础设施\n第二条　乙。\n第三章　贸易\n第三条　丙。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    let numbers: Vec<u32> = doc.sections.iter().map(|s| s.number.0).collect();
    assert_eq!(numbers, [1, 2, 3]);
    // A chapter that neither goes on nor starts anew is still a gap.
    let doc = parse_str("t", "第一编　总则\n第一章　甲\n第二编　乙\n第三章　丙\n").unwrap();
    assert_eq!(numbering(&doc).len(), 1, "{:?}", numbering(&doc));
}

#[test]
fn a_five_year_plans_parts_hold_its_chapters_numbered_on_through_them() {
    let text = "某省第十五个五年规划纲要\n\n第一篇　开启新征程\n\n第一章　发展环境\n\n第一节　发展基础\n经济实力显著增强。\n\n第二章　总体要求\n坚持以人民为中心。\n\n第二篇　坚持创新驱动发展\n\n第三章　强化科技支撑\n推动科技自立自强。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    let numbers: Vec<u32> = doc.sections.iter().map(|s| s.number.0).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(
        doc.part_of(block_with(&doc, "经济实力")).as_deref(),
        Some("Pt1")
    );
    assert_eq!(
        doc.part_of(block_with(&doc, "科技自立")).as_deref(),
        Some("Pt2")
    );
    // A piece of writing counted in a sentence is no part.
    let doc = parse_str("t", "第一章　总则\n第一篇文章介绍了港口。\n").unwrap();
    assert_eq!(doc.part_of(block_with(&doc, "文章")), None);
}

#[test]
fn a_paragraph_that_begins_by_citing_an_article_is_the_article_s_further_paragraph() {
    let text = "第一条　成员国应当共同编制区域多式联运通道规划。\n第二条　秘书处应当编制项目清单。\n第一条规定的通道规划，应当与项目清单相衔接。\n第三条　本办法自发布之日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    assert_eq!(
        items(&doc),
        [
            "成员国应当共同编制区域多式联运通道规划。",
            "秘书处应当编制项目清单。",
            "本办法自发布之日起施行。"
        ]
    );
    let cited = doc.blocks.iter().find(|b| b.line == 3).unwrap();
    assert_eq!(cited.kind, BlockKind::Paragraph);
    assert_eq!(
        doc.block_text(cited),
        "第一条规定的通道规划，应当与项目清单相衔接。"
    );
    let second = doc.blocks.iter().position(|b| b.line == 2).unwrap() as u32;
    assert_eq!(cited.parent, Some(second));
    // An article written without a space after its marker is still one.
    let doc = parse_str("t", "第一条本办法适用于港口合作。\n第二条各方应当遵守。\n").unwrap();
    assert_eq!(items(&doc), ["本办法适用于港口合作。", "各方应当遵守。"]);
}

#[test]
fn a_marker_alone_on_its_line_takes_the_next_line_as_its_text() {
    let text = "港口合作谅解备忘录\n\n一、\n合作目标\n\n双方同意扩大双边贸易规模。\n\n二、\n合作领域\n\n1.\n双方将共同推动物流枢纽建设。\n\n第一条\n本办法自发布之日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    let headings = texts(&doc, |k| matches!(k, BlockKind::SectionHeading { .. }));
    assert_eq!(headings, ["合作目标", "合作领域"]);
    assert_eq!(items(&doc)[0], "双方将共同推动物流枢纽建设。");
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    assert_eq!(
        paragraphs,
        ["港口合作谅解备忘录", "双方同意扩大双边贸易规模。"]
    );
}

#[test]
fn a_title_wrapped_inside_its_brackets_closes_them_on_the_next_line() {
    let text = "中国—太平洋岛国应对气候变化合作行动计划（2024—2026\n年）\n\n为落实中国—太平洋岛国外长会议共识，双方共同制定本行动计划。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    assert_eq!(
        doc.block_text(&doc.blocks[0]),
        "中国—太平洋岛国应对气候变化合作行动计划（2024—2026年）"
    );
}

#[test]
fn a_signature_block_laid_out_in_columns_is_not_joined() {
    let text = "双方同意进一步深化全面战略合作伙伴关系。\n\n中华人民共和国政府代表　　　　　老挝人民民主共和国政府代表\n王　某　某　　　　　　　　　　　　某　某　某\n二〇二四年九月十日\n";
    let doc = parse_str("t", text).unwrap();
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    assert_eq!(paragraphs.len(), 4, "{paragraphs:?}");
    assert_eq!(paragraphs[3], "二〇二四年九月十日");
}

#[test]
fn a_numbered_list_after_a_lead_in_inside_a_section_is_the_lead_in_s_points() {
    let text = "一、互联互通\n1.各方同意加快跨境铁路建设。\n2.各方支持扩大集装箱航线。\n此外，各方同意在以下方面加强合作：\n1.推进口岸智慧化改造。\n2.推广电子单证。\n3.互认检验结果。\n二、人文交流\n1.各方同意互设文化中心。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(
        items(&doc),
        [
            "各方同意加快跨境铁路建设。",
            "各方支持扩大集装箱航线。",
            "各方同意互设文化中心。"
        ]
    );
    let lead = doc.blocks.iter().position(|b| b.line == 4).unwrap() as u32;
    let points: Vec<(u32, Option<u32>)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Point { number } => Some((number.0, b.parent)),
            _ => None,
        })
        .collect();
    assert_eq!(points, [(1, Some(lead)), (2, Some(lead)), (3, Some(lead))]);
}

#[test]
fn the_lines_of_an_annex_before_its_first_section_belong_to_no_section() {
    let text = "一、合作领域\n1.能源；\n附件2：联络机构\n1.交通运输部\n二、保障\n2.评估。\n";
    let doc = parse_str("t", text).unwrap();
    let of = |needle: &str| {
        doc.blocks
            .iter()
            .find(|b| doc.block_text(b).contains(needle))
            .unwrap()
    };
    assert_eq!(of("能源").section, Some(0));
    assert_eq!(of("附件2").section, None);
    assert_eq!(of("交通运输部").section, None);
    assert_eq!(doc.annex_of(of("交通运输部")).as_deref(), Some("Annex2"));
    assert_eq!(of("评估").section, Some(1));
    assert_eq!(doc.annex_of(of("评估")).as_deref(), Some("Annex2"));
    assert_eq!(doc.annex_of(of("能源")), None);
    // The main text's sections keep their items; the annex's list is none of theirs.
    assert_eq!(doc.sections[0].items.len(), 1);
}

#[test]
fn roman_numerals_after_a_lead_in_are_its_points() {
    let text = "一、双方同意在以下领域开展合作：\nI. 贸易投资；\nII. 基础设施；\nIII．人文交流。\nⅣ、绿色发展。\n二、双方将定期举行会晤。\n";
    let doc = parse_str("t", text).unwrap();
    let points: Vec<(u32, String)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Point { number } => Some((number.0, doc.block_text(b))),
            _ => None,
        })
        .collect();
    assert_eq!(
        points,
        [
            (1, "贸易投资；".to_owned()),
            (2, "基础设施；".to_owned()),
            (3, "人文交流。".to_owned()),
            (4, "绿色发展。".to_owned())
        ]
    );
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    // A letter list's ninth (`I)`) and a word (`IX.ray`, `VIP.`) are no Roman numeral.
    let doc = parse_str("t", "VIP. 通道；\nIX.ray 设备。\n").unwrap();
    assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
}

#[test]
fn items_numbered_on_through_the_subsections_of_a_section_are_right_too() {
    // An outcome list numbers its items anew under each `（一）` or on through them: both are
    // right; a gap or a duplicate is still an error either way.
    let through = "一、港口合作\n（一）远洋航线\n1. 甲；\n2. 乙；\n（二）内河航道\n3. 丙；\n4. 丁。\n二、人文交流\n1. 戊。\n";
    let doc = parse_str("t", through).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc), ["甲；", "乙；", "丙；", "丁。", "戊。"]);
    let anew = "一、港口合作\n（一）远洋航线\n1. 甲；\n2. 乙；\n（二）内河航道\n1. 丙；\n2. 丁。\n";
    assert!(numbering(&parse_str("t", anew).unwrap()).is_empty());
    let gap = "一、港口合作\n（一）远洋航线\n1. 甲；\n2. 乙；\n（二）内河航道\n4. 丙；\n";
    assert_eq!(numbering(&parse_str("t", gap).unwrap()).len(), 1);
}

#[test]
fn a_line_under_a_title_that_leaves_a_parenthesis_open_starts_the_text() {
    // Wrapped at 30 characters: the second line is the text's first, cut inside a year range,
    // and the third, `7）》…`, goes on with it (no point 7, no unclosed parenthesis).
    let text = "江苏省关于深化与南美大西洋沿岸和安第斯国家经贸合作的实施意见\n为贯彻落实《中国与拉美和加勒比国家合作规划（2025—202\n7）》，推动我省与巴西、阿根廷、乌拉圭、巴拉圭、玻利维亚、委\n内瑞拉和圭亚那等南美国家的经贸合作提质升级，结合我省实际，提\n出如下实施意见。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    let paragraphs: Vec<String> = doc.paragraphs().map(|b| doc.block_text(b)).collect();
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert_eq!(
        paragraphs[0],
        "江苏省关于深化与南美大西洋沿岸和安第斯国家经贸合作的实施意见"
    );
    assert!(paragraphs[1].starts_with("为贯彻落实《中国与拉美和加勒比国家合作规划（2025—2027）》"));
    assert!(paragraphs[1].ends_with("提出如下实施意见。"));
    assert!(!doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Point { .. })));
}

#[test]
fn items_numbered_on_through_the_whole_document_are_right_too() {
    // Many outcome lists number their items on through all sections (`一、` 1–2, `二、` 3–4).
    let through =
        "一、港口合作\n1. 甲；\n2. 乙。\n二、人文交流\n3. 丙；\n4. 丁。\n三、其他\n1. 戊。\n";
    let doc = parse_str("t", through).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.sections.len(), 3);
    assert_eq!(doc.sections[1].items.len(), 2);
    // A gap across sections is still one.
    let gap = "一、港口合作\n1. 甲；\n2. 乙。\n二、人文交流\n4. 丙。\n";
    assert_eq!(numbering(&parse_str("t", gap).unwrap()).len(), 1);
    // Inside a section, the count goes on from the section's own last item only.
    let inside = "一、港口合作\n1. 甲；\n2. 乙。\n二、人文交流\n1. 丙；\n3. 丁。\n";
    assert_eq!(numbering(&parse_str("t", inside).unwrap()).len(), 1);
}

#[test]
fn headings_one_two_under_a_drafted_chapter_are_its_subsections() {
    // A report in chapters (`第三章`) with `一、` parts in each, numbered anew per chapter, and
    // `（一）` under a `一、` numbered anew under each.
    let text = "第一章　现状\n一、中蒙方向\n通道运行平稳。\n二、中俄方向\n（一）铁路\n运量增长。\n（二）公路\n口岸扩容。\n第二章　对策\n一、完善框架\n（一）机制\n定期会商。\n二、加强合作\n深化交流。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    assert_eq!(doc.sections.len(), 2);
    let titles: Vec<String> = doc
        .subsections
        .iter()
        .map(|s| doc.block_text(&doc.blocks[s.heading as usize]))
        .collect();
    assert_eq!(
        titles,
        [
            "中蒙方向",
            "中俄方向",
            "铁路",
            "公路",
            "完善框架",
            "机制",
            "加强合作"
        ],
        "{titles:?}"
    );
    assert!(doc.subsections.iter().all(|s| s.section.is_some()));
    // A section list without chapters keeps `一、` as its sections.
    let doc = parse_str("t", "一、甲\n（一）乙\n二、丙\n").unwrap();
    assert_eq!(doc.sections.len(), 2);
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
}

#[test]
fn items_numbered_anew_under_each_task_of_an_action_plan_are_right() {
    // An action plan's tasks (`任务1：`) are lines of their own, each with items from 1.
    let text = "一、重点任务\n任务1：畅通物流通道。\n1. 甲；\n2. 乙。\n任务2：扩大能源合作。\n1. 丙；\n2. 丁。\n项目三：建设园区。\n1. 戊。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc), ["甲；", "乙。", "丙；", "丁。", "戊。"]);
    // A line that only starts with such a word is no task (`项目的…`), and a gap is still one.
    let gap = "一、重点任务\n任务1：畅通物流通道。\n1. 甲；\n3. 乙。\n";
    assert_eq!(numbering(&parse_str("t", gap).unwrap()).len(), 1);
    let prose = "一、重点任务\n1. 甲；\n2. 乙。\n项目建设要加快。\n1. 丙。\n";
    assert_eq!(numbering(&parse_str("t", prose).unwrap()).len(), 1);
}

#[test]
fn an_annex_line_that_names_its_first_document_goes_on_with_the_second() {
    let text = "一、成果\n1. 甲。\n附件：1.签约项目清单\n2.参会单位名单\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.rebuild(), text);
    // The annex's line is its first item: the annex's name is in its marker.
    assert_eq!(items(&doc), ["甲。", "签约项目清单", "参会单位名单"]);
    let first = &doc.blocks[2];
    assert_eq!(doc.marker_text(first), "附件：1.");
    assert_eq!(doc.annex_of(first).as_deref(), Some("Annex"));
    assert_eq!(doc.annex_of(&doc.blocks[3]).as_deref(), Some("Annex"));
    assert_eq!(first.section, None);
    // Numbered, annotated, in traditional script: the same.
    let text = "附(fù)件(jiàn)2：1．簽約項目清單\n2．參會單位名單\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc), ["簽約項目清單", "參會單位名單"]);
    assert_eq!(doc.annex_of(&doc.blocks[1]).as_deref(), Some("Annex2"));
    // An amount after the colon is no first item: the line is the annex's, and 2 goes on.
    let text = "附件：1.5亿元项目清单\n2.参会单位名单\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc), ["参会单位名单"]); // `附：`, the short form, after articles or a statement's sections: an annex too.
    let text = "第一条　甲。\n第二条　乙。\n附：1.公共数据共享申请表\n2.公共数据开放目录\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(
        items(&doc),
        ["甲。", "乙。", "公共数据共享申请表", "公共数据开放目录"]
    );
    assert_eq!(doc.annex_of(&doc.blocks[3]).as_deref(), Some("Annex"));
    let text = "一、双方同意深化合作。\n二、双方同意加强交流。\n附：访问期间签署的合作文件清单\n1.《互免签证协定》\n2.《产能合作谅解备忘录》\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.annex_of(&doc.blocks[3]).as_deref(), Some("Annex"));
    assert_eq!(doc.blocks[3].section, None);
}

#[test]
fn a_long_heading_ends_at_its_line_where_no_wrap_cut_it() {
    let text = "2025年政府工作报告\n\n一、坚持以人民为中心的发展思想切实保障和改善民生工作\n各方一致认为，民生是最大的政治。\n二、推动高质量发展\n";
    let doc = parse_str("t", text).unwrap();
    let texts: Vec<String> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert!(
        texts.contains(&"坚持以人民为中心的发展思想切实保障和改善民生工作".to_owned()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"各方一致认为，民生是最大的政治。".to_owned()),
        "{texts:?}"
    );
}

#[test]
fn a_signature_and_its_date_stay_lines_of_their_own_in_a_wrapped_text() {
    let text = "　　双方同意重点开展以下工作：一是支持非洲和平安\n全架构建设，中方将向非盟提供总额为1.8亿美元的\n\
                军事援助；二是加强在联合国安理会的沟通协调；三是\n共同落实全球安全倡议（GSI），推进萨赫勒地区反\n\
                恐能力建设；四是在2025—2027年为非洲培训\n6000名军官和警官。\n\n\
                中华人民共和国外交部长　　　非洲联盟委员会主席\n2024年9月5日于北京\n";
    let doc = parse_str("t", text).unwrap();
    let texts: Vec<String> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert!(
        texts.contains(&"2024年9月5日于北京".to_owned()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"中华人民共和国外交部长　　　非洲联盟委员会主席".to_owned()),
        "{texts:?}"
    );
    // The prose above is one paragraph, its numbers whole.
    assert!(
        texts.iter().any(|t| t.starts_with("双方同意")
            && t.contains("1.8亿美元")
            && t.ends_with("6000名军官和警官。")),
        "{texts:?}"
    );
}

#[test]
fn a_heading_that_carries_a_sentence_goes_on_where_it_is_left_open() {
    let text =
        "一、经贸合作\n（一）各方同意推动贸易额在2030年前达到1000亿美\n元，较2024年增长约16.5%。\n";
    let doc = parse_str("t", text).unwrap();
    let texts: Vec<String> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert!(
        texts.contains(
            &"各方同意推动贸易额在2030年前达到1000亿美元，较2024年增长约16.5%。".to_owned()
        ),
        "{texts:?}"
    );
    let text = "一、总体要求\n（一）强化宣传引导。各地区要通过政府网站（http://www.gov\n.cn）等渠道加强政策解读。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
}

#[test]
fn a_table_s_rows_stay_rows_and_their_numbers_whole() {
    let text = "序号　项目名称　建设地点　投资额（万元）\n1　某市第一人民医院门诊楼改扩建工程　某市　12000\n2　某县城乡供水一体化工程　某县　8500.5\n";
    let doc = parse_str("t", text).unwrap();
    let texts: Vec<String> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert!(
        texts.contains(&"1　某市第一人民医院门诊楼改扩建工程　某市　12000".to_owned()),
        "{texts:?}"
    );
    // Where such lines are joined anyway, the numbers stay apart.
    let mut out = String::new();
    let doc = parse_str(
        "t",
        "中方将在未来三年提供总额为12000\n2　万元的援助资金用于民生项目的建设。\n",
    )
    .unwrap();
    annotext_parser::push_block_text(&mut out, &doc.text, doc.block_segments(&doc.blocks[0]));
    assert!(!out.contains("120002"), "{out}");
}

#[test]
fn a_page_number_copied_out_of_a_pdf_does_not_cut_its_paragraph() {
    let text = "　　中欧班列经阿拉木图、塔什干等城市开行的线路不断增加，为\n\n- 2 -\n\n区域互联互通注入了新的动力，双方还在数\n—3—\n字经济等领域开展了务实合作。\n\n第 4 页 共 9 页\n\n　　二是推进贸易便利化。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    let texts = texts_of(&doc);
    // Across both page breaks one paragraph; the footer after a closed sentence stays a line of
    // its own, before the next paragraph, and no text: a line of page furniture.
    assert_eq!(
        texts,
        [
            "中欧班列经阿拉木图、塔什干等城市开行的线路不断增加，为区域互联互通注入了新的动力，双方还在数字经济等领域开展了务实合作。",
            "二是推进贸易便利化。"
        ]
    );
    let footer = doc.blocks.iter().find(|b| b.line == 9).unwrap();
    assert_eq!(footer.kind, BlockKind::Blank);
    assert!(doc
        .block_segments(footer)
        .iter()
        .any(|s| s.kind == annotext_parser::SegmentKind::PageFurniture));
    let first = &doc.blocks[0];
    assert_eq!((first.line, first.end_line), (1, 7));
    // The page numbers stay in the document's clean text, out of the unit's.
    assert_eq!(doc.clean_text(), text);
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    // A running header beside the page number (the title, set again on every page).
    let text = "中国—中亚合作报告\n\n　　中欧班列经阿拉木图、塔什干等城市开行的线路不断增加，为\n- 2 -\n中国—中亚合作报告\n区域互联互通注入了新的动力。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        texts_of(&doc),
        [
            "中国—中亚合作报告",
            "中欧班列经阿拉木图、塔什干等城市开行的线路不断增加，为区域互联互通注入了新的动力。"
        ]
    );
    assert_eq!(doc.rebuild(), text);
    // A page number with no text after it (the last page's) is a line of its own, never text:
    // page furniture.
    let text = "　　双方同意在以下领域开展合作并于年内签署有关协议，以便\n- 9 -\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(texts_of(&doc).len(), 1, "{:?}", texts_of(&doc));
    assert_eq!(doc.rebuild(), text);
    // A number alone between the halves of a unit is a page number; before the rest of an
    // amount it is the sentence's, and the unit stops as before.
    let text = "　　双方同意在以下领域开展合作并于年内签署有关协议，以便\n\n12\n\n推动务实合作。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        texts_of(&doc),
        ["双方同意在以下领域开展合作并于年内签署有关协议，以便推动务实合作。"]
    );
    let text = "　　双方同意在以下领域开展合作并于年内签署协议，数额为\n\n2\n\n亿美元。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        doc.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Blank)
            .count(),
        3
    );
}

#[test]
fn an_annotation_a_wrap_cut_from_its_hanzi_reads_that_hanzi() {
    let text = "　　双方同意加强在能源、交通、农业等领域的合作，推动中\n(zhōng)方企业参与当地基础设施建设。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    assert_eq!(
        doc.block_text(&doc.blocks[0]),
        "双方同意加强在能源、交通、农业等领域的合作，推动中方企业参与当地基础设施建设。"
    );
    let c = &doc.chars[0];
    assert_eq!(c.ch, '中');
    assert_eq!((c.position.line, c.position.column), (1, 27));
    assert_eq!(c.reading.map(|r| r.to_string()).as_deref(), Some("zhong1"));
    assert_eq!(doc.rebuild(), text);
    // After a line that closes its sentence, or a short one, it is still text after no hanzi.
    let text = "双方同意加强合作。\n(zhōng)方企业参与建设。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.anomalies.len(), 1, "{:?}", doc.anomalies);
    assert!(doc.chars.is_empty());
}

#[test]
fn an_opinion_numbers_its_subsections_on_and_keeps_its_number_grades_and_contacts_apart() {
    let text = [
        "国务院关于推进中国—中亚经贸合作高质量发展的若干意见",
        "国发〔2024〕7号",
        "",
        "　　一、总体要求",
        "　　（一）指导思想。坚持共商共建共享原则，推动与中亚国家在医院建设方面开展合作，支持新疆霍尔果斯等",
        "二、三级口岸提升通关能力。",
        "　　（二）基本原则。坚持互利共赢。",
        "　　二、重点任务",
        "　　（三）扩大贸易规模。推动贸易额稳步增长。",
        "",
        "联系单位：商务部欧亚司　联系人：王某某　请各地认真贯彻落实有关要求并及时",
        "联系电话：010-85093456",
        "",
    ]
    .join("\n");
    let text = text.as_str();
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    let heads: Vec<(u32, String)> = doc
        .subsections
        .iter()
        .map(|s| (s.number.0, doc.block_text(&doc.blocks[s.heading as usize])))
        .collect();
    assert_eq!(heads.len(), 3, "{heads:?}");
    assert_eq!(
        heads[0].1,
        "指导思想。坚持共商共建共享原则，推动与中亚国家在医院建设方面开展合作，支持新疆霍尔果斯等二、三级口岸提升通关能力。"
    );
    assert_eq!(heads[2].0, 3);
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.subsections[2].section, Some(1));
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    assert_eq!(
        paragraphs,
        [
            "国务院关于推进中国—中亚经贸合作高质量发展的若干意见",
            "国发〔2024〕7号",
            "联系单位：商务部欧亚司　联系人：王某某　请各地认真贯彻落实有关要求并及时",
            "联系电话：010-85093456"
        ]
    );
    // Numbered anew under each section is right too; a gap is still one.
    let doc = parse_str(
        "t",
        "一、甲\n（一）乙。\n（二）丙。\n二、丁\n（一）戊。\n（三）己。\n",
    )
    .unwrap();
    assert_eq!(numbering(&doc).len(), 1, "{:?}", numbering(&doc));
}

#[test]
fn a_range_of_deleted_articles_set_as_one_line_ends_at_its_last() {
    let text = "某法\n\n第一条　本法自公布之日起施行。\n第二条至第三条　（删除）\n第四条　本法由国务院负责解释。\n第五条　依照本法第七条至第九条规定执行。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc).len(), 4, "{:?}", items(&doc));
    assert_eq!(items(&doc)[1], "（删除）");
    // A citation of a range inside a sentence is no marker.
    assert_eq!(items(&doc)[3], "依照本法第七条至第九条规定执行。");
    // A gap after the range is still one.
    let text = "第一条　甲。\n第二条至第三条　（删除）\n第五条　乙。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(numbering(&doc).len(), 1, "{:?}", numbering(&doc)); // The note may follow without a space, annotated or not.
    for text in [
        "第一条　甲。\n第二条至第五条（删除）\n第六条　乙。\n",
        "第一条　甲。\n第二条至第五条（删(shān)除(chú)）\n第六条　乙。\n",
    ] {
        let doc = parse_str("t", text).unwrap();
        assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
        assert_eq!(items(&doc), ["甲。", "（删除）", "乙。"]);
    }
}

#[test]
fn an_article_an_amendment_inserted_is_an_article_of_its_own() {
    // `第一条之一` comes after article 1 and before article 2, numbered under 1: no gap, no
    // repeat; `第一条之规定` and `第一条之一的` inside a sentence stay citations.
    let text = "某条例\n\n第一条　为了规范管理，制定本条例。\n第一条之一　本条例所称口岸，是指供人员出入境的港口。\n第一條之二　口岸的开放由国务院批准。\n第二条　依照第一条之规定办理。\n第三条　第一条之一的口岸，由海关监管。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(
        items(&doc),
        [
            "为了规范管理，制定本条例。",
            "本条例所称口岸，是指供人员出入境的港口。",
            "口岸的开放由国务院批准。",
            "依照第一条之规定办理。",
            "第一条之一的口岸，由海关监管。"
        ]
    );
    let inserted: Vec<_> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
        .map(|b| doc.article_insertion(b))
        .collect();
    assert_eq!(inserted, [None, Some(1), Some(2), None, None]);
    // An inserted article out of place is reported, once: the next article follows the last.
    let doc = parse_str("t", "第一条　甲。\n第二条之一　乙。\n第二条　丙。\n").unwrap();
    assert_eq!(numbering(&doc).len(), 1, "{:?}", numbering(&doc));
    assert_eq!(doc.anomalies[0].position.line, 2);
}

#[test]
fn a_page_break_after_a_full_line_that_closes_its_sentence_does_not_cut_its_paragraph() {
    // Wrapped at 24: `…共同打击走私。` fills its line, and article 3 goes on on the next page,
    // as it would on the same page.
    let lines = [
        "第一条　为了加强区域口岸合作，促进贸易和人员往来",
        "便利化，根据成员国领导人达成的共识，制定本章程。",
        "第二条　成员国应当加强口岸基础设施互联互通，推动",
        "口岸通关便利化，提升口岸综合服务能力。",
        "第三条　各成员国海关应当建立信息共享机制，及时交",
        "换进出口货物的申报信息和查验结果，共同打击走私。",
        "秘书处负责协调有关工作，并每年向理事会提交工作报",
        "告。",
        "第四条　本章程自全体成员国完成国内法律程序之日起",
        "生效。",
    ];
    let third = "各成员国海关应当建立信息共享机制，及时交换进出口货物的申报信息和查验结果，共同打击走私。秘书处负责协调有关工作，并每年向理事会提交工作报告。";
    // Between the pages: a page number in blank lines; or one, then pdftotext's form feed and a
    // header printed once.
    for page_break in ["\n- 1 -\n\n", "- 1 -\n\u{c}区域口岸合作章程\n"] {
        let text = format!(
            "{}\n{page_break}{}\n",
            lines[..6].join("\n"),
            lines[6..].join("\n")
        );
        let doc = parse_str("t", &text).unwrap();
        assert_eq!(doc.rebuild(), text);
        assert_eq!(items(&doc)[2], third, "{text}");
        assert_eq!(items(&doc).len(), 4);
        assert_eq!(
            texts(&doc, |k| *k == BlockKind::Paragraph),
            Vec::<String>::new()
        );
    }
}

#[test]
fn a_header_printed_once_beside_a_page_number_is_no_text() {
    let text = "江南省数据资源管理办法\n　　各地要加强组织领导，将数据资源开发利用纳入国民经济和社会\n- 2 -\n江南省人民政府公报\n发展规划，建立部门协同推进机制。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        texts_of(&doc),
        [
            "江南省数据资源管理办法",
            "各地要加强组织领导，将数据资源开发利用纳入国民经济和社会发展规划，建立部门协同推进机制。"
        ]
    );
    assert_eq!(doc.rebuild(), text);
    // The rest of a sentence cut short, ending in a number or with a mark in it, is text.
    let text = "　　省财政每年安排专项资金5亿元，其中《\n\n- 3 -\n\n中小企业发展专项资金管理办法》规定的部分不少于2\n亿元。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        texts_of(&doc)[0],
        "省财政每年安排专项资金5亿元，其中《中小企业发展专项资金管理办法》规定的部分不少于2亿元。"
    );
}

#[test]
fn a_chapter_s_heading_set_again_at_the_top_of_a_page_is_its_header() {
    let text = "某某管理办法\n\n第一章　总则\n\n第一条　本办法所称边境口岸，是指经国家批准设立的陆地边境口岸。口岸\n\n- 1 -\n\n第一章　总则\n所在地人民政府负责本行政区域内口岸的管理工作。\n\n第二条　本办法自公布之日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.sections.len(), 1);
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    assert_eq!(
        items(&doc),
        [
            "本办法所称边境口岸，是指经国家批准设立的陆地边境口岸。口岸所在地人民政府负责本行政区域内口岸的管理工作。",
            "本办法自公布之日起施行。"
        ]
    );
    assert_eq!(doc.rebuild(), text);
    // A chapter that starts after a page break is one.
    let text = "第一章　总则\n第一条　甲。\n\n- 1 -\n\n第二章　附则\n第二条　乙。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.sections.len(), 2);
}

#[test]
fn a_notice_s_addressees_on_a_full_line_are_a_line_of_their_own() {
    // Wrapped at 28 (GB/T 9704): the addressees fill their line.
    let text = "关于加快推进跨境贸易便利化的通知\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为贯彻落实党中央、国务院关于稳外贸的决策部署，进一步提升\n跨境贸易便利化水平，经国务院同意，现就有关事项通知如下。\n一、优化通关流程\n（一）推广“提前申报”模式。到2025年底，进口货物“提\n前申报”比例达到60%以上，整体通关时间比2023年压缩\n10%。\n";
    let doc = parse_str("t", text).unwrap();
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    assert_eq!(
        paragraphs[1..],
        [
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "为贯彻落实党中央、国务院关于稳外贸的决策部署，进一步提升跨境贸易便利化水平，经国务院同意，现就有关事项通知如下。"
        ]
    );
    // A full line that asks something of its subject is no addressee line: it goes on.
    let lead = "各成员国应当在本国法律框架内采取下列措施加强合作包括：";
    let text = text.replace(
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        lead,
    );
    let doc = parse_str("t", &text).unwrap();
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    assert!(
        paragraphs[1].starts_with(&format!("{lead}为贯彻落实")),
        "{paragraphs:?}"
    );
}

#[test]
fn page_furniture_in_its_other_forms_and_what_stands_beside_it() {
    let unit =
        "各地要加强组织领导，将数据资源开发利用纳入国民经济和社会发展规划，建立部门协同推进机制。";
    let cut = "　　各地要加强组织领导，将数据资源开发利用纳入国民经济和社会\n";
    // Traditional, annotated, centred by spaces, bare, after pdftotext's form feed.
    for page in [
        "第 2 頁 共 9 頁\n",
        "第(dì) 2 页(yè) 共 9 页\n",
        "                    - 2 -\n",
        "2\n",
        "- 2 -\n\u{c}",
        "- ２ -\n",
        "第２页\n",
        "Page 2 of 9\n",
        "─ 2 ─\n",
        "·2·\n",
        "· 2 ·\n",
        "2 / 9\n",
        "2/9\n",
        "- 2 / 9 -\n",
        "—2/9—\n",
        "2 of 9\n",
        "第二页\n",
        "江南省人民政府公报　　　　第 2 页\n",
        "- 2 -　　区域口岸合作章程\n",
    ] {
        let text = format!("通知\n\n{cut}{page}发展规划，建立部门协同推进机制。\n");
        let doc = parse_str("t", &text).unwrap();
        assert_eq!(texts_of(&doc), ["通知", unit], "{page:?}");
        assert_eq!(doc.rebuild(), text);
        assert!(doc.anomalies.is_empty(), "{page:?}: {:?}", doc.anomalies);
    }
    // A page number standing between two clauses is no paragraph of the article.
    let text =
        "第一条　公共数据分为以下类型：\n（一）无条件共享类；\n- 1 -\n（二）有条件共享类。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    let clauses: Vec<Option<u32>> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Clause { .. }))
        .map(|b| b.parent)
        .collect();
    assert_eq!(clauses, [Some(0), Some(0)]);
    // Contact details are not joined across a page break; a document number in round brackets
    // is no title's; a date line is not continued.
    let text = "通知\n\n联系人：省应急管理厅安全生产综合协调处王明华\n- 2 -\n电话：0571-87051234\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(texts_of(&doc).len(), 3, "{:?}", texts_of(&doc));
    assert_eq!(texts_of(&doc)[2], "电话：0571-87051234");
    let text = "国务院关于加快推进县域商业体系建设的通知\n国发（2024）7号\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(texts_of(&doc)[1], "国发（2024）7号");
    let text = "　　现将有关事项通知如下，请认真贯彻执行并按时报送有关材料。\n                                        2024年5月20日\n抄送：省委办公厅，省政府办公厅。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(texts_of(&doc)[2], "抄送：省委办公厅，省政府办公厅。");
}

#[test]
fn an_inline_list_a_heading_carries_goes_on_on_the_next_line() {
    // The heading's list left open after its first item (`；`): the next line is the heading's,
    // as it is written on one line; no subsection, no gap.
    let text = "联合声明\n\n一、双方同意在以下领域深化务实合作：（一）扩大贸易和投资规模；\n（二）推进基础设施互联互通；（三）加强人文交流。\n二、双方同意加强多边协调。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert!(doc.subsections.is_empty());
    assert_eq!(
        doc.block_text(doc.section_heading(&doc.sections[0])),
        "双方同意在以下领域深化务实合作：（一）扩大贸易和投资规模；（二）推进基础设施互联互通；（三）加强人文交流。"
    );
    assert_eq!(doc.rebuild(), text);
    // A first subsection the heading carries after its title's stop: the next lines are its
    // second and third subsections, numbered on from it.
    let text = "一、下一步建议。（一）依托论坛推动签署协议。\n（二）支持企业开展合作。\n（三）推动海运物流通道建设。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.subsections.len(), 2);
    assert_eq!(doc.subsections[0].number.0, 2);
    // A heading that carries no first subsection: a second is a gap still.
    let doc = parse_str("t", "一、下一步建议。\n（二）支持企业开展合作。\n").unwrap();
    assert_eq!(numbering(&doc).len(), 1, "{:?}", numbering(&doc));
}

#[test]
fn an_amount_that_starts_a_sections_first_item_numbered_on_through_the_document_is_an_item() {
    // `3.5万名` after `二、` is item 3 of a list numbered on through its sections: the next
    // numbered line is 4.
    let text = "某某省重点民生实事项目清单\n\n一、教育\n1.新建幼儿园100所。\n2.新增中小学学位3万个。\n二、医疗\n3.5万名基层医生接受轮训。\n4.开展城乡居民免费健康体检。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc)[2], "5万名基层医生接受轮训。");
    assert_eq!(doc.sections[1].items.len(), 2);
    // An amount whose next line is no item stays text.
    let text =
        "一、教育\n1.新建幼儿园100所。\n2.新增中小学学位。\n二、医疗\n3.5万名基层医生接受轮训。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(items(&doc).len(), 2, "{:?}", items(&doc));
}

#[test]
fn a_citation_a_wrap_set_at_a_lines_start_with_a_space_is_no_article() {
    let text = "某某条例\n\n第一条　违反本条例第三条规定，未安装自动监测设备的，依照本条例\n第二条 的规定处罚。\n第二条　本条例自公布之日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(
        items(&doc),
        [
            "违反本条例第三条规定，未安装自动监测设备的，依照本条例第二条 的规定处罚。",
            "本条例自公布之日起施行。"
        ]
    );
}

#[test]
fn a_short_heading_that_carries_the_start_of_its_text_goes_on_at_a_narrow_wrap() {
    // Wrapped at 20: a subsection's title, its stop, and its text the wrap cut.
    let text = "关于促进民营经济发展的若干措施\n\n一、优化发展环境\n（一）破除市场准入壁垒。各地区各部门不得\n以备案、注册、年检、认定、认证等形式设定\n准入障碍。\n（二）落实公平竞争政策。强化竞争政策基础\n地位，健全公平竞争制度。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.paragraphs().count(), 1, "only the title");
    let texts: Vec<String> = doc
        .subsections
        .iter()
        .map(|s| doc.block_text(doc.subsection_heading(s)))
        .collect();
    assert_eq!(
        texts,
        [
            "破除市场准入壁垒。各地区各部门不得以备案、注册、年检、认定、认证等形式设定准入障碍。",
            "落实公平竞争政策。强化竞争政策基础地位，健全公平竞争制度。"
        ]
    );
    // A short heading without a stop inside stays a line of its own.
    let doc = parse_str(
        "t",
        "一、加强政策沟通，深化战略对接\n双方同意定期举行会晤。\n",
    )
    .unwrap();
    assert_eq!(doc.paragraphs().count(), 1);
}

#[test]
fn a_heading_as_wide_as_a_narrow_wrap_goes_on_on_the_next_lines() {
    // Wrapped at 22 with a two-space indent: sections written as sentences, a chapter's long
    // title.
    let text = "江南省人民政府办公厅关于做好春耕生产工作的通\n知\n　　为切实抓好春耕生产，确保全年粮食生产目标\n任务完成，现就有关事项通知如下。\n　　一、各地要层层压实粮食安全党政同责，将粮\n食生产目标任务分解落实到县、乡、村和生产经营\n主体。\n　　二、各地要加强农资市场监管，严厉打击制售\n假冒伪劣农资等违法行为。\n";
    let doc = parse_str("t", text).unwrap();
    let headings: Vec<String> = doc
        .sections
        .iter()
        .map(|s| doc.block_text(doc.section_heading(s)))
        .collect();
    assert_eq!(
        headings,
        [
            "各地要层层压实粮食安全党政同责，将粮食生产目标任务分解落实到县、乡、村和生产经营主体。",
            "各地要加强农资市场监管，严厉打击制售假冒伪劣农资等违法行为。"
        ]
    );
    assert_eq!(doc.paragraphs().count(), 2, "the title and the preamble");
    // A short heading that is not full stays a line of its own.
    let text = "某某规划\n\n一、总体要求\n　　坚持稳中求进工作总基调，完整准确全面贯彻\n新发展理念，加快构建新发展格局，着力推动\n高质量发展，保持经济运行在合理区间，推动\n经济实现质的有效提升和量的合理增长。推进\n二、重点任务\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        doc.block_text(doc.section_heading(&doc.sections[0])),
        "总体要求"
    );
}

#[test]
fn a_signature_and_a_closing_formula_under_the_last_article_are_the_instruments() {
    let text = "某某管理办法\n\n第一条　为了规范管理，制定本办法。\n第二条　本办法自2024年6月1日起施行。\n有关法律另有规定的，适用其规定。\n星海市人民政府\n2024年4月28日\n";
    let doc = parse_str("t", text).unwrap();
    // The article's second paragraph (款) is its; the signature and the date are not.
    let parents: Vec<(String, bool)> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| (doc.block_text(b), b.parent.is_some()))
        .collect();
    assert_eq!(
        parents,
        [
            ("某某管理办法".to_owned(), false),
            ("有关法律另有规定的，适用其规定。".to_owned(), true),
            ("星海市人民政府".to_owned(), false),
            ("2024年4月28日".to_owned(), false),
        ]
    );
    // A treaty's closing formula and its signature block.
    let text = "第一条　甲。\n第二条　本协定自签字之日起生效。\n本协定于2024年11月20日在北京签订，一式两份，每份均用中文和英文写成，两种文本同等作准。\n中华人民共和国政府　　　　塞拉维亚共和国政府\n代　表　　　　　　　　　　代　表\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .all(|b| b.parent.is_none()));
    // In traditional script; and the notes after the text.
    let text = "第一條　甲。\n第二條　本協定自簽字之日起生效。\n本協定於2024年11月20日在北京簽訂，一式兩份，兩種文本同等作準。\n\n注释：\n①《环境保护法》于2014年4月24日修订。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Point { .. }))
        .all(|b| b
            .parent
            .is_none_or(|p| !matches!(doc.blocks[p as usize].kind, BlockKind::Item { .. }))));
    // A wrapped further paragraph, its first line without a mark, is still the article's.
    let text = "第一条　为了预防和减少生产安全事故，保障人民群众生命和财产安全，制定本条例。\n　　有关法律、行政法规对消防安全、道路交通安全另\n有规定的，适用其规定。\n";
    let doc = parse_str("t", text).unwrap();
    let paragraph = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .unwrap();
    assert!(paragraph.parent.is_some());
}

#[test]
fn points_numbered_with_full_width_digits_are_points() {
    let text = "工作计划\n\n一、数字基础设施\n１．推动信息港建设，重点推进以下项目：\n（１）新建国际海底光缆２条；\n（２）建设跨境数据中心３个。\n２．支持５Ｇ网络建设。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    let points = texts(&doc, |k| matches!(k, BlockKind::Point { .. }));
    assert_eq!(points, ["新建国际海底光缆２条；", "建设跨境数据中心３个。"]);
    assert_eq!(doc.paragraphs().count(), 1, "only the title");
}

#[test]
fn two_numbers_of_a_time_paired_by_a_comma_are_text_where_they_do_not_fit() {
    let text = "经济运行情况分析\n\n一、工业生产稳中有升\n一、二季度，工业增加值分别增长5.9%和6.4%。\n三、四季度，增速分别达到7.2%和7.6%。\n二、消费市场持续回暖\n1、2月份，社会消费品零售总额同比增长4.1%。\n三、四季度工作安排\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    let headings: Vec<String> = doc
        .sections
        .iter()
        .map(|s| doc.block_text(doc.section_heading(s)))
        .collect();
    // The third section's title is the fourth quarter's work: its 三 fits.
    assert_eq!(
        headings,
        ["工业生产稳中有升", "消费市场持续回暖", "四季度工作安排"]
    );
    assert_eq!(
        texts_of(&doc)
            .into_iter()
            .filter(|t| t.contains("月份") || t.contains("季度，"))
            .collect::<Vec<_>>(),
        [
            "一、二季度，工业增加值分别增长5.9%和6.4%。",
            "三、四季度，增速分别达到7.2%和7.6%。",
            "1、2月份，社会消费品零售总额同比增长4.1%。"
        ]
    );
}

#[test]
fn an_article_number_alone_above_a_blank_line_takes_the_text_under_it() {
    let text = "某某协定\n\n第一条\n\n本协定第二条所述人员免办签证。\n\n第二条\n\n一、持外交护照的公民，适用本协定。\n\n二、持公务护照的公民，适用本协定。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc), ["本协定第二条所述人员免办签证。", ""]);
    // A page break set right under it: the page number is furniture, the text the article's.
    let text = "某某办法\n\n第一条　为了加强管理，制定本办法。\n第二条\n\n- 2 -\n\n本办法自2024年1月1日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert_eq!(
        items(&doc),
        ["为了加强管理，制定本办法。", "本办法自2024年1月1日起施行。"]
    );
    assert!(doc.blocks.iter().all(|b| b.parent.is_none()));
    // No further paragraph: the text is the article's own.
    assert!(doc
        .blocks
        .iter()
        .all(|b| b.kind != BlockKind::Paragraph || b.parent.is_none()));
    assert_eq!(doc.paragraphs().count(), 1, "only the title");
}

#[test]
fn fields_of_minutes_and_a_colophon_are_lines_of_their_own() {
    let text = "星海市人民政府常务会议纪要\n\n会议研究了全市安全生产工作，同意市应急局提出的工作安排。\n\n出席：李华、王强、张明、刘芳\n列席：市政府办公室、市发展改革委、市财政局负责同志\n记录：陈静\n\n抄送：省委各部门，省人大常委会办公厅，省政协办公厅，省法院\n江南省人民政府办公厅　　　　　2024年5月8日印发\n";
    let doc = parse_str("t", text).unwrap();
    let lines: Vec<String> = doc.paragraphs().map(|b| doc.block_text(b)).collect();
    assert_eq!(lines.len(), 7, "{lines:?}");
    assert_eq!(lines[4], "记录：陈静");
    assert_eq!(lines[6], "江南省人民政府办公厅　　　　　2024年5月8日印发");
}

#[test]
fn a_page_number_and_its_header_after_a_closed_sentence_are_no_paragraphs() {
    let text = "星海市停车场管理办法\n　　第一条　为了加强停车场管理，规范停车秩\n序，制定本办法。\n　　第二条　经营性停车场应当公示收费标准。\n- 1 -\n星海市停车场管理办法\n　　前款规定的收费标准，应当报价格主管部门备\n案。\n　　第三条　本办法自2025年1月1日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    let paragraphs: Vec<String> = doc.paragraphs().map(|b| doc.block_text(b)).collect();
    assert_eq!(paragraphs, ["星海市停车场管理办法"]);
    // The article's further paragraph after them is still its.
    let further = doc
        .blocks
        .iter()
        .find(|b| doc.block_text(b).starts_with("前款"))
        .unwrap();
    assert_eq!(further.parent, Some(2));
}

#[test]
fn a_list_that_ends_a_numbered_paragraph_of_prose_is_its_points() {
    let text = "中塞联合声明\n\n一、双方高度评价两国关系发展取得的成就。\n二、双方重申坚定支持多边主义。双方认为，国际社会应当：\n（一）推动全球治理体系朝着更加公正合理的方向发展；\n（二）共同应对气候变化。\n三、塞方感谢中方的热情接待。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert!(doc.subsections.is_empty());
    let points = points_and_parents(&doc);
    assert_eq!(
        points,
        [
            (
                "推动全球治理体系朝着更加公正合理的方向发展；".to_owned(),
                Some(3)
            ),
            ("共同应对气候变化。".to_owned(), Some(3))
        ]
    );
    // A short heading's `（一）` is its subsection, colon or not.
    let text = "一、合作领域：\n（一）贸易投资\n1.扩大贸易。\n（二）互联互通\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.subsections.len(), 2);
}

#[test]
fn a_plans_box_lists_its_own_points_and_the_plans_items_go_on_after_it() {
    let text = "某某省交通发展规划\n\n一、重点任务\n（一）构建综合交通网络\n1.加快高速铁路建设。\n2.完善高速公路网络。\n专栏1　综合交通网络重大工程\n1.高速铁路：建成某某至某某高铁。\n2.高速公路：新改建高速公路1200公里。\n（二）提升运输服务\n3.发展多式联运。\n4.推进城乡客运一体化。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(
        items(&doc),
        [
            "加快高速铁路建设。",
            "完善高速公路网络。",
            "发展多式联运。",
            "推进城乡客运一体化。"
        ]
    );
    let points = points_and_parents(&doc);
    assert_eq!(
        points,
        [
            ("高速铁路：建成某某至某某高铁。".to_owned(), Some(6)),
            ("高速公路：新改建高速公路1200公里。".to_owned(), Some(6))
        ]
    );
}

#[test]
fn a_chapter_heading_printed_again_after_a_page_number_is_a_running_header() {
    let text = "某某条例\n\n第一章　总则\n第一条　为了规范管理，制定本条例。\n第二章　职责\n第二条　执法部门行使下列职权：\n（一）市容环境管理；\n- 2 -\n第二章　职责\n（二）违法建设查处。\n第三条　本条例自公布之日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.sections.len(), 2);
    let clauses: Vec<String> = doc
        .parts()
        .filter(|b| matches!(b.kind, BlockKind::Clause { .. }))
        .map(|b| doc.block_text(b))
        .collect();
    assert_eq!(clauses, ["市容环境管理；", "违法建设查处。"]);
    assert_eq!(doc.rebuild(), text);
    // Another chapter after a page number is a chapter still.
    let text = "第一章　总则\n第一条　甲。\n- 2 -\n第二章　职责\n第二条　乙。\n";
    assert_eq!(parse_str("t", text).unwrap().sections.len(), 2);
}

/// The block whose text holds `needle`.
fn block_with<'d>(doc: &'d Document, needle: &str) -> &'d annotext_parser::Block {
    doc.blocks
        .iter()
        .find(|b| doc.block_text(b).contains(needle))
        .unwrap_or_else(|| panic!("no block holds {needle}"))
}

#[test]
fn a_regulation_republished_after_the_decision_that_amends_it_numbers_on_its_own() {
    let text = "国务院关于修改《港口安全管理条例》的决定\n\n国务院决定对《港口安全管理条例》作如下修改：\n一、将第三条修改为：“港口安全管理坚持预防为主。”\n二、删去第十二条第二款。\n本决定自公布之日起施行。\n\n港口安全管理条例\n（2010年3月1日国务院令第500号公布　根据2024年修订）\n\n第一章　总则\n第一条　为了加强港口安全管理，制定本条例。\n第二条　本条例适用于境内港口。\n第二章　附则\n第三条　本条例自公布之日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.sections.len(), 4);
    // The decision's points are the document's; the regulation's chapters and articles are an
    // instrument of their own, set apart as an annex is.
    assert_eq!(doc.annex_of(block_with(&doc, "删去第十二条")), None);
    for needle in [
        "港口安全管理条例\n",
        "总则",
        "为了加强",
        "附则",
        "自公布之日起施行。\n",
    ] {
        let block = doc
            .blocks
            .iter()
            .rev()
            .find(|b| doc.block_text(b).contains(needle.trim_end()))
            .unwrap();
        assert_eq!(doc.annex_of(block).as_deref(), Some("Annex"), "{needle}");
    }
    assert_eq!(doc.rebuild(), text);
    // A title that starts with a year names no annex's number.
    let text = "关于修改《港口工作方案》的决定\n\n一、删去第三项。\n二、本决定自公布之日起施行。\n\n2025年港口工作方案\n\n一、目标\n提升港口效率。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(
        doc.annex_of(block_with(&doc, "提升港口效率")).as_deref(),
        Some("Annex")
    );
    // A real restart with no title before it is reported still.
    let doc = parse_str("t", "一、甲\n二、乙\n说明如下。\n一、丙\n").unwrap();
    assert_eq!(numbering(&doc).len(), 1, "{:?}", numbering(&doc));
}

#[test]
fn a_bare_chapter_or_article_whose_last_character_is_annotated_takes_the_text_under_it() {
    let text = "某某协定\n\n第一章(zhāng)\n总　则\n\n第一条\n双方同意加强合作。\n\n第二条(tiáo)(tiáo)\n本协定自签署之日起生效。\n本协定有效期五年。\n";
    let doc = parse_str("t", text).unwrap();
    // The repeated reading is reported; no numbering.
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(
        doc.block_text(doc.section_heading(&doc.sections[0])),
        "总　则"
    );
    assert_eq!(
        items(&doc),
        ["双方同意加强合作。", "本协定自签署之日起生效。"]
    );
    assert_eq!(doc.rebuild(), text);
}

#[test]
fn appendices_boxes_excerpts_and_formal_parts_in_either_script_number_anew() {
    // An appendix (附录, 附錄, 附录A) is an annex.
    for word in ["附录", "附錄", "附录A"] {
        let text = format!("某某指南\n\n一、适用范围\n本指南适用于全省。\n二、分级方法\n按影响分级。\n\n{word}\n\n一、核心数据\n涉及国家安全。\n二、重要数据\n涉及公共利益。\n");
        let doc = parse_str("t", &text).unwrap();
        assert!(numbering(&doc).is_empty(), "{word}: {:?}", numbering(&doc));
        let label = if word.ends_with('A') {
            "AnnexA"
        } else {
            "Annex"
        };
        assert_eq!(
            doc.annex_of(block_with(&doc, "核心数据")).as_deref(),
            Some(label)
        );
    }
    // A box in traditional script lists its own points.
    let text = "一、重點任務\n1.建設高速鐵路網絡。\n2.完善公路網絡。\n專欄1　重大交通工程\n1.高速鐵路：新建高鐵500公里。\n2.高速公路：新建高速公路800公里。\n二、保障措施\n3.加強組織領導。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc).len(), 3);
    // An excerpt marked 节录 or 節錄 leaves articles out by design.
    for word in ["节录", "節錄"] {
        let text = format!("中华人民共和国民法典（{word}）\n\n第四百六十三条　本编调整因合同产生的民事关系。\n第四百六十九条　当事人订立合同，可以采用书面形式。\n");
        assert!(
            numbering(&parse_str("t", &text).unwrap()).is_empty(),
            "{word}"
        );
    }
    // Parts numbered in formal numerals (壹、貳、參、) hold sections numbered anew.
    let text = "行政院數位發展推動方案\n\n壹、計畫緣起\n一、政策背景\n數位轉型已成為全球趨勢。\n二、問題分析\n數位落差仍待改善。\n貳、計畫目標\n一、總體目標\n完成數位基礎建設。\n參、執行策略\n一、強化數位基礎建設\n1.擴大5G網路涵蓋。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.sections.len(), 4);
    assert_eq!(
        doc.part_of(block_with(&doc, "政策背景")).as_deref(),
        Some("Pt1")
    );
    assert_eq!(
        doc.part_of(block_with(&doc, "總體目標")).as_deref(),
        Some("Pt2")
    );
    assert_eq!(
        doc.part_of(block_with(&doc, "擴大5G")).as_deref(),
        Some("Pt3")
    );
}

#[test]
fn circled_points_under_a_point_that_closes_its_sentence_are_its_sub_points() {
    let text = "某某行动计划\n\n一、主要措施\n（1）完善创业服务体系。\n①建设创业服务平台；\n②提供创业导师辅导服务。\n（2）加大资金支持力度。\n①设立引导基金；\n②给予贷款贴息。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    let parent_text = |needle: &str| {
        let block = block_with(&doc, needle);
        doc.block_text(&doc.blocks[block.parent.unwrap() as usize])
    };
    assert_eq!(parent_text("建设创业服务平台"), "完善创业服务体系。");
    assert_eq!(parent_text("给予贷款贴息"), "加大资金支持力度。");
    assert_eq!(parent_text("加大资金支持力度"), "主要措施");
}

#[test]
fn a_chinese_numeral_closed_by_a_bracket_alone_is_a_point_and_no_stray_bracket() {
    let text = "关于科技奖励推荐工作的说明\n\n一、推荐范围\n　　一）自然科学奖；\n　　二）技术发明奖。\n二、推荐领域\n　　重点推荐以下领域：一）人工智能；二）生物医药。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", doc.anomalies);
    let points = texts(&doc, |k| matches!(k, BlockKind::Point { .. }));
    assert_eq!(points, ["自然科学奖；", "技术发明奖。"]);
    assert_eq!(doc.rebuild(), text);
}

#[test]
fn a_date_in_chinese_numerals_under_a_signature_is_a_line_of_its_own() {
    let text = "江南省人民政府关于某事的通知\n\n各设区的市人民政府：\n　　现将有关事项通知如下，请认真贯彻执行。\n\n　　　　　　　　　　　　　　　　江南省人民政府\n　　　　　　　　　　　　　　　　二〇二四年四月二十日\n";
    let doc = parse_str("t", text).unwrap();
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    assert_eq!(
        &paragraphs[paragraphs.len() - 2..],
        ["江南省人民政府", "二〇二四年四月二十日"]
    );
    assert_eq!(doc.rebuild(), text);
}

#[test]
fn a_notes_list_begun_after_its_colon_goes_on_on_the_next_lines() {
    let text = "某某行动计划\n\n一、重点任务\n1.推进超低排放改造。\n2.淘汰老旧柴油货车。\n二、任务分工\n由各地生态环境部门牵头，按季度报送进展。\n注：1.本计划所列任务由各牵头单位按季度报送进展。\n2.“三省一市”指上海市、江苏省、浙江省、安徽省。\n3.本计划自印发之日起施行。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(items(&doc), ["推进超低排放改造。", "淘汰老旧柴油货车。"]);
    let note = doc
        .blocks
        .iter()
        .position(|b| doc.block_text(b).starts_with("注："))
        .unwrap() as u32;
    let points = points_and_parents(&doc);
    assert_eq!(
        points,
        [
            (
                "“三省一市”指上海市、江苏省、浙江省、安徽省。".to_owned(),
                Some(note)
            ),
            ("本计划自印发之日起施行。".to_owned(), Some(note))
        ]
    );
    assert_eq!(doc.rebuild(), text);
}

#[test]
fn fields_and_a_table_of_contents_with_leaders_stand_a_line_each() {
    // Fields of a record (`会议时间：…` / `会议地点：…`) are laid out a line each, as a table of
    // contents' entries with dot leaders and pages are, though no line closes its sentence.
    let text =
        "港口合作会议纪要\n\n会议时间：2024年10月12日上午9时\n会议地点：广西南宁国际会展中心\n\n\
                目  录\n第一章  总则……………………1\n第二章  港口经营………………6\n\n\
                第一章  总则\n第一条  为了加强港口合作，制定本办法。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
    for line in [
        "会议时间：2024年10月12日上午9时",
        "会议地点：广西南宁国际会展中心",
        "第一章  总则……………………1",
        "第二章  港口经营………………6",
    ] {
        assert!(
            paragraphs.iter().any(|p| p == line),
            "{line}: {paragraphs:?}"
        );
    }
    assert_eq!(items(&doc), ["为了加强港口合作，制定本办法。"]);
    // A sentence wrapped before a colon is still one.
    let text = "双方同意在以下领域加强合作并建立联合工作组，具体安排\n如下：港口、航运和物流。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(texts_of(&doc).len(), 1, "{:?}", texts_of(&doc));
}

#[test]
fn clauses_under_an_articles_numbered_paragraph_are_a_level_below_it() {
    // A treaty's `第一条` / `一、…` / `（一）…`: the clauses are the numbered paragraph's, and
    // number anew under each.
    let text = "第一条　双方同意在下列领域合作：\n一、港口建设，包括：\n（一）码头工程；\n（二）航道工程。\n\
                二、港口运营，包括：\n（一）信息系统。\n第二条　本协定自签字之日起生效。\n";
    let doc = parse_str("t", text).unwrap();
    let index_of = |t: &str| {
        doc.blocks
            .iter()
            .position(|b| doc.block_text(b) == t)
            .map(|i| i as u32)
    };
    let parent_of = |t: &str| {
        doc.blocks
            .iter()
            .find(|b| doc.block_text(b) == t)
            .and_then(|b| b.parent)
    };
    assert_eq!(parent_of("码头工程；"), index_of("港口建设，包括："));
    assert_eq!(parent_of("航道工程。"), index_of("港口建设，包括："));
    assert_eq!(parent_of("信息系统。"), index_of("港口运营，包括："));
    assert_eq!(
        parent_of("港口运营，包括："),
        index_of("双方同意在下列领域合作：")
    );
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
}

#[test]
fn a_signatory_in_field_form_signs_the_instrument_off() {
    let text = "第一条　本协定自签字之日起生效。\n第二条　本协定于2024年10月12日在南宁签订，一式两份，两种文本同等作准。\n\n\
                中华人民共和国政府代表：\n（签字）\n王文涛\n";
    let doc = parse_str("t", text).unwrap();
    let signatory = doc
        .blocks
        .iter()
        .find(|b| doc.block_text(b) == "中华人民共和国政府代表：")
        .unwrap();
    assert_eq!(signatory.kind, BlockKind::Paragraph);
    assert_eq!(signatory.parent, None);
}

#[test]
fn a_citation_a_page_break_set_at_the_next_pages_top_is_no_article() {
    // `…依照本条例` / `- 3 -` / `第二条 的规定…`: the sentence goes on past the page's
    // number, and the article after it is the only article 2.
    let text = "第一条　未取得许可从事港口经营的，由港口行政管理部门依照本条例\n\n- 3 -\n\n\
                第二条 的规定予以处罚。\n第二条　港口经营人应当建立安全生产责任制度。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert_eq!(
        items(&doc),
        [
            "未取得许可从事港口经营的，由港口行政管理部门依照本条例第二条 的规定予以处罚。",
            "港口经营人应当建立安全生产责任制度。"
        ]
    );
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
}

#[test]
fn a_notices_title_under_its_number_and_a_tasks_fields_stand_alone() {
    // No blank lines: the number, the title, the addressees, the first sentence.
    let text = "国办发〔2024〕12号\n国务院办公厅关于进一步优化支付服务提升支付便利性的意见\n\
                各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
                支付服务是重要的金融基础设施。经国务院同意，现提出以下意见。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        texts_of(&doc),
        [
            "国办发〔2024〕12号",
            "国务院办公厅关于进一步优化支付服务提升支付便利性的意见",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "支付服务是重要的金融基础设施。经国务院同意，现提出以下意见。"
        ]
    );
    // A task's fields under a task without a full stop, annotated or not.
    for text in [
        "一、提升政务服务效能\n1.推进电子证照跨地区、跨部门互通互认，拓展电子证照应用场景\n\
         牵头单位：省大数据局\n完成时限：2024年9月底前\n",
        "一、提升政务服务效能\n1.推进电子证照跨地区、跨部门互通互认，拓展电子证照应用场景\n\
         牵(qiān)(qiān)头(tóu)单(dān)(dān)(dān)位(wèi)：省大数据局、省自然资源厅，各市人民政府\n完成时限：2024年9月底前\n",
    ] {
        let doc = parse_str("t", text).unwrap();
        assert_eq!(doc.rebuild(), text);
        assert_eq!(
            items(&doc),
            ["推进电子证照跨地区、跨部门互通互认，拓展电子证照应用场景"]
        );
        let paragraphs = texts(&doc, |k| *k == BlockKind::Paragraph);
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert!(paragraphs[0].starts_with("牵头单位："), "{paragraphs:?}");
        assert_eq!(paragraphs[1], "完成时限：2024年9月底前");
    }
}

#[test]
fn an_articles_caption_a_signature_over_its_date_and_a_cover_stand_as_readers_see_them() {
    // `第一条（目的和依据）` on its own line: the text under it is the article's, and its list
    // the article's clauses, no further paragraph.
    let text =
        "第一条（目的和依据）\n为了加强本市生活垃圾管理，制定本条例。\n\n第二条（分类标准）\n\
                本市生活垃圾按照以下标准分类：\n（一）可回收物；\n（二）有害垃圾。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        items(&doc),
        [
            "（目的和依据）为了加强本市生活垃圾管理，制定本条例。",
            "（分类标准）本市生活垃圾按照以下标准分类："
        ]
    );
    assert!(doc
        .blocks
        .iter()
        .all(|b| b.kind != BlockKind::Paragraph || b.parent.is_none()));
    // The issuing body over the date is no part of the last attachment's name.
    let text =
        "附件：1.江南省保障性租赁住房项目认定书（样式）\n　　　2.江南省保障性租赁住房项目汇总表\n\
                江南省人民政府办公厅\n2024年8月30日\n";
    let doc = parse_str("t", text).unwrap();
    assert!(
        items(&doc).contains(&"江南省保障性租赁住房项目汇总表".to_owned()),
        "{:?}",
        items(&doc)
    );
    assert!(texts_of(&doc).contains(&"江南省人民政府办公厅".to_owned()));
    // A cover: the title, then its table of contents or its month, never joined to it.
    let text = "江南省“十四五”综合交通运输发展规划\n目录\n一、发展基础\n二、总体要求\n\
                一、发展基础\n全省交通运输取得显著成效。\n二、总体要求\n到2025年基本建成现代化综合交通运输体系。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(texts_of(&doc)[0], "江南省“十四五”综合交通运输发展规划");
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.sections.len(), 2);
}

#[test]
fn an_indented_number_a_list_of_names_and_a_centred_page_number_keep_their_lines() {
    // A document number set centred stands alone over the addressees.
    let text = "江南省人民政府办公厅关于加快发展保障性租赁住房的实施意见\n\n                江政办发〔2024〕21号\n\
                各市、县（市、区）人民政府，省政府各部门、各直属机构：\n现提出如下实施意见。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(texts_of(&doc).len(), 4, "{:?}", texts_of(&doc));
    // Names of companies a line each, 16 characters or more, annotated or not.
    for text in [
        "现将名单公布如下。\n江南海东精密机械制造股份有限公司\n江南市新材料科技集团有限责任公司\n沿江港区智能装备制造有限公司\n",
        "现将名单公布如下。\n江南海东精密机械制造股份有限公(gōng)司(sī)\n江南市新材料科技集团有限责任公司\n沿江港区智能装备制造有限公司\n",
    ] {
        let doc = parse_str("t", text).unwrap();
        assert_eq!(texts_of(&doc).len(), 4, "{:?}", texts_of(&doc));
    }
    // A page number centred with spaces wider than the wrap leaves the wrap found: a full
    // line that ends with 。 goes on to the next line of its article.
    let text = "　　第一条　为了持续优化营商环境，激发市场主体活力和社会\n创造力，推动经济高质量发展，根据国务院《优化营商环境条\n\
                例》等法律、行政法规，结合本省实际，制定本条例。\n　　第二条　本省严格执行全国统一的市场准入负面清单制度。\n\
                负面清单以外的领域，各类市场主体均可以依法平等进入。\n　　第三条　县级以上人民政府及其有关部门应当依法保护市场\n\n\
                                         - 1 -\n\n主体的财产权、经营自主权等合法权益，不得干预市场主体依法\n开展的生产经营活动。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.rebuild(), text);
    assert_eq!(items(&doc).len(), 3, "{:?}", texts_of(&doc));
    assert!(
        items(&doc)[1].ends_with("各类市场主体均可以依法平等进入。"),
        "{:?}",
        items(&doc)
    );
    // No further paragraph (款) split off an article.
    assert!(
        doc.blocks
            .iter()
            .all(|b| b.kind != BlockKind::Paragraph || b.parent.is_none()),
        "{:?}",
        texts_of(&doc)
    );
}

#[test]
fn a_notice_issues_its_main_points_measures_or_list_of_tasks_as_an_instrument_of_its_own() {
    for kind in [
        "工作要点",
        "若干措施",
        "任务清单",
        "工作指引",
        "重点任务分工",
    ] {
        let text = format!(
            "某省人民政府办公厅关于印发2024年全省数字政府建设{kind}的通知\n\n各市人民政府，省政府各部门：\n\n现将《2024年全省数字政府建设{kind}》印发给你们。请做好以下工作：\n\n一、加强组织领导。各地要亲自抓、负总责。\n\n二、强化督促落实。省政府办公厅将定期调度。\n\n某省人民政府办公厅\n\n2024年3月20日\n\n2024年全省数字政府建设{kind}\n\n一、夯实数字基础设施\n\n1.建设全省一体化政务云平台。\n\n二、提升政务服务效能\n\n2.深化“一网通办”。\n"
        );
        let doc = parse_str("t", &text).unwrap();
        assert!(numbering(&doc).is_empty(), "{kind}: {:?}", numbering(&doc));
        assert_eq!(
            doc.annex_of(block_with(&doc, "加强组织领导")),
            None,
            "{kind}"
        );
        for needle in ["夯实数字基础设施", "政务云平台", "一网通办"] {
            assert_eq!(
                doc.annex_of(block_with(&doc, needle)).as_deref(),
                Some("Annex"),
                "{kind}: {needle}"
            );
        }
        assert_eq!(doc.rebuild(), text);
    }
}

#[test]
fn a_plans_box_numbering_its_entries_in_chinese_numerals_lists_points_not_subsections() {
    let text = "某省科技创新发展规划\n\n第一章　提升企业技术创新能力\n\n第一节　强化企业创新主体地位\n\n支持企业牵头组建创新联合体。\n\n专栏1　企业创新能力提升工程\n\n（一）高新技术企业倍增计划。\n（二）科技型中小企业培育计划。\n\n第二节　完善创新服务体系\n\n建设一批概念验证中心。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.subsections.len(), 2);
    let box_line = doc
        .blocks
        .iter()
        .position(|b| doc.block_text(b).contains("企业创新能力提升工程"))
        .map(|i| i as u32);
    assert_eq!(
        points_and_parents(&doc),
        [
            ("高新技术企业倍增计划。".to_owned(), box_line),
            ("科技型中小企业培育计划。".to_owned(), box_line)
        ]
    );
    // Under a `一、` section, a `（二）` after the box's `1.` `2.` is the next subsection still
    // (the box's list in Arabic numerals ends there).
    let text = "一、重点任务\n（一）构建网络\n1.加快铁路建设。\n2.完善公路网络。\n专栏1　重大工程\n1.高速铁路。\n2.高速公路。\n（二）提升服务\n3.发展多式联运。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(numbering(&doc).is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.subsections.len(), 2);
}

#[test]
fn a_dash_list_after_a_lead_in_is_the_lead_ins_points_in_an_article_and_in_prose() {
    let text = "某某区域合作组织宪章\n\n第一条　本组织的基本宗旨和任务是：\n——加强成员国之间的相互信任与睦邻友好；\n——维护和加强地区和平、安全与稳定；\n——共同打击一切形式的恐怖主义。\n\n第二条　本组织的工作语言为中文和俄文。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(doc.anomalies.is_empty(), "{:?}", numbering(&doc));
    assert_eq!(doc.rebuild(), text);
    let article = doc
        .blocks
        .iter()
        .position(|b| doc.block_text(b).starts_with("本组织的基本宗旨"))
        .map(|i| i as u32);
    assert_eq!(
        points_and_parents(&doc),
        [
            ("加强成员国之间的相互信任与睦邻友好；".to_owned(), article),
            ("维护和加强地区和平、安全与稳定；".to_owned(), article),
            ("共同打击一切形式的恐怖主义。".to_owned(), article)
        ]
    );
    let numbers: Vec<u32> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Point { number } => Some(number.0),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(items(&doc).len(), 2);
    // In a statement's prose: the lead-in's points, and the paragraph after them is free.
    let text = "中华人民共和国和希腊共和国联合声明\n\n双方同意：\n——深化比雷埃夫斯港合作；\n——推动中欧陆海快线延伸至中欧腹地。\n双方同意加强人文交流。\n";
    let doc = parse_str("t", text).unwrap();
    let lead = doc
        .blocks
        .iter()
        .position(|b| doc.block_text(b) == "双方同意：")
        .map(|i| i as u32);
    assert_eq!(
        points_and_parents(&doc),
        [
            ("深化比雷埃夫斯港合作；".to_owned(), lead),
            ("推动中欧陆海快线延伸至中欧腹地。".to_owned(), lead)
        ]
    );
    assert!(doc
        .paragraphs()
        .any(|b| doc.block_text(b) == "双方同意加强人文交流。"));
}

#[test]
fn dash_lines_a_heading_leads_are_a_list_and_a_dash_alone_or_in_a_sentence_is_text() {
    // A report's figures under a heading with no colon: two dash lines are a list.
    let text = "数说钱凯港一年\n\n——开通国际航线12条；\n——靠泊船舶超过500艘次，最大单船载箱量约1.8万标准箱。\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(
        points_and_parents(&doc)
            .into_iter()
            .map(|(t, _)| t)
            .collect::<Vec<_>>(),
        [
            "开通国际航线12条；",
            "靠泊船舶超过500艘次，最大单船载箱量约1.8万标准箱。"
        ]
    );
    // A speech's byline under its title: one dash line, a paragraph with its dash.
    let text = "携手共建更加紧密的命运共同体\n——在第二届峰会上的主旨讲话\n\n尊敬的各位同事：\n";
    let doc = parse_str("t", text).unwrap();
    assert!(points_and_parents(&doc).is_empty());
    assert!(doc
        .blocks
        .iter()
        .any(|b| doc.block_text(b).starts_with("——在第二届峰会上")));
    assert_eq!(doc.rebuild(), text);
    // A dash a wrap set at a line's start inside a sentence goes on with the sentence.
    let text = "　　双方一致认为，两国关系的未来取决于一个共同的目标\n——建设和平、繁荣、开放的共同家园，这一点不会改变。\n";
    let doc = parse_str("t", text).unwrap();
    assert!(points_and_parents(&doc).is_empty());
    assert!(doc
        .blocks
        .iter()
        .any(|b| doc.block_text(b).contains("共同的目标——建设和平")));
}

#[test]
fn a_speechs_occasion_over_its_speaker_and_a_tables_rows_with_tabs_stand_a_line_each() {
    let text = "政府工作报告\n——2024年1月22日在江南省第十四届人民代表大会第二次会议上\n江南省省长　李　华\n各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。\n";
    let doc = parse_str("t", text).unwrap();
    let paragraphs: Vec<String> = doc.paragraphs().map(|b| doc.block_text(b)).collect();
    assert_eq!(
        paragraphs,
        [
            "政府工作报告",
            "——2024年1月22日在江南省第十四届人民代表大会第二次会议上",
            "江南省省长　李　华",
            "各位代表：",
            "现在，我代表省人民政府，向大会报告工作，请予审议。"
        ]
    );
    // A table copied out of a sheet: its cells apart by tabs, a row a line, none of them cut.
    let text = "2024年第二批省级预算内投资计划表\n\n序号\t项目名称\t建设单位\t总投资\t本次下达\n1\t江南市城区排水管网改造工程\t江南市住房城乡建设局\t35000\t5000\n2\t海东县人民医院综合楼建设项目\t海东县人民医院\t28000\t4000\n合计\t\t\t63000\t9000\n";
    let doc = parse_str("t", text).unwrap();
    assert_eq!(doc.paragraphs().count(), 5, "{:?}", texts_of(&doc));
    assert!(doc
        .paragraphs()
        .any(|b| doc.block_text(b)
            == "1\t江南市城区排水管网改造工程\t江南市住房城乡建设局\t35000\t5000"));
    assert_eq!(doc.rebuild(), text);
}
