//! File names as messages show them. A name is data: one holding a newline must not forge a
//! line of a report, and two names that are not UTF-8 must not both print as `�.txt`.

use std::fmt::Write;
use std::path::Path;

/// `path` for a message: control characters escaped (`\n`, `\t`, `\r`, `\u{1b}`), a backslash
/// doubled, and bytes that are not UTF-8 (Unix) as `\xNN`, so distinct names stay distinct. A
/// path through a folder handle is shown as the folder's path
/// ([`annotext_atomic_file::shown_path`]).
pub fn shown(path: impl AsRef<Path>) -> String {
    shown_bytes(&path_bytes(&annotext_atomic_file::shown_path(
        path.as_ref(),
    )))
}

/// A name given as text, escaped as [`shown`] does.
pub fn shown_str(name: &str) -> String {
    shown_bytes(name.as_bytes())
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

/// Elsewhere a path that is not Unicode (unpaired UTF-16 surrogates on Windows) is shown lossily.
#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    match path.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    }
}

fn shown_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() || is_invisible_break(c) => {
                    let _ = write!(out, "\\u{{{:x}}}", c as u32);
                }
                c => out.push(c),
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

/// Line and paragraph separators, and the marks that reorder text (a name could turn the rest
/// of a line around): shown as escapes too.
fn is_invisible_break(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `relative` (a manifest's `/`-separated path) has the shape of a file annotext writes:
/// the workbook, records or a corpus briefing at the top; a table under `tables/` (or a shard's
/// part of one under `tables/TABLE/` and `csv/TABLE/`); a shard's records under `records/`; a
/// briefing anywhere under `briefings/`. A manifest is a file in a shared folder, and anybody
/// who may write there may edit it: a run removes an earlier set's file only when its name has
/// this shape, so that an entry added by hand cannot make annotext delete a file of any other
/// name (`notes/plan.docx`), whatever digest it gives.
pub fn an_outputs_name(relative: &str) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    let extension_of = |allowed: &[&str]| {
        parts
            .last()
            .and_then(|name| name.rsplit_once('.'))
            .is_some_and(|(stem, extension)| !stem.is_empty() && allowed.contains(&extension))
    };
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == "..")
    {
        return false;
    }
    match parts[..] {
        [_] => extension_of(&["xlsx", "pdf", "jsonl"]),
        ["briefings", _, ..] => extension_of(&["pdf"]),
        ["tables", _] | ["tables", _, _] => extension_of(&["csv", "parquet", "jsonl"]),
        ["csv", _, _] => extension_of(&["csv"]),
        ["records", _] => extension_of(&["jsonl"]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_bad_bytes_are_escaped_and_stay_distinct() {
        assert_eq!(shown_str("a\nmissing: x"), "a\\nmissing: x");
        assert_eq!(shown_str("tab\there\u{1b}[31m"), "tab\\there\\u{1b}[31m");
        assert_eq!(shown_str("峰会/文件.txt"), "峰会/文件.txt");
        assert_eq!(shown_str("a\\n"), "a\\\\n");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let one = shown(Path::new(std::ffi::OsStr::from_bytes(b"\xff.txt")));
            let two = shown(Path::new(std::ffi::OsStr::from_bytes(b"\xfe.txt")));
            assert_eq!(one, "\\xff.txt");
            assert_ne!(one, two);
        }
    }

    #[test]
    fn the_names_annotext_writes_have_an_outputs_shape_and_others_none() {
        let shard = crate::shard::Shard::new(1, 4).unwrap();
        for name in [
            "workbook.xlsx",
            "records.jsonl",
            "corpus-briefing.pdf",
            "tables/entities.csv",
            "tables/entities.parquet",
            "briefings/a/b/峰会.pdf",
            &shard.table_part("entities", "parquet"),
            &shard.table_part("entities", "csv"),
            &shard.records_part(),
        ] {
            assert!(an_outputs_name(name), "{name}");
        }
        for name in [
            "notes/plan.docx",
            "plan.docx",
            ".ssh/authorized_keys",
            "tables/../../x.csv",
            "tables/a/b/c.csv",
            "briefings/notes.txt",
            "records/x/y.jsonl",
            ".pdf",
            "",
        ] {
            assert!(!an_outputs_name(name), "{name}");
        }
    }
}
