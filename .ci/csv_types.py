"""Every CSV that annotext writes reads right with DuckDB's type detection.

A text value that type detection turns into a number or a date (`1.10` read as 1.1, `2025/1` as
a date) misleads a spreadsheet or a data engineer. The Parquet file beside each CSV says what
each column is: every value of a text column (text, category, list) must read back as written
(a column of years may be detected as numbers, `1.10` may not become 1.1); a number column must
be detected as a number with the same values. Usage:
python3 csv_types.py TABLES_DIR... (the run must have written both CSV and Parquet).
"""
import pathlib
import sys

import duckdb


def cells(con, query):
    return con.sql(query).fetchall()


def check(path: pathlib.Path) -> list[str]:
    con = duckdb.connect()
    source = str(path).replace("'", "''")
    raw = con.sql(f"select * from read_csv('{source}', header=true, all_varchar=true)")
    columns = raw.columns
    # Materialised first: a cast in the same query would be pushed into the reader, which then
    # reads the column as text and hides what detection does.
    con.execute(f"create table detected as select * from read_csv('{source}', header=true)")
    detected = con.sql("select * from detected")
    types = dict(zip(detected.columns, detected.types))
    back = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c}"' for c in columns)
    as_text = cells(con, f"select {back} from detected")
    want = raw.fetchall()
    # Without its Parquet file, every column is taken for text.
    schema = {}
    if path.with_suffix(".parquet").exists():
        parquet = str(path.with_suffix(".parquet")).replace("'", "''")
        schema = dict(
            (row[0], row[1])
            for row in con.sql(f"describe select * from read_parquet('{parquet}')").fetchall()
        )
    problems = []
    if len(as_text) != len(want):
        return [f"{path}: {len(as_text)} rows detected, {len(want)} as text"]
    for i, name in enumerate(columns):
        declared = schema.get(name, "VARCHAR")
        is_text = declared == "VARCHAR" or declared.startswith("ENUM") or declared.endswith("[]")
        if is_text and str(types[name]) != "VARCHAR":
            # A text column read as numbers or dates is harmless only while every value reads
            # back as written (years such as 2025); `1.10` read as 1.1 is not.
            bad = next((w[i] for w, g in zip(want, as_text) if w[i] != g[i]), None)
            if bad is not None:
                problems.append(
                    f"{path.name} column {name}: text, detected as {types[name]}: "
                    f"{bad!r} reads as another value"
                )
            continue
        for row, (got, expected) in enumerate(zip(as_text, want)):
            g, e = got[i], expected[i]
            same = g == e or (not is_text and g is not None and e is not None and float(g) == float(e))
            if not same:
                problems.append(f"{path.name} row {row + 1} column {name}: {e!r} reads as {g!r}")
    return problems


def main() -> int:
    files = sorted(p for d in sys.argv[1:] for p in pathlib.Path(d).glob("*.csv"))
    if not files:
        print("csv_types: no CSV found", file=sys.stderr)
        return 1
    problems = [p for f in files for p in check(f)]
    for p in problems[:50]:
        print(p)
    print(f"csv_types: {len(files)} files, {len(problems)} values read differently")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
