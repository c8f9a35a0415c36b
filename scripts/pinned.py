"""Pinned downloads shared by the scripts that build the shipped data (build_dictionary.py,
build_gazetteer.py): a file from a registry, taken only if it has the hashes pinned in the
script, and cached so that a second run needs no network.

A download is checked twice: the registry's metadata must publish the pinned hash, and the bytes
received must have it. A cached file is used only if it still has it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Protocol

PYPI = "https://pypi.org"
PYPI_FILES = "https://files.pythonhosted.org/"


class PinnedSdist(Protocol):
    """What a script pins of a PyPI source distribution."""

    name: str
    version: str
    sha256: str

    @property
    def spec(self) -> str: ...

    @property
    def filename(self) -> str: ...


def fetch_json(url: str) -> dict:
    """GETs a JSON document."""
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)


def cached(path: Path, valid: Callable[[bytes], bool]) -> bool:
    """Whether `path` holds a file that passes `valid` (the pinned hashes)."""
    return path.exists() and valid(path.read_bytes())


def download(spec: str, url: str, host: str, valid: Callable[[bytes], bool], path: Path) -> Path:
    """Downloads `url` (which must be on `host`) to `path`, if its bytes pass `valid`."""
    if not url.startswith(host):
        raise SystemExit(f"{spec}: unexpected download address {url}")
    print(f"downloading {spec}", file=sys.stderr)
    with urllib.request.urlopen(url, timeout=300) as response:
        data = response.read()
    if not valid(data):
        raise SystemExit(f"{spec}: the downloaded file does not have the pinned hashes")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed, so an interrupted run leaves no bad cache.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
    return path


def sdist_listing(sdist: PinnedSdist) -> tuple[str, str]:
    """(download address, published sha256) of the sdist, from PyPI's JSON API.

    Asks the version's page (/pypi/<name>/<version>/json) and, where that is not served, the
    project's page of the Simple API in its JSON form (PEP 691), which lists the same files with
    the same hashes.
    """
    try:
        files = [
            (f["filename"], f["url"], f["digests"]["sha256"])
            for f in fetch_json(f"{PYPI}/pypi/{sdist.name}/{sdist.version}/json")["urls"]
        ]
    except urllib.error.HTTPError:
        request = urllib.request.Request(
            f"{PYPI}/simple/{sdist.name}/",
            headers={"Accept": "application/vnd.pypi.simple.v1+json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            listing = json.load(response)
        files = [(f["filename"], f["url"], f["hashes"].get("sha256")) for f in listing["files"]]
    for filename, url, sha256 in files:
        if filename == sdist.filename:
            return url, sha256
    raise SystemExit(f"{sdist.spec}: PyPI lists no {sdist.filename}")


def pypi_sdist(sdist: PinnedSdist, cache: Path) -> Path:
    """The sdist, from the cache if its sha256 is the pinned one, else downloaded from PyPI."""
    path = cache / sdist.filename
    valid = lambda data: hashlib.sha256(data).hexdigest() == sdist.sha256  # noqa: E731
    if cached(path, valid):
        return path
    url, published = sdist_listing(sdist)
    if published != sdist.sha256:
        raise SystemExit(f"{sdist.spec}: PyPI publishes sha256 {published}, not the pinned one")
    return download(sdist.spec, url, PYPI_FILES, valid, path)
