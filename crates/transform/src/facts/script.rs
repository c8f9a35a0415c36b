//! The two scripts of Chinese. Documents come in traditional or simplified characters, and the
//! rules in either: matching is done on a copy of the text folded to simplified characters, so
//! a rule written in one script finds the text written in the other.
//!
//! Folding is character by character (OpenCC's `TSCharacters` table, the first simplified form
//! of each traditional character) and keeps every character's UTF-8 length, so a match in the
//! folded copy is at the same byte offsets in the text itself: what is reported is the text's own
//! spelling. Phrase-level conversion (for the `simplified` columns) is OpenCC's `t2s`, from its
//! own tables (`data/opencc/`), so the columns equal what OpenCC writes.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// OpenCC's traditional → simplified character table (Apache-2.0, see `data/opencc/`).
const TS_CHARACTERS: &str = include_str!("../../../../data/opencc/TSCharacters.tsv");
/// OpenCC's simplified → traditional character table (Apache-2.0, see `data/opencc/`).
const ST_CHARACTERS: &str = include_str!("../../../../data/opencc/STCharacters.tsv");

/// The script a text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Traditional characters only.
    Traditional,
    /// Simplified characters only.
    Simplified,
    /// Both, each more than a slip: see [`script_of`].
    Mixed,
}

impl Script {
    /// The lowercase name used in tables: `traditional`, `simplified`, `mixed`.
    pub fn name(self) -> &'static str {
        match self {
            Script::Traditional => "traditional",
            Script::Simplified => "simplified",
            Script::Mixed => "mixed",
        }
    }
}

/// Characters that only simplified text uses: OpenCC's `STCharacters` keys whose traditional
/// forms are all other characters (`国` → `國`). A key that is also one of its own traditional
/// forms (`干` → `幹 乾 干`) is written in both scripts and tells nothing.
struct SimplifiedOnly {
    /// Per code point of the Basic Multilingual Plane, what the character tells of the script
    /// ([`TELLS_TRADITIONAL`], [`TELLS_SIMPLIFIED`] or 0): `script_of` tests every character of
    /// a document, and one index into one table is much cheaper than hashing or two tables.
    bmp: Box<[u8]>,
    /// The few simplified-only characters beyond it (the folding table covers none there).
    beyond: HashSet<char>,
}

/// A character that OpenCC's `TSCharacters` folds to another (`國`).
const TELLS_TRADITIONAL: u8 = 1;
/// A character only simplified text uses (`国`).
const TELLS_SIMPLIFIED: u8 = 2;

impl SimplifiedOnly {
    /// What `c` tells of the script: [`TELLS_TRADITIONAL`], [`TELLS_SIMPLIFIED`] or 0.
    fn tells(&self, c: char) -> u8 {
        match self.bmp.get(c as usize) {
            Some(&tells) => tells,
            None if self.beyond.contains(&c) => TELLS_SIMPLIFIED,
            None => 0,
        }
    }
}

fn simplified_only() -> &'static SimplifiedOnly {
    static SET: OnceLock<SimplifiedOnly> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = SimplifiedOnly {
            bmp: vec![0; 0x10000].into_boxed_slice(),
            beyond: HashSet::new(),
        };
        for line in ST_CHARACTERS.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut fields = line.split(['\t', ' ']).filter(|f| !f.is_empty());
            let Some(key) = fields.next() else { continue };
            let mut key_chars = key.chars();
            let (Some(k), None) = (key_chars.next(), key_chars.next()) else {
                continue;
            };
            let mut values = fields.peekable();
            if values.peek().is_some() && values.all(|v| v != key) {
                match set.bmp.get_mut(k as usize) {
                    Some(slot) => *slot = TELLS_SIMPLIFIED,
                    None => {
                        set.beyond.insert(k);
                    }
                }
            }
        }
        // A character that folds to another tells traditional, whatever else it is: that test
        // comes first, as it did when the two were separate tables.
        let table = fold_table();
        for (code, slot) in set.bmp.iter_mut().enumerate() {
            if table.to.get(code).is_some_and(|&t| t as usize != code) {
                *slot = TELLS_TRADITIONAL;
            }
        }
        set
    })
}

/// How many characters of the other script a text may have and still count as written in one:
/// one in twenty, so a stray character (a quoted name, a typo) does not make a document mixed.
const SLIP_SHARE: usize = 20;

/// The script of a text: traditional when it has characters that OpenCC's `TSCharacters` folds
/// to another (`國`), simplified when it has characters only simplified text uses (`国`), mixed
/// when the minority is more than one in [`SLIP_SHARE`] of them. `None` when no character tells
/// (no hanzi, or only those both scripts share).
pub fn script_of(text: &str) -> Option<Script> {
    let tells = simplified_only();
    let mut counts = [0usize; 3];
    // Decoded by hand: a whole document is read, annotations and all, and `chars()` with two
    // lookups per character cost a tenth more. The text is valid UTF-8, so a lead byte says how
    // many bytes follow.
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        let (code, len) = match lead {
            0x00..=0x7F => {
                i += 1;
                continue;
            }
            0xC0..=0xDF => (
                (u32::from(lead & 0x1F) << 6) | continuation(bytes, i + 1),
                2,
            ),
            0xE0..=0xEF => (
                (u32::from(lead & 0x0F) << 12)
                    | (continuation(bytes, i + 1) << 6)
                    | continuation(bytes, i + 2),
                3,
            ),
            _ => (
                (u32::from(lead & 0x07) << 18)
                    | (continuation(bytes, i + 1) << 12)
                    | (continuation(bytes, i + 2) << 6)
                    | continuation(bytes, i + 3),
                4,
            ),
        };
        let told = match tells.bmp.get(code as usize) {
            Some(&told) => told,
            None => char::from_u32(code).map_or(0, |c| tells.tells(c)),
        };
        if let Some(count) = counts.get_mut(told as usize) {
            *count += 1;
        }
        i += len;
    }
    let traditional_count = counts[TELLS_TRADITIONAL as usize];
    let simplified_count = counts[TELLS_SIMPLIFIED as usize];
    let total = traditional_count + simplified_count;
    let minority = traditional_count.min(simplified_count);
    match (traditional_count, simplified_count) {
        (0, 0) => None,
        _ if minority * SLIP_SHARE > total => Some(Script::Mixed),
        (t, s) if t >= s => Some(Script::Traditional),
        _ => Some(Script::Simplified),
    }
}

/// The six bits a UTF-8 continuation byte carries (0 past the end, which valid text never is).
fn continuation(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at).map_or(0, |b| u32::from(b & 0x3F))
}

/// Simplified Chinese for a text, as OpenCC's `t2s` writes it ([`simplified_into`]).
pub fn simplified(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    simplified_into(text, &mut out);
    out
}

/// [`simplified`], appended to `out` (a buffer the caller reuses: the tables convert every
/// unit of text).
///
/// OpenCC's `t2s` configuration, step by step: CJK compatibility ideographs normalised to their
/// unified forms (`CJK_Compatibility_Ideographs`), then at each position the longest phrase of
/// `TSPhrases` that starts there, else the character's first form in `TSCharacters`, else the
/// character itself. A leftmost-longest scan for phrases gives exactly that: between two
/// phrases no phrase starts, so every character there converts alone.
pub(crate) fn simplified_into(text: &str, out: &mut String) {
    let t2s = t2s();
    let normalized: Cow<str> =
        if may_hold_compatibility(text) && text.chars().any(|c| t2s.is_compatibility(c)) {
            Cow::Owned(
                text.chars()
                    .map(|c| t2s.compatibility.get(&c).copied().unwrap_or(c))
                    .collect(),
            )
        } else {
            Cow::Borrowed(text)
        };
    let text = normalized.as_ref();
    let mut last = 0;
    for m in t2s.phrases.find_iter(text) {
        t2s.push_characters(&text[last..m.start()], out);
        out.push_str(
            t2s.phrase_values
                .get(m.pattern().as_usize())
                .map_or("", |v| v),
        );
        last = m.end();
    }
    t2s.push_characters(&text[last..], out);
}

/// Whether a text may hold a CJK compatibility ideograph: their UTF-8 starts `EF A4`–`EF AB`
/// (U+F900–U+FAFF) or `F0 AF` (U+2F800–U+2FA1F). A byte search, where decoding every character
/// of every unit cost as much as converting it.
fn may_hold_compatibility(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xEF, 0xF0, bytes).any(|i| {
        matches!(
            (bytes[i], bytes.get(i + 1)),
            (0xEF, Some(0xA4..=0xAB)) | (0xF0, Some(0xAF))
        )
    })
}

/// OpenCC's traditional → simplified phrases (Apache-2.0, see `data/opencc/`).
const TS_PHRASES: &str = include_str!("../../../../data/opencc/TSPhrases.tsv");
/// OpenCC's normalisation of CJK compatibility ideographs (Apache-2.0, see `data/opencc/`).
const CJK_COMPATIBILITY: &str =
    include_str!("../../../../data/opencc/CJK_Compatibility_Ideographs.tsv");

/// OpenCC's `t2s`, compiled once.
struct T2s {
    /// Every phrase of `TSPhrases`, leftmost-longest.
    phrases: aho_corasick::AhoCorasick,
    /// Per phrase: its first simplified form.
    phrase_values: Vec<&'static str>,
    /// Per code point of the Basic Multilingual Plane: 1 + the index in `forms` of its first
    /// simplified form in `TSCharacters`, 0 for none (every character of every unit is looked
    /// up: an array index, not a hash).
    bmp: Box<[u16]>,
    /// The forms `bmp` points into.
    forms: Vec<&'static str>,
    /// `TSCharacters` beyond the BMP.
    beyond: std::collections::HashMap<char, &'static str>,
    /// Compatibility ideographs and their unified forms.
    compatibility: std::collections::HashMap<char, char>,
}

impl T2s {
    /// Whether `c` is a CJK compatibility ideograph OpenCC normalises (U+F900–U+FAFF,
    /// U+2F800–U+2FA1F): a range test before the table.
    fn is_compatibility(&self, c: char) -> bool {
        matches!(c, '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}')
            && self.compatibility.contains_key(&c)
    }

    fn form(&self, c: char) -> Option<&'static str> {
        match self.bmp.get(c as usize) {
            Some(0) => None,
            Some(&i) => self.forms.get(usize::from(i) - 1).copied(),
            None => self.beyond.get(&c).copied(),
        }
    }

    fn push_characters(&self, text: &str, out: &mut String) {
        // Most of a simplified text converts to itself: copy runs, look up each character.
        let mut run = 0;
        for (i, c) in text.char_indices() {
            if let Some(to) = self.form(c) {
                out.push_str(&text[run..i]);
                out.push_str(to);
                run = i + c.len_utf8();
            }
        }
        out.push_str(&text[run..]);
    }
}

/// The `key<TAB>value value…` lines of an OpenCC table: each key with its first value.
fn opencc_pairs(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (key, values) = l.split_once('\t')?;
            Some((key, values.split(' ').next()?))
        })
}

fn t2s() -> &'static T2s {
    static T2S: OnceLock<T2s> = OnceLock::new();
    T2S.get_or_init(|| {
        let (keys, phrase_values): (Vec<&str>, Vec<&str>) = opencc_pairs(TS_PHRASES).unzip();
        let phrases = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            // A few hundred phrases: a DFA is small, and scans every unit fastest.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&keys)
            .unwrap_or_else(|e| panic!("OpenCC's TSPhrases compile: {e}"));
        let single = |(k, v): (&'static str, &'static str)| {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some((c, v)),
                _ => None,
            }
        };
        let mut bmp = vec![0u16; 0x10000].into_boxed_slice();
        let mut forms = Vec::new();
        let mut beyond = std::collections::HashMap::new();
        for (c, v) in opencc_pairs(TS_CHARACTERS)
            .filter_map(single)
            .filter(|(c, v)| v.chars().ne(std::iter::once(*c)))
        {
            match bmp.get_mut(c as usize) {
                Some(slot) => {
                    forms.push(v);
                    *slot = u16::try_from(forms.len()).unwrap_or(0);
                }
                None => {
                    beyond.insert(c, v);
                }
            }
        }
        let compatibility = opencc_pairs(CJK_COMPATIBILITY)
            .filter_map(single)
            .filter_map(|(c, v)| Some((c, v.chars().next()?)))
            .collect();
        T2s {
            phrases,
            phrase_values,
            bmp,
            forms,
            beyond,
            compatibility,
        }
    })
}

/// The folding table: for each code point of the Basic Multilingual Plane, the character it
/// folds to (itself when OpenCC has no simpler form of the same UTF-8 length).
struct FoldTable {
    to: Box<[char]>,
}

fn fold_table() -> &'static FoldTable {
    static TABLE: OnceLock<FoldTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut to: Vec<char> = (0..=0xFFFFu32)
            .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
            .collect();
        for line in TS_CHARACTERS.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut fields = line.split(['\t', ' ']);
            let (Some(from), Some(into)) = (fields.next(), fields.next()) else {
                continue;
            };
            let mut from_chars = from.chars();
            let mut into_chars = into.chars();
            let (Some(f), None, Some(t), None) = (
                from_chars.next(),
                from_chars.next(),
                into_chars.next(),
                into_chars.next(),
            ) else {
                continue;
            };
            // Same length only: offsets in the folded copy must be offsets in the text.
            if f.len_utf8() == t.len_utf8() {
                if let Some(slot) = to.get_mut(f as usize) {
                    *slot = t;
                }
            }
        }
        FoldTable {
            to: to.into_boxed_slice(),
        }
    })
}

/// One character folded to its simplified form (itself when it has none).
pub fn fold_char(c: char) -> char {
    fold_table().to.get(c as usize).copied().unwrap_or(c)
}

/// A text folded to simplified characters, byte for byte the same length: a match at a byte range
/// of the folded text is the same range of `text`. Borrowed when nothing changes.
pub fn fold(text: &str) -> Cow<'_, str> {
    match first_change(text) {
        None => Cow::Borrowed(text),
        Some(first) => {
            let mut out = String::with_capacity(text.len());
            push_folded(&mut out, text, first);
            Cow::Owned(out)
        }
    }
}

/// [`fold`] into a reusable buffer: the text itself when nothing changes, else the buffer. Saves
/// an allocation per block of traditional text.
pub(crate) fn fold_into<'a>(text: &'a str, buffer: &'a mut String) -> &'a str {
    match first_change(text) {
        None => text,
        Some(first) => {
            buffer.clear();
            push_folded(buffer, text, first);
            buffer
        }
    }
}

/// The byte offset of the first character that folding changes, if any.
fn first_change(text: &str) -> Option<usize> {
    let table = fold_table();
    text.char_indices()
        .find(|&(_, c)| table.to.get(c as usize).is_some_and(|&t| t != c))
        .map(|(i, _)| i)
}

/// Appends `text` folded to `out`, its first `first` bytes (which folding keeps) as they are.
fn push_folded(out: &mut String, text: &str, first: usize) {
    let table = fold_table();
    out.push_str(&text[..first]);
    out.extend(
        text[first..]
            .chars()
            .map(|c| table.to.get(c as usize).copied().unwrap_or(c)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified_and_keeps_offsets() {
        let text = "中國與烏茲別克斯坦在撒馬爾罕舉行會晤";
        let folded = fold(text);
        assert_eq!(folded, "中国与乌兹别克斯坦在撒马尔罕举行会晤");
        assert_eq!(folded.len(), text.len());
    }

    fn fixture(path: &str) -> String {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        std::fs::read_to_string(format!("{root}{path}"))
            .unwrap_or_else(|e| panic!("reading {path}: {e}"))
    }

    #[test]
    fn the_sample_is_traditional() {
        assert_eq!(
            script_of(&fixture("data/china-central-asia-summit-2023.txt")),
            Some(Script::Traditional)
        );
        assert_eq!(script_of("中國與烏茲別克斯坦"), Some(Script::Traditional));
    }

    #[test]
    fn the_marked_fixtures_are_simplified() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/documents"
        );
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures directory") {
            let marks = entry.expect("fixture entry").path().join("marks.txt");
            if !marks.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&marks).expect("marks.txt");
            assert_eq!(
                script_of(&text),
                Some(Script::Simplified),
                "{}",
                marks.display()
            );
            let traditional = marks.with_file_name("clean-traditional.txt");
            if let Ok(text) = std::fs::read_to_string(&traditional) {
                assert_eq!(
                    script_of(&text),
                    Some(Script::Traditional),
                    "{}",
                    traditional.display()
                );
            }
            seen += 1;
        }
        assert!(seen >= 4, "only {seen} fixtures");
    }

    #[test]
    fn text_without_distinctive_characters_has_no_script() {
        assert_eq!(script_of("Joint statement, 2024"), None);
        assert_eq!(script_of(""), None);
        // 中文 is the same in both scripts: no evidence either way.
        assert_eq!(script_of("中文"), None);
        assert_eq!(script_of("中国与东盟"), Some(Script::Simplified));
        // 干 is also a traditional character: not evidence of simplified script.
        assert_ne!(simplified_only().tells('干'), TELLS_SIMPLIFIED);
        assert_eq!(simplified_only().tells('国'), TELLS_SIMPLIFIED);
    }

    #[test]
    fn a_text_has_the_script_its_distinctive_characters_are_in() {
        assert_eq!(script_of("中國與中亞五國"), Some(Script::Traditional));
        assert_eq!(script_of("中国与中亚五国"), Some(Script::Simplified));
        assert_eq!(script_of("中國与中亚"), Some(Script::Mixed));
        // Characters both scripts write alike tell nothing; nor does pinyin.
        assert_eq!(script_of("中(zhong)文"), None);
        assert_eq!(script_of("干"), None);
        assert_eq!(Script::Traditional.name(), "traditional");
    }

    #[test]
    fn one_stray_character_does_not_make_a_text_mixed() {
        let text = format!("{}国", "國".repeat(20));
        assert_eq!(script_of(&text), Some(Script::Traditional));
        let text = format!("{}國", "国".repeat(5));
        assert_eq!(script_of(&text), Some(Script::Mixed));
    }

    #[test]
    fn simplified_text_is_borrowed_unchanged() {
        assert!(matches!(fold("中国与东盟"), Cow::Borrowed(_)));
        assert_eq!(fold_char('亞'), '亚');
        assert_eq!(fold_char('a'), 'a');
    }
}
