//! Dates and year ranges mentioned in a text.

use std::sync::OnceLock;

use regex::Regex;

fn date_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // A year range; or a year, its month and day, and the end of a range of days or months
        // within the year (`12日至14日`, `12日至11月3日`, `3月至5月`).
        Regex::new(concat!(
            r"(?P<y1>\d{4})\s*[-–—至]\s*(?P<y2>\d{4})年",
            r"|(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?",
            r"(?:\s*[-–—至到]\s*(?:(?P<em>\d{1,2})月(?P<ed>\d{1,2})日|(?P<edo>\d{1,2})日",
            r"|(?P<emo>\d{1,2})月))?)?",
        ))
        .unwrap_or_else(|e| panic!("the date pattern is a constant and valid: {e}"))
    })
}

/// A date or range found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// As written: `2020年7月`, `2024年10月12日`, `2024年10月12日至14日`, `2022-2025年`.
    pub text: String,
    /// First year.
    pub year_start: u16,
    /// Last year (same as the first for a single date).
    pub year_end: u16,
    /// Month, when given.
    pub month: Option<u8>,
    /// Day of the month, when given (with a month).
    pub day: Option<u8>,
    /// The last month and day of a range within the year (`12日至14日`: month 10, day 14;
    /// `3月至5月`: month 5, no day).
    pub end: Option<(u8, Option<u8>)>,
    /// Byte offset in the searched text.
    pub offset: usize,
}

/// Days in a month of a year (Gregorian), 0 for a month that does not exist.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// A month and day that exist in `year` (the day optional); `None` for `2月30日`, `13月`.
fn valid(year: u16, month: Option<u8>, day: Option<u8>) -> Option<(u8, Option<u8>)> {
    let month = month.filter(|m| (1..=12).contains(m))?;
    match day {
        Some(d) if d == 0 || d > days_in_month(year, month) => None,
        day => Some((month, day)),
    }
}

/// Dates and year ranges in a (clean) text. A month or day that does not exist (`2月30日`)
/// is left out: the mention keeps what does (`2024年2月`).
pub fn find_dates(text: &str) -> Vec<DateMention> {
    // Every date has a 年; most blocks have none, and the regex search is not free.
    if !text.contains('年') {
        return Vec::new();
    }
    date_pattern()
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u16>().ok());
            let small = |name: &str| num(name).and_then(|n| u8::try_from(n).ok());
            let (year_start, year_end, month, day, end) = match (num("y1"), num("y2")) {
                (Some(a), Some(b)) => (a, b, None, None, None),
                _ => {
                    let y = num("y")?;
                    let (month, day) = match valid(y, small("m"), small("d")) {
                        Some((m, d)) => (Some(m), d),
                        None => (valid(y, small("m"), None).map(|(m, _)| m), None),
                    };
                    let end = month.and_then(|m| {
                        let (end_month, end_day) = match (small("em"), small("edo")) {
                            (Some(em), _) => (Some(em), small("ed")),
                            (None, Some(ed)) => (Some(m), Some(ed)),
                            (None, None) => (small("emo"), None),
                        };
                        // A range runs forward: its end comes after its start.
                        valid(y, end_month, end_day)
                            .filter(|&(em, ed)| (em, ed.unwrap_or(32)) > (m, day.unwrap_or(0)))
                    });
                    (y, y, month, day, end)
                }
            };
            Some(DateMention {
                text: whole.as_str().to_owned(),
                year_start,
                year_end,
                month,
                day,
                end,
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

    #[test]
    fn a_day_that_does_not_exist_is_left_out() {
        assert_eq!(found("2024年2月29日")[0].4, Some(29));
        assert_eq!(found("2023年2月29日")[0].4, None);
        assert_eq!(found("2024年2月30日")[0].3, Some(2));
        assert_eq!(found("2024年4月31日")[0].4, None);
        assert_eq!(found("2024年1月31日")[0].4, Some(31));
    }

    #[test]
    fn ranges_of_days_and_months_keep_their_end() {
        /// A mention's text and the end of its range.
        type Ended = (String, Option<(u8, Option<u8>)>);
        let ends: Vec<Ended> = find_dates(
            "2024年10月12日至14日；2024年10月30日至11月3日；2024年3月至5月；2024年1月至2025年；\
             2024年5月3日至1日",
        )
        .into_iter()
        .map(|d| (d.text, d.end))
        .collect();
        assert_eq!(
            ends,
            [
                ("2024年10月12日至14日".to_owned(), Some((10, Some(14)))),
                ("2024年10月30日至11月3日".to_owned(), Some((11, Some(3)))),
                ("2024年3月至5月".to_owned(), Some((5, None))),
                ("2024年1月".to_owned(), None),
                ("2025年".to_owned(), None),
                // Backwards: no end.
                ("2024年5月3日至1日".to_owned(), None),
            ]
        );
    }
}
