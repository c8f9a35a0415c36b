//! How a name found in the text stands there: as a word, cut inside another word, part of a
//! person's or a university's name, or the head of a longer name of another kind (a feature, a
//! port, a division).

use super::charset::{by_first_character, ByFirstCharacter, CharSet, Words};
use super::prose::{boundaries_between, prose_words};
use super::{Mention, DIVISION, FEATURE, PLACE};

/// What 市 starts after a town's name when it is no part of the name (`市场`, `市民`, `市长`,
/// `市区`), in both scripts.
pub(super) static NOT_THE_TOWNS: CharSet =
    CharSet::new("场場民政长長区區委级級值面容内內郊中属屬县縣镇鎮辖轄井况況貌际際");

/// The suffix that makes a place's name into a feature's at the start of `rest` (`几内亚湾`,
/// `阿拉山口`, `尼罗河三角洲`; plains, grasslands, gorges, plateaus and basins: `潘诺尼亚平原`,
/// `苏丹草原`, `蒙古高原`, `四川盆地`; a lagoon, a wetland, a spit: `帕图斯潟湖`, `伊贝拉湿地`).
/// Read by its first character, `after` (already read, and one of the suffixes' first
/// characters): it is asked after every place's name, where a search of a list of suffixes cost
/// more.
fn feature_suffix(after: char, rest: &str) -> Option<&'static str> {
    let candidates: &[&'static str] = match after {
        '水' => &["水库"],
        '山' => &["山口"],
        '湾' => &["湾"],
        '灣' => &["灣"],
        '海' => &["海峡", "海峽", "海沟"],
        '运' => &["运河"],
        '運' => &["運河"],
        '半' => &["半岛", "半島"],
        '三' => &["三角洲"],
        '盐' => &["盐沼", "盐湖"],
        '谷' => &["谷地"],
        '沙' => &["沙漠", "沙嘴"],
        '平' => &["平原"],
        '草' => &["草原"],
        '峡' => &["峡谷", "峡湾"],
        '高' => &["高原"],
        '盆' => &["盆地"],
        '潟' => &["潟湖"],
        '湿' => &["湿地"],
        // A volcano named after its province (`科托帕希火山`).
        '火' => &["火山"],
        // A peak named after a town (`杜阿尔特峰`); not a summit held there (`…峰会`).
        '峰' => &["峰"],
        _ => return None,
    };
    candidates.iter().copied().find(|s| rest.starts_with(s))
}

/// Suffixes that make a city's name into its port's or its border crossing's (`卡塔赫纳港`,
/// `霍尔果斯口岸`): a place. Not `港口` (`驶往北海港口`: ports in general) nor `港湾`.
const PORT_SUFFIXES: [&str; 4] = ["口岸", "深水港", "新港", "港"];

/// Suffixes that make a city's name into the division named after it (`拉各斯州`, `魁北克省`,
/// `清迈府`, `马哈拉施特拉邦`, `伦巴第大区`, `阿布扎比酋长国`, `蒙巴萨郡`), or a division's short name into its full name
/// (`加泰罗尼亚自治区`, `伏伊伏丁那自治省`).
const DIVISION_SUFFIXES: [&str; 13] = [
    "自治共和国",
    "酋长国",
    // Bangladesh's divisions (`锡尔赫特专区`).
    "专区",
    "郡",
    "自治区",
    "自治省",
    "自治州",
    "大区",
    "州",
    "省",
    "邦",
    "府",
    "区",
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

/// The length of what carries a feature on into a longer feature's name: a Chinese river's
/// mouth (`珠江｜口`, `闽江｜口`; not `…口岸`), valley (`塞内加尔河｜谷`) or estuary
/// (`德涅斯特河｜口湾`), a land's peninsula (`安纳托利亚｜半岛`), a range written in full or a
/// mountains' area (`喜马拉雅山｜脉`, `横断山｜区`; not `天山区`); and what makes a place's name
/// ending in 山 a range's (`黎巴嫩山｜脉`). A region keeps its name before 地区 (`东南亚｜地区`),
/// as readers list it.
fn feature_written_on(name: &str, rest: &str, kind: &str) -> Option<usize> {
    if kind != FEATURE {
        // A range named after the division or the town under it (`黎巴嫩山｜脉`: the
        // governorate is Mount Lebanon).
        return (name.ends_with('山') && rest.starts_with('脉') && PLACE_KINDS.contains(&kind))
            .then_some('脉'.len_utf8());
    }
    // A land's peninsula (`安纳托利亚｜半岛`).
    if rest.starts_with("半岛") {
        return Some("半岛".len());
    }
    match name.chars().next_back()? {
        '江' if rest.starts_with('口') && !rest['口'.len_utf8()..].starts_with('岸') => {
            Some('口'.len_utf8())
        }
        '山' if rest.starts_with('脉') => Some('脉'.len_utf8()),
        // A river's valley (`塞内加尔河｜谷`), not its lowlands (`湄公河｜谷地`).
        '河' if rest.starts_with('谷') && !rest['谷'.len_utf8()..].starts_with('地') => {
            Some('谷'.len_utf8())
        }
        // A river's estuary (`德涅斯特河｜口湾`).
        '河' if rest.starts_with("口湾") => Some("口湾".len()),
        // Not a short name's district (`天山区`, Ürümqi's), nor an area (`阿尔卑斯山｜区域`).
        '山' if rest.starts_with(['區', '区'])
            && !rest['区'.len_utf8()..].starts_with('域')
            && name.chars().count() >= 3 =>
        {
            Some('区'.len_utf8())
        }
        _ => None,
    }
}

/// How a name found in the text stands there.
pub(super) enum Standing {
    /// As a word of its own.
    Word,
    /// As part of another word (`西班牙文`, `EURO`): not a mention.
    Cut,
    /// As part of the name of an institution (`冰岛大学`, `大连海事大学`): not a mention, and nor
    /// is a shorter name inside it (`不列颠哥伦比亚大学`, not 哥伦比亚).
    InAName,
    /// With a word of the dictionary running into it (`其中` in `其中亚洲`, `从中` in
    /// `从中亚国家`): a mention unless another name reads on from inside it.
    Crossed,
    /// As the head of a longer name of another kind, which ends at the given byte: a feature
    /// (`几内亚湾`), a port (`卡塔赫纳港`), a division (`拉各斯州`).
    Head(&'static str, usize),
}

/// Whether names of the gazetteer stand right beside a name: one starting where it ends
/// (`true`), one ending where it starts (`false`).
pub(super) type Neighbours<'a> = &'a dyn Fn(bool) -> bool;

/// Characters of transliterated foreign names (Xinhua's tables) that seldom make Chinese words
/// with one another: two of them beside a short name mean the name goes on. Kept in a data file
/// (`data/rules/transliteration.tsv`, `#` lines are notes) with the other lists of the rules.
const TRANSLITERATION: &str = include_str!("../../../../../data/rules/transliteration.tsv");

/// Whether `c` is one of [`TRANSLITERATION`]'s (asked of most mentions of places).
#[inline]
pub(super) fn is_transliteration(c: char) -> bool {
    static SET: CharSet = CharSet::new(TRANSLITERATION);
    SET.contains(c)
}

/// Whether a division's name is written with its suffix (`梅尔辛省`, `育空地区`, `阿布扎比酋长国`,
/// Korea's `全罗南道`, Japan's `长崎县`), not as its short name (`梅尔辛`, which may be the town
/// it is named after).
pub(super) fn named_in_full(name: &str) -> bool {
    name.ends_with(['省', '州', '区', '郡', '邦', '府', '国', '道', '县'])
}

/// Whether the two characters before `start` are [`TRANSLITERATION`]'s that read into the name
/// there: not a verb that leads into names (`加密｜呼和浩特`).
fn read_into(folded: &str, start: usize) -> bool {
    transliterated(folded[..start].chars().rev()) && !super::mechanisms::verb_before(folded, start)
}

/// Whether the name at `start..end` is a town's with 市 before its government or its political
/// consultative conference (`重庆市｜政府`, `上海市｜政协`): the town's name, though 市政 is a word.
pub(super) fn governed(folded: &str, start: usize, end: usize) -> bool {
    folded[start..end].ends_with('市')
        && ["政府", "政协"]
            .iter()
            .any(|w| folded[end..].starts_with(w))
}

/// Whether the first two characters of `pair` are both [`TRANSLITERATION`]'s.
pub(super) fn transliterated(pair: impl Iterator<Item = char>) -> bool {
    pair.take(2).filter(|c| is_transliteration(*c)).count() == 2
}

/// Whether `chars`, read on after a name, are one character of transliteration that is no
/// direction or old (`西`, `古`), then a joining word, a stop or the text's end: the sound ends
/// a longer name (`姆巴拉｜拉，`). Not before a number, which the character leads into
/// (`三马林达｜约80公里`).
fn one_sound_then_a_break(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .next()
        .is_some_and(|c| is_transliteration(c) && !matches!(c, '西' | '古'))
        && chars.next().is_none_or(|c| {
            (!annotext_parser::is_hanzi(c) && !c.is_ascii_digit())
                || "和与及、等的在国省州市".contains(c)
        })
}

/// Whether the name at `start..end` of the folded text stands as a word: Latin names (`WTO`)
/// not inside a longer Latin word; a place's name not followed by a suffix that makes a
/// language, a people or a feature (`…文`, `…语`, `…人`, `…湾`, `…海峡`); a word of the dictionary
/// running across its first character makes it doubtful ([`Standing::Crossed`]).
pub(super) fn standing(
    folded: &str,
    start: usize,
    end: usize,
    kind: &str,
    neighbours: Neighbours,
) -> Standing {
    let before = folded[..start].chars().next_back();
    let after = folded[end..].chars().next();
    let first = folded[start..].chars().next();
    let last = folded[..end].chars().next_back();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if (latin(first) && latin(before)) || (latin(last) && latin(after)) {
        return Standing::Cut;
    }
    // A name of two or three characters of a city, a division or a region that a
    // transliteration reads on from (`安达｜卢西亚`, `瓜达尔｜基维尔河`) or into (`巴格｜马蒂省`) is
    // a piece of a longer foreign name the gazetteer lacks, unless a name of its own stands
    // beside it (`巴西｜亚马孙`).
    let short = (2..=3).contains(&folded[start..end].chars().take(4).count());
    // Trains named after their town (`明斯克｜班列`) are two such characters that make a word,
    // and so is Islam's name (`耶路撒冷｜伊斯兰教`).
    // (One test of the next character first: this is asked of every name.)
    let train = match after {
        Some('班') => folded[end..].starts_with("班列"),
        Some('伊') => folded[end..].starts_with("伊斯兰"),
        _ => false,
    };
    // A country's name that a transliteration reads into and a word runs out of is a piece of
    // a person's name (`法赫｜德国｜王大桥`: King Fahd).
    if kind == "country" && read_into(folded, start) && ends_inside_a_word(folded, start, end) {
        return Standing::Cut;
    }
    // A verb that leads into names runs across a town's first sound (`依托｜瓦尔河`, not the
    // town 托瓦尔 and its river): the name starts after it.
    if kind == "city"
        && first.is_some_and(|c| {
            is_transliteration(c) && super::mechanisms::verb_before(folded, start + c.len_utf8())
        })
    {
        return Standing::Cut;
    }
    // A station named after a river or a mountain is a facility, no mention (`北极黄河站`,
    // `昆仑站`), and a dolphin named after its river an animal (`伊洛瓦底江豚`).
    if kind == FEATURE && matches!(after, Some('站' | '豚')) {
        return Standing::InAName;
    }
    // A polar station named after a river or a wall carries the pole in its name (`北极｜黄河站`,
    // `南极｜长城站`): the pole is the station's name, not a region mentioned.
    if kind == "region"
        && matches!(&folded[start..end], "北极" | "南极")
        && folded[end..].chars().nth(2) == Some('站')
        && !folded[end..].starts_with("科考")
        && !folded[end..].starts_with("考察")
    {
        return Standing::InAName;
    }
    // Central Asia is not written 中亚洲: there 中 ends the words before (`进程中｜亚洲`).
    if after == Some('洲') && kind == "region" && &folded[start..end] == "中亚" {
        return Standing::Cut;
    }
    if ["city", DIVISION, "region"].contains(&kind) && short {
        // A division's suffix ends its name, whatever sounds follow (`太特省｜莫阿蒂泽`).
        let suffixed = kind == DIVISION && named_in_full(&folded[start..end]);
        let reads_on =
            transliterated(folded[end..].chars()) && !neighbours(true) && !train && !suffixed;
        if reads_on || (read_into(folded, start) && !neighbours(false)) {
            return Standing::Cut;
        }
    }
    // So is a town's name of any length that a transliteration reads into (`帕索｜卡诺阿斯`),
    // or that one sound more ends before a joining word or a stop (`姆巴拉｜拉，`): town names
    // share their sounds with longer ones. (One sound before a name is the name's:
    // [`lead_ins`].)
    if kind == "city"
        && ((read_into(folded, start) && !neighbours(false))
            || (one_sound_then_a_break(folded[end..].chars()) && !neighbours(true) && !train))
    {
        return Standing::Cut;
    }
    // A lake named after a foreign town or a division's short name (`卡里巴湖`, `日内瓦湖`,
    // `沃尔特湖`), also before 南 or 北 (`卡里巴湖｜南岸`, `沃尔特湖｜南岸`, not 湖南).
    if matches!(kind, "city" | DIVISION)
        && folded[end..].starts_with('湖')
        && folded[start..end].chars().all(is_transliteration)
    {
        return Standing::Head(FEATURE, end + '湖'.len_utf8());
    }
    // A longer town's name that a transliteration reads on from is a piece of a longer name too
    // (`克里斯托｜瓦尔港`), and so is any town's that one more sound makes the name of an island,
    // a port or a crossing (`圣安德烈｜斯岛`, `基利亚｜斯口岸`): small towns share their first
    // sounds with longer names.
    if kind == "city" && !train && !neighbours(true) {
        let mut after = folded[end..].chars();
        let one_more_sound = after.next().is_some_and(is_transliteration)
            && ["岛", "港", "口岸", "湾"]
                .iter()
                .any(|s| after.as_str().starts_with(s));
        if (!short && transliterated(folded[end..].chars())) || one_more_sound {
            return Standing::Cut;
        }
    }
    // A town's name with 市 whose 市 starts another word (`合作市｜长`, `上海市｜民`) is no
    // name with 市.
    if folded[start..end].ends_with('市')
        && folded[end..].starts_with(|c| NOT_THE_TOWNS.contains(c))
        && !governed(folded, start, end)
    {
        return Standing::Cut;
    }
    // A port's area, authority or ports are the city's (`吉大港｜港区`, `吉大港｜港口`, not the
    // port 吉大港港), and a capital named as a port before 口 is no port either (`西班牙｜港口`,
    // not 西班牙港).
    if (kind == PLACE || kind == "city")
        && folded[start..end].ends_with('港')
        && folded[end..].starts_with(['区', '區', '务', '務', '口'])
    {
        return Standing::Cut;
    }
    // A sea's bay or strait is a feature of its own (`渤海｜湾`, `渤海｜海峡`); a sea's name
    // before 上 or 外 is its country's (`挪威海｜上风电`: Norway's offshore wind).
    if kind == FEATURE && folded[start..end].ends_with('海') {
        let rest = &folded[end..];
        if let Some(suffix) = ["海峡", "湾"].iter().find(|s| rest.starts_with(**s)) {
            return Standing::Head(FEATURE, end + suffix.len());
        }
        // A strait named after the sea's first word (`鞑靼海｜峡`: 鞑靼 + 海峡).
        if rest.starts_with('峡') {
            return Standing::Head(FEATURE, end + '峡'.len_utf8());
        }
        // An island named after it (`东海岛`; not `…岛国`, `…岛屿`, `…岛礁`).
        if rest.starts_with('岛')
            && !rest['岛'.len_utf8()..].starts_with(['国', '屿', '链', '礁', '内', '际'])
        {
            return Standing::Head(PLACE, end + '岛'.len_utf8());
        }
        if matches!(after, Some('上' | '外' | '关' | '军')) {
            return Standing::Cut;
        }
        // A town named after the sea (`东海市`: Donghae, Korea).
        if rest.starts_with('市') && !rest.starts_with("市场") {
            return Standing::Head("city", end + '市'.len_utf8());
        }
    }
    // Islands that are a division of their own (`亚速尔群岛自治区`), a division that is a
    // republic (`卡拉卡尔帕克斯坦共和国`).
    if (matches!(kind, PLACE | "territory") && folded[start..end].ends_with("群岛"))
        && folded[end..].starts_with("自治区")
    {
        return Standing::Head(DIVISION, end + "自治区".len());
    }
    if kind == DIVISION && folded[end..].starts_with("共和国") {
        return Standing::Head(DIVISION, end + "共和国".len());
    }
    // China with a province in brackets starts the name of a zone, a fair or a park of that
    // province (`中国（湖北）自由贸易试验区`, `中国（宁夏）国际投资贸易洽谈会`).
    if kind == "country" && &folded[start..end] == "中国" && after == Some('（') {
        return Standing::Cut;
    }
    // A class of ship named after a canal or a cape (`巴拿马型`, `好望角型`), a brand
    // (`乌拉尔牌`).
    if matches!(after, Some('型' | '牌')) {
        return Standing::Cut;
    }
    // A river's delta is a feature of its own (`尼罗河三角洲`).
    if kind == FEATURE && folded[end..].starts_with("三角洲") {
        return Standing::Head(FEATURE, end + "三角洲".len());
    }
    if let Some(longer) = feature_written_on(&folded[start..end], &folded[end..], kind) {
        return Standing::Head(FEATURE, end + longer);
    }
    // A person's name: a given name in a byline (`记者 李青海`, `王天山`), a name right after
    // 记者 (`记者黄河 刘思远`, `记者黄海涛`), a name after a title (`副总经理王泰山`).
    if kind != "organisation"
        && (after_a_reporter(folded, start, end)
            || in_a_byline(folded, start, end)
            || after_a_title(folded, start, end))
    {
        return Standing::Cut;
    }
    // A foreign town's name before a head of government's title is a person's (`谢里夫｜总理`,
    // Pakistan's prime minister): towns have mayors, not premiers or presidents.
    if kind == "city"
        && ["总理", "总统", "首相"]
            .iter()
            .any(|t| folded[end..].starts_with(t))
        && folded[start..end].chars().all(is_transliteration)
    {
        return Standing::Cut;
    }
    // A forum's summit or meeting held in a city is the event's name (`中非合作论坛｜北京｜峰会`),
    // no mention of the city.
    if kind == "city"
        && folded[..start].ends_with("论坛")
        && ["峰会", "部长级会议"]
            .iter()
            .any(|w| folded[end..].starts_with(w))
    {
        return Standing::Cut;
    }
    // A process of talks named after the city it began in (`柏林进程`, `罗安达进程`) is a
    // mechanism: no mention of the city.
    if after == Some('进') && kind == "city" && folded[end..].starts_with("进程") {
        return Standing::Head("mechanism", end + "进程".len());
    }
    // A dateline names the city a report is filed from (`新华社突尼斯3月18日电`), though the
    // name is also a country's.
    if kind == "country"
        && ["新华社", "中新社"]
            .iter()
            .any(|a| folded[..start].ends_with(a))
        && after.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return Standing::Head("city", end);
    }
    // A feature's name in a company's (`北部湾港务集团`) or a product's (`长白山人参`,
    // `阳澄湖大闸蟹`), which holds no shorter name either (`贺兰山东麓葡萄酒`, not 山东).
    if kind == FEATURE {
        if names_a_product(&folded[end..]) {
            return Standing::InAName;
        }
        if in_an_institution_name(&folded[end..], false, false) {
            return Standing::Cut;
        }
    }
    // A river a place, a city, a division or a province is named after (`黑龙江`), with its
    // basin or banks, or followed along (`红河流域`, `圣胡安河流域`, `沿红河进入`).
    if (kind == PLACE || kind == "city" || kind == DIVISION || kind == "province")
        && folded[start..end].ends_with(['河', '江'])
        && (["流域", "沿岸", "上游", "下游", "干流"]
            .iter()
            .any(|w| folded[end..].starts_with(w))
            || folded[..start].ends_with(['沿', '顺']))
    {
        return Standing::Head(FEATURE, end);
    }
    // A river named after a region (`南欧江`); not river-and-sea shipping (`西非｜江海联运`).
    if kind == "region" && folded[end..].starts_with('江') && !folded[end..].starts_with("江海")
    {
        return Standing::Head(FEATURE, end + '江'.len_utf8());
    }
    if PLACE_KINDS.contains(&kind) {
        let rest = &folded[end..];
        let feature = match after {
            Some(
                c @ ('山' | '湾' | '灣' | '海' | '运' | '運' | '半' | '三' | '盐' | '谷' | '沙'
                | '水' | '平' | '草' | '峡' | '高' | '盆' | '潟' | '湿' | '峰' | '火'),
            ) => feature_suffix(c, rest),
            _ => None,
        };
        // Not after a division named in full: `胡胡伊省｜盐湖` are the province's salt lakes.
        let in_full = || kind == DIVISION && folded[start..end].ends_with(['省', '州', '县', '区']);
        // Nor salt lakes after a country, a province or a region (`智利｜盐湖`, `青海｜盐湖`,
        // `南美｜盐湖`): a lake or a delta is named after a town or a division (`阿塔卡马盐湖`),
        // and a delta's division is the state (`尼日利亚｜三角洲州`).
        let whose = |suffix: &&str| match *suffix {
            "盐湖" | "盐沼" => !matches!(kind, "country" | "province" | "region"),
            "三角洲" => !rest["三角洲".len()..].starts_with(['州', '省']),
            "沙漠" => !rest["沙漠".len()..].starts_with('化'),
            "峰" => !rest["峰".len()..].starts_with(['会', '會']),
            // A province's volcano (`科托帕希火山`), not a country's volcanoes (`墨西哥｜火山带`).
            "火山" => kind != "country",
            // Not a Chinese province's (`云南｜高原`: readers name the province), nor a
            // division named after the land (`多哥｜高原区`, Togo's Plateaux Region).
            "平原" | "草原" | "峡谷" | "高原" | "盆地" | "湿地" | "潟湖" | "沙嘴" => {
                kind != "province" && !rest[suffix.len()..].starts_with(['区', '區', '省', '州'])
            }
            // A pass named after a town (`阿拉山口`), not a prefecture (`日本｜山口县`).
            "山口" => kind != "country" && !rest["山口".len()..].starts_with(['县', '市']),
            // A port's harbour (`釜山港｜湾`) is no bay.
            "湾" | "灣" => !folded[start..end].ends_with('港'),
            _ => true,
        };
        if let Some(suffix) = feature.filter(|s| !in_full() && whose(s)) {
            return Standing::Head(FEATURE, end + suffix.len());
        }
        // Part of a person's name (`维多利亚·门多萨`, `梅斯芬·塔德塞`: a dot within two
        // characters of transliteration).
        if before.is_some_and(|c| NAME_DOTS.contains(&c))
            || after.is_some_and(|c| NAME_DOTS.contains(&c))
            || dot_within(folded[end..].chars())
            || dot_within(folded[..start].chars().rev())
        {
            return Standing::Cut;
        }
        // A river, a lake or an island named after a division or a city (`色楞格河`,
        // `库苏古尔湖`, `克里特岛`; not `河北`, `湖南`, `岛国`, `银川｜河东机场`).
        // An island named after its country (`牙买加岛`; not `冰岛`: no such country).
        if kind == "country"
            && after == Some('岛')
            && !rest
                .chars()
                .nth(1)
                .is_some_and(|c| "国内民屿链".contains(c))
        {
            return Standing::Head(PLACE, end + 3);
        }
        // Islands named after their country (`菲律宾群岛`; not the West Indies, `西｜印度群岛`).
        if kind == "country"
            && after == Some('群')
            && rest.starts_with("群岛")
            && !folded[..start].ends_with(['西', '东'])
        {
            return Standing::Head(PLACE, end + "群岛".len());
        }
        // Not after a division named in full (`昆士兰州｜海波因特港`, `阿西尔省｜山地`): features are
        // named after a division's short name.
        // Nor after a Chinese prefecture's or county's full name (`红河哈尼族彝族自治州｜河口…县`).
        // (Asked only before a river's character: most names have none after them.)
        let chinese_full = || {
            let name = &folded[start..end];
            name.ends_with(['县', '市', '旗', '盟']) || name.ends_with("自治州")
        };
        if (kind == "city" && !(after == Some('河') && chinese_full()))
            || (kind == DIVISION && !in_full())
        {
            let next = rest.chars().nth(1);
            match after {
                // A river's mouth named after it (`瓜亚斯河口`; not `…河口岸`).
                Some('河')
                    if rest.starts_with("河口") && !rest["河口".len()..].starts_with('岸') =>
                {
                    return Standing::Head(FEATURE, end + "河口".len());
                }
                // Not a river's shipping (`…河｜运`, but `…湖｜运往`).
                Some(c @ ('河' | '湖'))
                    if !next.is_some_and(|n| {
                        "北南东西口岸边邊区區段".contains(n) || (c == '河' && "运運".contains(n))
                    }) =>
                {
                    return Standing::Head(FEATURE, end + 3);
                }
                Some('岛' | '島') if !next.is_some_and(|c| "国國内內民".contains(c)) => {
                    // An island in a zone's name holds no mention (`圣文森特岛｜海洋经济特区`).
                    if island_or_port_in_an_institution_name(&rest[3..]) {
                        return Standing::InAName;
                    }
                    return Standing::Head(PLACE, end + 3);
                }
                Some('群') if next.is_some_and(|c| "岛島".contains(c)) => {
                    return Standing::Head(PLACE, end + 6);
                }
                // A range or a mountain named after it (`喀尔巴阡山脉`, `阿尔泰山`; not
                // `…山区`, `山东`).
                Some('山') if next == Some('脉') => return Standing::Head(FEATURE, end + 6),
                // A sea named after it (`楚科奇海`; not `…海关`, `…海上`).
                Some('海')
                    if !next.is_some_and(|c| {
                        "域岸上外运关军洋事湾港口产鲜滨边空底面区水内峰盗员风浪拔报选量啸沟南北东西参带铁缆河得"
                            .contains(c)
                    }) =>
                {
                    return Standing::Head(FEATURE, end + 3);
                }
                // Not a town's landscape (`桂林｜山水`, `重庆｜山地`, but `宁巴山｜地区`) nor its
                // byname (`重庆｜山城`).
                Some('山')
                    if !next.is_some_and(|c| "东西区庄寨口水城".contains(c))
                        && (next != Some('地') || rest["山地".len()..].starts_with('区')) =>
                {
                    return Standing::Head(FEATURE, end + 3);
                }
                // A cape and its peninsula named after a town (`约克角半岛`).
                Some('角') if rest['角'.len_utf8()..].starts_with("半岛") => {
                    return Standing::Head(FEATURE, end + '角'.len_utf8() + "半岛".len());
                }
                _ => {}
            }
        }
        // A state's formal name with 国 whose 国 starts a word is its short name
        // (`卡塔尔国｜家银行`: 卡塔尔 and 国家银行).
        if kind == "country"
            && folded[start..end]
                .strip_suffix('国')
                .is_some_and(|short| STATES_NAMED_WITH_GUO.contains(&short))
            && after.is_some_and(|c| NOT_A_STATE_AFTER_GUO.contains(c))
        {
            return Standing::Cut;
        }
        // A country's formal name (`加纳共和国`, `蒙古国`) and a city's with 市 (`伊瓜苏市`; not
        // `市场`) are the same name, written in full.
        if kind == "country" {
            // Its qualifiers before its 共和国 (`巴西｜联邦｜共和国`, `坦桑尼亚｜联合｜共和国`,
            // `玻利维亚｜多民族｜国`, `老挝｜人民民主｜共和国`); not `联邦` alone, a federal
            // ministry's (`德国联邦｜数字与交通部`). A 国 alone only after 蒙古 or 多民族:
            // `美国｜联合国` is the United Nations.
            // Most countries' names are followed by none of these: one look at the next
            // character spares the lists.
            let formal = matches!(
                after,
                Some(
                    '联' | '聯'
                        | '民'
                        | '人'
                        | '社'
                        | '阿'
                        | '伊'
                        | '多'
                        | '共'
                        | '王'
                        | '合'
                        | '国'
                        | '國'
                        | '大'
                        | '公'
                )
            );
            let qualified = if formal { formal_qualifiers(rest) } else { 0 };
            // States whose formal name is their short name and 国 (`厄立特里亚国`, `科威特国`),
            // where 国 starts no word of its own (`科威特｜国家石油公司`).
            let lone_state = if qualified == 0 {
                folded[start..end].ends_with("蒙古")
                    || (STATES_NAMED_WITH_GUO.contains(&&folded[start..end])
                        && !rest
                            .chars()
                            .nth(1)
                            .is_some_and(|c| NOT_A_STATE_AFTER_GUO.contains(c)))
            } else {
                rest.starts_with("多民族")
            };
            // A federation named so in full (`瑞士联邦`, `澳大利亚联邦`); not its federal
            // bodies (`澳大利亚联邦｜政府`, `瑞士联邦｜委员会`, `澳大利亚联邦｜科学与工业研究组织`).
            if qualified == "联邦".len()
                && rest.starts_with("联邦")
                && ["瑞士", "密克罗尼西亚", "澳大利亚"].contains(&&folded[start..end])
                && !rest["联邦".len()..]
                    .starts_with(|c| "政议层部机法警委总财储院科研银统司驻".contains(c))
            {
                return Standing::Head("country", end + qualified);
            }
            if let Some(suffix) = [
                "共和国",
                "共和國",
                "合众国",
                "合眾國",
                "王国",
                "王國",
                // A principality and a grand duchy (`摩纳哥公国`, `卢森堡大公国`).
                "大公国",
                "大公國",
                "公国",
                "公國",
                "国",
                "國",
            ]
            .iter()
            .filter(|_| formal)
            .find(|s| rest[qualified..].starts_with(**s) && (s.chars().count() > 1 || lone_state))
            {
                return Standing::Head("country", end + qualified + suffix.len());
            }
        }
        // A port named after its country's town of the same name (`吉布提港`, `巴西｜萨尔瓦多港`;
        // not a country's ports or port authority: `智利｜港口`, `肯尼亚｜港务局`, `中国｜港航`).
        if kind == "country"
            && rest.starts_with('港')
            && &folded[start..end] != "中国"
            && !rest['港'.len_utf8()..].starts_with([
                '口', '务', '務', '航', '区', '區', '澳', '企', '湾', '灣', '股',
            ])
        {
            return Standing::Head(PLACE, end + '港'.len_utf8());
        }
        // A capital named after its country (`突尼斯城`, `科威特城`; not `…城市`, `…城镇`, nor a
        // Chinatown, `中国城`).
        if kind == "country"
            && rest.starts_with('城')
            && &folded[start..end] != "中国"
            && !rest[3..].starts_with(['市', '镇', '鎮', '区', '區', '乡', '鄉'])
        {
            return Standing::Head("city", end + 3);
        }
        // A lake, a river or a mountain named after its country (`阿根廷湖`, `塞内加尔河`,
        // `肯尼亚山`; not `…山区`).
        if kind == "country" {
            let next = rest.chars().nth(1);
            match after {
                // Not `越南｜河内`, `尼日利亚｜河流州`, `越南｜河静省`.
                Some('湖' | '河')
                    if !next.is_some_and(|n| {
                        "北南口岸边邊区區内內流段粉".contains(n)
                            || (after == Some('河') && "运運".contains(n))
                    }) && !rest
                        .chars()
                        .nth(2)
                        .is_some_and(|c| "省州市县区".contains(c)) =>
                {
                    return Standing::Head(FEATURE, end + 3);
                }
                Some('山') if !next.is_some_and(|c| "东西区區庄寨口水地城".contains(c)) =>
                {
                    return Standing::Head(FEATURE, end + 3);
                }
                _ => {}
            }
        }
        // Not `市区` (`利马｜市区`, the city's urban area), nor a name with its 市 already
        // (`黑河市｜市长`).
        if kind == "city"
            && rest.starts_with('市')
            && !folded[start..end].ends_with('市')
            && (!rest[3..].starts_with(|c| NOT_THE_TOWNS.contains(c))
                || governed(folded, start, end + 3))
        {
            return Standing::Head("city", end + 3);
        }
        // A town's 镇 after its name (`磨憨镇`, `皎漂镇`). (Not 县: a Japanese prefecture is
        // named after its capital, `鸟取县`.)
        if rest.starts_with('镇')
            && kind == "city"
            && !folded[start..end].ends_with(['市', '县', '镇'])
            && !rest[3..].starts_with(['级', '区', '域'])
        {
            return Standing::Head("city", end + 3);
        }
        // A town's own city (`桑给巴尔城`; not `…城市`, `…城区`, `…城南`, `…城投`, nor a
        // county's seat, `…县城`), also one named after a division (`伊达尔戈城`: Ciudad
        // Hidalgo), and that city's crossing (`伊达尔戈城口岸`).
        if (kind == "city" || (kind == DIVISION && !named_in_full(&folded[start..end])))
            && rest.starts_with('城')
            && !folded[start..end].ends_with('县')
            && !rest[3..].starts_with(|c| {
                "市区區镇鎮乡鄉际際郊内內中墙牆堡东東西南北里裡外门門投建管".contains(c)
            })
        {
            if rest[3..].starts_with("口岸") {
                return Standing::Head(PLACE, end + 3 + "口岸".len());
            }
            return Standing::Head("city", end + 3);
        }
        // Part of the name of a university, a company or an airport (`大连海事大学`,
        // `北京大学`, `中国农业大学`, `广州港集团`; but `美国大学` are a country's).
        let in_full = folded[start..end].ends_with(['省', '州', '区', '邦', '府', '县']);
        // A bridge's second place after a dash is linked by it, as a route's are
        // (`同江—下列宁斯阔耶铁路大桥`, docs/names.md): not an institution's name.
        let linked = before == Some('—');
        // A port area is no mention of the town it is named after (`福州港江阴｜港区`), but a
        // port city's is the city's (`吉大港｜港区`).
        let own_port_area = rest.starts_with("港区") && folded[start..end].ends_with('港');
        if in_an_institution_name(rest, kind == "country", in_full)
            && !(linked && bridged(rest))
            && !own_port_area
        {
            // A division named in full may still be read on its own by its ending
            // (`色楞格省｜工业园区`): only a short name takes the names inside it along.
            return if in_full {
                Standing::Cut
            } else {
                Standing::InAName
            };
        }
        // A product named after the place (`哈密瓜`, `绍兴黄酒`); not the place's own products
        // after its name with 市 or 县 (`武夷山市｜茶叶企业`, `安溪县｜茶叶`). No shorter name
        // inside a short one either (`卡拉马塔橄榄`, not Calama); a division named in full is
        // still read by its short name (`高平省｜茶岭口岸`: the province, and a crossing).
        if kind != "country" && names_a_product(rest) && !folded[start..end].ends_with(['市', '县'])
        {
            return if named_in_full(&folded[start..end]) {
                Standing::Cut
            } else {
                Standing::InAName
            };
        }
        // A lake's or a river's bank, not a province (`卡里巴湖｜南岸`), and a foreign river
        // followed south or north (`沿特里苏利河｜南下`).
        if kind == "province"
            && ["湖南", "湖北", "河南", "河北"].contains(&&folded[start..end])
            && (rest.starts_with('岸')
                || (rest.starts_with(['下', '上']) && before.is_some_and(is_transliteration)))
        {
            return Standing::Cut;
        }
        if kind == "city" || kind == PLACE || kind == DIVISION {
            let port = matches!(after, Some('口' | '深' | '港' | '新'))
                .then(|| PORT_SUFFIXES.iter().find(|s| rest.starts_with(**s)))
                .flatten()
                // A port's new port is the port's (`釜山港｜新港`), a city's its own
                // (`望加锡新港`). A town written with 市 before 口岸 names the town's crossings
                // (`珲春市｜口岸管理部门`), not one of them.
                .filter(|s| match **s {
                    // Nor a port's deep-water port (`阿纳克利亚港｜深水港`): the port's.
                    "新港" | "深水港" => !folded[start..end].ends_with('港'),
                    "口岸" => !folded[start..end].ends_with('市'),
                    _ => true,
                });
            if let Some(suffix) = port {
                let next = rest[suffix.len()..].chars().next();
                // Not a port's area or authority (`吉大港｜港区`, `港务`), nor a town's port and
                // shipping (`湛江市｜港航部门`; but `卡塔赫纳港｜航线`).
                let shipping = next == Some('航') && folded[start..end].ends_with('市');
                if !suffix.ends_with('港')
                    || !(next.is_some_and(|c| "口湾灣区區务務".contains(c)) || shipping)
                {
                    return Standing::Head(PLACE, end + suffix.len());
                }
            }
        }
        // Not after a name that has its suffix already (`纽约州｜州长`); a region's 地区 is no
        // suffix (`卢瓦尔河地区｜大区`).
        let has_a_division_suffix = || {
            let name = &folded[start..end];
            DIVISION_SUFFIXES
                .iter()
                .any(|s| name.ends_with(s) && !(*s == "区" && name.ends_with("地区")))
        };
        if (kind == "city" || kind == DIVISION)
            && matches!(
                after,
                Some('自' | '酋' | '专' | '郡' | '大' | '州' | '省' | '邦' | '府' | '区')
            )
            && !has_a_division_suffix()
        {
            // A region named after its town with 区 (`博凯区`, `康康区`); not the town's area,
            // its inner or outer parts (`…区域`, `…区内`).
            let a_part = rest.starts_with('区')
                && (rest
                    .chars()
                    .nth(1)
                    .is_some_and(|c| "域内外间块别位长划县段".contains(c))
                    || !folded[start..end].chars().all(is_transliteration));
            if let Some(suffix) = DIVISION_SUFFIXES
                .iter()
                .find(|s| rest.starts_with(**s))
                .filter(|_| !a_part)
            {
                return Standing::Head(DIVISION, end + suffix.len());
            }
        }
        let next = rest.chars().nth(1);
        // A town or a province named with its 市, 县 or 省 is no language's or people's root
        // (`温州市｜文成县`); asked only before those characters, since this is asked of every
        // name.
        let a_town_with_its_suffix = || folded[start..end].ends_with(['市', '县', '省']);
        match after {
            // A language: `西班牙语`, `西班牙文` (but `中国文化`, `中国文学`); a currency named
            // in one word with its country (`印尼盾`, `越南盾`); a people (`塔吉克族`) and its
            // descendants (`土耳其裔`). The word holds no shorter name either (`印度尼西亚文`,
            // not 印度).
            Some('语' | '語' | '盾' | '族' | '裔') if !a_town_with_its_suffix() => {
                return Standing::InAName
            }
            Some('文')
                if !next.is_some_and(|c| "化学學明物献獻件字本艺藝".contains(c))
                    && !a_town_with_its_suffix() =>
            {
                return Standing::InAName
            }
            // A people: `西班牙人` (but `中国人民`, `中国人口`, `中亚人文交流`,
            // `哈萨克斯坦人力资源`, `加沙地带人道主义`: words that start with 人).
            Some('人')
                if !next.is_some_and(|c| {
                    "民口大士权權才员員道类類工力文均身质質体體性格物生事际際次流".contains(c)
                }) && !a_town_with_its_suffix() =>
            {
                return Standing::InAName
            }
            _ => {}
        }
    }
    if crosses_a_word(folded, start, end) {
        // Words of the text on both sides run into it (`增加｜纳税` around 加纳): no name. A
        // longer name keeps a character of its own between them (`连接｜地中海｜港口`).
        if folded[start..end].chars().count() <= 2 && ends_inside_a_word(folded, start, end) {
            return Standing::Cut;
        }
        return Standing::Crossed;
    }
    Standing::Word
}

/// Whether a name dot stands within two characters of transliteration in `chars`, read away
/// from a name (`维多利亚｜·门多萨`, `梅斯芬·塔德｜塞`; before it: `拉赫曼·乔｜杜里`): the name
/// is part of a person's.
fn dot_within(chars: impl Iterator<Item = char>) -> bool {
    chars
        .take(3)
        .find(|c| !is_transliteration(*c))
        .is_some_and(|c| NAME_DOTS.contains(&c))
}

/// Words that end the name of an institution, a company, an airport, a bridge, a park, an
/// exchange, a port authority or a zone (folded): a place's name a few characters before one is
/// part of that name (`大连海事大学`, `上海国际港务集团`, `长沙黄花国际机场`, `同江铁路大桥`,
/// `泰中罗勇工业园`, `大连商品交易所`, `鹿特丹港务局`, `凭祥综合保税区`, `中国—东盟自由贸易区`,
/// a free trade zone's area `烟台片区`, a science city `三亚崖州湾科技城`, a port's zone
/// `西安国际港务区`, a free trade port `海南自由贸易港`, a logistics, data, financial or rescue
/// centre `占贾物流中心`, `阿斯塔纳国际金融中心`, `广州海上搜救中心`).
const INSTITUTIONS: [&str; 45] = [
    "港务区",
    "自由贸易港",
    "搜救中心",
    "金融中心",
    "港区",
    "物流中心",
    "数据中心",
    "大学",
    "分校",
    "研究所",
    "片区",
    "学院",
    "集团",
    "公司",
    "机场",
    "大桥",
    "工业园",
    "产业园",
    "交易所",
    "港务局",
    "保税区",
    "试验区",
    "合作区",
    "开发区",
    "自由贸易区",
    "经济特区",
    "自由区",
    "基金",
    "科技城",
    // A high-tech zone, a monastery, a launch site, a comprehensive pilot zone (`太仓高新区`,
    // `圣加仑修道院`, `文昌航天发射场`, `平潭综合实验区`). Not a logistics park: readers count
    // its place (`额敏县物流园区`).
    "高新区",
    "修道院",
    "航天发射场",
    "综合实验区",
    // A free industrial zone (`波季自由工业区`), a border cooperation centre (a zone:
    // `中哈霍尔果斯国际边境合作中心`), a rescue coordination centre (`里斯本海上救援协调中心`).
    // Not an industrial zone nor a dry port: readers count their places (`皮埃蒙特等工业区`,
    // `兰州、西宁陆港`).
    "自由工业区",
    "边境合作中心",
    "救援协调中心",
    "搜救协调中心",
    // A free economic zone, a development zone (`阿拉特自由经济区`, `马列尔发展特区`), a
    // research academy (`敦煌研究院`). Not a nature reserve: readers count its mountain
    // (`珠穆朗玛峰国家级自然保护区`).
    "自由经济区",
    "发展特区",
    "研究院",
    // Monuments (`卢克索神庙`, `吉萨金字塔群`).
    "神庙",
    "金字塔",
    // A trade city, an economic zone (`义乌国际商贸城`, `比塞大经济区`). Not a wharf: readers
    // count the port a terminal is named after (`洋山港集装箱码头`).
    "商贸城",
    "经济区",
    // A Korean port authority (`蔚山港湾公社`).
    "港湾公社",
];

/// Whether an island's or a port's name is part of the institution's `rest` goes on to
/// (`圣文森特岛｜海洋经济特区`, `杜伊斯堡港｜股份公司`); not a bridge's, which names the island
/// it links (`吉马拉斯岛｜跨海大桥`), nor anything of a port after it (`切佩尔岛｜港区`,
/// `帕亚拉港｜港务局`, which other rules read), nor what stands on the island
/// (`菲莱岛｜上神庙群`).
pub(super) fn island_or_port_in_an_institution_name(rest: &str) -> bool {
    !rest.starts_with(['上', '港']) && !bridged(rest) && in_an_institution_name(rest, false, false)
}

/// Whether `rest` goes on to a bridge within a word (`铁路大桥`, `大桥`).
fn bridged(rest: &str) -> bool {
    rest.char_indices()
        .take(4)
        .any(|(i, _)| rest[i..].starts_with("大桥"))
}

/// [`INSTITUTIONS`] by their first character, each list in the order of the words: 航 and 高
/// follow places often (`上海｜航运`, `高质量`), and start few of them.
fn institutions_by_first_character() -> &'static ByFirstCharacter {
    static BY_FIRST: std::sync::OnceLock<ByFirstCharacter> = std::sync::OnceLock::new();
    BY_FIRST.get_or_init(|| by_first_character(&INSTITUTIONS))
}

/// Whether `rest` starts with a dam, a power or gauging station, a national park, an oilfield, a
/// square or a stadium, named right after their place (`塔贝拉大坝`, `蒙贝拉水电站`,
/// `班夫国家公园`). (Not among [`INSTITUTIONS`], which are looked for a few characters on: 国
/// follows places everywhere, `上海｜国际…`.) One test of the first character: it is asked of
/// every place's mention.
pub(super) fn starts_with_a_dam(rest: &str) -> bool {
    match rest.chars().next() {
        Some('大') => rest.starts_with("大坝"),
        Some('水') => rest.starts_with("水电站") || rest.starts_with("水文站"),
        Some('电') => rest.starts_with("电站"),
        Some('国') => rest.starts_with("国家公园"),
        // Solar power stations, an oilfield, a square, a stadium (`瓦尔扎扎特光热电站`,
        // `哈西迈萨乌德油田`, `苏赫巴托尔广场`, `卢赛尔体育场`). Not a coal-fired one: readers
        // count the port it is named after (`卡西姆港燃煤电站`).
        Some('光') => rest.starts_with("光热电站") || rest.starts_with("光伏电站"),
        Some('油') => rest.starts_with("油田"),
        Some('广') => rest.starts_with("广场"),
        Some('体') => rest.starts_with("体育场"),
        _ => false,
    }
}

/// Whether `rest`, the text after a name, goes on to one of [`INSTITUTIONS`] after at most six
/// characters of one unbroken word (`海事大学`, `国际港务集团`), or starts with a dam
/// ([`starts_with_a_dam`]): the name is part of the institution's. A country's name only in a
/// university's, a college's or a company's, and not right before it (`美国大学` are a country's; `中国出口信用保险公司`
/// names no country; `中国｜…大桥` names it). A division named in full (`division`) is not a
/// zone's name (`信德省｜经济特区`: zones in Sindh). A name in brackets inside an institution's
/// name is part of it, a few words before its kind (`中国（浙江）｜自由贸易试验区`,
/// `中瑞（镇江）｜生态产业园`).
pub(super) fn in_an_institution_name(rest: &str, country: bool, division: bool) -> bool {
    // A country's name before a province's in brackets, in a zone's name
    // (`中国｜（四川）自由贸易试验区`).
    if rest.starts_with('（') {
        if let Some(close) = rest.char_indices().take(8).find(|(_, c)| *c == '）') {
            let after = &rest[close.0 + '）'.len_utf8()..];
            // Or a group's company (`天津港｜（集团）有限公司`).
            if ["自由贸易试验区", "自由贸易区", "自由贸易港"]
                .iter()
                .any(|zone| after.starts_with(zone))
                || rest.starts_with("（集团）")
            {
                return true;
            }
        }
    }
    let bracketed = rest.starts_with(['）', ')']);
    let rest = match rest.chars().next() {
        Some(close) if bracketed => &rest[close.len_utf8()..],
        _ => rest,
    };
    // A dam, a power station or a national park right after its place (`塔贝拉｜大坝`,
    // `蒙贝拉｜水电站`, `班夫｜国家公园`; not `上巴拉那省｜伊泰普水电站`, one in the place, nor
    // a division's in full, `纳希切万自治共和国｜光伏电站`).
    if !country && !division && starts_with_a_dam(rest) {
        return true;
    }
    let at_least = if country { 2 } else { 0 };
    // Read once, without allocating: this is asked of every place's mention.
    for (count, (i, c)) in rest.char_indices().take(8).enumerate() {
        // A join, a route's end (`马塔兰｜至龙目国际机场`) or a copula (`达米埃塔港｜是…经济区`):
        // the place stands apart.
        if !annotext_parser::is_hanzi(c)
            || matches!(c, '的' | '和' | '与' | '及' | '在' | '至' | '是')
        {
            return false;
        }
        // A count or a pointer between them: a company of the place, not its name
        // (`儋州｜一家航运公司`, `宁波｜多所大学`, `该公司`).
        if matches!(c, '一' | '两' | '几' | '多' | '各' | '该' | '这' | '每')
            && rest[i + c.len_utf8()..].starts_with(['家', '座', '所', '个', '批', '些', '类'])
        {
            return false;
        }
        // A verb between them: the place has the zone (`伊基克｜设有｜自由贸易区`).
        if matches!(c, '设' | '建' | '拥' | '成')
            && ["设有", "设立", "建有", "建立", "建设", "拥有", "成立"]
                .iter()
                .any(|w| rest[i..].starts_with(w))
        {
            return false;
        }
        // The first characters of INSTITUTIONS: most positions start none of them.
        if !matches!(
            c,
            '大' | '学'
                | '金'
                | '搜'
                | '集'
                | '公'
                | '机'
                | '工'
                | '产'
                | '交'
                | '港'
                | '保'
                | '试'
                | '合'
                | '开'
                | '自'
                | '经'
                | '基'
                | '片'
                | '分'
                | '研'
                | '科'
                | '物'
                | '数'
                | '高'
                | '修'
                | '航'
                | '综'
                | '边'
                | '救'
                | '发'
                | '神'
                | '商'
        ) {
            continue;
        }
        let word = &rest[i..];
        let found = institutions_by_first_character()
            .get(&c)
            .and_then(|words| words.iter().find(|w| word.starts_with(**w)))
            // A city's kind before 市 is a kind of cities, not one (`…是传统｜商贸城市`,
            // `科技城市`).
            .filter(|w| !(w.ends_with('城') && word[w.len()..].starts_with('市')));
        if let Some(w) = found {
            // A zone after a division's full name is a zone in it (`信德省｜经济特区`).
            if division && w.ends_with('区') {
                return false;
            }
            // A park or a free trade port is named right after its place (`罗勇工业园`,
            // `海南自由贸易港`); one a few words after is one in the place
            // (`全罗南道｜临港产业园区`, `海南省依托｜海南自由贸易港`). A centre too, or after one word
            // (`占贾物流中心`, `霍尔果斯国际物流中心`; not `依斯干达公主城｜投资数据中心`).
            let most = if bracketed {
                6
            } else if w.ends_with('园') || *w == "港区" || *w == "自由贸易港" {
                0
            } else if w.ends_with("中心") {
                2
            } else {
                6
            };
            return (at_least..=most).contains(&count)
                && (!country || ["大学", "学院", "公司", "集团"].contains(w));
        }
    }
    false
}

/// Countries whose formal name is the short name and 国 alone (`厄立特里亚国`, `以色列国`).
const STATES_NAMED_WITH_GUO: [&str; 8] = [
    "厄立特里亚",
    "科威特",
    "卡塔尔",
    "以色列",
    "巴勒斯坦",
    "日本",
    "利比亚",
    "文莱达鲁萨兰",
];

/// What starts a word with 国 after a country's name (`卡塔尔｜国家`, `日本｜国内`, `以色列｜国防军`).
const NOT_A_STATE_AFTER_GUO: &str =
    "家際际内內务務民防企有籍土库庫旗歌会會营營债債事力产產货貨资資情界门門王";

/// The words a country's formal name puts between its short name and its 共和国 or 国
/// (`巴西联邦共和国`, `越南社会主义共和国`, `埃及阿拉伯共和国`, `玻利维亚多民族国`): how many bytes
/// of `rest` they take, 0 if none.
fn formal_qualifiers(rest: &str) -> usize {
    const QUALIFIERS: [&str; 12] = [
        "联邦",
        "聯邦",
        "民主",
        "人民",
        "社会主义",
        "社會主義",
        "阿拉伯",
        "伊斯兰",
        "伊斯蘭",
        "联合",
        "聯合",
        "多民族",
    ];
    let mut taken = 0;
    while let Some(q) = QUALIFIERS.iter().find(|q| rest[taken..].starts_with(**q)) {
        taken += q.len();
    }
    taken
}

/// Products named after a place (folded): the place's name before one is part of the
/// product's (`哈密瓜`, `福鼎白茶`, `绍兴黄酒`, `托卡伊葡萄酒`, `山东煎饼`).
static PRODUCTS: Words = Words::new(&[
    "榨菜",
    "花炮",
    "干酪",
    "白对虾",
    "茶",
    "玉",
    "瓜",
    "香梨",
    "椪柑",
    "蜜柚",
    "苹果",
    "煎饼",
    "白茶",
    "黑茶",
    "红茶",
    "绿茶",
    "花茶",
    "黄酒",
    "白酒",
    "葡萄酒",
    "葡萄干",
    "人参",
    "火腿",
    "带鱼",
    "腊肉",
    "米粉",
    "米线",
    "拉面",
    "烤鸭",
    "小吃",
    "大闸蟹",
    "咖啡",
    "燕窝",
    "胡椒",
    "玫瑰",
    "可可",
    "柚",
    "橄榄",
    "瓷",
    "象龟",
    "牛肉面",
    "椰子",
    "鸡",
    "鲑",
    "牛肉",
    "毛尖",
    "牡丹",
    "龙虾",
    "冰酒",
    "香米",
    "毛峰",
    "白兰地",
    "马铃薯",
    "油橄榄",
    "花牛",
    "枸杞",
    "红枣",
    "核桃",
    "白药",
    "松露",
    "帝王蟹",
    "海胆",
    "花椒",
    "黄牛",
    "扒鸡",
    "麻花",
    "坚果",
    "香肠",
    "蛋糕",
    "紫砂",
    "石榴",
    "青金石",
    "瓷器",
    "火锅",
    "大黄鱼",
    "奶酪",
    "老窖",
    "五粮液",
    "羊绒",
    "单丛",
    "皮革",
    "地毯",
    "柑橘",
    "血橙",
    "羊奶酪",
    "香料",
    "芒果",
    "樱桃",
    "松子",
    "岩盐",
]);

/// Whether `rest`, the text right after a place's name, starts with a product named after the
/// place (see [`PRODUCTS`]).
pub(super) fn names_a_product(rest: &str) -> bool {
    PRODUCTS.start(rest)
        // Or a product of its foothills (`贺兰山｜东麓葡萄酒`).
        || (rest.starts_with(['东', '西', '南', '北'])
            && rest['东'.len_utf8()..].starts_with('麓')
            && PRODUCTS.start(&rest["东麓".len()..]))
}

/// Surnames that start most Chinese persons' names: a place's name right after one, in a
/// reporter's byline (`（记者 李青海 马丽娜）`), is a person's given name.
static SURNAMES: CharSet = CharSet::new(
    "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏\
卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武\
乔贺赖龚文",
);

/// Whether the name at `start..end` is a person's given name in a byline: after a surname that
/// follows a space, a bracket or the start, and before a space, a bracket or the end
/// (`记者 李青海 马丽娜`).
fn in_a_byline(folded: &str, start: usize, end: usize) -> bool {
    // The end first: a space or a bracket after a name is rare, and this is asked of every one.
    if !ends_a_byline_name(folded[end..].chars().next()) {
        return false;
    }
    let mut before = folded[..start].chars().rev();
    let surname = before.next().is_some_and(|c| SURNAMES.contains(c));
    let opens = before
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '（' | '(' | '、' | '者'));
    surname && opens
}

/// Whether a byline's name ends before `next`: a space, a bracket, an enumeration mark or the
/// end of the text.
fn ends_a_byline_name(next: Option<char>) -> bool {
    next.is_none_or(|c| c.is_whitespace() || matches!(c, '）' | ')' | '、'))
}

/// Whether the name at `start..end` is a reporter's name right after 记者: the whole name
/// (`记者｜黄河｜ 刘思远`), or its first characters, a surname among them, with one more before
/// the byline goes on (`记者｜黄海｜涛）`).
fn after_a_reporter(folded: &str, start: usize, end: usize) -> bool {
    if !folded[..start].ends_with("记者") {
        return false;
    }
    let mut rest = folded[end..].chars();
    let next = rest.next();
    ends_a_byline_name(next)
        || (folded[start..]
            .chars()
            .next()
            .is_some_and(|c| SURNAMES.contains(c))
            && next.is_some_and(annotext_parser::is_hanzi)
            && ends_a_byline_name(rest.next()))
}

/// Titles a person's name follows (`副总经理王泰山`).
const TITLES: [&str; 14] = [
    "记者",
    "经理",
    "主任",
    "部长",
    "局长",
    "大使",
    "市长",
    "省长",
    "主席",
    "总裁",
    "董事长",
    "秘书长",
    "书记",
    "总监",
];

/// Whether the name at `start..end`, of one or two characters, is a person's given name after a
/// title and a surname (`副总经理王｜泰山`).
fn after_a_title(folded: &str, start: usize, end: usize) -> bool {
    let Some(surname) = folded[..start].chars().next_back() else {
        return false;
    };
    SURNAMES.contains(surname)
        && folded[start..end].chars().count() <= 2
        && TITLES
            .iter()
            .any(|t| folded[..start - surname.len_utf8()].ends_with(t))
}

/// Whether a word of the dictionary starts inside the name, after its first character, and
/// runs past its end (`纳税` in `增加纳税`): within three characters after it.
pub(super) fn ends_inside_a_word(folded: &str, start: usize, end: usize) -> bool {
    let second = start + folded[start..].chars().next().map_or(1, char::len_utf8);
    let to = folded[end..]
        .char_indices()
        .nth(3)
        .map_or(folded.len(), |(i, _)| end + i);
    word_across(folded, end, second, to)
}

/// Whether a word of the dictionary starts before `start` and ends inside the name, past its
/// first character (`其中` in `其中亚洲`): within three characters before it.
pub(super) fn crosses_a_word(folded: &str, start: usize, end: usize) -> bool {
    // A name after a joining word is crossed by none (`和易｜北河`: 和 joins 易北河 on).
    if folded[..start].ends_with(['和', '与', '及']) {
        return false;
    }
    let from = folded[..start]
        .char_indices()
        .rev()
        .nth(2)
        .map_or(0, |(i, _)| i);
    // The word ends before the name's last character starts.
    let last = folded[..end].chars().next_back().map_or(0, char::len_utf8);
    word_across(folded, start, from, end - last)
}

/// Whether a word of the pinyin dictionary or of the everyday words runs across `at`: it starts
/// at `lo` or after and before `at`, and ends after `at` and at `hi` or before (byte offsets of
/// `folded` on character boundaries).
fn word_across(folded: &str, at: usize, lo: usize, hi: usize) -> bool {
    let (Some(left), Some(right)) = (
        folded[..at].chars().next_back(),
        folded[at..].chars().next(),
    ) else {
        return false;
    };
    if !annotext_parser::is_hanzi(left) || !annotext_parser::is_hanzi(right) || lo >= at || hi <= at
    {
        return false;
    }
    // A word runs across `at` only if some word holds these two characters side by side: set
    // lookups spare the searches for almost every name.
    let prose = prose_words();
    let in_dictionary_pairs = prose.dictionary_pairs.contains(&(left, right));
    let in_everyday_pairs = prose.everyday_pairs.contains(&(left, right));
    if !in_dictionary_pairs && !in_everyday_pairs {
        return false;
    }
    let dictionary = crate::facts::words::words();
    // The crossings (`随着墨`) are runs of words, not words: not theirs.
    let in_dictionary = in_dictionary_pairs
        && dictionary.automaton.as_ref().is_some_and(|a| {
            a.find_overlapping_iter(&folded[lo..hi]).any(|m| {
                !dictionary.is_crossing(m.value() as usize)
                    && lo + m.start() < at
                    && lo + m.end() > at
            })
        });
    in_dictionary
        || (in_everyday_pairs
            && prose.spans(
                folded,
                std::iter::once(lo).chain(boundaries_between(folded, lo, at)),
                boundaries_between(folded, at, hi).chain(std::iter::once(hi)),
            ))
}

/// Transliteration characters that are also a country's one-character name in China's usage
/// (`中俄`, `中巴`, `中德`, `中马`): after 中 or another partner they are a partner, not a
/// name's first sound (`和｜乌班吉河` is one name).
const PARTNER_CHARACTERS: &str = "俄巴哈吉塔乌土阿沙伊以叙约埃苏蒙越泰印马菲德法比葡西";

/// Transliteration characters that end words before a name more often than they start one:
/// 达 a verb of arriving (`通达`, `抵达`), 比 a comparison (`比｜温哥华港短`), 季 a season
/// (`通航季｜巴甫洛达尔港`, `旺季`), 多 many (`更多｜佛山`, `许多`).
const NO_LEAD_IN: &str = "达比季多";

/// Names whose first sound the gazetteer's shorter name left out (`布｜法罗`, `纽｜芬兰岛`,
/// `姆｜普马兰加省`, `洛｜东江`; a name north or south, `北｜里奥格兰德州`, `南｜塔拉瓦`): one
/// transliteration character right before a town's, a division's, a place's or a feature's
/// name, after a character that makes no word with it and belongs to no name, is the name's.
pub(super) fn lead_ins(folded: &str, names: usize, out: &mut [Mention]) {
    let names = names.min(out.len());
    let ends_at = |out: &[Mention], at: usize| out[..names].iter().any(|n| n.text.end == at);
    for k in 0..names {
        let Some(m) = out.get(k) else { break };
        if !matches!(m.kind, "city" | DIVISION | PLACE | FEATURE) {
            continue;
        }
        let mut back = folded[..m.text.start].char_indices().rev();
        let Some((at, lead)) = back.next() else {
            continue;
        };
        // A town, a division or a feature named north or south (`南｜塔拉瓦`, `南｜阿尔卑斯山`),
        // also right after its country's or its island's name (`基里巴斯｜南塔拉瓦`).
        let direction = "北南东西".contains(lead);
        // The cheap tests first: most names follow no transliteration character.
        if !(direction || is_transliteration(lead))
            || NO_LEAD_IN.contains(lead)
            || !folded[m.text.clone()]
                .chars()
                .next()
                .is_some_and(is_transliteration)
            || ends_at(out, m.text.start)
        {
            continue;
        }
        // The character before: no transliteration (a longer run is another rule's) but the
        // end of a name (`南非｜姆普马兰加省`), no word with the lead (`向北`, `以南`).
        let apart = match back.next() {
            None => true,
            Some((i, b)) => {
                // A partner after China or another partner (`中｜乌`, `中俄｜蒙`).
                let partner = PARTNER_CHARACTERS.contains(lead)
                    && (b == '中' || PARTNER_CHARACTERS.contains(b));
                // A direction that ends the name of a Chinese province or region (`海南｜文昌`,
                // `河北`, `华南`, `陕西`) is that name's.
                let a_word_of_direction =
                    direction && !ends_at(out, at) && "海河湖云济江山陕广辽华冀岭淮陇".contains(b);
                !partner
                    && !a_word_of_direction
                    && (ends_at(out, at) || !is_transliteration(b))
                    && !prose_words().spans(
                        folded,
                        std::iter::once(i),
                        std::iter::once(m.text.start),
                    )
            }
        };
        if let Some(m) = out.get_mut(k).filter(|_| apart) {
            m.text.start = at;
            m.offset = at;
            m.canonical = None;
        }
    }
}
