"""The changes `specgen diff` reports, their kinds, and the evidence behind each verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BREAKING = "breaking"
UNKNOWN = "unknown"
COMPATIBLE = "non-breaking"
DEFAULT = "default"
NO_WITNESS: Any = object()

# How a verdict is known.
WITNESSED = "witness"  # a payload that both specs' compiled validators confirm
PROVED = "proved"  # the keywords alone show a widening, reached only through monotone applicators
SEARCHED = "searched"  # a bounded search for a witness found none
UNPROVEN = "unproven"  # neither: no payload reaching the place could be built, or no validator


@dataclass(frozen=True)
class Verdict:
    """Whether B accepts less than A at a place, and how that is known."""

    breaking: bool
    evidence: str  # WITNESSED, PROVED, SEARCHED or UNPROVEN
    detail: str = ""
    witness: Any = NO_WITNESS

    @property
    def known(self) -> bool:
        return self.evidence != UNPROVEN


@dataclass(frozen=True)
class Change:
    kind: str  # BREAKING, UNKNOWN, COMPATIBLE or DEFAULT
    side: str  # "request" or "response"
    schema: str  # the schema compared: the task, or a $defs name
    path: str  # where in an instance: "settings.temperature", "messages[].role"
    message: str
    witness: Any = NO_WITNESS  # a payload that shows a breaking change
    evidence: str = ""  # WITNESSED, PROVED, SEARCHED or UNPROVEN, with its detail
    detail: str = ""
    at_place: Any = NO_WITNESS  # the witness's value at `path`, where it can be read off

    def as_dict(self) -> dict[str, Any]:
        data = {"kind": self.kind, "side": self.side, "schema": self.schema, "path": self.path, "message": self.message}
        if self.evidence:
            data["evidence"] = self.evidence
        if self.detail:
            data["detail"] = self.detail
        if self.witness is not NO_WITNESS:
            data["witness"] = self.witness
        return data
