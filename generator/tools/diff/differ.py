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

from collections.abc import Iterator
from typing import Any

from generator.compiler.inmemory import validators_at
from generator.core import pointer as jp
from generator.core import schemawalk
from generator.spec.load import SpecSource
from generator.tools.diff.changes import BREAKING, COMPATIBLE, DEFAULT, POSSIBLY, Change
from generator.tools.diff.narrowing import Comparer, Narrowing, Side, is_elsewhere
from generator.tools.diff.witness import witness

_ABSENT = object()


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
        self.sides = {"old": Side(old.document), "new": Side(new.document)}
        self._checks: dict[tuple[str, str], Any] = {}

    def accepts(self, side: str, pointer: str) -> Any:
        """The compiled boolean check of the schema at `pointer` in the `side` spec."""
        if (side, pointer) not in self._checks:
            source = self.old if side == "old" else self.new
            module, _ = validators_at(source, [pointer], strict=False)
            self._checks[side, pointer] = module.is_valid_entry_0
        return self._checks[side, pointer]

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
        changes += self._defaults_and_descriptions(old_schema, new_schema, side, label, elsewhere)
        return changes

    def _narrowings(
        self, wide: str, narrow: str, wide_schema: Any, narrow_schema: Any, pointer: str, elsewhere: frozenset[str]
    ) -> list[tuple[Narrowing, Any]]:
        """Each place where `narrow` accepts less than `wide`, with its witness if the compiled
        validators confirm it (valid under `wide`, invalid under `narrow`), else None."""
        comparer = Comparer(self.sides[wide], self.sides[narrow], wide == "old", elsewhere)
        comparer.compare(wide_schema, narrow_schema, ())
        if not comparer.found:
            return []
        accepts_wide, accepts_narrow = self.accepts(wide, pointer), self.accepts(narrow, pointer)
        base = self._base(wide, wide_schema, accepts_wide)
        result = []
        for narrowing in comparer.found:
            candidate = witness(narrowing, base)
            confirmed = accepts_wide(candidate) and not accepts_narrow(candidate)
            result.append((narrowing, candidate if confirmed else None))
        return result

    def _base(self, side: str, schema: Any, accepts: Any) -> Any:
        """A payload valid under `side`: every parameter if that validates, else the required."""
        examples = self.sides[side].examples
        full = examples.value(schema, full=True)
        return full if accepts(full) else examples.value(schema)

    def _verdict(self, narrowing: Narrowing, side: str, label: str, witness: Any) -> Change:
        if witness is None:
            return Change(POSSIBLY, side, label, _display(narrowing.path), narrowing.message)
        return Change(BREAKING, side, label, _display(narrowing.path), narrowing.message, witness)

    def _defaults_and_descriptions(
        self, old: Any, new: Any, side: str, label: str, elsewhere: frozenset[str]
    ) -> list[Change]:
        changes = []
        places = list(_pairs(self.sides["old"], self.sides["new"], old, new, (), elsewhere))
        for path, before, after in places:
            if before.get("default", _ABSENT) != after.get("default", _ABSENT):
                message = f"default {before.get('default', 'none')!r} → {after.get('default', 'none')!r}"
                changes.append(Change(DEFAULT, side, label, _display(path), message))
            if before.get("description") != after.get("description"):
                changes.append(Change(COMPATIBLE, side, label, _display(path), "description changed"))
            for name in after.get("properties", {}):
                if name not in before.get("properties", {}) and name not in after.get("required", []):
                    changes.append(
                        Change(COMPATIBLE, side, label, _display((*path, name)), f"new optional parameter {name!r}")
                    )
        return changes


def _pairs(
    a: Side,
    b: Side,
    sa: Any,
    sb: Any,
    path: tuple[str | int, ...],
    elsewhere: frozenset[str],
    seen: set[str] | None = None,
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any], dict[str, Any]]]:
    """Every place present in both schemas (properties and items, references followed once, but
    not into the schemas compared on their own)."""
    seen = set() if seen is None else seen
    if is_elsewhere(sa, elsewhere):
        return
    ref = sa.get("$ref") if isinstance(sa, dict) else None
    if isinstance(ref, str):
        if ref in seen:
            return  # a recursive schema: its places are listed already
        seen.add(ref)
    sa, sb = a.resolve(sa), b.resolve(sb)
    if not isinstance(sa, dict) or not isinstance(sb, dict):
        return
    yield path, sa, sb
    for name, schema in sa.get("properties", {}).items():
        if name in sb.get("properties", {}):
            yield from _pairs(a, b, schema, sb["properties"][name], (*path, name), elsewhere, seen)
    if "items" in sa and "items" in sb:
        yield from _pairs(a, b, sa["items"], sb["items"], (*path, 0), elsewhere, seen)


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


def diff(old: SpecSource, new: SpecSource) -> list[Change]:
    return Differ(old, new).changes()
