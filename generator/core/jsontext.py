"""Strict JSON text: no NaN or Infinity, no duplicate keys, and the line of every value.

`json.loads` does the parsing (fast, with good messages); a second, small scanner maps every JSON
pointer to the line it starts on, so problems can be reported as `file:line: /pointer: message`.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from generator.core import exactnumbers
from generator.core import pointer as jp

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = ("true", "false", "null")


class JsonTextError(ValueError):
    """Text that cannot be read as strict JSON, with the 1-based line and (where known) column of
    the fault; str() gives the whole message."""

    def __init__(self, message: str, line: int, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return self.message if self.column is None else f"{self.message} (column {self.column})"


class _ConstantError(ValueError):
    """NaN, Infinity or -Infinity: Python's json reads them, JSON has none of them."""


def _reject_constant(name: str) -> Any:
    raise _ConstantError(name)


# built once: json.loads(..., hook) builds one per call
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=exactnumbers.parse_float)


def decode(data: bytes | str) -> str:
    """JSON text from bytes: UTF-8, a leading byte-order mark skipped (RFC 8259 lets a reader
    ignore it); bytes that are not UTF-8 are refused with their line and offset."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise JsonTextError(f"not UTF-8: byte {data[error.start]:#04x} at offset {error.start}", line, None) from None
    return text.removeprefix("\ufeff")


def read(data: bytes | str) -> Any:
    """Decode and parse strict JSON text: `loads(decode(data))`."""
    return loads(decode(data))


def loads(text: str) -> Any:
    """Parse strict JSON text; NaN, Infinity and -Infinity are refused with their place, and so
    are what Python cannot hold: numbers of more digits than it converts, and nesting past its stack."""
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise JsonTextError(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except _ConstantError as error:
        line, column = _find(text, r"-?\b(?:NaN|Infinity)\b")
        raise JsonTextError(f"not valid JSON: {error} is not a JSON value", line, column) from None
    except ValueError:  # int() refused more digits than sys.get_int_max_str_digits()
        limit = sys.get_int_max_str_digits()
        line, column = _find(text, rf"(?<![\w.+-])-?[0-9]{{{limit + 1},}}(?![.eE0-9])")
        raise JsonTextError(
            f"an integer of more than {limit} digits, past what Python converts", line, column
        ) from None
    except RecursionError:
        raise JsonTextError("nested too deeply to read (past Python's recursion limit)", 1, None) from None


def _find(text: str, pattern: str) -> tuple[int, int]:
    """Where `pattern` first matches outside a string."""
    for match in re.finditer(rf'"(?:[^"\\]|\\.)*"|{pattern}', text):
        if not match.group().startswith('"'):
            return line_column(text, match.start())
    return 1, 1


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass
class LineIndex:
    """The line each value starts on, by JSON pointer, and every key that appears twice."""

    lines: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)

    def line_of(self, pointer: str) -> int | None:
        """The line of `pointer`, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.lines:
                return self.lines[pointer]
            if not pointer:
                return None
            pointer = pointer[: pointer.rfind("/")]


def index_lines(text: str) -> LineIndex:
    """Scan text that `loads` accepted and record where each value starts."""
    index = LineIndex()
    newlines = [i for i, char in enumerate(text) if char == "\n"]

    def line_at(offset: int) -> int:
        low, high = 0, len(newlines)
        while low < high:
            middle = (low + high) // 2
            if newlines[middle] < offset:
                low = middle + 1
            else:
                high = middle
        return low + 1

    def skip(offset: int) -> int:
        match = _WHITESPACE.match(text, offset)
        return match.end() if match else offset

    def string(offset: int) -> tuple[str, int]:
        match = _STRING.match(text, offset)
        assert match is not None, "index_lines expects text that json.loads accepted"
        return str(json.loads(match.group())), match.end()

    def value(offset: int, path: str) -> int:
        offset = skip(offset)
        index.lines[path] = line_at(offset)
        char = text[offset]
        if char == "{":
            return members(offset + 1, path)
        if char == "[":
            return elements(offset + 1, path)
        if char == '"':
            return string(offset)[1]
        for literal in _LITERALS:
            if text.startswith(literal, offset):
                return offset + len(literal)
        match = _NUMBER.match(text, offset)
        assert match is not None, "index_lines expects text that json.loads accepted"
        return match.end()

    def members(offset: int, path: str) -> int:
        seen: set[str] = set()
        offset = skip(offset)
        if text[offset] == "}":
            return offset + 1
        while True:
            offset = skip(offset)
            key_line = line_at(offset)
            key, offset = string(offset)
            member = jp.child(path, key)
            if key in seen:
                index.duplicates.append((member, key_line))
            seen.add(key)
            offset = skip(offset) + 1  # the colon
            offset = skip(value(offset, member))
            if text[offset] == "}":
                return offset + 1
            offset += 1  # the comma

    def elements(offset: int, path: str) -> int:
        offset = skip(offset)
        if text[offset] == "]":
            return offset + 1
        position = 0
        while True:
            offset = skip(value(offset, jp.child(path, position)))
            if text[offset] == "]":
                return offset + 1
            offset += 1
            position += 1

    with contextlib.suppress(RecursionError):  # lines stay partial for absurdly deep documents
        value(0, "")
    return index
