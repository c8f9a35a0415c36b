//! The sample's briefing, checked the way a reader sees it: poppler's pdftotext, pdfinfo and
//! pdffonts on the file (installed on first use by `annotext-poppler-check`).

use annotext_export_pdf::{placed_lines, render_briefing, BriefingOptions, Lang, COLUMN_WIDTH};
use annotext_parser::{parse_str, BlockKind, Document};
use annotext_poppler_check::poppler;
use annotext_transform::{build_tables, Rules, Tables};

const SAMPLE: &str = include_str!("../../../data/china-central-asia-summit-2023.txt");

fn sample() -> (Document, Tables) {
    let doc = parse_str("china-central-asia-summit-2023", SAMPLE).unwrap();
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
    (doc, tables)
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdftotext_gives_every_item_in_order() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let text = squeeze(&poppler("pdftotext", &briefing.bytes, &[]));
    let mut from = 0;
    let mut found = 0;
    for block in &doc.blocks {
        if let BlockKind::Item { number, .. } = block.kind {
            let item = squeeze(&format!("{}.{}", number.0, doc.block_text(block)));
            let at = text[from..]
                .find(&item)
                .unwrap_or_else(|| panic!("item {item} missing or out of order"));
            from += at + item.len();
            found += 1;
        }
    }
    assert_eq!(found, 82);
    assert!(text.contains("21.完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"));
    assert!(text.contains("中國-中亞峰會成果清單"), "derived title");
    // The sample is in traditional characters: so are the running footer's words.
    assert!(
        text.contains(&format!("第1頁，共{}頁", briefing.pages)),
        "footer"
    );
}

/// A simplified fixture, as written for the end-to-end tests.
const SIMPLIFIED_FIXTURE: &str =
    include_str!("../../../tests/fixtures/documents/sco-transport-2025/marks.txt");

fn briefing_text(doc: &Document, tables: &Tables, lang: Lang) -> String {
    let options = BriefingOptions {
        lang,
        ..Default::default()
    };
    let briefing = render_briefing(doc, tables, &options).unwrap();
    squeeze(&poppler("pdftotext", &briefing.bytes, &[]))
}

#[test]
fn a_traditional_document_gets_a_traditional_briefing() {
    let (doc, tables) = sample();
    let text = briefing_text(&doc, &tables, Lang::Auto);
    for words in [
        "背景",
        "主要數據",
        "編號條目",
        "注音覆蓋率",
        "各主題條目數",
        "附錄：數據質量",
        "重複注音（警告）：",
    ] {
        assert!(text.contains(words), "{words} missing");
    }
    for english in ["Background", "Annex", "Key figures", "page1of", "finding"] {
        assert!(!text.contains(english), "{english} left in English");
    }
    // Nothing simplified among the briefing's own words.
    for simplified in ["附录", "数据", "编号", "页"] {
        assert!(!text.contains(simplified), "{simplified} is simplified");
    }
}

#[test]
fn a_simplified_document_gets_a_simplified_briefing() {
    let doc = parse_str("sco-transport-2025", SIMPLIFIED_FIXTURE).unwrap();
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
    let text = briefing_text(&doc, &tables, Lang::Auto);
    for words in [
        "背景",
        "主要数据",
        "编号条目",
        "附录：数据质量",
        "第1页，共",
    ] {
        assert!(text.contains(words), "{words} missing");
    }
    for traditional in ["附錄", "數據", "編號", "頁"] {
        assert!(!text.contains(traditional), "{traditional} is traditional");
    }
    // The annex's examples say where, what (the tables' English detail, set in Chinese) and
    // show the spot.
    assert!(text.contains("行第") && text.contains("【"));
    assert!(
        text.contains("注音") && text.contains("次（多"),
        "a repeat's detail"
    );
    for english in ["annotated", "collapsed", "reading", " is read "] {
        assert!(!text.contains(english), "{english} in a Chinese briefing");
    }
    // Asked for, the other script.
    let text = briefing_text(&doc, &tables, Lang::ZhHant);
    assert!(text.contains("附錄：數據質量") && text.contains("主要數據"));
}

/// A fixture that starts with its title line and ends with a closing paragraph.
const TITLED_FIXTURE: &str =
    include_str!("../../../tests/fixtures/documents/china-asean-agriculture-2024/marks.txt");

#[test]
fn a_title_line_heads_the_briefing_once_and_a_closing_paragraph_stays_last() {
    let doc = parse_str("china-asean-agriculture-2024", TITLED_FIXTURE).unwrap();
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
    let text = briefing_text(&doc, &tables, Lang::Auto);
    let title = "中国—东盟农业合作部长会议成果清单";
    assert!(text.starts_with(title), "{}", &text[..120]);
    // Under 背景 come the preamble's paragraphs, not the title again.
    let background = text.find("背景").unwrap() + "背景".len();
    assert!(text[background..].starts_with("2024年10月12日，中国—东盟"));
    // The closing paragraph comes after the last item, before the annex.
    let last_item = text.find("2.设立中国—东盟农业合作奖学金。").unwrap();
    let closing = text.find("会议商定，下一次部长会议于2025年").unwrap();
    let annex = text.find("附录：数据质量").unwrap();
    assert!(last_item < closing && closing < annex);
    // Topic names in the document's script.
    assert!(text.contains("农业减贫") && !text.contains("農業減貧"));
}

#[test]
fn lang_en_gives_an_english_briefing_of_a_chinese_document() {
    let (doc, tables) = sample();
    let options = BriefingOptions {
        lang: Lang::En,
        ..Default::default()
    };
    let briefing = render_briefing(&doc, &tables, &options).unwrap();
    let text = squeeze(&poppler("pdftotext", &briefing.bytes, &[]));
    for words in [
        "Background",
        "Keyfigures",
        "Numbereditems82",
        "Itemspertopic",
        "Annex:dataquality",
        "repeated_annotation(warning):",
        &format!("page1of{}", briefing.pages),
    ] {
        assert!(text.contains(words), "{words} missing");
    }
    assert!(!text.contains("背景") && !text.contains("附錄"));
    // The document's own text stays as it is.
    assert!(text.contains("中國-中亞峰會成果清單"));
}

#[test]
fn page_count_is_what_the_layout_computed_and_metadata_is_set() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let info = poppler("pdfinfo", &briefing.bytes, &[]);
    assert!(
        info.contains(&format!("Pages:           {}", briefing.pages)),
        "{info}"
    );
    assert!(
        info.contains("Title:           中國-中亞峰會成果清單"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.") && info.contains("(A4)"),
        "{info}"
    );
    assert!(briefing.pages >= 4);
}

#[test]
fn the_font_is_embedded_as_a_subset_and_the_file_stays_small() {
    let (doc, tables) = sample();
    let briefing = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let fonts = poppler("pdffonts", &briefing.bytes, &[]);
    let row = fonts.lines().nth(2).unwrap_or_else(|| panic!("{fonts}"));
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert!(
        cols[0].contains('+') && cols[0].contains("WenQuanYi"),
        "{fonts}"
    );
    // name type encoding emb sub uni object ID
    let n = cols.len();
    assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{fonts}");
    assert!(
        briefing.bytes.len() < 1_000_000,
        "{} bytes",
        briefing.bytes.len()
    );
}

#[test]
fn reruns_give_the_same_bytes() {
    let (doc, tables) = sample();
    let a = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let b = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    assert!(a.bytes == b.bytes);
}

#[test]
fn no_line_is_wider_than_the_column() {
    let (doc, tables) = sample();
    for pinyin in [false, true] {
        let options = BriefingOptions {
            pinyin,
            ..Default::default()
        };
        let lines = placed_lines(&doc, &tables, &options).unwrap();
        assert!(lines.len() > 100);
        for (width, text) in lines {
            assert!(width <= COLUMN_WIDTH + 1e-6, "{text:?} is {width} pt wide");
        }
    }
}

#[test]
fn the_reading_edition_sets_pinyin_above_the_characters() {
    let (doc, tables) = sample();
    let options = BriefingOptions {
        pinyin: true,
        title: Some("Reading edition".into()),
        ..Default::default()
    };
    let briefing = render_briefing(&doc, &tables, &options).unwrap();
    let text = poppler("pdftotext", &briefing.bytes, &[]);
    assert!(text.contains("Reading edition"));
    // Toned pinyin over every hanzi, not only the annotated ones: 戰略 (annotated lve) reads
    // zhàn lüè, and 外長 (annotated chang, wrong for the word) is set with the word's zhǎng.
    for syllable in ["zhàn", "lüè", "wài", "chéng", "lì"] {
        assert!(text.contains(syllable), "{syllable} not printed");
    }
    // The font has no third-tone letters: zhǎng is drawn as zhang with a caron above its a, so
    // the text holds both.
    assert!(text.contains("wài zhang") && text.contains('ˇ'));
    let plain = render_briefing(&doc, &tables, &BriefingOptions::default()).unwrap();
    let plain = poppler("pdftotext", &plain.bytes, &[]);
    // The plain edition prints no pinyin (the annex quotes a word's reading, not this one).
    assert!(!plain.contains("zhàn") && !plain.contains("lüè"));
}

#[test]
fn a_list_without_sections_keeps_its_closing_paragraph_after_its_items() {
    let text = "中国—东盟农业合作部长会议成果清单\n会议在南宁举行。\n1.项目一\n2.项目二\n会议商定，下次会议于2025年举行。\n";
    let doc = parse_str("flat", text).unwrap();
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
    let text = briefing_text(&doc, &tables, Lang::Auto);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("背景") < at("会议在南宁举行。"));
    assert!(at("会议在南宁举行。") < at("1.项目一"));
    assert!(at("2.项目二") < at("会议商定，下次会议于2025年举行。"));
}

#[test]
fn no_background_heading_over_nothing_and_title_kept_when_another_is_given() {
    let text = "中国—东盟农业合作部长会议成果清单\n一、粮食安全\n1.建立协调机制\n";
    let doc = parse_str("titled", text).unwrap();
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
    let shown = briefing_text(&doc, &tables, Lang::Auto);
    assert!(!shown.contains("背景"), "an empty Background");
    // With `--title`, the document's own title line is its first paragraph again.
    let options = BriefingOptions {
        title: Some("东盟会议简报".into()),
        ..Default::default()
    };
    let briefing = render_briefing(&doc, &tables, &options).unwrap();
    let shown = squeeze(&poppler("pdftotext", &briefing.bytes, &[]));
    assert!(shown.starts_with("东盟会议简报"));
    assert!(shown.contains("背景中国—东盟农业合作部长会议成果清单"));
}

#[test]
fn a_chinese_annex_sets_each_findings_detail_in_chinese() {
    // One finding of each kind with data, as the transform writes their details.
    let text = "中国合作成果清单\n会议在南宁举行。\n一、合作\n1.项目甲\n3.项目乙\n3.项目丙\n\
                二、贸易\n1.推动(tuī)(tuì)贸易\n2.长(zhangg)期合作\n3.协调(diào)机制\n";
    let doc = parse_str("kinds", text).unwrap();
    let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
    let shown = briefing_text(&doc, &tables, Lang::Auto);
    for detail in [
        "「动」注音2次（多1次）：tuī,tuì，保留tui1",
        "「动」注音tui1，词典读作dong4",
        "条目编号3，应为2",
        "条目编号3，应为4",
        "(zhangg)不是拼音音节",
        "「协调」读作xiétiáo，「调」注音diào",
    ] {
        assert!(shown.contains(detail), "{detail} missing");
    }
    for english in ["annotated", "expected", "dictionary", "syllable"] {
        assert!(!shown.contains(english), "{english} in a Chinese briefing");
    }
}

/// Every unit of a document of each shape is in its briefing, in order: a charter's
/// chapters, articles, clauses and further paragraphs, a statement's paragraphs and points,
/// a hard-wrapped list's joined items; the note under a title goes with the title.
#[test]
fn every_unit_of_every_shape_is_in_the_briefing_in_order() {
    for (name, source) in [
        (
            "charter",
            include_str!("../../../tests/fixtures/documents/mekong-centre-charter-2025/marks.txt"),
        ),
        (
            "statement",
            include_str!(
                "../../../tests/fixtures/documents/china-gcc-joint-statement-2024/plain-traditional.txt"
            ),
        ),
        (
            "wrapped",
            include_str!("../../../tests/fixtures/documents/cee-energy-wrapped-2024/marks.txt"),
        ),
    ] {
        let doc = parse_str(name, source).unwrap();
        let tables = build_tables(std::slice::from_ref(&doc), &Rules::default()).unwrap();
        let text = briefing_text(&doc, &tables, Lang::Auto);
        let mut from = 0;
        for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Blank) {
            let unit = squeeze(&doc.block_text(block));
            // The title line heads the first page (and the running header): look past it.
            let at = text[from..]
                .find(&unit)
                .unwrap_or_else(|| panic!("{name}: line {}: {unit} missing or out of order", block.line));
            from += at + unit.len();
        }
        match name {
            "charter" => {
                assert!(text.contains("第五条中心的主要职能是："), "{name}");
                assert!(text.contains("（一）收集、整理和共享流域水文气象信息；"), "{name}");
                assert!(text.contains("第一章总则"), "{name}");
                // Its key figures count chapters and articles, as its header does.
                assert!(text.contains("5章，20条"), "{name}");
                assert!(text.contains("章5") && text.contains("条20"), "{name}");
                // The adoption note is under the title, before the key figures.
                let note = text.find("（2025年5月13日").unwrap();
                assert!(note < text.find("主要数据").unwrap(), "{name}");
            }
            "statement" => {
                // A statement without items charts the passages per topic.
                assert!(text.contains("各主題段落數"), "{name}");
                assert!(text.contains("經貿投資"), "{name}");
            }
            _ => {
                // The amount at the start of a wrapped line kept whole: no item `2.` with
                // `5亿美元` as its text.
                assert!(text.contains("2.5亿美元"), "{name}");
                assert_eq!(
                    text.matches("5亿美元").count(),
                    text.matches("2.5亿美元").count(),
                    "{name}"
                );
            }
        }
    }
}
