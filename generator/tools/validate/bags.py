"""Validating logged requests past one machine: the generated validator mapped over a Dask bag of
JSON Lines, per-file counts and error samples back (`pip install 'specgen[dask]'`).

Each worker imports the generated package (standard library only) and checks its partitions
with the package's own checker (`<package>._check`), so a line is judged exactly as
`python -m <package> validate` judges it: strict exact JSON, the shape choosing task or request
body, the same messages. `validate_files` reads one partition per file, so line numbers are the
files' own; with a bag of your own, they count within each partition.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SAMPLES = 5  # errors kept per file
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
CHECKER = ("jsonread", "runner", "inputs")  # the package's modules each worker uses


@dataclass
class FileCounts:
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0
    samples: list[str] = field(default_factory=list)  # "line:column: /pointer: message", the first few

    def merge(self, other: FileCounts, samples: int) -> None:
        self.valid += other.valid
        self.invalid += other.invalid
        self.unreadable += other.unreadable
        self.samples = (self.samples + other.samples)[:samples]


def check_partition(
    records: Iterable[Any], package: str, definition: str | None = None, samples: int = SAMPLES
) -> list[dict[str, FileCounts]]:
    """Counts per file of one partition: lines as `(text, path)` pairs (`read_text(include_path=True)`)
    or bare text (counted under the path "-")."""
    entry = importlib.import_module(f"{package}.__main__")
    jsonread, runner, inputs = (importlib.import_module(f"{package}._check.{name}") for name in CHECKER)
    chosen = runner.Schemas(entry.VALIDATORS, entry.TASK, entry.BODY, definition)
    counts: dict[str, FileCounts] = {}
    numbers: dict[str, int] = {}
    for record in records:
        text, path = record if isinstance(record, tuple) else (record, "-")
        number = numbers[path] = numbers.get(path, 0) + 1
        tally = counts.setdefault(path, FileCounts())
        text = text.rstrip("\n")
        if number == 1:
            text = text.removeprefix(jsonread.BOM)
        if not text.strip():
            continue
        bad = _ESCAPED_BYTE.search(text)
        if bad is not None:  # read with surrogateescape: a byte that is not UTF-8
            tally.unreadable += 1
            _sample(tally, f"{number}:{bad.start() + 1}: not UTF-8: byte {ord(bad.group()) - 0xDC00:#04x}", samples)
            continue
        try:
            value = jsonread.parse(text, number)
        except jsonread.JsonError as error:
            tally.unreadable += 1
            _sample(tally, f"{error.line}:{error.column}: {error.message}", samples)
            continue
        document = inputs.Document(path, number, 1, value, inputs._in_text(text, number, 1))
        checked = runner.check(document, chosen)
        if checked.valid:
            tally.valid += 1
            continue
        tally.invalid += 1
        for found in checked.errors:
            _sample(tally, f"{found.line}:{found.column}: {found.path or '/'}: {found.message}", samples)
    return [counts]


def _sample(tally: FileCounts, text: str, samples: int) -> None:
    if len(tally.samples) < samples:
        tally.samples.append(text)


def validate_bag(
    bag: Any, package: str = "zai_glm_4_7", definition: str | None = None, samples: int = SAMPLES
) -> dict[str, FileCounts]:
    """Check every line of a Dask bag of JSON Lines text; counts per file, on the bag's scheduler."""
    partials = bag.map_partitions(check_partition, package, definition, samples).compute()
    total: dict[str, FileCounts] = {}
    for partial in partials:
        for path, tally in partial.items():
            total.setdefault(path, FileCounts()).merge(tally, samples)
    return dict(sorted(total.items()))


def validate_files(
    paths: Sequence[str] | str, package: str = "zai_glm_4_7", definition: str | None = None, samples: int = SAMPLES
) -> dict[str, FileCounts]:
    """Check JSON Lines files (paths or globs, local or any fsspec URL): one partition per file."""
    import dask.bag

    bag = dask.bag.read_text(  # type: ignore[no-untyped-call]
        paths, blocksize=None, include_path=True, encoding="utf-8", errors="surrogateescape"
    )
    return validate_bag(bag, package, definition, samples)
