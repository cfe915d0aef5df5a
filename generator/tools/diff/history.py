"""A spec's history: every commit that changed it, and what each change breaks (`specgen
changelog`). Each revision is diffed against the one before it, as `specgen diff` would."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import SpecgenError
from generator.spec.load import SpecSource, load_spec, parse_spec
from generator.tools.diff.changes import Change
from generator.tools.diff.differ import diff
from generator.tools.diff.report import SECTIONS, _where, summary


@dataclass(frozen=True)
class Revision:
    commit: str  # short hash, or "working tree" for uncommitted edits
    date: str  # YYYY-MM-DD, "" for the working tree
    subject: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (title, ((where, message), ...))
    summary: str
    first: bool  # the spec's first version: nothing to compare with


def _git(*args: str, cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise SpecgenError.at("git is not installed") from None
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        raise SpecgenError.at(f"git {args[0]}: {lines[-1] if lines else 'failed'}")
    return done.stdout


def _grouped(changes: list[Change]) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    result = []
    for title, test in SECTIONS:
        chosen = tuple((_where(c), c.message) for c in changes if test(c))
        if chosen:
            result.append((title, chosen))
    return tuple(result)


def revisions(path: Path) -> list[Revision]:
    """Newest first: the uncommitted edits (when there are any), then each commit that changed it."""
    folder = path.resolve().parent
    top = Path(_git("rev-parse", "--show-toplevel", cwd=folder).decode().strip())
    relative = path.resolve().relative_to(top).as_posix()
    log = _git(
        "log", "--follow", "--format=%x00%h%x09%ad%x09%s", "--date=short", "--name-only", "--", relative, cwd=top
    ).decode()
    commits = []  # (hash, date, subject, the file's path in that commit), newest first
    for entry in filter(None, log.split("\x00")):
        head, *names = [line for line in entry.splitlines() if line.strip()]
        commit, date, subject = head.split("\t", 2)
        commits.append((commit, date, subject, names[-1] if names else relative))

    def at(commit: str, name: str) -> SpecSource:
        return parse_spec(_git("show", f"{commit}:{name}", cwd=top), f"git:{commit}:{name}")

    versions: list[tuple[str, str, str, SpecSource]] = [(c, d, s, at(c, n)) for c, d, s, n in commits]
    current = load_spec(path)
    if not versions or versions[0][3].document != current.document:
        versions.insert(0, ("working tree", "", "Not committed yet", current))
    result = []
    for position, (commit, date, subject, source) in enumerate(versions):
        older = versions[position + 1][3] if position + 1 < len(versions) else None
        changes = diff(older, source) if older is not None else []
        result.append(
            Revision(commit, date, subject, _grouped(changes), summary(changes) if older else "", older is None)
        )
    return result
