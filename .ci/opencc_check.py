#!/usr/bin/env python3
"""The `simplified` columns are OpenCC's t2s: every row's `simplified` equals the `opencc`
package's conversion (PyPI, the version data/opencc/ was taken from) of its `text`.

usage: opencc_check.py TABLES_DIR   (the tables/ folder of a run with --formats csv)
"""
import csv
import sys
from pathlib import Path

import opencc

converter = opencc.OpenCC("t2s")
tables = Path(sys.argv[1])
checked = differing = 0
for name in ("items", "paragraphs", "clauses"):
    with open(tables / f"{name}.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            checked += 1
            expected = converter.convert(row["text"])
            if row["simplified"] != expected:
                differing += 1
                if differing <= 5:
                    print(f"{name} {row['doc_id']} line {row['line']}:\n  annotext {row['simplified']}\n  opencc   {expected}")
print(f"opencc: {checked} rows, {differing} differ")
sys.exit(1 if differing or not checked else 0)
