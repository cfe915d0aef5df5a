"""One schema object of an OpenAPI document, made a JSON Schema 2020-12 schema the validator
compiler compiles, keeping every constraint it can and reporting each change.

OpenAPI 3.1 schemas are 2020-12 already; OpenAPI 3.0 wrote a few things its own way:
`nullable: true` (null is allowed too: added to `type`, and to `enum` or `const` when they list
the values), boolean `exclusiveMinimum`/`exclusiveMaximum` (beside `minimum`/`maximum`), and
`example`. OpenAPI's own formats that are bounds (`int32`, `int64`, `float`) or a pattern
(`byte`: base64) are kept as those. What cannot be kept is dropped, recorded under `x-dropped`
in the schema and reported as making the validators accept more than the document does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.compiler.dialects import DEFAULT as COMPILED_DIALECT
from generator.compiler.formats import FORMATS
from generator.core.vocabulary import is_annotation

Note = Callable[[str], None]

DROPPED = "x-dropped"  # what the validators do not check, as the document wrote it
OPENAPI_ONLY = ("discriminator", "xml", "externalDocs")  # hints for code generators: no constraint on values
_TOP_LEVEL = ("$id", "title", "x-runware", "$defs")
_BOUNDS = {  # OpenAPI's formats that are ranges (https://spec.openapis.org/registry/format/)
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "float": (-3.4028234663852886e38, 3.4028234663852886e38),
}
_NO_CONSTRAINT = {  # formats that say nothing about a JSON value
    "double": "any JSON number is a double",
    "binary": "it describes non-JSON bodies",
    "password": "it only asks user interfaces to hide the value",
}
BASE64 = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"  # RFC 4648 section 4, padded


def convert(schema: dict[str, Any], note: Note, top: bool = False) -> None:
    """Convert `schema` in place (not its subschemas); `note` is told each change."""
    if "example" in schema:
        schema.setdefault("examples", [schema.pop("example")])
        note("example converted to examples")
    _nullable(schema, note)
    _exclusive_bounds(schema, note)
    for keyword in OPENAPI_ONLY:
        if schema.pop(keyword, None) is not None:
            note(f"{keyword} dropped: an OpenAPI hint, no constraint on values")
    if "format" in schema and schema["format"] not in FORMATS:
        _format(schema, note)
    for keyword in [k for k in schema if not COMPILED_DIALECT.has(k) and not is_annotation(k)]:
        if top and keyword in _TOP_LEVEL:
            continue
        _drop(schema, keyword, note, "the validator compiler does not support it")


def _drop(schema: dict[str, Any], keyword: str, note: Note, why: str) -> None:
    schema.setdefault(DROPPED, {})[keyword] = schema.pop(keyword)
    note(f"{keyword} dropped: {why}, so the validators accept more than the document (kept in {DROPPED})")


def _nullable(schema: dict[str, Any], note: Note) -> None:
    if "nullable" not in schema:
        return
    nullable = schema.pop("nullable")
    if nullable is not True:
        note("nullable: false dropped: it is the default")
        return
    if "type" not in schema and "enum" not in schema and "const" not in schema:
        note("nullable dropped: without a type it allows nothing more (OpenAPI 3.0.3)")
        return
    if "type" in schema:
        kinds = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
        schema["type"] = kinds if "null" in kinds else [*kinds, "null"]
    if "const" in schema:
        schema["enum"] = [schema.pop("const"), None]
    elif "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    listed = " and to its values" if "enum" in schema else ""
    note(f"nullable converted: null added to the type{listed}")


def _exclusive_bounds(schema: dict[str, Any], note: Note) -> None:
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = schema.get(exclusive)
        if not isinstance(flag, bool):
            continue
        del schema[exclusive]
        if flag and bound in schema:
            schema[exclusive] = schema.pop(bound)
            note(f"{exclusive}: true converted: {bound} {schema[exclusive]!r} became {exclusive}")
        else:
            note(f"{exclusive}: {str(flag).lower()} dropped: {'without ' + bound if flag else 'it is the default'}")


def _format(schema: dict[str, Any], note: Note) -> None:
    name = schema["format"]
    if name in _BOUNDS:
        low, high = _BOUNDS[name]
        del schema["format"]
        schema["minimum"] = max(schema.get("minimum", low), low)
        schema["maximum"] = min(schema.get("maximum", high), high)
        note(f"format {name!r} kept as minimum {schema['minimum']!r} and maximum {schema['maximum']!r}")
    elif name in _NO_CONSTRAINT:
        del schema["format"]
        note(f"format {name!r} dropped: {_NO_CONSTRAINT[name]}, so no constraint is lost")
    elif name == "byte":
        del schema["format"]
        if "pattern" in schema:  # one pattern per schema: the second goes in an allOf
            schema.setdefault("allOf", []).append({"pattern": BASE64})
        else:
            schema["pattern"] = BASE64
        note("format 'byte' kept as a base64 pattern")
    else:
        _drop(schema, "format", note, f"{name!r} is not a format the validators assert")
