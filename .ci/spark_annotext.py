"""Issue 26: Spark runs annotext on its executors. The README's recipe, run with PySpark in local
mode: a DataFrame of (doc_id, text) from `spark.read.text(folder, wholetext=True)`, mapInArrow
calling `annotext.tables` per batch, the items and readings tables out; items per section and
occurrences per character must equal the CLI's tables of the same documents.

    python3 .ci/spark_annotext.py INPUT_FOLDER CLI_OUTPUT_FOLDER
"""

import os
import sys

import duckdb


def main(folder, cli_out):
    from pyspark.sql import SparkSession, functions as F

    spark = (SparkSession.builder.master("local[2]").appName("annotext-on-executors")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")

    # --- the recipe (README: "Spark runs annotext on its executors") ---
    docs = (spark.read.text(f"{folder}/*.txt", wholetext=True)
            .select(F.regexp_extract(F.input_file_name(), r"([^/]+)\.txt$", 1).alias("doc_id"),
                    F.col("value").alias("text")))

    def items_of(batches):
        import annotext
        for batch in batches:
            texts = dict(zip(batch.column("doc_id").to_pylist(), batch.column("text").to_pylist()))
            items = annotext.tables(texts)["items"].select("doc_id", "section_number")
            yield from items.to_arrow().to_batches()

    def readings_of(batches):
        import annotext
        for batch in batches:
            texts = dict(zip(batch.column("doc_id").to_pylist(), batch.column("text").to_pylist()))
            readings = annotext.tables(texts)["readings"].select("character", "occurrences")
            yield from readings.to_arrow().to_batches()

    items = docs.mapInArrow(items_of, "doc_id string, section_number long")
    readings = docs.mapInArrow(readings_of, "character string, occurrences long")
    # --- end of the recipe ---

    per_section = {(r["doc_id"], r["section_number"]): r["count"]
                   for r in items.groupBy("doc_id", "section_number").count().collect()}
    per_char = {r["character"]: r["n"] for r in
                readings.groupBy("character").agg(F.sum("occurrences").alias("n")).collect()}
    spark.stop()

    cli_sections = {(d, s): n for d, s, n in duckdb.sql(
        f"select doc_id, section_number, count(*) from read_parquet('{cli_out}/tables/items.parquet') "
        "group by all").fetchall()}
    cli_chars = {c: n for c, n in duckdb.sql(
        f"select character, sum(occurrences) from read_parquet('{cli_out}/tables/readings.parquet') "
        "group by all").fetchall()}
    ok = True
    if per_section != cli_sections:
        print("spark+annotext: items per section differ from the CLI's", file=sys.stderr)
        ok = False
    if per_char != cli_chars:
        print("spark+annotext: occurrences per character differ from the CLI's", file=sys.stderr)
        ok = False
    print(f"spark+annotext: {sum(per_section.values())} items in {len(per_section)} sections, "
          f"{len(per_char)} characters, as the CLI's tables: {ok}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
