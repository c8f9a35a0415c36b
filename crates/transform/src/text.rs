//! Small helpers on text: counts as people count them, and sentences around a spot.

use annotext_parser::is_hanzi;

/// `slice.partition_point(pred)`, searched from `from` on: galloping from there, so searches for
/// places that follow one another (findings in source order, blocks in order) touch memory near
/// the last one instead of bisecting a list of millions each time, missing the cache at every
/// step. `pred` holds for a prefix of `slice`; a `from` past the answer is noticed, and the whole
/// slice bisected.
#[inline]
pub(crate) fn partition_from<T>(slice: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    let from = from.min(slice.len());
    if from > 0 && !slice.get(from - 1).is_some_and(&pred) {
        return slice.partition_point(pred);
    }
    // `lo`: known to hold before it; `hi`: the first place probed where it does not hold.
    let (mut lo, mut hi, mut step) = (from, from, 1usize);
    while slice.get(hi).is_some_and(&pred) {
        lo = hi + 1;
        hi = from.saturating_add(step).min(slice.len());
        step = step.saturating_mul(2);
    }
    let hi = hi.min(slice.len()).max(lo);
    lo + slice.get(lo..hi).map_or(0, |s| s.partition_point(&pred))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_from_agrees_with_partition_point_from_any_start() {
        let values: Vec<u32> = (0..200).map(|i| i / 3).collect();
        for bound in 0..70 {
            let expected = values.partition_point(|&v| v < bound);
            for from in 0..values.len() + 2 {
                assert_eq!(
                    partition_from(&values, from, |&v| v < bound),
                    expected,
                    "bound {bound}, from {from}"
                );
            }
        }
    }
}
