"""Payload documents to validate, read from files, directories and standard input.

A `.jsonl`/`.ndjson` file (and standard input holding more than one document) has one JSON
document per line; any other file is one document. Whatever cannot be read or parsed (a missing
file, invalid UTF-8, malformed JSON, NaN or Infinity) becomes an `Unreadable` with its place, and
reading goes on with the rest.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from generator.core import jsontext

LINE_SUFFIXES = (".jsonl", ".ndjson")
DOCUMENT_SUFFIXES = (".json", *LINE_SUFFIXES)
STDIN = "-"


@dataclass(frozen=True)
class Document:
    source: str  # the file as given ("-" is standard input)
    line: int  # where the document starts
    value: Any
    text: str | None = None  # kept for whole-file documents, to find the line of each error
    size: int = 0  # bytes of input it took, for progress


@dataclass(frozen=True)
class Unreadable:
    source: str
    line: int | None
    message: str
    size: int = 0


Item = Document | Unreadable


def expand(paths: Sequence[str]) -> Iterator[str | Path]:
    """Files as given, directories as the JSON files under them (sorted), `-` as standard input."""
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in DOCUMENT_SUFFIXES)
        else:
            yield path


def total_size(paths: Sequence[str]) -> int | None:
    """The bytes all inputs hold, or None when one is standard input (its length is unknown)."""
    total = 0
    for source in expand(paths):
        if source == STDIN:
            return None
        assert isinstance(source, Path)
        with contextlib.suppress(OSError):  # reported as unreadable when its turn comes
            total += source.stat().st_size
    return total


def read(paths: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[Item]:
    for source in expand(paths):
        if source == STDIN:
            yield from _from_bytes(STDIN, (stdin or sys.stdin.buffer).read(), lines=None)
            continue
        assert isinstance(source, Path)
        name = str(source)
        try:
            if source.suffix in LINE_SUFFIXES:
                with source.open("rb") as stream:  # streamed: a file of any length in little memory
                    yield from _lines(name, stream)
            else:
                yield _whole(name, source.read_bytes())
        except FileNotFoundError:
            yield Unreadable(name, None, "no such file")
        except OSError as error:
            yield Unreadable(name, None, f"cannot be read: {error.strerror}")


def _from_bytes(source: str, data: bytes, lines: bool | None) -> Iterator[Item]:
    """`lines=None`: one document if the whole parses as one, else one per line."""
    if lines is None:
        whole = _whole(source, data)
        if isinstance(whole, Document) or "Extra data" not in whole.message:
            yield whole
            return
        lines = True
    if lines:
        yield from _lines(source, data.split(b"\n"))
    else:
        yield _whole(source, data)


def _whole(source: str, data: bytes) -> Item:
    try:
        text = jsontext.decode(data)
        return Document(source, 1, jsontext.loads(text), text, len(data))
    except jsontext.JsonTextError as error:
        return Unreadable(source, error.line, str(error), len(data))


def _lines(source: str, lines: Iterable[bytes]) -> Iterator[Item]:
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        size = len(raw) + 1
        try:
            yield Document(source, number, jsontext.read(raw), None, size)
        except jsontext.JsonTextError as error:
            yield Unreadable(source, number, str(error), size)
