//! Names the gazetteer lacks, known by the list they stand in: a reader who meets
//! `在东河、顺化和岘港` takes 东河 for a town because the names beside it are towns. An unknown item
//! of a list of names of one kind (towns, divisions, places, features) is a name of that kind
//! when it is bounded on both sides and reads as one: the right length, the kind's ending where
//! the kind has one (`滨海省`, `八打雁港`, `沅水`), and no word of a generic phrase (`其他城市`,
//! `沿海地区`).

use super::charset::Words;
use super::prose::{boundaries_between, prose_words};
use super::{add_where_free, standing, Mention, DIVISION, FEATURE, PLACE};

/// What joins the items of a list.
const JOINS: [char; 4] = ['、', '和', '及', '与'];

/// What may stand after a list's last item: its end, a word that counts or places the list
/// (`威海、日照｜两市`, `…和仁川、群山｜之间`, `卢克索｜等城市`), or a route's next stop or stretch
/// (`经纳孔德、通杜马、姆贝亚｜至`, `马坎巴科和伊法卡拉｜区段`).
static AFTER_THE_LAST: Words = Words::new(&[
    "，", "。", "；", "：", "）", ",", ";", "等", "之间", "两市", "三市", "两地", "三地", "两国",
    "至", "—", "段", "区段", "路段",
]);

/// Words that stand before a list's first item and are no part of it (`企业在｜东河、顺化`).
const BEFORE_THE_FIRST: &str = "在赴经过至到从向往对同将由沿于";

/// Characters of generic phrases that name no one place (`其他港口`, `各省`, `沿海城市`,
/// `沿岸地区的海`).
const GENERIC_CHARACTERS: &str = "其各该本这那我你他它们等些全多双每某此诸另的";

/// Words of generic phrases (`内陆国家`, `边境口岸`, `主要河流`).
const GENERIC_WORDS: [&str; 39] = [
    "国家",
    "大陆",
    "城市",
    "城镇",
    "港口",
    "地方",
    "周边",
    "沿线",
    "沿海",
    "内陆",
    "内河",
    "农村",
    "乡村",
    "首都",
    "省会",
    "有关",
    "相关",
    "重点",
    "主要",
    "重要",
    "边境",
    "海外",
    "国内",
    "境外",
    "地区性",
    "市场",
    "企业",
    "产品",
    "项目",
    "园区",
    "基地",
    "中心",
    "运河",
    "江河",
    "对应",
    "相应",
    "对口",
    "陆海",
    "海陆",
];

/// The endings of a mountain's name, which towns are named with too (`佛山`, `群山`).
const MOUNTAIN_ENDINGS: [char; 3] = ['山', '岭', '峰'];

/// The endings a name of each kind ends with, longest first; a town has none.
fn endings(kind: &str) -> Option<&'static [&'static str]> {
    match kind {
        DIVISION => Some(&[
            "自治区",
            "共和国",
            "边疆区",
            "大区",
            "地区",
            "省",
            "州",
            "郡",
        ]),
        PLACE => Some(&["群岛", "口岸", "港", "岛"]),
        FEATURE => Some(&[
            "海峡", "山脉", "盆地", "沙漠", "高原", "河", "江", "湖", "海", "湾", "水", "山", "岭",
            "峰",
        ]),
        _ => None,
    }
}

/// Whether `item` reads as a name of `kind` (see the module's note).
fn reads_as(kind: &str, item: &str) -> bool {
    let count = item.chars().count();
    if !item.chars().all(annotext_parser::is_hanzi)
        // 多 "many" starts a generic phrase (`多港`), but is a sound inside names (`奥文多港`).
        || item
            .chars()
            .enumerate()
            .any(|(i, c)| GENERIC_CHARACTERS.contains(c) && !(c == '多' && i > 0))
        || GENERIC_WORDS.iter().any(|w| item.contains(w))
    {
        return false;
    }
    match endings(kind) {
        Some(endings) => {
            // A mountain's name is three characters at least (`哀牢山`, `鹦哥岭`; not `矿山`).
            let least = if item.ends_with(MOUNTAIN_ENDINGS) {
                3
            } else {
                2
            };
            (least..=7).contains(&count)
                && endings
                    .iter()
                    .any(|e| item.ends_with(e) && item.chars().count() > e.chars().count())
        }
        // A town's name ends with no other kind's ending (`X港` is a port, `X省` a province),
        // but may with a mountain's (`佛山`, `群山`). A long one is a transliteration
        // (`帕内韦日斯`), not a phrase.
        None => {
            ((2..=4).contains(&count)
                || ((5..=7).contains(&count) && item.chars().all(standing::is_transliteration)))
                && ![DIVISION, PLACE, FEATURE]
                    .iter()
                    .filter_map(|k| endings(k))
                    .flatten()
                    .any(|e| item.ends_with(e) && !e.ends_with(MOUNTAIN_ENDINGS))
                // Nor a government office (`省外办`, `商务厅`, `海关`).
                && !item.ends_with([
                    '国', '区', '县', '镇', '村', '路', '街', '办', '厅', '局', '委', '署', '关', '处',
                    '馆', '所', '院', '司', '部', '园',
                ])
        }
    }
}

/// The kinds whose lists name unknown items.
fn is_listed(kind: &str) -> bool {
    matches!(kind, "city" | DIVISION | PLACE | FEATURE)
}

/// Words after `等` that call the items of a list towns (`卡拉苏、乌兹根和汉阿巴德｜等中小城镇`,
/// `特普克、卡蒂卡蒂｜等小镇`); the generic `等地` calls them places, towns only when they are
/// sounds of foreign names (`萨比亚、阿布阿里什｜等地`).
const TOWN_WORDS: [&str; 4] = ["城市", "城镇", "小镇", "市镇"];

/// Lists of names none of which the gazetteer knows, that the text calls towns after `等`
/// ([`TOWN_WORDS`], within eight characters: `等沿海城市`, `等历史文化名城` is not one): each item
/// that reads as a town's name, two or more of them, is one.
pub(super) fn called_towns_in_text(folded: &str, out: &mut Vec<Mention<'_>>) {
    let mut found = Vec::new();
    // 等 is frequent (`等领域`, `等方面`); a town's word or 地 after it is not: the words are
    // looked for only where one of their characters is near.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new("等".as_bytes()));
    for at in super::starts_of(finder, folded.as_bytes()) {
        let after = &folded[at + '等'.len_utf8()..];
        let mut window = 0;
        let mut near = false;
        for c in after.chars().take(8) {
            near |= matches!(c, '城' | '镇');
            window += c.len_utf8();
        }
        let towns = near && TOWN_WORDS.iter().any(|w| after[..window].contains(w));
        // `等地`, `等地区`, not `等地方`, `等地域` (places in general).
        let places = after.starts_with('地')
            && !after['地'.len_utf8()..].starts_with(['方', '域', '带', '位']);
        if !towns && !places {
            continue;
        }
        let items = items_ending_at(folded, at);
        let foreign = items
            .iter()
            .all(|item| is_transliterated_town(&folded[item.clone()]));
        if items.len() >= 2
            && (towns || foreign)
            && items
                .iter()
                .all(|item| reads_as_item(folded, item, "city"))
            // Known names of another kind make it another list (`巴伐利亚、萨克森等地`).
            && !out.iter().any(|m| {
                m.kind != "city" && items.iter().any(|i| m.text.start < i.end && m.text.end > i.start)
            })
        {
            found.extend(items);
        }
    }
    add_where_free(out, found, "city", "list:towns");
}

/// The items of the list that ends at `end`, last first: runs of one to seven hanzi joined by
/// [`JOINS`], the first the longest that reads as a town's name after a list's opening word or
/// a stop, with no word across its start.
fn items_ending_at(folded: &str, end: usize) -> Vec<std::ops::Range<usize>> {
    let mut items = Vec::new();
    let mut end = end;
    loop {
        let mut start = end;
        let mut join = None;
        for (i, c) in folded[..end].char_indices().rev() {
            // Only the list's mark joins items before its last: 和, 与 and 及 also join a verb
            // to its object (`加强与｜拉穆、马林迪、瓦塔穆`).
            if c == '、' || (JOINS.contains(&c) && items.is_empty()) {
                join = Some(i);
                break;
            }
            if JOINS.contains(&c) {
                break;
            }
            if !annotext_parser::is_hanzi(c) || BEFORE_THE_FIRST.contains(c) {
                break;
            }
            start = i;
            if folded[start..end].chars().count() > 7 {
                return Vec::new();
            }
        }
        // The first item starts where a town's name does that no word runs into and no word
        // of prose starts (`重点支持｜卡拉苏、乌兹根`: not 持卡拉苏, across 支持; `三方欢迎｜普拉、罗维尼`).
        if join.is_none() {
            let Some(first) = folded[start..end]
                .char_indices()
                .map(|(i, _)| start + i)
                .find(|&at| {
                    reads_as_item(folded, &(at..end), "city")
                        && !standing::crosses_a_word(folded, at, end)
                        && everyday_word_at(folded, at).is_none()
                })
            else {
                return Vec::new();
            };
            start = first;
        }
        if start == end {
            return Vec::new();
        }
        items.push(start..end);
        match join {
            Some(i) => end = i,
            None => return items,
        }
    }
}

/// Unknown items of lists of names (see the module's note), added to `out` (the block's
/// mentions so far, of any kind); then the kind a list's count gives its names.
pub(super) fn listed_in_text<'t>(folded: &str, out: &mut Vec<Mention<'t>>) {
    // Most names stand in no list: a join right after one, or a list's mark right before.
    let in_a_list = |m: &Mention| {
        is_listed(m.kind)
            && (folded[m.text.end..].starts_with(JOINS) || folded[..m.text.start].ends_with('、'))
    };
    if !out.iter().any(in_a_list) {
        return;
    }
    // Where the names start and end, sorted: asked at every character of every item.
    let mut bounds = Bounds::of(out);
    // An item found makes its neighbour an item of a list of names too (`的黎波里、｜赛达｜、提尔，`):
    // read again while items are found, a few times at most (a list of towns in sounds is
    // read an item at a time: `吉尔吉特、奇拉斯、比沙姆、塔科特、曼塞赫拉`).
    for _ in 0..6 {
        let mut found = Vec::new();
        for m in out.iter().filter(|m| in_a_list(m)) {
            if let Some(item) = item_after(folded, m, out, &bounds) {
                found.push((m.kind, item));
            }
            if let Some(item) = item_before(folded, m, out, &bounds) {
                found.push((m.kind, item));
            }
        }
        let before = out.len();
        for (kind, item) in found {
            // A free trade port or zone listed with ports is no port (`北部湾港与｜海南自由贸易港`),
            // and a people listed with a people no town (`马普切人、｜特维尔切人`).
            if folded[item.clone()].contains("自由贸易")
                || folded[item.clone()].ends_with(['人', '族'])
            {
                continue;
            }
            add_where_free(out, [item], kind, "list");
        }
        if out.len() == before {
            break;
        }
        bounds = Bounds::of(out);
    }
    counted_divisions(folded, out);
    rivers_among_rivers(folded, out);
    towns_among_towns(folded, out);
    towns_called_towns(folded, out);
}

/// A list that its text calls towns (`科洛尼亚、派桑杜｜等历史文化城市`): the divisions' short
/// names in it are the towns named after them. Not the towns in divisions it calls divisions
/// (`西西里、撒丁｜等大区的港口城市`).
fn towns_called_towns(folded: &str, out: &mut [Mention]) {
    let called: Vec<usize> = out
        .iter()
        .filter(|m| {
            let rest = &folded[m.text.end..];
            matches!(m.kind, "city" | DIVISION)
                && rest.starts_with('等')
                && rest
                    .char_indices()
                    .take(10)
                    .find(|(i, _)| rest[*i..].starts_with("城市"))
                    .is_some_and(|(i, _)| {
                        !["大区", "省", "州", "邦", "郡"]
                            .iter()
                            .any(|w| rest[..i].contains(w))
                    })
        })
        .map(|m| m.text.end)
        .collect();
    for end in called {
        let list = towns_and_divisions_ending_at(folded, out, end);
        short_divisions_as_towns(folded, out, list);
    }
}

/// Gives the divisions among `list` (indices into `out`) that are written by their short name
/// the kind of the town they are named after.
fn short_divisions_as_towns(folded: &str, out: &mut [Mention], list: Vec<usize>) {
    for k in list {
        let Some(m) = out.get_mut(k) else { continue };
        if m.kind == DIVISION && !standing::named_in_full(&folded[m.text.clone()]) {
            m.kind = "city";
            m.canonical = None;
            m.rule = "list";
        }
    }
}

/// A division's short name in a list mostly of towns is the town of that name
/// (`加拉茨、布勒伊拉、图尔恰和康斯坦察`). Not a country's: `中国、曼谷和河内` name both.
fn towns_among_towns(folded: &str, out: &mut [Mention]) {
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&k| out.get(k).map_or(0, |m| m.text.start));
    let mut chain: Vec<usize> = Vec::new();
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for &k in &order {
        let Some(m) = out.get(k) else { continue };
        let linked = chain
            .last()
            .and_then(|&j| out.get(j))
            .is_some_and(|prev| joined(folded, prev.text.end, m.text.start));
        if !linked && chain.len() > 1 {
            chains.push(std::mem::take(&mut chain));
        } else if !linked {
            chain.clear();
        }
        chain.push(k);
    }
    if chain.len() > 1 {
        chains.push(chain);
    }
    for chain in chains {
        let towns = chain
            .iter()
            .filter(|&&k| out.get(k).is_some_and(|m| m.kind == "city"))
            .count();
        if towns < 2 || towns * 2 <= chain.len() {
            continue;
        }
        short_divisions_as_towns(folded, out, chain);
    }
}

/// A province, a division or a town named after its river is the river in a list of rivers
/// (`黑龙江、乌苏里江、图们江`, `泽拉夫尚河、苏尔汉河`), and a town named after its mountain
/// the mountain in a list of mountains (`武夷山、雁荡山`).
fn rivers_among_rivers(folded: &str, out: &mut [Mention]) {
    let mountain = |name: &str| name.ends_with(MOUNTAIN_ENDINGS);
    let rivers: Vec<usize> = (0..out.len())
        .filter(|&k| {
            out.get(k).is_some_and(|m| {
                let name = &folded[m.text.clone()];
                let river = name.ends_with(['江', '河']);
                (matches!(m.kind, "province" | "city") || (m.kind == DIVISION && river))
                    && (river || mountain(name))
                    && out.iter().any(|n| {
                        let other = &folded[n.text.clone()];
                        // A river beside a river, a mountain beside a mountain (`浙江与｜伊比利亚半岛`
                        // is a province and a peninsula).
                        n.kind == FEATURE
                            && if river {
                                other.ends_with(['江', '河', '水'])
                            } else {
                                mountain(other)
                            }
                            && (joined(folded, m.text.end, n.text.start)
                                || joined(folded, n.text.end, m.text.start))
                    })
            })
        })
        .collect();
    for k in rivers {
        if let Some(m) = out.get_mut(k) {
            m.kind = FEATURE;
            m.canonical = None;
            m.rule = "list";
        }
    }
}

/// Whether one join alone stands between `end` and `start`.
fn joined(folded: &str, end: usize, start: usize) -> bool {
    folded
        .get(end..start)
        .is_some_and(|between| between.chars().count() == 1 && between.starts_with(JOINS))
}

/// Counts of provinces or states after a list (`波托西和奥鲁罗｜两省`, `岛根、鸟取｜两县`): the
/// towns' names in it are the divisions named after them.
const DIVISION_COUNTS: [&str; 22] = [
    "两省",
    "三省",
    "四省",
    "五省",
    "六省",
    "七省",
    "八省",
    "两州",
    "三州",
    "四州",
    "五州",
    "六州",
    "两县",
    "三县",
    "四县",
    "两大区",
    "三大区",
    "四大区",
    "五大区",
    "两邦",
    "三邦",
    "四邦",
];

/// Words for divisions that a list's `等` calls its names (`伊卡、塔克纳｜等沿海大区`); not
/// 县, which China's counties are (`安吉、丽水｜等山区县`).
const DIVISION_WORDS: [&str; 4] = ["大区", "省份", "州", "邦"];

/// Whether `rest`, the text after a list's last name, counts its names as divisions: a count
/// ([`DIVISION_COUNTS`]), or `等` and a few characters that end with a word of
/// [`DIVISION_WORDS`] (`等沿海大区`; not `等州立大学`).
fn counts_divisions(rest: &str) -> bool {
    // Every count starts with a numeral: most texts start with none.
    if rest.starts_with(|c| "两三四五六七八".contains(c))
        && DIVISION_COUNTS.iter().any(|c| rest.starts_with(c))
    {
        return true;
    }
    let Some(after) = rest.strip_prefix('等') else {
        return false;
    };
    after
        .char_indices()
        .take(6)
        .take_while(|(_, c)| annotext_parser::is_hanzi(*c))
        .any(|(i, _)| {
            DIVISION_WORDS.iter().any(|w| {
                // 大区 and 省份 are divisions wherever they stand; 州 and 邦 only at the phrase's
                // end (`等州立大学` is no state).
                after[i..].starts_with(w)
                    && (w.chars().count() == 2
                        || after[i + w.len()..].chars().next().is_none_or(|c| {
                            !annotext_parser::is_hanzi(c) || "的和与及".contains(c)
                        }))
            })
        })
}

/// Gives the names of a list counted as divisions ([`DIVISION_COUNTS`]) the kind division.
fn counted_divisions(folded: &str, out: &mut [Mention]) {
    // Counts stand right after a list's last name.
    let counted: Vec<usize> = out
        .iter()
        .filter(|m| matches!(m.kind, "city" | DIVISION) && counts_divisions(&folded[m.text.end..]))
        .map(|m| m.text.end)
        .collect();
    for end in counted {
        for k in towns_and_divisions_ending_at(folded, out, end) {
            if let Some(m) = out.get_mut(k).filter(|m| m.kind == "city") {
                m.kind = DIVISION;
                m.canonical = None;
            }
        }
    }
}

/// The towns and divisions of the list whose last name ends at `end`, last first: back over
/// the joins while the names are towns or divisions.
fn towns_and_divisions_ending_at(folded: &str, out: &[Mention], end: usize) -> Vec<usize> {
    let mut list = Vec::new();
    let mut end = end;
    while let Some(k) = out
        .iter()
        .position(|m| m.text.end == end && matches!(m.kind, "city" | DIVISION))
    {
        if list.contains(&k) {
            break;
        }
        list.push(k);
        let start = out.get(k).map_or(0, |m| m.text.start);
        match folded[..start].chars().next_back() {
            Some(join) if JOINS.contains(&join) => end = start - join.len_utf8(),
            _ => break,
        }
    }
    list
}

/// Where the block's names start and where they end, each sorted.
struct Bounds {
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Bounds {
    /// The bounds of the mentions of `out`.
    fn of(out: &[Mention]) -> Self {
        let mut starts: Vec<usize> = out.iter().map(|m| m.text.start).collect();
        let mut ends: Vec<usize> = out.iter().map(|m| m.text.end).collect();
        starts.sort_unstable();
        ends.sort_unstable();
        Bounds { starts, ends }
    }
}

/// Whether `c` ends one of the endings of `kind`'s names: only then may an item end there.
fn ends_like(kind: &str, c: char) -> bool {
    endings(kind).is_some_and(|endings| endings.iter().any(|e| e.ends_with(c)))
}

/// The mention of `kind` that starts at `at`, if any.
fn mention_at<'a, 't>(out: &'a [Mention<'t>], at: usize, kind: &str) -> Option<&'a Mention<'t>> {
    out.iter().find(|m| m.text.start == at && m.kind == kind)
}

/// An unknown item right after `m` and a join (`顺化和｜沙湾拿吉｜。`), ending at a join before
/// another name of its kind or at the list's end; the shortest that reads as a name
/// (`宿务岛和｜保和岛｜之间`: not 保). A name with its kind's ending is bounded by that ending
/// where no word runs across it (`马尼拉港和｜八打雁港｜承担`).
fn item_after(
    folded: &str,
    m: &Mention,
    out: &[Mention],
    bounds: &Bounds,
) -> Option<std::ops::Range<usize>> {
    let join = folded[m.text.end..]
        .chars()
        .next()
        .filter(|c| JOINS.contains(c))?;
    let start = m.text.end + join.len_utf8();
    // A name known already (most lists name only such).
    if bounds.starts.binary_search(&start).is_ok() {
        return None;
    }
    // The first item that its ending alone bounds, kept while a longer one may end at a join
    // (`保克海｜峡和`: 保克海峡).
    let mut by_ending = None;
    for (i, c) in folded[start..].char_indices().take(7) {
        let at = start + i;
        if !annotext_parser::is_hanzi(c) || c == '、' || c == '等' {
            break;
        }
        if bounds.starts.binary_search(&at).is_ok() {
            // Another name right after the item, with no join: the item is a word before it.
            break;
        }
        let end = at + c.len_utf8();
        let item = start..end;
        let rest = &folded[end..];
        let bounded = match rest.chars().next() {
            Some(j) if JOINS.contains(&j) => {
                let next = end + j.len_utf8();
                // A town's name in sounds of foreign names ends more lists than other items do.
                let sounds = m.kind == "city" && is_transliterated_town(&folded[item.clone()]);
                mention_at(out, next, m.kind).is_some()
                    // Before a name of another place's kind (`伊格德尔和｜恰尔德尔湖`).
                    || (sounds && out.iter().any(|n| n.text.start == next && is_listed(n.kind)))
                    // Before the list's last item (`、浩罕、｜马尔吉兰建设`, `阿桑卡和｜浩罕的`).
                    || ((j == '、' || sounds) && ends_a_list(folded, next, m.kind))
                    // Before more sounds a list of towns goes on with (`奇拉斯、｜比沙姆、塔科特`),
                    // where no name of another kind stands (`上海与帕拉、｜亚马孙`).
                    || (sounds
                        && join == '、'
                        && j == '、'
                        && !out.iter().any(|n| n.text.start == next)
                        && sounds_then_a_join(folded, next))
            }
            Some(_) => ends_a_town(folded, &item, m.kind),
            None => true,
        };
        // The cheap tests first: most items are bounded by nothing.
        // Not a name that a park or a station is named after, right after it
        // (`西门山｜国家公园`).
        let by_its_ending = !bounded
            && by_ending.is_none()
            && ends_like(m.kind, c)
            && !super::endings::ending_reads_on(&folded[item.clone()], rest)
            && !standing::starts_with_a_dam(rest);
        if !(bounded || by_its_ending) || !reads_as_item(folded, &item, m.kind) {
            continue;
        }
        if bounded {
            return Some(after_a_word_of_prose(folded, item, m.kind));
        }
        if !standing::ends_inside_a_word(folded, start, end) {
            by_ending = Some(item);
        }
    }
    by_ending.map(|item| after_a_word_of_prose(folded, item, m.kind))
}

/// Whether a list's item of `kind` ends at `item`'s end, before what follows it: the list's end
/// or a word that places it ([`AFTER_THE_LAST`]); a town's name in sounds of foreign names also
/// before 的 (`浩罕｜的编组站`) or an everyday word ([`transliterated_before_a_verb`]).
fn ends_a_town(folded: &str, item: &std::ops::Range<usize>, kind: &str) -> bool {
    let rest = &folded[item.end..];
    AFTER_THE_LAST.start(rest)
        || counts_divisions(rest)
        || (kind == "city"
            && ((rest.starts_with('的') && is_transliterated_town(&folded[item.clone()]))
                || transliterated_before_a_verb(folded, item)))
}

/// The length in bytes of the everyday word of two characters that starts at `at`, if one
/// does (`随着｜拉穆`, `欢迎｜普拉`).
fn everyday_word_at(folded: &str, at: usize) -> Option<usize> {
    let two: usize = folded[at..].chars().take(2).map(char::len_utf8).sum();
    prose_words()
        .is_everyday(&folded[at..at + two])
        .then_some(two)
}

/// Whether `name` is two to seven characters of transliterated names (`马尔吉兰`, `萨姆特雷迪亚`,
/// `马蒂亚斯罗梅罗`).
fn is_transliterated_town(name: &str) -> bool {
    (2..=7).contains(&name.chars().count()) && name.chars().all(standing::is_transliteration)
}

/// Whether `item` is a town's name in sounds ([`is_transliterated_town`]) followed by an
/// everyday word of two characters that no word runs into (`霍姆斯和｜哈马｜推广`,
/// `、尼科阿达拉｜建设`): a town's name the sentence goes on after. Not before a sound more
/// (`阿迪格拉｜特等`) nor a count (`曼安｜两个水文站`).
fn transliterated_before_a_verb(folded: &str, item: &std::ops::Range<usize>) -> bool {
    let name = &folded[item.clone()];
    let after: usize = folded[item.end..].chars().take(2).map(char::len_utf8).sum();
    is_transliterated_town(name)
        && !folded[item.end..]
            .chars()
            .next()
            .is_some_and(|c| standing::is_transliteration(c) || "两三四五六几各每".contains(c))
        && prose_words().is_everyday(&folded[item.end..item.end + after])
        && !standing::ends_inside_a_word(folded, item.start, item.end)
}

/// The run of transliterated sounds that `chars` start with, eight at most (a longer run is no
/// town's name): its characters, its bytes, and the character after it.
fn run_of_sounds(chars: impl Iterator<Item = char>) -> (usize, usize, Option<char>) {
    let (mut count, mut bytes) = (0, 0);
    for c in chars {
        if count == 8 || !standing::is_transliteration(c) {
            return (count, bytes, Some(c));
        }
        count += 1;
        bytes += c.len_utf8();
    }
    (count, bytes, None)
}

/// Whether two to eight characters of transliterated names end at `at` after a list's join or
/// its opening (`的｜马蒂亚斯罗梅罗、`, `、｜伊斯特佩克、`): an item before of a list of towns in
/// sounds.
fn sounds_open_a_list(folded: &str, at: usize) -> bool {
    let (count, _, before) = run_of_sounds(folded[..at].chars().rev());
    count >= 2
        && before.is_none_or(|c| {
            JOINS.contains(&c)
                || BEFORE_THE_FIRST.contains(c)
                || c == '的'
                || !annotext_parser::is_hanzi(c)
        })
}

/// Whether two to eight characters of transliterated names start at `at` and a list's join or
/// its end follows them (`奇拉斯、｜比沙姆、`, `盖塔、｜西米尤五省`): the next item of a list of
/// towns in sounds.
fn sounds_then_a_join(folded: &str, at: usize) -> bool {
    let (count, bytes, after) = run_of_sounds(folded[at..].chars());
    let rest = &folded[at + bytes..];
    count >= 2
        && after.is_some_and(|c| {
            JOINS.contains(&c) || AFTER_THE_LAST.start(rest) || counts_divisions(rest)
        })
}

/// Whether an unknown item that reads as a name of `kind` starts at `start` and ends the list
/// (`赛达、｜提尔｜，`): the next item of a list whose last is unknown too.
fn ends_a_list(folded: &str, start: usize, kind: &str) -> bool {
    folded[start..]
        .char_indices()
        .take(6)
        .map(|(i, c)| start + i + c.len_utf8())
        .any(|end| {
            let item = start..end;
            ends_a_town(folded, &item, kind) && reads_as_item(folded, &item, kind)
        })
}

/// Whether an unknown item that reads as a name of `kind` ends at `end` and starts the list
/// (`与｜巴比伦｜、佩特拉`): after a list's opening word, a stop, or a join after a name of a
/// listed kind.
fn starts_a_list(folded: &str, out: &[Mention], end: usize, kind: &str) -> bool {
    folded[..end]
        .char_indices()
        .rev()
        .take(4)
        .take_while(|(_, c)| annotext_parser::is_hanzi(*c) && !JOINS.contains(c))
        .any(|(start, _)| {
            let opens = folded[..start].chars().next_back().is_none_or(|b| {
                !annotext_parser::is_hanzi(b)
                    || BEFORE_THE_FIRST.contains(b)
                    || (JOINS.contains(&b)
                        && out
                            .iter()
                            .any(|n| n.text.end == start - b.len_utf8() && is_listed(n.kind)))
            });
            opens && reads_as_item(folded, &(start..end), kind)
        })
}

/// An unknown item right before a join and `m` (`在｜东河｜、顺化`), starting after a list's
/// opening word or after a join that follows another name of its kind.
fn item_before(
    folded: &str,
    m: &Mention,
    out: &[Mention],
    bounds: &Bounds,
) -> Option<std::ops::Range<usize>> {
    // Only the list's mark: 和, 与 and 及 also join a verb to its object (`加强与｜兰州`).
    if !folded[..m.text.start].ends_with('、') {
        return None;
    }
    let end = m.text.start - '、'.len_utf8();
    let mut start = end;
    let mut chars = 0;
    for (i, c) in folded[..end].char_indices().rev() {
        if bounds.ends.binary_search(&(i + c.len_utf8())).is_ok() {
            // A name right before it, with no join: the item is a word after it.
            return None;
        }
        if JOINS.contains(&c) {
            // Another item before it, of the list: only a name of its kind, or one of any
            // place's kind before a join that is no list's mark (`五台山与｜巴比伦、佩特拉`).
            let before = &folded[..i];
            let named = out.iter().any(|n| {
                n.text.end == before.len() && (n.kind == m.kind || (c != '、' && is_listed(n.kind)))
            }) || (c == '、' && starts_a_list(folded, out, i, m.kind))
                // After more sounds a list of towns opens with (`的马蒂亚斯罗梅罗、伊斯特佩克、｜胡奇坦`).
                || (c == '、' && m.kind == "city" && sounds_open_a_list(folded, i));
            if !named {
                return None;
            }
            break;
        }
        // Latin letters, digits or ASCII brackets right before it: a piece of a longer word, or of
        // a name a broken annotation cut (`阿(a｜克套港`).
        if c.is_ascii_alphanumeric() || "()".contains(c) {
            return None;
        }
        // 的 before a list's first town in sounds too (`规划的｜马蒂亚斯罗梅罗、伊斯特佩克`; not
        // `甘肃的苹果、兰州`, what a place has).
        let of_sounds =
            c == '的' && m.kind == "city" && is_transliterated_town(&folded[start..end]);
        // An opening word that starts a word with a town's first character is no opening
        // (`经｜济城`: 经济城 is a zone). An item with an ending is cut after the word below.
        if m.kind == "city" && BEFORE_THE_FIRST.contains(c) && everyday_word_at(folded, i).is_some()
        {
            return None;
        }
        if !annotext_parser::is_hanzi(c) || BEFORE_THE_FIRST.contains(c) || of_sounds {
            break;
        }
        start = i;
        chars += 1;
        if chars > 7 {
            return None;
        }
    }
    // A joining word before a verb is the sentence's too (`并｜利用｜赛里木湖、博斯腾湖`).
    if let Some(join) = folded[start..end]
        .chars()
        .next()
        .filter(|c| "并且还也又再".contains(*c))
        .map(char::len_utf8)
        .filter(|&join| super::mechanisms::verb_at(folded, start + join).is_some())
    {
        start += join;
    }
    // A verb that leads into names is the sentence's (`支持｜浩罕、马尔吉兰`), and so is a word of
    // prose before a town's name in sounds of foreign names (`随着｜拉穆、蒙巴萨`).
    if let Some(verb) = super::mechanisms::verb_at(folded, start).filter(|v| start + v <= end) {
        start += verb;
    } else if let Some(word) =
        everyday_word_at(folded, start).filter(|&w| m.kind == "city" && start + w <= end)
    {
        if is_transliterated_town(&folded[start + word..end]) {
            start += word;
        }
    }
    // A word of prose that runs into the first character of a name with its kind's ending is the
    // sentence's (`沿岸｜姆普隆古港`; not after a verb: `推动｜武当山`, though 动武 is a word).
    else if m.kind != "city" && start < end && standing::crosses_a_word(folded, start, end) {
        start += folded[start..].chars().next().map_or(0, char::len_utf8);
    }
    if start == end {
        return None;
    }
    let item = after_a_word_of_prose(folded, start..end, m.kind);
    reads_as_item(folded, &item, m.kind).then_some(item)
}

/// An item of a kind with endings without the word of prose it starts with (`交流｜特茹河`,
/// `推动｜西湖`, `位于｜长兴岛`): the sentence's, when a name with its ending is left after it.
fn after_a_word_of_prose(
    folded: &str,
    item: std::ops::Range<usize>,
    kind: &str,
) -> std::ops::Range<usize> {
    let Some(second) = folded[item.clone()]
        .char_indices()
        .nth(2)
        .map(|(i, _)| item.start + i)
    else {
        return item;
    };
    let left = folded[second..item.end].chars().count();
    // Not a word that the name's own word runs across (`三角｜洲州`: 三角洲), unless three
    // characters or more are left (`推动｜武当山`, though 动武 is a word).
    let word = prose_words().spans(folded, std::iter::once(item.start), std::iter::once(second))
        && (left >= 3 || !standing::crosses_a_word(folded, second, item.end));
    if word
        && left >= 2
        && endings(kind).is_some_and(|e| {
            e.iter()
                .any(|e| folded[second..item.end].ends_with(e) && e.chars().count() < left)
        })
    {
        second..item.end
    } else {
        item
    }
}

/// Whether `item` of the folded text reads as a name of `kind` ([`reads_as`]) and, a town's,
/// does not run on into the sentence ([`runs_into_prose`]); another kind's is no everyday word
/// (`洛阿河和｜海水｜淡化`).
fn reads_as_item(folded: &str, item: &std::ops::Range<usize>, kind: &str) -> bool {
    reads_as(kind, &folded[item.clone()])
        && if kind == "city" {
            !runs_into_prose(folded, item)
        } else {
            // A town's name may be one (`群山`, `龙口`).
            !prose_words().is_everyday(&folded[item.clone()])
        }
}

/// Whether a word of prose ends where a town's item ends and starts inside it (`非斯｜分别`): the
/// item runs on into the sentence.
fn runs_into_prose(folded: &str, item: &std::ops::Range<usize>) -> bool {
    prose_words().spans(
        folded,
        boundaries_between(folded, item.start, item.end),
        std::iter::once(item.end),
    )
}
