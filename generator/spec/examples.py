"""Example values built from a schema: its `examples`, else its default, else the smallest value
its constraints allow. The docs show them; the tests check each against the compiled validator.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from generator.core import schemawalk

_DEEPEST = 16  # levels of nesting an example goes to
EXAMPLE_UUID = "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"  # a v4 UUID
_FORMATS = {"uuid": EXAMPLE_UUID, "uri": "https://example.com/", "uri-reference": "/example", "date": "2026-01-01",
            "time": "12:00:00Z", "date-time": "2026-01-01T12:00:00Z", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1",
            "iri": "https://example.com/", "iri-reference": "/example", "uri-template": "https://example.com/{id}",
            "duration": "PT1M", "hostname": "example.com", "idn-hostname": "example.com", "email": "user@example.com",
            "idn-email": "user@example.com", "json-pointer": "/example", "relative-json-pointer": "0",
            "regex": "^example$"}  # fmt: skip


class Examples:
    """Builds examples from one spec document (references are followed)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, schema: Any) -> Any:
        return schemawalk.follow(self.document, schema)[0]

    def value(self, schema: Any, full: bool = False, depth: int = 0) -> Any:
        """An example of `schema`; with `full`, objects carry every property, not just the required.
        A recursive schema is cut short: past a few levels only what is required is built."""
        if depth > _DEEPEST:
            return None
        full = full and depth < _DEEPEST // 2
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return None
        for keyword in ("const",):
            if keyword in schema:
                return schema[keyword]
        if schema.get("examples"):
            return schema["examples"][0]
        if "default" in schema:
            return schema["default"]
        if schema.get("enum"):
            return next((v for v in schema["enum"] if v is not None), schema["enum"][0])
        for keyword in ("oneOf", "anyOf"):
            if schema.get(keyword):
                # the last branch (a range after its special values); `true` is the empty schema
                last = self.resolve(schema[keyword][-1])
                branch = {
                    **{k: v for k, v in schema.items() if k != keyword},
                    **(last if isinstance(last, dict) else {}),
                }
                return self.value(branch, full, depth + 1)
        kind = schema.get("type")
        kind = next((k for k in kind if k != "null"), "null") if isinstance(kind, list) else kind
        if kind == "object" or "properties" in schema:
            return self.object(schema, full, depth)
        if kind == "array":
            count = max(1, schema.get("minItems", 0))
            return [self.value(schema.get("items", {}), full, depth + 1) for _ in range(count)]
        if kind == "string":
            return _FORMATS.get(schema.get("format", ""), "x" * max(1, schema.get("minLength", 0)))
        if kind in ("integer", "number"):
            return _smallest_number(schema, kind)
        if kind == "boolean":
            return False
        return None

    def object(self, schema: dict[str, Any], full: bool, depth: int) -> dict[str, Any]:
        required = set(schema.get("required", []))
        return {
            name: self.value(subschema, full, depth + 1)
            for name, subschema in schema.get("properties", {}).items()
            if full or name in required
        }


def _smallest_number(schema: dict[str, Any], kind: str) -> int | float:
    low = Decimal(repr(schema.get("minimum", schema.get("exclusiveMinimum", 0))))
    step = Decimal(repr(schema.get("multipleOf", 1)))
    value = math.ceil(low / step) * step
    if "exclusiveMinimum" in schema and value <= low:
        value += step
    return int(value) if kind == "integer" or value == value.to_integral_value() else float(value)
