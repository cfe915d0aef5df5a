"""How `specgen diff` prints its changes: text for a terminal, JSON for tools, Markdown for a
changelog or a pull-request comment. Each change appears once, under one heading, with its
evidence: the witness of a breaking change, "proved" or the bounded search behind a non-breaking
one, and why an unknown one could not be settled."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from generator.spec.text import markdown_code, markdown_escape
from generator.tools.diff.changes import BREAKING, COMPATIBLE, DEFAULT, NO_WITNESS, PROVED, UNKNOWN, Change

# (title, which changes) in the order they are shown; every change meets exactly one test
SECTIONS: list[tuple[str, Callable[[Change], bool]]] = [
    ("Breaking for senders", lambda c: c.kind == BREAKING and c.side == "request"),
    ("Breaking for readers", lambda c: c.kind == BREAKING and c.side == "response"),
    ("Unknown", lambda c: c.kind == UNKNOWN),
    ("Defaults changed", lambda c: c.kind == DEFAULT),
    ("Non-breaking", lambda c: c.kind == COMPATIBLE),
]
_WITNESS_SHOWN = 160  # characters of a witness a text line shows; JSON has it whole


def summary(changes: Sequence[Change]) -> str:
    counts = [(sum(1 for c in changes if test(c)), title.lower()) for title, test in SECTIONS]
    shown = [f"{count} {title}" for count, title in counts if count]
    return ", ".join(shown) if shown else "no changes"


def where(change: Change) -> str:
    return (
        change.path if change.schema == "task" else f"{change.schema}: {change.path}" if change.path else change.schema
    )


def rejected(change: Change) -> str:
    """Who accepts a breaking change's witness and who rejects it, said plainly."""
    if change.side == "request":
        return "valid under the old version, rejected by the new one"
    return "valid under the new version, rejected by a reader built on the old one"


def evidence(change: Change) -> str:
    """What backs the verdict, in a few words ('' where the heading says it all)."""
    if change.kind == BREAKING:
        shown, whole = f"such as {_json(change.witness)}", ""
        if len(shown) > _WITNESS_SHOWN and change.at_place is not NO_WITNESS and change.path:
            shown, whole = f"with {_json(change.at_place)} at {change.path}", " (the whole payload: --format json)"
        if len(shown) > _WITNESS_SHOWN:
            shown = shown[: _WITNESS_SHOWN - 3] + "..."
        who = f"payloads {change.detail}, " if change.detail else "payloads "
        return f"breaks {who}{shown}: {rejected(change)}{whole}"
    if change.kind == UNKNOWN:
        return change.detail
    if change.kind == COMPATIBLE and change.message != "description changed":
        if change.evidence == PROVED:
            return f"proved: {change.detail}" if change.detail else "proved"
        if change.evidence:
            return f"searched: {change.detail}"
    return ""


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def text(changes: Sequence[Change], old: str, new: str) -> str:
    lines = [f"{old} → {new}"]
    for title, test in SECTIONS:
        chosen = [c for c in changes if test(c)]
        if chosen:
            lines.append(f"{title}:")
            for change in chosen:
                lines.append(f"  {where(change)}: {change.message}")
                if evidence(change):
                    lines.append(f"    {evidence(change)}")
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def markdown(changes: Sequence[Change], old: str, new: str, level: int = 2) -> str:
    heading = "#" * level
    lines = [f"{heading} Spec changes: {markdown_code(old)} → {markdown_code(new)}", ""]
    for title, test in SECTIONS:
        chosen = [c for c in changes if test(c)]
        if chosen:
            lines += [f"{heading}# {title}", ""]
            for change in chosen:
                line = f"- {markdown_code(where(change))}: {markdown_escape(change.message)}"
                if change.kind == BREAKING:
                    who = f"payloads {markdown_escape(change.detail)}," if change.detail else "payloads"
                    line += f" — breaks {who} such as {markdown_code(_json(change.witness))}"
                    line += f": {markdown_escape(rejected(change))}"
                elif evidence(change):
                    line += f" — _{markdown_escape(evidence(change))}_"
                lines.append(line)
            lines.append("")
    lines.append(f"_{summary(changes)}_")
    return "\n".join(lines) + "\n"


def as_data(changes: Sequence[Change], old: str, new: str) -> dict[str, object]:
    return {"old": old, "new": new, "changes": [c.as_dict() for c in changes], "summary": summary(changes)}


def as_json(changes: Sequence[Change], old: str, new: str) -> str:
    return json.dumps(as_data(changes, old, new), indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": text, "json": as_json, "markdown": markdown}
__all__ = ["FORMATS", "NO_WITNESS", "SECTIONS", "as_data", "evidence", "markdown", "summary", "text", "where"]
