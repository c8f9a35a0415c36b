//! Builds the word dictionary's automaton (`data/dictionary/phrases.tsv`, about 45,000 words,
//! and `crossings.tsv`, about 14,000 runs) once, at compile time: building it took about a
//! tenth of the transform's instructions on an 11 MiB corpus at every run (BENCHMARKS.md, issue
//! 24). The run reads the serialized automaton back (`facts/words.rs`).

use std::path::PathBuf;

// The folding and the patterns are the library's own modules, compiled here too, so the build
// and the run cannot disagree on them.
#[allow(dead_code)]
#[path = "src/facts/script.rs"]
mod script;

#[allow(dead_code)]
#[path = "src/facts/headwords.rs"]
mod headwords;

fn main() {
    let dictionary = "../../data/dictionary/phrases.tsv";
    let crossings = "../../data/dictionary/crossings.tsv";
    for input in [
        dictionary,
        crossings,
        "src/facts/script.rs",
        "src/facts/headwords.rs",
        "../../data/opencc",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    // The run reads the two files one after the other (`facts/words.rs`): so are they numbered.
    let text = std::fs::read_to_string(dictionary)
        .expect("data/dictionary/phrases.tsv is readable")
        + &std::fs::read_to_string(crossings).expect("data/dictionary/crossings.tsv is readable");
    let (patterns, _) = headwords::patterns(&text, script::fold);
    // An empty dictionary has no automaton: an empty file says so.
    let bytes = headwords::automaton(&patterns)
        .map(|automaton| automaton.serialize())
        .unwrap_or_default();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("words.daac"), bytes).expect("OUT_DIR is writable");
}
