//! Where a block too long to read whole is read in pieces.
//!
//! Several passes ask, for each name or phrase they find, about the names around it, and a
//! block is a paragraph: a document written as one line is one block, and a 50 MB line holds
//! about a million names. Read whole, such a block costs time that grows with the square of its
//! length. Read in pieces of a few tens of kilobytes cut at sentence ends, it costs time in
//! proportion, and finds the names a reader finds: no name, list, route or mechanism runs across
//! the end of a sentence. Blocks of ordinary documents are far shorter than a piece, and are
//! read whole.

use std::ops::Range;

/// The longest block read whole, in bytes (about 21,000 characters of hanzi: a paragraph of a
/// dozen pages).
pub(super) const LONGEST_READ_WHOLE: usize = 64 * 1024;

/// Where a piece is cut once it is this long, at the first sentence end after it.
const PIECE: usize = LONGEST_READ_WHOLE / 2;

/// Characters that end a sentence or a clause of a list, after which a piece may end.
/// Not `.`, which stands inside numbers (`2.5亿`) and abbreviations.
const SENTENCE_ENDS: [char; 8] = ['。', '！', '？', '；', '\n', '!', '?', ';'];

/// The pieces `text` is read in: consecutive ranges covering it, each ending at a sentence end
/// between [`PIECE`] and [`LONGEST_READ_WHOLE`] bytes from its start where there is one, else at
/// the last character boundary within [`LONGEST_READ_WHOLE`] (a run that long without a
/// sentence end is no prose; a name it holds at the cut may be missed, its text is not).
pub(super) fn pieces(text: &str) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while text.len() - start > LONGEST_READ_WHOLE {
        let window = char_floor(text, start + PIECE)..char_floor(text, start + LONGEST_READ_WHOLE);
        let end = text[window.clone()]
            .find(SENTENCE_ENDS)
            .and_then(|i| {
                let at = window.start + i;
                text[at..].chars().next().map(|c| at + c.len_utf8())
            })
            .unwrap_or(window.end);
        pieces.push(start..end);
        start = end;
    }
    pieces.push(start..text.len());
    pieces
}

/// The last character boundary of `text` at or before `at`.
fn char_floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::{pieces, LONGEST_READ_WHOLE, PIECE};

    #[test]
    fn a_short_block_is_one_piece() {
        let text = "中国—中亚峰会在西安举行。";
        assert_eq!(pieces(text), vec![0..text.len()]);
        assert_eq!(pieces(""), vec![0..0]);
    }

    #[test]
    fn a_long_block_is_cut_after_a_sentence_end_and_covered_whole() {
        let sentence = "双方同意在阿拉木图设立合作中心。";
        let text = sentence.repeat(LONGEST_READ_WHOLE / sentence.len() * 3);
        let cuts = pieces(&text);
        assert!(cuts.len() >= 3, "{} pieces", cuts.len());
        assert_eq!(cuts.first().map(|p| p.start), Some(0));
        assert_eq!(cuts.last().map(|p| p.end), Some(text.len()));
        for pair in cuts.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[pair[0].clone()].ends_with('。'));
            assert!(pair[0].len() >= PIECE && pair[0].len() <= LONGEST_READ_WHOLE);
        }
    }

    #[test]
    fn a_long_run_without_a_sentence_end_is_cut_on_a_character_boundary() {
        let text = "阿".repeat(LONGEST_READ_WHOLE / 3 + 100);
        let cuts = pieces(&text);
        assert_eq!(cuts.len(), 2);
        assert_eq!(cuts[0], 0..LONGEST_READ_WHOLE - LONGEST_READ_WHOLE % 3);
        assert_eq!(cuts[1].end, text.len());
    }
}
