"""Spec problems that JSON Schema itself allows but a spec for code generation must not have.

* a default or example that its own schema rejects (checked with the compiled validator, so
  `multipleOf: 0.01` is decided on decimals, as the generated code will decide it);
* a parameter (any property) without a description;
* bounds that contradict each other, an allowed value outside the declared type, a required
  property that `additionalProperties: false` forbids;
* keywords, formats or patterns the validator compiler does not support;
* a pattern that keeps Python's backtracking engine (backreferences, lookarounds) where its time
  may grow faster than the string: every other pattern runs in linear time;
* an extension keyword that is not one of generator/spec/extensions.py's, a top-level parameter
  without an `x-group` (it would land in the first section unannounced), and an inferred value
  without its provenance note.
"""

from __future__ import annotations

from typing import Any

from generator.compiler import compile_module
from generator.compiler.inmemory import validators_at
from generator.compiler.module import EntryPoint
from generator.compiler.patterns import UnsupportedPatternError, compile_pattern
from generator.core import pointer as jp
from generator.core import schemawalk
from generator.core.errors import Problem
from generator.core.jsonvalues import json_types
from generator.spec.extensions import EXTENSIONS, PROVENANCES
from generator.spec.load import SpecSource

_PAIRS = (
    ("minimum", "maximum", "greater than"),
    ("exclusiveMinimum", "exclusiveMaximum", "not less than"),
    ("minimum", "exclusiveMaximum", "not less than"),
    ("exclusiveMinimum", "maximum", "not less than"),
    ("minLength", "maxLength", "greater than"),
    ("minItems", "maxItems", "greater than"),
    ("minProperties", "maxProperties", "greater than"),
    ("minContains", "maxContains", "greater than"),
)


def lint(source: SpecSource) -> list[Problem]:
    """Every problem in the spec, in document order."""
    schemas = list(schemawalk.walk(source.document))
    problems = _unsupported(source, schemas)
    for pointer, schema in schemas:
        if isinstance(schema, dict):
            if not _is_condition(pointer):
                problems += _descriptions(source, pointer, schema)
            problems += _contradictions(source, pointer, schema)
            problems += _backtracking(source, pointer, schema)
    problems += _defaults_and_examples(source, schemas)
    problems += _extensions(source, schemas)
    return sorted(set(problems), key=lambda p: (p.location.line or 0, p.location.pointer or "", p.message))


def _unsupported(source: SpecSource, schemas: list[tuple[str, Any]]) -> list[Problem]:
    entries = [
        EntryPoint(f"s{n}", f"s{n}", pointer, "")
        for n, (pointer, schema) in enumerate(schemas)
        if isinstance(schema, dict)
    ]
    module = compile_module(source, entries)
    return [*module.problems, *module.ignored]


def _is_condition(pointer: str) -> bool:
    """Inside an `if`, `not`, `contains` or `propertyNames`: properties there test a payload,
    they do not declare parameters, so they need no description."""
    tokens = jp.split(pointer)
    names = {"properties", "patternProperties", "$defs", "dependentSchemas"}
    return any(
        t in ("if", "not", "contains", "propertyNames") and (i == 0 or tokens[i - 1] not in names)
        for i, t in enumerate(tokens)
    )


def _descriptions(source: SpecSource, pointer: str, schema: dict[str, Any]) -> list[Problem]:
    problems = []
    for name, subschema in schema.get("properties", {}).items():
        if isinstance(subschema, dict) and not str(subschema.get("description", "")).strip():
            problems.append(
                source.problem(jp.child(pointer, "properties", name), f"the parameter {name!r} has no description")
            )
    return problems


def _contradictions(source: SpecSource, pointer: str, schema: dict[str, Any]) -> list[Problem]:
    problems = []
    for low, high, relation in _PAIRS:
        if low in schema and high in schema and _contradicts(schema[low], schema[high], relation):
            message = f"{low} {schema[low]!r} is {relation} {high} {schema[high]!r}: no value can pass"
            problems.append(source.problem(jp.child(pointer, low), message))
    declared = schema.get("type")
    if declared is not None:
        allowed = {declared} if isinstance(declared, str) else set(declared)
        if "number" in allowed:
            allowed.add("integer")
        for keyword in ("enum", "const"):
            values = schema.get(keyword, []) if keyword == "enum" else [schema[keyword]] if keyword in schema else []
            for position, value in enumerate(values):
                kinds = json_types([value])
                if not kinds & allowed and not (kinds == {"integer"} and "number" in allowed):
                    here = jp.child(pointer, keyword, position) if keyword == "enum" else jp.child(pointer, keyword)
                    problems.append(source.problem(here, f"{value!r} is not of the declared type {declared!r}"))
    if schema.get("additionalProperties") is False and not schema.get("patternProperties"):
        declared_names = set(schema.get("properties", {}))
        for name in schema.get("required", []):
            if name not in declared_names:
                message = f"{name!r} is required, but additionalProperties is false and it is not among the properties"
                problems.append(source.problem(jp.child(pointer, "required"), message))
    return problems


def _backtracking(source: SpecSource, pointer: str, schema: dict[str, Any]) -> list[Problem]:
    """Patterns the validators must run on `re` although its search time is not linear for them."""
    found = []
    if isinstance(schema.get("pattern"), str):
        found.append((schema["pattern"], jp.child(pointer, "pattern")))
    if isinstance(schema.get("patternProperties"), dict):
        found += [(p, jp.child(pointer, "patternProperties", p)) for p in schema["patternProperties"]]
    problems = []
    for pattern, here in found:
        try:
            compiled = compile_pattern(pattern)
        except UnsupportedPatternError:
            continue  # the compiler's own refusal reports it
        if compiled.backtracking:
            message = (
                f"pattern {pattern!r} needs backtracking (a backreference or lookaround), and its search time "
                f"may grow as {compiled.worst_case} in the string's length: a long string can stall a validator"
            )
            problems.append(source.problem(here, message))
    return problems


def _contradicts(low: Any, high: Any, relation: str) -> bool:
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high)):
        return False
    return bool(low > high if relation == "greater than" else low >= high)


def _defaults_and_examples(source: SpecSource, schemas: list[tuple[str, Any]]) -> list[Problem]:
    """Run every default and example through the compiled validator of its own schema."""
    cases = []  # (pointer of the value, pointer of its schema, value)
    for pointer, schema in schemas:
        if not isinstance(schema, dict):
            continue
        if "default" in schema:
            cases.append((jp.child(pointer, "default"), pointer, schema["default"]))
        for position, example in enumerate(
            schema.get("examples", []) if isinstance(schema.get("examples"), list) else []
        ):
            cases.append((jp.child(pointer, "examples", position), pointer, example))
    if not cases:
        return []
    module, entries = validators_at(source, [schema_pointer for _, schema_pointer, _ in cases], strict=False)
    problems = []
    for (value_pointer, _, value), entry in zip(cases, entries, strict=True):
        for error in getattr(module, f"validate_{entry.python_name}")(value):
            kind = "default" if value_pointer.endswith("/default") else "example"
            where = f" at {error.path}" if error.path else ""
            problems.append(
                source.problem(value_pointer, f"the {kind} {value!r} fails its own schema{where}: {error.message}")
            )
    return problems


def _extensions(source: SpecSource, schemas: list[tuple[str, Any]]) -> list[Problem]:
    """The extension keywords: known ones only, groups on top-level parameters, provenance explained."""
    problems = []
    known = ", ".join(EXTENSIONS)
    for pointer, schema in schemas:
        if not isinstance(schema, dict):
            continue
        for keyword in schema:
            if keyword.startswith("x-") and keyword not in EXTENSIONS:
                problems.append(
                    source.problem(
                        jp.child(pointer, keyword), f"unknown extension keyword {keyword!r} (known: {known})"
                    )
                )
        provenance, note = schema.get("x-provenance"), str(schema.get("x-provenance-note", "")).strip()
        if provenance is not None and provenance not in PROVENANCES:
            message = f"x-provenance {provenance!r} is not one of {', '.join(map(repr, PROVENANCES))}"
            problems.append(source.problem(jp.child(pointer, "x-provenance"), message))
        elif provenance is not None and not note:
            message = (
                f"x-provenance {provenance!r} without x-provenance-note: say which values are confirmed, and by what"
            )
            problems.append(source.problem(jp.child(pointer, "x-provenance"), message))
        elif note and provenance is None:
            message = "x-provenance-note without x-provenance: say whether the values are inferred or secondary"
            problems.append(source.problem(jp.child(pointer, "x-provenance-note"), message))
        count = schema.get("x-learn-more")
        if "x-learn-more" in schema and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
            problems.append(
                source.problem(jp.child(pointer, "x-learn-more"), "x-learn-more must be a count of 1 or more")
            )
    document = source.document
    meta = document.get("x-runware")
    if isinstance(meta, dict) and isinstance(meta.get("groups"), list) and isinstance(document.get("properties"), dict):
        for name, subschema in document["properties"].items():
            if isinstance(subschema, dict) and "x-group" not in subschema:
                message = f"the parameter {name!r} has no x-group: say which section of the page documents it"
                problems.append(source.problem(jp.child("", "properties", name), message))
    return problems
