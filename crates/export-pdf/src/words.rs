//! The briefing's own words — headings, labels, running footer, annex, page-limit note — in
//! each language it speaks: English, and Chinese in simplified or traditional script, so that a
//! briefing reads in its document's language and script. Every fixed word of the briefing is
//! here, one struct per language; sentences with numbers in them are templates with named
//! `{slots}`, because word order differs between the languages.

use annotext_transform::{KeyFigure, Script};

/// The language a briefing is asked for (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// The document's: Chinese in its script, English for a document without hanzi.
    #[default]
    Auto,
    /// English.
    En,
    /// Chinese, simplified script.
    ZhHans,
    /// Chinese, traditional script.
    ZhHant,
}

/// An unknown `--lang` value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected auto, en, zh-Hans or zh-Hant")]
pub struct UnknownLang(pub String);

impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    /// `auto`, `en`, `zh-Hans`, `zh-Hant` (case-insensitive, as BCP 47 tags are).
    fn from_str(value: &str) -> Result<Lang, UnknownLang> {
        match value.to_ascii_lowercase().as_str() {
            "auto" => Ok(Lang::Auto),
            "en" => Ok(Lang::En),
            "zh-hans" => Ok(Lang::ZhHans),
            "zh-hant" => Ok(Lang::ZhHant),
            _ => Err(UnknownLang(value.to_owned())),
        }
    }
}

impl Lang {
    /// The value as `--lang` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Auto => "auto",
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// The words for this choice; `Auto` follows the script of `text` (the document's).
    pub fn words_for(self, text: &str) -> &'static Words {
        match self {
            Lang::En => &ENGLISH,
            Lang::ZhHans => &SIMPLIFIED,
            Lang::ZhHant => &TRADITIONAL,
            Lang::Auto => match annotext_transform::script_of(text) {
                Some(Script::Traditional) => &TRADITIONAL,
                // A mixed text is mostly simplified more often than not.
                Some(Script::Simplified | Script::Mixed) => &SIMPLIFIED,
                // Hanzi common to both scripts: Chinese, in the more common script.
                None if text.chars().any(annotext_parser::is_hanzi) => &SIMPLIFIED,
                None => &ENGLISH,
            },
        }
    }
}

/// The fixed words of a briefing in one language.
#[derive(Debug)]
pub struct Words {
    /// BCP 47 tag of the language.
    pub tag: &'static str,
    /// Under the title: `{source}`, `{sections}`, `{items}`.
    pub subtitle: &'static str,
    /// Under the title of a regulation (its sections are chapters, its items articles).
    pub subtitle_articles: &'static str,
    /// The key figures' labels for a regulation's sections and items: chapters, articles.
    pub chapters_articles: [&'static str; 2],
    /// Heading of the key figures.
    pub key_figures: &'static str,
    /// Key-figure labels, in [`KeyFigure`] order.
    figures: [&'static str; 8],
    /// The chart's title.
    pub items_per_topic: &'static str,
    /// The chart's title for a document without items (a statement): passages per topic.
    pub units_per_topic: &'static str,
    /// Heading of the paragraphs before the sections.
    pub background: &'static str,
    /// Heading of numbered items before the first section.
    pub loose_items: &'static str,
    /// Heading of the page-limit note.
    pub cut_short: &'static str,
    /// The page-limit note: `{pages}`, `{what}`, `{from}`.
    pub note: &'static str,
    /// What was left out, one part per kind of block: `{left}` of `{all}`.
    pub left_sections: &'static str,
    /// As `left_sections`, for items.
    pub left_items: &'static str,
    /// As `left_sections`, for prose paragraphs (background and closing ones).
    pub left_paragraphs: &'static str,
    /// Between the parts.
    pub list_separator: &'static str,
    /// The parts as the note's subject: `{parts}`.
    pub left_parts: &'static str,
    /// The note's subject when no part is counted.
    pub left_rest: &'static str,
    /// Where the left-out text starts: `{line}`.
    pub left_from: &'static str,
    /// Heading of the annex.
    pub annex: &'static str,
    /// The annex of a document without findings.
    pub no_anomalies: &'static str,
    /// One finding.
    pub one_finding: &'static str,
    /// `{n}` findings.
    pub findings: &'static str,
    /// A kind's line: `{kind}`, `{severity}`, `{findings}`.
    pub kind_line: &'static str,
    /// A kind's line when findings hold several occurrences: also `{occurrences}`.
    pub kind_line_occurrences: &'static str,
    /// One example finding: `{line}`, `{column}`, `{detail}`, `{context}`.
    pub example: &'static str,
    /// One example finding without a detail (a Chinese briefing has none for a folded run or a
    /// parenthesis): `{line}`, `{column}`, `{context}`.
    pub example_no_detail: &'static str,
    /// A character's annotations (see `annex`): `{ch}`, `{times}`, `{extra}`, `{readings}`.
    pub detail_repeat: &'static str,
    /// After `detail_repeat`, the reading a conflict keeps: `{kept}`.
    pub detail_keeps: &'static str,
    /// After a list of readings cut short: `{n}` more.
    pub detail_more: &'static str,
    /// A reading the dictionary does not give: `{ch}`, `{reading}`, `{known}`.
    pub detail_not_in_dictionary: &'static str,
    /// A reading wrong for its word: `{word}`, `{word_reading}`, `{ch}`, `{annotated}`.
    pub detail_wrong_in_context: &'static str,
    /// A number out of sequence: `{level}`, `{found}`, `{expected}`.
    pub detail_numbering: &'static str,
    /// Not a pinyin syllable: `{text}`.
    pub detail_invalid_reading: &'static str,
    /// The numbered levels: section, subsection, item.
    pub level_names: [&'static str; 6],
    /// The running footer: `{page}`, `{total}`.
    pub page_of: &'static str,
    /// The PDF's subject (document properties).
    pub subject: &'static str,
    /// Severity names: warning, error.
    severities: [&'static str; 2],
    /// Names of the kinds of findings, by their table name; a kind not listed keeps its name.
    kinds: &'static [(&'static str, &'static str)],
}

impl Words {
    /// The label of a key figure.
    pub fn figure(&self, figure: KeyFigure) -> &'static str {
        let index = match figure {
            KeyFigure::Documents => 0,
            KeyFigure::Sections => 1,
            KeyFigure::Items => 2,
            KeyFigure::Platforms => 3,
            KeyFigure::TitledDocuments => 4,
            KeyFigure::Countries => 5,
            KeyFigure::AnnotationCoverage => 6,
            KeyFigure::Anomalies => 7,
        };
        self.figures[index]
    }

    /// A severity as the anomalies table names it (`warning`, `error`), in this language.
    pub fn severity<'a>(&self, name: &'a str) -> &'a str {
        match name {
            "warning" => self.severities[0],
            "error" => self.severities[1],
            other => other,
        }
    }

    /// A kind of finding as the anomalies table names it, in this language.
    pub fn kind<'a>(&self, name: &'a str) -> &'a str {
        self.kinds
            .iter()
            .find(|(key, _)| *key == name)
            .map_or(name, |(_, words)| words)
    }
}

/// A template with its `{slots}` filled.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (slot, value) in values {
        out = out.replace(&format!("{{{slot}}}"), value);
    }
    out
}

/// English.
pub static ENGLISH: Words = Words {
    tag: "en",
    subtitle: "Briefing · source {source} · {sections} sections, {items} items",
    subtitle_articles: "Briefing · source {source} · {sections} chapters, {items} articles",
    chapters_articles: ["Chapters", "Articles"],
    key_figures: "Key figures",
    figures: [
        "Documents",
        "Sections",
        "Numbered items",
        "Mechanisms / forums / platforms",
        "Documents titled 《…》",
        "Countries named",
        "Annotation coverage",
        "Anomalies",
    ],
    items_per_topic: "Items per topic",
    units_per_topic: "Passages per topic",
    background: "Background",
    loose_items: "Items outside any section",
    cut_short: "This briefing is cut short",
    note: "The briefing stops after {pages} pages, its limit: {what} not shown (or not in \
           full){from}. The full text is in the workbook (workbook.xlsx, sheets Items, Sections \
           and Paragraphs) and in the CSV (tables/items.csv, tables/sections.csv, \
           tables/paragraphs.csv). `--briefing-pages` sets the limit.",
    left_sections: "{left} of {all} section headings",
    left_items: "{left} of {all} items",
    left_paragraphs: "{left} of {all} paragraphs",
    list_separator: ", ",
    left_parts: "{parts} are",
    left_rest: "the rest of the text is",
    left_from: " from line {line} of the source on",
    annex: "Annex: data quality",
    no_anomalies: "No anomalies were found.",
    one_finding: "1 finding",
    findings: "{n} findings",
    kind_line: "{kind} ({severity}): {findings}",
    kind_line_occurrences: "{kind} ({severity}): {findings}, {occurrences} occurrences",
    example: "line {line}, column {column}: {detail} — {context}",
    example_no_detail: "line {line}, column {column}: {context}",
    // English briefings show the tables' own details.
    detail_repeat: "",
    detail_keeps: "",
    detail_more: "",
    detail_not_in_dictionary: "",
    detail_wrong_in_context: "",
    detail_numbering: "",
    detail_invalid_reading: "",
    level_names: [
        "section",
        "subsection",
        "item",
        "article",
        "clause",
        "point",
    ],
    page_of: "page {page} of {total}",
    subject: "Briefing on a pinyin-annotated document",
    severities: ["warning", "error"],
    kinds: &[],
};

/// Chinese, simplified script.
pub static SIMPLIFIED: Words = Words {
    tag: "zh-Hans",
    subtitle: "简报 · 来源 {source} · {sections} 节，{items} 条",
    subtitle_articles: "简报 · 来源 {source} · {sections} 章，{items} 条",
    chapters_articles: ["章", "条"],
    key_figures: "主要数据",
    figures: [
        "文件",
        "节",
        "编号条目",
        "机制／论坛／平台",
        "以《…》为题的文件",
        "提及的国家",
        "注音覆盖率",
        "异常",
    ],
    items_per_topic: "各主题条目数",
    units_per_topic: "各主题段落数",
    background: "背景",
    loose_items: "未归入各节的条目",
    cut_short: "本简报有所删节",
    note: "本简报在达到 {pages} 页的上限后结束：{what}未显示（或未完整显示）{from}。全文见\
           工作簿（workbook.xlsx 的 Items、Sections 和 Paragraphs 工作表）及 CSV\
           （tables/items.csv、tables/sections.csv、tables/paragraphs.csv）。页数上限由 \
           `--briefing-pages` 设定。",
    left_sections: "{all} 个节标题中的 {left} 个",
    left_items: "{all} 条条目中的 {left} 条",
    left_paragraphs: "{all} 段段落中的 {left} 段",
    list_separator: "、",
    left_parts: "{parts}",
    left_rest: "其余文字",
    left_from: "（自原文第 {line} 行起）",
    annex: "附录：数据质量",
    no_anomalies: "未发现异常。",
    one_finding: "1 处",
    findings: "{n} 处",
    kind_line: "{kind}（{severity}）：{findings}",
    kind_line_occurrences: "{kind}（{severity}）：{findings}，共 {occurrences} 次",
    example: "第 {line} 行第 {column} 列：{detail} — {context}",
    example_no_detail: "第 {line} 行第 {column} 列：{context}",
    detail_repeat: "「{ch}」注音 {times} 次（多 {extra} 次）：{readings}",
    detail_keeps: "，保留 {kept}",
    detail_more: " 等（另 {n} 个）",
    detail_not_in_dictionary: "「{ch}」注音 {reading}，词典读作 {known}",
    detail_wrong_in_context: "「{word}」读作 {word_reading}，「{ch}」注音 {annotated}",
    detail_numbering: "{level}编号 {found}，应为 {expected}",
    detail_invalid_reading: "{text} 不是拼音音节",
    level_names: ["节", "小节", "条目", "条", "项", "要点"],
    page_of: "第 {page} 页，共 {total} 页",
    subject: "拼音注音文件简报",
    severities: ["警告", "错误"],
    kinds: &[
        ("repeated_annotation", "重复注音"),
        ("conflicting_annotation", "注音冲突"),
        ("annotation_after_non_hanzi", "非汉字后的注音"),
        ("invalid_reading", "无效读音"),
        ("unclosed_parenthesis", "括号未闭合"),
        ("unmatched_parenthesis", "多余的右括号"),
        ("numbering_gap", "编号缺漏"),
        ("numbering_duplicate", "编号重复"),
        ("numbering_restart", "编号重新开始"),
        ("control_character", "控制字符"),
        ("reading_not_in_dictionary", "词典未收的读音"),
        ("reading_wrong_in_context", "与词语不符的读音"),
    ],
};

/// Chinese, traditional script.
pub static TRADITIONAL: Words = Words {
    tag: "zh-Hant",
    subtitle: "簡報 · 來源 {source} · {sections} 節，{items} 條",
    subtitle_articles: "簡報 · 來源 {source} · {sections} 章，{items} 條",
    chapters_articles: ["章", "條"],
    key_figures: "主要數據",
    figures: [
        "文件",
        "節",
        "編號條目",
        "機制／論壇／平臺",
        "以《…》為題的文件",
        "提及的國家",
        "注音覆蓋率",
        "異常",
    ],
    items_per_topic: "各主題條目數",
    units_per_topic: "各主題段落數",
    background: "背景",
    loose_items: "未歸入各節的條目",
    cut_short: "本簡報有所刪節",
    note: "本簡報在達到 {pages} 頁的上限後結束：{what}未顯示（或未完整顯示）{from}。全文見\
           工作簿（workbook.xlsx 的 Items、Sections 和 Paragraphs 工作表）及 CSV\
           （tables/items.csv、tables/sections.csv、tables/paragraphs.csv）。頁數上限由 \
           `--briefing-pages` 設定。",
    left_sections: "{all} 個節標題中的 {left} 個",
    left_items: "{all} 條條目中的 {left} 條",
    left_paragraphs: "{all} 段段落中的 {left} 段",
    list_separator: "、",
    left_parts: "{parts}",
    left_rest: "其餘文字",
    left_from: "（自原文第 {line} 行起）",
    annex: "附錄：數據質量",
    no_anomalies: "未發現異常。",
    one_finding: "1 處",
    findings: "{n} 處",
    kind_line: "{kind}（{severity}）：{findings}",
    kind_line_occurrences: "{kind}（{severity}）：{findings}，共 {occurrences} 次",
    example: "第 {line} 行第 {column} 列：{detail} — {context}",
    example_no_detail: "第 {line} 行第 {column} 列：{context}",
    detail_repeat: "「{ch}」注音 {times} 次（多 {extra} 次）：{readings}",
    detail_keeps: "，保留 {kept}",
    detail_more: " 等（另 {n} 個）",
    detail_not_in_dictionary: "「{ch}」注音 {reading}，詞典讀作 {known}",
    detail_wrong_in_context: "「{word}」讀作 {word_reading}，「{ch}」注音 {annotated}",
    detail_numbering: "{level}編號 {found}，應為 {expected}",
    detail_invalid_reading: "{text} 不是拼音音節",
    level_names: ["節", "小節", "條目", "條", "項", "要點"],
    page_of: "第 {page} 頁，共 {total} 頁",
    subject: "拼音注音文件簡報",
    severities: ["警告", "錯誤"],
    kinds: &[
        ("repeated_annotation", "重複注音"),
        ("conflicting_annotation", "注音衝突"),
        ("annotation_after_non_hanzi", "非漢字後的注音"),
        ("invalid_reading", "無效讀音"),
        ("unclosed_parenthesis", "括號未閉合"),
        ("unmatched_parenthesis", "多餘的右括號"),
        ("numbering_gap", "編號缺漏"),
        ("numbering_duplicate", "編號重複"),
        ("numbering_restart", "編號重新開始"),
        ("control_character", "控制字元"),
        ("reading_not_in_dictionary", "詞典未收的讀音"),
        ("reading_wrong_in_context", "與詞語不符的讀音"),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_follows_the_documents_script() {
        assert_eq!(Lang::Auto.words_for("中國與中亞").background, "背景");
        assert_eq!(Lang::Auto.words_for("中國與中亞").annex, "附錄：數據質量");
        assert_eq!(Lang::Auto.words_for("中国与中亚").annex, "附录：数据质量");
        assert_eq!(Lang::Auto.words_for("no hanzi").background, "Background");
        assert_eq!(Lang::En.words_for("中國").background, "Background");
        assert_eq!(Lang::ZhHans.words_for("中國").tag, "zh-Hans");
    }

    #[test]
    fn lang_parses_its_four_values_and_refuses_others() {
        assert_eq!("auto".parse(), Ok(Lang::Auto));
        assert_eq!("en".parse(), Ok(Lang::En));
        assert_eq!("zh-Hans".parse(), Ok(Lang::ZhHans));
        assert_eq!("zh-hant".parse(), Ok(Lang::ZhHant));
        assert_eq!("fr".parse::<Lang>(), Err(UnknownLang("fr".into())));
    }

    #[test]
    fn templates_fill_every_slot_in_each_language() {
        for words in [&ENGLISH, &SIMPLIFIED, &TRADITIONAL] {
            let footer = fill(words.page_of, &[("page", "3"), ("total", "12")]);
            assert!(footer.contains('3') && footer.contains("12"), "{footer}");
            assert!(!footer.contains('{'), "{footer}");
        }
        assert_eq!(
            fill(TRADITIONAL.page_of, &[("page", "3"), ("total", "12")]),
            "第 3 頁，共 12 頁"
        );
        assert_eq!(SIMPLIFIED.kind("repeated_annotation"), "重复注音");
        assert_eq!(ENGLISH.kind("repeated_annotation"), "repeated_annotation");
        assert_eq!(TRADITIONAL.severity("error"), "錯誤");
        assert_eq!(SIMPLIFIED.figure(KeyFigure::Items), "编号条目");
    }

    #[test]
    fn english_labels_match_the_workbooks() {
        for figure in [KeyFigure::Documents, KeyFigure::Items, KeyFigure::Anomalies] {
            assert_eq!(ENGLISH.figure(figure), figure.label());
        }
    }
}
