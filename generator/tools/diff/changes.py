"""The changes `specgen diff` reports, and their kinds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BREAKING = "breaking"
POSSIBLY = "possibly breaking"
COMPATIBLE = "non-breaking"
DEFAULT = "default"
NO_WITNESS = object()


@dataclass(frozen=True)
class Change:
    kind: str  # BREAKING, POSSIBLY, COMPATIBLE or DEFAULT
    side: str  # "request" or "response"
    schema: str  # the schema compared: the task, or a $defs name
    path: str  # where in an instance: "settings.temperature", "messages[].role"
    message: str
    witness: Any = NO_WITNESS  # a payload that shows a breaking change

    def as_dict(self) -> dict[str, Any]:
        data = {"kind": self.kind, "side": self.side, "schema": self.schema, "path": self.path, "message": self.message}
        if self.witness is not NO_WITNESS:
            data["witness"] = self.witness
        return data
