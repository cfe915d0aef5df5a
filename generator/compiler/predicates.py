"""A schema as one boolean expression, for the places that only need a verdict.

anyOf, oneOf, not, if and contains ask "is this instance valid under that subschema?". A simple
subschema (bounds, lengths, type, const, enum...) becomes an inline expression; anything with
structure or references becomes a call to a generated boolean function.
"""

from __future__ import annotations

import json
from typing import Any

from generator.compiler import checks, types
from generator.compiler.context import ANNOTATIONS, Mode, ModuleContext
from generator.core import pointer as jp

_SIMPLE = frozenset(
    {
        "type", "const", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minLength", "maxLength", "pattern", "format", "minItems", "maxItems",
        "minProperties", "maxProperties", "required",
    }
)  # fmt: skip


def is_reference_only(schema: Any) -> bool:
    """`{"$ref": ...}` with nothing but annotations beside it: a plain call to the target."""
    return (
        isinstance(schema, dict)
        and "$ref" in schema
        and all(k == "$ref" or k in ANNOTATIONS or k.startswith("x-") for k in schema)
    )


def constants_only(branches: list[Any]) -> list[Any] | None:
    """The values of branches that are each just `{"const": value}` (plus annotations), if all are
    and no two are equal: then "exactly one" and "at least one" both mean "one of these values"."""
    values = []
    for branch in branches:
        if not isinstance(branch, dict) or "const" not in branch:
            return None
        if any(k != "const" and k not in ANNOTATIONS and not k.startswith("x-") for k in branch):
            return None
        values.append(branch["const"])
    distinct = {_canonical(value) for value in values}
    return values if len(distinct) == len(values) else None


def _canonical(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, sort_keys=True)


def predicate(ctx: ModuleContext, schema: Any, pointer: str, variable: str, known: frozenset[str] | None = None) -> str:
    """A Python expression, true when the value in `variable` is valid under `schema`."""
    if schema is True or schema == {}:
        return "True"
    if schema is False:
        return "False"
    ctx.inspect(schema, pointer)
    if is_reference_only(schema):
        return f"{ctx.function(ctx.ref_target(schema), Mode.BOOL)}({variable})"
    if all(k in _SIMPLE or k in ANNOTATIONS or k.startswith("x-") for k in schema):
        return _expression(ctx, schema, pointer, variable, known)
    return f"{ctx.function(pointer, Mode.BOOL)}({variable})"


def _expression(
    ctx: ModuleContext, schema: dict[str, Any], pointer: str, variable: str, known: frozenset[str] | None
) -> str:
    parts = []
    type_check = checks.type_check(schema, pointer, variable, ctx)
    if type_check:
        parts.append(type_check.passes)
        known = checks.declared_types(schema)
    parts += [check.passes for check in checks.value_checks(schema, pointer, variable, known, ctx)]
    grouped = {
        "number": checks.number_checks(schema, pointer, variable, ctx),
        "string": checks.string_checks(schema, pointer, variable, ctx),
        "array": [c for c in checks.size_checks(schema, pointer, variable) if c.group == "array"],
        "object": [c for c in checks.size_checks(schema, pointer, variable) if c.group == "object"],
    }
    if schema.get("required"):
        here = jp.child(pointer, "required")
        grouped["object"] += [
            checks.Check(
                "required", "object", f"{name!r} in {variable}", f"{name!r} not in {variable}", checks.plain(""), here
            )
            for name in schema["required"]
        ]
    for group, group_checks in grouped.items():
        if not group_checks or types.group_impossible(group, known):
            continue
        condition = " and ".join(check.passes for check in group_checks)
        if types.group_applies(group, known):
            parts.append(condition)
        else:
            parts.append(f"(not {ctx.type_test(group, variable)} or ({condition}))")
    if not parts:
        return "True"
    return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"
