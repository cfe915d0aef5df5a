"""Checking documents: which schema each is held to, each error with its place, the exit code.

Without `--def`, a document's shape chooses: an array is checked as the request body (what is
POSTed to Runware), anything else as the task; the summary says which was used. A long root
array whose schema is only `items` and bounds on its length is checked element by element as
it streams in, so its size costs no memory.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

from .inputs import Document, Item, StreamedArray, Unreadable

MAX_ERRORS = 1000  # reported per document; the rest are counted
_ARRAY_ONLY = frozenset(
    ("type", "items", "minItems", "maxItems", "title", "description", "$comment", "examples", "default", "deprecated")
)

OK, PROBLEMS, UNUSABLE = 0, 1, 2  # the documented exit codes (3 is an internal error)


class Validator(Protocol):
    def is_valid(self, value: Any) -> bool: ...
    def validate(self, value: Any) -> list[Any]: ...


def streamable(schema: Mapping[str, Any]) -> bool:
    """Whether an array schema can be checked one element at a time: `items` and length bounds only."""
    return schema.get("type") == "array" and "items" in schema and set(schema) <= _ARRAY_ONLY


@dataclass
class Schemas:
    """The validators by name and which of them a document is checked against."""

    validators: Mapping[str, Validator]
    task: str  # for objects and other non-arrays
    body: str | None = None  # for arrays
    forced: str | None = None  # --def
    array_schemas: Mapping[str, tuple[str, Mapping[str, Any]]] = field(
        default_factory=dict
    )  # streamable: pointer, schema

    def for_value(self, value: Any) -> str:
        if self.forced:
            return self.forced
        return self.body if self.body and isinstance(value, list) else self.task

    @property
    def for_arrays(self) -> str:
        return self.forced or self.body or self.task

    @property
    def stream_arrays(self) -> bool:
        return self.for_arrays in self.array_schemas


@dataclass(frozen=True)
class Found:
    """One error and where in the input it is."""

    path: str
    message: str
    keyword: str
    schema_path: str
    line: int
    column: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "schema_path": self.schema_path,
            "keyword": self.keyword,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }


@dataclass
class Checked:
    """A document's verdict."""

    source: str
    line: int
    column: int
    schema: str
    errors: list[Found]
    more: int = 0  # errors past MAX_ERRORS, not listed

    @property
    def valid(self) -> bool:
        return not self.errors


@dataclass
class Counts:
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0
    schemas: dict[str, int] = field(default_factory=dict)  # documents checked against each
    cut: bool = False  # the output was closed before the end (`| head`)

    def __str__(self) -> str:
        text = f"{self.valid} valid, {self.invalid} invalid"
        return text + (f", {self.unreadable} unreadable" if self.unreadable else "")

    def exit_code(self) -> int:
        if self.unreadable:
            return UNUSABLE
        return PROBLEMS if self.invalid else OK


class Report(Protocol):
    def document(self, checked: Checked) -> None: ...
    def unreadable(self, item: Unreadable) -> None: ...
    def summary(self, counts: Counts, schemas: Schemas) -> None: ...


def placed(document: Document, errors: list[Any], prefix: str = "") -> list[Found]:
    """The errors with the line and column where each one's instance starts."""
    at = document.locate({error.path for error in errors})
    found = []
    for error in errors:
        line, column = at[error.path]
        found.append(Found(prefix + error.path, error.message, error.keyword, error.schema_path, line, column))
    return found


def check(document: Document, schemas: Schemas) -> Checked:
    name = schemas.for_value(document.value)
    validator = schemas.validators[name]
    if validator.is_valid(document.value):
        return Checked(document.source, document.line, document.column, name, [])
    errors = validator.validate(document.value)
    shown = placed(document, errors[:MAX_ERRORS])
    return Checked(document.source, document.line, document.column, name, shown, max(0, len(errors) - MAX_ERRORS))


def check_streamed(array: StreamedArray, schemas: Schemas, progress: Progress | None) -> Checked:
    """A long root array, one element at a time: each is checked as the only element of an
    array (the errors under /0 are its own), then the length against the schema's bounds."""
    name = schemas.for_arrays
    validator = schemas.validators[name]
    pointer, schema = schemas.array_schemas[name]
    result = Checked(array.source, array.line, array.column, name, [])
    for element in array.elements:
        if progress:
            progress.tick(element.size)
        if validator.is_valid([element.value]):
            continue
        own = [error for error in validator.validate([element.value]) if error.path.startswith("/0")]
        for error in own:
            error.path = error.path[2:]
        room = MAX_ERRORS - len(result.errors)
        result.errors += placed(element, own[:room], f"/{element.index}") if room > 0 else []
        result.more += max(0, len(own) - max(room, 0))
    result.errors += _length_errors(array, pointer, schema)
    return result


def _length_errors(array: StreamedArray, pointer: str, schema: Mapping[str, Any]) -> list[Found]:
    shown = f"list of {array.count} items"  # as the validators show a list this long
    minimum, maximum = schema.get("minItems"), schema.get("maxItems")
    found = []
    if isinstance(minimum, int) and array.count < minimum:
        message = f"{shown} should be non-empty" if minimum == 1 else f"{shown} is too short"
        found.append(Found("", message, "minItems", f"{pointer}/minItems", array.line, array.column))
    if isinstance(maximum, int) and array.count > maximum:
        message = f"{shown} is expected to be empty" if maximum == 0 else f"{shown} is too long"
        found.append(Found("", message, "maxItems", f"{pointer}/maxItems", array.line, array.column))
    return found


def run(items: Iterable[Item], schemas: Schemas, report: Report, progress: Progress | None = None) -> Counts:
    """Check every item and report it; a closed output (`| head -1`) ends the run quietly."""
    counts = Counts()
    try:
        for item in items:
            _one(item, schemas, report, counts, progress)
        if progress:
            progress.done()
        report.summary(counts, schemas)
        sys.stdout.flush()
    except BrokenPipeError:
        counts.cut = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the exit's flush has somewhere to go
        os.close(devnull)
    return counts


def _one(item: Item, schemas: Schemas, report: Report, counts: Counts, progress: Progress | None) -> None:
    if isinstance(item, Document):
        try:
            checked: Checked | None = check(item, schemas)
        except RecursionError:  # a recursive schema and a payload nested deeper than Python goes
            checked = None
            item = Unreadable(item.source, item.line, item.column, "nested too deeply to validate", item.size)
    elif isinstance(item, StreamedArray):
        checked = check_streamed(item, schemas, progress)
        if item.failure is not None:
            if checked.errors:
                report.document(checked)
            item, checked = item.failure, None
    else:
        checked = None
    if isinstance(item, Unreadable):
        counts.unreadable += 1
        report.unreadable(item)
    elif checked is not None:
        counts.schemas[checked.schema] = counts.schemas.get(checked.schema, 0) + 1
        if checked.valid:
            counts.valid += 1
        else:
            counts.invalid += 1
        report.document(checked)
    if progress and not isinstance(item, StreamedArray):
        progress.tick(getattr(item, "size", 0))


class Progress:
    """A progress bar on a terminal, redrawn a few times a second; silent when piped. With the
    inputs' total size it shows how far through them it is; without (a stream), a count."""

    WIDTH = 30

    def __init__(self, stream: TextIO, total_bytes: int | None = None) -> None:
        self.stream = stream
        self.total = total_bytes
        self.enabled = stream.isatty()
        self.started = self.shown = time.monotonic()
        self.done_bytes = 0
        self.count = 0

    def tick(self, size: int) -> None:
        self.done_bytes += size
        self.count += 1
        if not self.enabled or self.count % 256:
            return
        now = time.monotonic()
        if now - self.shown < 0.2:
            return
        self.shown = now
        rate = f"{self.count:,} documents ({self.count / (now - self.started):,.0f}/s)"
        if self.total:
            share = min(self.done_bytes / self.total, 1.0)
            filled = int(share * self.WIDTH)
            rate = f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {share:4.0%} {rate}"
        self.stream.write(f"\r{rate}")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.shown > self.started:
            self.stream.write("\r\033[K")
            self.stream.flush()
