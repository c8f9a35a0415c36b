#!/usr/bin/env python3
"""Build the word → pinyin dictionary, ``data/dictionary/phrases.tsv``, ``chars.tsv`` and ``crossings.tsv``.

What it reads
-------------
Two PyPI packages, each pinned to an exact version and to the sha256 that PyPI publishes for its
source distribution (the expected value is pinned below, so a changed file is an error, not a
silent change of data):

* ``pypinyin`` 0.55.0 (MIT, mozillazg), whose sdist carries the data of two of mozillazg's
  data projects, converted to JSON by pypinyin's ``gen_phrases_dict.py`` and
  ``gen_pinyin_dict.py``:

  - ``pypinyin/phrases_dict.json``: ``phrase-pinyin-data`` 0.19.0, ``pinyin.txt`` (MIT), words
    with their readings, one syllable per character, tone marks (neutral tone unmarked). The
    generator merges the lines of a word with several readings into per-character lists
    (朝阳: zhāo yáng / cháo yáng → [[zhāo, cháo], [yáng]]); they are split again here.
  - ``pypinyin/pinyin_dict.json``: ``pinyin-data`` 0.15.0, ``pinyin.txt`` (MIT; merged from the
    Unicode Unihan database, Unicode-3.0), every code point's readings, the most common first
    (kMandarin_8105 / kMandarin, then the other Unihan fields).

  The versions of the two data projects are read from the sdist's ``CHANGELOG.rst`` and must be
  the pinned ones.

* ``jieba`` 0.42.1 (MIT, Sun Junyi), for the word frequencies of its ``jieba/dict.txt``
  (``crossings.tsv``).

No package on PyPI or npm ships ``phrase-pinyin-data``'s raw ``pinyin.txt``: npm has no
``phrase-pinyin-data`` and its ``pinyin-data`` is an unrelated ISC package; ``pypinyin-dict``
0.9.0 carries the same files converted the same way, older (January 2025).

What it writes
--------------
* ``data/dictionary/phrases.tsv``: ``word<TAB>pinyin``, one line per (word, reading), sorted by
  word (code point order), readings in the source's order; only words of two or more characters
  that contain a heteronym (a character with more than one reading in ``chars.tsv``), the words
  in which context can decide a reading. Headwords are simplified, as in the source.
* ``data/dictionary/chars.tsv``: ``char<TAB>readings`` (comma-separated, most common first) for
  every CJK ideograph of the single-character data, and 〇 (U+3007); the Private Use Area code
  points the data also lists (GBK's PUA) are left out. Sorted by code point.
* ``data/dictionary/crossings.tsv``: ``run<TAB>pinyin``: runs of text where an everyday word of
  jieba's list runs into a word of ``phrases.tsv`` from before it and the text is likelier read
  as the everyday word (项目的: 项目｜的, not 项｜目的), with the everyday word's reading (see
  ``crossing_lines``). Sorted by run.
* ``data/licenses/pypinyin.LICENSE``: the sdist's ``LICENSE.txt``.

Each file starts with ``#`` comment lines (what it is, source, licence, this command); the files
are the same bytes on every run. ``data/licenses/phrase-pinyin-data.LICENSE`` and
``pinyin-data.LICENSE`` (the data projects' own MIT texts, which the package does not carry)
were copied by hand from the projects' repositories (see ``data/sources/README.md``).

How to run it
-------------
From anywhere, with Python 3.11 or later and nothing but the standard library::

    python3 scripts/build_dictionary.py            # (re)write the files
    python3 scripts/build_dictionary.py --check    # exit 1 if the files are not up to date

The sdist is downloaded from PyPI once and cached in ``$TMPDIR/annotext-dictionary-cache``
(``--cache DIR`` to change it); a cached file is used only if its sha256 is still the pinned
one, so later runs work offline.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pinned import pypi_sdist

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "dictionary"
PHRASES = OUT_DIR / "phrases.tsv"
CHARS = OUT_DIR / "chars.tsv"
CROSSINGS = OUT_DIR / "crossings.tsv"
LICENSES = ROOT / "data" / "licenses"
COMMAND = "python3 scripts/build_dictionary.py"


@dataclass(frozen=True)
class Package:
    """A PyPI source distribution pinned to one version and the sha256 PyPI publishes for it."""

    name: str
    version: str
    filename: str
    sha256: str

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def root(self) -> str:
        """The folder the sdist's members are under."""
        return self.filename.removesuffix(".tar.gz")


PYPINYIN = Package(
    "pypinyin",
    "0.55.0",
    "pypinyin-0.55.0.tar.gz",
    "b5711b3a0c6f76e67408ec6b2e3c4987a3a806b7c528076e7c7b86fcf0eaa66b",
)
# jieba's word list, for its word frequencies (crossings.tsv); the same pin as
# build_gazetteer.py's, which takes its words.
JIEBA = Package(
    "jieba",
    "0.42.1",
    "jieba-0.42.1.tar.gz",
    "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2",
)
# A crossing (crossings.tsv) is taken for words jieba lists this many times or more, and where
# reading the text as that word is at least e times likelier (natural log 1) than reading it as
# the dictionary's word it runs into. 300 keeps the words of policy prose (项目 13257, 部门
# 16543, 随着 10614, 积极, 目标, 周边) and leaves out rare idioms and person names; together they
# make about 14,000 runs.
CROSSING_MIN_FREQ = 300
CROSSING_MIN_MARGIN = 1.0

# The data projects' versions that pypinyin 0.55.0 says it uses (CHANGELOG.rst).
PHRASE_PINYIN_DATA_VERSION = "0.19.0"
PINYIN_DATA_VERSION = "0.15.0"

# CJK ideographs: the Unified Ideographs and their extensions A–I, the Compatibility
# Ideographs (with their supplement), and 〇 (IDEOGRAPHIC NUMBER ZERO, written in dates).
CJK_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2EE5F),
    (0x2F800, 0x2FA1F),
    (0x30000, 0x323AF),
)

# Words and readings the build must produce: the readings the reading check is for.
REQUIRED_PHRASES = {
    "外长": "wài zhǎng",
    "部长": "bù zhǎng",
    "银行": "yín háng",
    "行长": "háng zhǎng",
    "长城": "cháng chéng",
    "重点": "zhòng diǎn",
    "重新": "chóng xīn",
    "调研": "diào yán",
    "调整": "tiáo zhěng",
    "还给": "huán gěi",
    "音乐": "yīn yuè",
    "了解": "liǎo jiě",
    "朝阳": "cháo yáng",
}
REQUIRED_CHARS = {"长": ["zhǎng", "cháng"], "行": ["xíng", "háng"], "中": ["zhōng", "zhòng"]}

# A syllable: lower-case letters, with tone marks (precomposed or combining) and ü / ê.
SYLLABLE = re.compile(r"^[a-zü\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]+$")


# --------------------------------------------------------------------------------------------
# PyPI


class Sdist:
    """Reads members of a source distribution (paths relative to its top folder)."""

    def __init__(self, package: Package, cache: Path):
        self.package = package
        self._tar = tarfile.open(pypi_sdist(package, cache), "r:gz")

    def read(self, member: str) -> bytes:
        f = self._tar.extractfile(f"{self.package.root}/{member}")
        if f is None:
            raise SystemExit(f"{self.package.spec}: {member} is not a file")
        return f.read()

    def text(self, member: str) -> str:
        return self.read(member).decode("utf-8")

    def json(self, member: str) -> dict:
        return json.loads(self.read(member))


def data_versions(changelog: str) -> tuple[str, str]:
    """The phrase-pinyin-data and pinyin-data versions of the newest changelog entries."""
    found = []
    for project in ("phrase-pinyin-data", "pinyin-data"):
        # `pinyin-data`_ is also the tail of `phrase-pinyin-data`_: anchor on the backquote.
        match = re.search(rf"`{project}`_ v(\d+\.\d+\.\d+)", changelog)
        if match is None:
            raise SystemExit(f"{PYPINYIN.spec}: CHANGELOG.rst names no {project} version")
        found.append(match.group(1))
    return found[0], found[1]


# --------------------------------------------------------------------------------------------
# The data


def is_cjk(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in CJK_RANGES)


def check_syllable(where: str, syllable: str) -> None:
    if not SYLLABLE.match(syllable):
        raise SystemExit(f"{where}: {syllable!r} is not a syllable in tone marks")


def char_readings(pinyin_dict: dict[str, str]) -> dict[str, list[str]]:
    """Every code point's readings, most common first (duplicates dropped), by character."""
    out: dict[str, list[str]] = {}
    for key, value in pinyin_dict.items():
        readings = list(dict.fromkeys(r.strip() for r in value.split(",") if r.strip()))
        if not readings:
            continue
        ch = chr(int(key))
        for r in readings:
            check_syllable(f"pinyin_dict U+{int(key):04X}", r)
        out[ch] = readings
    return out


def word_readings(word: str, merged: list[list[str]]) -> tuple[list[list[str]], bool]:
    """The readings of a word from pypinyin's merged per-character lists, and whether the split
    is exact.

    pypinyin's generator turns the lines `w: a b` and `w: c b` into [[a, c], [b]], appending to
    each character's list the syllables not already in it. Where one position varies, the n
    readings are the n choices there, in order: exact. Where several vary, which syllables went
    together is lost: every combination is given (a reading check may then accept a reading the
    source did not list, never refuse one it did).
    """
    if len(merged) != len(word):
        raise SystemExit(f"phrases_dict: {word} has {len(merged)} syllables")
    varying = [i for i, alts in enumerate(merged) if len(alts) > 1]
    if len(varying) <= 1:
        n = len(merged[varying[0]]) if varying else 1
        return [[alts[k] if len(alts) > 1 else alts[0] for alts in merged] for k in range(n)], True
    return [list(p) for p in itertools.product(*merged)], False


def phrase_lines(
    phrases: dict[str, list[list[str]]], chars: dict[str, list[str]]
) -> tuple[list[str], dict[str, int]]:
    """The lines of phrases.tsv (words with a heteronym), and counts for the summary."""
    stats = {"words": 0, "readings": 0, "kept_words": 0, "kept": 0, "inexact": 0}
    lines: list[str] = []
    for word in sorted(phrases):
        readings, exact = word_readings(word, phrases[word])
        stats["words"] += 1
        stats["readings"] += len(readings)
        stats["inexact"] += not exact
        if len(word) < 2 or not any(len(chars.get(c, ())) > 1 for c in word):
            continue
        stats["kept_words"] += 1
        for reading in readings:
            for syllable in reading:
                check_syllable(f"phrases_dict {word}", syllable)
            lines.append(f"{word}\t{' '.join(reading)}\n")
    stats["kept"] = len(lines)
    return lines, stats


def jieba_frequencies(sdist: Sdist) -> dict[str, int]:
    """jieba's dict.txt: word → frequency (a word listed twice keeps the higher count)."""
    freq: dict[str, int] = {}
    for line_no, line in enumerate(sdist.text("jieba/dict.txt").splitlines(), 1):
        fields = line.split(" ")
        if len(fields) != 3 or not fields[1].isdigit():
            raise SystemExit(f"{JIEBA.spec}: dict.txt, line {line_no}: not `word freq tag`")
        freq[fields[0]] = max(freq.get(fields[0], 0), int(fields[1]))
    if len(freq) < 300_000:
        raise SystemExit(f"{JIEBA.spec}: only {len(freq)} words in jieba/dict.txt")
    return freq


def crossing_lines(
    lines: list[str], chars: dict[str, list[str]], freq: dict[str, int]
) -> list[str]:
    """The lines of crossings.tsv: runs of text where an everyday word runs into a dictionary
    word from before it and the text is likelier read as the everyday word (项目的: 项目｜的, not
    项｜目的), each with the everyday word's reading (xiàng mù).

    A dictionary word D that a word W of jieba's list (CROSSING_MIN_FREQ or more) ends inside is
    compared as jieba segments: W and the rest of D, each at its likeliest (unigram
    log-probabilities of jieba's frequencies), against the start of W and D. Where W wins by
    CROSSING_MIN_MARGIN, W + the rest of D is a run, if reading W there changes a reading: W's
    reading (the dictionary's longest words from the left inside it, else its characters' common
    readings) differs from the one the dictionary gives the run's first characters, or the rest
    is read otherwise alone than in D. No run is a headword of phrases.tsv.
    """
    readings: dict[str, list[list[str]]] = {}
    for line in lines:
        word, pinyin = line.rstrip("\n").split("\t")
        readings.setdefault(word, []).append(pinyin.split(" "))
    total = math.log(sum(freq.values()))

    def log_p(word: str) -> float:
        return math.log(max(freq.get(word, 0), 1)) - total

    def likeliest(text: str) -> float:
        best = [0.0] + [-math.inf] * len(text)
        for end in range(1, len(text) + 1):
            for start in range(max(0, end - 4), end):
                word = text[start:end]
                if end - start == 1 or word in freq:
                    best[end] = max(best[end], best[start] + log_p(word))
        return best[-1]

    def read(text: str) -> list[str]:
        """The dictionary's reading of text: the longest headword from the left, else the
        character's common reading."""
        out: list[str] = []
        at = 0
        while at < len(text):
            for end in range(len(text), at, -1):
                if end - at >= 2 and text[at:end] in readings:
                    out.extend(readings[text[at:end]][0])
                    at = end
                    break
            else:
                out.append(chars.get(text[at], ["?"])[0])
                at += 1
        return out

    # The words of jieba's list by each of their proper tails.
    by_tail: dict[str, list[str]] = {}
    for word, count in freq.items():
        if count >= CROSSING_MIN_FREQ and 2 <= len(word) <= 4 and all(map(is_hanzi, word)):
            for k in range(1, len(word)):
                by_tail.setdefault(word[-k:], []).append(word)
    crossings: dict[str, str] = {}
    for word in sorted(readings):
        if not all(map(is_hanzi, word)):
            continue
        for k in range(1, len(word)):
            head, rest = word[:k], word[k:]
            for before in sorted(by_tail.get(head, ())):
                lead = before[:-k]
                margin = (log_p(before) + likeliest(rest)) - (likeliest(lead) + log_p(word))
                run = before + rest
                if margin < CROSSING_MIN_MARGIN or run in readings or run in crossings:
                    continue
                reading = read(before)
                if "?" not in reading and reading + read(rest) != read(run):
                    crossings[run] = " ".join(reading)
    return [f"{run}\t{reading}\n" for run, reading in sorted(crossings.items())]


def is_hanzi(ch: str) -> bool:
    return is_cjk(ord(ch)) and ch != "〇"


def render_crossings(lines: list[str]) -> str:
    head = header(
        [
            "annotext crossings: runs of text where an everyday word runs into a word of",
            "phrases.tsv from before it and the text reads as the everyday word (项目的: 项目｜的,",
            "not 项｜目的), each with the everyday word's reading, for the word-level reading check",
            "and the pinyin: the run is read as the everyday word and what follows it.",
            "Format: run<TAB>pinyin, the pinyin of the run's first characters (the everyday",
            "word), as phrases.tsv writes it. Sorted by run (code point order).",
            f"Made from phrases.tsv, chars.tsv and the word frequencies of PyPI {JIEBA.spec}'s",
            f"jieba/dict.txt ({JIEBA.filename} sha256 {JIEBA.sha256}; MIT,",
            "data/licenses/jieba.LICENSE, © 2013 Sun Junyi): words listed"
            f" {CROSSING_MIN_FREQ} times or more,",
            "likelier read so by e or more (unigram probabilities, as jieba segments).",
            f"Generated by: {COMMAND} (do not edit by hand; see data/sources/README.md).",
        ]
    )
    return head + "".join(lines)


def header(lines: list[str]) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def render_phrases(lines: list[str]) -> str:
    head = header(
        [
            "annotext word → pinyin dictionary: words of two or more characters that contain a",
            "heteronym (a character with more than one reading in chars.tsv), one line per",
            "(word, reading), for checking a character's reading against its word.",
            "Format: word<TAB>pinyin: one syllable per character, tone marks (neutral tone",
            "unmarked), separated by single spaces; several readings of a word are several",
            "lines, in the source's order. Sorted by word (code point order). Headwords are",
            "simplified characters, as in the source.",
            f"Source: phrase-pinyin-data {PHRASE_PINYIN_DATA_VERSION} (mozillazg, pinyin.txt,"
            " https://github.com/mozillazg/phrase-pinyin-data)",
            f"as shipped in PyPI {PYPINYIN.spec} (pypinyin/phrases_dict.json;"
            f" {PYPINYIN.filename} sha256 {PYPINYIN.sha256}).",
            "Licence: MIT, data/licenses/phrase-pinyin-data.LICENSE (© 2017 mozillazg) and",
            "data/licenses/pypinyin.LICENSE (© 2016 mozillazg, 闲耘).",
            f"Generated by: {COMMAND} (do not edit by hand; see data/sources/README.md).",
        ]
    )
    return head + "".join(lines)


def render_chars(chars: dict[str, list[str]]) -> tuple[str, int]:
    rows = [
        f"{ch}\t{','.join(readings)}\n"
        for ch, readings in sorted(chars.items(), key=lambda kv: ord(kv[0]))
        if is_cjk(ord(ch))
    ]
    head = header(
        [
            "annotext character → pinyin readings: every CJK ideograph of the single-character",
            "data (and 〇 U+3007), with all its readings.",
            "Format: char<TAB>readings: tone marks (neutral tone unmarked), comma-separated, the",
            "most common reading first (pinyin-data's order: kMandarin_8105 / kMandarin first).",
            "Sorted by code point. The data's Private Use Area code points are left out.",
            f"Source: pinyin-data {PINYIN_DATA_VERSION} (mozillazg, pinyin.txt,"
            " https://github.com/mozillazg/pinyin-data; merged from the Unicode Unihan database)",
            f"as shipped in PyPI {PYPINYIN.spec} (pypinyin/pinyin_dict.json;"
            f" {PYPINYIN.filename} sha256 {PYPINYIN.sha256}).",
            "Licence: MIT, data/licenses/pinyin-data.LICENSE (© 2016 mozillazg) and",
            "data/licenses/pypinyin.LICENSE; Unihan: Unicode-3.0 (Unicode License v3, the text of",
            "data/licenses/unicode-cldr.LICENSE).",
            f"Generated by: {COMMAND} (do not edit by hand; see data/sources/README.md).",
        ]
    )
    return head + "".join(rows), len(rows)


def check(phrases: str, chars: dict[str, list[str]]) -> None:
    """Fails if a required word or character reading is missing (a source changed shape)."""
    present = set(phrases.splitlines())
    for word, reading in REQUIRED_PHRASES.items():
        if f"{word}\t{reading}" not in present:
            raise SystemExit(f"phrases.tsv lacks {word} {reading}")
    for ch, readings in REQUIRED_CHARS.items():
        if chars.get(ch, [])[: len(readings)] != readings:
            raise SystemExit(f"chars.tsv: {ch} reads {chars.get(ch)}, expected {readings} first")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "annotext-dictionary-cache",
        help="folder for the downloaded sdist",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file is out of date"
    )
    args = parser.parse_args()

    package = Sdist(PYPINYIN, args.cache)
    versions = data_versions(package.text("CHANGELOG.rst"))
    if versions != (PHRASE_PINYIN_DATA_VERSION, PINYIN_DATA_VERSION):
        raise SystemExit(
            f"{PYPINYIN.spec} says it uses phrase-pinyin-data {versions[0]} and pinyin-data "
            f"{versions[1]}; update the pinned versions (and the licence files) to match"
        )
    chars = char_readings(package.json("pypinyin/pinyin_dict.json"))
    lines, stats = phrase_lines(package.json("pypinyin/phrases_dict.json"), chars)
    phrases = render_phrases(lines)
    chars_text, char_count = render_chars(chars)
    check(phrases, chars)
    crossings = crossing_lines(lines, chars, jieba_frequencies(Sdist(JIEBA, args.cache)))

    outputs = {
        PHRASES: phrases.encode("utf-8"),
        CHARS: chars_text.encode("utf-8"),
        CROSSINGS: render_crossings(crossings).encode("utf-8"),
        LICENSES / "pypinyin.LICENSE": package.read("LICENSE.txt"),
    }
    stale = [p for p, data in outputs.items() if not p.exists() or p.read_bytes() != data]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(outputs[path])
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    print(
        f"phrases.tsv: {stats['kept']} lines ({stats['kept_words']} words with a heteronym) of "
        f"{stats['readings']} readings of {stats['words']} words"
        + (f", {stats['inexact']} words split inexactly" if stats["inexact"] else "")
        + f"; chars.tsv: {char_count} characters; crossings.tsv: {len(crossings)} runs",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
