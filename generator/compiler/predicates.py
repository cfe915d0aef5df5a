"""A schema as one boolean expression, for the places that only need a verdict.

anyOf, oneOf, not, if and contains ask "is this instance valid under that subschema?". A simple
subschema (bounds, lengths, type, const, enum...) becomes an inline expression; anything with
structure or references becomes a call to a generated boolean function.
"""

from __future__ import annotations

from typing import Any

from generator.compiler import checks, types
from generator.compiler.context import Mode, ModuleContext
from generator.core import pointer as jp
from generator.core.vocabulary import is_annotation

_SIMPLE = frozenset(
    {
        "type", "const", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minLength", "maxLength", "pattern", "format", "minItems", "maxItems",
        "minProperties", "maxProperties", "required",
    }
)  # fmt: skip


def is_reference_only(schema: Any) -> bool:
    """`{"$ref": ...}` with nothing but annotations beside it: a plain call to the target."""
    return isinstance(schema, dict) and "$ref" in schema and all(k == "$ref" or is_annotation(k) for k in schema)


def predicate(ctx: ModuleContext, schema: Any, pointer: str, variable: str, known: frozenset[str] | None = None) -> str:
    """A Python expression, true when the value in `variable` is valid under `schema`."""
    if schema is True or schema == {}:
        return "True"
    if schema is False:
        return "False"
    ctx.inspect(schema, pointer)
    if is_reference_only(schema):
        return f"{ctx.function(ctx.ref_target(schema), Mode.BOOL)}({variable})"
    if all(k in _SIMPLE or is_annotation(k) for k in schema):
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
