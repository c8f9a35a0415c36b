//! The annex's example findings in a Chinese briefing. The anomalies table writes each
//! finding's detail in English (`动 annotated tui1, but the dictionary reads it dong4`); its data
//! (characters, readings, numbers) is taken from it here and set in the briefing's words
//! (`「动」注音 tui1，词典读作 dong4`). The patterns follow the details written by
//! `annotext_transform::findings` and the parser; a detail that matches none (a folded run, a
//! parenthesis) is left out, and the kind's line and the marked context say what it is.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use crate::words::{fill, Words};

/// A detail's pattern and how its data fills the briefing's template.
struct Pattern {
    /// The kinds whose details it reads.
    kinds: &'static [&'static str],
    regex: Regex,
    /// The template of the briefing's words, filled from the captures.
    template: fn(&Words) -> &'static str,
}

fn patterns() -> &'static [Pattern] {
    static PATTERNS: OnceLock<Vec<Pattern>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let regex = |pattern: &str| {
            Regex::new(pattern)
                .unwrap_or_else(|e| panic!("the annex's patterns are constants and valid: {e}"))
        };
        vec![
            Pattern {
                kinds: &["repeated_annotation", "conflicting_annotation"],
                regex: regex(concat!(
                    r"^(?P<ch>.) annotated (?P<times>[\d,]+) times \((?P<extra>[\d,]+) extra\): ",
                    r"(?P<readings>.+?)(?: and (?P<more>[\d,]+) more)?; ",
                    r"(?:keeps (?P<kept>\S+), ignores the others|collapsed into one reading)$",
                )),
                template: |w| w.detail_repeat,
            },
            Pattern {
                kinds: &["reading_not_in_dictionary"],
                regex: regex(
                    r"^(?P<ch>.+?) annotated (?P<reading>\S+), but the dictionary reads it (?P<known>.+)$",
                ),
                template: |w| w.detail_not_in_dictionary,
            },
            Pattern {
                kinds: &["reading_wrong_in_context"],
                regex: regex(
                    r"^(?P<word>.+?) is read (?P<word_reading>.+?); (?P<ch>.+?) is annotated (?P<annotated>\S+)$",
                ),
                template: |w| w.detail_wrong_in_context,
            },
            Pattern {
                kinds: &["numbering_gap", "numbering_duplicate", "numbering_restart"],
                regex: regex(concat!(
                    r"^numbering (?:gap|restarts|out of order): ",
                    r"(?P<level>item|section|subsection|article|clause|point) (?P<found>\d+) where (?P<expected>\d+) was expected$",
                )),
                template: |w| w.detail_numbering,
            },
            Pattern {
                kinds: &["invalid_reading"],
                regex: regex(r#"^"(?P<text>.*)" is not a pinyin syllable$"#),
                template: |w| w.detail_invalid_reading,
            },
        ]
    })
}

/// The detail of a finding of `kind` in the briefing's words, or `None` when there is none to
/// give (the detail is then left out of the example).
pub(crate) fn localized_detail(kind: &str, detail: &str, words: &Words) -> Option<String> {
    let pattern = patterns().iter().find(|p| p.kinds.contains(&kind))?;
    let captures = pattern.regex.captures(detail)?;
    let get = |c: &Captures, name: &str| c.name(name).map_or("", |m| m.as_str()).to_owned();
    let level = match captures.name("level").map(|m| m.as_str()) {
        Some("section") => words.level_names[0],
        Some("subsection") => words.level_names[1],
        Some("article") => words.level_names[3],
        Some("clause") => words.level_names[4],
        Some("point") => words.level_names[5],
        Some(_) => words.level_names[2],
        None => "",
    };
    let mut readings = get(&captures, "readings");
    if let Some(more) = captures.name("more") {
        readings.push_str(&fill(words.detail_more, &[("n", more.as_str())]));
    }
    let mut text = fill(
        (pattern.template)(words),
        &[
            ("ch", &get(&captures, "ch")),
            ("times", &get(&captures, "times")),
            ("extra", &get(&captures, "extra")),
            ("readings", &readings),
            ("reading", &get(&captures, "reading")),
            ("known", &get(&captures, "known")),
            ("word", &get(&captures, "word")),
            ("word_reading", &get(&captures, "word_reading")),
            ("annotated", &get(&captures, "annotated")),
            ("level", level),
            ("found", &get(&captures, "found")),
            ("expected", &get(&captures, "expected")),
            ("text", &get(&captures, "text")),
        ],
    );
    if let Some(kept) = captures.name("kept") {
        text.push_str(&fill(words.detail_keeps, &[("kept", kept.as_str())]));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{SIMPLIFIED, TRADITIONAL};

    #[test]
    fn each_kind_with_data_reads_in_chinese() {
        let cases = [
            (
                "repeated_annotation",
                "外 annotated 2 times (1 extra): wai ×2; collapsed into one reading",
                "「外」注音 2 次（多 1 次）：wai ×2",
            ),
            (
                "conflicting_annotation",
                "动 annotated 2 times (1 extra): tuī, tuì; keeps tui1, ignores the others",
                "「动」注音 2 次（多 1 次）：tuī, tuì，保留 tui1",
            ),
            (
                "repeated_annotation",
                "中 annotated 9 times (8 extra): a, b, c, d and 2 more; collapsed into one reading",
                "「中」注音 9 次（多 8 次）：a, b, c, d 等（另 2 个）",
            ),
            (
                "reading_not_in_dictionary",
                "动 annotated tui1, but the dictionary reads it dong4",
                "「动」注音 tui1，词典读作 dong4",
            ),
            (
                "reading_wrong_in_context",
                "协调 is read xié tiáo; 调 is annotated diào",
                "「协调」读作 xié tiáo，「调」注音 diào",
            ),
            (
                "numbering_gap",
                "numbering gap: item 3 where 2 was expected",
                "条目编号 3，应为 2",
            ),
            (
                "invalid_reading",
                "\"(zhangg)\" is not a pinyin syllable",
                "(zhangg) 不是拼音音节",
            ),
        ];
        for (kind, detail, want) in cases {
            assert_eq!(
                localized_detail(kind, detail, &SIMPLIFIED).as_deref(),
                Some(want),
                "{detail}"
            );
        }
        assert_eq!(
            localized_detail(
                "numbering_restart",
                "numbering restarts: section 1 where 4 was expected",
                &TRADITIONAL
            )
            .as_deref(),
            Some("節編號 1，應為 4")
        );
        // Nothing to give: a folded run, a parenthesis.
        let folded = "5 repeated annotations, line 3, columns 1–5; each: x";
        assert_eq!(
            localized_detail("repeated_annotation", folded, &SIMPLIFIED),
            None
        );
        assert_eq!(
            localized_detail("unclosed_parenthesis", "unclosed parenthesis", &SIMPLIFIED),
            None
        );
    }
}
