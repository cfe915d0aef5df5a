"""The only code that writes: compare the output directory with rendered files, or replace it,
and replace a single file (a spec `import` makes).

`claimed(out)` is where every replacement starts: it takes the lock, finishes or undoes a swap a
crash interrupted (swap.py), and refuses a directory specgen did not write (manifest.py). Then
`Claim.replace` builds the whole new tree beside the old one and swaps them, so a failure at any
point leaves the output as it was, and files nobody renders any more (orphans) disappear.
`write_file` does the same for one file with a rename.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.core import manifest, swap
from generator.core.errors import SpecgenError


@dataclass
class Drift:
    """How the output directory differs from what the specs render to."""

    changed: list[PurePosixPath] = field(default_factory=list)
    missing: list[PurePosixPath] = field(default_factory=list)
    orphaned: list[PurePosixPath] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.orphaned)


def existing_files(out: Path) -> dict[PurePosixPath, Path]:
    """The files under `out`, by relative path, leaving out caches that Python and tools create."""
    if not out.is_dir():
        return {}
    found = {}
    for path in sorted(out.rglob("*")):
        relative = PurePosixPath(path.relative_to(out).as_posix())
        if path.is_file() and not manifest.is_ignored(relative):
            found[relative] = path
    return found


def compare(out: Path, files: Mapping[PurePosixPath, str]) -> Drift:
    drift = Drift()
    on_disk = existing_files(out)
    for relative, text in files.items():
        path = on_disk.get(relative)
        if path is None:
            drift.missing.append(relative)
            continue
        current = path.read_bytes().decode("utf-8", errors="replace")
        if current != text:
            drift.changed.append(relative)
            name = relative.as_posix()
            drift.diff += difflib.unified_diff(
                current.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"{name} (on disk)",
                f"{name} (from spec)",
            )
    drift.orphaned = [relative for relative in on_disk if relative not in files]
    return drift


@dataclass(frozen=True)
class Claim:
    """An output directory specgen may replace, held under its lock; `notes` say what an
    interrupted earlier run left and how it was put right."""

    out: Path
    notes: list[str]

    def replace(self, files: Mapping[PurePosixPath, str]) -> list[str]:
        """Make the output hold exactly `files`, atomically; returns warnings to show."""

        def fill(staging: Path) -> None:
            for relative, text in files.items():
                target = staging.joinpath(*relative.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))

        return swap.replace_tree(self.out, fill)


@contextmanager
def claimed(out: Path) -> Iterator[Claim]:
    """Take `out` for replacing: refused (exit 2) at once for a filesystem root or a mount point,
    and for any directory that is not empty and not wholly specgen's (see manifest.py)."""
    out = Path(os.path.abspath(out))
    if out.exists() or out.is_symlink():
        out = out.resolve()
    if out.parent == out:
        raise SpecgenError.at("refusing to replace the root of the filesystem; choose a new --out", file=str(out))
    if os.path.ismount(out):
        raise SpecgenError.at(
            "refusing to replace a mount point (a swap renames the directory); choose a directory inside it",
            file=str(out),
        )
    _make_parent(out)
    with swap.locked(out):
        notes = swap.recover(out)
        manifest.check_replaceable(out)
        yield Claim(out, notes)


def write_tree(out: Path, files: Mapping[PurePosixPath, str]) -> list[str]:
    """Claim `out` and replace it with `files`; returns the notes and warnings to show."""
    with claimed(out) as claim:
        return claim.notes + claim.replace(files)


def write_file(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically: a reader sees the old file or the new, never half."""
    path = path.resolve()
    _make_parent(path)
    staging = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        staging.write_bytes(text.encode("utf-8"))
        staging.replace(path)
    except OSError as error:
        staging.unlink(missing_ok=True)
        raise SpecgenError.at(f"could not write the file: {error.strerror}", file=str(path)) from None


def _make_parent(path: Path) -> None:
    """Create the directory `path` goes in, or say plainly why it cannot be."""
    blocker = next(parent for parent in path.parents if parent.exists())
    if not blocker.is_dir():
        raise SpecgenError.at(f"cannot go under {blocker}: it is not a directory", file=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SpecgenError.at(f"cannot create {path.parent}: {error.strerror}", file=str(path)) from None
