"""The verdict at each place that changed, in one direction: B accepts less than A when a payload
valid under A and invalid under B turns up (checked with both specs' compiled validators, strict,
so `unevaluated*` counts); A ⊆ B is proved when every edit there widens and the place is reached
only through monotone applicators; otherwise a bounded search that found nothing says so, and a
place no payload could be built for is left unproven."""

from __future__ import annotations

import copy
from typing import Any

from generator.core import pointer as jp
from generator.tools.diff.candidates import candidates
from generator.tools.diff.changes import PROVED, SEARCHED, UNPROVEN, WITNESSED, Verdict
from generator.tools.diff.instances import Builder
from generator.tools.diff.places import Place
from generator.tools.diff.schemas import VALUE_KEYWORDS, Document

Check = Any  # a compiled validator module: is_valid_entry_0 and validate_entry_0
REPAIRS = 4  # rounds of adding what a payload still lacks


class Searcher:
    """Verdicts for places of one compared schema; `checks` holds each side's compiled check (or
    the reason there is none)."""

    def __init__(self, docs: dict[str, Document], checks: dict[str, Check | str], assume_closed: bool = False) -> None:
        self.docs = docs
        self.checks = checks
        self.assume_closed = assume_closed

    def verdict(self, place: Place, forward: bool) -> Verdict:
        wide, narrow = ("old", "new") if forward else ("new", "old")
        direction = "forward" if forward else "backward"
        if place.monotone and all(e.widens == direction and self._keeps_evaluation(e) for e in place.edits):
            said = (
                "the new version accepts all the old one did here"
                if forward
                else "the old version accepted all the new one does here"
            )
            return Verdict(False, PROVED, said)
        accepts_wide, accepts_narrow = self.checks[wide], self.checks[narrow]
        if isinstance(accepts_wide, str) or isinstance(accepts_narrow, str):
            reason = accepts_wide if isinstance(accepts_wide, str) else accepts_narrow
            return Verdict(False, UNPROVEN, f"no validator to check payloads with: {reason}")
        tried = 0
        for variant in range(_variants(self.docs[wide], place, wide)):
            builder = Builder(self.docs[wide], variant)
            for value in candidates(place, forward, builder, self.assume_closed):
                payload = self._repaired(builder, accepts_wide, builder.embed(place.routes[wide], value))
                if payload is NOT_VALID:
                    continue
                tried += 1
                if not _safe(accepts_narrow.is_valid_entry_0, payload):
                    return Verdict(True, WITNESSED, "", payload)
        if tried:
            return Verdict(False, SEARCHED, f"no witness among {tried} payloads valid under the {wide} spec")
        return Verdict(False, UNPROVEN, f"no payload valid under the {wide} spec could be built to reach this place")

    def _keeps_evaluation(self, edit: Any) -> bool:
        """Whether a widening stays one beside `unevaluated*`: an edit of what is evaluated
        (properties, items, branches) can leave more unevaluated, so only value keywords qualify."""
        return not (self.docs["old"].uses_unevaluated or self.docs["new"].uses_unevaluated) or edit.keyword in (
            *VALUE_KEYWORDS,
            "propertyNames",
        )

    def _repaired(self, builder: Builder, check: Check, payload: Any) -> Any:
        """`payload` if valid, or made valid by adding the properties the errors say are
        missing (a requirement deep in a branch the simple payload missed), or NOT_VALID."""
        for _ in range(REPAIRS):
            if _safe(check.is_valid_entry_0, payload):
                return payload
            try:
                errors = check.validate_entry_0(payload)
            except (RecursionError, ValueError, TypeError):
                return NOT_VALID
            missing = [e for e in errors if e.keyword == "required"]
            if not missing:
                return NOT_VALID
            payload = copy.deepcopy(payload)
            for error in missing:
                _fill(builder, payload, error)
        return payload if _safe(check.is_valid_entry_0, payload) else NOT_VALID


def _fill(builder: Builder, payload: Any, error: Any) -> None:
    try:
        holder = jp.resolve(payload, error.path)
        # the error's place is in the original document; the builder reads its 2020-12 rewrite
        tokens = ["$defs" if t == "definitions" else t for t in jp.split(error.schema_path)[:-1]]
    except (KeyError, ValueError, IndexError, TypeError):
        return
    if not isinstance(holder, dict):
        return
    document = builder.doc.document
    try:
        node = jp.resolve(document, jp.from_tokens(tokens))
    except (KeyError, ValueError, IndexError):
        return
    for name in node.get("required", []) if isinstance(node, dict) else []:
        if name not in holder:
            holder[name] = builder.minimal(_declared_near(document, tokens, name))


def _declared_near(document: Any, tokens: list[str], name: str) -> Any:
    """The schema of property `name`, from the nearest schema on the way down that declares it."""
    for end in range(len(tokens), -1, -1):
        try:
            node = jp.resolve(document, jp.from_tokens(tokens[:end]))
        except (KeyError, ValueError, IndexError):
            continue
        if isinstance(node, dict) and isinstance(node.get("properties"), dict) and name in node["properties"]:
            return node["properties"][name]
    return {}


NOT_VALID: Any = object()
MOST_VARIANTS = 8  # branches tried at one choice: a bound on the work, above most real oneOfs


def _variants(doc: Document, place: Place, side: str) -> int:
    """How many builders to try: one per branch of the widest oneOf/anyOf on the way to the
    place or at it (at least the first and the last)."""
    schemas = [node for node, _ in place.routes[side]] + [place.old if side == "old" else place.new]
    widest = 2
    for schema in schemas:
        node, _ = doc.resolve(schema, "")
        for keyword in ("oneOf", "anyOf"):
            branches = node.get(keyword) if isinstance(node, dict) else None
            widest = max(widest, len(branches) if isinstance(branches, list) else 0)
    return min(widest, MOST_VARIANTS)


def _safe(check: Any, payload: Any) -> bool:
    try:
        return bool(check(payload))
    except (RecursionError, ValueError, TypeError):
        return False
