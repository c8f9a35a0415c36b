//! A document's title as people would name it: its title line, or else the list, outcome or
//! declaration its prose names in 《…》. Shared by the briefing, the workbook, the records and
//! the documents table, so all call a document the same.

use std::ops::RangeInclusive;
use std::sync::OnceLock;

use annotext_parser::{Block, BlockKind, Document};
use regex::Regex;

/// Kinds of document a title names, in order of preference: a list (清單), an outcome (成果),
/// a declaration (宣言). Traditional and simplified spellings both count.
const TITLE_WORDS: [&[&str]; 3] = [&["清單", "清单"], &["成果"], &["宣言"]];

/// Longest title line, in characters: a longer first line is prose.
const MAX_TITLE_CHARS: usize = 60;

/// The kinds of document a title line ends with (a list, an outcome, a declaration, a plan…),
/// in both scripts, besides the instruments' the parser knows a second instrument's title by
/// ([`annotext_parser::INSTRUMENT_TITLE_ENDINGS`]): a first line that ends otherwise is prose, a
/// date line or a heading.
const TITLE_ENDINGS: [&str; 56] = [
    "成果",
    "宣言",
    "声明",
    "聲明",
    "公报",
    "公報",
    "纪要",
    "紀要",
    "计画",
    "計畫",
    "倡议",
    "倡議",
    "共识",
    "共識",
    "报告",
    "報告",
    "协议",
    "協議",
    "备忘录",
    "備忘錄",
    "框架",
    "路线图",
    "路線圖",
    "愿景",
    "願景",
    "文件",
    "宪章",
    "憲章",
    "建议",
    "建議",
    "举措",
    "舉措",
    "名单",
    "名單",
    "汇编",
    "彙編",
    "总结",
    "通知",
    "白皮书",
    "白皮書",
    "决议",
    // A law or a code, however short its name (`民法典`, `某法`).
    "法典",
    "法",
    "決議",
    "公告",
    "通告",
    "制度",
    "大纲",
    "大綱",
    // The other kinds of official document (`国务院关于…的批复`, `…的函`, `…的请示`).
    "批复",
    "批覆",
    "函",
    "请示",
    "請示",
    "通报",
    "通報",
];

/// The document's title: its first line when that line is a title (see [`title_line`]); else
/// the first 《…》 in its prose that names a list (清單), else an outcome (成果); else the
/// meeting its preamble says was held ([`meeting_name`]); else a declaration (宣言) named in
/// 《…》; else the document's name.
pub fn document_title(doc: &Document) -> String {
    title_line(doc).map_or_else(|| named_title(doc), |(_, title)| title)
}

/// The first line, when it is a title rather than prose: a paragraph before any heading or
/// item, short, with no sentence punctuation (。，；：！？ or their ASCII forms), that names a
/// kind of document at its end (清单, 宣言, 联合声明, 行动计划… — see [`TITLE_ENDINGS`]),
/// before any bracketed note such as `（2024年）`: `中国—东盟农业合作部长会议成果清单`, not
/// `（2024年10月12日，广西南宁）`, `各方同意加强粮食安全合作` or `第一部分 糧食安全`. A title
/// written as `《…》` is given without its marks. Many outcome lists start so; the shared samples
/// start with prose. A title may also be set in two lines, the parties or the occasion above
/// and the document below (`中华人民共和国和哈萨克斯坦共和国` / `关于…的联合声明`). Gives the
/// title's lines and the title.
pub fn title_line(doc: &Document) -> Option<(RangeInclusive<u32>, String)> {
    // The lines a notice sets above its title (its number, its urgency, its signer) are not it.
    let mut blocks = doc
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Blank)
        .skip_while(|b| b.kind == BlockKind::Paragraph && is_masthead(&doc.block_text(b)));
    let first = blocks.next().filter(|b| b.kind == BlockKind::Paragraph)?;
    let upper = doc.block_text(first);
    let upper = title_text(&upper, first.is_joined())?;
    let kind = title_kind(upper);
    if kind.names_one || !kind.heading_like && set_apart(doc, first) {
        return Some((first.line..=first.end_line, upper.to_owned()));
    }
    let second = blocks
        .next()
        .filter(|b| b.kind == BlockKind::Paragraph && b.line == first.end_line + 1)?;
    let lower = doc.block_text(second);
    let lower = title_text(&lower, false)?;
    // A title broken before its kind in a third line (`…关于印发江南省` / `…若干措施` / `的通知`).
    let third = blocks
        .next()
        .filter(|b| b.kind == BlockKind::Paragraph && b.line == second.end_line + 1)
        .and_then(|b| {
            let text = doc.block_text(b);
            let kind = title_text(&text, false)
                .filter(|t| t.starts_with('的') && title_kind(t).names_one)?
                .to_owned();
            Some((b.end_line, kind))
        });
    if let (false, Some((end_line, kind))) = (kind.heading_like, third) {
        return Some((first.line..=end_line, format!("{upper}{lower}{kind}")));
    }
    // An order is titled by its issuer's order and its number (`中华人民共和国国务院令` /
    // `第七百八十九号`), above the instrument it publishes.
    let order = upper.ends_with('令') && is_order_number(lower);
    ((!kind.heading_like && title_kind(lower).names_one) || order)
        .then(|| (first.line..=second.end_line, format!("{upper}{lower}")))
}

/// Whether a line is an order's number: `第七百八十九号`, `第12号`.
fn is_order_number(line: &str) -> bool {
    line.strip_prefix('第')
        .and_then(|rest| rest.strip_suffix(['号', '號']))
        .is_some_and(|number| {
            !number.is_empty()
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十百千".contains(c))
        })
}

/// A title line's text without its spaces and its `《》`, when it is short and has no sentence
/// punctuation. `joined`: the parser joined it from two lines, and it may be longer.
fn title_text(text: &str, joined: bool) -> Option<&str> {
    let mut title = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if let Some(inner) = title.strip_prefix('《').and_then(|t| t.strip_suffix('》')) {
        title = inner;
    }
    let sentence = |c: char| "。，；：！？,;:!?".contains(c);
    let longest = if joined {
        2 * MAX_TITLE_CHARS
    } else {
        MAX_TITLE_CHARS
    };
    (title.chars().count() <= longest && !title.contains(sentence)).then_some(title)
}

/// `关于` ("on"), in either script: a title's `关于…的…`, an issuer's `国务院关于` over it.
const ABOUT: [&str; 2] = ["关于", "關於"];

/// What a title line's words say of it.
struct TitleKind {
    /// It names a document: a kind at its end (before any bracketed note), or `关于…的…`.
    names_one: bool,
    /// It reads as a heading or a date rather than a title.
    heading_like: bool,
}

fn title_kind(title: &str) -> TitleKind {
    let head = without_brackets(title);
    let named_kind = TITLE_ENDINGS
        .iter()
        .chain(annotext_parser::INSTRUMENT_TITLE_ENDINGS.iter())
        .any(|ending| head.ends_with(ending) && head.len() > ending.len());
    // `关于…的…` names a document whatever its kind.
    let about = ABOUT
        .iter()
        .any(|w| head.starts_with(w) && head.contains('的'));
    TitleKind {
        names_one: named_kind || about,
        // A short line is a heading's, but for an issuer's over its title's (`国务院关于` /
        // `修改和废止部分行政法规的决定`).
        heading_like: head.starts_with('第')
            || head.contains('、')
            || head.chars().count() < 6 && !ABOUT.iter().any(|w| head.ends_with(w))
            || is_date(&head),
    }
}

/// Whether a line is set apart above the body: a blank line or an adoption note under it.
fn set_apart(doc: &Document, line: &Block) -> bool {
    let next = doc
        .blocks
        .iter()
        .position(|b| b.line == line.line)
        .and_then(|i| doc.blocks.get(i + 1));
    next.is_some_and(|next| next.kind == BlockKind::Blank || is_note(&doc.block_text(next)))
}

/// The document's note: the line under its title wholly in brackets that says when or by whom
/// it was adopted (`（2025年5月13日…会议通过）`). Gives the line's number and the note.
pub fn title_note(doc: &Document) -> Option<(u32, String)> {
    let (lines, _) = title_line(doc)?;
    let line = *lines.end();
    let next = doc
        .blocks
        .iter()
        .skip_while(|b| b.line <= line)
        .find(|b| b.kind != BlockKind::Blank)?;
    let text = doc.block_text(next);
    let text = text.trim();
    (next.kind == BlockKind::Paragraph && next.parent.is_none() && is_note(text))
        .then(|| (next.line, text.to_owned()))
}

/// Whether a line is one a notice sets above its title: its number (`国办发〔2024〕12号`), its
/// urgency or classification (`特急`, `机密★1年`), its signer (`签发人：张三`), the issuing
/// organ's mark (`江南省人民政府文件`, the same on every notice it sends).
fn is_masthead(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    annotext_parser::is_document_number(text)
        || (text.ends_with("文件")
            && text.chars().count() <= 30
            && !["关于", "關於", "的"].iter().any(|w| text.contains(w)))
        || ["签发人", "簽發人"].iter().any(|w| text.starts_with(w))
        || text.chars().count() <= 12
            && [
                "特急", "加急", "特提", "平急", "急件", "绝密", "絕密", "机密", "機密", "秘密",
            ]
            .iter()
            .any(|w| text.starts_with(w))
}

/// A line wholly in brackets with a date or an adoption in it.
fn is_note(text: &str) -> bool {
    let text = text.trim();
    let bracketed = (text.starts_with('（') && text.ends_with('）'))
        || (text.starts_with('(') && text.ends_with(')'));
    bracketed
        && [
            "年", "通过", "通過", "发布", "發布", "公布", "印发", "印發", "修订", "修訂",
        ]
        .iter()
        .any(|w| text.contains(w))
}

/// A date line: `2024年10月12日`, `二〇二四年十月十二日`.
fn is_date(text: &str) -> bool {
    text.ends_with('日') && text.contains('年') && text.chars().count() <= 16
}

/// The list or outcome the prose names in 《…》; else the meeting the preamble says was held
/// ([`meeting_name`]); else a declaration named in 《…》; else the document's name. A declaration
/// comes after the meeting: an outcome list names the declarations its meeting adopted
/// (《内罗毕卫生与农业合作宣言》), where a list or outcome named is the document itself.
fn named_title(doc: &Document) -> String {
    let mut titles = Vec::new();
    for block in doc.paragraphs() {
        let text = doc.block_text(block);
        let mut rest = text.as_str();
        while let Some(start) = rest.find('《') {
            let after = &rest[start + '《'.len_utf8()..];
            let Some(end) = after.find('》') else { break };
            titles.push(after[..end].to_owned());
            rest = &after[end..];
        }
    }
    let named = |words: &[&str]| {
        titles
            .iter()
            .find(|t| words.iter().any(|w| t.contains(w)))
            .cloned()
    };
    let [list, outcome, declaration] = TITLE_WORDS;
    named(list)
        .or_else(|| named(outcome))
        .or_else(|| meeting_name(doc))
        .or_else(|| named(declaration))
        .unwrap_or_else(|| doc.name.clone())
}

/// A meeting's name as the preamble gives it: `(date,) NAME 在 PLACE 举行`, where the name ends
/// with a kind of meeting (会议, 论坛, 峰会, 大会, 会晤…), in either script.
fn meeting_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?:^|[，,。；;：:])\s*",
            r"(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:[至到-]\d{1,2}日)?[，,]?\s*)?",
            r"(?P<name>[^，,。；;：:]{2,60}?",
            r"(?:会议|會議|论坛|論壇|峰会|峰會|大会|大會|会晤|會晤|对话会|對話會|博览会|博覽會",
            r"|年会|年會|研讨会|研討會))",
            r"\s*(?:在|于|於)[^，,。；;]{1,30}?(?:举行|舉行|召开|召開|举办|舉辦|开幕|開幕)",
        ))
        .unwrap_or_else(|e| panic!("the meeting pattern is a constant and valid: {e}"))
    })
}

/// The meeting the preamble (the paragraphs before the first heading or item) says was held,
/// its notes in brackets left out: `2025年6月,上海合作组织(简称“上合组织”)成员国交通部长第十次
/// 会议在乌兹别克斯坦撒马尔罕举行` gives `上海合作组织成员国交通部长第十次会议`.
pub fn meeting_name(doc: &Document) -> Option<String> {
    doc.blocks
        .iter()
        .take_while(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Blank))
        .filter(|b| b.kind == BlockKind::Paragraph)
        .find_map(|block| {
            let text = doc.block_text(block);
            let name = meeting_pattern()
                .captures(&text)?
                .name("name")?
                .as_str()
                .to_owned();
            let name = without_brackets(&name);
            (name.chars().count() >= 4).then_some(name)
        })
}

/// `text` without its bracketed notes (`（…）`, `(…)`), nested ones included.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_named_in_the_prose_is_the_title_before_an_outcome() {
        let doc = annotext_parser::parse_str(
            "x",
            "見《合作成果》與《中國-中亞峰會成果清單》。\n一、合作\n1.項目\n",
        )
        .unwrap();
        assert_eq!(document_title(&doc), "中國-中亞峰會成果清單");
    }

    #[test]
    fn a_first_line_that_is_a_title_is_the_title() {
        let doc = annotext_parser::parse_str(
            "x",
            "中(zhong)國—東盟農業合作部長會議成果清單\r\n見《合作成果清單》。\r\n一、合作\r\n1.項目\r\n",
        )
        .unwrap();
        assert_eq!(document_title(&doc), "中國—東盟農業合作部長會議成果清單");
    }

    #[test]
    fn a_notice_s_number_urgency_and_signer_above_its_title_are_not_it() {
        let doc = annotext_parser::parse_str(
            "t",
            "国办发〔2024〕12号\n\n特急\n签发人：张三\n\n国务院办公厅关于加强边境口岸建设的通知\n\n各省、自治区、直辖市人民政府：\n",
        )
        .unwrap();
        assert_eq!(
            title_line(&doc),
            Some((6..=6, "国务院办公厅关于加强边境口岸建设的通知".to_owned()))
        );
    }

    #[test]
    fn a_reply_and_a_letter_are_titles() {
        for title in [
            "国务院关于同意设立综合试验区的批复",
            "商务部关于商请支持口岸建设的函",
        ] {
            let doc = annotext_parser::parse_str(
                "t",
                &format!("{title}\n国函〔2022〕8号\n\n天津市人民政府：\n一、同意设立。\n"),
            )
            .unwrap();
            assert_eq!(document_title(&doc), title);
        }
    }

    #[test]
    fn the_issuing_organs_mark_above_a_notice_is_not_its_title() {
        let doc = annotext_parser::parse_str(
            "t",
            "江南省人民政府文件\n\n江政发〔2024〕8号\n\n江南省人民政府关于进一步加强安全生产工作的通知\n\n各市、县（市、区）人民政府：\n\n现就有关工作通知如下。\n",
        )
        .unwrap();
        assert_eq!(
            document_title(&doc),
            "江南省人民政府关于进一步加强安全生产工作的通知"
        );
    }

    #[test]
    fn a_first_line_of_prose_or_a_date_is_not_a_title() {
        for first in [
            "2024年10月12日",
            "（二〇二四年十月十二日）",
            "（2024年10月12日 廣西南寧）",
            "會議在南寧舉行，各方出席。",
            "各方同意加強糧食安全合作",
            "第一部分 糧食安全",
            "壹、糧食安全合作",
            "清單",
            "短句",
            "一、合作",
        ] {
            let text = format!("{first}\n見《合作成果清單》。\n一、合作\n1.項目\n");
            let doc = annotext_parser::parse_str("x", &text).unwrap();
            assert_eq!(document_title(&doc), "合作成果清單", "{first}");
        }
    }

    #[test]
    fn a_title_in_two_lines_is_one_title() {
        let text = "中华人民共和国和哈萨克斯坦共和国\n关于进一步深化全面战略伙伴关系的联合声明\n\
                    （2024年7月3日，阿斯塔纳）\n\n　　双方一致认为，两国关系处于历史最好时期。\n";
        let doc = annotext_parser::parse_str("x", text).unwrap();
        assert_eq!(
            document_title(&doc),
            "中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合声明"
        );
        assert_eq!(title_line(&doc).map(|(lines, _)| lines), Some(1..=2));
        assert_eq!(
            title_note(&doc),
            Some((3, "（2024年7月3日，阿斯塔纳）".to_owned()))
        );
        // A line of prose above a title line is no part of it.
        let doc =
            annotext_parser::parse_str("x", "2024年7月3日\n关于深化合作的联合声明\n").unwrap();
        assert_eq!(title_line(&doc), None);
    }

    #[test]
    fn a_title_in_three_lines_and_an_issuers_line_over_its_title_are_the_title() {
        let text = "江政发〔2024〕8号\n\n江南省人民政府关于印发江南省\n促进民营经济高质量发展若干措施\n的通知\n\n各市、县（市、区）人民政府，省政府各部门：\n现将《江南省促进民营经济高质量发展若干措施》印发给你们。\n";
        let doc = annotext_parser::parse_str("x", text).unwrap();
        assert_eq!(
            document_title(&doc),
            "江南省人民政府关于印发江南省促进民营经济高质量发展若干措施的通知"
        );
        assert_eq!(title_line(&doc).map(|(lines, _)| lines), Some(3..=5));
        let text = "国务院关于\n修改和废止部分行政法规的决定\n\n各省、自治区、直辖市人民政府：\n根据推进政府职能转变的需要，国务院对有关行政法规进行了清理。\n";
        let doc = annotext_parser::parse_str("x", text).unwrap();
        assert_eq!(
            document_title(&doc),
            "国务院关于修改和废止部分行政法规的决定"
        );
    }

    #[test]
    fn an_orders_title_is_its_issuers_order_and_number() {
        let text = "中华人民共和国国务院令\n第七百八十九号\n\n《港口安全管理条例》已经国务院常务会议通过，\
                    现予公布。\n\n港口安全管理条例\n\n第一条　为了加强港口安全管理，制定本条例。\n";
        let doc = annotext_parser::parse_str("x", text).unwrap();
        assert_eq!(document_title(&doc), "中华人民共和国国务院令第七百八十九号");
        assert_eq!(title_line(&doc).map(|(lines, _)| lines), Some(1..=2));
        // A line ending in 令 over a line that is no number is no title.
        let doc = annotext_parser::parse_str("x", "各部门应当执行此令\n立即执行。\n").unwrap();
        assert_eq!(title_line(&doc), None);
    }

    #[test]
    fn a_title_line_may_carry_a_note_or_marks() {
        for (first, title) in [
            (
                "中國—東盟合作行動計劃（2024-2026年）",
                "中國—東盟合作行動計劃（2024-2026年）",
            ),
            ("《中國—東盟聯合聲明》", "中國—東盟聯合聲明"),
            ("第二屆論壇成果清單(全文)", "第二屆論壇成果清單(全文)"),
        ] {
            let text = format!("{first}\n一、合作\n1.項目\n");
            let doc = annotext_parser::parse_str("x", &text).unwrap();
            assert_eq!(document_title(&doc), title, "{first}");
        }
    }

    #[test]
    fn without_a_named_list_the_meeting_held_is_the_title_before_a_declaration() {
        for (preamble, title) in [
            (
                "2025年6月,上海合作组织(简称“上合组织”)成员国交通部长第十次会议在乌兹别克斯坦撒马尔罕举行,各方出席。会议通过《撒马尔罕宣言》。",
                "上海合作组织成员国交通部长第十次会议",
            ),
            (
                "為落實領導人共識，2023年9月，中國—東盟海洋合作論壇在海南三亞舉行。",
                "中國—東盟海洋合作論壇",
            ),
            (
                "2023年5月18日至19日，中国—中亚峰会在陕西西安举行。",
                "中国—中亚峰会",
            ),
            // No meeting held: the declaration named.
            ("各方通过了《内罗毕合作宣言》。", "内罗毕合作宣言"),
        ] {
            let text = format!("{preamble}\n一、合作\n1.項目\n");
            let doc = annotext_parser::parse_str("x", &text).unwrap();
            assert_eq!(document_title(&doc), title, "{preamble}");
        }
    }

    #[test]
    fn without_a_named_list_the_title_is_the_documents_name() {
        let doc = annotext_parser::parse_str("notes", "沒有書名。\n1.《不在段落》清單\n").unwrap();
        assert_eq!(document_title(&doc), "notes");
    }
}
