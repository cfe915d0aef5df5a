"""Example values built from a schema: its `examples`, else its default, else the smallest value
its constraints allow. The docs show them; the tests check each against the compiled validator.

Every example is built within a size budget (values and characters, counted as they are made),
so that no bound (`minItems: 1000000000000`, `minLength: 1e9`, a wide schema nested deep) can
make generation slow or exhaust memory: an example past it is left out, with a note saying where.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

from generator.core import pointer as jp
from generator.core import schemawalk
from generator.spec.model import Omitted

BUDGET = 10_000  # values and characters one example may hold; the real spec's full request needs about 550
_MAX_DIGITS = 1000  # of a number example; Python prints no integer past 4300
_DEEPEST = 16  # levels of nesting an example goes to
EXAMPLE_UUID = "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"  # a v4 UUID
_FORMATS = {"uuid": EXAMPLE_UUID, "uri": "https://example.com/", "uri-reference": "/example", "date": "2026-01-01",
            "time": "12:00:00Z", "date-time": "2026-01-01T12:00:00Z", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1",
            "iri": "https://example.com/", "iri-reference": "/example", "uri-template": "https://example.com/{id}",
            "duration": "PT1M", "hostname": "example.com", "idn-hostname": "example.com", "email": "user@example.com",
            "idn-email": "user@example.com", "json-pointer": "/example", "relative-json-pointer": "0",
            "regex": "^example$"}  # fmt: skip


class ExampleTooLargeError(Exception):
    """An example would not fit the budget: `needed` of `unit` at `path` (a JSON pointer into it)."""

    def __init__(self, path: str, needed: int, unit: str) -> None:
        super().__init__(path, needed, unit)
        self.path, self.needed, self.unit = path, needed, unit

    @property
    def note(self) -> str:
        at = f" at {self.path}" if self.path else ""
        if self.needed <= BUDGET:  # many small parts, not one large one
            return f"Left out: the example grows past {BUDGET:,} values and characters{at}."
        return (
            f"Left out: the value{at} needs at least {self.needed:,} {self.unit}, more than an example shows "
            f"(at most {BUDGET:,} values and characters in all)."
        )


class Examples:
    """Builds examples from one spec document (references are followed)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self._left = BUDGET  # what the example being built may still spend
        self._sizes: dict[int, int] = {}  # JSON size of the spec's literals (they live as long as the document)

    def resolve(self, schema: Any) -> Any:
        return schemawalk.follow(self.document, schema)[0]

    def value(self, schema: Any, full: bool = False) -> Any:
        """An example of `schema`; with `full`, objects carry every property, not just the required.
        A recursive schema is cut short: past a few levels only what is required is built.
        Raises ExampleTooLargeError when the example would not fit the budget."""
        self._left = BUDGET
        return self._value(schema, full, 0, "")

    def attempt(self, schema: Any, full: bool = False) -> Any:
        """`value`, or Omitted with the note saying why, when it would not fit the budget."""
        try:
            return self.value(schema, full)
        except ExampleTooLargeError as error:
            return Omitted(error.note)

    def _spend(self, amount: int, path: str, unit: str) -> None:
        if amount > self._left:
            raise ExampleTooLargeError(path, amount, unit)
        self._left -= amount

    def _value(self, schema: Any, full: bool, depth: int, path: str) -> Any:
        if depth > _DEEPEST:
            return None
        full = full and depth < _DEEPEST // 2
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return None
        self._spend(1, path, "values")
        if "const" in schema:
            return self._literal(schema["const"], path)
        if schema.get("examples"):
            return self._literal(schema["examples"][0], path)
        if "default" in schema:
            return self._literal(schema["default"], path)
        if schema.get("enum"):
            return self._literal(next((v for v in schema["enum"] if v is not None), schema["enum"][0]), path)
        for keyword in ("oneOf", "anyOf"):
            if schema.get(keyword):
                # the last branch (a range after its special values); `true` is the empty schema
                last = self.resolve(schema[keyword][-1])
                branch = {
                    **{k: v for k, v in schema.items() if k != keyword},
                    **(last if isinstance(last, dict) else {}),
                }
                return self._value(branch, full, depth + 1, path)
        kind = schema.get("type")
        kind = next((k for k in kind if k != "null"), "null") if isinstance(kind, list) else kind
        if kind == "object" or "properties" in schema:
            return self._object(schema, full, depth, path)
        if kind == "array":
            count = max(1, int(schema.get("minItems", 0)))
            self._spend(count, path, "items")  # before anything is built: the count alone may be too many
            items = schema.get("items", {})
            return [self._value(items, full, depth + 1, jp.child(path, str(index))) for index in range(count)]
        if kind == "string":
            if schema.get("format") in _FORMATS:
                return _FORMATS[schema["format"]]
            length = max(1, int(schema.get("minLength", 0)))
            self._spend(length, path, "characters")
            return "x" * length
        if kind in ("integer", "number"):
            return self._number(schema, kind, path)
        if kind == "boolean":
            return False
        return None

    def _literal(self, value: Any, path: str) -> Any:
        """A value the spec gives (const, example, default, enum), charged at its JSON size."""
        key = id(value)
        if key not in self._sizes:
            self._sizes[key] = len(json.dumps(value, ensure_ascii=False))
        self._spend(self._sizes[key], path, "characters")
        return value

    def _object(self, schema: dict[str, Any], full: bool, depth: int, path: str) -> dict[str, Any]:
        required = set(schema.get("required", []))
        built = {}
        for name, subschema in schema.get("properties", {}).items():
            if full or name in required:
                here = jp.child(path, name)
                self._spend(len(name), here, "characters")
                built[name] = self._value(subschema, full, depth + 1, here)
        return built

    def _number(self, schema: dict[str, Any], kind: str, path: str) -> int | float:
        value = _smallest_number(schema)
        digits = max(1, value.adjusted() + 1)
        if digits > _MAX_DIGITS:
            raise ExampleTooLargeError(path, digits, "digits")
        self._spend(digits, path, "digits")
        if kind == "integer" or value == value.to_integral_value():
            return int(value)
        if not math.isfinite(float(value)):
            raise ExampleTooLargeError(path, digits, "digits")
        return float(value)


def _smallest_number(schema: dict[str, Any]) -> Decimal:
    low = Decimal(repr(schema.get("minimum", schema.get("exclusiveMinimum", 0))))
    step = Decimal(repr(schema.get("multipleOf", 1)))
    value = math.ceil(low / step) * step
    if "exclusiveMinimum" in schema and value <= low:
        value += step
    return value
