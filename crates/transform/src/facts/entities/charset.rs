//! Sets of characters that the rules ask about for most mentions (transliteration characters,
//! surnames, the first characters of a list of words): a bit per character of the Basic
//! Multilingual Plane, made on first use, where `str::contains` would search the list each time.

use std::sync::OnceLock;

/// A set of characters of the Basic Multilingual Plane, listed in a text: every character of
/// its lines but whitespace, lines starting with `#` (notes) left out.
pub(super) struct CharSet {
    listed: &'static str,
    bits: OnceLock<Vec<u64>>,
}

impl CharSet {
    /// The set of the characters `listed`.
    pub(super) const fn new(listed: &'static str) -> CharSet {
        CharSet {
            listed,
            bits: OnceLock::new(),
        }
    }

    /// Whether `c` is in the set.
    pub(super) fn contains(&self, c: char) -> bool {
        let bits = self.bits.get_or_init(|| {
            let mut bits = vec![0u64; 0x10000 / 64];
            let lines = self.listed.lines().filter(|l| !l.starts_with('#'));
            for c in lines.flat_map(str::chars).filter(|c| !c.is_whitespace()) {
                let i = c as usize;
                debug_assert!(i < 0x10000, "{c} is outside the Basic Multilingual Plane");
                if let Some(word) = bits.get_mut(i / 64) {
                    *word |= 1 << (i % 64);
                }
            }
            bits
        });
        let i = c as usize;
        bits.get(i / 64)
            .is_some_and(|word| word & (1 << (i % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::CharSet;

    #[test]
    fn holds_the_listed_characters_and_no_notes() {
        static SET: CharSet = CharSet::new("# 注\n甲乙\n丙 丁\n");
        assert!(SET.contains('甲') && SET.contains('丙') && SET.contains('丁'));
        assert!(!SET.contains('注') && !SET.contains(' ') && !SET.contains('戊'));
        assert!(!SET.contains('😀'));
    }
}
