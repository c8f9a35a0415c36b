//! Line breaking for mixed Chinese and Latin text under the Chinese rules of line breaking
//! (禁則): a line may break between any two hanzi, Latin words and numbers stay whole, no line
//! starts with closing punctuation and no line ends with opening punctuation.

/// Characters that must not begin a line.
pub const NO_LINE_START: &str = "，。、；：？！）」』》〉】〕”’,.;:?!)]}%·…—";
/// Characters that must not end a line.
pub const NO_LINE_END: &str = "（「『《〈【〔“‘([{";

/// One unbreakable piece of text: a hanzi, a punctuation mark, or a Latin word/number.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let wordish = c.is_ascii_alphanumeric() || matches!(c, 'ü' | 'ā'..='ž' | 'ǎ'..='ǜ');
        match (wordish, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, s) => {
                if let Some(s) = s {
                    out.push(&text[s..i]);
                    start = None;
                }
                out.push(&text[i..i + c.len_utf8()]);
            }
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn starts_forbidden(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| NO_LINE_START.contains(c))
}

fn ends_forbidden(token: &str) -> bool {
    token
        .chars()
        .last()
        .is_some_and(|c| NO_LINE_END.contains(c))
}

/// Most tokens moved down to the next line to keep a break legal (Chinese typesetting moves one
/// or two; a longer run of tokens that may not end or start a line is broken at the width).
const MAX_CARRY: usize = 8;

/// The token that would start the next line when `carry` tokens of `line` move down.
fn carried_first<'a>(line: &'a [String], carry: usize, piece: &'a str) -> &'a str {
    match carry {
        0 => piece,
        n => &line[line.len() - n],
    }
}

/// Breaks `text` into lines no wider than `max_width`, measuring with `width`.
///
/// A single token wider than the column (a very long Latin word) is split by characters, so the
/// bound holds for every line.
pub fn break_lines(text: &str, max_width: f64, width: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for token in tokens(text) {
        if width(token) > max_width {
            pieces.extend(token.chars().map(String::from));
        } else {
            pieces.push(token.to_owned());
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line: Vec<String> = Vec::new();
    let mut line_width = 0.0;
    for piece in pieces {
        let w = width(&piece);
        if line_width + w <= max_width || line.is_empty() {
            line_width += w;
            line.push(piece);
            continue;
        }
        // Break before `piece`. Move tokens down while the break is forbidden: the next line
        // would start with closing punctuation, or this one would end with opening punctuation.
        // At most MAX_CARRY tokens move: text where no break is allowed for longer (a run of
        // `(((`) breaks at the width, as it must somewhere.
        let mut carry = 0;
        while carry < MAX_CARRY
            && line.len() > carry + 1
            && (starts_forbidden(carried_first(&line, carry, &piece))
                || ends_forbidden(&line[line.len() - carry - 1]))
        {
            carry += 1;
        }
        if carry == MAX_CARRY {
            carry = 0;
        }
        let mut carried: Vec<String> = line.split_off(line.len() - carry);
        carried.push(piece);
        lines.push(line.concat());
        line = Vec::new();
        line_width = 0.0;
        for t in carried {
            let w = width(&t);
            if line_width + w > max_width && !line.is_empty() {
                lines.push(line.concat());
                line.clear();
                line_width = 0.0;
            }
            line_width += w;
            line.push(t);
        }
    }
    if !line.is_empty() {
        lines.push(line.concat());
    }
    lines
}

/// Breaks a run of characters with fixed advances (the reading edition's widened hanzi) into
/// lines no wider than `max_width`, as ranges of character indices. The rules of
/// [`break_lines`] hold: no line starts with closing punctuation, none ends with opening
/// punctuation; Latin words and numbers stay whole.
pub fn break_cells(
    chars: &[char],
    advances: &[f64],
    max_width: f64,
) -> Vec<std::ops::Range<usize>> {
    let wordish = |c: char| c.is_ascii_alphanumeric();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut width = 0.0;
    let mut i = 0;
    while i < chars.len() {
        // The unbreakable piece at `i`: a Latin word or number, or one character.
        let mut end = i + 1;
        if wordish(chars[i]) {
            while end < chars.len() && wordish(chars[end]) {
                end += 1;
            }
        }
        let w: f64 = advances[i..end].iter().sum();
        if width + w <= max_width || i == start {
            width += w;
            i = end;
            continue;
        }
        // Break before `i`, moved back while the break is forbidden (but never to the start).
        let mut cut = i;
        while cut > start + 1
            && (NO_LINE_START.contains(chars[cut]) || NO_LINE_END.contains(chars[cut - 1]))
        {
            cut -= 1;
        }
        lines.push(start..cut);
        start = cut;
        width = advances[cut..i].iter().sum();
    }
    if start < chars.len() {
        lines.push(start..chars.len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hanzi and full-width punctuation 1.0 wide, everything else 0.5.
    fn w(s: &str) -> f64 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    }

    #[test]
    fn no_line_is_wider_than_the_column() {
        let text = "完成中吉烏鐵路可研工作，推進該鐵路加快落地建設；2022-2025年 supercalifragilistic 中國。";
        for max in [3.0, 4.0, 5.5, 7.0, 10.0] {
            for line in break_lines(text, max, &w) {
                assert!(w(&line) <= max, "{line:?} wider than {max}");
            }
        }
    }

    #[test]
    fn breaking_loses_nothing() {
        let text = "中國—中亞峰會(簡稱“中亞峰會”)是ab cd 12.5。";
        assert_eq!(break_lines(text, 4.0, &w).concat(), text);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line_and_opening_never_ends_one() {
        let text = "甲乙丙，丁戊己。庚辛《壬癸》子丑（寅卯）";
        for max in [2.0, 3.0, 4.0, 5.0] {
            let lines = break_lines(text, max, &w);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    assert!(!starts_forbidden(line), "{lines:?}");
                }
                if i + 1 < lines.len() {
                    assert!(!ends_forbidden(line), "{lines:?}");
                }
            }
        }
    }

    #[test]
    fn a_run_that_no_break_can_keep_legal_still_fills_its_lines() {
        let text = "(".repeat(200);
        let lines = break_lines(&text, 10.0, &w);
        assert_eq!(lines.concat(), text);
        assert!(lines.len() <= 21, "{} lines", lines.len());
    }

    #[test]
    fn latin_words_stay_whole() {
        let lines = break_lines("中國 annotext 工具", 5.0, &w);
        assert!(lines.iter().any(|l| l.contains("annotext")), "{lines:?}");
    }

    #[test]
    fn cells_break_within_the_width_keep_every_character_and_obey_the_punctuation_rules() {
        let chars: Vec<char> = "中國外長，在（西安）會晤2025年".chars().collect();
        let advances: Vec<f64> = chars
            .iter()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.4 })
            .collect();
        for max in [3.0, 4.5, 6.0] {
            let lines = break_cells(&chars, &advances, max);
            let joined: Vec<char> = lines
                .iter()
                .flat_map(|r| chars[r.clone()].to_vec())
                .collect();
            assert_eq!(joined, chars);
            for r in &lines {
                let width: f64 = advances[r.clone()].iter().sum();
                assert!(
                    width <= max
                        || r.len() == 1
                        || chars[r.clone()].iter().all(char::is_ascii_digit),
                    "{r:?} at {max}"
                );
                assert!(!NO_LINE_START.contains(chars[r.start]) || r.start == 0);
                assert!(!NO_LINE_END.contains(chars[r.end - 1]) || r.end == chars.len());
            }
        }
    }
}
