"""Small helpers the tests share: writing a spec to a file, running the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from generator.cli import main

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def write_spec(directory: Path, document: dict[str, Any] | str, name: str = "demo.schema.json") -> Path:
    path = directory / name
    path.write_text(document if isinstance(document, str) else json.dumps(document, indent=2))
    return path


def tiny_spec(**properties: Any) -> dict[str, Any]:
    """A minimal valid spec whose root object has the given properties."""
    return {
        "$schema": DIALECT,
        "title": "DemoTask",
        "type": "object",
        "properties": properties or {"name": {"type": "string", "description": "A name."}},
        "additionalProperties": False,
    }


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
