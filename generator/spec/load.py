"""Read a spec: strict JSON, checked against its dialect's metaschema, with its local $refs checked.

A spec may be written in any dialect from draft 4 to 2020-12 (chosen by `$schema`, 2020-12 when
absent); references to other documents are resolved by the compiler, from the places the user
allowed (the spec's folder and each `--ref-dir`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators

from generator.core import controls, jsontext, refs, schemawalk
from generator.core import pointer as jp
from generator.core.errors import Location, Problem, SpecgenError

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
MAX_DEPTH = 100  # JSON nesting a spec may have: real specs use a tenth of it, and deeper ones exhaust the stack


@dataclass(frozen=True)
class SpecSource:
    """A spec as read from disk: its text, parsed document, digest and the line of every pointer."""

    display: str
    text: str
    document: dict[str, Any]
    sha256: str
    lines: jsontext.LineIndex
    path: Path | None = None  # where it was read from: documents beside it may be referenced
    ref_dirs: tuple[Path, ...] = ()  # further folders references may read from (--ref-dir)
    url_dirs: tuple[tuple[str, Path], ...] = ()  # URL prefixes served from local folders
    dialect: str | None = None  # the `$schema` assumed when the spec names none

    def locate(self, pointer: str) -> Location:
        return Location(self.display, self.lines.line_of(pointer), pointer)

    def problem(self, pointer: str, message: str) -> Problem:
        return Problem(self.locate(pointer), message)


def load_spec(path: Path, display: str | None = None, ref_dirs: tuple[Path, ...] = ()) -> SpecSource:
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
    return parse_spec(data, name, path=path, ref_dirs=ref_dirs)


def parse_spec(
    data: bytes | str,
    display: str,
    *,
    path: Path | None = None,
    ref_dirs: tuple[Path, ...] = (),
    url_dirs: tuple[tuple[str, Path], ...] = (),
    dialect: str | None = None,
) -> SpecSource:
    """Check spec text already in memory; `display` is the name used in messages and headers."""
    try:
        text = jsontext.decode(data)
        document = jsontext.loads(text)
    except jsontext.JsonTextError as error:
        raise SpecgenError.at(str(error), file=display, line=error.line) from None
    lines = jsontext.index_lines(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    source = SpecSource(display, text, document, digest, lines, path, ref_dirs, url_dirs, dialect)
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
    if not isinstance(dialect, str):
        raise SpecgenError([source.problem("/$schema", f"{dialect!r} is not a dialect: $schema must be a URI")])


def _check_metaschema(source: SpecSource) -> None:
    """Against the metaschema of the spec's dialect; a custom metaschema's own keywords are the
    compiler's business (it reads its `$vocabulary`), so 2020-12's metaschema judges the rest."""
    default = validators.validator_for({"$schema": source.dialect or DRAFT_2020_12}, default=Draft202012Validator)
    validator_class = validators.validator_for(source.document, default=default)
    metaschema = validator_class(validator_class.META_SCHEMA)
    problems = [
        source.problem(jp.from_tokens(error.absolute_path), f"not a valid JSON Schema document: {error.message}")
        for error in sorted(metaschema.iter_errors(source.document), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if problems:
        raise SpecgenError(problems)


def _check_refs(source: SpecSource) -> None:
    """Local references must lead to a schema and not round a cycle of bare references. Only in a
    document with no embedded `$id`, where a `#/...` fragment is certainly a pointer into it: the
    compiler resolves the rest (and names the place of any that leads nowhere)."""
    walked = list(schemawalk.walk(source.document))
    if any(isinstance(schema, dict) and ("$id" in schema or "id" in schema) for pointer, schema in walked if pointer):
        return
    problems = []
    for pointer, schema in walked:
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
            continue
        here = jp.child(pointer, "$ref")
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
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and refs.is_local(schema["$ref"]):
        try:
            pointer = refs.local_pointer(schema["$ref"])
            schema = jp.resolve(source.document, pointer)
        except (KeyError, ValueError):
            return False  # reported as not resolving
        if pointer in seen:
            return True
        seen.add(pointer)
    return False
