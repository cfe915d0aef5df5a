"""Where subschemas live in a JSON Schema 2020-12 document, so every pass walks it the same way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.core import pointer as jp
from generator.core import refs

# Keywords whose value is one subschema, a map of name -> subschema, or a list of subschemas.
SINGLE = (
    "additionalProperties",
    "items",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)
MAPPED = ("$defs", "properties", "patternProperties", "dependentSchemas")
LISTED = ("prefixItems", "allOf", "anyOf", "oneOf")


def children(schema: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """The direct subschemas of `schema` (at `pointer`), each with its own pointer."""
    if not isinstance(schema, dict):
        return
    for keyword in SINGLE:
        if keyword in schema:
            yield jp.child(pointer, keyword), schema[keyword]
    for keyword in MAPPED:
        members = schema.get(keyword)
        if isinstance(members, dict):
            for name, subschema in members.items():
                yield jp.child(pointer, keyword, name), subschema
    for keyword in LISTED:
        members = schema.get(keyword)
        if isinstance(members, list):
            for position, subschema in enumerate(members):
                yield jp.child(pointer, keyword, position), subschema


def follow(document: dict[str, Any], schema: Any, pointer: str = "") -> tuple[Any, str]:
    """The schema with its local `$ref`s followed, and the pointer where it ends up. Keywords
    beside a `$ref` (a description, say) win over the target's; a cycle of references stops, and
    so does a reference that is not a pointer into this document (the compiler resolves those)."""
    seen = set()
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and pointer not in seen:
        seen.add(pointer)
        try:
            target = refs.local_pointer(schema["$ref"])
            resolved = jp.resolve(document, target)
        except (KeyError, ValueError):
            break
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**resolved, **siblings} if isinstance(resolved, dict) else resolved
        pointer = target
    return schema, pointer


def walk(schema: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every schema in the document, depth first, the root included."""
    stack = [(pointer, schema)]
    while stack:
        here, node = stack.pop()
        yield here, node
        stack.extend(reversed(list(children(node, here))))
