"""How `specgen validate` reports: plain text, JSON Lines, or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from generator.core.jsontext import index_lines
from generator.tools.validate.payloads import Document, Unreadable


@dataclass
class Counts:
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0

    def __str__(self) -> str:
        text = f"{self.valid} valid, {self.invalid} invalid"
        return text + (f", {self.unreadable} unreadable" if self.unreadable else "")


def error_lines(document: Document, errors: Sequence[Any]) -> list[int]:
    """The line of each error: where its pointer starts in a whole-file document, or the
    document's own line in a JSON Lines file."""
    if document.text is None:
        return [document.line] * len(errors)
    index = index_lines(document.text)
    return [index.line_of(error.path) or document.line for error in errors]


class TextReport:
    """`file:line: /pointer: message` for each error, then `N valid, M invalid`."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def document(self, document: Document, errors: Sequence[Any]) -> None:
        for error, line in zip(errors, error_lines(document, errors), strict=True):
            self.out.write(f"{document.source}:{line}: {error.path or '/'}: {error.message}\n")

    def unreadable(self, item: Unreadable) -> None:
        line = f":{item.line}" if item.line is not None else ""
        self.out.write(f"{item.source}{line}: {item.message}\n")

    def summary(self, counts: Counts) -> None:
        self.out.write(f"{counts}\n")


class JsonReport:
    """One JSON object per document: source, line, valid, errors."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _write(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def document(self, document: Document, errors: Sequence[Any]) -> None:
        self._write(
            {
                "source": document.source,
                "line": document.line,
                "valid": not errors,
                "errors": [e.as_dict() for e in errors],
            }
        )

    def unreadable(self, item: Unreadable) -> None:
        self._write(
            {"source": item.source, "line": item.line, "valid": False, "errors": [], "unreadable": item.message}
        )

    def summary(self, counts: Counts) -> None:
        pass  # every document has its line already; a summary line would not be a document


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReport:
    """`::error file=…,line=…::` workflow commands, which GitHub Actions shows as annotations."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _error(self, source: str, line: int | None, title: str, message: str) -> None:
        place = f"file={_escape_property(source)}" + (f",line={line}" if line is not None else "")
        self.out.write(f"::error {place},title={_escape_property(title)}::{_escape_data(message)}\n")

    def document(self, document: Document, errors: Sequence[Any]) -> None:
        for error, line in zip(errors, error_lines(document, errors), strict=True):
            self._error(
                document.source,
                line,
                f"{error.keyword} at {error.path or '/'}",
                f"{error.path or '/'}: {error.message}",
            )

    def unreadable(self, item: Unreadable) -> None:
        self._error(item.source, item.line, "unreadable input", item.message)

    def summary(self, counts: Counts) -> None:
        self.out.write(f"{counts}\n")


class Report(Protocol):
    def document(self, document: Document, errors: Sequence[Any]) -> None: ...
    def unreadable(self, item: Unreadable) -> None: ...
    def summary(self, counts: Counts) -> None: ...


FORMATS: dict[str, Callable[[TextIO], Report]] = {"text": TextReport, "json": JsonReport, "github": GithubReport}
