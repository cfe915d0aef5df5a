"""MANIFEST.json: what a specgen output directory holds, and how `generate` knows the directory
is its own to replace.

A directory is ours when its MANIFEST.json is one specgen writes (its format, its provenance
fields, the list of files written) and nothing else is in it but those files and the caches
that tools make beside them. Anything else is somebody's: `generate` refuses to replace it.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.core import jsontext
from generator.core.errors import SpecgenError

NAME = "MANIFEST.json"
FORMAT = 1  # raised when the manifest changes shape; a manifest without it is the first shape
CACHES = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"})  # tools make these; never ours
_MAX_BYTES = 16 * 1024 * 1024  # a real manifest is a few kilobytes
_MAX_NAMED = 10  # foreign files named in a refusal; the walk stops there
_SHA256 = re.compile(r"[0-9a-f]{64}")
_GENERATOR = re.compile(r"specgen [^\s]+")


def text(generator: str, templates_sha256: str, specs: Sequence[Mapping[str, Any]], files: Iterable[str]) -> str:
    """The manifest for a rendered tree: provenance, each spec's entry, and every file written."""
    manifest = {
        "format": FORMAT,
        "generator": generator,
        "templates_sha256": templates_sha256,
        "specs": list(specs),
        "files": sorted(set(files) - {NAME}),
    }
    return json.dumps(manifest, indent=2) + "\n"


@dataclass(frozen=True)
class Owned:
    """A directory specgen wrote: the files its manifest lists (the manifest included)."""

    files: frozenset[PurePosixPath]


def is_ignored(relative: PurePosixPath) -> bool:
    """Caches and compiled files that tools create under an output: neither ours nor drift."""
    return bool(CACHES.intersection(relative.parts)) or relative.suffix == ".pyc"


def read_owned(out: Path, purpose: str = "replace") -> Owned | None:
    """The files specgen wrote in `out` (None when `out` is absent or empty), looking only at its
    top level and its manifest: refused at once, without walking it, when the manifest is missing.
    `purpose` is what the refusal says specgen would not do: replace, check..."""
    try:
        with os.scandir(out) as entries:
            if next(entries, None) is None:
                return None
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise SpecgenError.at("the output path exists and is not a directory", file=str(out)) from None
    except OSError as error:
        raise SpecgenError.at(f"the output directory cannot be read: {error.strerror}", file=str(out)) from None
    manifest = out / NAME
    try:
        status = manifest.lstat()
    except FileNotFoundError:
        raise _refusal(out, purpose, f"it has no {NAME}, so specgen did not write it") from None
    except OSError as error:
        raise _refusal(out, purpose, f"its {NAME} cannot be read: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise _refusal(out, purpose, f"its {NAME} is not a regular file")
    if status.st_size > _MAX_BYTES:
        raise _refusal(out, purpose, f"its {NAME} is larger than any specgen writes")
    try:
        document = jsontext.read(manifest.read_bytes())
    except (OSError, jsontext.JsonTextError) as error:
        raise _refusal(out, purpose, f"its {NAME} is not one specgen writes ({error})") from None
    return Owned(frozenset(map(PurePosixPath, (*_listed(out, purpose, document), NAME))))


def check_replaceable(out: Path) -> None:
    """Raise SpecgenError unless `out` is absent, empty, or holds only what its manifest lists."""
    owned = read_owned(out)
    if owned is None:
        return
    foreign = foreign_entries(out, owned)
    if foreign:
        more = " and more" if len(foreign) >= _MAX_NAMED else ""
        names = ", ".join(p.as_posix() for p in foreign) + more
        raise _refusal(out, "replace", f"it holds what specgen did not write: {names}")


def foreign_entries(out: Path, owned: Owned) -> list[PurePosixPath]:
    """Entries under `out` that the manifest does not list (caches aside): files, links, anything
    but a directory. Symbolic links are not followed; the walk stops after a few."""
    found: list[PurePosixPath] = []

    def unreadable(error: OSError) -> None:
        raise _refusal(
            out, "replace", f"{error.filename} cannot be read ({error.strerror}), so what it holds is unknown"
        )

    for top, directories, names in os.walk(out, onerror=unreadable):
        here = Path(top)
        base = PurePosixPath(here.relative_to(out).as_posix())
        links = [d for d in directories if (here / d).is_symlink()]  # listed as entries, never entered
        directories[:] = sorted(d for d in directories if d not in CACHES and d not in links)
        for name in sorted([*names, *links]):
            relative = base / name
            if relative not in owned.files and not is_ignored(relative):
                found.append(relative)
                if len(found) >= _MAX_NAMED:
                    return found
    return found


def _listed(out: Path, purpose: str, document: Any) -> list[str]:
    """The files a manifest lists, after checking it has the shape specgen writes."""

    def wrong(what: str) -> SpecgenError:
        return _refusal(out, purpose, f"its {NAME} is not one specgen writes: {what}")

    if not isinstance(document, dict):
        raise wrong("not a JSON object")
    if not isinstance(document.get("generator"), str) or not _GENERATOR.fullmatch(document["generator"]):
        raise wrong('no "generator": "specgen VERSION"')
    if not _is_digest(document.get("templates_sha256")):
        raise wrong('no "templates_sha256" digest')
    specs = document.get("specs")
    if not isinstance(specs, list) or not specs or not all(_is_spec_entry(entry) for entry in specs):
        raise wrong('"specs" is not a list of entries with spec, sha256, model, package and files')
    from_specs = [name for entry in specs for name in entry["files"]]
    if "format" not in document:  # the first shape listed files per spec only, and the index beside them
        listed = from_specs + (["docs/index.md", "docs/index.html"] if len(specs) > 1 else [])
    elif document["format"] != FORMAT:
        raise wrong(f'"format" is {document["format"]!r}; this specgen writes {FORMAT}')
    elif not isinstance(document.get("files"), list) or not set(from_specs) <= set(document["files"]):
        raise wrong('"files" does not list every file of every spec')
    else:
        listed = document["files"]
    unsafe = next((name for name in listed if not _is_relative_path(name)), None)
    if unsafe is not None:
        raise wrong(f"it lists {unsafe!r}, which is not a path inside the directory")
    return listed


def _is_digest(value: Any) -> bool:
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def _is_spec_entry(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(key), str) for key in ("spec", "model", "package"))
        and _is_digest(entry.get("sha256"))
        and isinstance(entry.get("files"), list)
        and all(isinstance(name, str) for name in entry["files"])
    )


def _is_relative_path(name: Any) -> bool:
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and path.as_posix() == name and ".." not in path.parts


def _refusal(out: Path, purpose: str, reason: str) -> SpecgenError:
    return SpecgenError.at(
        f"refusing to {purpose} this directory: {reason}; choose an empty or new --out, or move it away", file=str(out)
    )
