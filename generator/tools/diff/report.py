"""How `specgen diff` prints its changes: text for a terminal, JSON for tools, Markdown for a
changelog or a pull-request comment."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from generator.spec.text import markdown_code, markdown_escape
from generator.tools.diff.changes import BREAKING, COMPATIBLE, DEFAULT, POSSIBLY, Change

# (title, which changes) in the order they are shown
SECTIONS: list[tuple[str, Callable[[Change], bool]]] = [
    ("Breaking for senders", lambda c: c.kind == BREAKING and c.side == "request"),
    ("Breaking for readers", lambda c: c.kind == BREAKING and c.side == "response"),
    ("Possibly breaking", lambda c: c.kind == POSSIBLY),
    ("Defaults changed", lambda c: c.kind == DEFAULT),
    ("Non-breaking", lambda c: c.kind == COMPATIBLE),
]


def summary(changes: Sequence[Change]) -> str:
    counts = [(sum(1 for c in changes if test(c)), title.lower()) for title, test in SECTIONS]
    shown = [f"{count} {title}" for count, title in counts if count]
    return ", ".join(shown) if shown else "no changes"


def _where(change: Change) -> str:
    return (
        change.path if change.schema == "task" else f"{change.schema}: {change.path}" if change.path else change.schema
    )


def text(changes: Sequence[Change], old: str, new: str) -> str:
    lines = [f"{old} → {new}"]
    for title, test in SECTIONS:
        chosen = [c for c in changes if test(c)]
        if chosen:
            lines.append(f"{title}:")
            lines += [f"  {_where(c)}: {c.message}" for c in chosen]
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def markdown(changes: Sequence[Change], old: str, new: str) -> str:
    lines = [f"## Spec changes: {markdown_code(old)} → {markdown_code(new)}", ""]
    for title, test in SECTIONS:
        chosen = [c for c in changes if test(c)]
        if chosen:
            lines += [f"### {title}", ""]
            lines += [f"- {markdown_code(_where(c))}: {markdown_escape(c.message)}" for c in chosen]
            lines.append("")
    lines.append(f"_{summary(changes)}_")
    return "\n".join(lines) + "\n"


def as_json(changes: Sequence[Change], old: str, new: str) -> str:
    return (
        json.dumps(
            {"old": old, "new": new, "changes": [c.as_dict() for c in changes], "summary": summary(changes)}, indent=2
        )
        + "\n"
    )


FORMATS = {"text": text, "json": as_json, "markdown": markdown}
