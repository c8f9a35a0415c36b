//! A document's title as people would name it: the list, outcome or declaration its prose names
//! in 《…》. Shared by the briefing and the workbook, so both call a document the same.

use annotext_parser::Document;

/// Kinds of document a title names, in order of preference: a list (清單), an outcome (成果),
/// a declaration (宣言). Traditional and simplified spellings both count.
const TITLE_WORDS: [&[&str]; 3] = [&["清單", "清单"], &["成果"], &["宣言"]];

/// The document's title: the first 《…》 in its prose that names a list (清單), else an outcome
/// (成果), else a declaration (宣言); else the document's name.
pub fn document_title(doc: &Document) -> String {
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
    fn without_a_named_list_the_title_is_the_documents_name() {
        let doc = annotext_parser::parse_str("notes", "沒有書名。\n1.《不在段落》清單\n").unwrap();
        assert_eq!(document_title(&doc), "notes");
    }
}
