"""A sharded dataset read by real engines equals a single run (issue 16).

    python3 .ci/dataset.py SINGLE DATASET

SINGLE is the output folder of a single run (csv, parquet, jsonl, xlsx); DATASET the folder that
the shards of the same corpus filled (csv, parquet, jsonl parts) and `annotext combine` completed
with its workbook. With DuckDB: each table's parts, Parquet and CSV, against the single table,
EXCEPT ALL both ways; the records' parts against records.jsonl. With openpyxl: the workbooks'
Summary sheets (key figures, items per section and per topic). With PySpark in local mode (when
`--spark` is given): items per section and occurrences per character computed from the dataset,
against the same figures from the single run.
"""

import sys

import duckdb

TABLES = ["documents", "items", "sections", "subsections", "paragraphs", "readings", "entities",
          "timeline", "topics", "anomalies"]


def differences(con, left, right):
    """Rows of `left` not in `right` and of `right` not in `left`, counting duplicates."""
    one = con.sql(f"select count(*) from ({left} except all {right})").fetchall()[0][0]
    two = con.sql(f"select count(*) from ({right} except all {left})").fetchall()[0][0]
    return one, two


def check_tables(single, dataset):
    con = duckdb.connect()
    failures = 0
    for table in TABLES:
        whole = f"select * from read_parquet('{single}/tables/{table}.parquet')"
        # A table's Parquet folder holds its parts and nothing else: read as a folder.
        parts = f"select * from read_parquet('{dataset}/tables/{table}/*')"
        rows = con.sql(f"select count(*) from ({whole})").fetchall()[0][0]
        got = differences(con, parts, whole)
        # CSV as text: the comparison is of what the files hold, not of a type guess.
        csv_whole = f"select * from read_csv('{single}/tables/{table}.csv', all_varchar=true)"
        csv_parts = f"select * from read_csv('{dataset}/csv/{table}/*', all_varchar=true)"
        got_csv = differences(con, csv_parts, csv_whole)
        ok = got == (0, 0) and got_csv == (0, 0)
        failures += not ok
        print(f"duckdb: {table}: {rows} rows; parquet parts vs table {got}, csv {got_csv}"
              f" {'ok' if ok else 'DIFFER'}")
    types = con.sql(f"describe select * from read_parquet('{dataset}/tables/items/*.parquet')"
                    ).fetchall()
    unsigned = [(name, kind) for name, kind, *_ in types if kind.startswith("U")]
    if unsigned:
        print("duckdb: unsigned integer columns in the dataset:", unsigned)
        failures += 1
    lines = lambda path: sorted(open(path, encoding="utf-8").read().splitlines())
    import glob
    parts = sorted(l for p in glob.glob(f"{dataset}/records/*.jsonl") for l in lines(p))
    whole = lines(f"{single}/records.jsonl")
    same = parts == whole
    failures += not same
    print(f"records: {len(whole)} documents; the parts' lines {'equal' if same else 'DIFFER FROM'}"
          " records.jsonl")
    return failures


def summary(path):
    import openpyxl
    sheet = openpyxl.load_workbook(path, read_only=True)["Summary"]
    return [tuple(row[:2]) for row in sheet.iter_rows(values_only=True) if row[0] is not None]


def check_workbook(single, dataset):
    ours, theirs = summary(f"{dataset}/workbook.xlsx"), summary(f"{single}/workbook.xlsx")
    figures = dict(ours[3:11])
    print("combine: key figures", figures)
    if ours != theirs:
        print("combine: the Summary differs from the single run's:",
              [(a, b) for a, b in zip(ours, theirs) if a != b][:5])
        return 1
    print(f"combine: Summary equal to the single run's ({len(ours)} rows)")
    return 0


def check_spark(single, dataset):
    import os
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession, functions as F
    spark = (SparkSession.builder.master("local[2]").appName("annotext-dataset")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    # Folders, as a Hive or Trino table's LOCATION would name them.
    items = spark.read.parquet(f"{dataset}/tables/items")
    per_section = {(r["doc_id"], r["section_number"]): r["count"] for r in
                   items.groupBy("doc_id", "section_number").count().collect()}
    readings = spark.read.parquet(f"{dataset}/tables/readings")
    per_char = {r["character"]: r["n"] for r in
                readings.groupBy("character").agg(F.sum("occurrences").alias("n")).collect()}
    item_types = dict(items.dtypes)
    spark.stop()

    con = duckdb.connect()
    want_section = {(d, s): n for d, s, n in con.sql(
        f"select doc_id, section_number, count(*) from read_parquet('{single}/tables/items.parquet')"
        " group by all").fetchall()}
    want_char = {c: n for c, n in con.sql(
        f"select character, sum(occurrences) from "
        f"read_parquet('{single}/tables/readings.parquet') group by all").fetchall()}
    failures = 0
    if per_section != want_section:
        print("spark: items per section differ from the single run's")
        failures += 1
    if per_char != want_char:
        print("spark: occurrences per character differ from the single run's")
        failures += 1
    if item_types.get("item_number") != "bigint":
        print("spark: items.item_number is", item_types.get("item_number"))
        failures += 1
    top = sorted(per_char.items(), key=lambda kv: -kv[1])[:3]
    print(f"spark: {sum(per_section.values())} items in {len(per_section)} sections, "
          f"{len(per_char)} characters (most frequent {top}), item_number {item_types.get('item_number')}"
          f": {'equal to the single run' if not failures else 'DIFFER'}")
    return failures


def main():
    single, dataset = sys.argv[1], sys.argv[2]
    failures = check_tables(single, dataset) + check_workbook(single, dataset)
    if "--spark" in sys.argv[3:]:
        failures += check_spark(single, dataset)
    if failures:
        sys.exit(f"dataset: {failures} check(s) failed")
    print("dataset: every check passed")


if __name__ == "__main__":
    main()
