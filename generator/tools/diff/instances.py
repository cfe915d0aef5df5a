"""Payloads built from a schema: the simplest value it accepts, and a whole payload that carries a
chosen value at a chosen place (following a route from the root).

Nothing here has to be right: every payload is checked with the compiled validators before it is
used as evidence. It only has to be right often enough to find the witnesses that exist.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from generator.tools.diff import regexgen
from generator.tools.diff.places import Route, Step
from generator.tools.diff.schemas import Document, types_of

_DEEPEST = 12
FORMATS = {"uuid": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b", "uri": "https://example.com/", "uri-reference": "/example",
           "iri": "https://example.com/", "date": "2026-01-01", "time": "12:00:00Z", "date-time": "2026-01-01T12:00:00Z",
           "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "email": "a@example.com", "hostname": "example.com",
           "regex": "^a$", "json-pointer": "/a", "duration": "P1D", "idn-email": "a@example.com",
           "idn-hostname": "example.com", "uri-template": "/a/{b}", "relative-json-pointer": "0"}  # fmt: skip
EXTRA_NAME = "specgenExtra"


class Builder:
    """Builds values for the schemas of one document; `variant` picks the branch of each
    oneOf/anyOf: 0 the first, 1 the last, 2 the second, 3 the third... (so that trying variants
    0 to n-1 tries every branch of an n-way choice)."""

    def __init__(self, document: Document, variant: int = 0) -> None:
        self.doc = document
        self.variant = variant

    def minimal(self, schema: Any, depth: int = 0, full: bool = False, known: dict[str, Any] | None = None) -> Any:
        """The simplest value `schema` accepts; `known` holds the property schemas the enclosing
        schema declares at the same level (a branch that only says `required` needs them)."""
        if depth > _DEEPEST:
            return None
        node, _ = self.doc.resolve(schema, "")
        declared = node.get("properties") if isinstance(node.get("properties"), dict) else {}
        known = {**(known or {}), **declared}
        if "const" in node:
            return node["const"]
        if isinstance(node.get("enum"), list) and node["enum"]:
            return node["enum"][0]
        value = self.own(node, depth, full, known)
        for branch in node.get("allOf", []):
            value = merge(value, self.minimal(branch, depth + 1, known=known))
        for keyword in ("anyOf", "oneOf"):
            branches = node.get(keyword)
            if isinstance(branches, list) and branches:
                value = merge(value, self.minimal(self._branch(node, branches), depth + 1, known=known))
        if "if" in node and "else" in node:
            value = merge(value, self.minimal(node["else"], depth + 1, known=known))
        return value

    def _branch(self, node: dict[str, Any], branches: list[Any]) -> Any:
        kinds = types_of(node)
        fitting = [b for b in branches if kinds is None or (types_of(self.doc.resolve(b, "")[0]) or kinds) & kinds]
        chosen = fitting or branches
        index = 0 if self.variant == 0 else -1 if self.variant == 1 else self.variant - 1
        return chosen[index % len(chosen)]

    def own(self, node: dict[str, Any], depth: int, full: bool = False, known: dict[str, Any] | None = None) -> Any:
        kind = _kind(node)
        if kind == "object":
            return self._object(node, depth, full, known or {})
        if kind == "array":
            return self._array(node, depth)
        if kind == "string":
            return string_value(node)
        if kind in ("integer", "number"):
            return number_value(node, kind)
        if kind == "boolean":
            return False
        return None

    def _object(self, node: dict[str, Any], depth: int, full: bool, known: dict[str, Any]) -> dict[str, Any]:
        properties = known
        required = [n for n in node.get("required", []) if isinstance(n, str)]
        names = [*required, *node.get("properties", {})] if full else required
        value = {name: self.minimal(properties.get(name, {}), depth + 1, full) for name in names}
        for name in node.get("properties", {}):
            if len(value) >= node.get("minProperties", 0):
                break
            value.setdefault(name, self.minimal(properties[name], depth + 1))
        patterns = [p for p in node.get("patternProperties", {}) if isinstance(p, str)]
        for _ in range(max(0, node.get("minProperties", 0) - len(value))):
            if patterns:  # names the object declares a schema for
                name = pattern_name({"properties": value}, patterns[0])
                value[name] = self.minimal(node["patternProperties"][patterns[0]], depth + 1)
            else:
                value[f"{EXTRA_NAME}{len(value)}"] = self.minimal(node.get("additionalProperties", {}), depth + 1)
        return value

    def _array(self, node: dict[str, Any], depth: int) -> list[Any]:
        prefix = node.get("prefixItems", [])
        value = [self.minimal(item, depth + 1) for item in prefix[: max(node.get("minItems", 0), 0)]]
        while len(value) < node.get("minItems", 0):
            value.append(self.minimal(node.get("items", {}), depth + 1))
        if "contains" in node and node.get("minContains", 1) > 0:
            value.append(self.minimal(node["contains"], depth + 1))
        return value

    # -- a payload reaching a place --------------------------------------------------------------

    def embed(self, route: Route, leaf: Any) -> Any:
        """A payload whose value at the end of `route` is `leaf` (the levels above as simple as
        their schemas allow)."""
        value = leaf
        for node, step in reversed(route):
            value = self._level(node, step, value)
        return value

    def _level(self, node: dict[str, Any], step: Step, inner: Any) -> Any:
        kind = step.kind
        if kind in ("property", "pattern", "additional", "names"):
            holder = self.minimal(node)
            holder = dict(holder) if isinstance(holder, dict) else {}
            if kind == "names":
                if not isinstance(inner, str):
                    return None
                holder[inner] = self.minimal(value_schema(node, inner))
                return holder
            name = (
                step.key
                if kind == "property"
                else pattern_name(node, step.key)
                if kind == "pattern"
                else extra_name(node)
            )
            holder[name] = inner
            return holder
        if kind in ("prefix", "items", "contains"):
            items = self.minimal(node)
            items = list(items) if isinstance(items, list) else []
            prefix = node.get("prefixItems", [])
            index = step.key if kind == "prefix" else len(prefix) if kind == "items" else len(items)
            while len(items) <= index:
                position = len(items)
                items.append(self.minimal(prefix[position] if position < len(prefix) else node.get("items", {})))
            items[index] = inner
            return items
        if kind == "branch":
            keyword, index = step.key
            rest = {k: v for k, v in node.items() if k != keyword}
            if keyword == "allOf":
                rest["allOf"] = [b for i, b in enumerate(node["allOf"]) if i != index]
            return overlay(self.minimal(rest), inner, self.minimal(node))
        if kind == "then":
            rest = {k: v for k, v in node.items() if k not in ("if", "then", "else")}
            base = merge(self.minimal(rest), self.minimal(node.get("if", {}), full=True, known=_declared(node)))
            return overlay(base, inner, self.minimal(node))
        if kind == "else":
            rest = {k: v for k, v in node.items() if k not in ("if", "then", "else")}
            return overlay(self.minimal(rest), inner, self.minimal(node))
        if kind == "dependent":
            rest = {k: v for k, v in node.items() if k != "dependentSchemas"}
            holder = self.minimal(rest)
            holder = dict(holder) if isinstance(holder, dict) else {}
            holder.setdefault(step.key, self.minimal(node.get("properties", {}).get(step.key, {})))
            return merge(holder, inner)
        return inner


def overlay(base: Any, inner: Any, whole: Any) -> Any:
    """`inner` (a branch's value) over `base` (the rest of its schema's), where a property the
    branch left empty takes the value the whole schema gives it (a branch that only says
    `required` does not know the property's schema)."""
    value = merge(base, inner)
    if isinstance(value, dict) and isinstance(whole, dict):
        for name, item in list(value.items()):
            if item is None and whole.get(name) is not None:
                value[name] = whole[name]
    return value


def _declared(node: dict[str, Any]) -> dict[str, Any]:
    properties = node.get("properties")
    return properties if isinstance(properties, dict) else {}


def merge(base: Any, more: Any) -> Any:
    """One value meeting two schemas' wishes, where they can be met together."""
    if isinstance(base, dict) and isinstance(more, dict):
        return {**base, **more}
    return base if more is None else more


def _kind(node: dict[str, Any]) -> str | None:
    declared = node.get("type")
    if isinstance(declared, list):
        declared = next((k for k in declared if k != "null"), declared[0] if declared else None)
    if isinstance(declared, str):
        return declared
    if any(k in node for k in ("properties", "required", "patternProperties", "additionalProperties", "minProperties")):
        return "object"
    if any(k in node for k in ("items", "prefixItems", "minItems", "contains")):
        return "array"
    if any(k in node for k in ("minLength", "maxLength", "pattern", "format")):
        return "string"
    if any(k in node for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")):
        return "number"
    return None


def string_value(node: dict[str, Any]) -> str:
    low, high = node.get("minLength", 0), node.get("maxLength", math.inf)
    if isinstance(node.get("pattern"), str):
        for text in regexgen.samples(node["pattern"]):
            if low <= len(text) <= high:
                return text
    sample = FORMATS.get(node.get("format", ""), "x")
    if len(sample) < low:
        sample += "x" * (low - len(sample))
    return sample[: int(high)] if high < len(sample) else sample


def number_value(node: dict[str, Any], kind: str) -> int | float:
    step = Decimal(repr(node["multipleOf"])) if isinstance(node.get("multipleOf"), (int, float)) else None
    unit = step or Decimal(1)
    if "minimum" in node:
        low = Decimal(repr(node["minimum"]))
    elif "exclusiveMinimum" in node:
        low = Decimal(repr(node["exclusiveMinimum"])) + (unit if kind == "integer" or step else Decimal("0.5"))
    elif "maximum" in node and node["maximum"] < 0:
        low = Decimal(repr(node["maximum"]))
    elif "exclusiveMaximum" in node and node["exclusiveMaximum"] <= 0:
        low = Decimal(repr(node["exclusiveMaximum"])) - unit
    else:
        low = Decimal(0)
    if step:
        low = math.ceil(low / step) * step
    if kind == "integer":
        low = Decimal(math.ceil(low))
    return int(low) if low == low.to_integral_value() else float(low)


def pattern_name(node: dict[str, Any], pattern: str) -> str:
    declared = node.get("properties", {})
    for text in regexgen.samples(pattern):
        if text not in declared:
            return text
    return EXTRA_NAME


def extra_name(node: dict[str, Any]) -> str:
    """A property name the object declares nowhere: neither a property nor a pattern's."""
    patterns = [p for p in node.get("patternProperties", {}) if isinstance(p, str)]
    for name in (EXTRA_NAME, "zz-specgen-extra", "_", "9"):
        if name not in node.get("properties", {}) and not any(_search(p, name) for p in patterns):
            return name
    return EXTRA_NAME


def value_schema(node: dict[str, Any], name: str) -> Any:
    """The schema a property of that name meets in `node`."""
    if name in node.get("properties", {}):
        return node["properties"][name]
    for pattern, schema in node.get("patternProperties", {}).items():
        if _search(pattern, name):
            return schema
    return node.get("additionalProperties", {})


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False
