"""A schema as one boolean expression, for the places that only need a verdict.

anyOf, oneOf, not, if and contains ask "is this instance valid under that subschema?". A simple
subschema (bounds, lengths, type, const, enum...) becomes an inline expression; anything with
structure or references becomes a call to a generated boolean function.
"""

from __future__ import annotations

from typing import Any

from generator.compiler import checks, types
from generator.compiler.context import Bindings, Mode, ModuleContext
from generator.core import pointer as jp

_SIMPLE = frozenset(
    {
        "type", "const", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minLength", "maxLength", "pattern", "format", "minItems", "maxItems",
        "minProperties", "maxProperties", "required",
    }
)  # fmt: skip


_REFERENCES = ("$ref", "$dynamicRef", "$recursiveRef")


def is_reference_only(schema: Any) -> bool:
    """`{"$ref": ...}` and nothing else its dialect reads (see `ModuleContext.view`): a call."""
    return isinstance(schema, dict) and set(schema) == {"$ref"}


def references_in(schema: Any) -> bool:
    """Whether the schema itself refers elsewhere, or starts a resource of its own."""
    return isinstance(schema, dict) and any(k in schema for k in (*_REFERENCES, "$id", "id", "$dynamicAnchor"))


def predicate(
    ctx: ModuleContext,
    schema: Any,
    pointer: str,
    variable: str,
    known: frozenset[str] | None = None,
    bindings: Bindings = (),
) -> str:
    """A Python expression, true when the value in `variable` is valid under `schema`."""
    view = ctx.view(schema, pointer)
    if view is True or view == {}:
        return "True"
    if view is False:
        return "False"
    if is_reference_only(view):
        referenced = ctx.reference(view, pointer)
        if referenced is not None:
            return f"{ctx.function(referenced, Mode.BOOL, ctx.enter(pointer, bindings))}({variable})"
    if all(k in _SIMPLE for k in view) and not references_in(schema):
        return _expression(ctx, view, pointer, variable, known)
    return f"{ctx.function(pointer, Mode.BOOL, bindings)}({variable})"


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
