"""The only code that writes: compare the output directory with rendered files, or replace it,
and replace a single file (a spec `import` makes).

`write_tree` builds the whole new tree beside the old one and swaps directories, so a failure at
any point leaves the output as it was, and files nobody renders any more (orphans) disappear.
`write_file` does the same for one file with a rename.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.core.errors import SpecgenError

MARKER = "MANIFEST.json"  # a directory holding this was written by specgen, and may be replaced
_IGNORED_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


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
        if path.is_file() and not _IGNORED_PARTS.intersection(relative.parts) and path.suffix != ".pyc":
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


def write_tree(out: Path, files: Mapping[PurePosixPath, str]) -> None:
    """Make `out` hold exactly `files`, atomically: all of the new tree, or the old one untouched."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise SpecgenError.at("the output path exists and is not a directory", file=str(out))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SpecgenError.at(
            f"refusing to replace a directory that specgen did not write (it has no {MARKER}); choose an empty or new --out",
            file=str(out),
        )
    _make_parent(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as error:
        raise SpecgenError.at(f"could not write the output: {error.strerror} in {out.parent}", file=str(out)) from None
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        for relative, text in files.items():
            target = staging.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        staging.chmod(0o755)
        if out.exists():
            out.rename(retired)
        staging.rename(out)
    except OSError as error:
        if retired.exists() and not out.exists():
            retired.rename(out)
        raise SpecgenError.at(f"could not write the output: {error}", file=str(out)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)


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
