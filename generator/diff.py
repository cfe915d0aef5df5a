"""`specgen diff`: how a spec changed, and whom each change breaks.

A change is *breaking for senders* when some request valid under the old spec is invalid under
the new one, and *breaking for readers* when some response valid under the new spec is invalid
under the old one (a reader built on the old spec would choke on it). Both are the same question
— where does schema B accept less than schema A? — asked in opposite directions, so one detector
(`_narrowings`) serves all four cases. Every breaking claim carries a witness: a payload that
shows it, confirmed with the compiled validators of both specs. A narrowing whose witness the
validators do not confirm is reported as *possibly breaking*. Changed defaults are reported apart:
they change behaviour without failing any payload.
"""

from __future__ import annotations

import copy
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from generator import pointer as jp
from generator import schemawalk
from generator.compiler.predicates import constants_only
from generator.examples import Examples
from generator.inmemory import validators_at
from generator.load import SpecSource

BREAKING = "breaking"
POSSIBLY = "possibly breaking"
COMPATIBLE = "non-breaking"
DEFAULT = "default"
_MISSING = object()


@dataclass(frozen=True)
class Change:
    kind: str  # BREAKING, POSSIBLY, COMPATIBLE or DEFAULT
    side: str  # "request" or "response"
    schema: str  # the schema compared: the task, or a $defs name
    path: str  # where in an instance: "settings.temperature", "messages[].role"
    message: str
    witness: Any = _MISSING  # a payload that shows a breaking change

    @property
    def audience(self) -> str:
        return "senders" if self.side == "request" else "readers"

    def as_dict(self) -> dict[str, Any]:
        data = {"kind": self.kind, "side": self.side, "schema": self.schema, "path": self.path, "message": self.message}
        if self.witness is not _MISSING:
            data["witness"] = self.witness
        return data


@dataclass
class _Narrowing:
    """Somewhere B accepts less than A: at `path` (instance tokens), with a value showing it."""

    path: tuple[str | int, ...]
    message: str
    value: Any = _MISSING  # a value of that place, accepted by A and not by B
    payload: Any = _MISSING  # or a whole payload, when the change is about presence


@dataclass
class _Side:
    document: dict[str, Any]
    examples: Examples = field(init=False)

    def __post_init__(self) -> None:
        self.examples = Examples(self.document)

    def resolve(self, schema: Any) -> Any:
        return self.examples.resolve(schema)


def _values(schema: dict[str, Any]) -> list[Any] | None:
    """The allowed values a schema lists (const, enum, or oneOf/anyOf of consts), if it does."""
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema:
        return list(schema["enum"])
    for keyword in ("oneOf", "anyOf"):
        branches = schema.get(keyword)
        if isinstance(branches, list) and constants_only(branches) is not None:
            return [branch["const"] for branch in branches]
    return None


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


class _Comparer:
    """Walks two schemas side by side, collecting where B accepts less than A.

    `forward` says whether A is the old spec: messages always read old -> new. References to the
    schemas in `elsewhere` are not followed: those are compared on their own.
    """

    def __init__(self, a: _Side, b: _Side, forward: bool, elsewhere: frozenset[str]) -> None:
        self.a, self.b = a, b
        self.forward = forward
        self.elsewhere = elsewhere
        self.found: list[_Narrowing] = []
        self.seen: set[tuple[int, int]] = set()

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
        ref = sa.get("$ref") if isinstance(sa, dict) else None
        if isinstance(ref, str) and jp.unescape_uri(ref[1:]) in self.elsewhere:
            return  # compared as a schema of its own
        sa, sb = self.a.resolve(sa), self.b.resolve(sb)
        if not isinstance(sa, dict) or not isinstance(sb, dict) or (id(sa), id(sb)) in self.seen:
            return
        self.seen.add((id(sa), id(sb)))
        self._node(sa, sb, path)
        properties_a, properties_b = sa.get("properties", {}), sb.get("properties", {})
        required_a, required_b = set(sa.get("required", [])), set(sb.get("required", []))
        for name in required_b - required_a:
            message = self._either(f"{name!r} is now required", f"{name!r} is no longer required")
            self.found.append(_Narrowing((*path, name), message, payload=("drop", name)))
        closed_b = sb.get("additionalProperties") is False
        for name, schema in properties_a.items():
            if name in properties_b:
                self.compare(schema, properties_b[name], (*path, name))
            elif closed_b and self.forward:  # (added optional properties are reported apart)
                self.found.append(
                    _Narrowing((*path, name), f"{name!r} was removed", value=self.a.examples.value(schema))
                )
        if closed_b and sa.get("additionalProperties") is not False:
            message = self._either("unknown properties no longer allowed", "unknown properties now allowed")
            self.found.append(_Narrowing(path, message, payload=("add", "unknownParameter")))
        if "items" in sa and "items" in sb:
            self.compare(sa["items"], sb["items"], (*path, 0))

    def _node(self, sa: dict[str, Any], sb: dict[str, Any], path: tuple[str | int, ...]) -> None:
        types_a, types_b = _types(sa), _types(sb)
        if types_b is not None and (types_a is None or not types_a <= types_b):
            lost = sorted((types_a or {"string", "integer", "boolean"}) - types_b)
            if lost:
                message = self._says("type", sa.get("type", "any"), sb["type"])
                self.found.append(_Narrowing(path, message, value=_sample(lost[0])))
        values_a, values_b = _values(sa), _values(sb)
        if values_b is not None:
            removed = [v for v in (values_a if values_a is not None else []) if v not in values_b]
            if values_a is None:
                message = self._either(f"now limited to {values_b!r}", f"no longer limited to {values_b!r}")
                self.found.append(_Narrowing(path, message, value=_outside(values_b, sa)))
            elif removed:
                message = self._either(f"{removed!r} no longer allowed", f"{removed!r} newly allowed")
                self.found.append(_Narrowing(path, message, value=removed[0]))
        self._bounds(sa, sb, path)
        step = _step_value(sa, sb)
        if step is not None:
            self.found.append(
                _Narrowing(path, self._says("multipleOf", sa.get("multipleOf"), sb["multipleOf"]), value=step)
            )
        for keyword in ("format", "pattern"):
            if sb.get(keyword) is not None and sa.get(keyword) != sb.get(keyword):
                was = sa.get(keyword)
                # a value of A that the new format or pattern is unlikely to take
                value = "x" if was is None else self.a.examples.value(sa)
                self.found.append(_Narrowing(path, self._says(keyword, was, sb[keyword]), value=value))

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
                self.found.append(_Narrowing(path, self._says(keyword, old, new), value=_number(outside)))
        items = self.a.examples.value(sa.get("items", {}))
        sizes = (("minLength", -1, "x"), ("maxLength", 1, "x"), ("minItems", -1, items), ("maxItems", 1, items))
        for keyword, beyond, element in sizes:
            old, new = sa.get(keyword), sb.get(keyword)
            if new is None or (old is not None and (new <= old if beyond < 0 else new >= old)):
                continue
            size = max(0, new + beyond)
            value = "x" * size if keyword.endswith("Length") else [element] * size
            self.found.append(_Narrowing(path, self._says(keyword, old, new), value=value))


def _outside(values: list[Any], schema: dict[str, Any]) -> Any:
    kinds = _types(schema) or {"string"}
    if "string" in kinds:
        return "not-" + "-".join(str(v) for v in values)[:30]
    return max((v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)), default=0) + 1


def _set_path(payload: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of `payload` with `value` at `path` (arrays get an item where one is needed)."""
    if not path:
        return value
    copied = copy.deepcopy(payload)
    target = copied
    for token, following in itertools.pairwise(path):
        if isinstance(token, int):
            while len(target) <= token:
                target.append([] if isinstance(following, int) else {})
            target = target[token]
        else:
            if not isinstance(target.get(token), (dict, list)):
                target[token] = [] if isinstance(following, int) else {}
            target = target[token]
    last = path[-1]
    if isinstance(last, int):
        while len(target) <= last:
            target.append(None)
    target[last] = value
    return copied


def _witness(narrowing: _Narrowing, base: Any) -> Any:
    if narrowing.payload is not _MISSING:
        action, name = narrowing.payload
        parent = narrowing.path[:-1] if action == "drop" else narrowing.path
        holder = _get(base, parent)
        holder = dict(holder) if isinstance(holder, dict) else {}
        if action == "drop":
            holder.pop(name, None)
        else:
            holder[name] = 1
        return _set_path(base, parent, holder)
    return _set_path(base, narrowing.path, narrowing.value)


def _get(value: Any, path: tuple[str | int, ...]) -> Any:
    for token in path:
        if isinstance(token, int):
            value = value[token] if isinstance(value, list) and len(value) > token else {}
        else:
            value = value.get(token, {}) if isinstance(value, dict) else {}
    return value


def _display(path: tuple[str | int, ...]) -> str:
    text = ""
    for token in path:
        text += "[]" if isinstance(token, int) else ("." if text else "") + token
    return text or "(the whole object)"


def _pointer_of(name: str | None) -> str:
    return "" if name is None else jp.join("$defs", name)


class Differ:
    def __init__(self, old: SpecSource, new: SpecSource) -> None:
        self.old, self.new = old, new
        self.sides = {"old": _Side(old.document), "new": _Side(new.document)}

    def schemas(self) -> list[tuple[str | None, str]]:
        """(the $defs name, or None for the task, and its side). The task's own definitions
        (messages, settings) are compared through it; of the other definitions, other tasks and
        request bodies are requests, and the rest (results, envelopes, chunks) responses."""
        names = list(dict.fromkeys([*self.old.document.get("$defs", {}), *self.new.document.get("$defs", {})]))
        of_task = _referenced(self.old.document) | _referenced(self.new.document)
        listed: list[tuple[str | None, str]] = [(None, "request")]
        for name in names:
            if name not in of_task:
                listed.append((name, "request" if name.endswith(("Task", "RequestBody")) else "response"))
        return listed

    def changes(self) -> list[Change]:
        listed = self.schemas()
        result: list[Change] = []
        for name, side in listed:
            others = frozenset(_pointer_of(other) for other, _ in listed if other != name)
            result += self._compare(name, side, others)
        return result

    def _compare(self, name: str | None, side: str, elsewhere: frozenset[str]) -> list[Change]:
        label = name or "task"
        pointer = _pointer_of(name)
        try:
            old_schema = jp.resolve(self.old.document, pointer)
        except KeyError:
            return [Change(COMPATIBLE, side, label, "", f"schema {label} added")]
        try:
            new_schema = jp.resolve(self.new.document, pointer)
        except KeyError:
            return [Change(POSSIBLY, side, label, "", f"schema {label} removed")]
        # senders break where new accepts less than old; readers where old accepts less than new
        tightened = self._narrowings("old", "new", old_schema, new_schema, pointer, elsewhere)
        loosened = self._narrowings("new", "old", new_schema, old_schema, pointer, elsewhere)
        breaking, compatible = (tightened, loosened) if side == "request" else (loosened, tightened)
        changes = [self._verdict(n, side, label, witnessed) for n, witnessed in breaking]
        changes += [Change(COMPATIBLE, side, label, _display(n.path), n.message) for n, _ in compatible]
        changes += self._defaults_and_descriptions(old_schema, new_schema, side, label)
        return changes

    def _narrowings(
        self, wide: str, narrow: str, wide_schema: Any, narrow_schema: Any, pointer: str, elsewhere: frozenset[str]
    ) -> list[tuple[_Narrowing, Any]]:
        """Each place where `narrow` accepts less than `wide`, with its witness if the compiled
        validators confirm it (valid under `wide`, invalid under `narrow`), else None."""
        comparer = _Comparer(self.sides[wide], self.sides[narrow], wide == "old", elsewhere)
        comparer.compare(wide_schema, narrow_schema, ())
        if not comparer.found:
            return []
        sources = {"old": self.old, "new": self.new}
        accepts_wide = _validator(sources[wide], pointer)
        accepts_narrow = _validator(sources[narrow], pointer)
        base = self._base(wide, wide_schema, accepts_wide)
        result = []
        for narrowing in comparer.found:
            candidate = _witness(narrowing, base)
            confirmed = accepts_wide(candidate) and not accepts_narrow(candidate)
            result.append((narrowing, candidate if confirmed else None))
        return result

    def _base(self, side: str, schema: Any, accepts: Any) -> Any:
        """A payload valid under `side`: every parameter if that validates, else the required."""
        examples = self.sides[side].examples
        full = examples.value(schema, full=True)
        return full if accepts(full) else examples.value(schema)

    def _verdict(self, narrowing: _Narrowing, side: str, label: str, witness: Any) -> Change:
        if witness is None:
            return Change(POSSIBLY, side, label, _display(narrowing.path), narrowing.message)
        return Change(BREAKING, side, label, _display(narrowing.path), narrowing.message, witness)

    def _defaults_and_descriptions(self, old: Any, new: Any, side: str, label: str) -> list[Change]:
        changes = []
        for path, before, after in _pairs(self.sides["old"], self.sides["new"], old, new, ()):
            if before.get("default", _MISSING) != after.get("default", _MISSING):
                message = f"default {before.get('default', 'none')!r} → {after.get('default', 'none')!r}"
                changes.append(Change(DEFAULT, side, label, _display(path), message))
            if before.get("description") != after.get("description"):
                changes.append(Change(COMPATIBLE, side, label, _display(path), "description changed"))
        for path, name in _added_optional(self.sides["old"], self.sides["new"], old, new, ()):
            changes.append(Change(COMPATIBLE, side, label, _display((*path, name)), f"new optional parameter {name!r}"))
        return changes


def _pairs(
    a: _Side, b: _Side, sa: Any, sb: Any, path: tuple[str | int, ...], seen: set[int] | None = None
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any], dict[str, Any]]]:
    """Every place present in both schemas (properties and items, references followed)."""
    seen = set() if seen is None else seen
    sa, sb = a.resolve(sa), b.resolve(sb)
    if not isinstance(sa, dict) or not isinstance(sb, dict) or id(sa) in seen:
        return
    seen.add(id(sa))
    yield path, sa, sb
    for name, schema in sa.get("properties", {}).items():
        if name in sb.get("properties", {}):
            yield from _pairs(a, b, schema, sb["properties"][name], (*path, name), seen)
    if "items" in sa and "items" in sb:
        yield from _pairs(a, b, sa["items"], sb["items"], (*path, 0), seen)


def _added_optional(
    a: _Side, b: _Side, sa: Any, sb: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for where, before, after in _pairs(a, b, sa, sb, path):
        for name in after.get("properties", {}):
            if name not in before.get("properties", {}) and name not in after.get("required", []):
                yield where, name


def _referenced(document: dict[str, Any]) -> set[str]:
    """The $defs names the task reaches, following references."""
    found: set[str] = set()
    stack = [""]
    while stack:
        here = stack.pop()
        try:
            schema = jp.resolve(document, here)
        except KeyError:
            continue
        if here == "" and isinstance(schema, dict):
            schema = {k: v for k, v in schema.items() if k != "$defs"}  # only what the task itself uses
        for _, node in schemawalk.walk(schema, here):
            ref = node.get("$ref") if isinstance(node, dict) else None
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = jp.unescape(ref[len("#/$defs/") :].split("/")[0])
                if name not in found:
                    found.add(name)
                    stack.append(jp.join("$defs", name))
    return found


def _validator(source: SpecSource, pointer: str) -> Any:
    module, _ = validators_at(source, [pointer], strict=False)
    return module.is_valid_entry_0


def diff(old: SpecSource, new: SpecSource) -> list[Change]:
    return Differ(old, new).changes()
