"""Read a spec: strict JSON, checked against the 2020-12 metaschema, with its local $refs resolved."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from generator.core import controls, jsontext, refs, schemawalk
from generator.core import pointer as jp
from generator.core.errors import Location, Problem, SpecgenError

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
MAX_DEPTH = 100  # JSON nesting a spec may have: real specs use a tenth of it, and deeper ones exhaust the stack
_METASCHEMA = Draft202012Validator(Draft202012Validator.META_SCHEMA)


@dataclass(frozen=True)
class SpecSource:
    """A spec as read from disk: its text, parsed document, digest and the line of every pointer."""

    display: str
    text: str
    document: dict[str, Any]
    sha256: str
    lines: jsontext.LineIndex

    def locate(self, pointer: str) -> Location:
        return Location(self.display, self.lines.line_of(pointer), pointer)

    def problem(self, pointer: str, message: str) -> Problem:
        return Problem(self.locate(pointer), message)


def load_spec(path: Path, display: str | None = None) -> SpecSource:
    """Read and check the spec at `path`; SpecgenError (exit 2) names the place of every fault."""
    name = display or path.as_posix()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SpecgenError.at("no such file", file=name) from None
    except IsADirectoryError:
        raise SpecgenError.at("is a directory, not a spec file", file=name) from None
    except OSError as error:
        raise SpecgenError.at(f"cannot be read: {error.strerror}", file=name) from None
    return parse_spec(data, name)


def parse_spec(data: bytes | str, display: str) -> SpecSource:
    """Check spec text already in memory; `display` is the name used in messages and headers."""
    try:
        text = jsontext.decode(data)
        document = jsontext.loads(text)
    except jsontext.JsonTextError as error:
        raise SpecgenError.at(str(error), file=display, line=error.line) from None
    lines = jsontext.index_lines(text)
    source = SpecSource(display, text, document, hashlib.sha256(text.encode()).hexdigest(), lines)
    if lines.duplicates:
        raise SpecgenError(
            source.problem(pointer, "duplicate key; JSON keys must be unique") for pointer, _ in lines.duplicates
        )
    if not isinstance(document, dict):
        raise SpecgenError.at("a spec must be a JSON object", file=display, line=1, pointer="")
    _check_depth(source)
    _check_surrogates(source)
    _check_dialect(source)
    _check_metaschema(source)
    _check_refs(source)
    return source


def _check_depth(source: SpecSource) -> None:
    """Refuse nesting past MAX_DEPTH, found without recursion, before anything recursive reads the spec."""
    level: list[tuple[str, Any]] = [("", source.document)]
    for _ in range(MAX_DEPTH):
        level = [
            (jp.child(pointer, key), child)
            for pointer, value in level
            for key, child in (value.items() if isinstance(value, dict) else enumerate(value))
            if isinstance(child, (dict, list))
        ]
        if not level:
            return
    raise SpecgenError([source.problem(level[0][0], f"nested deeper than {MAX_DEPTH} levels, more than specgen reads")])


def _check_surrogates(source: SpecSource) -> None:
    """Refuse a lone surrogate (`"\\ud800"`): valid JSON escapes, but no UTF-8 file can hold one."""
    problems = []
    pending: list[tuple[str, Any]] = [("", source.document)]
    while pending:
        pointer, value = pending.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                here = jp.child(pointer, key)
                if controls.has_surrogate(key):
                    problems.append(source.problem(here, "this key holds a lone surrogate, which no UTF-8 text can"))
                pending.append((here, child))
        elif isinstance(value, list):
            pending += [(jp.child(pointer, str(index)), child) for index, child in enumerate(value)]
        elif isinstance(value, str) and controls.has_surrogate(value):
            problems.append(source.problem(pointer, "this string holds a lone surrogate, which no UTF-8 text can"))
    if problems:
        raise SpecgenError(sorted(problems, key=str))


def _check_dialect(source: SpecSource) -> None:
    dialect = source.document.get("$schema", DRAFT_2020_12)
    if not isinstance(dialect, str) or dialect.rstrip("#") != DRAFT_2020_12:
        raise SpecgenError(
            [
                source.problem(
                    "/$schema", f"{dialect!r} is not supported; specs use JSON Schema 2020-12 ({DRAFT_2020_12!r})"
                )
            ]
        )


def _check_metaschema(source: SpecSource) -> None:
    problems = [
        source.problem(
            jp.from_tokens(error.absolute_path), f"not a valid JSON Schema 2020-12 document: {error.message}"
        )
        for error in sorted(_METASCHEMA.iter_errors(source.document), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if problems:
        raise SpecgenError(problems)


def _check_refs(source: SpecSource) -> None:
    problems = []
    for pointer, schema in schemawalk.walk(source.document):
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if ref is None:
            continue
        here = jp.child(pointer, "$ref")
        if not ref.startswith("#") or (len(ref) > 1 and not ref.startswith("#/")):
            problems.append(
                source.problem(
                    here,
                    f"{ref!r} is not supported: only local references to a JSON pointer (such as '#/$defs/Name') are",
                )
            )
            continue
        try:
            target = jp.resolve(source.document, refs.local_pointer(ref))
        except (KeyError, ValueError):
            problems.append(
                source.problem(here, f"{ref!r} does not resolve: nothing in this document is at that pointer")
            )
            continue
        if not isinstance(target, (dict, bool)):
            problems.append(source.problem(here, f"{ref!r} points at a {type(target).__name__}, not a schema"))
        elif _loops(source, pointer):
            problems.append(
                source.problem(here, f"{ref!r} leads round a cycle of references that never reaches a schema")
            )
    if problems:
        raise SpecgenError(problems)


def _loops(source: SpecSource, pointer: str) -> bool:
    """Whether following `$ref` from the schema at `pointer` comes back to where it started
    without passing through anything but references (a schema that is only `$ref` is a hop)."""
    seen = {pointer}
    schema = jp.resolve(source.document, pointer)
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        try:
            pointer = refs.local_pointer(schema["$ref"])
            schema = jp.resolve(source.document, pointer)
        except (KeyError, ValueError):
            return False  # reported as not resolving
        if pointer in seen:
            return True
        seen.add(pointer)
    return False
