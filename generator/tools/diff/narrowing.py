"""Where schema B accepts less than schema A, found by walking both side by side.

Each `Narrowing` names the place (an instance path) and, to prove it, either a value for that
place that A accepts and B does not, or a change of presence (a property B now requires, an
unknown one B now refuses).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from generator.core import refs
from generator.core.jsonvalues import listed_values
from generator.spec.examples import Examples

NO_VALUE = object()


def is_elsewhere(schema: Any, elsewhere: frozenset[str]) -> bool:
    """A reference to one of the schemas (pointers) in `elsewhere`."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return refs.is_local(ref) and refs.local_pointer(ref) in elsewhere


@dataclass
class Narrowing:
    """Somewhere B accepts less than A: at `path` (instance tokens), and how to show it."""

    path: tuple[str | int, ...]
    message: str
    value: Any = NO_VALUE  # a value for that place that A accepts and B does not
    presence: tuple[str, str] | None = None  # or ("drop", name) / ("add", name) at that object


@dataclass
class Side:
    """One spec's document, with what is needed to follow its references and build examples."""

    document: dict[str, Any]
    examples: Examples = field(init=False)

    def __post_init__(self) -> None:
        self.examples = Examples(self.document)

    def resolve(self, schema: Any) -> Any:
        return self.examples.resolve(schema)


def _types(schema: dict[str, Any]) -> set[str] | None:
    declared = schema.get("type")
    if declared is None:
        return None
    kinds = {declared} if isinstance(declared, str) else set(declared)
    return kinds | ({"integer"} if "number" in kinds else set())


def _sample(kind: str) -> Any:
    return {"string": "x", "integer": 7, "number": 0.5, "boolean": True, "null": None, "array": [], "object": {}}[kind]


def _unit(schema: dict[str, Any]) -> Decimal:
    """The smallest move that stays on a schema's grid: its step, 1 for integers, else 0.5."""
    if "multipleOf" in schema:
        return Decimal(repr(schema["multipleOf"]))
    return Decimal(1) if schema.get("type") == "integer" else Decimal("0.5")


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _step_value(a: dict[str, Any], b: dict[str, Any]) -> Any:
    """A value A's step takes and B's (new or changed) step does not, if there is one."""
    old, new = a.get("multipleOf"), b.get("multipleOf")
    if new is None or old == new:
        return None
    if old is not None and (Fraction(repr(old)) / Fraction(repr(new))).denominator == 1:
        return None  # every multiple of the old step is one of the new
    step = Decimal(repr(old)) if old is not None else Decimal(repr(new)) / 2
    start = math.ceil(Decimal(repr(a.get("minimum", b.get("minimum", 0)))) / step) * step
    for k in range(200):
        candidate = start + k * step
        if (Fraction(str(candidate)) / Fraction(repr(new))).denominator != 1:
            return _number(candidate)
    return None


class Comparer:
    """Walks two schemas side by side, collecting where B accepts less than A.

    `forward` says whether A is the old spec: messages always read old -> new. References to the
    schemas in `elsewhere` are not followed: those are compared on their own.
    """

    def __init__(self, a: Side, b: Side, forward: bool, elsewhere: frozenset[str]) -> None:
        self.a, self.b = a, b
        self.forward = forward
        self.elsewhere = elsewhere
        self.found: list[Narrowing] = []
        self.visited: set[tuple[str, str]] = set()

    def first_visit(self, sa: Any, sb: Any) -> bool:
        """False when this pair of references was compared before: recursion goes through $ref."""
        refs = tuple(str(s.get("$ref")) if isinstance(s, dict) and "$ref" in s else "" for s in (sa, sb))
        key = (refs[0], refs[1])
        if key == ("", ""):
            return True
        if key in self.visited:
            return False
        self.visited.add(key)
        return True

    def _says(self, keyword: str, in_a: Any, in_b: Any) -> str:
        old, new = (in_a, in_b) if self.forward else (in_b, in_a)
        if old is None:
            return f"{keyword} added: {new!r}"
        if new is None:
            return f"{keyword} removed (was {old!r})"
        return f"{keyword} {old!r} → {new!r}"

    def _either(self, forward: str, backward: str) -> str:
        return forward if self.forward else backward

    def compare(self, sa: Any, sb: Any, path: tuple[str | int, ...]) -> None:
        if is_elsewhere(sa, self.elsewhere) or not self.first_visit(sa, sb):
            return  # compared as a schema of its own, or already (a recursive schema)
        sa, sb = self.a.resolve(sa), self.b.resolve(sb)
        if not isinstance(sa, dict) or not isinstance(sb, dict):
            return
        self._node(sa, sb, path)
        properties_a, properties_b = sa.get("properties", {}), sb.get("properties", {})
        required_a, required_b = set(sa.get("required", [])), set(sb.get("required", []))
        for name in required_b - required_a:
            message = self._either(f"{name!r} is now required", f"{name!r} is no longer required")
            self.found.append(Narrowing((*path, name), message, presence=("drop", name)))
        closed_b = sb.get("additionalProperties") is False
        for name, schema in properties_a.items():
            if name in properties_b:
                self.compare(schema, properties_b[name], (*path, name))
            elif closed_b and self.forward:  # (added optional properties are reported apart)
                self.found.append(
                    Narrowing((*path, name), f"{name!r} was removed", value=self.a.examples.value(schema))
                )
        if closed_b and sa.get("additionalProperties") is not False:
            message = self._either("unknown properties no longer allowed", "unknown properties now allowed")
            self.found.append(Narrowing(path, message, presence=("add", "unknownParameter")))
        if "items" in sa and "items" in sb:
            self.compare(sa["items"], sb["items"], (*path, 0))

    def _node(self, sa: dict[str, Any], sb: dict[str, Any], path: tuple[str | int, ...]) -> None:
        types_a, types_b = _types(sa), _types(sb)
        if types_b is not None and (types_a is None or not types_a <= types_b):
            lost = sorted((types_a or {"string", "integer", "boolean"}) - types_b)
            if lost:
                message = self._says("type", sa.get("type", "any"), sb["type"])
                self.found.append(Narrowing(path, message, value=_sample(lost[0])))
        values_a, values_b = listed_values(sa), listed_values(sb)
        if values_b is not None:
            removed = [v for v in (values_a if values_a is not None else []) if v not in values_b]
            if values_a is None:
                message = self._either(f"now limited to {values_b!r}", f"no longer limited to {values_b!r}")
                self.found.append(Narrowing(path, message, value=_outside(values_b, sa)))
            elif removed:
                message = self._either(f"{removed!r} no longer allowed", f"{removed!r} newly allowed")
                self.found.append(Narrowing(path, message, value=removed[0]))
        self._bounds(sa, sb, path)
        step = _step_value(sa, sb)
        if step is not None:
            self.found.append(
                Narrowing(path, self._says("multipleOf", sa.get("multipleOf"), sb["multipleOf"]), value=step)
            )
        for keyword in ("format", "pattern"):
            if sb.get(keyword) is not None and sa.get(keyword) != sb.get(keyword):
                was = sa.get(keyword)
                # a value of A that the new format or pattern is unlikely to take
                value = "x" if was is None else self.a.examples.value(sa)
                self.found.append(Narrowing(path, self._says(keyword, was, sb[keyword]), value=value))

    def _bounds(self, sa: dict[str, Any], sb: dict[str, Any], path: tuple[str | int, ...]) -> None:
        """Bounds B tightened, each with a value inside A's bounds and outside B's."""
        unit = _unit(sa)
        # keyword, whether it bounds from below, how far beyond B's new bound A still accepts
        numeric = (
            ("minimum", True, -unit),
            ("exclusiveMinimum", True, 0),
            ("maximum", False, unit),
            ("exclusiveMaximum", False, 0),
        )
        for keyword, lower, beyond in numeric:
            old, new = sa.get(keyword), sb.get(keyword)
            if new is not None and (old is None or (new > old if lower else new < old)):
                outside = Decimal(repr(new)) + beyond
                self.found.append(Narrowing(path, self._says(keyword, old, new), value=_number(outside)))
        items = self.a.examples.value(sa.get("items", {}))
        sizes = (("minLength", -1, "x"), ("maxLength", 1, "x"), ("minItems", -1, items), ("maxItems", 1, items))
        for keyword, beyond, element in sizes:
            old, new = sa.get(keyword), sb.get(keyword)
            if new is None or (old is not None and (new <= old if beyond < 0 else new >= old)):
                continue
            size = max(0, new + beyond)
            value = "x" * size if keyword.endswith("Length") else [element] * size
            self.found.append(Narrowing(path, self._says(keyword, old, new), value=value))


def _outside(values: list[Any], schema: dict[str, Any]) -> Any:
    kinds = _types(schema) or {"string"}
    if "string" in kinds:
        return "not-" + "-".join(str(v) for v in values)[:30]
    return max((v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)), default=0) + 1
