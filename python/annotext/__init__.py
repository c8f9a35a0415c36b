"""annotext from Python: the tables of pinyin-annotated Chinese documents as polars DataFrames.

    import annotext
    tables = annotext.tables(["data"])                # files and folders, as `annotext run` reads them
    tables = annotext.tables({"note": "1.中(zhong)國(guo)"})  # texts in memory, no file touched
    tables["items"].group_by("section_number").len()
    record = annotext.parse("1.中(zhong)國(guo)")       # the record, as `annotext parse` prints it
    annotext.run(["data"], out="output")               # the command line's `run`

The work is done in Rust with the GIL released; tables reach polars through the Arrow C stream
interface, without copying. Errors are `annotext.AnnotextError`, with the command line's message.
"""

from __future__ import annotations

import json
import os
from typing import Iterable, Mapping, Union

import polars as pl

from ._annotext import TABLE_NAMES as _TABLE_NAMES
from ._annotext import AnnotextError, _parse, _run, _tables

__all__ = ["AnnotextError", "TABLE_NAMES", "parse", "run", "tables"]

#: The tables, in the order the outputs list them (the native module's own list).
TABLE_NAMES = tuple(_TABLE_NAMES)

PathLike = Union[str, "os.PathLike[str]"]


def tables(
    source: Union[PathLike, Iterable[PathLike], Mapping[str, str]],
    *,
    rules: PathLike | None = None,
    follow: bool = False,
    max_file_mib: int = 1024,
) -> dict[str, pl.DataFrame]:
    """Every table of the documents in ``source``, one polars DataFrame per table.

    ``source`` is a file or folder, a list of them (folders are searched for ``*.txt``, as
    ``annotext run`` does, without following links unless ``follow``), or a mapping
    ``{doc_id: text}`` of texts in memory. The frames equal the Parquet outputs of
    ``annotext run`` over the same documents: names, dtypes and rows. ``rules`` is a folder of
    tagging rules (default: ``rules/`` in the first folder given, else the built-in ones).
    Raises :class:`AnnotextError` for an input that cannot be read or parsed.
    """
    if isinstance(source, Mapping):
        given: object = dict(source)
    elif isinstance(source, (str, os.PathLike)):
        given = [os.fspath(source)]
    else:
        given = [os.fspath(p) for p in source]
    exported = _tables(
        given,
        rules=os.fspath(rules) if rules is not None else None,
        follow=follow,
        max_file_mib=max_file_mib,
    )
    return {name: pl.DataFrame(exported[name]) for name in TABLE_NAMES}


def parse(text: str, doc_id: str = "document") -> dict:
    """The record of one annotated text as a dict, as ``annotext parse`` prints it."""
    return json.loads(_parse(text, doc_id))


def run(
    paths: Union[PathLike, Iterable[PathLike]] = ("data",),
    out: PathLike = "output",
    formats: Iterable[str] | None = None,
    *,
    shard: tuple[int, int] | None = None,
    csv_excel: bool = False,
    rules: PathLike | None = None,
    title: str | None = None,
    font: PathLike | None = None,
    pinyin: bool = False,
    lang: str = "auto",
    batch_mib: float = 2.0,
    follow: bool = False,
    max_file_mib: int = 1024,
    force: bool = False,
) -> dict:
    """``annotext run``: writes the outputs of ``paths`` into ``out`` (all formats by default:
    csv, parquet, jsonl, xlsx, pdf) as one consistent set with its manifest. Returns the run's
    report (``documents``, ``unreadable``, ``items``, ``anomalies``, ``errors``,
    ``files_written``, ``seconds``, ``summary``); inputs that could not be read are counted in
    ``unreadable`` and listed in the manifest. Raises :class:`AnnotextError` when the run fails
    as a whole (the folder then keeps its previous set)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    fspath = lambda p: os.fspath(p) if p is not None else None  # noqa: E731
    return _run(
        [os.fspath(p) for p in paths],
        os.fspath(out),
        list(formats) if formats is not None else None,
        shard,
        csv_excel,
        fspath(rules),
        title,
        fspath(font),
        pinyin,
        lang,
        batch_mib,
        follow,
        max_file_mib,
        force,
    )
