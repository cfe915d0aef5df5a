"""JSON values as JSON Schema sees them: their types, equality, and the values a schema lists.

A JSON number is a decimal: `1.0` is the integer 1 and equals `1`; `true` is not a number.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from fractions import Fraction
from typing import Any

from generator.core.exactnumbers import InexactFloat, exact
from generator.core.vocabulary import is_annotation


def json_type(value: Any) -> str:
    """The most specific JSON Schema type of a parsed JSON value (`1.0` is an "integer")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, InexactFloat):
        return "integer" if value.exact.denominator == 1 else "number"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def json_types(values: list[Any]) -> frozenset[str]:
    return frozenset(json_type(value) for value in values)


def canonical(value: Any) -> Hashable:
    """A hashable form under which two values are equal exactly when JSON says they are:
    `1`, `1.0` and `1e0` meet; `true` and `1` do not; object key order does not matter."""
    if isinstance(value, bool) or value is None:
        return (json_type(value), value)
    if isinstance(value, int):
        return ("number", Fraction(value))
    if isinstance(value, float):
        finite = isinstance(value, InexactFloat) or math.isfinite(value)
        return ("number", exact(value) if finite else repr(value))
    if isinstance(value, list):
        return ("array", tuple(canonical(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, canonical(item)) for key, item in value.items()))
    return ("string", value)


def json_equal(left: Any, right: Any) -> bool:
    return canonical(left) == canonical(right)


def constant_branches(branches: list[Any]) -> list[Any] | None:
    """The values of branches that are each just `{"const": value}` (plus annotations), if all are
    and no two are equal: then "exactly one" and "at least one" both mean "one of these values"."""
    values = []
    for branch in branches:
        if not isinstance(branch, dict) or "const" not in branch:
            return None
        if any(keyword != "const" and not is_annotation(keyword) for keyword in branch):
            return None
        values.append(branch["const"])
    distinct = {canonical(value) for value in values}
    return values if len(distinct) == len(values) else None


def listed_values(schema: dict[str, Any]) -> list[Any] | None:
    """The allowed values a schema lists (`const`, `enum`, or a oneOf/anyOf of constants), if it does."""
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema and isinstance(schema["enum"], list):
        return list(schema["enum"])
    for keyword in ("oneOf", "anyOf"):
        branches = schema.get(keyword)
        if isinstance(branches, list):
            values = constant_branches(branches)
            if values is not None:
                return values
    return None
