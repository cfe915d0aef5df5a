"""The changelog page of a spec: what changed in each revision and whom it breaks.

The CLI computes the revisions from git (tools/diff/history.py) and hands them here as plain
data, so that rendering stays a pure function and never imports a tool."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.core import templating
from generator.spec.text import markdown_code, markdown_escape


@dataclass(frozen=True)
class RevisionView:
    commit: str
    date: str
    subject: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (title, ((where, message), ...))
    summary: str
    first: bool


def render(name: str, source: str, revisions: Sequence[RevisionView], output_format: str) -> str:
    """The changelog as Markdown or as one self-contained HTML page."""
    context = {"name": name, "source": source, "revisions": revisions}
    if output_format == "html":
        return templating.render("docs/changelog.html.jinja", **context)
    return templating.render("docs/changelog.md.jinja", **context, md=markdown_escape, code=markdown_code)
