//! Towns the gazetteer lacks, known by the route they stand on: a reader who meets
//! `别伊涅乌—扎瑙津—土库曼斯坦边境`, `马拉舍维奇至华沙` or `从西萨克到贝尔格莱德` takes the unknown
//! stops for towns because a dash, 至 or 到 joins them to places. Corridors, rail lines and
//! crossings are named this way in transport texts, and their small stops are the towns no
//! bundled source has in Chinese.

use super::charset::Words;
use super::mechanisms::{verb_at, verb_before};
use super::prose::prose_words;
use super::standing::{crosses_a_word, is_transliteration};
use super::{add_where_free, Mention, DIVISION, PLACE};

/// What joins two stops of a route. Not a hyphen, which joins the parts of one name
/// (`圣克鲁斯-德特内里费`, `巴登-符腾堡`).
const JOINS: [char; 5] = ['—', '–', '―', '至', '到'];

/// Whether a join is a word (至, 到), which verbs stand before (`加密｜至`, `分拨｜至`) and which
/// ends words of its own (`得到`, `直至`): not a dash, which may be doubled.
fn is_a_word(join: char) -> bool {
    matches!(join, '至' | '到')
}

/// The fewest and most characters of an unknown stop: one is no name, and a longer run of
/// sounds has no clear start.
const STOP_CHARS: std::ops::RangeInclusive<usize> = 2..=6;

/// Words that may follow a route's last stop (`…扎瑙津｜之间`, `…阿拉特｜区段`, `…库雷克｜航线`,
/// `…别伊涅乌｜一线`, `…河口｜准轨铁路`): few words, of uncommon first characters, since the
/// first character is asked after every stop read (a common one such as 支 of 支线 would be
/// asked of every 支持);
/// anything else after a run of sounds means it reads on into a word or a longer name.
static AFTER_A_STOP: Words = Words::new(&[
    "的", "和", "与", "及", "或", "等", "之间", "间", "段", "区段", "铁路", "公路", "航线", "航段",
    "线", "班列", "通道", "方向", "走廊", "高速", "管道", "一线", "一带", "准轨",
]);

/// Whether a mention is a stop a route may be known by: a town, a place, a division or a
/// country other than China (`中国—加勒比` joins partners, not stops).
fn is_a_stop(folded: &str, m: &Mention) -> bool {
    match m.kind {
        "city" | PLACE | DIVISION | "province" | "territory" => true,
        "country" => !folded[m.text.clone()].starts_with('中'),
        _ => false,
    }
}

/// The join whose UTF-8 starts at byte `at` of `folded`, if one does. Every join is three bytes
/// long, and most names have none beside them: three bytes compared, no character decoded.
fn join_at(folded: &str, at: usize) -> Option<char> {
    match folded.as_bytes().get(at..at.checked_add(3)?)? {
        [0xE2, 0x80, 0x94] => Some('—'),
        [0xE2, 0x80, 0x93] => Some('–'),
        [0xE2, 0x80, 0x95] => Some('―'),
        [0xE8, 0x87, 0xB3] => Some('至'),
        [0xE5, 0x88, 0xB0] => Some('到'),
        _ => None,
    }
}

/// Whether a join stands right before or right after `name`. Asked of every name of a block:
/// the lead byte of the character on each side is looked at first (E2 leads the dashes, E8 至
/// and E5 到; every join is three bytes long).
#[inline]
fn beside_a_join(folded: &str, name: &std::ops::Range<usize>) -> bool {
    let bytes = folded.as_bytes();
    let leads = |at: usize| matches!(bytes.get(at), Some(0xE2 | 0xE5 | 0xE8));
    (leads(name.end) && join_at(folded, name.end).is_some())
        || (name.start >= 3 && leads(name.start - 3) && join_at(folded, name.start - 3).is_some())
}

/// The bytes of the join that starts at `at` (a doubled dash counts once), and the join, if one
/// is there.
fn join_after(folded: &str, at: usize) -> Option<(usize, char)> {
    let join = join_at(folded, at)?;
    let doubled = !is_a_word(join) && join_at(folded, at + 3) == Some(join);
    Some((if doubled { 6 } else { 3 }, join))
}

/// The bytes of the join that ends at `at`, and the join, if one is there.
fn join_before(folded: &str, at: usize) -> Option<(usize, char)> {
    let join = join_at(folded, at.checked_sub(3)?)?;
    let doubled = !is_a_word(join)
        && at
            .checked_sub(6)
            .is_some_and(|i| join_at(folded, i) == Some(join));
    Some((if doubled { 6 } else { 3 }, join))
}

/// Verbs of building and running routes that may stand right before a route's first stop
/// (`改造｜别伊涅乌—扎瑙津`), beside those that lead into any name ([`verb_before`]).
const ROUTE_VERBS: [&str; 14] = [
    "改造", "开通", "开行", "连接", "修建", "延伸", "打通", "贯通", "开辟", "途经", "经由", "联通",
    "加快", "运营",
];

/// Characters that may stand right before a route's first stop and are no part of it
/// (`经｜别伊涅乌`, `、｜别伊涅乌`).
const BEFORE_A_STOP: &str = "在赴经至到从向往对同将由沿于自和与及或的即是了";

/// Characters no town's name holds, of generic phrases (`各地`, `全国`, `沿线国家`) and of China's
/// regions and partners (`华南`, `中欧`).
const NOT_IN_A_STOP: &str = "其各该本这那我你他它们等些全多双每某此诸另国省市县区中华";

/// Endings of what is no town: ports, islands, crossings and stations, which the passes of
/// endings name as places (`阿巴斯港`), features, and bodies (`安特卫普—｜布鲁日港务局`).
const NOT_A_TOWN_ENDING: [char; 17] = [
    '港', '岛', '岸', '站', '湾', '河', '湖', '山', '路', '桥', '局', '会', '司', '厅', '部', '处',
    '院',
];

/// Whether `folded[at..]` ends a route's stop: the text ends, or what is no hanzi, a join or a
/// word of [`AFTER_A_STOP`] comes next.
fn ends_a_stop(folded: &str, at: usize) -> bool {
    let rest = &folded[at..];
    rest.chars().next().is_none_or(|c| {
        !annotext_parser::is_hanzi(c) || JOINS.contains(&c) || AFTER_A_STOP.start(rest)
    })
}

/// Whether a stop may start at `at`: the text starts there, or what is no hanzi, a character of
/// [`BEFORE_A_STOP`], a verb or a name found already ends there (`name_ends`: where the names
/// end, sorted).
fn starts_a_stop(folded: &str, at: usize, name_ends: &[usize]) -> bool {
    let before = &folded[..at];
    before
        .chars()
        .next_back()
        .is_none_or(|c| !annotext_parser::is_hanzi(c) || BEFORE_A_STOP.contains(c))
        || verb_before(folded, at)
        || ROUTE_VERBS.iter().any(|v| before.ends_with(v))
        || name_ends.binary_search(&at).is_ok()
}

/// Whether `folded[stop]` reads as a town's name: [`STOP_CHARS`] hanzi, none of
/// [`NOT_IN_A_STOP`], no ending of [`NOT_A_TOWN_ENDING`], no everyday word in it (`全球`,
/// `主要`) and none across its ends.
fn reads_as_a_town(folded: &str, stop: &std::ops::Range<usize>) -> bool {
    let text = &folded[stop.clone()];
    let count = text.chars().count();
    if !STOP_CHARS.contains(&count)
        || !text
            .chars()
            .all(|c| annotext_parser::is_hanzi(c) && !NOT_IN_A_STOP.contains(c))
        || text.ends_with(NOT_A_TOWN_ENDING)
        // Across the border is no town's (`华雷斯城—埃尔帕索跨境｜通道`).
        || text.contains("跨境")
    {
        return false;
    }
    // Every span of two to four characters, tested against the everyday words.
    let prose = prose_words();
    let bounds = || text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let holds_a_word = bounds().enumerate().any(|(i, from)| {
        bounds()
            .skip(i + 2)
            .take(3)
            .any(|to| prose.is_everyday(&text[from..to]))
    });
    !holds_a_word && !crosses_a_word(folded, stop.start, stop.end)
}

/// The unknown stop that starts at `start`, after a join: the fewest characters that end where
/// a stop ends ([`ends_a_stop`]). After 到, which is also a verb (`到达`, `到位`), only a run of
/// transliterated sounds ([`is_transliteration`]) is a stop.
fn stop_after(folded: &str, start: usize, join: char) -> Option<std::ops::Range<usize>> {
    let end = folded[start..]
        .char_indices()
        .map(|(i, c)| start + i + c.len_utf8())
        .skip(1)
        .take(STOP_CHARS.end() - 1)
        .find(|&end| ends_a_stop(folded, end))?;
    (join != '到' || folded[start..end].chars().all(is_transliteration)).then_some(start..end)
}

/// The unknown stop that ends at `end`, before a join: the fewest characters back to where a
/// stop may start ([`starts_a_stop`]). Before 至 or 到 (`…至华沙`), which follow verbs of moving
/// (`加密｜至`, `分拨｜至`), only a run of transliterated sounds ([`is_transliteration`]) is a stop.
fn stop_before(
    folded: &str,
    end: usize,
    join: char,
    name_ends: &[usize],
) -> Option<std::ops::Range<usize>> {
    let start = folded[..end]
        .char_indices()
        .rev()
        .map(|(i, _)| i)
        .skip(1)
        .take(STOP_CHARS.end() - 1)
        .find(|&start| starts_a_stop(folded, start, name_ends))?;
    // A verb that leads into names is none of the stop's (`加密｜至`, `支持｜浩罕—`).
    let start = start + verb_at(folded, start).unwrap_or(0);
    (!is_a_word(join) || folded[start..end].chars().all(is_transliteration)).then_some(start..end)
}

/// Towns on a route ([`JOINS`]) beside a known stop ([`is_a_stop`]) that the gazetteer lacks:
/// each the fewest characters from the join to where a stop ends or starts that read as a town's
/// name ([`reads_as_a_town`]; transliterated sounds only on the far side of 至 and 到), found from
/// stop to stop along the route (`别伊涅乌—扎瑙津—土库曼斯坦`: 扎瑙津 from the country, then
/// 别伊涅乌).
pub(super) fn towns_on_routes(folded: &str, out: &mut Vec<Mention<'_>>) {
    let first_found = out.len();
    stretches_between_unknown_towns(folded, out);
    let mut next: Vec<std::ops::Range<usize>> = Vec::new();
    for m in out.iter() {
        if beside_a_join(folded, &m.text) && is_a_stop(folded, m) {
            next.push(m.text.clone());
        }
    }
    while !next.is_empty() {
        // Where the names end, sorted: asked at a few places before every stop.
        let mut name_ends: Vec<usize> = out.iter().map(|m| m.text.end).collect();
        name_ends.sort_unstable();
        let mut found: Vec<std::ops::Range<usize>> = Vec::new();
        for stop in &next {
            let after = join_after(folded, stop.end)
                .and_then(|(j, join)| stop_after(folded, stop.end + j, join));
            let before = join_before(folded, stop.start)
                .and_then(|(j, join)| stop_before(folded, stop.start - j, join, &name_ends));
            for town in after.into_iter().chain(before) {
                if reads_as_a_town(folded, &town) {
                    found.push(town);
                }
            }
        }
        let known = out.len();
        add_where_free(out, found, "city", "route:town");
        next = out[known..]
            .iter()
            .filter(|m| beside_a_join(folded, &m.text))
            .map(|m| m.text.clone())
            .collect();
    }
    // A stop found, a dash after it: a division's name in two parts, maybe.
    if out.len() > first_found {
        super::hyphens::dashed_in_text(folded, out, first_found);
    }
}

/// Words that name a stretch of a route after its last stop (`…利文斯敦｜段`, `…萨姆特雷迪亚｜路段`):
/// what a reader knows a stretch between two towns by when the gazetteer knows neither.
static STRETCH: Words = Words::new(&[
    "段", "路段", "区段", "航段", "铁路", "公路", "高速", "航线", "管道", "班列",
]);

/// Characters that end the prose before an unmarked stop (`首段｜斯莫科瓦茨至`, `但｜科马蒂普特至`).
const BEFORE_A_STRETCH: &str = "段但而并且又也即";

/// Whether all of a stretch's stop but one character at most is transliterated sounds
/// (`卡宗古拉`, `利文斯敦`): prose on either side of 至 is no stretch.
fn mostly_sounds(text: &str) -> bool {
    text.chars().filter(|c| !is_transliteration(*c)).count() <= 1
}

/// The unknown stop that ends at `end`, before a join, where no stop start is marked: the longest
/// run back to a character no stop holds ([`BEFORE_A_STRETCH`]) that reads as a town's name and
/// that no word crosses at its start (`沿岸｜卡宗古拉至`).
fn unmarked_stop_before(folded: &str, end: usize) -> Option<std::ops::Range<usize>> {
    let starts = folded[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            annotext_parser::is_hanzi(*c)
                && !BEFORE_A_STOP.contains(*c)
                && !BEFORE_A_STRETCH.contains(*c)
                && !JOINS.contains(c)
        })
        .take(*STOP_CHARS.end())
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    starts
        .into_iter()
        .rev()
        .map(|start| start..end)
        .find(|stop| {
            reads_as_a_town(folded, stop)
                && mostly_sounds(&folded[stop.clone()])
                && !crosses_a_word(folded, stop.start, stop.end)
        })
}

/// Towns of a stretch of route between two stops the gazetteer knows neither of, written in
/// sounds and followed by a word of the stretch ([`STRETCH`]): `卡宗古拉至利文斯敦段`,
/// `泽斯塔福尼至萨姆特雷迪亚路段`. Joined by 至 only: dashes join partners too.
fn stretches_between_unknown_towns(folded: &str, out: &mut Vec<Mention<'_>>) {
    // Searched as a byte string, with a finder built once: `str::match_indices` of a character
    // looks for its last byte, which many hanzi share.
    static TO: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let to_finder = TO.get_or_init(|| memchr::memmem::Finder::new("至"));
    let mut found = Vec::new();
    for at in super::starts_of(to_finder, folded.as_bytes()) {
        let Some(to) = stop_after(folded, at + '至'.len_utf8(), '至') else {
            continue;
        };
        if !STRETCH.start(&folded[to.end..])
            || !mostly_sounds(&folded[to.clone()])
            || !reads_as_a_town(folded, &to)
        {
            continue;
        }
        if let Some(from) = unmarked_stop_before(folded, at) {
            found.push(from);
            found.push(to);
        }
    }
    // Most blocks name no stretch: nothing to add.
    if !found.is_empty() {
        add_where_free(out, found, "city", "route:town");
    }
}

#[cfg(test)]
mod tests {
    use super::{join_after, join_at, join_before, JOINS};

    #[test]
    fn every_join_is_found_by_its_bytes() {
        for join in JOINS {
            let text = format!("巴库{join}{join}阿克套");
            assert_eq!(join_at(&text, "巴库".len()), Some(join), "{join}");
        }
        assert_eq!(join_at("巴库—", "巴库".len() + 1), None);
        assert_eq!(join_after("巴库——阿克套", "巴库".len()), Some((6, '—')));
        assert_eq!(join_after("巴库至至", "巴库".len()), Some((3, '至')));
        assert_eq!(join_before("巴库——阿克套", "巴库——".len()), Some((6, '—')));
        assert_eq!(join_before("—阿克套", 0), None);
    }
}
