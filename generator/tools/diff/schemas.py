"""One spec document as the differ reads it: references followed, and each schema reduced to the
keywords that constrain instances, in one normal form, so that two schemas are compared by
meaning rather than by how they are written.

The normal form: `const` is a one-value `enum`; a `oneOf`/`anyOf` whose branches are only constants
is the `enum` of their values; a `type` beside an `enum` whose values all have that type says
nothing more and goes; annotations and unknown keywords go (they constrain nothing).
"""

from __future__ import annotations

from typing import Any

from generator.compiler.context import ASSERT_FORMATS
from generator.core import pointer as jp
from generator.core import refs, schemawalk
from generator.core.jsonvalues import canonical, json_type
from generator.core.vocabulary import is_annotation

VALUE_KEYWORDS = ("type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
                  "maxLength", "minLength", "pattern", "format", "maxItems", "minItems", "uniqueItems",
                  "maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired")  # fmt: skip
SUBSCHEMA_KEYWORDS = ("properties", "patternProperties", "additionalProperties", "propertyNames", "dependentSchemas",
                      "unevaluatedProperties", "prefixItems", "items", "contains", "unevaluatedItems", "allOf",
                      "anyOf", "oneOf", "not", "if", "then", "else")  # fmt: skip
KNOWN = frozenset(VALUE_KEYWORDS + SUBSCHEMA_KEYWORDS + ("const", "$ref", "$dynamicRef"))


class Document:
    """A spec document (2020-12 meaning) with its references and anchors indexed."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.anchors: dict[str, str] = {}
        for pointer, node in schemawalk.walk(document):
            if isinstance(node, dict):
                for keyword in ("$anchor", "$dynamicAnchor"):
                    if isinstance(node.get(keyword), str):
                        self.anchors.setdefault(node[keyword], pointer)
        vocabulary = document.get("$vocabulary")
        # formats constrain only where the spec asks (its switch, or the format-assertion vocabulary)
        self.asserts_formats = bool(document.get(ASSERT_FORMATS)) or (
            isinstance(vocabulary, dict) and any("format-assertion" in str(v) for v in vocabulary)
        )
        self.uses_unevaluated = any(
            isinstance(node, dict) and ("unevaluatedProperties" in node or "unevaluatedItems" in node)
            for _, node in schemawalk.walk(document)
        )

    def target(self, ref: str) -> str | None:
        """The pointer a local reference names, or None."""
        if ref.startswith("#") and not ref.startswith("#/") and len(ref) > 1:
            return self.anchors.get(ref[1:])
        if refs.is_local(ref):
            return refs.local_pointer(ref)
        return None

    def resolve(self, schema: Any, pointer: str) -> tuple[Any, str]:
        """`schema` with its references followed. A reference with constraints beside it means
        both (2020-12): that is written as an `allOf` holding the reference."""
        seen: set[str] = set()
        while isinstance(schema, dict) and pointer not in seen:
            ref = schema.get("$ref", schema.get("$dynamicRef"))
            if not isinstance(ref, str):
                break
            seen.add(pointer)
            siblings = {k: v for k, v in schema.items() if k not in ("$ref", "$dynamicRef")}
            if any(k in KNOWN for k in siblings):
                return {**siblings, "allOf": [{"$ref": ref}, *siblings.get("allOf", [])]}, pointer
            target = self.target(ref)
            if target is None:
                return {}, pointer
            try:
                schema = jp.resolve(self.document, target)
            except (KeyError, ValueError, IndexError):
                return {}, pointer
            pointer = target
        if schema is True:
            return {}, pointer
        if schema is False:
            return {"not": {}}, pointer
        return (schema if isinstance(schema, dict) else {}), pointer


def constraints(schema: dict[str, Any]) -> dict[str, Any]:
    """The keywords of `schema` that constrain instances, in normal form."""
    kept = {k: v for k, v in schema.items() if k in KNOWN and not is_annotation(k)}
    if "const" in kept:
        kept["enum"] = [kept.pop("const")] if "enum" not in kept else [v for v in kept["enum"] if v == kept["const"]]
        kept.pop("const", None)
    for keyword in ("oneOf", "anyOf"):
        values = constant_values(kept.get(keyword))
        if values is not None and "enum" not in kept:
            kept["enum"] = values
            del kept[keyword]
    if isinstance(kept.get("type"), str):
        kept["type"] = [kept["type"]]
    if "type" in kept and isinstance(kept.get("enum"), list):
        types = set(kept["type"]) | ({"integer"} if "number" in kept["type"] else set())
        if all(json_type(v) in types for v in kept["enum"]):
            del kept["type"]
    if isinstance(kept.get("type"), list):
        kept["type"] = sorted(set(kept["type"]))
    if isinstance(kept.get("required"), list):
        kept["required"] = sorted(set(kept["required"]))
    if kept.get("required") == []:
        del kept["required"]
    return kept


def constant_values(branches: Any) -> list[Any] | None:
    """The values of branches that each only list values (`const` or `enum`), if all do and no
    value is in two of them: then "exactly one" and "at least one" both mean "one of these"."""
    if not isinstance(branches, list) or not branches:
        return None
    values: list[Any] = []
    for branch in branches:
        if not isinstance(branch, dict) or any(k not in ("const", "enum") and not is_annotation(k) for k in branch):
            return None
        if "const" in branch:
            values.append(branch["const"])
        elif isinstance(branch.get("enum"), list):
            values.extend(branch["enum"])
        else:
            return None
    return values if len({canonical(v) for v in values}) == len(values) else None


def types_of(schema: dict[str, Any]) -> set[str] | None:
    """The JSON types a schema's `type` allows ("number" includes "integer"), or None if any."""
    declared = schema.get("type")
    if declared is None:
        return None
    kinds = {declared} if isinstance(declared, str) else set(declared)
    return kinds | ({"integer"} if "number" in kinds else set())
