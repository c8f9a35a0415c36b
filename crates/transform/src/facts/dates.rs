//! Dates and year ranges mentioned in a text.

use std::sync::OnceLock;

use regex::Regex;

fn date_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\d{4})\s*[-–—至]\s*(\d{4})年|(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
            .unwrap_or_else(|e| panic!("the date pattern is a constant and valid: {e}"))
    })
}

/// A date or range found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// As written: `2020年7月`, `2024年10月12日`, `2022-2025年`.
    pub text: String,
    /// First year.
    pub year_start: u16,
    /// Last year (same as the first for a single date).
    pub year_end: u16,
    /// Month, when given.
    pub month: Option<u8>,
    /// Day of the month, when given (with a month).
    pub day: Option<u8>,
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
            let (year_start, year_end, month, day) = match (num(1), num(2)) {
                (Some(a), Some(b)) => (a, b, None, None),
                _ => {
                    let y = num(3)?;
                    let month = num(4)
                        .and_then(|m| u8::try_from(m).ok())
                        .filter(|m| (1..=12).contains(m));
                    let day = num(5)
                        .and_then(|d| u8::try_from(d).ok())
                        .filter(|d| month.is_some() && (1..=31).contains(d));
                    (y, y, month, day)
                }
            };
            Some(DateMention {
                text: whole.as_str().to_owned(),
                year_start,
                year_end,
                month,
                day,
                offset: whole.start(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text, first and last year, month, day.
    type Found = (String, u16, u16, Option<u8>, Option<u8>);

    fn found(text: &str) -> Vec<Found> {
        find_dates(text)
            .into_iter()
            .map(|d| (d.text, d.year_start, d.year_end, d.month, d.day))
            .collect()
    }

    #[test]
    fn dates_keep_their_day_month_and_range() {
        assert_eq!(
            found("2024年10月12日，會議在南寧舉行；2020年7月；(2022-2025年)；2025年起"),
            [
                ("2024年10月12日".to_owned(), 2024, 2024, Some(10), Some(12)),
                ("2020年7月".to_owned(), 2020, 2020, Some(7), None),
                ("2022-2025年".to_owned(), 2022, 2025, None, None),
                ("2025年".to_owned(), 2025, 2025, None, None),
            ]
        );
        // A day without a valid month is no day.
        assert_eq!(found("2024年13月5日")[0].4, None);
    }
}
