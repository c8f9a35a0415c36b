//! Border crossings the gazetteer does not know, named by their ending (`…口岸`).

use super::mechanisms::before_a_name;
use super::{Mention, PLACE};

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
pub(super) fn crossings_in_text<'t>(folded: &str, names: usize, out: &mut Vec<Mention<'t>>) {
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
