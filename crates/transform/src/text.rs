//! Small helpers on text: counts as people count them, and sentences around a spot.

use annotext_parser::is_hanzi;

pub(crate) fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Characters of a text, counted as people count them.
pub(crate) fn char_count(text: &str) -> u32 {
    u32_of(text.chars().count())
}

pub(crate) fn hanzi_count(text: &str) -> usize {
    text.chars().filter(|c| is_hanzi(*c)).count()
}

/// Longest stretch, in characters, taken on each side of a date for its sentence: text with no
/// sentence ends (one huge line) must not make every date carry the whole text.
const SENTENCE_REACH: usize = 200;

/// The sentence (between `。`/`；`) around a byte offset of a text, at most
/// [`SENTENCE_REACH`] characters each side.
pub(crate) fn sentence_at(text: &str, offset: usize) -> &str {
    let is_end = |c: char| matches!(c, '。' | '；' | ';');
    let mut start = offset;
    for (i, c) in text[..offset].char_indices().rev().take(SENTENCE_REACH) {
        if is_end(c) {
            break;
        }
        start = i;
    }
    let mut end = offset;
    for (i, c) in text[offset..].char_indices().take(SENTENCE_REACH) {
        end = offset + i + c.len_utf8();
        if is_end(c) {
            break;
        }
    }
    &text[start..end]
}
