//! The corpus briefing's own words, in the languages the document briefings speak (English,
//! simplified and traditional Chinese). Labels the two briefings share (key figures, kinds of
//! findings, severities, the footer) come from [`crate::Words`]; sentences with numbers are
//! templates with named `{slots}`.

/// The fixed words of a corpus briefing in one language.
#[derive(Debug)]
pub(crate) struct CorpusWords {
    /// The title without `--title`: `{n}` documents.
    pub(crate) title: &'static str,
    /// Under the title: `{documents}`, `{span}`.
    pub(crate) subtitle: &'static str,
    /// The span of dates mentioned: `{first}`, `{last}`.
    pub(crate) span: &'static str,
    /// The PDF's subject (document properties).
    pub(crate) subject: &'static str,
    /// Key-figure labels: documents, sections, items, paragraphs, clauses and points, hanzi,
    /// annotation coverage, countries, cities, organisations, documents named 《》, dates
    /// mentioned, errors, warnings.
    pub(crate) figures: [&'static str; 14],
    /// Heading of the documents' table.
    pub(crate) documents: &'static str,
    /// Its columns: title, dates, script, sections / items, coverage, errors / warnings.
    pub(crate) document_columns: [&'static str; 6],
    /// Script names: traditional, simplified, mixed.
    pub(crate) scripts: [&'static str; 3],
    /// Under a table cut short: `{n}` more documents, `{first}`–`{last}` their dates.
    pub(crate) more_documents: &'static str,
    /// Heading of the topics.
    pub(crate) topics: &'static str,
    /// The chart's title.
    pub(crate) items_per_topic: &'static str,
    /// The chart's title when the corpus has no items: passages per topic.
    pub(crate) units_per_topic: &'static str,
    /// Which documents carry a topic: `{topic}`, `{n}` documents, `{titles}` the first ones.
    pub(crate) topic_documents: &'static str,
    /// After a list cut short: `{n}` more.
    pub(crate) and_more: &'static str,
    /// Between the entries of a list.
    pub(crate) separator: &'static str,
    /// Heading of the recurring names.
    pub(crate) names: &'static str,
    /// The kinds of names listed: countries, cities, organisations, documents named 《》.
    pub(crate) name_kinds: [&'static str; 4],
    /// The names' columns: name, documents, mentions.
    pub(crate) name_columns: [&'static str; 3],
    /// After a kind's names cut short: `{n}` more names.
    pub(crate) more_names: &'static str,
    /// Heading of the timeline.
    pub(crate) timeline: &'static str,
    /// The timeline's columns: year, documents, mentions.
    pub(crate) timeline_columns: [&'static str; 3],
    /// The row of the years before those shown: `{year}`.
    pub(crate) before: &'static str,
    /// Heading of the findings.
    pub(crate) findings: &'static str,
    /// The findings' columns: kind, severity, findings, occurrences, documents.
    pub(crate) finding_columns: [&'static str; 5],
    /// Heading of the documents with the most findings.
    pub(crate) most_findings: &'static str,
    /// Columns of that list: document, errors, warnings.
    pub(crate) most_findings_columns: [&'static str; 3],
    /// Where every row is: the workbook and the CSV.
    pub(crate) everything: &'static str,
    /// An empty section.
    pub(crate) none: &'static str,
}

impl CorpusWords {
    /// The words for the briefing words' language tag.
    pub(crate) fn for_tag(tag: &str) -> &'static CorpusWords {
        match tag {
            "zh-Hans" => &SIMPLIFIED,
            "zh-Hant" => &TRADITIONAL,
            _ => &ENGLISH,
        }
    }

    /// A script's name (`traditional`, `simplified`, `mixed`, as the documents table says).
    pub(crate) fn script<'a>(&self, name: &'a str) -> &'a str {
        match name {
            "traditional" => self.scripts[0],
            "simplified" => self.scripts[1],
            "mixed" => self.scripts[2],
            other => other,
        }
    }
}

static ENGLISH: CorpusWords = CorpusWords {
    title: "Corpus briefing: {n} documents",
    subtitle: "{documents} documents · {span}",
    span: "dates mentioned from {first} to {last}",
    subject: "Briefing on a corpus of pinyin-annotated documents",
    figures: [
        "Documents",
        "Sections",
        "Numbered items",
        "Paragraphs",
        "Clauses and points",
        "Hanzi",
        "Annotation coverage",
        "Countries named",
        "Cities named",
        "Organisations named",
        "Documents named 《…》",
        "Dates mentioned",
        "Errors",
        "Warnings",
    ],
    documents: "Documents",
    document_columns: [
        "Title",
        "Dates",
        "Script",
        "Sections / items",
        "Coverage",
        "Errors / warnings",
    ],
    scripts: ["traditional", "simplified", "mixed"],
    more_documents: "… and {n} more documents, dated {first} to {last}.",
    topics: "Topics across the corpus",
    items_per_topic: "Items per topic",
    units_per_topic: "Passages per topic",
    topic_documents: "{topic}: {n} documents, most in {titles}",
    and_more: " and {n} more",
    separator: ", ",
    names: "Names that recur",
    name_kinds: [
        "Countries",
        "Cities",
        "Organisations",
        "Documents named 《…》",
    ],
    name_columns: ["Name", "Documents", "Mentions"],
    more_names: "… and {n} more",
    timeline: "Dates mentioned, year by year",
    timeline_columns: ["Year", "Documents", "Mentions"],
    before: "before {year}",
    findings: "Findings by kind and severity",
    finding_columns: ["Kind", "Severity", "Findings", "Occurrences", "Documents"],
    most_findings: "Documents with the most findings",
    most_findings_columns: ["Document", "Errors", "Warnings"],
    everything: "Every document, name, date and finding is in the workbook (workbook.xlsx) and \
                 the tables (tables/*.csv, tables/*.parquet).",
    none: "None.",
};

static SIMPLIFIED: CorpusWords = CorpusWords {
    title: "语料简报：{n} 份文件",
    subtitle: "{documents} 份文件 · {span}",
    span: "提及的日期自 {first} 至 {last}",
    subject: "拼音注音文件语料简报",
    figures: [
        "文件",
        "节",
        "编号条目",
        "段落",
        "条款与要点",
        "汉字",
        "注音覆盖率",
        "提及的国家",
        "提及的城市",
        "提及的组织",
        "以《…》提及的文件",
        "提及的日期",
        "错误",
        "警告",
    ],
    documents: "文件一览",
    document_columns: ["标题", "日期", "字体", "节／条", "注音覆盖率", "错误／警告"],
    scripts: ["繁体", "简体", "繁简混合"],
    more_documents: "……另有 {n} 份文件，日期自 {first} 至 {last}。",
    topics: "各主题概况",
    items_per_topic: "各主题条目数",
    units_per_topic: "各主题段落数",
    topic_documents: "{topic}：{n} 份文件，主要见于{titles}",
    and_more: "等（另有 {n} 份）",
    separator: "、",
    names: "反复出现的名称",
    name_kinds: ["国家", "城市", "组织", "以《…》提及的文件"],
    name_columns: ["名称", "文件数", "提及次数"],
    more_names: "……另有 {n} 个",
    timeline: "提及的日期（按年）",
    timeline_columns: ["年份", "文件数", "提及次数"],
    before: "{year} 年以前",
    findings: "各类问题及其严重程度",
    finding_columns: ["类别", "严重程度", "问题数", "出现次数", "文件数"],
    most_findings: "问题最多的文件",
    most_findings_columns: ["文件", "错误", "警告"],
    everything: "所有文件、名称、日期和问题均见工作簿（workbook.xlsx）及数据表（tables/*.csv、\
                 tables/*.parquet）。",
    none: "无。",
};

static TRADITIONAL: CorpusWords = CorpusWords {
    title: "語料簡報：{n} 份文件",
    subtitle: "{documents} 份文件 · {span}",
    span: "提及的日期自 {first} 至 {last}",
    subject: "拼音注音文件語料簡報",
    figures: [
        "文件",
        "節",
        "編號條目",
        "段落",
        "條款與要點",
        "漢字",
        "注音覆蓋率",
        "提及的國家",
        "提及的城市",
        "提及的組織",
        "以《…》提及的文件",
        "提及的日期",
        "錯誤",
        "警告",
    ],
    documents: "文件一覽",
    document_columns: ["標題", "日期", "字體", "節／條", "注音覆蓋率", "錯誤／警告"],
    scripts: ["繁體", "簡體", "繁簡混合"],
    more_documents: "……另有 {n} 份文件，日期自 {first} 至 {last}。",
    topics: "各主題概況",
    items_per_topic: "各主題條目數",
    units_per_topic: "各主題段落數",
    topic_documents: "{topic}：{n} 份文件，主要見於{titles}",
    and_more: "等（另有 {n} 份）",
    separator: "、",
    names: "反覆出現的名稱",
    name_kinds: ["國家", "城市", "組織", "以《…》提及的文件"],
    name_columns: ["名稱", "文件數", "提及次數"],
    more_names: "……另有 {n} 個",
    timeline: "提及的日期（按年）",
    timeline_columns: ["年份", "文件數", "提及次數"],
    before: "{year} 年以前",
    findings: "各類問題及其嚴重程度",
    finding_columns: ["類別", "嚴重程度", "問題數", "出現次數", "文件數"],
    most_findings: "問題最多的文件",
    most_findings_columns: ["文件", "錯誤", "警告"],
    everything: "所有文件、名稱、日期和問題均見工作簿（workbook.xlsx）及數據表（tables/*.csv、\
                 tables/*.parquet）。",
    none: "無。",
};
