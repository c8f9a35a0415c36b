"""The Python package (issue 26): tables equal to the CLI's Parquet outputs, texts in memory,
parse, run, and errors as exceptions. Run with `pytest tests/python` after `pip install .`; the
CLI binary is taken from ANNOTEXT_BIN (default target/release/annotext)."""

import json
import os
import pathlib
import subprocess

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import annotext

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("ANNOTEXT_BIN", str(ROOT / "target/release/annotext"))
SAMPLE = ROOT / "data/china-central-asia-summit-2023.txt"
FIXTURES = ROOT / "tests/fixtures/documents"


def cli(*args, cwd=ROOT):
    return subprocess.run([BIN, *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The sample and one variant of every fixture document in one folder, and the CLI's
    Parquet outputs of it."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    for document in sorted(FIXTURES.iterdir()):
        marks = document / "marks.txt"
        if marks.is_file():
            (folder / f"{document.name}.txt").write_bytes(marks.read_bytes())
    out = tmp_path_factory.mktemp("out")
    done = cli("run", str(folder), "-o", str(out), "-f", "parquet", "--quiet")
    assert done.returncode == 0, done.stderr
    return folder, out


def test_tables_of_files_equal_the_parquet_outputs(corpus):
    folder, out = corpus
    tables = annotext.tables([folder])
    assert list(tables) == list(annotext.TABLE_NAMES)
    for name, frame in tables.items():
        written = pl.read_parquet(out / "tables" / f"{name}.parquet")
        assert frame.schema == written.schema, name
        assert_frame_equal(frame, written, check_exact=True)
    assert tables["documents"].height == 9
    assert tables["items"].filter(pl.col("doc_id") == SAMPLE.stem).height == 82


def test_tables_of_texts_touch_no_file_and_equal_those_of_files(corpus, tmp_path):
    folder, _ = corpus
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    before = sorted(os.listdir(tmp_path))
    in_memory = annotext.tables(texts)
    from_files = annotext.tables([folder])
    assert sorted(os.listdir(tmp_path)) == before
    for name in annotext.TABLE_NAMES:
        left, right = in_memory[name], from_files[name]
        if name == "documents":
            # The file a document was read from is the one thing texts do not have.
            assert left["path"].is_null().all()
            left, right = left.drop("path"), right.drop("path")
        assert_frame_equal(left, right, check_exact=True)


def test_parse_gives_the_record_the_cli_prints():
    text = SAMPLE.read_text(encoding="utf-8")
    record = annotext.parse(text, doc_id=SAMPLE.stem)
    printed = cli("parse", str(SAMPLE), "--compact")
    assert printed.returncode == 0, printed.stderr
    expected = json.loads(printed.stdout)
    expected.pop("path", None)
    record.pop("path", None)
    assert record == expected
    assert record["sections"][0]["items"][20]["text"] == "完成中吉烏鐵路可研工作,推進該鐵路加快落地建設;"


def test_run_writes_the_outputs_and_reports(tmp_path):
    report = annotext.run([SAMPLE], out=tmp_path / "out", formats=["csv", "jsonl"])
    assert report["documents"] == 1 and report["items"] == 82 and report["unreadable"] == 0
    assert (tmp_path / "out/records.jsonl").is_file()
    manifest = json.loads((tmp_path / "out/manifest.json").read_text())
    assert manifest["counts"]["items"] == 82


def test_errors_are_exceptions_with_the_cli_messages(tmp_path):
    with pytest.raises(annotext.AnnotextError, match="the input is empty"):
        annotext.tables({"empty": ""})
    with pytest.raises(annotext.AnnotextError, match="no such file or folder"):
        annotext.tables([tmp_path / "missing"])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"1.\xff\n")
    with pytest.raises(annotext.AnnotextError, match=r"invalid UTF-8 at byte 2 \(line 1, column 3\)"):
        annotext.tables([bad])
    with pytest.raises(annotext.AnnotextError, match="unknown format"):
        annotext.run([SAMPLE], out=tmp_path / "o", formats=["docx"])
    with pytest.raises(annotext.AnnotextError, match="cannot write the workbook"):
        annotext.run([SAMPLE], out=tmp_path / "o", shard=(0, 2), formats=["xlsx"])
