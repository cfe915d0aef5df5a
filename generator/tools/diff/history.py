"""`specgen diff --history PATH`: a changelog of a spec across its git history, each commit that
touched it compared with the version before (renames followed)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from generator.core.errors import SpecgenError
from generator.spec.load import SpecSource, parse_spec
from generator.tools.diff import report
from generator.tools.diff.changes import Change
from generator.tools.diff.sources import check_path, git_lines, git_show


@dataclass(frozen=True)
class Version:
    commit: str
    date: str
    subject: str
    path: str  # the file's path in that commit


@dataclass(frozen=True)
class Entry:
    version: Version
    before: Version | None
    changes: list[Change] | None  # None: the version could not be read (reason in `problem`)
    problem: str = ""


def versions(path: str, limit: int) -> list[Version]:
    """The commits that changed `path`, newest first (at most `limit`)."""
    check_path(path, f"--history {path}")
    lines = git_lines(
        [
            "log",
            "--follow",
            "--name-only",
            "--format=%x00%H%x1f%ad%x1f%s",
            "--date=short",
            f"-n{limit + 1}",
            "--",
            path,
        ],
        f"--history {path}",
    )
    found: list[Version] = []
    for block in "\n".join(lines).split("\x00")[1:]:
        header, _, names = block.partition("\n")
        commit, date, subject = [*header.split("\x1f"), "", ""][:3]
        name = next((n for n in names.splitlines() if n.strip()), path)
        found.append(Version(commit, date, subject, name))
    if not found:
        raise SpecgenError.at("git has no commit that changed this file", file=path)
    return found


def history(path: str, limit: int, compare: Callable[[SpecSource, SpecSource], list[Change]]) -> list[Entry]:
    listed = versions(path, limit)
    entries = []
    for index, version in enumerate(listed[:limit]):
        before = listed[index + 1] if index + 1 < len(listed) else None
        try:
            new = _read(version)
            if before is None:
                entries.append(Entry(version, None, []))
                continue
            entries.append(Entry(version, before, compare(_read(before), new)))
        except SpecgenError as error:
            entries.append(Entry(version, before, None, str(error).splitlines()[0]))
    return entries


def _read(version: Version) -> SpecSource:
    display = f"git:{version.commit[:12]}:{version.path}"
    return parse_spec(git_show(version.commit, version.path, display), display)


def _title(entry: Entry) -> str:
    return f"{entry.version.commit[:12]} {entry.version.date} {entry.version.subject}"


def render(entries: list[Entry], output_format: str) -> str:
    if output_format == "json":
        data = [
            {
                "commit": e.version.commit,
                "date": e.version.date,
                "subject": e.version.subject,
                "path": e.version.path,
                "before": e.before.commit if e.before else None,
                **({"problem": e.problem} if e.changes is None else {"changes": [c.as_dict() for c in e.changes]}),
                **({"summary": report.summary(e.changes)} if e.changes is not None else {}),
            }
            for e in entries
        ]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    parts = []
    for entry in entries:
        old = f"{entry.before.commit[:12]}" if entry.before else "(first version)"
        if output_format == "markdown":
            parts.append(f"## {_title(entry)}\n")
            parts.append(
                f"_{entry.problem}_\n" if entry.changes is None else
                "_the first version_\n" if entry.before is None else
                report.markdown(entry.changes, old, entry.version.commit[:12], level=3)
            )  # fmt: skip
        else:
            parts.append(f"== {_title(entry)}")
            parts.append(
                f"  {entry.problem}\n" if entry.changes is None else
                "  the first version\n" if entry.before is None else
                report.text(entry.changes, old, entry.version.commit[:12])
            )  # fmt: skip
    return "\n".join(parts)
