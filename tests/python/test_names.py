"""Names against hand-written expectations (issue 24): the documents of
`tests/fixtures/names/`, written and annotated by reviewers who had not seen the tagging rules,
each with the names a careful reader expects (`expected.json`). Run with pytest, or directly
(`python3 tests/python/test_names.py`) for precision and recall per kind and every miss.

The figures are not a held-out measurement any more: the rules were tuned on these documents
after each review measured them (see tests/fixtures/names/README.md and BENCHMARKS.md). The test
keeps what was reached from slipping back."""

import collections
import json
import pathlib

import annotext

ROOT = pathlib.Path(__file__).resolve().parents[2]
NAMES = ROOT / "tests/fixtures/names"
IGNORED_KINDS = {"date", "quoted_term"}


def documents():
    """(id, clean text, expected names per kind) of every reviewed document."""
    for folder in sorted(p for p in NAMES.iterdir() if p.is_dir()):
        text = (folder / "clean.txt").read_text(encoding="utf-8")
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        yield folder.name, text, expected["entities"]


def score():
    """Per kind: [true positives, false positives, false negatives]; and every miss."""
    docs = list(documents())
    tables = annotext.tables({name: text for name, text, _ in docs})
    entities = tables["entities"]
    found = collections.defaultdict(set)
    for doc, kind, simplified, nested in zip(
        entities["doc_id"], entities["kind"], entities["simplified"], entities["nested"]
    ):
        if kind not in IGNORED_KINDS and not nested:
            found[doc].add((kind, simplified))
    counts = collections.defaultdict(lambda: [0, 0, 0])
    misses = []
    for name, _, expected in docs:
        wanted = {(kind, n) for kind, names in expected.items() for n in names}
        for kind, n in found[name] | wanted:
            if (kind, n) in found[name] and (kind, n) in wanted:
                counts[kind][0] += 1
            elif (kind, n) in found[name]:
                counts[kind][1] += 1
                misses.append(f"FP {name} {kind} {n}")
            else:
                counts[kind][2] += 1
                misses.append(f"FN {name} {kind} {n}")
    return counts, sorted(misses)


def ratios(tp, fp, fn):
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def test_names_are_found_as_the_reviewers_expect():
    counts, misses = score()
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    precision, recall = ratios(tp, fp, fn)
    # Reached on 2026-12-07 (twenty-sixth session): 0.9809 and 0.9750 on the 1,499 documents,
    # 135,146 names right (the last nine hundred measured held out; r153–r250
    # added after they were measured, then tuned on; the recall floor went down from 0.964 as
    # harder held-out rounds came in, and back up as they were tuned on): a change that loses
    # names or invents them fails.
    assert tp >= 134700, (tp, fp, fn)
    assert precision >= 0.980 and recall >= 0.974, (precision, recall, misses)
    # Kinds whose rules are exact where they fire.
    for kind in ("country", "document", "province"):
        p, r = ratios(*counts[kind])
        assert p >= 0.97 and r >= 0.97, (kind, p, r, misses)


if __name__ == "__main__":
    counts, misses = score()
    print(f"{'kind':14} {'TP':>5} {'FP':>4} {'FN':>4} {'prec':>6} {'recall':>6}")
    for kind in sorted(counts):
        p, r = ratios(*counts[kind])
        print(f"{kind:14} {counts[kind][0]:5} {counts[kind][1]:4} {counts[kind][2]:4} {p:6.3f} {r:6.3f}")
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    p, r = ratios(*total)
    print(f"{'overall':14} {total[0]:5} {total[1]:4} {total[2]:4} {p:6.3f} {r:6.3f}")
    print("\n".join(misses))
