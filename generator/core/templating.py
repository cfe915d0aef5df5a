"""The one Jinja environment every renderer uses: strict, and with Python-literal filters."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from generator.core import controls, pysource

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,  # a missing variable fails the render, never prints ""
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.jinja",), default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shown,
    )
    env.filters["pyrepr"] = repr
    env.filters["tomlstr"] = json.dumps  # a JSON string is a TOML basic string (ASCII, \uXXXX escapes)
    env.filters["docstring"] = pysource.docstring
    env.filters["docline"] = pysource.docline
    return env


def _shown(value: Any) -> Any:
    """Every value a template prints: control characters in spec text are escaped, whatever the
    template does with it (Python templates print literals, in which the escape means the same)."""
    if isinstance(value, markupsafe.Markup):  # already safe HTML; the escapes add no markup
        return markupsafe.Markup(controls.escape(str(value)))
    return controls.escape(value) if isinstance(value, str) else value


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def templates_digest() -> str:
    """A sha256 over every template's path and bytes: part of the provenance in MANIFEST.json."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATES).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
