"""Strict, exact JSON text, read from memory or incrementally from a stream.

Strict: UTF-8 only (a leading byte-order mark is skipped, as RFC 8259 lets a reader do), no
NaN or Infinity, no duplicate keys (servers disagree on which one wins), no lone surrogates
(`"\\ud800"` is no Unicode text). Exact: a number is the decimal it is written as. It stays a
float when the float's shortest form is that same decimal (`0.29`, `1e22`), and is a
`decimal.Decimal` otherwise (`0.290000000000000000001`, `1e400`, `1e-400`), which the generated
validators judge exactly; it never turns into `inf` or 0.

`json`'s C scanner does the parsing; a small positional walker runs only when something is wrong
or an error needs its line and column. `Stream` reads a document in chunks with a sliding
window, so the text of a large document is never held whole: a root array can be checked one
element at a time.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

BOM = "\ufeff"
CHUNK = 1 << 20  # characters read at a time from a stream
_MARGIN = 16  # a parse error this close to the end of the window may only mean the text goes on
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TOKEN = re.compile(
    r'[ \t\n\r]*(?:([\[\]{}:,])|("(?:[^"\\]|\\.)*")|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)'
    r"|(true|false|null|NaN|-?Infinity))",
    re.DOTALL,
)


class JsonError(ValueError):
    """Text that is not strict JSON, with the 1-based line and column of the fault."""

    def __init__(self, message: str, line: int, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return self.message


class _DuplicateKeyError(Exception):
    pass


class _ConstantError(Exception):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


def _reject_constant(name: str) -> Any:
    raise _ConstantError(name)


def _float(text: str) -> Any:
    # Up to 15 significant digits and no exponent: the float's shortest form is the text's decimal.
    if len(text) < 16 and "e" not in text and "E" not in text:
        return float(text)
    return exact_number(text)


def exact_number(text: str) -> Any:
    """The float whose shortest form is the decimal `text`, or else the decimal itself."""
    from decimal import Decimal  # only long or exponent-written numbers come here

    value = float(text)
    exact = Decimal(text)
    if math.isfinite(value) and Decimal(repr(value)) == exact:
        return value
    return exact


_STRICT = json.JSONDecoder(object_pairs_hook=_object, parse_float=_float, parse_constant=_reject_constant)
_LENIENT = json.JSONDecoder()  # only to skip over values the walker need not look into
_scan: Callable[[str, int], tuple[Any, int]] = _STRICT.scan_once  # type: ignore[attr-defined]


def decode(data: bytes) -> str:
    """UTF-8 text with a leading byte-order mark skipped; other bytes are refused with their place."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _not_utf8(data, error.start) from None
    return text.removeprefix(BOM)


def _not_utf8(data: bytes, offset: int, line: int = 1) -> JsonError:
    line += data.count(b"\n", 0, offset)
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace").removeprefix(BOM)) + 1
    return JsonError(f"not UTF-8: byte {data[offset]:#04x}", line, column)


def position(text: str, offset: int, line: int = 1, column: int = 1) -> tuple[int, int]:
    """The line and column of `offset` in `text`, whose first character is at (`line`, `column`)."""
    newlines = text.count("\n", 0, offset)
    if not newlines:
        return line, column + offset
    return line + newlines, offset - text.rfind("\n", 0, offset)


def parse(text: str, line: int = 1) -> Any:
    """One JSON document: a value with only whitespace around it; `line` is where `text` starts."""
    start = _WHITESPACE.match(text, 0).end()  # type: ignore[union-attr]
    if start == len(text):
        raise _error(text, start, "not valid JSON: the document is empty", line)
    value, end = value_at(text, start, line=line)
    end = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
    if end != len(text):
        raise _error(text, end, "not valid JSON: extra data after the document", line)
    return value


def value_at(text: str, start: int, *, line: int = 1, column: int = 1, complete: bool = True) -> tuple[Any, int]:
    """The value starting at `start` and the offset after it. With `complete=False` (the text is a
    window that may go on), a fault that might be the window's end raises `IncompleteError`."""
    try:
        value, end = _scan(text, start)
    except StopIteration as stop:
        offset = stop.value
        if not complete and offset >= len(text) - _MARGIN:
            raise IncompleteError from None
        message = "unexpected end of the document" if offset >= len(text) else "expecting a value"
        raise _error(text, offset, f"not valid JSON: {message}", line, column) from None
    except json.JSONDecodeError as error:
        if not complete and (error.pos >= len(text) - _MARGIN or error.msg.startswith("Unterminated")):
            raise IncompleteError from None
        raise _error(text, error.pos, f"not valid JSON: {error.msg}", line, column) from None
    except _DuplicateKeyError:
        offset, key = _find_duplicate(text, start)
        raise _error(text, offset, f"duplicate key {key!r}: servers differ on which value wins", line, column) from None
    except _ConstantError as constant:
        offset = _find(text, start, lambda token: token.lstrip("-") in ("NaN", "Infinity"))
        raise _error(text, offset, f"not valid JSON: {constant} is not a JSON value", line, column) from None
    except RecursionError:
        raise _error(text, start, "nested too deeply to read (past Python's recursion limit)", line, column) from None
    except ValueError:  # int() refused more digits than sys.get_int_max_str_digits()
        offset = _find(text, start, lambda token: len(token) > 4000 and token.lstrip("-").isdigit())
        raise _error(text, offset, "an integer of more digits than Python converts", line, column) from None
    if not complete and end > len(text) - _MARGIN and text[start] in "-0123456789":
        raise IncompleteError  # a number may go on past the window ("-0." of "-0.5" reads as -0)
    if text.find("\\u", start, end) != -1 and _SURROGATE_ESCAPE.search(text, start, end):
        lone = _find(text, start, lambda token: token[0] == '"' and bool(_SURROGATE.search(json.loads(token))))
        if lone != -1:
            raise _error(text, lone, "a lone surrogate (\\ud800-\\udfff) is not Unicode text", line, column)
    return value, end


class IncompleteError(Exception):
    """The window ends before the value does: read more and try again."""


def _error(text: str, offset: int, message: str, line: int = 1, column: int = 1) -> JsonError:
    where = position(text, max(offset, 0), line, column)
    return JsonError(message, *where)


# -- the walker: where each value starts, for messages -------------------------------------------


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def walk(text: str, start: int = 0, descend: Callable[[str], bool] | None = None) -> Iterator[tuple[str, str, int]]:
    """(kind, pointer, offset) for each key ("key") and value ("value") of the JSON value at
    `start`, in text order; keys come with the pointer of their member. A container for which
    `descend(pointer)` is false is skipped whole."""
    stack: list[list[Any]] = []  # [pointer, index or None for an object, key, expecting a key]
    offset = start
    while True:
        match = _TOKEN.match(text, offset)
        if match is None:
            return
        offset = match.end()
        punctuation, string = match.group(1), match.group(2)
        begin = match.start(match.lastindex or 0)
        top = stack[-1] if stack else None
        if punctuation in ("}", "]"):
            stack.pop()
            if not stack:
                return
            continue
        if punctuation == ",":
            assert top is not None
            if top[1] is None:
                top[3] = True
            else:
                top[1] += 1
            continue
        if punctuation == ":":
            continue
        if top is not None and top[1] is None and top[3]:
            assert string is not None
            top[2], top[3] = json.loads(string), False
            yield "key", f"{top[0]}/{_escape(top[2])}", begin
            continue
        if top is None:
            pointer = ""
        elif top[1] is None:
            pointer = f"{top[0]}/{_escape(top[2])}"
        else:
            pointer = f"{top[0]}/{top[1]}"
        yield "value", pointer, begin
        if punctuation in ("{", "["):
            if descend is not None and not descend(pointer):
                with_end = _skip(text, begin)
                if with_end is not None:
                    offset = with_end
                    if not stack:
                        return
                    continue
            stack.append([pointer, None if punctuation == "{" else 0, "", True])
        elif not stack:
            return


def _skip(text: str, start: int) -> int | None:
    try:
        end: int = _LENIENT.scan_once(text, start)[1]  # type: ignore[attr-defined]
        return end
    except (ValueError, StopIteration, RecursionError):
        return None


def _find(text: str, start: int, test: Callable[[str], bool]) -> int:
    """The offset of the first scalar token from `start` that passes `test`, or -1."""
    for kind, _pointer, offset in walk(text, start):
        if kind == "value" and text[offset] not in "{[":
            token = _TOKEN.match(text, offset)
            if token is not None and test(token.group().strip()):
                return offset
    return -1


def _find_duplicate(text: str, start: int) -> tuple[int, str]:
    seen: set[str] = set()
    for kind, pointer, offset in walk(text, start):
        if kind == "key":
            if pointer in seen:
                return offset, json.loads(_TOKEN.match(text, offset).group(2))  # type: ignore[union-attr]
            seen.add(pointer)
    return start, ""


def locate(text: str, pointers: set[str], start: int = 0) -> dict[str, int]:
    """The offset where each of `pointers` starts (or its nearest ancestor that does)."""
    wanted = set(pointers)
    ancestors = {p[:i] for p in wanted for i in range(len(p)) if p[i] == "/"}
    found: dict[str, int] = {}
    for kind, pointer, offset in walk(text, start, lambda p: p in ancestors):
        if kind == "value" and (pointer in wanted or pointer in ancestors):
            found[pointer] = offset
    result = {}
    for pointer in wanted:
        ancestor = pointer
        while ancestor not in found and ancestor:
            ancestor = ancestor[: ancestor.rfind("/")]
        result[pointer] = found.get(ancestor, start)
    return result


# -- streams ------------------------------------------------------------------------------------


class Stream:
    """The text of a binary stream read in chunks, as a window that slides past what is done.

    `value()` reads a whole document; `elements()` yields a root array's elements one by one,
    each while its text is still in the window (`piece`, `position`).
    """

    def __init__(self, raw: BinaryIO, chunk: int = CHUNK) -> None:
        self._raw = raw
        self._chunk = chunk
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._pending = b""  # bytes of the last read, kept to place a decoding error
        self.text = ""
        self.eof = False
        self.bytes = 0
        self._first = True
        self._line = 1  # the line of window offset 0
        self._line_start = 0  # where that line starts, relative to the window (<= 0)
        self.offset = 0  # where reading goes on in the window

    # reading and sliding

    def fill(self, at_least: int = 0) -> bool:
        """Read more text into the window; False at the end of the stream."""
        if self.eof:
            return False
        data = self._raw.read(max(self._chunk, at_least))
        if not data:
            self.eof = True
        pending = self._decoder.getstate()[0]
        try:
            piece = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise self._decoding_error(pending + data, error.start) from None
        self.bytes += len(data)
        if self._first and piece:
            piece, self._first = piece.removeprefix(BOM), False
        self.text += piece
        return True

    def _decoding_error(self, data: bytes, offset: int) -> JsonError:
        before = self._decoder.decode(data[:offset]) if offset else ""
        line, column = self.position(len(self.text))
        line += before.count("\n")
        column = len(before) - before.rfind("\n") if "\n" in before else column + len(before)
        return JsonError(f"not UTF-8: byte {data[offset]:#04x}", line, column)

    def drop(self) -> None:
        """Forget the text before `offset` (when enough of it is done to be worth the copy)."""
        done = self.offset
        if done < self._chunk // 2:
            return
        self._line += self.text.count("\n", 0, done)
        last = self.text.rfind("\n", 0, done)
        self._line_start = last + 1 - done if last >= 0 else self._line_start - done
        self.text = self.text[done:]
        self.offset = 0

    def position(self, offset: int) -> tuple[int, int]:
        line = self._line + self.text.count("\n", 0, offset)
        last = self.text.rfind("\n", 0, offset)
        return line, (offset - last if last >= 0 else offset - self._line_start + 1)

    def error(self, offset: int, message: str) -> JsonError:
        return JsonError(message, *self.position(offset))

    def skip_space(self) -> str | None:
        """Move past whitespace; the character there, or None at the end of the stream."""
        while True:
            self.offset = _WHITESPACE.match(self.text, self.offset).end()  # type: ignore[union-attr]
            if self.offset < len(self.text):
                return self.text[self.offset]
            if not self.fill():
                return None

    def scalar_or_nested(self) -> tuple[Any, int, int]:
        """The value at `offset`, its start and end in the window. A container longer than the
        window is read member by member (its start is then -1: its text has left the window),
        so the window stays small; only a long string or number makes it grow."""
        start = self.offset
        while True:
            line, column = self._line, 1 - self._line_start  # where the window starts
            try:
                value, end = value_at(self.text, start, line=line, column=column, complete=self.eof)
            except IncompleteError:
                if self.text[start] in "[{" and len(self.text) - start >= self._chunk // 2:
                    self.offset = start
                    value = [v for v, _, _ in self.elements()] if self.text[start] == "[" else self._members()
                    return value, -1, self.offset
                self.fill(len(self.text))  # doubling: a value of any size is read in linear time
                continue
            self.offset = end
            return value, start, end

    # documents

    def value(self) -> Any:
        """The whole document; root arrays and objects are read member by member."""
        first = self.skip_space()
        if first is None:
            raise self.error(self.offset, "not valid JSON: the document is empty")
        if first == "[":
            value: Any = [element for element, _start, _end in self.elements()]
        elif first == "{":
            value = self._members()
        else:
            value = self.scalar_or_nested()[0]
        self.finish()
        return value

    def finish(self) -> None:
        if self.skip_space() is not None:
            raise self.error(self.offset, "not valid JSON: extra data after the document")

    def elements(self) -> Iterator[tuple[Any, int, int]]:
        """Each element of the root array at `offset`, with its start and end in the window."""
        self.offset += 1
        if self.skip_space() == "]":
            self.offset += 1
            return
        while True:
            if self.skip_space() is None:
                raise self.error(self.offset, "not valid JSON: unexpected end of the document")
            yield self.scalar_or_nested()
            if self._after_member("]"):
                return

    def _after_member(self, close: str) -> bool:
        """Past the comma (False) or the closing bracket (True) after a member."""
        char = self.skip_space()
        if char == ",":
            self.offset += 1
            self.drop()
            return False
        if char == close:
            self.offset += 1
            return True
        if char is None:
            raise self.error(self.offset, "not valid JSON: unexpected end of the document")
        raise self.error(self.offset, f"not valid JSON: expecting ',' or {close!r}")

    def _members(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        self.offset += 1
        if self.skip_space() == "}":
            self.offset += 1
            return result
        while True:
            if self.skip_space() != '"':
                raise self.error(self.offset, "not valid JSON: expecting a property name in double quotes")
            key, start, _end = self.scalar_or_nested()
            if key in result:
                raise self.error(start, f"duplicate key {key!r}: servers differ on which value wins")
            if self.skip_space() != ":":
                raise self.error(self.offset, "not valid JSON: expecting ':' after a property name")
            self.offset += 1
            if self.skip_space() is None:
                raise self.error(self.offset, "not valid JSON: unexpected end of the document")
            result[key] = self.scalar_or_nested()[0]
            if self._after_member("}"):
                return result
