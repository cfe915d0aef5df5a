"""Payload documents from files, directories, globs and standard input, read in bounded memory.

A `.jsonl`/`.ndjson` file has one document per line; any other file is one document, read
incrementally (a root array can be handed over one element at a time). Standard input, pipes
and FIFOs are JSON Lines when their first line is a document by itself, and one document
otherwise (or JSON Lines after all when that document is malformed and later lines are whole).
Whatever cannot be read becomes an `Unreadable` with its place, and reading goes on.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import select
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any, BinaryIO

from . import jsonread

LINE_SUFFIXES = (".jsonl", ".ndjson")
DOCUMENT_SUFFIXES = (".json", *LINE_SUFFIXES)
STDIN = "-"
SMALL_ARRAY = 8  # a root array this short is checked whole, so that messages show it as it is
_GLOB = re.compile(r"[*?[]")

Locator = Callable[[set[str]], dict[str, tuple[int, int]]]


@dataclass
class Document:
    """One document: a file, a line of a JSON Lines file, or an element of a streamed array."""

    source: str  # the file as given ("-" is standard input)
    line: int
    column: int
    value: Any
    locator: Locator  # the (line, column) of JSON pointers into the value, found when needed
    size: int = 0  # bytes of input it took, for progress
    index: int | None = None  # its place in a streamed root array

    def locate(self, pointers: set[str]) -> dict[str, tuple[int, int]]:
        try:
            return self.locator(pointers)
        except (OSError, ValueError):  # the file changed or went away since: the document's start will do
            return dict.fromkeys(pointers, (self.line, self.column))


@dataclass
class StreamedArray:
    """A root array too long to hold: its elements come one by one (each a `Document` with an
    `index`); then `count` holds how many there were, or `failure` why reading stopped."""

    source: str
    line: int
    column: int
    elements: Iterator[Document]
    count: int = 0
    failure: Unreadable | None = None


@dataclass(frozen=True)
class Unreadable:
    source: str
    line: int | None
    column: int | None
    message: str
    size: int = 0


Item = Document | StreamedArray | Unreadable


@dataclass
class Options:
    excludes: Sequence[str] = ()
    stream_arrays: bool = False  # hand root arrays over element by element
    wait: float = 5.0  # seconds a FIFO may go without a writer
    stdin: BinaryIO | None = None
    chunk: int = jsonread.CHUNK
    _patterns: list[re.Pattern[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._patterns = [_pattern(p) for p in self.excludes]

    def excluded(self, path: str) -> bool:
        """Whether `--exclude` leaves `path` out: a pattern with a slash matches the whole path
        (`**` spans directories), one without matches any of its names."""
        path = path.replace(os.sep, "/").removeprefix("./")
        names = path.split("/")
        for pattern, given in zip(self._patterns, self.excludes, strict=True):
            if "/" in given.rstrip("/"):
                if pattern.fullmatch(path):
                    return True
            elif any(fnmatchcase(name, given.rstrip("/")) for name in names):
                return True
        return False


def _pattern(given: str) -> re.Pattern[str]:
    parts = re.split(r"(\*\*/?|\*|\?)", given.rstrip("/").removeprefix("./"))
    translated = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(translated.get(part, re.escape(part)) for part in parts) + "(?:/.*)?")


# -- which files ----------------------------------------------------------------------------------


def expand(paths: Sequence[str], options: Options) -> Iterator[str | Unreadable]:
    """Files as given, directories as the JSON files under them, globs as what they match
    (sorted), `-` as standard input; what cannot be listed as an `Unreadable`."""
    for given in paths:
        if given == STDIN:
            yield STDIN
        elif os.path.isdir(given):
            if not options.excluded(given):
                yield from _walk(given, options)
        elif not os.path.lexists(given) and _GLOB.search(given):
            import glob  # only patterns need it

            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield Unreadable(given, None, None, "no file matches this pattern")
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match, options)
                elif not options.excluded(match):
                    yield match
        elif not options.excluded(given):
            yield given


def _walk(top: str, options: Options) -> Iterator[str | Unreadable]:
    errors: list[OSError] = []
    for directory, subdirectories, files in os.walk(top, onerror=errors.append):
        while errors:
            error = errors.pop(0)
            yield Unreadable(str(error.filename or directory), None, None, f"cannot be read: {error.strerror}")
        subdirectories[:] = sorted(d for d in subdirectories if not options.excluded(os.path.join(directory, d)))
        for name in sorted(files):
            path = os.path.join(directory, name)
            if name.endswith(DOCUMENT_SUFFIXES) and os.path.isfile(path) and not options.excluded(path):
                yield path
    for error in errors:
        yield Unreadable(str(error.filename or top), None, None, f"cannot be read: {error.strerror}")


def total_size(paths: Sequence[str], options: Options) -> int | None:
    """The bytes all inputs hold, or None when one is a stream (its length is unknown)."""
    total = 0
    for source in expand(paths, options):
        if isinstance(source, Unreadable):
            continue
        if source == STDIN:
            return None
        with contextlib.suppress(OSError):  # reported as unreadable when its turn comes
            info = os.stat(source)
            if not stat.S_ISREG(info.st_mode):
                return None
            total += info.st_size
    return total


# -- reading them ---------------------------------------------------------------------------------


def read(paths: Sequence[str], options: Options) -> Iterator[Item]:
    for source in expand(paths, options):
        if isinstance(source, Unreadable):
            yield source
        elif source == STDIN:
            yield from _stream(STDIN, options.stdin or sys.stdin.buffer, options)
        else:
            yield from _file(source, options)


def _file(path: str, options: Options) -> Iterator[Item]:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            yield Unreadable(path, None, None, "is a directory")
            return
        if stat.S_ISFIFO(info.st_mode):
            raw = _open_fifo(path, options.wait)
            if raw is None:
                yield Unreadable(path, None, None, f"a FIFO with no writer: nothing came in {options.wait:g} s")
                return
        else:
            raw = open(path, "rb")  # noqa: SIM115 (closed below, after the generator is done with it)
    except FileNotFoundError:
        yield Unreadable(path, None, None, "no such file")
        return
    except OSError as error:
        yield Unreadable(path, None, None, f"cannot be read: {error.strerror}")
        return
    with raw:
        try:
            if path.endswith(LINE_SUFFIXES):
                yield from _lines(path, raw)
            elif stat.S_ISREG(info.st_mode):
                yield from _whole(path, raw, lambda: open(path, "rb"), options)  # noqa: SIM115
            else:  # a pipe or a device (/dev/stdin, <(...)): its shape decides
                yield from _stream(path, raw, options)
        except OSError as error:
            yield Unreadable(path, None, None, f"cannot be read: {error.strerror}")


def _open_fifo(path: str, wait: float) -> BinaryIO | None:
    """A FIFO opened without blocking, once a writer has sent something (or come and gone)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    poller = select.poll()
    poller.register(descriptor, select.POLLIN)
    if not poller.poll(int(wait * 1000)):
        os.close(descriptor)
        return None
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def _lines(source: str, raw: Iterable[bytes], first: int = 1) -> Iterator[Item]:
    """One document per line; a byte-order mark on the first line is skipped."""
    for number, data in enumerate(raw, first):
        if number == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        if not data.strip():
            continue
        size = len(data)
        try:
            text = jsonread.decode(data)
            value = jsonread.parse(text, number)
        except jsonread.JsonError as error:
            line = error.line + number - 1 if error.message.startswith("not UTF-8") else error.line
            yield Unreadable(source, line, error.column, error.message, size)
            continue
        yield Document(source, number, 1, value, _in_text(text, number, 1), size)


def _in_text(text: str, line: int, column: int, start: int = 0) -> Locator:
    def locate(pointers: set[str]) -> dict[str, tuple[int, int]]:
        offsets = jsonread.locate(text, pointers, start)
        return {p: jsonread.position(text, offset, line, column) for p, offset in offsets.items()}

    return locate


def _in_file(reopen: Callable[[], BinaryIO]) -> Locator:
    def locate(pointers: set[str]) -> dict[str, tuple[int, int]]:
        with reopen() as raw:
            text = jsonread.decode(raw.read())
        start = jsonread._WHITESPACE.match(text).end()  # type: ignore[union-attr]
        offsets = jsonread.locate(text, pointers, start)
        return {p: jsonread.position(text, offset) for p, offset in offsets.items()}

    return locate


def _whole(source: str, raw: BinaryIO, reopen: Callable[[], BinaryIO], options: Options) -> Iterator[Item]:
    """One document, read incrementally; a long root array element by element when asked."""
    reader = jsonread.Stream(raw, options.chunk)
    try:
        first = reader.skip_space()
        line, column = reader.position(reader.offset)
        if first == "[" and options.stream_arrays:
            yield from _array(source, reader, reopen)
            return
        value = reader.value()
    except jsonread.JsonError as error:
        yield Unreadable(source, error.line, error.column, error.message, reader.bytes)
        return
    yield Document(source, line, column, value, _in_file(reopen), reader.bytes)


def _array(source: str, reader: jsonread.Stream, reopen: Callable[[], BinaryIO]) -> Iterator[Item]:
    line, column = reader.position(reader.offset)
    elements = reader.elements()
    head: list[tuple[Any, int, int]] = []
    try:
        for element in elements:
            head.append(element)
            if len(head) > SMALL_ARRAY:
                break
        else:
            reader.finish()
            yield Document(source, line, column, [v for v, _, _ in head], _in_file(reopen), reader.bytes)
            return
    except jsonread.JsonError as error:
        yield Unreadable(source, error.line, error.column, error.message, reader.bytes)
        return
    streamed = StreamedArray(source, line, column, iter(()))
    done = [reader.bytes]

    def documents() -> Iterator[Document]:
        def document(index: int, value: Any, start: int, end: int) -> Document:
            size, done[0] = reader.bytes - done[0], reader.bytes
            if start < 0:  # an element longer than the window: found again in the file
                return Document(source, line, column, value, _element_in_file(reopen, index), size, index)
            at_line, at_column = reader.position(start)
            piece = reader.text[start:end]  # small: one element, kept only while it is looked at
            return Document(source, at_line, at_column, value, _in_text(piece, at_line, at_column), size, index)

        # The head was read before: its elements' text may have left the window, so it is re-read.
        for index, (value, _start, _end) in enumerate(head):
            yield Document(source, line, column, value, _element_in_file(reopen, index), 0, index)
        index = len(head)
        try:
            for value, start, end in elements:
                yield document(index, value, start, end)
                index += 1
            reader.finish()
        except jsonread.JsonError as error:
            streamed.failure = Unreadable(source, error.line, error.column, error.message)
        streamed.count = index

    streamed.elements = documents()
    yield streamed


def _element_in_file(reopen: Callable[[], BinaryIO], index: int) -> Locator:
    whole = _in_file(reopen)

    def locate(pointers: set[str]) -> dict[str, tuple[int, int]]:
        found = whole({f"/{index}{p}" for p in pointers})
        return {p: found[f"/{index}{p}"] for p in pointers}

    return locate


def _stream(source: str, raw: BinaryIO, options: Options) -> Iterator[Item]:
    """Standard input or a pipe: JSON Lines as they come when the first line is a whole
    document; otherwise spooled to a temporary file (not memory) and read as one document."""
    number = 0
    for data in iter(raw.readline, b""):
        number += 1
        if number == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        if data.strip():
            break
    else:  # nothing but blank lines, or nothing at all
        yield Unreadable(source, 1, 1, "not valid JSON: the document is empty")
        return
    try:
        jsonread.parse(jsonread.decode(data), number)
        alone = True
    except jsonread.JsonError:
        alone = False
    if alone:
        yield from _lines(source, _chain([data], raw), number)
        return
    import tempfile  # only a stream that is not JSON Lines needs it

    spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the with below)
    with spool:
        spool.write(b"\n" * (number - 1) + data)
        for block in iter(lambda: raw.read(jsonread.CHUNK), b""):
            spool.write(block)
        spool.flush()

        def reopen() -> BinaryIO:
            return io.BufferedReader(_SpoolView(spool.fileno()))

        problem = _malformed(reopen(), options.chunk)
        if problem is not None and _later_lines_whole(reopen(), number):
            yield from _lines(source, reopen())
        else:
            yield from _whole(source, reopen(), reopen, options)


class _SpoolView(io.RawIOBase):
    """A reader of the spool with a position of its own, so that finding an error's line does
    not move the reading that goes on; closing it leaves the spool open."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = os.pread(self._descriptor, len(buffer), self._position)
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)


def _chain(first: list[bytes], rest: BinaryIO) -> Iterator[bytes]:
    yield from first
    yield from iter(rest.readline, b"")


def _malformed(raw: Any, chunk: int) -> jsonread.JsonError | None:
    """Why the text is not one JSON document, read through without keeping a long root array."""
    reader = jsonread.Stream(raw, chunk)
    try:
        if reader.skip_space() == "[":
            for _element in reader.elements():
                pass
            reader.finish()
        else:
            reader.value()
    except jsonread.JsonError as error:
        return error
    return None


def _later_lines_whole(raw: Any, first: int) -> bool:
    """Whether a line after the first non-blank one is an object or array by itself."""
    for number, data in enumerate(raw, 1):
        if number <= first or not data.strip():
            continue
        try:
            value = jsonread.parse(jsonread.decode(data), number)
        except jsonread.JsonError:
            continue
        if isinstance(value, (dict, list)):
            return True
    return False
