//! Entity mentions: gazetteer names, item suffixes, mark pairs and dates.

use std::collections::HashSet;
use std::ops::Range;

use super::dates::{find_dates, DateMention};
use super::script::fold;
use super::tagger::Tagger;
use crate::rules::EntityPattern;

pub use super::tagger::{FEATURE, IGNORE};

/// An entity mention found in a block. Kinds, rules and canonical names are borrowed from the
/// compiled rules ([`Tagger`]): a corpus has millions of mentions of a few thousand names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention<'t> {
    /// Kind (`country`, `city`, `organisation`, `document`, `mechanism`, `quoted_term`, `date`…).
    pub kind: &'t str,
    /// The text, as the document spells it.
    pub text: String,
    /// What it stands for when the text is a short form or a spelling of a gazetteer name
    /// (`哈薩克` → `哈薩克斯坦`); `None` when it stands for itself.
    pub canonical: Option<&'t str>,
    /// Which rule fired, e.g. `gazetteer:country`, `pair:《》`, `suffix:機制`, `date`.
    pub rule: &'t str,
    /// Byte offset in the block's clean text.
    pub offset: usize,
}

impl EntityMention<'_> {
    /// The full name the mention stands for: the canonical name, else the text.
    pub fn full_name(&self) -> &str {
        self.canonical.unwrap_or(&self.text)
    }
}

/// Entity mentions in one block's clean text; `is_item` enables the whole-item suffix rules.
pub fn find_entities<'t>(text: &str, is_item: bool, tagger: &'t Tagger) -> Vec<EntityMention<'t>> {
    entities_in(text, &fold(text), is_item, tagger, &find_dates(text))
        .into_iter()
        .map(|m| EntityMention {
            kind: m.kind,
            text: m.text(text).to_owned(),
            canonical: m.canonical,
            rule: m.rule,
            offset: m.offset,
        })
        .collect()
}

/// An [`EntityMention`] as the transform keeps it: its text as a byte range of the block's
/// clean text, not a string of its own (a corpus has millions of mentions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention<'t> {
    pub(crate) kind: &'t str,
    /// The bytes of its text in the block's clean text.
    pub(crate) text: Range<usize>,
    pub(crate) canonical: Option<&'t str>,
    pub(crate) rule: &'t str,
    pub(crate) offset: usize,
}

impl<'t> Mention<'t> {
    /// Its text, as the block (`block_text`) spells it.
    pub(crate) fn text<'a>(&self, block_text: &'a str) -> &'a str {
        block_text.get(self.text.clone()).unwrap_or("")
    }

    /// The full name it stands for: the canonical name, else the text.
    pub(crate) fn full_name<'a>(&self, block_text: &'a str) -> &'a str
    where
        't: 'a,
    {
        self.canonical.unwrap_or_else(|| self.text(block_text))
    }
}

/// Suffixes that make a place's name into a feature's.
const FEATURE_SUFFIXES: [&str; 11] = [
    "湾",
    "灣",
    "海峡",
    "海峽",
    "运河",
    "運河",
    "半岛",
    "半島",
    "三角洲",
    "盐沼",
    "海沟",
];

/// The kind of a first-level division of a country (a state, a province, an oblast).
pub const DIVISION: &str = "division";

/// The kind of ports, border crossings, islands and other places that are not cities.
pub const PLACE: &str = "place";

/// Suffixes that make a city's name into its port's or its border crossing's (`卡塔赫纳港`,
/// `霍尔果斯口岸`): a place. Not `港口` (`驶往北海港口`: ports in general) nor `港湾`.
const PORT_SUFFIXES: [&str; 3] = ["口岸", "深水港", "港"];

/// Suffixes that make a city's name into the division named after it (`拉各斯州`, `魁北克省`,
/// `清迈府`, `马哈拉施特拉邦`, `伦巴第大区`), or a division's short name into its full name
/// (`加泰罗尼亚自治区`, `伏伊伏丁那自治省`).
const DIVISION_SUFFIXES: [&str; 9] = [
    "自治共和国",
    "自治区",
    "自治省",
    "自治州",
    "大区",
    "州",
    "省",
    "邦",
    "府",
];

/// Characters that join the parts of a person's name written in transliteration
/// (`维多利亚·门多萨`): a place's name beside one is part of a person's name.
const NAME_DOTS: [char; 5] = ['·', '•', '‧', '・', '∙'];

/// Kinds of names of places: a suffix after them may make another word.
const PLACE_KINDS: [&str; 7] = [
    "country",
    "territory",
    "province",
    "region",
    "city",
    "division",
    "place",
];

/// Words a mechanism's name never starts with: the verbs that set one up or use it, and the
/// words that join it to the sentence (`同意建立｜中国—海合会能源合作对话机制`).
///
/// One-character joining words that often stand inside names (`对话`, `和平`, `同盟`,
/// `协调与合作委员会`) are not among them.
const BEFORE_A_NAME: [&str; 91] = [
    "简称",
    "称为",
    "名为",
    "使用",
    "审议",
    "即",
    "是",
    "建设",
    "建成",
    "推进",
    "开展",
    "提升",
    "扩大",
    "承办",
    "主办",
    "协办",
    "下设",
    "设有",
    "以下",
    "纳入",
    "加入",
    "融入",
    "对接",
    "借助",
    "依据",
    "建立",
    "设立",
    "成立",
    "完善",
    "启动",
    "举办",
    "召开",
    "发挥",
    "利用",
    "依托",
    "通过",
    "加强",
    "推动",
    "支持",
    "用好",
    "打造",
    "搭建",
    "深化",
    "落实",
    "构建",
    "组建",
    "创建",
    "共建",
    "参与",
    "参加",
    "出席",
    "举行",
    "欢迎",
    "同意",
    "决定",
    "继续",
    "进一步",
    "积极",
    "充分",
    "共同",
    "双方",
    "各方",
    "中方",
    "根据",
    "按照",
    "探讨",
    "健全",
    "强化",
    "运用",
    "设在",
    "成为",
    "作为",
    "现有",
    "负责",
    "回顾",
    "下列",
    "下一届",
    "主要",
    "专业",
    "等",
    "了",
    "相关",
    "有关",
    "各类",
    "既有",
    "已有",
    "多边",
    "双边",
    "的",
    "在",
    "及",
];

/// Words that say what kind of mechanism a phrase is without naming one: a phrase made of
/// nothing else before its suffix (`沟通协调机制`, `常态化交流平台`, `专门委员会`) is no name.
const GENERIC_WORDS: [&str; 42] = [
    "非营利性",
    "非政府",
    "政府间",
    "区域性",
    "地区性",
    "国际",
    "部长级",
    "会议",
    "协商",
    "争端",
    "专家",
    "咨询",
    "常态化",
    "多层次",
    "全方位",
    "长效",
    "沟通",
    "交流",
    "协调",
    "合作",
    "协作",
    "对话",
    "磋商",
    "会商",
    "联络",
    "工作",
    "定期",
    "常设",
    "专门",
    "专项",
    "有效",
    "务实",
    "高效",
    "稳定",
    "长期",
    "固定",
    "联合",
    "综合",
    "服务",
    "信息",
    "共享",
    "会晤",
];

/// Suffixes that name a particular mechanism only with its partners in the phrase (a place,
/// an organisation, `中国—…`, `中美…`, an acronym): without them they name a kind of thing
/// (`物流中心`, `交流平台`, `专题论坛`, `合作网络`).
const NAMED_ONLY_WITH_PARTNERS: [&str; 4] = ["平台", "论坛", "网络", "中心"];

/// What a network is when it is infrastructure, not a mechanism (`泛欧交通网络`).
const INFRASTRUCTURE: [&str; 11] = [
    "互联互通",
    "交通",
    "运输",
    "物流",
    "铁路",
    "公路",
    "航线",
    "管道",
    "电力",
    "通信",
    "基础设施",
];

/// Characters that stand for a country or region in a bilateral name (`中美省州长论坛`,
/// `中拉港航人才培训中心`), after 中.
const PARTNER_INITIALS: &str = "美俄日韩欧非拉阿德法英意加澳新巴印越老柬泰缅蒙哈吉塔乌土伊埃以南";

/// Whether `phrase` (before its suffix) is made of [`GENERIC_WORDS`] only, or says only how
/// long a mechanism lasts (`农业合作长效机制`).
fn is_generic(phrase: &str) -> bool {
    if phrase.ends_with("长效") {
        return true;
    }
    let mut rest = phrase;
    while !rest.is_empty() {
        match GENERIC_WORDS.iter().find(|w| rest.starts_with(**w)) {
            Some(word) => rest = &rest[word.len()..],
            None => return false,
        }
    }
    true
}

/// [`BEFORE_A_NAME`] as one automaton: a phrase is read once, not once per word.
fn before_a_name() -> &'static aho_corasick::AhoCorasick {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        aho_corasick::AhoCorasick::new(BEFORE_A_NAME)
            .unwrap_or_else(|e| panic!("the words before a name compile: {e}"))
    })
}

/// The mechanisms, forums and platforms a text names where it stands: the noun phrase that ends
/// with `suffix` (`…机制`, `…论坛`, `…平台`), from after the last verb or joining word before it
/// (see [`BEFORE_A_NAME`]) and never across punctuation. A phrase of fewer than three characters
/// before the suffix (`合作机制`) names no particular one; one that holds a name of the
/// gazetteer already found (`湄公河委员会`) is that name.
fn named_in_text<'t>(
    folded: &str,
    tagger: &'t Tagger,
    names: usize,
    whole_item_ends: &[usize],
    out: &mut Vec<Mention<'t>>,
) {
    let Some(finder) = &tagger.suffix_finder else {
        return;
    };
    // The gazetteer's names (the first `names` mentions, in order) and where they end, made
    // only for a block that holds a suffix.
    let mut found_names: Option<Vec<Range<usize>>> = None;
    let mut ends: Option<HashSet<usize>> = None;
    let mut from = 0;
    let mut previous_end = 0;
    // Whether a 《 is open at `from`: followed forward, so a huge block is read once.
    let mut in_title = false;
    for found in finder.find_iter(folded) {
        let at = found.start();
        let names: &[Range<usize>] = found_names
            .get_or_insert_with(|| out.iter().take(names).map(|m| m.text.clone()).collect());
        let Some(&rule_index) = tagger.suffix_rule.get(found.pattern().as_usize()) else {
            continue;
        };
        let (Some(rule), Some(name)) = (
            tagger.rules.entities.get(rule_index),
            tagger.entity_rules.get(rule_index),
        ) else {
            continue;
        };
        let (kind, rule) = (rule.kind.as_str(), name.as_str());
        for c in folded[from..at].chars() {
            match c {
                '《' => in_title = true,
                '》' => in_title = false,
                _ => {}
            }
        }
        let end = found.end();
        from = at;
        let after_previous = previous_end;
        // A name that reads on past its suffix (`上合组织｜交通部长会议机制`) may be the start
        // of the next one; one followed by a joining word or punctuation ends it.
        let reads_on = folded[end..]
            .chars()
            .next()
            .is_some_and(|c| annotext_parser::is_hanzi(c) && !"和及与、等".contains(c));
        if !reads_on {
            previous_end = end;
        }
        // A title in 《》 names a document, not the mechanism in its words.
        if in_title {
            continue;
        }
        // Back over the phrase: hanzi, dashes and Latin words, up to punctuation (a phrase is
        // short: a longer run is no name).
        let mut start = at;
        for (i, c) in folded[..at].char_indices().rev().take(64) {
            // Digits end it (`2025年｜…论坛`), and so does the suffix of a mechanism before
            // (`…论坛和｜…论坛`).
            if i < after_previous {
                break;
            }
            if annotext_parser::is_hanzi(c) || c.is_ascii_alphabetic() || "—-·".contains(c) {
                start = i;
            } else {
                break;
            }
        }
        // After the last word that joins it to the sentence, and from the first name after
        // that (`挖掘｜中国—中亚电子商务合作对话机制`).
        let phrase = &folded[start..at];
        if let Some(cut) = before_a_name()
            .find_overlapping_iter(phrase)
            .map(|m| m.end())
            .max()
        {
            start += cut;
        }
        // Two bodies joined (`北欧部长理事会和｜国际北极科学委员会`): from after the last
        // 和 or 及 that follows a body's name.
        if let Some(cut) = folded[start..at]
            .rmatch_indices(['和', '及'])
            .find(|(i, _)| ends_a_body(&folded[start..start + i]))
            .map(|(i, j)| i + j.len())
        {
            start += cut;
        }
        // Two mechanisms joined (`东盟地区论坛和｜中国—东盟应急协调机制`): from the last name
        // that follows a joining word.
        let first_name = names.partition_point(|n| n.start < start);
        // Not a name joined to a name right before it (`拉美和加勒比`): one name's parts.
        let joined = names[first_name..]
            .iter()
            .take_while(|n| n.end <= at)
            .filter(|n| {
                let mut before = folded[..n.start].char_indices().rev();
                let joins = before.next().filter(|(_, c)| "和及、等与與".contains(*c));
                joins.is_some_and(|(j, _)| !names.iter().any(|other| other.end == j))
            })
            .map(|n| n.start)
            .last();
        if let Some(name) = joined {
            start = name;
        } else if let Some(name) = names.get(first_name).filter(|n| n.end <= at) {
            start = name.start;
        }
        // A word that joins it to the one before is not part of it (`…机制和｜…平台`), nor a
        // meeting's number (`第五届｜中美省州长论坛`).
        while let Some(c) = folded[start..at]
            .chars()
            .next()
            .filter(|c| "和与及并、".contains(*c))
        {
            start += c.len_utf8();
        }
        start += ordinal_prefix(&folded[start..at]);
        let phrase = &folded[start..at];
        let length = phrase.chars().count();
        if !(3..=20).contains(&length) || is_generic(phrase) {
            continue;
        }
        let suffix = &folded[at..end];
        let names_one = names.iter().any(|n| n.start >= start && n.end <= at)
            || phrase.contains('—')
            || phrase.chars().any(|c| c.is_ascii_uppercase())
            || is_bilateral(phrase);
        // A network is a mechanism only when it is not infrastructure (`泛欧交通网络`); a
        // platform, forum, network or centre only when it names its partners
        // (`中国—中亚物流中转中心`, not `物流中心`, `水资源专题论坛`, `数据共享平台`).
        if (suffix == "网络" && INFRASTRUCTURE.iter().any(|w| phrase.ends_with(w)))
            || (NAMED_ONLY_WITH_PARTNERS.contains(&suffix) && !names_one)
        {
            continue;
        }
        // A name of the gazetteer that ends here is that name (`湄公河委员会`), and a phrase
        // found by another suffix's pass is found once.
        let ends = ends.get_or_insert_with(|| {
            names
                .iter()
                .map(|n| n.end)
                .chain(whole_item_ends.iter().copied())
                .collect()
        });
        if !ends.insert(end) {
            continue;
        }
        out.push(Mention {
            kind,
            text: start..end,
            canonical: None,
            rule,
            offset: start,
        });
    }
}

/// The bytes of a meeting's number at the start of `phrase` (`第五届`, `第3次`), or 0.
fn ordinal_prefix(phrase: &str) -> usize {
    let Some(rest) = phrase.strip_prefix('第') else {
        return 0;
    };
    let digits = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(*c)))
        .map_or(rest.len(), |(i, _)| i);
    match rest[digits..].chars().next() {
        Some(c @ ('届' | '屆' | '次')) if digits > 0 => '第'.len_utf8() + digits + c.len_utf8(),
        _ => 0,
    }
}

/// Whether `text` ends with the name of a body or mechanism (`…理事会`, `…联盟`, `…组织`).
fn ends_a_body(text: &str) -> bool {
    const BODIES: [&str; 13] = [
        "会", "盟", "组织", "机制", "论坛", "平台", "中心", "署", "局", "银行", "基金", "网络",
        "处",
    ];
    BODIES.iter().any(|b| text.ends_with(b))
}

/// Whether `phrase` starts as a bilateral name: 中 and a partner's initial (`中美…`, `中拉…`).
fn is_bilateral(phrase: &str) -> bool {
    let mut chars = phrase.chars();
    chars.next() == Some('中') && chars.next().is_some_and(|c| PARTNER_INITIALS.contains(c))
}

/// Words that make `…口岸` a kind of crossing, not a named one (`陆路口岸`, `指定口岸`).
const GENERIC_CROSSINGS: [&str; 30] = [
    "边境",
    "陆路",
    "公路",
    "铁路",
    "航空",
    "水运",
    "港口",
    "重点",
    "沿边",
    "开放",
    "指定",
    "一类",
    "二类",
    "国家级",
    "双边",
    "主要",
    "过境",
    "跨境",
    "智慧",
    "智能",
    "数字",
    "绿色",
    "国际",
    "货运",
    "客运",
    "边贸",
    "通商",
    "对外",
    "现代化",
    "陆地",
];

/// Border crossings the gazetteer does not know, named by `…口岸` (`红桥口岸`, `甘其毛都口岸`):
/// the two to five characters before it, back to a joining word or punctuation (`经｜策克口岸`),
/// unless they say what kind of crossing it is (`陆路口岸`) or hold a name found already (those
/// are found as names: `霍尔果斯口岸`).
fn crossings_in_text<'t>(folded: &str, names: usize, out: &mut Vec<Mention<'t>>) {
    for (at, _) in folded.match_indices("口岸") {
        let mut start = at;
        for (i, c) in folded[..at].char_indices().rev().take(6) {
            if !annotext_parser::is_hanzi(c) || "经在从由自与和及的至到往向赴通等、各该".contains(c)
            {
                break;
            }
            start = i;
        }
        // After a verb (`加强｜口岸`).
        if let Some(cut) = before_a_name()
            .find_overlapping_iter(&folded[start..at])
            .map(|m| m.end())
            .max()
        {
            start += cut;
        }
        let head = &folded[start..at];
        let length = head.chars().count();
        if !(2..=5).contains(&length)
            || GENERIC_CROSSINGS.iter().any(|w| head.ends_with(w))
            || out
                .iter()
                .take(names)
                .any(|m| m.text.start < at + "口岸".len() && m.text.end > start)
        {
            continue;
        }
        out.push(Mention {
            kind: PLACE,
            text: start..at + "口岸".len(),
            canonical: None,
            rule: "suffix:口岸",
            offset: start,
        });
    }
}

/// How a name found in the text stands there.
enum Standing {
    /// As a word of its own.
    Word,
    /// As part of another word (`西班牙文`, `EURO`): not a mention.
    Cut,
    /// With a word of the dictionary running into it (`其中` in `其中亚洲`, `从中` in
    /// `从中亚国家`): a mention unless another name reads on from inside it.
    Crossed,
    /// As the head of a longer name of another kind, which ends at the given byte: a feature
    /// (`几内亚湾`), a port (`卡塔赫纳港`), a division (`拉各斯州`).
    Head(&'static str, usize),
}

/// Whether the name at `start..end` of the folded text stands as a word: Latin names (`WTO`)
/// not inside a longer Latin word; a place's name not followed by a suffix that makes a
/// language, a people or a feature (`…文`, `…语`, `…人`, `…湾`, `…海峡`); a word of the dictionary
/// running across its first character makes it doubtful ([`Standing::Crossed`]).
fn standing(folded: &str, start: usize, end: usize, kind: &str) -> Standing {
    let before = folded[..start].chars().next_back();
    let after = folded[end..].chars().next();
    let first = folded[start..].chars().next();
    let last = folded[..end].chars().next_back();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if (latin(first) && latin(before)) || (latin(last) && latin(after)) {
        return Standing::Cut;
    }
    // A river's delta is a feature of its own (`尼罗河三角洲`).
    if kind == FEATURE && folded[end..].starts_with("三角洲") {
        return Standing::Head(FEATURE, end + "三角洲".len());
    }
    if PLACE_KINDS.contains(&kind) {
        let rest = &folded[end..];
        if let Some(suffix) = FEATURE_SUFFIXES.iter().find(|s| rest.starts_with(**s)) {
            return Standing::Head(FEATURE, end + suffix.len());
        }
        // Part of a person's name (`维多利亚·门多萨`).
        if before.is_some_and(|c| NAME_DOTS.contains(&c))
            || after.is_some_and(|c| NAME_DOTS.contains(&c))
        {
            return Standing::Cut;
        }
        // A river, a lake or an island named after a division or a city (`色楞格河`,
        // `库苏古尔湖`, `克里特岛`; not `河北`, `湖南`, `岛国`).
        if kind == "city" || kind == DIVISION {
            let next = rest.chars().nth(1);
            match after {
                Some('河' | '湖') if !next.is_some_and(|c| "北南口畔岸边邊区區".contains(c)) =>
                {
                    return Standing::Head(FEATURE, end + 3);
                }
                Some('岛' | '島') if !next.is_some_and(|c| "国國内內民".contains(c)) => {
                    return Standing::Head(PLACE, end + 3);
                }
                _ => {}
            }
        }
        // A country's formal name (`加纳共和国`, `蒙古国`) and a city's with 市 (`伊瓜苏市`; not
        // `市场`) are the same name, written in full.
        if kind == "country" {
            if let Some(suffix) = ["共和国", "共和國", "王国", "王國", "国", "國"]
                .iter()
                .find(|s| {
                    rest.starts_with(**s)
                        && (s.chars().count() > 1 || folded[start..end].ends_with("蒙古"))
                })
            {
                return Standing::Head("country", end + suffix.len());
            }
        }
        if kind == "city"
            && rest.starts_with('市')
            && !rest[3..].starts_with(['场', '場', '民', '值'])
        {
            return Standing::Head("city", end + 3);
        }
        // Part of the name of a university or college (`大连海事大学`, `北京大学`,
        // `中国农业大学`; but `美国大学` are a country's).
        if in_a_college_name(rest, if kind == "country" { 2 } else { 0 }) {
            return Standing::Cut;
        }
        if kind == "city" || kind == PLACE || kind == DIVISION {
            let port = PORT_SUFFIXES.iter().find(|s| rest.starts_with(**s));
            if let Some(suffix) = port {
                let next = rest[suffix.len()..].chars().next();
                if *suffix != "港" || !next.is_some_and(|c| "口湾灣".contains(c)) {
                    return Standing::Head(PLACE, end + suffix.len());
                }
            }
        }
        // Not after a name that has its suffix already (`纽约州｜州长`).
        let named_in_full = DIVISION_SUFFIXES
            .iter()
            .any(|s| folded[start..end].ends_with(s));
        if (kind == "city" || kind == DIVISION) && !named_in_full {
            if let Some(suffix) = DIVISION_SUFFIXES.iter().find(|s| rest.starts_with(**s)) {
                return Standing::Head(DIVISION, end + suffix.len());
            }
        }
        let next = rest.chars().nth(1);
        match after {
            // A language: `西班牙语`, `西班牙文` (but `中国文化`, `中国文学`).
            Some('语' | '語') => return Standing::Cut,
            Some('文') if !next.is_some_and(|c| "化学學明物献獻件字本艺藝".contains(c)) => {
                return Standing::Cut
            }
            // A people: `西班牙人` (but `中国人民`, `中国人口`).
            Some('人') if !next.is_some_and(|c| "民口大士权權才员員".contains(c)) => {
                return Standing::Cut
            }
            _ => {}
        }
    }
    if crosses_a_word(folded, start, end) {
        // Words of the text on both sides run into it (`增加｜纳税` around 加纳): no name.
        if ends_inside_a_word(folded, start, end) {
            return Standing::Cut;
        }
        return Standing::Crossed;
    }
    Standing::Word
}

/// Whether `rest`, the text after a name, goes on to `大学` or `学院` after `at_least` and at most
/// six characters of one unbroken word (`海事大学`, `交通大学`): the name is part of the
/// institution's.
fn in_a_college_name(rest: &str, at_least: usize) -> bool {
    // Read once, without allocating: this is asked of every place's mention.
    for (count, (i, c)) in rest.char_indices().take(8).enumerate() {
        if !annotext_parser::is_hanzi(c) || "的和与在".contains(c) {
            return false;
        }
        let word = &rest[i..];
        if ["大学", "大學", "学院", "學院"]
            .iter()
            .any(|w| word.starts_with(w))
        {
            return (at_least..=6).contains(&count);
        }
    }
    false
}

/// Whether a word of the dictionary starts inside the name, after its first character, and
/// runs past its end (`纳税` in `增加纳税`).
fn ends_inside_a_word(folded: &str, start: usize, end: usize) -> bool {
    let Some(automaton) = &crate::facts::words::words().automaton else {
        return false;
    };
    let (Some(last), Some(after)) = (
        folded[..end].chars().next_back(),
        folded[end..].chars().next(),
    ) else {
        return false;
    };
    if !annotext_parser::is_hanzi(after) || !word_pairs().contains(&(last, after)) {
        return false;
    }
    let second = start + folded[start..].chars().next().map_or(1, char::len_utf8);
    let to = folded[end..]
        .char_indices()
        .nth(3)
        .map_or(folded.len(), |(i, _)| end + i);
    automaton
        .find_overlapping_iter(&folded[second..to])
        .any(|m| second + m.start() < end && second + m.end() > end)
}

/// Whether a word of the dictionary starts before `start` and ends inside the name (or past
/// its first character).
/// Every pair of adjacent characters in a word of the dictionary.
fn word_pairs() -> &'static rustc_hash::FxHashSet<(char, char)> {
    static PAIRS: std::sync::OnceLock<rustc_hash::FxHashSet<(char, char)>> =
        std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        crate::facts::words::words()
            .words
            .iter()
            .flat_map(|w| {
                let chars: Vec<char> = w.chars().collect();
                chars.windows(2).map(|p| (p[0], p[1])).collect::<Vec<_>>()
            })
            .collect()
    })
}

fn crosses_a_word(folded: &str, start: usize, end: usize) -> bool {
    let Some(automaton) = &crate::facts::words::words().automaton else {
        return false;
    };
    let Some(before) = folded[..start].chars().next_back() else {
        return false;
    };
    let first = folded[start..].chars().next().unwrap_or(' ');
    // A word runs across the name's start only if some word holds these two characters side
    // by side: a set lookup spares the automaton for almost every name.
    if !annotext_parser::is_hanzi(before) || !word_pairs().contains(&(before, first)) {
        return false;
    }
    // Dictionary words are short: three characters before the name are enough to see one.
    let from = folded[..start]
        .char_indices()
        .rev()
        .nth(2)
        .map_or(0, |(i, _)| i);
    let window = &folded[from..end];
    automaton
        .find_overlapping_iter(window)
        .any(|m| from + m.start() < start && from + m.end() > start && from + m.end() < end)
}

pub(crate) fn entities_in<'t>(
    text: &str,
    folded: &str,
    is_item: bool,
    tagger: &'t Tagger,
    dates: &[DateMention],
) -> Vec<Mention<'t>> {
    let rules = tagger.rules;
    let mut out = Vec::new();
    // Matched on the folded copy, reported in the text's own spelling (same offsets). A match
    // that does not stand as a word is dropped and the search goes on from its second
    // character (`其中亚洲` gives `亚洲`, not `中亚`).
    // One scan of the block; only a name dropped or cut short starts the search again from
    // where it must go on.
    let mut at = 0;
    'search: loop {
        for m in tagger
            .names
            .find_iter(aho_corasick::Input::new(folded).range(at..))
        {
            let Some(&entry_index) = tagger.name_entry.get(m.pattern().as_usize()) else {
                continue;
            };
            let (Some(entry), Some(rule)) = (
                rules.gazetteer.get(entry_index),
                tagger.gazetteer_rules.get(entry_index),
            ) else {
                continue;
            };
            // A phrase that holds a name without being one (发展中国家) wins the match and
            // hides it.
            if entry.kind == IGNORE {
                continue;
            }
            // A match is on character boundaries of the text too (folding keeps every
            // character's length).
            let Some(own) = text.get(m.range()) else {
                continue;
            };
            let second = m.start() + folded[m.start()..].chars().next().map_or(1, char::len_utf8);
            let mut standing = standing(folded, m.start(), m.end(), &entry.kind);
            if let Standing::Crossed = standing {
                // A word of the text runs into the name (`其中` in `其中亚洲`): the name is cut
                // only when another name starts inside it and reads on (`亚洲`); `从中亚国家`
                // keeps 中亚.
                let rival = tagger
                    .names
                    .find(aho_corasick::Input::new(folded).range(second..));
                standing = match rival {
                    Some(r) if r.start() < m.end() && r.end() > m.end() => Standing::Cut,
                    _ => Standing::Word,
                };
            }
            match standing {
                Standing::Word => out.push(Mention {
                    kind: &entry.kind,
                    text: m.range(),
                    canonical: (entry.canonical != own).then_some(entry.canonical.as_str()),
                    rule,
                    offset: m.start(),
                }),
                Standing::Head(kind, end) => {
                    out.push(Mention {
                        kind,
                        text: m.start()..end,
                        canonical: None,
                        rule: kind,
                        offset: m.start(),
                    });
                    at = end;
                    continue 'search;
                }
                Standing::Cut | Standing::Crossed => {
                    at = second;
                    continue 'search;
                }
            }
        }
        break;
    }
    // The names found so far, in order: what the mechanisms' pass asks of them.
    let names = out.len();
    // Ends of the mechanisms a whole item names.
    let mut whole_item_ends: Vec<usize> = Vec::new();
    let trim = |t: &'_ str| -> usize { t.trim_end_matches(['；', ';', '。', '.', ' ']).len() };
    let body = &text[..trim(text)];
    let folded_body = &folded[..trim(folded)];
    for ((rule, suffix), name) in rules
        .entities
        .iter()
        .zip(&tagger.suffixes)
        .zip(&tagger.entity_rules)
    {
        match (&rule.pattern, suffix) {
            (EntityPattern::ItemSuffix(_), Some(suffix)) => {
                // Only an item that is a name as a whole: no verb or joining word, and a name,
                // a link between partners or an acronym in it (`建设物流中心。` is no name).
                if is_item
                    && folded_body.ends_with(suffix.as_str())
                    && !body.contains([',', '，', '、', '《'])
                    && before_a_name().find(folded_body).is_none()
                    && (out.iter().take(names).any(|m| m.text.start == 0)
                        || folded_body.contains('—')
                        || folded_body.chars().any(|c| c.is_ascii_uppercase())
                        || is_bilateral(folded_body))
                {
                    // The whole item names it (`中國—中亞實業家委員會;`).
                    out.push(Mention {
                        kind: &rule.kind,
                        text: 0..body.len(),
                        canonical: None,
                        rule: name,
                        offset: 0,
                    });
                    whole_item_ends.push(folded_body.len());
                }
            }
            (EntityPattern::Pair(open, close), _) => {
                let mut from = 0;
                while let Some(start) = text[from..].find(*open).map(|i| from + i) {
                    let inner = start + open.len_utf8();
                    let Some(end) = text[inner..].find(*close).map(|i| inner + i) else {
                        break;
                    };
                    out.push(Mention {
                        kind: &rule.kind,
                        text: inner..end,
                        canonical: None,
                        rule: name,
                        offset: start,
                    });
                    // Nested pairs (“…” inside 《…》) are found on their own rule's pass.
                    from = end + close.len_utf8();
                }
            }
            (EntityPattern::ItemSuffix(_), None) => {}
        }
    }
    named_in_text(folded, tagger, names, &whole_item_ends, &mut out);
    crossings_in_text(folded, names, &mut out);
    for date in dates {
        // A date's text is the text at its offset.
        out.push(Mention {
            kind: "date",
            text: date.offset..date.offset + date.text.len(),
            canonical: None,
            rule: "date",
            offset: date.offset,
        });
    }
    out.sort_by(|a, b| (a.offset, a.kind, a.text(text)).cmp(&(b.offset, b.kind, b.text(text))));
    out
}
