//! A document's title as people would name it: its title line, or else the list, outcome or
//! declaration its prose names in 《…》. Shared by the briefing, the workbook, the records and
//! the documents table, so all call a document the same.

use annotext_parser::{BlockKind, Document};

/// Kinds of document a title names, in order of preference: a list (清單), an outcome (成果),
/// a declaration (宣言). Traditional and simplified spellings both count.
const TITLE_WORDS: [&[&str]; 3] = [&["清單", "清单"], &["成果"], &["宣言"]];

/// Longest title line, in characters: a longer first line is prose.
const MAX_TITLE_CHARS: usize = 60;

/// The kinds of document a title line ends with (a list, an outcome, a declaration, a plan…),
/// in both scripts: a first line that ends otherwise is prose, a date line or a heading.
const TITLE_ENDINGS: [&str; 58] = [
    "清单",
    "清單",
    "成果",
    "宣言",
    "声明",
    "聲明",
    "公报",
    "公報",
    "纪要",
    "紀要",
    "计划",
    "計劃",
    "计画",
    "計畫",
    "方案",
    "倡议",
    "倡議",
    "共识",
    "共識",
    "报告",
    "報告",
    "议定书",
    "議定書",
    "协定",
    "協定",
    "协议",
    "協議",
    "备忘录",
    "備忘錄",
    "纲要",
    "綱要",
    "规划",
    "規劃",
    "框架",
    "路线图",
    "路線圖",
    "愿景",
    "願景",
    "文件",
    "决定",
    "決定",
    "意见",
    "意見",
    "要点",
    "要點",
    "条约",
    "條約",
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
];

/// The document's title: its first line when that line is a title (see [`title_line`]); else
/// the first 《…》 in its prose that names a list (清單), else an outcome (成果), else a
/// declaration (宣言); else the document's name.
pub fn document_title(doc: &Document) -> String {
    title_line(doc).map_or_else(|| named_title(doc), |(_, title)| title)
}

/// The first line, when it is a title rather than prose: a paragraph before any heading or
/// item, short, with no sentence punctuation (。，；：！？ or their ASCII forms), that names a
/// kind of document at its end (清单, 宣言, 联合声明, 行动计划… — see [`TITLE_ENDINGS`]),
/// before any bracketed note such as `（2024年）`: `中国—东盟农业合作部长会议成果清单`, not
/// `（2024年10月12日，广西南宁）`, `各方同意加强粮食安全合作` or `第一部分 糧食安全`. A title
/// written as `《…》` is given without its marks. Many outcome lists start so; the shared samples
/// start with prose. Gives the line's number and its title.
pub fn title_line(doc: &Document) -> Option<(u32, String)> {
    let first = doc
        .blocks
        .iter()
        .find(|b| b.kind != BlockKind::Blank)
        .filter(|b| b.kind == BlockKind::Paragraph)?;
    let text = doc.block_text(first);
    let mut title = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if let Some(inner) = title.strip_prefix('《').and_then(|t| t.strip_suffix('》')) {
        title = inner;
    }
    let sentence = |c: char| "。，；：！？,;:!?".contains(c);
    if title.chars().count() > MAX_TITLE_CHARS || title.contains(sentence) {
        return None;
    }
    // The kind of document ends the title, before any bracketed note.
    let mut head = title;
    while let Some(inner) = head
        .strip_suffix('）')
        .and_then(|h| h.rfind('（').map(|at| &h[..at]))
        .or_else(|| {
            head.strip_suffix(')')
                .and_then(|h| h.rfind('(').map(|at| &h[..at]))
        })
    {
        head = inner.trim_end();
    }
    TITLE_ENDINGS
        .iter()
        .any(|ending| head.ends_with(ending) && head.len() > ending.len())
        .then(|| (first.line, title.to_owned()))
}

/// The list, outcome or declaration the prose names in 《…》, else the document's name.
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
    TITLE_WORDS
        .iter()
        .find_map(|words| {
            titles
                .iter()
                .find(|t| words.iter().any(|w| t.contains(w)))
                .cloned()
        })
        .unwrap_or_else(|| doc.name.clone())
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
    fn without_a_named_list_the_title_is_the_documents_name() {
        let doc = annotext_parser::parse_str("notes", "沒有書名。\n1.《不在段落》清單\n").unwrap();
        assert_eq!(document_title(&doc), "notes");
    }
}
