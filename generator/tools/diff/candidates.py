"""Values to try at a place when looking for a witness that schema A accepts and B does not: the
edges of A's and B's constraints first (a value just past B's new bound, one of A's values B
dropped, a string A's pattern takes), then simple values of every type.

`assume_closed` leaves out values that send a property the old object does not declare: the
policy of a user who holds that nobody sends undeclared properties to an open object.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from generator.core.jsonvalues import canonical
from generator.spec.examples import BUDGET
from generator.tools.diff import regexgen
from generator.tools.diff.instances import FORMATS, Builder, extra_name, pattern_name
from generator.tools.diff.places import Place
from generator.tools.diff.schemas import constraints, types_of

SAMPLES: tuple[Any, ...] = ("x", 7, 0.5, True, None, [], {}, -1, "", 0, False)
NAME_PROBES = ("X Y", "{x}", "", "a b", "-", "é", "1", "$x", "x" * 300)
MAX_CANDIDATES = 400


def candidates(place: Place, forward: bool, builder: Builder, assume_closed: bool = False) -> list[Any]:
    """Values for the place (A = the old schema when `forward`, else the new one)."""
    a, b = (place.old, place.new) if forward else (place.new, place.old)
    ca, cb = constraints(a), constraints(b)
    found: list[Any] = []
    seen: set[Any] = set()

    def add(value: Any) -> None:
        key = canonical(value)
        if key not in seen and len(found) < MAX_CANDIDATES:
            seen.add(key)
            found.append(value)

    for value in _numbers(ca, cb) + _strings(ca, cb) + _listed(ca, cb):
        add(value)
    if _is_object(a) or _is_object(b):
        for value in _objects(place, a, b, builder, assume_closed, forward):
            add(value)
    if _is_array(a) or _is_array(b):
        for value in _arrays(a, b, builder):
            add(value)
    add(builder.minimal(a, known=_enclosing(place, forward)))
    add(builder.minimal(a, full=True))
    for sample in SAMPLES:
        add(sample)
    return found


def _listed(a: dict[str, Any], b: dict[str, Any]) -> list[Any]:
    values = list(a.get("enum", []))
    theirs = {canonical(v) for v in b.get("enum", [])}
    return [v for v in values if canonical(v) not in theirs] + values[:20]


def _unit(schema: dict[str, Any]) -> Decimal:
    if isinstance(schema.get("multipleOf"), (int, float)):
        return Decimal(repr(schema["multipleOf"]))
    return Decimal(1) if schema.get("type") == ["integer"] else Decimal("0.01")


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _numbers(a: dict[str, Any], b: dict[str, Any]) -> list[Any]:
    unit = _unit(a)
    values: list[Any] = []
    for schema in (b, a):
        for keyword, beyond in (
            ("maximum", unit),
            ("exclusiveMaximum", 0),
            ("minimum", -unit),
            ("exclusiveMinimum", 0),
        ):
            bound = schema.get(keyword)
            if isinstance(bound, (int, float)) and not isinstance(bound, bool):
                exact = Decimal(repr(bound))
                for value in (exact + beyond, exact, exact - beyond, exact + unit, exact - unit):
                    values.append(_number(value))
    step = _step_value(a, b)
    if step is not None:
        values.insert(0, step)
    return values


def _step_value(a: dict[str, Any], b: dict[str, Any]) -> Any:
    """A value on A's grid that is off B's (a new or a changed `multipleOf`)."""
    old, new = a.get("multipleOf"), b.get("multipleOf")
    if not isinstance(new, (int, float)) or old == new:
        return None
    step = Decimal(repr(old)) if isinstance(old, (int, float)) else Decimal(repr(new)) / 2
    start = math.ceil(Decimal(repr(a.get("minimum", b.get("minimum", 0)))) / step) * step
    for k in range(200):
        candidate = start + k * step
        if (Fraction(str(candidate)) / Fraction(repr(new))).denominator != 1:
            return _number(candidate)
    return None


def _strings(a: dict[str, Any], b: dict[str, Any]) -> list[Any]:
    values: list[Any] = []
    pattern_a, pattern_b = a.get("pattern"), b.get("pattern")
    if isinstance(pattern_a, str) and pattern_a != pattern_b:
        values += regexgen.samples(pattern_a, limit=64)
    if isinstance(pattern_b, str) and pattern_a != pattern_b:
        values += ["x", "", "a b", "{x}", "X", "0", "-"]
    for schema in (b, a):
        for keyword, beyond in (("minLength", -1), ("maxLength", 1)):
            size = schema.get(keyword)
            if isinstance(size, int) and size < BUDGET:  # past it, no witness is built: proved or unknown
                values.append("x" * max(0, size + beyond))
                values.append("x" * size)
    for schema in (a, b):
        if isinstance(schema.get("format"), str) and a.get("format") != b.get("format"):
            values += [FORMATS.get(schema["format"], "x"), "x", "not a " + schema["format"]]
    return values


def _is_object(schema: dict[str, Any]) -> bool:
    kinds = types_of(schema)
    return (kinds is not None and "object" in kinds) or any(
        k in schema for k in ("properties", "required", "additionalProperties", "patternProperties", "propertyNames")
    )


def _is_array(schema: dict[str, Any]) -> bool:
    kinds = types_of(schema)
    return (kinds is not None and "array" in kinds) or any(k in schema for k in ("items", "prefixItems", "contains"))


def _objects(
    place: Place, a: dict[str, Any], b: dict[str, Any], builder: Builder, assume_closed: bool, forward: bool
) -> list[Any]:
    base = builder.minimal(a, known=_enclosing(place, forward))
    base = dict(base) if isinstance(base, dict) else {}
    props_a, props_b = a.get("properties", {}), b.get("properties", {})
    names = [edit.target for edit in place.edits if isinstance(edit.target, str)]
    names += [n for n in b.get("required", []) if n not in a.get("required", [])]
    names += [n for n in b.get("dependentRequired", {}) if isinstance(n, str)]
    values: list[Any] = []
    if isinstance(a.get("if"), dict):  # payloads that take the `then` way, minus what it requires
        taken = builder.minimal(a["if"], full=True, known={**props_a, **_enclosing(place, forward)})
        if isinstance(taken, dict):
            for name in [*names, *_required(b), *_required(a.get("else", {}))]:
                values.append({k: v for k, v in {**base, **taken}.items() if k != name})
    for branch in _conditions(b):  # B's conditional constraints, made to apply, then probed
        taken = builder.minimal(branch.get("if", {}), full=True, known={**props_a, **_enclosing(place, forward)})
        taken = taken if isinstance(taken, dict) else {}
        for name in branch.get("then", {}).get("properties", {}) if isinstance(branch.get("then"), dict) else []:
            for value in (*SAMPLES, *NAME_PROBES):
                values.append({**base, **taken, name: value})
    for name in dict.fromkeys(names):
        if name in b.get("patternProperties", {}):
            name = pattern_name(b, name)
        declared = name in props_a or any(_matches(p, name) for p in a.get("patternProperties", {}))
        if assume_closed and not declared:
            continue
        dropped = {k: v for k, v in base.items() if k != name}
        values.append(dropped)
        for value in (builder.minimal(props_a.get(name, {})), builder.minimal(props_b.get(name, {})), *SAMPLES):
            values.append({**base, name: value})
    extras = [extra_name(a)] if not assume_closed else []
    keys_changed = any(
        e.keyword in ("additionalProperties", "unevaluatedProperties", "propertyNames", "patternProperties")
        for e in place.edits
    )
    if keys_changed:
        extras += [] if assume_closed else list(NAME_PROBES)
        for pattern in a.get("patternProperties", {}):
            extras += regexgen.samples(pattern, limit=4)
    for name in extras:
        for value in (1, "x", builder.minimal(a.get("additionalProperties", {})), {}, None):
            values.append({**base, name: value})
    return values


def _conditions(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The if/then pairs of a schema: its own, and those of its allOf branches."""
    listed = [schema] + [b for b in schema.get("allOf", []) if isinstance(b, dict)]
    return [node for node in listed if "if" in node and isinstance(node.get("then"), dict)]


def _required(schema: Any) -> list[str]:
    listed = schema.get("required", []) if isinstance(schema, dict) else []
    return [name for name in listed if isinstance(name, str)]


def _enclosing(place: Place, forward: bool) -> dict[str, Any]:
    """The property schemas declared where a branch sits, at the same level of the instance."""
    route = place.routes["old" if forward else "new"]
    if route and route[-1][1].kind in ("branch", "then", "else", "dependent"):
        declared = route[-1][0].get("properties")
        return declared if isinstance(declared, dict) else {}
    return {}


def _arrays(a: dict[str, Any], b: dict[str, Any], builder: Builder) -> list[Any]:
    item = builder.minimal(a.get("items", {}))
    prefix = [builder.minimal(p) for p in a.get("prefixItems", [])]
    values: list[Any] = [[], prefix, [item], [item, item]]
    for schema in (b, a):
        for keyword, beyond in (("minItems", -1), ("maxItems", 1)):
            size = schema.get(keyword)
            if isinstance(size, int) and size < BUDGET:  # past it, no witness is built: proved or unknown
                values.append((prefix + [item] * (size + beyond + 1))[: max(0, size + beyond)])
    for sample in SAMPLES:
        values.append([*prefix, sample] if prefix else [item, sample])
        values.append([sample])
    return values


def _matches(pattern: str, name: str) -> bool:
    import re

    try:
        return re.search(pattern, name) is not None
    except re.error:
        return False
