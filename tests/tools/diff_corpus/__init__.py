"""The corpus of real schema version pairs (README.md): the manifest, and the schema files from
the shared folder."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import SHARED

MANIFEST = Path(__file__).with_name("manifest.json")
DIRECTIONS = ("forward", "backward")
VERDICTS = ("breaking", "non-breaking", "no change")


def data_folder() -> Path:
    given = os.environ.get("SPECGEN_DIFF_CORPUS")
    return Path(given) if given else SHARED / "schema-histories"


@dataclass(frozen=True)
class Pair:
    entry: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.entry["id"])

    def expected(self, direction: str) -> str:
        return str(self.entry["expected"][direction])

    def witness(self, direction: str) -> Any:
        return self.entry["witnesses"][direction]

    def files(self) -> tuple[Path, Path]:
        folder = data_folder() / self.id
        return folder / "old.json", folder / "new.json"

    def present(self) -> bool:
        return all(path.is_file() for path in self.files())

    def schemas(self) -> tuple[Any, Any]:
        old, new = self.files()
        return json.loads(old.read_text()), json.loads(new.read_text())

    def ordered(self, direction: str) -> tuple[Path, Path]:
        """(source, target): a forward question reads old -> new, a backward one new -> old."""
        old, new = self.files()
        return (old, new) if direction == "forward" else (new, old)


def pairs() -> list[Pair]:
    return [Pair(entry) for entry in json.loads(MANIFEST.read_text())["pairs"]]
