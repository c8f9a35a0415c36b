//! Names of two parts joined by a hyphen (`塞莱比-皮奎`, `奥弗涅-罗讷-阿尔卑斯大区`,
//! `圣地亚哥-德洛斯卡瓦列罗斯`): one town's or division's name, as its readers list it, where
//! a part is found already and the other is sounds the gazetteer lacks. Two parts it knows both
//! of are two places a route or a pair links (`重庆-杜伊斯堡`), and are left as they are; so are
//! parts joined by a dash (`喀什—塔什干`), unless both are sounds (a route's stop) and a
//! division's ending closes the second (`萨梅格列罗—上斯瓦涅季州`).

use super::standing::{in_an_institution_name, is_transliteration};
use super::{Mention, DIVISION, FEATURE, PLACE};

/// The fewest and most characters of a part the gazetteer does not know: one is no name
/// (`中-老`), and a longer run of sounds is seldom one (`德洛斯卡瓦列罗斯` is eight).
const PART_CHARS: std::ops::RangeInclusive<usize> = 2..=8;

/// Words a part may open with that are no sounds (`上斯瓦涅季`, `圣洛朗`, `新阿基坦`).
const OPENING: &str = "上下新东西南北圣";

/// Characters a part in sounds may follow or go before (`在｜…`, `…｜和…`); elsewhere its
/// sounds run on into a word and it has no clear end (`布鲁｜日港`).
const BESIDE_A_PART: &str = "在赴经至到从向往对同将由沿于自和与及或的、等";

/// What may follow the second part, longest first, and the kind it makes the whole name.
const ENDINGS: [(&str, &str); 13] = [
    ("自治州", DIVISION),
    ("自治区", DIVISION),
    ("大区", DIVISION),
    ("地区", DIVISION),
    ("群岛", PLACE),
    ("运河", FEATURE),
    ("省", DIVISION),
    ("州", DIVISION),
    ("县", DIVISION),
    ("区", DIVISION),
    ("市", "city"),
    ("港", PLACE),
    ("河", FEATURE),
];

/// Whether a found name may be a part of a hyphenated one: a town's, a division's or a place's.
fn is_a_part(kind: &str) -> bool {
    matches!(kind, "city" | DIVISION | PLACE)
}

/// Joins the parts of hyphenated names in `out` (see the module's note): a hyphen between two
/// hanzi of sounds, beside a name found already. Asked only of a block where the gazetteer's
/// pass saw a hyphen beside a name: searching every block for one cost a tenth of a percent of
/// the whole transform.
pub(super) fn hyphenated_in_text<'t>(folded: &str, out: &mut Vec<Mention<'t>>) {
    let bytes = folded.as_bytes();
    let hyphen_at = |at: usize| bytes.get(at) == Some(&b'-');
    let beside = |m: &Mention| {
        if hyphen_at(m.text.end) {
            Some(m.text.end)
        } else {
            m.text.start.checked_sub(1).filter(|&at| hyphen_at(at))
        }
    };
    // Most blocks have none: nothing gathered.
    let Some(first) = out.iter().position(|m| beside(m).is_some()) else {
        return;
    };
    let mut hyphens: Vec<usize> = out[first..].iter().filter_map(beside).collect();
    hyphens.sort_unstable();
    hyphens.dedup();
    let mut from = 0;
    for at in hyphens {
        if at >= from {
            from = join_at(folded, at, 1, out).unwrap_or(at + 1);
        }
    }
}

/// Joins a route's stops from `out[first..]` (the stops the gazetteer lacks, just found) to a
/// division found by its ending after a dash (`萨梅格列罗—上斯瓦涅季州`): asked by the routes'
/// pass only where it found such a stop, since dashes link partners in most blocks (`中国—东盟`).
pub(super) fn dashed_in_text<'t>(folded: &str, out: &mut Vec<Mention<'t>>, first: usize) {
    let dashes: Vec<usize> = out
        .get(first..)
        .unwrap_or_default()
        .iter()
        .filter(|m| m.rule == "route:town" && folded[m.text.end..].starts_with('—'))
        .map(|m| m.text.end)
        .collect();
    for at in dashes {
        join_at(folded, at, '—'.len_utf8(), out);
    }
}

/// Joins the parts on both sides of the hyphen or dash `join_len` bytes long at `at`, when they
/// make one name; returns where the joined name ends.
fn join_at(folded: &str, at: usize, join_len: usize, out: &mut Vec<Mention>) -> Option<usize> {
    let dash = join_len > 1;
    let after = at + join_len;
    // Sounds on both sides (a part may open with a word of [`OPENING`]): most hyphens stand
    // between digits or Latin letters, and the rest are read no further.
    let left = folded[..at].chars().next_back()?;
    let right = folded.get(after..)?.chars().next()?;
    if !is_transliteration(left) || !(is_transliteration(right) || OPENING.contains(right)) {
        return None;
    }
    // A name across the hyphen is the gazetteer's own (`东伯比斯-科兰太因`).
    if out.iter().any(|m| m.text.start < at && m.text.end > after) {
        return None;
    }
    // After a dash, a part read from its sounds alone (a route's stop, a division by its
    // ending) is read again as a part of the whole.
    let known = |m: &&Mention| !dash || !(m.rule == "route:town" || m.rule.starts_with("ending:"));
    let known_before = out.iter().filter(known).find(|m| m.text.end == at);
    let known_after = out.iter().filter(known).find(|m| m.text.start == after);
    if known_before.is_some_and(|m| !is_a_part(m.kind))
        || known_after.is_some_and(|m| !is_a_part(m.kind))
        || (known_before.is_some() && known_after.is_some())
        || (dash && (known_before.is_some() || known_after.is_some()))
    {
        return None;
    }
    let start = known_before
        .map(|m| m.text.start)
        .or_else(|| part_before(folded, at, out))?;
    let second_end = known_after
        .map(|m| m.text.end)
        .or_else(|| part_after(folded, after, out))?;
    let ending = ENDINGS
        .iter()
        .find(|(e, _)| folded[second_end..].starts_with(e));
    let end = second_end + ending.map_or(0, |(e, _)| e.len());
    let kind = match (ending, known_before.or(known_after)) {
        (Some((_, kind)), _) => *kind,
        (None, Some(m)) => m.kind,
        (None, None) => "city",
    };
    // A person's name (`费利克斯·｜乌弗埃-博瓦尼`), or an institution's (`阿卜杜勒-阿齐兹｜国王大学`,
    // `格洛-杰贝｜工业区`); after a dash, only a division's.
    if folded[..start].ends_with(['·', '•'])
        || in_an_institution_name(&folded[end..], false, false)
        || folded[end..].starts_with("工业区")
        || (dash && kind != DIVISION)
    {
        return None;
    }
    out.retain(|m| m.text.end <= start || m.text.start >= end);
    out.push(Mention {
        kind,
        text: start..end,
        canonical: None,
        rule: "hyphen",
        offset: start,
    });
    Some(end)
}

/// Whether `c`, a character beside a part in sounds, leaves the part a clear edge.
fn edge(c: char) -> bool {
    !annotext_parser::is_hanzi(c) || BESIDE_A_PART.contains(c)
}

/// The start of a run of sounds that ends at `end` (a hyphen), back to where a found name ends
/// or what is beside a part ([`BESIDE_A_PART`]) stands, if it is [`PART_CHARS`] long.
fn part_before(folded: &str, end: usize, out: &[Mention]) -> Option<usize> {
    let mut start = end;
    for (i, c) in folded[..end].char_indices().rev() {
        if start < end && out.iter().any(|m| m.text.end == start) {
            break;
        }
        if !(is_transliteration(c) || (OPENING.contains(c) && start < end)) {
            if !edge(c) {
                return None;
            }
            break;
        }
        start = i;
    }
    PART_CHARS
        .contains(&folded[start..end].chars().count())
        .then_some(start)
}

/// The end of a run of sounds that starts at `start` (after a hyphen), up to where a found name
/// starts, an ending ([`ENDINGS`]) or what is beside a part stands, if it is [`PART_CHARS`] long.
fn part_after(folded: &str, start: usize, out: &[Mention]) -> Option<usize> {
    let mut end = start;
    for (i, c) in folded[start..].char_indices() {
        let at = start + i;
        if at > start
            && (out.iter().any(|m| m.text.start == at)
                || ENDINGS.iter().any(|(e, _)| folded[at..].starts_with(e)))
        {
            break;
        }
        if !(is_transliteration(c) || (at == start && OPENING.contains(c))) {
            if !edge(c) {
                return None;
            }
            break;
        }
        end = at + c.len_utf8();
    }
    PART_CHARS
        .contains(&folded[start..end].chars().count())
        .then_some(end)
}
