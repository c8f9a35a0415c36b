//! Dates and year ranges mentioned in a text.

use std::sync::OnceLock;

use regex::Regex;

fn date_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\d{4})\s*[-–—至]\s*(\d{4})年|(\d{4})年(?:(\d{1,2})月)?")
            .unwrap_or_else(|e| panic!("the date pattern is a constant and valid: {e}"))
    })
}

/// A date or range found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// As written: `2020年7月`, `2022-2025年`.
    pub text: String,
    /// First year.
    pub year_start: u16,
    /// Last year (same as the first for a single date).
    pub year_end: u16,
    /// Month, when given.
    pub month: Option<u8>,
    /// Byte offset in the searched text.
    pub offset: usize,
}

/// Dates and year ranges in a (clean) text.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    // Every date has a 年; most blocks have none, and the regex search is not free.
    if !text.contains('年') {
        return Vec::new();
    }
    date_pattern()
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
            let (year_start, year_end, month) = match (num(1), num(2)) {
                (Some(a), Some(b)) => (a, b, None),
                _ => {
                    let y = num(3)?;
                    (
                        y,
                        y,
                        num(4)
                            .and_then(|m| u8::try_from(m).ok())
                            .filter(|m| (1..=12).contains(m)),
                    )
                }
            };
            Some(DateMention {
                text: whole.as_str().to_owned(),
                year_start,
                year_end,
                month,
                offset: whole.start(),
            })
        })
        .collect()
}
