"""Two schemas walked side by side, place by place: each place where an instance can be (a
property, an item, a branch of an applicator), with the edits between the two versions there.

A place remembers its route from the root on each side (the schema at each level and the step
taken), so that a payload can be built that reaches it. An edit knows, where it can be told from
the keywords alone, which way it widens: `forward` when the new schema accepts everything the old
one did (B ⊇ A), `backward` when the old one accepts everything the new one does.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from generator.core import pointer as jp
from generator.core.jsonvalues import canonical
from generator.core.vocabulary import is_annotation
from generator.tools.diff.schemas import VALUE_KEYWORDS, Document, constraints, types_of

ABSENT: Any = object()
MAX_PLACES = 20_000  # a guard for pathological documents, far above real specs


@dataclass(frozen=True)
class Step:
    """How an instance goes one level down: into a property, an item, or a branch's schema."""

    kind: str  # property, pattern, additional, names, prefix, items, contains, branch, then, else, dependent
    key: Any = None  # the property name, pattern, index, or (keyword, index)


Route = tuple[tuple[dict[str, Any], Step], ...]


@dataclass
class Edit:
    keyword: str
    message: str
    widens: str | None = None  # "forward", "backward", or None when the keywords alone cannot tell
    target: str | None = None  # the property (or pattern) the edit is about, where it is about one


@dataclass
class Place:
    path: tuple[Any, ...]  # instance tokens: names, and 0 for "an item"
    old: dict[str, Any]
    new: dict[str, Any]
    routes: dict[str, Route]
    monotone: bool  # reached only through applicators where accepting more never means accepting less
    pointers: tuple[str, str]
    edits: list[Edit] = field(default_factory=list)


def says(keyword: str, old: Any, new: Any) -> str:
    old, new = _as_written(keyword, old), _as_written(keyword, new)
    if old is ABSENT:
        return f"{keyword} added: {new!r}"
    if new is ABSENT:
        return f"{keyword} removed (was {old!r})"
    return f"{keyword} {old!r} → {new!r}"


def _as_written(keyword: str, value: Any) -> Any:
    """A value as a schema would write it: the normal form's one-type list is that type."""
    return value[0] if keyword == "type" and isinstance(value, list) and len(value) == 1 else value


def short(schema: Any) -> str:
    """A schema (or a list of them) in at most 60 characters, without its annotations: only what
    it asks of a payload."""
    shown = [_bare(s) for s in schema] if isinstance(schema, list) else _bare(schema)
    text = json.dumps(shown, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else text[:57] + "..."


def _bare(schema: Any) -> Any:
    """A schema's own keywords without annotations (only at its top level: deeper keys may be
    property names)."""
    return {k: v for k, v in schema.items() if not is_annotation(k)} if isinstance(schema, dict) else schema


class Walker:
    """Collects the places of two documents that differ, from the schemas at two pointers."""

    def __init__(self, old: Document, new: Document, elsewhere: frozenset[str] = frozenset()) -> None:
        self.docs = {"old": old, "new": new}
        self.elsewhere = elsewhere
        self.places: list[Place] = []
        self.visited: set[tuple[str, str, bool]] = set()
        self.queue: deque[Any] = deque()

    def walk(self, pointer: str) -> list[Place]:
        old = jp.resolve(self.docs["old"].document, pointer)
        new = jp.resolve(self.docs["new"].document, pointer)
        # breadth first: a place reached by several routes is compared once, by its shortest
        self.queue.append((old, new, pointer, pointer, (), {"old": (), "new": ()}, True))
        while self.queue:
            self.compare(*self.queue.popleft())
        return [place for place in self.places if place.edits]

    def _skipped(self, schema: Any) -> bool:
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        target = self.docs["old"].target(ref) if isinstance(ref, str) else None
        return target is not None and target in self.elsewhere

    def compare(
        self,
        a: Any,
        b: Any,
        pa: str,
        pb: str,
        path: tuple[Any, ...],
        routes: dict[str, Route],
        monotone: bool,
    ) -> None:
        if self._skipped(a) and self._skipped(b) and a.get("$ref") == b.get("$ref"):
            return  # compared as a schema of its own
        a, pa = self.docs["old"].resolve(a, pa)
        b, pb = self.docs["new"].resolve(b, pb)
        key = (pa, pb, monotone)
        if key in self.visited or len(self.places) >= MAX_PLACES:
            return  # a recursive schema: this pair of places is compared already
        self.visited.add(key)
        ca, cb = constraints(a), constraints(b)
        for side, kept in (("old", ca), ("new", cb)):
            if not self.docs[side].asserts_formats:
                kept.pop("format", None)  # an annotation there
        place = Place(path, a, b, routes, monotone, (pa, pb))
        self.places.append(place)
        _value_edits(place, ca, cb)
        self._objects(place, a, b, ca, cb, pa, pb)
        self._arrays(place, a, b, pa, pb)
        self._applicators(place, a, b, ca, cb, pa, pb)

    def _down(
        self,
        place: Place,
        a: Any,
        b: Any,
        pa: str,
        pb: str,
        token: Any,
        steps: tuple[Step, Step],
        monotone: bool = True,
    ) -> None:
        routes = {
            "old": (*place.routes["old"], (place.old, steps[0])),
            "new": (*place.routes["new"], (place.new, steps[1])),
        }
        path = place.path if token is None else (*place.path, token)
        self.queue.append((a, b, pa, pb, path, routes, place.monotone and monotone))

    def _objects(
        self,
        place: Place,
        a: dict[str, Any],
        b: dict[str, Any],
        ca: dict[str, Any],
        cb: dict[str, Any],
        pa: str,
        pb: str,
    ) -> None:
        props_a, props_b = a.get("properties", {}), b.get("properties", {})
        if not isinstance(props_a, dict) or not isinstance(props_b, dict):
            return
        open_a = _open(a) and not a.get("patternProperties")
        open_b = _open(b) and not b.get("patternProperties")
        closed_a, closed_b = a.get("additionalProperties") is False, b.get("additionalProperties") is False
        required_b = set(cb.get("required", []))
        for name in props_b.keys() - props_a.keys():
            kind = "required" if name in required_b else "optional"
            widens = "backward" if open_a else "forward" if closed_a and kind == "optional" else None
            message = f"new {kind} parameter {name!r}" + _typed(props_b[name])
            place.edits.append(Edit("properties", message, widens, name))
        for name in props_a.keys() - props_b.keys():
            widens = "forward" if open_b else "backward" if closed_b else None
            place.edits.append(Edit("properties", f"{name!r} was removed", widens, name))
        for name in sorted(props_a.keys() & props_b.keys()):
            step = Step("property", name)
            self._down(place, props_a[name], props_b[name], *_at(pa, pb, "properties", name), name, (step, step))
        self._mapped(place, a, b, pa, pb, "patternProperties", "pattern", lambda p: f"/{p}/")
        self._mapped(place, a, b, pa, pb, "dependentSchemas", "dependent", None)
        for keyword, kind in (("additionalProperties", "additional"), ("unevaluatedProperties", "additional")):
            self._single(place, a, b, pa, pb, keyword, Step(kind), "*")
        self._single(place, a, b, pa, pb, "propertyNames", Step("names"), None)

    def _arrays(self, place: Place, a: dict[str, Any], b: dict[str, Any], pa: str, pb: str) -> None:
        prefix_a, prefix_b = a.get("prefixItems", []), b.get("prefixItems", [])
        if isinstance(prefix_a, list) and isinstance(prefix_b, list):
            if len(prefix_a) != len(prefix_b):
                place.edits.append(Edit("prefixItems", f"prefixItems {len(prefix_a)} → {len(prefix_b)} positions"))
            for index in range(min(len(prefix_a), len(prefix_b))):
                step = Step("prefix", index)
                where = _at(pa, pb, "prefixItems", index)
                self._down(place, prefix_a[index], prefix_b[index], *where, index, (step, step))
        self._single(place, a, b, pa, pb, "items", Step("items"), 0)
        self._single(place, a, b, pa, pb, "unevaluatedItems", Step("items"), 0)
        self._single(place, a, b, pa, pb, "contains", Step("contains"), 0)

    def _applicators(
        self,
        place: Place,
        a: dict[str, Any],
        b: dict[str, Any],
        ca: dict[str, Any],
        cb: dict[str, Any],
        pa: str,
        pb: str,
    ) -> None:
        for keyword in ("allOf", "anyOf", "oneOf"):
            branches_a, branches_b = ca.get(keyword), cb.get(keyword)
            if branches_a is None and branches_b is None:
                continue
            if branches_a is None or branches_b is None:
                added = branches_a is None
                # a whole applicator is one more conjunct: adding one narrows, removing one widens
                widens: str | None = "backward" if added else "forward"
                said = (
                    f"{keyword} added: {short(branches_b)}" if added else f"{keyword} removed (was {short(branches_a)})"
                )
                place.edits.append(Edit(keyword, said, widens))
                continue
            monotone = keyword != "oneOf" or (_disjoint(a, branches_a) and _disjoint(b, branches_b))
            pairs, lost, gained = _pair(self.docs, branches_a, branches_b)
            for i in lost:
                widens = "forward" if keyword == "allOf" else "backward" if keyword == "anyOf" else None
                place.edits.append(Edit(keyword, f"{keyword} branch removed: {short(branches_a[i])}", widens))
            for j in gained:
                widens = "backward" if keyword == "allOf" else "forward" if keyword == "anyOf" else None
                place.edits.append(Edit(keyword, f"{keyword} branch added: {short(branches_b[j])}", widens))
            for i, j in pairs:
                steps = (Step("branch", (keyword, i)), Step("branch", (keyword, j)))
                where = (jp.child(pa, keyword, i), jp.child(pb, keyword, j))
                self._down(place, branches_a[i], branches_b[j], *where, None, steps, monotone)
        for keyword in ("not", "if"):
            if (keyword in a) != (keyword in b) or (keyword in a and canonical(a[keyword]) != canonical(b[keyword])):
                message = f"{keyword} {short(a.get(keyword, 'absent'))} → {short(b.get(keyword, 'absent'))}"
                place.edits.append(Edit(keyword, message))
        for keyword in ("then", "else"):
            self._single(place, a, b, pa, pb, keyword, Step(keyword), None)

    def _single(
        self, place: Place, a: dict[str, Any], b: dict[str, Any], pa: str, pb: str, keyword: str, step: Step, token: Any
    ) -> None:
        sa, sb = a.get(keyword, ABSENT), b.get(keyword, ABSENT)
        if sa is ABSENT and sb is ABSENT:
            return
        if isinstance(sa, dict) and isinstance(sb, dict) and sa and sb:
            self._down(place, sa, sb, *_at(pa, pb, keyword), token, (step, step))
            return
        if keyword == "contains" and (sa is ABSENT) != (sb is ABSENT):
            pass  # `contains: {}` still asks for an item: only its absence asks nothing
        elif canonical(_as_schema(sa)) == canonical(_as_schema(sb)):
            return
        message = _single_message(keyword, sa, sb)
        place.edits.append(Edit(keyword, message, _single_widens(keyword, sa, sb)))

    def _mapped(
        self, place: Place, a: dict[str, Any], b: dict[str, Any], pa: str, pb: str, keyword: str, kind: str, show: Any
    ) -> None:
        map_a, map_b = a.get(keyword, {}), b.get(keyword, {})
        if not isinstance(map_a, dict) or not isinstance(map_b, dict):
            return
        for name in map_b.keys() - map_a.keys():
            place.edits.append(Edit(keyword, f"{keyword} {name!r} added", None, name))
        for name in map_a.keys() - map_b.keys():
            place.edits.append(Edit(keyword, f"{keyword} {name!r} removed", None, name))
        for name in sorted(map_a.keys() & map_b.keys()):
            step = Step(kind, name)
            self._down(
                place, map_a[name], map_b[name], *_at(pa, pb, keyword, name), show(name) if show else None, (step, step)
            )


def _at(pa: str, pb: str, *tokens: Any) -> tuple[str, str]:
    return jp.child(pa, *tokens), jp.child(pb, *tokens)


def _open(schema: dict[str, Any]) -> bool:
    extra = schema.get("additionalProperties", True)
    return (extra is True or extra == {}) and schema.get("unevaluatedProperties", True) in (True, {})


def _typed(schema: Any) -> str:
    kinds = types_of(schema) if isinstance(schema, dict) else None
    declared = schema.get("type") if isinstance(schema, dict) else None
    return f" ({declared if isinstance(declared, str) else ', '.join(declared)})" if kinds and declared else ""


def _as_schema(value: Any) -> Any:
    return {} if value is ABSENT or value is True else {"not": {}} if value is False else value


def _single_message(keyword: str, sa: Any, sb: Any) -> str:
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        if sb is False:
            return "unknown properties no longer allowed"
        if sa is False:
            return (
                "unknown properties now allowed"
                if sb in (ABSENT, True, {})
                else f"unknown properties now allowed as {short(sb)}"
            )
    if sa is ABSENT:
        return f"{keyword} added: {short(sb)}"
    if sb is ABSENT:
        return f"{keyword} removed (was {short(sa)})"
    return f"{keyword} {short(sa)} → {short(sb)}"


def _single_widens(keyword: str, sa: Any, sb: Any) -> str | None:
    """A subschema keyword that appeared constrains more; one that went, less; `false` to a schema
    or to nothing, less. (`contains` asks for an item whatever its schema: only absence is free.)"""
    if _free(keyword, sa):
        return "backward"
    if _free(keyword, sb):
        return "forward"
    if keyword == "contains":
        return None
    if sa is False:
        return "forward"
    if sb is False:
        return "backward"
    return None


def _free(keyword: str, value: Any) -> bool:
    """A subschema keyword's value that constrains nothing."""
    return value is ABSENT or (keyword != "contains" and (value is True or value == {}))


def _disjoint(schema: dict[str, Any], branches: list[Any]) -> bool:
    """Branches that each declare types no other branch has: accepting more in one of them can
    never make a value match two."""
    seen: set[str] = set()
    for branch in branches:
        kinds = types_of(branch) if isinstance(branch, dict) else None
        if kinds is None or kinds & seen:
            return False
        seen |= kinds
    return True


def _pair(docs: dict[str, Document], a: list[Any], b: list[Any]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Branches matched across versions: equal ones first, then the same reference or the same
    types, then by position; the rest were removed or added."""
    left, right = list(range(len(a))), list(range(len(b)))
    pairs: list[tuple[int, int]] = []

    def take(test: Any) -> None:
        for i in list(left):
            for j in right:
                if test(a[i], b[j]):
                    pairs.append((i, j))
                    left.remove(i)
                    right.remove(j)
                    break

    take(lambda x, y: canonical(x) == canonical(y))
    take(lambda x, y: isinstance(x, dict) and isinstance(y, dict) and "$ref" in x and x.get("$ref") == y.get("$ref"))
    take(lambda x, y: _signature(docs["old"], x) == _signature(docs["new"], y) and _signature(docs["old"], x) != "")
    if len(left) == len(right):
        pairs += list(zip(left, right, strict=True))
        left, right = [], []
    return sorted(pairs), left, right


def _signature(doc: Document, schema: Any) -> str:
    resolved, _ = doc.resolve(schema, "")
    kinds = types_of(resolved) if isinstance(resolved, dict) else None
    return ",".join(sorted(kinds)) if kinds else ""


def _value_edits(place: Place, a: dict[str, Any], b: dict[str, Any]) -> None:
    for keyword in VALUE_KEYWORDS:
        was, now = a.get(keyword, ABSENT), b.get(keyword, ABSENT)
        if was is ABSENT and now is ABSENT:
            continue
        if was is not ABSENT and now is not ABSENT and canonical(was) == canonical(now):
            continue
        if keyword == "enum":
            place.edits.append(_enum_edit(was, now))
        elif keyword == "required":
            gained = sorted(set(now if now is not ABSENT else []) - set(was if was is not ABSENT else []))
            lost = sorted(set(was if was is not ABSENT else []) - set(now if now is not ABSENT else []))
            for name in gained:
                place.edits.append(Edit("required", f"{name!r} is now required", "backward", name))
            for name in lost:
                place.edits.append(Edit("required", f"{name!r} is no longer required", "forward", name))
        else:
            place.edits.append(Edit(keyword, says(keyword, was, now), _widens(keyword, was, now)))


def _enum_edit(was: Any, now: Any) -> Edit:
    if was is ABSENT:
        return Edit("enum", f"now limited to {_values(now)}", "backward")
    if now is ABSENT:
        return Edit("enum", f"no longer limited to {_values(was)}", "forward")
    before, after = {canonical(v) for v in was}, {canonical(v) for v in now}
    removed = [v for v in was if canonical(v) not in after]
    added = [v for v in now if canonical(v) not in before]
    parts = [f"{_values(removed)} no longer allowed"] if removed else []
    parts += [f"{_values(added)} newly allowed"] if added else []
    widens = "forward" if not removed else "backward" if not added else None
    return Edit("enum", "; ".join(parts) or "values reordered", widens)


def _values(listed: list[Any], shown: int = 6) -> str:
    """A list of values; a long one by its first few and its length."""
    if len(listed) <= shown:
        return repr(listed)
    return f"{len(listed)} values ({', '.join(repr(v) for v in listed[:shown])}, ...)"


_UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxContains", "maxProperties")
_LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minContains", "minProperties")


def _widens(keyword: str, was: Any, now: Any) -> str | None:
    """Which way a change of one value keyword widens, where that follows from the keyword alone."""
    if was is ABSENT:
        return "backward"
    if now is ABSENT:
        return "forward"
    try:
        if keyword in _UPPER:
            return "forward" if now > was else "backward"
        if keyword in _LOWER:
            return "forward" if now < was else "backward"
        if keyword == "type":
            old, new = types_of({"type": was}) or set(), types_of({"type": now}) or set()
            return "forward" if old <= new else "backward" if new <= old else None
        if keyword == "multipleOf":
            ratio = Fraction(repr(was)) / Fraction(repr(now))
            return "forward" if ratio.denominator == 1 else "backward" if (1 / ratio).denominator == 1 else None
        if keyword == "uniqueItems":
            return "forward" if not now else "backward"
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return None
