//! Places, features and divisions the gazetteer does not know, found by their ending: border
//! crossings (`…口岸`), and ports, islands, bays, seas, lakes, rivers, straits, deserts, ranges and
//! divisions whose names are transliterations (`帕拉纳瓜港`, `马略卡岛`, `塞万湖`, `提格雷州`).

use super::mechanisms::before_a_name;
use super::prose::prose_words;
use super::standing::{
    crosses_a_word, is_transliteration, island_or_port_in_an_institution_name, named_in_full,
    NOT_THE_TOWNS,
};
use super::{add_where_free, Mention, DIVISION, FEATURE, PLACE};

/// Words that make `…口岸` a kind of crossing, not a named one (`陆路口岸`, `指定口岸`,
/// `本协定所列口岸`), or lead into one (`我们希望｜红山嘴口岸`).
const GENERIC_CROSSINGS: [&str; 81] = [
    // In the flood season (`汛期口岸关闭`); twin towns' crossing (`瓦尔加与瓦尔卡的双子城口岸`);
    // a friendship bridge's (`清孔—会晒友谊大桥口岸`).
    "汛期",
    "双子城",
    "友谊大桥",
    "备选",
    "所列",
    "希望",
    "城市",
    "所称",
    "界河",
    "电子",
    "地区",
    "澜湄",
    "全区",
    "全省",
    "全国",
    "国家",
    "培训",
    "部分",
    "随着",
    "延长",
    "边境",
    "沿海",
    "内陆",
    "对应",
    "一次",
    "所有",
    "相关",
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
    "两地",
    "各地",
    "当地",
    "研究",
    "简化",
    "改造",
    "改善",
    "相应",
    "政府",
    "组织",
    "报送",
    "促进",
    "推进",
    "推动",
    "加快",
    "扩大",
    "提升",
    "优化",
    "沿线",
    "推行",
    "实行",
    "协调",
    "整合",
    "解决",
    "两省",
];

/// Border crossings the gazetteer does not know, named by `…口岸` (`红桥口岸`, `甘其毛都口岸`):
/// the two to five characters before it (seven in sounds: `帕索卡诺阿斯口岸`), back to a joining
/// word, a verb of arriving, having or setting up, or punctuation (`经｜策克口岸`,
/// `运抵｜海拉顿口岸`, `设有｜埃卢博口岸`),
/// unless they say what kind of crossing it is (`陆路口岸`) or hold a name found already (those
/// are found as names: `霍尔果斯口岸`).
pub(super) fn crossings_in_text<'t>(folded: &str, names: usize, out: &mut Vec<Mention<'t>>) {
    // Searched as a byte string, with a finder built once: `str::match_indices` of a word reads
    // every block byte by byte, and few blocks name a crossing.
    static CROSSING: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let crossing = CROSSING.get_or_init(|| memchr::memmem::Finder::new("口岸"));
    for at in super::starts_of(crossing, folded.as_bytes()) {
        // A port's shoreline or shore power (`港口｜岸线`, `港口｜岸电`) is no crossing.
        if folded[at + "口岸".len()..].starts_with(['线', '电']) {
            continue;
        }
        let mut start = at;
        for (i, c) in folded[..at].char_indices().rev().take(7) {
            // Not into a name before it (`广宁省｜芒街口岸`), nor into another crossing
            // (`巴克图口岸｜铁路口岸`).
            if !annotext_parser::is_hanzi(c)
                || folded[..i + c.len_utf8()].ends_with("口岸")
                || "经在从由自与和及或而的至到往向赴等、各该方将把以为对于座抵设有驻含就"
                    .contains(c)
                || out
                    .iter()
                    .take(names)
                    .any(|m| m.text.end == i + c.len_utf8())
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
        // Not from inside a word of prose that runs into it (`缓｜解贝特布里奇口岸`).
        while folded[start..at].chars().nth(2).is_some() && crosses_a_word(folded, start, at) {
            start += folded[start..].chars().next().map_or(0, char::len_utf8);
        }
        // A kind of crossing before the name is not part of it (`边境｜尼穆莱口岸`).
        while let Some(word) = GENERIC_CROSSINGS
            .iter()
            .find(|w| folded[start..at].starts_with(**w) && folded[start..at].len() > w.len())
        {
            start += word.len();
        }
        // A kind of crossing inside a run too long for a name: the name starts after it
        // (`埃利边境｜塞卢姆口岸`).
        if folded[start..at].chars().count() > 5 {
            if let Some(cut) = GENERIC_CROSSINGS
                .iter()
                .filter_map(|w| folded[start..at].rfind(w).map(|i| i + w.len()))
                .filter(|&cut| cut < at - start)
                .max()
            {
                start += cut;
            }
        }
        // A verb of prose before a transliterated name is not part of it (`总结｜奇伦杜口岸`).
        let words = prose_words();
        if let Some((i, _)) = folded[start..at].char_indices().nth(2) {
            let rest = &folded[start + i..at];
            if words.is_everyday(&folded[start..start + i])
                && rest.chars().count() >= 2
                && rest.chars().all(is_transliteration)
            {
                start += i;
            }
        }
        let head = &folded[start..at];
        // A crossing by rail, road or air after a name is that name's (`珲春｜铁路口岸`,
        // `喀什｜航空口岸`).
        if ["铁路", "公路", "航空"].contains(&head) {
            if let Some(name) = out.iter().take(names).find(|m| {
                m.text.end == start
                    && matches!(m.kind, "city" | PLACE | DIVISION)
                    && !folded[..start].ends_with("口岸")
            }) {
                let text = name.text.start..at + "口岸".len();
                out.push(Mention {
                    kind: PLACE,
                    offset: text.start,
                    text,
                    canonical: None,
                    rule: "suffix:口岸",
                });
                continue;
            }
        }
        // Words of prose name no crossing (`分享｜口岸`, `应统筹｜口岸`, `发展水路｜口岸`).
        if is_prose(head) {
            continue;
        }
        let length = head.chars().count();
        // Six or seven sounds, where the run of sounds starts (not `卡｜尔德纳尔萨莫雷口岸`).
        let in_sounds = || {
            (6..=7).contains(&length)
                && head.chars().all(is_transliteration)
                && !folded[..start]
                    .chars()
                    .next_back()
                    .is_some_and(is_transliteration)
        };
        if !((2..=5).contains(&length) || in_sounds())
            || GENERIC_CROSSINGS.iter().any(|w| head.ends_with(w))
            || head.ends_with(['国', '方'])
            // A count of crossings or of provinces (`力争两｜口岸`, `三省｜口岸`).
            || head.ends_with(['两', '各', '多', '几', '诸'])
            || (head.ends_with(['省', '市', '地'])
                && head
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|c| "一二三四五六七八九十两几多各".contains(c)))
            || head.starts_with('对')
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

/// Whether `head` is words of prose: an everyday word, alone or after a one-character word
/// (`应统筹`), or two of them (`发展水路`).
fn is_prose(head: &str) -> bool {
    let words = prose_words();
    words.is_everyday(head)
        || head.char_indices().skip(1).any(|(i, _)| {
            let (first, rest) = head.split_at(i);
            words.is_everyday(rest) && (first.chars().count() == 1 || words.is_everyday(first))
        })
}

/// What 港 starts after a port's name when it is no part of it (`港口`, `港湾`, `港澳`, `港务`,
/// `港区`).
pub(super) const NOT_A_PORT: &str = "口湾澳务区";

/// Endings that make a transliterated name a place or a feature, longest first (`群岛` before
/// `岛`), each with the characters after it that make it another word (`港口`, `岛国`, `河北`,
/// `湖南`, `沙漠化`), and the rule it fires.
const FOREIGN_ENDINGS: [(&str, &str, &str, &str); 42] = [
    ("群岛", PLACE, "国", "ending:群岛"),
    ("深水港", PLACE, NOT_A_PORT, "ending:深水港"),
    ("潟湖", FEATURE, "", "ending:潟湖"),
    ("大港", PLACE, NOT_A_PORT, "ending:大港"),
    ("地峡", FEATURE, "", "ending:地峡"),
    ("湾", FEATURE, "区大省州县市", "ending:湾"),
    (
        "海",
        FEATURE,
        "域岸港关军洋湾外运上滨边南北东西区口事员水产鲜底空峡铁得道联",
        "ending:海",
    ),
    ("岛", PLACE, "国屿内链", "ending:岛"),
    ("港", PLACE, NOT_A_PORT, "ending:港"),
    ("湖", FEATURE, "南北泊区", "ending:湖"),
    ("河", FEATURE, "北南流道谷床岸段", "ending:河"),
    ("盐湖", FEATURE, "区", "ending:盐湖"),
    ("盐沼", FEATURE, "", "ending:盐沼"),
    ("半岛", FEATURE, "", "ending:半岛"),
    ("盆地", FEATURE, "", "ending:盆地"),
    // Grasslands, wetlands and oases (`潘帕斯草原`, `锡瓦绿洲`); not plains and plateaus, whose
    // names often start with a character no transliteration has (`乌斯秋尔特高原`) and end
    // up cut.
    ("草原", FEATURE, "", "ending:草原"),
    ("湿地", FEATURE, "", "ending:湿地"),
    ("绿洲", FEATURE, "", "ending:绿洲"),
    ("运河", FEATURE, "", "ending:运河"),
    // A reservoir (`托克托古尔水库`, `努列克水库`).
    ("水库", FEATURE, "", "ending:水库"),
    // A state or a province named after its river (`克罗斯河州`, `内格罗河省`).
    ("河州", DIVISION, "长立际", "ending:州"),
    ("河省", DIVISION, "长份级会", "ending:省"),
    ("海峡", FEATURE, "", "ending:海峡"),
    ("沙漠", FEATURE, "化", "ending:沙漠"),
    ("山脉", FEATURE, "", "ending:山脉"),
    // A mountain pass (`布伦纳山口`, `瓦赫吉尔山口`); not Japan's prefecture (`山口县`).
    ("山口", FEATURE, "县市", "ending:山口"),
    // Peaks, glaciers, volcanoes, fjords and the sea floor's basins and ridges (`乔戈里峰`,
    // `巴托拉冰川`, `福戈火山`, `伊卢利萨特冰峡湾`, `加拿大海盆`); not a summit (`…峰会`).
    ("峰", FEATURE, "会值谷顶", "ending:峰"),
    ("冰川", FEATURE, "", "ending:冰川"),
    ("火山", FEATURE, "灰口岩带区", "ending:火山"),
    ("峡湾", FEATURE, "", "ending:峡湾"),
    ("海盆", FEATURE, "", "ending:海盆"),
    ("海岭", FEATURE, "", "ending:海岭"),
    // A mountain (`提贝斯提山`, `卡兹别克山`); not its area, sides or foot (`…山区`, `…山东`).
    (
        "山",
        FEATURE,
        "区東东西南北脉水口地城庄寨顶峰麓上下",
        "ending:山",
    ),
    ("大区", DIVISION, "", "ending:大区"),
    // A division named by a part of a region (`马塔贝莱兰北省`).
    ("北省", DIVISION, "长份级会", "ending:北省"),
    ("南省", DIVISION, "长份级会", "ending:南省"),
    ("东省", DIVISION, "长份级会", "ending:东省"),
    ("西省", DIVISION, "长份级会", "ending:西省"),
    ("郡", DIVISION, "长县主", "ending:郡"),
    ("州", DIVISION, "长立际", "ending:州"),
    ("省", DIVISION, "长份级会", "ending:省"),
    // Not an airport named after a person (`华沙肖邦｜机场`).
    ("邦", DIVISION, "长节交政机", "ending:邦"),
];

/// Whether the text `rest` after `name` makes its ending another word: the character after it
/// is one that the longest ending of [`FOREIGN_ENDINGS`] that `name` ends with is never before
/// (`…海｜洋`, `…河｜流`, `…港｜口`).
pub(super) fn ending_reads_on(name: &str, rest: &str) -> bool {
    FOREIGN_ENDINGS
        .iter()
        .filter(|e| name.ends_with(e.0))
        .max_by_key(|e| e.0.len())
        .is_some_and(|e| rest.chars().next().is_some_and(|c| e.2.contains(c)))
}

/// Characters that start or carry transliterated names and also start many Chinese words (`考察`,
/// `丰富`, `万元`, `林业`, `日常`, `龙头`, `武器`, `开展`, `富裕`; `日德兰半岛`, `奥龙特斯河`,
/// `武里河`, `开伯尔-普什图赫瓦省`, `富埃戈火山`), so they are no [`is_transliteration`]
/// character: read into a run of one only beside it (see [`transliterated_in_text`]).
const SOUNDS_OF_WORDS: &str = "考丰万林日龙武开富";

/// Characters that start no name after punctuation or a join: words of the sentence (`、｜在…`,
/// `。｜该…`, `和｜对…`) and generic phrases (`、｜各港`).
const NOT_A_FIRST_SOUND: &str = "其各该本这那我你他它们等些全多双每某此诸另国省市县区中华的在至从向往经对把被让使给为同跟自以及并且而又也都还就才由将于赴沿即或和与应年据了受但含包如";

/// Whether an everyday word of two characters starts at `at` (`，｜覆盖科西河`).
fn starts_an_everyday_word(folded: &str, at: usize) -> bool {
    let two: usize = folded[at..].chars().take(2).map(char::len_utf8).sum();
    prose_words().is_everyday(&folded[at..at + two])
}

/// Characters that end transliterated names and also end Chinese words (`城堡`, `碉堡`): read
/// into a run only as its last sound, after one of [`is_transliteration`] (`德拉肯斯堡山脉`).
const LAST_SOUNDS: &str = "堡";

/// Whether what starts at `at` stands apart from the text before it: at the block's start, after
/// no hanzi, a joining word or a name of `out`.
fn stands_apart(folded: &str, out: &[Mention], at: usize) -> bool {
    folded[..at].chars().next_back().is_none_or(|b| {
        !annotext_parser::is_hanzi(b)
            || "和与及、的在".contains(b)
            || out.iter().any(|m| m.text.end == at)
    })
}

/// Ports, islands, bays, seas, lakes, rivers, straits, deserts, ranges and divisions the gazetteer
/// does not know (`提格雷州`, `乌多姆赛省`, `巴芬湾`, `波弗特海`): an
/// ending of [`FOREIGN_ENDINGS`] after a run of two to six characters of transliterated names
/// ([`is_transliteration`]: `帕拉纳瓜港`, `库拉河`), where no name found already lies (those are
/// found as names: `卡拉奇港`, `伏尔加河`). A longer run has no clear start, and is left.
///
/// Returns whether a hyphen stands right before a name it found (`萨梅格列罗-｜上斯瓦涅季州`: a
/// name in parts, maybe, read by [`super::hyphens`]).
pub(super) fn transliterated_in_text<'t>(folded: &str, out: &mut Vec<Mention<'t>>) -> bool {
    let mut hyphen_before = false;
    static ENDINGS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let endings = ENDINGS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(FOREIGN_ENDINGS.iter().map(|e| e.0))
            .unwrap_or_else(|e| panic!("the endings compile: {e}"))
    });
    // One pass over the block: most blocks hold none of the endings.
    for found in endings.find_iter(folded) {
        let Some(&(ending, kind, not_before, rule)) =
            FOREIGN_ENDINGS.get(found.pattern().as_usize())
        else {
            continue;
        };
        let at = found.start();
        let end = at + ending.len();
        // A bank or a basin of a lake or a river is no word of its own (`卡里巴湖｜南岸`, not
        // `湖南`; `库内内河｜流域`).
        let bank = matches!(ending, "湖" | "河")
            && (folded[end..].chars().nth(1) == Some('岸') || folded[end..].starts_with("流域"));
        if !bank
            && folded[end..]
                .chars()
                .next()
                .is_some_and(|c| not_before.contains(c))
        {
            continue;
        }
        // A feature in a national park's name (`京那巴鲁山｜国家公园`), which the gazetteer's
        // pass left out there: no shorter name inside it either. (Readers count a river or a
        // strait before its bridge or its power station: `帕德玛河大桥`, `布列亚河水电站`.)
        if kind == FEATURE && folded[end..].starts_with("国家公园") {
            continue;
        }
        // `海岛` is a word (`开展｜海岛旅游`): an island's name ends in more than the sea.
        if ending == "岛" && folded[..at].ends_with('海') {
            continue;
        }
        // An island's or a port's name in a zone's or a company's (`圣文森特岛｜海洋经济特区`,
        // `汉班托塔港｜工业园`), as the gazetteer's pass leaves a town's out there.
        if kind == PLACE && island_or_port_in_an_institution_name(&folded[end..]) {
            continue;
        }
        let mut start = at;
        let mut count = 0;
        // A town's short name inside the run, which the run reads through (`科｜苏梅｜尔岛`).
        let mut absorbed: Option<usize> = None;
        let mut before = folded[..at].char_indices().rev().peekable();
        while let Some((i, c)) = before.next() {
            // A name in parts joined by hyphens is one name (`丹吉尔-得土安-胡塞马大区`), and so
            // is one whose parts a middle dot joins (`沙希德·拉贾伊港`, after a person).
            // A dash before one sound only links two places (`瓦赫达特—｜亚湾铁路`), but for a
            // canal, which links two rivers (`伏尔加—顿运河`).
            let hyphen = matches!(c, '-' | '－' | '—' | '·')
                && (count > 1 || (count > 0 && (c != '—' || ending == "运河")))
                && before.peek().is_some_and(|(_, c)| is_transliteration(*c));
            if !(hyphen || is_transliteration(c)) || count == 16 {
                // A sound that starts or carries a transliteration and also starts Chinese
                // words (`考｜德拉港`, `丰｜塞卡湾`, `特｜万｜特佩克湾`, `科｜林｜托港`): read where the
                // run goes on before it, or where no word of the text runs across it
                // (`开发｜丰塞卡湾`; not `森林｜…`, `考察｜费莱凯岛`, even after a stop:
                // `，考察慕士塔格峰`).
                let carried = before.peek().is_some_and(|&(_, b)| is_transliteration(b));
                let in_no_word = || {
                    !crosses_a_word(folded, i, end)
                        && !crosses_a_word(folded, i + c.len_utf8(), end)
                };
                // A name's last sound before a range's or a river's ending (`德拉肯斯｜堡｜山脉`),
                // unless it ends a name found already (`杜伊斯堡｜港` is the town's port).
                if count == 0
                    && LAST_SOUNDS.contains(c)
                    && carried
                    && !out.iter().any(|m| m.text.end == at)
                {
                    start = i;
                    count += 1;
                    continue;
                }
                if count > 0
                    && count < 16
                    && SOUNDS_OF_WORDS.contains(c)
                    && (carried || in_no_word())
                {
                    start = i;
                    count += 1;
                    if carried {
                        continue;
                    }
                }
                // A first sound that no transliteration table has, right after punctuation or a
                // join (`、｜公格尔峰`, `。｜南迦帕尔巴特峰`, `、｜文茨皮尔斯港`): the name's.
                else if count >= 2
                    && annotext_parser::is_hanzi(c)
                    && !NOT_A_FIRST_SOUND.contains(c)
                    && before
                        .peek()
                        .is_none_or(|&(_, b)| "、，。；：（“《和与及".contains(b))
                    && !starts_an_everyday_word(folded, i)
                {
                    start = i;
                    count += 1;
                }
                break;
            }
            // Not into a name found before it (`埃塞俄比亚｜提格雷州`, `拉脱维亚｜里加港`), unless
            // that is a town's short name that the run reads on from (`杰尔｜巴岛`, `科｜苏梅｜尔岛`).
            if let Some(k) = out.iter().position(|m| m.text.end == i + c.len_utf8()) {
                let inside = out.get(k).is_some_and(|m| {
                    let name = &folded[m.text.clone()];
                    matches!(m.kind, "city" | DIVISION)
                        && count > 0
                        && absorbed.is_none()
                        && name.chars().count() <= 3
                        && name.chars().all(is_transliteration)
                        // Not across a dash: `达沃—萨马尔岛` links two places.
                        && !folded[m.text.end..].starts_with(['-', '－', '—'])
                });
                if !inside {
                    break;
                }
                absorbed = Some(k);
            }
            start = i;
            if !hyphen {
                count += 1;
            }
        }
        // Not from inside a word before it (`依托｜萨拉拉港`: from 萨), nor from a verb's last
        // character that leads into names (`依托｜瓦尔河`).
        while count > 2 {
            let first = folded[start..].chars().next().map_or(1, char::len_utf8);
            if !crosses_a_word(folded, start, end)
                && !super::mechanisms::verb_before(folded, start + first)
            {
                break;
            }
            start += first;
            count -= 1;
        }
        // A verb that leads into names is no sound of the run (`加密｜福州`).
        while count > 2 {
            let Some(verb) = super::mechanisms::verb_at(folded, start) else {
                break;
            };
            start += verb;
            count -= 2;
        }
        // One character before a dash, after hanzi the run stopped at, ends another name
        // (`马甲藏｜布—卡尔纳利河`): the run starts after the dash, unless a name found ends there.
        if let Some(dash) = folded[start..at].find(['-', '－', '—']) {
            let dash_at = start + dash;
            let one = folded[start..dash_at].chars().count() == 1;
            let after_hanzi = folded[..start]
                .chars()
                .next_back()
                .is_some_and(annotext_parser::is_hanzi);
            if one && after_hanzi && !out.iter().any(|m| m.text.end == dash_at) {
                let width = folded[dash_at..].chars().next().map_or(1, char::len_utf8);
                start = dash_at + width;
                count -= 1;
            }
        }
        // The last part of a name in parts that the gazetteer knows in part
        // (`丹吉尔-得土安｜-胡塞马大区`, `圣安东尼奥｜—埃斯特港`) is that name's, of the ending's kind.
        if folded[start..].starts_with(['-', '－', '—']) {
            // Not a feature, nor an island: `达沃—萨马尔岛` links two places.
            let joined = (kind != FEATURE && !ending.ends_with('岛'))
                .then(|| {
                    out.iter_mut().find(|m| {
                        m.text.end == start && matches!(m.kind, DIVISION | "city" | PLACE)
                    })
                })
                .flatten();
            if let Some(name) = joined {
                name.text.end = end;
                name.kind = kind;
                name.canonical = None;
            }
            continue;
        }
        // A division named new, upper, lower or by its direction (`新阿基坦大区`, `上法兰西大区`,
        // `下萨克森州`, `北巴提奈省`), a port or an island named new (`新帕尔米拉港`, `新乔治亚岛`),
        // a range by its direction.
        let prefixes = match kind {
            DIVISION => "新上下东西南北",
            PLACE if ending.ends_with('港') || ending == "岛" => "新",
            // A range or a river named by its direction (`南马德雷山脉`, `北亚克河`).
            FEATURE if matches!(ending, "山脉" | "河") => "东西南北",
            _ => "",
        };
        if !prefixes.is_empty() {
            if let Some(c) = folded[..start]
                .chars()
                .next_back()
                .filter(|c| prefixes.contains(*c))
            {
                let prefix_at = start - c.len_utf8();
                // A range's direction needs only no word across it (`研究｜南马德雷山脉`; not
                // `以南｜马德雷山脉`).
                if stands_apart(folded, out, prefix_at)
                    || (kind == FEATURE && !crosses_a_word(folded, prefix_at, end))
                {
                    start = prefix_at;
                }
            }
        }
        // Inland waterways are no river's name (`更多｜内河`, `中德｜内河`, `阿瓦士｜内河码头`;
        // `库内内河` is one).
        if ending == "河"
            && folded[..at].ends_with('内')
            && (count <= 2 || folded[end..].starts_with(['码', '港', '航', '运']))
        {
            continue;
        }
        // A run of one name is short; one in parts may be long; a feature's that a join or
        // punctuation bounds may be seven sounds (`和｜卡拉博加兹戈尔湾`; a port's or an island's
        // that long is mostly its town's name and its own, `利伯维尔｜奥文多港`).
        let most = if folded[start..at].contains(['-', '—', '·']) {
            16
        } else if kind == FEATURE && stands_apart(folded, out, start) {
            7
        } else {
            6
        };
        // A pass's name has three sounds or more (`阿拉｜山口` is China's town, `阿拉山口`).
        let fewest = if ending == "山口" { 3 } else { 2 };
        if !(fewest..=most).contains(&count)
            || out
                .iter()
                .enumerate()
                .any(|(k, m)| Some(k) != absorbed && m.text.start < end && m.text.end > start)
        {
            continue;
        }
        if let Some(k) = absorbed.filter(|k| out.get(*k).is_some_and(|m| m.text.start >= start)) {
            out.remove(k);
        }
        hyphen_before |= start > 0 && folded.as_bytes()[start - 1] == b'-';
        out.push(Mention {
            kind,
            text: start..end,
            canonical: None,
            rule,
            offset: start,
        });
    }
    hyphen_before
}

/// Towns named with 市 (`谅山市`, `黑山｜巴尔市`): a division's short name (the town it is named
/// after) before 市 is the town's name with it; and the two to four characters between a
/// country's or a division's name and 市 name a town the gazetteer lacks, unless a word runs
/// into them or they say what kind of town it is. A town's own name before 市 is read with it
/// where the gazetteer's pass finds it (`standing`: `安科纳市`).
pub(super) fn towns_in_text(folded: &str, names: usize, out: &mut Vec<Mention<'_>>) {
    // Where a town's 市 is (not `市场`, `市民`, `市长`).
    let town_word = |at: usize| {
        folded[at..].starts_with('市')
            && !folded[at + '市'.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|c| NOT_THE_TOWNS.contains(c))
    };
    let mut found = Vec::new();
    // From the names: most are followed by no 市, and a block has few names and much text.
    for m in out.iter_mut().take(names) {
        let at = m.text.end;
        if town_word(at) {
            let name = &folded[m.text.clone()];
            let short = m.kind == DIVISION
                && !named_in_full(name)
                && m.canonical.is_none_or(|c| !c.ends_with('市'));
            if short {
                m.kind = "city";
                m.text.end = at + '市'.len_utf8();
                m.canonical = None;
                m.rule = "suffix:市";
            }
            continue;
        }
        // Most names have no 市 two to four characters on: a look at the three places (the
        // characters between, hanzi, take three bytes each; others are no town's).
        let bytes = folded.as_bytes();
        let near = [6, 9, 12]
            .iter()
            .any(|d| bytes.get(at + d..at + d + 3) == Some("市".as_bytes()));
        if !near || !matches!(m.kind, "country" | DIVISION) {
            continue;
        }
        // Two to four characters after the country's or division's name, then 市.
        let Some(end) = folded[at..]
            .char_indices()
            .skip(2)
            .take(3)
            .find(|(i, _)| town_word(at + i))
            .map(|(i, _)| at + i + '市'.len_utf8())
        else {
            continue;
        };
        let town = &folded[at..end - '市'.len_utf8()];
        if !town.chars().all(annotext_parser::is_hanzi)
            || town.ends_with(['城', '各', '该', '本', '首', '大', '小', '新', '老', '等'])
            // Words ending in 市 that are no town's (`连锁超市`, `股市`, `夜市`, `上市`).
            || town.ends_with(['超', '股', '夜', '集', '菜', '门', '上', '街', '黑', '楼'])
            || town.starts_with(['各', '该', '本', '的', '和', '与', '及', '在', '沿'])
            || town.contains(['省', '区', '县', '州', '市'])
            || crosses_a_word(folded, at, end)
        {
            continue;
        }
        found.push(at..end);
    }
    add_where_free(out, found, "city", "suffix:市");
}

/// Towns the gazetteer lacks right after the division they are in, named in full
/// (`穆拉省｜博德鲁姆`, `伊兹密尔省｜切什梅`, `古里亚州的｜奥祖尔盖蒂`): two to six characters of
/// transliterated names, ending where the run of them ends, before punctuation, a joining word,
/// a verb or a word that places what follows around it (`泰拉维｜周边`); and right after their
/// country in a list (`尼泊尔｜拉利特普尔、`, `不丹｜普纳卡和`): three to five, before 、 or 和 only
/// (a person's name, a currency or a region after a country ends otherwise).
pub(super) fn towns_after_divisions(folded: &str, names: usize, out: &mut Vec<Mention<'_>>) {
    let mut found = Vec::new();
    for m in out.iter().take(names) {
        let country = m.kind == "country" && !folded[m.text.clone()].starts_with('中');
        let division =
            m.kind == DIVISION && folded[m.text.clone()].ends_with(['省', '州', '郡', '邦', '区']);
        if !(country || division) {
            continue;
        }
        // A division's town may stand after 的 (`古里亚州的｜奥祖尔盖蒂`), then only before
        // punctuation or a joining word.
        let of = division && folded[m.text.end..].starts_with('的');
        let start = m.text.end + if of { '的'.len_utf8() } else { 0 };
        let rest = &folded[start..];
        if !rest.starts_with(is_transliteration) {
            continue;
        }
        let run: usize = rest
            .chars()
            .take_while(|c| is_transliteration(*c))
            .map(char::len_utf8)
            .sum();
        let end = start + run;
        let count = folded[start..end].chars().count();
        let after = &folded[end..];
        let breaks = after
            .chars()
            .next()
            .is_none_or(|c| !annotext_parser::is_hanzi(c) || "和与及、等至".contains(c));
        // The run ends before punctuation, a joining word, a verb's first character or a
        // word of what lies around a town (`博德鲁姆｜和`, `切什梅｜开展`, `泰拉维｜周边`); not before more of a name
        // (`芒特哈｜根`, `库哈｜经济特区`).
        let closes = if country {
            after.starts_with(['、', '和'])
        } else if of {
            breaks
        } else {
            breaks
                || after.starts_with(|c| "的开建设推参举签实合发成为是将已在".contains(c))
                || AROUND_A_TOWN.iter().any(|w| after.starts_with(w))
        };
        let (fewest, most) = if country { (3, 5) } else { (2, 6) };
        if !(fewest..=most).contains(&count)
            || !closes
            || crosses_a_word(folded, start, end)
            || CURRENCIES.contains(&&folded[start..end])
        {
            continue;
        }
        found.push(start..end);
    }
    add_where_free(out, found, "city", "after:division");
}

/// Words that place what follows around a town (`泰拉维｜周边`), after which a run of sounds
/// ends: not a name's ending as `地区`, `盆地` or `火山` are (`皮尔巴拉｜地区`).
const AROUND_A_TOWN: [&str; 12] = [
    "周边", "周围", "附近", "一带", "境内", "郊区", "市区", "城区", "以东", "以西", "以南", "以北",
];

/// Currencies written in sounds after their country (`伊朗｜里亚尔、伊拉克第纳尔`): no towns.
const CURRENCIES: [&str; 19] = [
    "雷亚尔",
    "宽扎",
    "埃斯库多",
    "梅蒂卡尔",
    "林吉特",
    "兹罗提",
    "福林",
    "里亚尔",
    "第纳尔",
    "迪拉姆",
    "坚戈",
    "索姆",
    "卢比",
    "比索",
    "卢布",
    "兰特",
    "奈拉",
    "先令",
    "克瓦查",
];

/// Words of direction that name a division with a suffix after a country's name (`赞比亚｜西北省`,
/// `沙特｜东方省`, `斯里兰卡｜南方省`), longest first.
const DIRECTIONS: [&str; 19] = [
    "东北", "西北", "东南", "西南", "东部", "西部", "南部", "北部", "中部", "中央", "东方", "西方",
    "南方", "北方", "滨海", "首都", "东", "西", "中",
];

/// Divisions named by a direction right after a country's name or its 的 (`赞比亚西北省`,
/// `沙特阿拉伯的东部省`),
/// which the gazetteer leaves out as generic words when they stand alone; not China's
/// (`中国西部`). `names` is how many mentions the gazetteer's pass found.
pub(super) fn directional_divisions_in_text<'t>(
    folded: &str,
    names: usize,
    out: &mut Vec<Mention<'t>>,
) {
    let division = |text: std::ops::Range<usize>| Mention {
        kind: DIVISION,
        offset: text.start,
        text,
        canonical: None,
        rule: "ending:direction",
    };
    let mut found = Vec::new();
    for country in out.iter().take(names) {
        if country.kind != "country" {
            continue;
        }
        // Right after the country, or after its 的 (`沙特阿拉伯的｜东部省`).
        let after = country.text.end
            + if folded[country.text.end..].starts_with('的') {
                '的'.len_utf8()
            } else {
                0
            };
        // The character after first: most names are followed by no direction.
        if !folded[after..].starts_with(['东', '西', '南', '北', '中', '滨', '首'])
            || folded[country.text.clone()].starts_with('中')
        {
            continue;
        }
        if let Some(end) = directional_division_at(folded, after) {
            if !out.iter().any(|m| m.text.start < end && m.text.end > after) {
                found.push(division(after..end));
            }
        }
    }
    if !found.is_empty() {
        // The country's other divisions by direction that the block names apart from it: joined
        // to the first (`卢旺达东方省和｜北方省`), after a town or in a list
        // (`斯里兰卡南方省汉班托塔和｜中央省康提市、｜北方省贾夫纳`).
        let mut more: Vec<Mention<'t>> = Vec::new();
        for (start, c) in folded.char_indices() {
            if !matches!(c, '东' | '西' | '南' | '北' | '中' | '滨' | '首') {
                continue;
            }
            // Not the last part of a name in parts (`奥果韦-｜滨海省`).
            let apart = folded[..start].chars().next_back().is_none_or(|b| {
                (!annotext_parser::is_hanzi(b) && !"-－—·".contains(b))
                    || "和、及与的在赴".contains(b)
            });
            let Some(end) = directional_division_at(folded, start).filter(|_| apart) else {
                continue;
            };
            if !out
                .iter()
                .chain(&found)
                .chain(&more)
                .any(|m| m.text.start < end && m.text.end > start)
            {
                more.push(division(start..end));
            }
        }
        found.extend(more);
    }
    out.extend(found);
}

/// The end of a division named by a direction and 省, 州, 大区 or 区 at `start` (`西北省`,
/// `西部区`), if one is there: not a title (`东方省长`) nor a longer word (`西北州际`).
fn directional_division_at(folded: &str, start: usize) -> Option<usize> {
    let rest = &folded[start..];
    if !rest.starts_with(['东', '西', '南', '北', '中', '滨', '首']) {
        return None;
    }
    let direction = DIRECTIONS.iter().find(|d| rest.starts_with(**d))?;
    let after = &rest[direction.len()..];
    let suffix = ["大区", "省", "州", "区"]
        .iter()
        .find(|s| after.starts_with(**s))?;
    // Nor provinces and cities in general (`北方省市`).
    if after[suffix.len()..]
        .starts_with(['长', '份', '级', '际', '立', '域', '内', '外', '间', '市'])
    {
        return None;
    }
    Some(start + direction.len() + suffix.len())
}

/// Words after a river's name (`…流域`, `…沿线`).
const RIVER_WORDS: [&str; 9] = [
    "流域", "沿线", "沿岸", "上游", "下游", "干流", "航道", "交汇", "两岸",
];

/// Characters that make `…江` a word, not a river's name (`沿江`, `跨江`, `过江`, `两江`).
const NOT_A_RIVER: &str = "沿临跨过大两江长在和与及全各本该这那一";

/// Chinese rivers the gazetteer lacks (`沱江`, `涪江`, `金沙江`): one or two characters and 江,
/// after a joining word, a verb or the start of the text, and before a joining word,
/// punctuation or a river's word (`在嘉陵江、涪江和渠江开展巡河`, `依托沱江与长江交汇`). Where
/// a name of the gazetteer lies (长江, 浙江, 九江), it is that name.
pub(super) fn chinese_rivers_in_text<'t>(folded: &str, out: &mut Vec<Mention<'t>>) {
    // Searched as a byte string, with a finder built once: `str::match_indices` of a character
    // looks for its last byte, which many hanzi share (江 ends with 0x9F, as 全 does).
    static RIVER: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let river = RIVER.get_or_init(|| memchr::memmem::Finder::new("江"));
    let mut found = Vec::new();
    for at in super::starts_of(river, folded.as_bytes()) {
        let end = at + '江'.len_utf8();
        let rest = &folded[end..];
        let closes = rest.is_empty()
            || rest.starts_with(['、', '，', '。', '；', '和', '与', '及', '等', ','])
            || RIVER_WORDS.iter().any(|w| rest.starts_with(w))
            || before_a_name()
                .find(&rest[..rest.char_indices().nth(3).map_or(rest.len(), |(i, _)| i)])
                .is_some_and(|m| m.start() == 0)
            || out.iter().any(|m| m.text.start == end);
        if !closes {
            continue;
        }
        let mut start = at;
        for (count, (i, c)) in folded[..at].char_indices().rev().take(2).enumerate() {
            if !annotext_parser::is_hanzi(c) || (count == 0 && NOT_A_RIVER.contains(c)) {
                break;
            }
            start = i;
            let opens = folded[..i].chars().next_back().is_none_or(|b| {
                "、，。；：,和与及沿在经".contains(b) || !annotext_parser::is_hanzi(b)
            }) || {
                let from = folded[..i]
                    .char_indices()
                    .rev()
                    .nth(2)
                    .map_or(0, |(j, _)| j);
                before_a_name()
                    .find_iter(&folded[from..i])
                    .any(|m| from + m.end() == i)
            };
            if opens {
                break;
            }
            if count == 1 {
                start = at;
            }
        }
        if start == at || out.iter().any(|m| m.text.start < end && m.text.end > start) {
            continue;
        }
        found.push(Mention {
            kind: FEATURE,
            text: start..end,
            canonical: None,
            rule: "ending:江",
            offset: start,
        });
    }
    out.extend(found);
}
