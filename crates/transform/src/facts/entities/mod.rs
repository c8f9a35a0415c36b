//! Entity mentions: gazetteer names, item suffixes, mark pairs and dates. How a name stands in
//! the text is decided in `standing.rs`; mechanisms named in running text are found in
//! `mechanisms.rs`, places and features the gazetteer lacks by their ending in `endings.rs`.

use std::ops::Range;

use super::dates::{find_dates, DateMention};
use super::script::fold;
use super::tagger::{NameMatch, PairMarks, Tagger};

mod charset;
mod defined;
mod endings;
mod hyphens;
mod lists;
mod mechanisms;
mod pieces;
mod prose;
mod routes;
mod standing;

pub(crate) use defined::Defined;
use endings::{
    chinese_rivers_in_text, crossings_in_text, directional_divisions_in_text,
    towns_after_divisions, towns_in_text, transliterated_in_text, NOT_A_PORT,
};
use mechanisms::{before_a_name, is_a_partner, named_in_text, names_partners};
pub(crate) use prose::{everyday_word_ends_after, is_everyday_word};
use standing::{standing, Standing};

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

/// Names of northern Europe that make 北海 the North Sea, not the city in Guangxi, when the
/// same block names one (`波罗的海和北海`, `挪威…北海海上风电`).
const NORTH_SEA_NEIGHBOURS: [&str; 22] = [
    "波罗的海",
    "黑海",
    "爱尔兰",
    "冰岛",
    "英吉利海峡",
    "挪威",
    "丹麦",
    "荷兰",
    "英国",
    "苏格兰",
    "德国",
    "比利时",
    "瑞典",
    "北欧",
    "欧洲",
    "鹿特丹",
    "阿伯丁",
    "汉堡",
    "易北河",
    "莱茵河",
    "斯卡格拉克",
    "卡特加特",
];

/// 北海 as the North Sea (see [`NORTH_SEA_NEIGHBOURS`]), before 海上, 油, 沿岸, 风电, 能源 or
/// 航运 (`北海海上风电`, `北海油田`, `北海沿岸国家`), after 西欧 or 北欧, or where a river flows
/// into it (`注入北海`).
fn north_sea(folded: &str, out: &mut [Mention]) {
    for m in out.iter_mut() {
        if m.text.len() != "北海".len() || folded.get(m.text.clone()) != Some("北海") {
            continue;
        }
        let rest = &folded[m.text.end..];
        let before = &folded[..m.text.start];
        if ["海上", "油", "沿岸", "风电", "能源", "航运"]
            .iter()
            .any(|w| rest.starts_with(w))
            || ["注入", "流入", "汇入", "西欧", "北欧"]
                .iter()
                .any(|w| before.ends_with(w))
            || NORTH_SEA_NEIGHBOURS.iter().any(|n| folded.contains(n))
        {
            m.kind = FEATURE;
            m.canonical = None;
            m.rule = "context:北海";
        }
    }
}

/// 萨尔瓦多 as Salvador, Bahia's capital, where the unit names Brazil or Bahia and not El
/// Salvador's neighbours (`巴伊亚州萨尔瓦多`, `贝伦、萨尔瓦多的集装箱码头` in a text on Brazil).
fn salvador_of_bahia(folded: &str, out: &mut [Mention]) {
    for m in out.iter_mut() {
        if m.kind != "country"
            || m.text.len() != "萨尔瓦多".len()
            || folded.get(m.text.clone()) != Some("萨尔瓦多")
        {
            continue;
        }
        let brazil = ["巴西", "巴伊亚"].iter().any(|w| folded.contains(w));
        let central_america = ["中美洲", "危地马拉", "洪都拉斯", "尼加拉瓜"]
            .iter()
            .any(|w| folded.contains(w));
        if brazil && !central_america {
            m.kind = "city";
            m.canonical = None;
            m.rule = "context:萨尔瓦多";
        }
    }
}

/// Whether 中欧 at `at` is Central Europe. In most texts 中欧 is China and the EU (`中欧班列`,
/// `中欧关系`): the gazetteer holds it as an `ignore` phrase, and it is the region only where the
/// words around it say so: before 国家, 地区, 腹地 or 内陆 (`中欧国家`, `中欧腹地`), listed with
/// Europe's other parts (`北欧、中欧`, `中欧和东南欧`), or where a route reaches it (`通往中欧`).
fn is_central_europe(folded: &str, at: usize) -> bool {
    const AFTER: [&str; 16] = [
        // Joined to another part of Europe (`…同中欧｜和西欧的联系`).
        "和西欧",
        "、西欧",
        "及西欧",
        "国家",
        "地区",
        "腹地",
        "内陆",
        "市场",
        "各国",
        "内河",
        "和东欧",
        "和东南欧",
        "与东南欧",
        "、南欧",
        "和南欧",
        "、东欧",
    ];
    const BEFORE: [&str; 11] = [
        // Where a land lies (`波兰地处｜中欧`).
        "地处",
        "位于",
        "北欧、",
        "北欧和",
        "北欧及",
        "西欧、",
        "东欧、",
        "东欧和",
        "通往",
        "贯通",
        "延伸至",
    ];
    let end = at + "中欧".len();
    folded.get(at..end) == Some("中欧")
        && (AFTER.iter().any(|w| folded[end..].starts_with(w))
            || (BEFORE.iter().any(|w| folded[..at].ends_with(w))
                && !folded[end..].starts_with("班列")))
}

/// The characters of quotation marks' text past which it is a sentence quoted, not a term or a
/// name: the longest names quoted are about twenty (`“中国—东非数字经济合作平台”`).
const SPEECH_CHARS: usize = 24;

/// Where `finder`'s needle starts in `haystack`, left to right and not overlapping: `find` from
/// each match on. (`Finder::find_iter` copies the searcher for each haystack, and the passes ask
/// for every block.)
fn starts_of<'a>(
    finder: &'a memchr::memmem::Finder<'static>,
    haystack: &'a [u8],
) -> impl Iterator<Item = usize> + 'a {
    let step = finder.needle().len().max(1);
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + finder.find(haystack.get(from..)?)?;
        from = at + step;
        Some(at)
    })
}

/// Adds a mention of `kind`, fired by `rule`, for each of `found` that no mention of `out`
/// overlaps (the names found before win).
// Inlined: most passes call it with nothing found, for every block.
#[inline]
fn add_where_free<'t>(
    out: &mut Vec<Mention<'t>>,
    found: impl IntoIterator<Item = Range<usize>>,
    kind: &'t str,
    rule: &'t str,
) {
    for text in found {
        if out
            .iter()
            .any(|m| m.text.start < text.end && m.text.end > text.start)
        {
            continue;
        }
        out.push(Mention {
            kind,
            offset: text.start,
            text,
            canonical: None,
            rule,
        });
    }
}

/// A bay's port is a place named with the bay (`萨尔达尼亚湾｜港`, `苏比克湾港`); not the
/// ports in general (`…湾港口`, `…湾港区`).
fn ports_of_bays(folded: &str, out: &mut [Mention]) {
    for m in out.iter_mut().filter(|m| m.kind == FEATURE) {
        let rest = &folded[m.text.end..];
        if folded[m.text.clone()].ends_with('湾')
            && rest.starts_with('港')
            && !rest['港'.len_utf8()..].starts_with(|c| NOT_A_PORT.contains(c))
        {
            m.kind = PLACE;
            m.text.end += '港'.len_utf8();
            m.canonical = None;
            m.rule = "suffix:港";
        }
    }
}

/// A division that its text calls a territory or a region (`育空｜地区`, `努纳武特｜地区`) is named
/// with that word: the reader's name is the whole, as with `…州` or `…省`.
fn territories_with_their_word(folded: &str, out: &mut [Mention]) {
    for m in out.iter_mut().filter(|m| m.kind == DIVISION) {
        let rest = &folded[m.text.end..];
        if rest.starts_with("地区") && !folded[m.text.clone()].ends_with(['州', '省', '区']) {
            m.text.end += "地区".len();
        }
    }
}

/// The longest name of the gazetteer that starts where `m` starts and ends before it ends.
fn shorter_name(tagger: &Tagger, folded: &str, m: NameMatch) -> Option<NameMatch> {
    let last = folded[..m.end()].chars().next_back()?;
    let shorter = tagger
        .names
        .find(folded, m.start()..m.end() - last.len_utf8())?;
    (shorter.start() == m.start()).then_some(shorter)
}

/// How a name that another name runs across gives way to it.
enum Tiling {
    /// A shorter name at its start, ending where the other starts (`古巴｜哈瓦那`).
    Shorter(NameMatch),
    /// None: the other, longer name is the one (`联合｜国际海事组织`, not 联合国).
    GiveWay,
}

/// How `m` gives way to a name that starts inside it and runs past its end: to a shorter name at
/// `m`'s start ending right where the other starts (`古巴` when `哈瓦那` starts inside a town `古巴哈`),
/// else, when the other is longer, to the other alone (`国际海事组织` inside `联合国际海事组织`).
/// Names that cover the text side by side win over one that cuts the next.
fn tiled(tagger: &Tagger, folded: &str, m: NameMatch) -> Option<Tiling> {
    // Only a name of three characters or more, before more hanzi, can be read across: most
    // mentions are spared the searches.
    let mut chars = folded[m.start()..m.end()].chars();
    let first = chars.next()?;
    if chars.count() < 2 || !folded[m.end()..].starts_with(annotext_parser::is_hanzi) {
        return None;
    }
    // Names are short: the rival is seen within a few characters past the end.
    let horizon = folded[m.end()..]
        .char_indices()
        .nth(8)
        .map_or(folded.len(), |(i, _)| m.end() + i);
    // The names that start inside `m`, leftmost first: the first that runs past its end and
    // meets a shorter name at `m`'s start.
    let mut from = m.start() + first.len_utf8();
    loop {
        let next = tagger.names.find(folded, from..horizon)?;
        if next.start() >= m.end() {
            return None;
        }
        if next.end() > m.end() {
            let shorter = tagger.names.find(folded, m.start()..next.start());
            if let Some(shorter) = shorter {
                if shorter.start() == m.start() && shorter.end() == next.start() {
                    return Some(Tiling::Shorter(shorter));
                }
            }
            // Only where a word runs out of `m` into the other (`联合国｜际`: 国际).
            let chars = |r: std::ops::Range<usize>| folded[r].chars().count();
            if chars(next.range()) > chars(m.range())
                && standing::ends_inside_a_word(folded, m.start(), m.end())
            {
                return Some(Tiling::GiveWay);
            }
        }
        from = next.start() + folded[next.start()..].chars().next()?.len_utf8();
    }
}

/// The kind of a first-level division of a country (a state, a province, an oblast).
pub const DIVISION: &str = "division";

/// The kind of ports, border crossings, islands and other places that are not cities.
pub const PLACE: &str = "place";

/// Every mention of a block: its names (read in pieces when the block is too long to read
/// whole, see [`pieces`]) and its `dates`, in the order of the text.
pub(crate) fn entities_in<'t>(
    text: &str,
    folded: &str,
    is_item: bool,
    tagger: &'t Tagger,
    dates: &[DateMention],
) -> Vec<Mention<'t>> {
    let mut out = if text.len() <= pieces::LONGEST_READ_WHOLE {
        names_in(text, folded, is_item, tagger)
    } else {
        // A block this long is no name as a whole.
        let mut out = Vec::new();
        for piece in pieces::pieces(folded) {
            let (Some(piece_text), Some(piece_folded)) =
                (text.get(piece.clone()), folded.get(piece.clone()))
            else {
                continue;
            };
            out.extend(
                names_in(piece_text, piece_folded, false, tagger)
                    .into_iter()
                    .map(|m| Mention {
                        text: m.text.start + piece.start..m.text.end + piece.start,
                        offset: m.offset + piece.start,
                        ..m
                    }),
            );
        }
        out
    };
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

/// The names of a block's `text` (its `folded` copy beside it), in the order they are found.
fn names_in<'t>(text: &str, folded: &str, is_item: bool, tagger: &'t Tagger) -> Vec<Mention<'t>> {
    let rules = tagger.rules;
    let mut out = Vec::new();
    // Whether a hyphen stands beside a name of the gazetteer (see [`hyphens`]).
    let mut hyphen_beside = false;
    // Matched on the folded copy, reported in the text's own spelling (same offsets). A match
    // that does not stand as a word is dropped and the search goes on from its second
    // character (`其中亚洲` gives `亚洲`, not `中亚`).
    // One scan of the block; only a name dropped or cut short starts the search again from
    // where it must go on.
    let mut at = 0;
    // Where the last `ignore` phrase ended: a word of its own, so a name right after it does not
    // read on from a transliteration (`中欧班列｜义乌`).
    let mut ignored_end = None;
    'search: loop {
        for found in tagger.names.find_iter(folded, at..folded.len()) {
            let mut m = found;
            // The longest name at a place, then, while it is cut, a shorter one at the same
            // place.
            while let Some(&entry_index) = tagger.name_entry.get(m.pattern()) {
                let (Some(entry), Some(rule)) = (
                    rules.gazetteer.get(entry_index),
                    tagger.gazetteer_rules.get(entry_index),
                ) else {
                    break;
                };
                // A phrase that holds a name without being one (发展中国家) wins the match and
                // hides it.
                if entry.kind == IGNORE {
                    ignored_end = Some(m.end());
                    if is_central_europe(folded, m.start()) {
                        out.push(Mention {
                            kind: "region",
                            text: m.range(),
                            canonical: None,
                            rule: "context:中欧",
                            offset: m.start(),
                        });
                    }
                    break;
                }
                // A match is on character boundaries of the text too (folding keeps every
                // character's length).
                let Some(own) = text.get(m.range()) else {
                    break;
                };
                let second =
                    m.start() + folded[m.start()..].chars().next().map_or(1, char::len_utf8);
                let previous_end = out.last().map(|n: &Mention| n.text.end);
                // Where a name starting at `from` must end: the searches for one that starts
                // right there need not read the rest of the block.
                let near = |from: usize| folded.len().min(from + tagger.longest_name);
                let neighbours = |after: bool| match after {
                    true => tagger
                        .names
                        .find(folded, m.end()..near(m.end()))
                        .is_some_and(|r| r.start() == m.end()),
                    false => previous_end == Some(m.start()) || ignored_end == Some(m.start()),
                };
                // A two-character name that starts with a joining word gives way to a longer
                // name read from its second character, or to a word (`中国和｜龙目岛`, `牛油果和｜龙舌兰酒`;
                // not the city 和龙); so does one that starts with the 多 of `更多` (`更多｜哥斯达黎加`,
                // not Togo, 多哥).
                let longer_from_second = || {
                    tagger
                        .names
                        .find(folded, second..near(second))
                        .is_some_and(|r| r.start() == second && r.end() > m.end())
                };
                // One test of the first character for most names, which start none of these.
                let gives_way = match folded[m.start()..].chars().next() {
                    Some('和' | '与' | '及' | '在' | '向' | '从' | '经' | '赴' | '同') => {
                        folded[m.start()..m.end()].chars().count() == 2
                            && (longer_from_second()
                                || standing::ends_inside_a_word(folded, m.start(), m.end()))
                    }
                    Some('多') => {
                        folded[..m.start()].ends_with(['更', '许', '诸', '众', '很', '较', '最'])
                            && longer_from_second()
                    }
                    _ => false,
                };
                if gives_way {
                    at = second;
                    continue 'search;
                }
                // Two names side by side that the longest match runs across (`古巴｜哈瓦那`,
                // where a town 古巴哈 would leave 瓦那): the shorter one and the next.
                // Towns', places' and bodies' names are the ones other names run across
                // (`联合国`); countries and regions, most mentions, are spared.
                let tiling = match entry.kind.as_str() {
                    _ if m.end() - m.start() < 9 => None,
                    "city" | PLACE | DIVISION | "organisation" => tiled(tagger, folded, m),
                    _ => None,
                };
                match tiling {
                    Some(Tiling::Shorter(shorter)) => {
                        m = shorter;
                        continue;
                    }
                    Some(Tiling::GiveWay) => {
                        at = second;
                        continue 'search;
                    }
                    None => {}
                }
                let mut standing = standing(folded, m.start(), m.end(), &entry.kind, &neighbours);
                if let Standing::Crossed = standing {
                    // A word of the text runs into the name (`其中` in `其中亚洲`): the name is
                    // cut only when another name starts inside it and reads on (`亚洲`);
                    // `从中亚国家` keeps 中亚.
                    let rival = tagger.names.find(folded, second..near(second));
                    // A division's or a city's short name with a name at its end
                    // (`扩大｜波兰` around 大波兰) gives way to that name too.
                    // Not a part named by its direction (`以东｜耶路撒冷` keeps 东耶路撒冷).
                    let town = matches!(entry.kind.as_str(), DIVISION | "city")
                        && !folded[m.start()..].starts_with(['东', '西', '南', '北']);
                    // A number after it makes the word's last character an adverb
                    // (`以北｜约二百公里`: about, not NATO).
                    let numeral = folded[m.end()..].chars().next().is_some_and(|c| {
                        c.is_ascii_digit() || "一二两三四五六七八九十百千万".contains(c)
                    });
                    standing = match rival {
                        _ if numeral => Standing::Cut,
                        Some(r)
                            if r.start() < m.end()
                                && (r.end() > m.end() || (town && r.end() == m.end())) =>
                        {
                            Standing::Cut
                        }
                        _ => Standing::Word,
                    };
                }
                // A town's short name that a word runs out of (`加纳利｜用`, the word 利用) is
                // the shorter name at its start, when there is one (`加纳`); not before 地区,
                // the word that reads on (`吉隆坡｜地区`, not 坡地).
                if matches!(standing, Standing::Word)
                    && matches!(entry.kind.as_str(), DIVISION | "city" | PLACE)
                    && folded[m.range()].chars().count() <= 3
                    && !folded[m.end()..].starts_with("地区")
                    && !standing::governed(folded, m.start(), m.end())
                    && standing::ends_inside_a_word(folded, m.start(), m.end())
                {
                    if let Some(shorter) = shorter_name(tagger, folded, m) {
                        m = shorter;
                        continue;
                    }
                }
                // A short organisation's name right after a country's is that country's body
                // (`法国｜开发署`, not UNDP).
                if matches!(standing, Standing::Word)
                    && entry.kind == "organisation"
                    && folded[m.range()].chars().count() <= 3
                    && out
                        .last()
                        .is_some_and(|n: &Mention| n.kind == "country" && n.text.end == m.start())
                {
                    standing = Standing::Cut;
                }
                match standing {
                    Standing::Word => {
                        // A hyphen beside the name, or a character before it (a later pass may
                        // read a town's name on by one sound: `里奥韦尔迪` to `杜里奥韦尔迪`): a
                        // name in parts, maybe (`hyphens`). Three bytes looked at here spare a
                        // search of every block for one (a slice searched here cost as much).
                        let byte = |at: Option<usize>| at.and_then(|at| folded.as_bytes().get(at));
                        hyphen_beside |= byte(Some(m.end())) == Some(&b'-')
                            || byte(m.start().checked_sub(1)) == Some(&b'-')
                            || byte(m.start().checked_sub(4)) == Some(&b'-');
                        out.push(Mention {
                            kind: &entry.kind,
                            text: m.range(),
                            canonical: (entry.canonical != own).then_some(entry.canonical.as_str()),
                            rule,
                            offset: m.start(),
                        });
                        if m.end() == found.end() {
                            break;
                        }
                        // A shorter name: the search goes on from its end.
                        at = m.end();
                        continue 'search;
                    }
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
                    Standing::Cut => {
                        if let Some(shorter) = shorter_name(tagger, folded, m) {
                            m = shorter;
                            continue;
                        }
                        at = second;
                        continue 'search;
                    }
                    Standing::Crossed => {
                        at = second;
                        continue 'search;
                    }
                    Standing::InAName => {
                        at = m.end();
                        continue 'search;
                    }
                }
            }
        }
        break;
    }
    north_sea(folded, &mut out);
    salvador_of_bahia(folded, &mut out);
    territories_with_their_word(folded, &mut out);
    standing::lead_ins(folded, out.len(), &mut out);
    // The names found so far, in order: what the mechanisms' pass asks of them.
    let names = out.len();
    // Ends of the mechanisms a whole item names.
    let mut whole_item_ends: Vec<usize> = Vec::new();
    let trim = |t: &'_ str| -> usize { t.trim_end_matches(['；', ';', '。', '.', ' ']).len() };
    let body = &text[..trim(text)];
    let folded_body = &folded[..trim(folded)];
    // Only an item is named whole by a suffix, and only one that ends with a suffix's last
    // character: most blocks need read no suffix rule.
    let named_whole = is_item
        && folded_body
            .chars()
            .next_back()
            .is_some_and(|c| tagger.suffix_ends.binary_search(&c).is_ok());
    let suffix_rules = tagger.item_suffixes.iter().zip(&tagger.suffix_rule);
    for (suffix, &index) in suffix_rules.filter(|_| named_whole) {
        let (Some(rule), Some(name)) = (rules.entities.get(index), tagger.entity_rules.get(index))
        else {
            continue;
        };
        // Only an item that is a name as a whole: no verb or joining word, and a name, a link
        // between partners or an acronym in it (`建设物流中心。` is no name), no list (`名单：…；…`).
        // The last byte first: most items end with none of the suffixes.
        if folded_body.as_bytes().last() == suffix.as_bytes().last()
            && folded_body.ends_with(suffix.as_str())
            && !body.contains([',', '，', '、', '《', '；', ';', '：', ':'])
            && before_a_name().find(folded_body).is_none()
            && names_partners(
                folded_body,
                out.iter()
                    .take(names)
                    .any(|m| m.text.start == 0 && is_a_partner(&folded_body[m.text.clone()])),
            )
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
    // After the suffix rules whatever the rules' order: the mentions are sorted at the end, and a
    // whole item's mention never has a pair's text (that lies inside the marks).
    for (index, marks) in &tagger.pair_marks {
        let (Some(rule), Some(name)) =
            (rules.entities.get(*index), tagger.entity_rules.get(*index))
        else {
            continue;
        };
        let PairMarks {
            open,
            close,
            find_open,
            find_close,
        } = marks;
        let mut from = 0;
        while let Some(start) = find_open.find(&text.as_bytes()[from..]).map(|i| from + i) {
            let inner = start + open.len_utf8();
            let Some(end) = find_close
                .find(&text.as_bytes()[inner..])
                .map(|i| inner + i)
            else {
                break;
            };
            // Quoted speech is no term: a sentence in quotation marks (`“过去，我们的产品运往…”`),
            // whose names stand in the text as any others do. A title in 《》 is a document's,
            // whatever it holds.
            // So is a long one without them (`“连接欧洲、北非和中东的港口与铁路是…利益所在”`):
            // terms and names in quotation marks are short.
            let speech = *open != '《'
                && (text[inner..end].contains(['，', '。', '！', '？', '；', ','])
                    || text[inner..end].chars().nth(SPEECH_CHARS).is_some());
            if !speech {
                out.push(Mention {
                    kind: &rule.kind,
                    text: inner..end,
                    canonical: None,
                    rule: name,
                    offset: start,
                });
            }
            // Nested pairs (“…” inside 《…》) are found on their own rule's pass.
            from = end + close.len_utf8();
        }
    }
    named_in_text(folded, tagger, names, &whole_item_ends, &mut out);
    crossings_in_text(folded, names, &mut out);
    towns_in_text(folded, names, &mut out);
    directional_divisions_in_text(folded, names, &mut out);
    hyphen_beside |= transliterated_in_text(folded, &mut out);
    // After the divisions found by their ending too (`古里亚州｜奥祖尔盖蒂`).
    towns_after_divisions(folded, out.len(), &mut out);
    chinese_rivers_in_text(folded, &mut out);
    ports_of_bays(folded, &mut out);
    routes::towns_on_routes(folded, &mut out);
    lists::listed_in_text(folded, &mut out);
    lists::called_towns_in_text(folded, &mut out);
    if hyphen_beside {
        hyphens::hyphenated_in_text(folded, &mut out);
    }
    // A term in quotation marks that names a mechanism or an organisation
    // (`“中国—东非数字经济合作平台”`) is that name; a place's name quoted as a word (`“里海”`
    // for satoumi) stays a term.
    let is_body = |m: &Mention| matches!(m.kind, "mechanism" | "organisation");
    if out.iter().any(|m| m.kind == "quoted_term") && out.iter().any(is_body) {
        let named: Vec<Range<usize>> = out
            .iter()
            .filter(|m| is_body(m))
            .map(|m| m.text.clone())
            .collect();
        out.retain(|m| m.kind != "quoted_term" || !named.contains(&m.text));
    }
    out
}
