//! The word-level reading check on written fixtures (`tests/fixtures/heteronyms/`): heteronyms
//! annotated right for their word are never flagged, and those annotated with a reading of the
//! character that is wrong for the word are, naming the word and its reading.

use annotext_parser::parse_str;
use annotext_transform::{build_tables, context_flags, Rules};
use polars::prelude::*;

const CORRECT: &str = include_str!("../../../tests/fixtures/heteronyms/correct.txt");
const WRONG: &str = include_str!("../../../tests/fixtures/heteronyms/wrong.txt");
const WRONG_TONELESS: &str = include_str!("../../../tests/fixtures/heteronyms/wrong-toneless.txt");
const EXPECTED: &str = include_str!("../../../tests/fixtures/heteronyms/expected.tsv");

/// (line, character, word as written, the word's reading) of every expected flag.
fn expected() -> Vec<(u32, char, String, String)> {
    EXPECTED
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (
                cols[0].parse().unwrap(),
                cols[1].chars().next().unwrap(),
                cols[3].to_owned(),
                cols[5].to_owned(),
            )
        })
        .collect()
}

fn flags(text: &str) -> Vec<(u32, char, String, String)> {
    let doc = parse_str("fixture", text).unwrap();
    context_flags(&doc)
        .into_iter()
        .map(|f| (f.position.line, f.ch, f.word, f.word_reading))
        .collect()
}

#[test]
fn heteronyms_annotated_right_for_their_word_are_never_flagged() {
    assert_eq!(flags(CORRECT), []);
}

#[test]
fn heteronyms_annotated_wrong_for_their_word_are_flagged_with_tones_or_without() {
    let want = expected();
    assert!(want.len() >= 40, "{}", want.len());
    assert_eq!(flags(WRONG), want);
    assert_eq!(flags(WRONG_TONELESS), want);
}

#[test]
fn the_sample_s_minister_is_read_zhang_and_the_anomaly_says_so() {
    let doc = parse_str("t", "一、合作\n1.中國外長(chang)會晤機制;\n").unwrap();
    let tables = build_tables(&[doc], &Rules::default()).unwrap();
    let kinds = tables
        .anomalies
        .column("kind")
        .unwrap()
        .cast(&DataType::String)
        .unwrap();
    let details = tables.anomalies.column("detail").unwrap().clone();
    let row = (0..kinds.len())
        .find(|&i| kinds.get(i).unwrap().get_str() == Some("reading_wrong_in_context"))
        .expect("a reading_wrong_in_context row");
    assert_eq!(
        details.get(row).unwrap().get_str(),
        Some("外長 is read wài zhǎng; 長 is annotated chang")
    );
    // The whole text in pinyin takes the word's reading, not the flagged annotation.
    let pinyin = tables.items.column("pinyin").unwrap().get(0).unwrap();
    assert_eq!(pinyin.get_str(), Some("zhōng guó wài zhǎng huì wù jī zhì;"));
    let annotated = tables
        .items
        .column("annotated_readings")
        .unwrap()
        .get(0)
        .unwrap();
    assert_eq!(annotated.get_str(), Some("chang"));
}

#[test]
fn a_word_read_across_another_word_s_end_says_nothing_of_the_character_after_it() {
    // 适应 ends where 应和 would start: 和 here is "and", read hé.
    assert_eq!(flags("帮助岛国提升适应和(hé)减缓气候变化的能力。\n"), []);
    // A word that stands alone still has its say.
    assert_eq!(
        flags("他们随声应和(hé)。\n"),
        [(1, '和', "应和".to_owned(), "yìng hè".to_owned())]
    );
}

/// Each block's characters with their readings, as the reading edition draws them.
fn read_blocks(text: &str) -> Vec<String> {
    let doc = parse_str("t", text).unwrap();
    doc.blocks
        .iter()
        .map(|block| {
            annotext_transform::readings_of_block(&doc, block)
                .chars
                .iter()
                .map(|c| match c.reading {
                    Some(r) => format!("{}{} ", c.ch, r.marked()),
                    None => c.ch.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn annotations_after_a_space_the_clean_text_leaves_out_stay_on_their_own_character() {
    // The space after an item's number and a paragraph's indent are not in a unit's clean
    // text: an annotation after them was placed one character on per space, flagged right
    // readings (開發 read kāi fā: 開 annotated kāi) and read 洲 as yà.
    let text = "2. 亞(ya4)洲開(kai1)發(fa1)銀行（亞(ya4)行）。\n\
                \u{3000}\u{3000}開(kai1)發(fa1)銀(yin2)行(hang2)。\n";
    assert_eq!(flags(text), []);
    let blocks = read_blocks(text);
    assert!(
        blocks[0].starts_with("亞yà 洲zhōu 開kāi 發fā 銀yín 行háng （亞yà 行"),
        "{}",
        blocks[0]
    );
    assert_eq!(blocks[1], "開kāi 發fā 銀yín 行háng 。");
    // A wrong reading after the space is still flagged, on its own character.
    let wrong = flags("2. 銀行(xing2)。\n");
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert_eq!((wrong[0].1, wrong[0].2.as_str()), ('行', "銀行"));
}

#[test]
fn annotations_after_a_wrapped_line_s_trailing_spaces_stay_on_their_own_character() {
    // A hard-wrapped paragraph: the spaces that end its second line are not in its clean text.
    let text = "关于合作的说明\n\
                中国与东盟各国在数字经济领域开展了广泛合\n\
                作双方同意进一步加强发(fa1)展(zhan3)战略对接推动银行  \n\
                间合作深化长(chang2)江经济带与东盟国家的互联互通\n\
                建设共同维护地区和平稳定与繁荣发展各方欢\n\
                迎更多企业参与合作项目并支持青年交流。\n";
    assert_eq!(flags(text), []);
    let blocks = read_blocks(text);
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(
        blocks[1].contains("发fā 展zhǎn 战zhàn 略lüè "),
        "{}",
        blocks[1]
    );
    assert!(
        blocks[1].contains("银yín 行háng 间jiān 合hé 作zuò 深shēn 化huà 长cháng 江jiāng 经jīng "),
        "{}",
        blocks[1]
    );
}

#[test]
fn a_word_cut_across_by_the_next_word_says_nothing_of_a_character_read_alone() {
    // The word that would flag the annotation is crossed by a word after the character
    // (为人｜民: 人民), so the character may stand alone and its reading is no error.
    for text in [
        "为(wèi)人民服务。\n",
        "为(wèi)数字经济发展创造条件。\n",
        "为(wèi)难民提供人道主义援助。\n",
        "中方将为(wèi)首届峰会成功举办提供支持。\n",
        "本次会(huì)计划于明年举行。\n",
        "上合组织发挥着(zhe)重要作用。\n",
        "会议讨论了(le)解决问题的途径。\n",
        "双方愿与(yǔ)会员国一道推动改革。\n",
    ] {
        assert_eq!(flags(text), [], "{text}");
    }
    // Not crossed, or crossed where a word starts right after the word read (应急｜救援, not
    // 应｜急救; 长沙｜口岸): still flagged.
    for (text, word) in [
        ("双方一致认为(wèi)合作成果丰硕。\n", "认为"),
        ("研究建立区域航空应(yīng)急救援机制。\n", "应急"),
        ("支持广州、长(zhǎng)沙口岸扩大进口。\n", "长沙"),
    ] {
        let found = flags(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].2, word);
    }
}

#[test]
fn an_annotation_not_flagged_keeps_its_syllable_in_the_pinyin() {
    // 本行 (háng) is the longest word from the left, but 行 is annotated xing, as 行政 reads it.
    assert_eq!(flags("本行(xing)政区域内的企业。\n"), []);
    let blocks = read_blocks("本行(xing)政区域内的企业。\n");
    assert!(
        blocks[0].starts_with("本běn 行xíng 政zhèng "),
        "{}",
        blocks[0]
    );
    // An annotation that is no reading of its character (reported as such) does not.
    let blocks = read_blocks("会晤(zuo)机制。\n");
    assert!(blocks[0].starts_with("会huì 晤wù 机jī "), "{}", blocks[0]);
    // A toned annotation not flagged is the reading as written.
    let blocks = read_blocks("为(wèi)人民服务。\n");
    assert!(blocks[0].starts_with("为wèi 人rén 民mín "), "{}", blocks[0]);
}

#[test]
fn numbers_stay_whole_in_the_pinyin() {
    let doc = parse_str(
        "t",
        "一、合作\n1.提供2.5亿美元，增长12.5%，共1,000人，10:30开始。\n",
    )
    .unwrap();
    let tables = build_tables(&[doc], &Rules::default()).unwrap();
    let pinyin = tables.items.column("pinyin").unwrap().get(0).unwrap();
    assert_eq!(
        pinyin.get_str(),
        Some("tí gōng 2.5 yì měi yuán， zēng zhǎng 12.5%， gòng 1,000 rén， 10:30 kāi shǐ。")
    );
}

#[test]
fn an_everyday_word_running_into_a_dictionary_word_is_read_as_the_text_reads() {
    // 项目｜的, 部门｜将, 随着｜墨西哥: not 目的 mù dì, 门将 mén jiàng, 着墨 zhuó mò.
    let text = "重点项目的(de)融资，部门将(jiāng)派员，随着(zhe)墨西哥发展。\n";
    assert_eq!(flags(text), []);
    let blocks = read_blocks(text);
    assert!(
        blocks[0].starts_with("重zhòng 点diǎn 项xiàng 目mù 的de 融róng 资zī ，部bù 门mén 将jiāng "),
        "{}",
        blocks[0]
    );
    assert!(blocks[0].contains("随suí 着zhe 墨mò "), "{}", blocks[0]);
}

#[test]
fn an_everyday_word_leaves_the_next_word_and_common_words_their_say() {
    // 妥善 runs into 善处, but 处理 still starts after it: 处(chù) there is wrong.
    assert_eq!(
        flags("妥善处(chù)理分歧。\n"),
        [(1, '处', "处理".to_owned(), "chǔ lǐ".to_owned())]
    );
    let blocks = read_blocks("妥善处理分歧。\n");
    assert!(
        blocks[0].starts_with("妥tuǒ 善shàn 处chǔ 理lǐ "),
        "{}",
        blocks[0]
    );
    // 国家 runs into 家中 (itself a word running into 中长): 中长期 is read.
    assert_eq!(
        flags("国家中长(zhǎng)期规划。\n"),
        [(1, '长', "中长".to_owned(), "zhōng cháng".to_owned())]
    );
    // 已成 is rarer before 为 than 成为 after 已: 已成为 reads 成为.
    let blocks = read_blocks("已成为伙伴。\n");
    assert!(
        blocks[0].starts_with("已yǐ 成chéng 为wéi "),
        "{}",
        blocks[0]
    );
}
