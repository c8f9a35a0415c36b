//! Kinds of characters the scanner and the anomalies both need to tell apart.

/// Whether a character is a CJK ideograph (traditional, simplified or variant).
// Inlined into the other crates, which ask it of every character (millions of calls a run).
#[inline]
pub fn is_hanzi(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}')
}
