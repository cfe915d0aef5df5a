"""`specgen diff`: how a spec changed, and whom each change breaks.

A change is *breaking for senders* when some request valid under the old spec is invalid under
the new one, and *breaking for readers* when some response valid under the new spec is invalid
under the old one (a reader built on the old spec would choke on it). Both are the same question
— where does schema B accept less than schema A? — asked in opposite directions.

The two versions are walked side by side by meaning (places.py: references followed, enum-like
applicators read as values, branches paired), and at each place that changed the question is
settled with evidence (search.py): a witness payload that both specs' compiled validators
confirm, a structural proof, or a bounded search that found none; otherwise the verdict is
"unknown", never silence. Changed defaults and descriptions are reported apart: they change no
payload's validity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.compiler.inmemory import validators_at
from generator.core import pointer as jp
from generator.core import schemawalk
from generator.core.errors import SpecgenError
from generator.spec.load import SpecSource
from generator.tools.diff.changes import (
    BREAKING,
    COMPATIBLE,
    DEFAULT,
    NO_WITNESS,
    PROVED,
    UNKNOWN,
    UNPROVEN,
    WITNESSED,
    Change,
    Verdict,
)
from generator.tools.diff.dialects import to_2020_12
from generator.tools.diff.places import ABSENT, Edit, Place, Walker
from generator.tools.diff.schemas import Document
from generator.tools.diff.search import Check, Searcher

_ABSENT = object()


def display(path: tuple[Any, ...]) -> str:
    text = ""
    for token in path:
        text += "[]" if isinstance(token, int) else ("." if text else "") + str(token)
    return text or "(the whole object)"


@dataclass(frozen=True)
class Finding:
    """A place that changed, with its verdict each way: `forward` asks whether the new version
    accepts less (breaks senders), `backward` whether it accepts more (breaks readers)."""

    place: Place
    forward: Verdict
    backward: Verdict

    @property
    def message(self) -> str:
        return worded(self.place.edits)


_REQUIRED = {"backward": "now required", "forward": "no longer required"}


def worded(edits: list[Edit]) -> str:
    """The edits at a place in one line; several names that became (or stopped being) required
    are said once: "now required: 'a', 'b'"."""
    named: dict[str, list[str]] = {}
    parts: list[str] = []
    for edit in edits:
        phrase = _REQUIRED.get(edit.widens or "") if edit.keyword == "required" and edit.target else None
        if phrase is None:
            parts.append(edit.message)
            continue
        if phrase not in named:
            named[phrase] = []
            parts.append(phrase)
        named[phrase].append(repr(edit.target))
    return "; ".join(_grouped(part, named.get(part)) for part in parts)


def _grouped(phrase: str, names: list[str] | None) -> str:
    if names is None:
        return phrase
    return f"{names[0]} is {phrase}" if len(names) == 1 else f"{phrase}: {', '.join(names)}"


def classify(findings: list[Finding], direction: str) -> str:
    """The corpus's verdict for one direction: breaking, non-breaking, no change, or unknown."""
    verdicts = [getattr(f, direction) for f in findings]
    others = [getattr(f, "backward" if direction == "forward" else "forward") for f in findings]
    if any(v.breaking for v in verdicts):
        return "breaking"
    if any(not v.known for v in verdicts):
        return "unknown"
    return "non-breaking" if any(v.breaking for v in others) else "no change"


class Differ:
    def __init__(self, old: SpecSource, new: SpecSource, *, assume_closed: bool = False) -> None:
        self.old, self.new = old, new
        # walked as their 2020-12 meaning; payloads are checked by the validators of the originals
        self.docs = {"old": Document(to_2020_12(old.document)), "new": Document(to_2020_12(new.document))}
        self.assume_closed = assume_closed
        self._checks: dict[tuple[str, str], Check | str] = {}

    def check(self, side: str, pointer: str) -> Check | str:
        """The compiled boolean check of the schema at `pointer` in the `side` spec (strict: a
        keyword the compiler cannot check makes no check at all), or why there is none."""
        if (side, pointer) not in self._checks:
            source = self.old if side == "old" else self.new
            try:
                module, _ = validators_at(source, [pointer], strict=True)
                self._checks[side, pointer] = module
            except SpecgenError as error:
                first = str(error).splitlines()[0] if str(error) else "the compiler refused it"
                self._checks[side, pointer] = first
        return self._checks[side, pointer]

    def findings(self, pointer: str = "", elsewhere: frozenset[str] = frozenset()) -> list[Finding]:
        """Every changed place of the schema at `pointer`, with both verdicts."""
        return self._settle(pointer, elsewhere)[1]

    def _settle(self, pointer: str, elsewhere: frozenset[str]) -> tuple[list[Place], list[Finding]]:
        """Every place walked (for the annotations), and the changed ones with their verdicts."""
        walker = Walker(self.docs["old"], self.docs["new"], elsewhere)
        places = walker.walk(pointer)
        checks = {"old": self.check("old", pointer), "new": self.check("new", pointer)} if places else {}
        searcher = Searcher(self.docs, checks, self.assume_closed)
        return walker.places, [Finding(p, searcher.verdict(p, True), searcher.verdict(p, False)) for p in places]

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
        order = {BREAKING: 0, UNKNOWN: 1, DEFAULT: 2, COMPATIBLE: 3}
        return sorted(result, key=lambda c: order[c.kind])

    def _compare(self, name: str | None, side: str, elsewhere: frozenset[str]) -> list[Change]:
        label = name or "task"
        pointer = _pointer_of(name)
        present = [_has(source.document, pointer) for source in (self.old, self.new)]
        if not present[0]:
            return [Change(COMPATIBLE, side, label, "", f"schema {label} added", evidence="proved")]
        if not present[1]:
            why = "the new spec has no schema to check those payloads against"
            return [Change(UNKNOWN, side, label, "", f"schema {label} removed", evidence=UNPROVEN, detail=why)]
        walked, found = self._settle(pointer, elsewhere)
        return [self._change(f, side, label) for f in found] + list(self._annotations(walked, side, label))

    def _change(self, finding: Finding, side: str, label: str) -> Change:
        # senders break where new accepts less than old; readers where old accepts less than new
        verdict, other = (
            (finding.forward, finding.backward) if side == "request" else (finding.backward, finding.forward)
        )
        path = display(finding.place.path)
        if verdict.breaking:
            shown = _value_at(verdict.witness, finding.place.path)
            return Change(
                BREAKING, side, label, path, finding.message, verdict.witness, WITNESSED, _who(finding), shown
            )
        if not verdict.known:
            return Change(UNKNOWN, side, label, path, finding.message, NO_WITNESS, UNPROVEN, verdict.detail)
        detail = verdict.detail if other.breaking else f"{verdict.detail}; the other way too ({other.detail})"
        if verdict.evidence == PROVED and other.evidence == PROVED:
            detail = "both versions accept the same payloads here"
        return Change(COMPATIBLE, side, label, path, finding.message, NO_WITNESS, verdict.evidence, detail)

    def _annotations(self, places: list[Place], side: str, label: str) -> Iterator[Change]:
        for place in places:
            before, after = place.old, place.new
            if before.get("default", _ABSENT) != after.get("default", _ABSENT):
                message = f"default {before.get('default', 'none')!r} → {after.get('default', 'none')!r}"
                yield Change(DEFAULT, side, label, display(place.path), message)
            if before.get("description") != after.get("description"):
                yield Change(COMPATIBLE, side, label, display(place.path), "description changed", evidence="proved")


def _value_at(payload: Any, path: tuple[Any, ...]) -> Any:
    """The part of a witness at an instance path (an item is the first), if the path reads it."""
    for token in path:
        if isinstance(token, int) and isinstance(payload, list) and payload:
            payload = payload[0]
        elif isinstance(token, str) and isinstance(payload, dict) and token in payload:
            payload = payload[token]
        elif _unnamed(token) and isinstance(payload, dict) and payload:
            payload = list(payload.values())[-1]  # the builder adds the unnamed property last
        else:
            return NO_WITNESS
    return payload


def _unnamed(token: Any) -> bool:
    """A path token for any additional property (`*`) or any name a pattern takes (`/^x-/`)."""
    return isinstance(token, str) and (token == "*" or (len(token) > 1 and token[0] == token[-1] == "/"))


def _who(finding: Finding) -> str:
    """Whom an open object's new constraint breaks: those already sending that name."""
    for edit in finding.place.edits:
        if edit.keyword == "properties" and edit.widens == "backward" and edit.target:
            return f"that already send {edit.target!r} with another value (the object was open)"
    return ""


def _has(document: dict[str, Any], pointer: str) -> bool:
    try:
        jp.resolve(document, pointer)
    except KeyError:
        return False
    return True


def _pointer_of(name: str | None) -> str:
    return "" if name is None else jp.join("$defs", name)


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


def diff(old: SpecSource, new: SpecSource, *, assume_closed: bool = False) -> list[Change]:
    return Differ(old, new, assume_closed=assume_closed).changes()


__all__ = ["ABSENT", "Differ", "Finding", "classify", "diff", "display"]
