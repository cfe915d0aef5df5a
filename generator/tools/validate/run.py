"""`specgen validate`: the checking code every generated package carries (generator/core/payloadcheck),
with the validators of the project's spec.

They come from the generated package when generated/MANIFEST.json says this version of specgen
generated it from this very spec (which `specgen check` keeps true): importing them takes
milliseconds, where loading and compiling the spec takes most of a second, too slow for a
pre-commit hook. Otherwise the spec is loaded and compiled in memory.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from generator import __version__
from generator.core.errors import SpecgenError
from generator.core.payloadcheck import command, jsonread
from generator.core.payloadcheck.runner import Schemas

MANIFEST = "MANIFEST.json"


def schemas_for(spec_path: Path, definition: str | None, out: Path) -> Schemas:
    """The validators of the spec at `spec_path` and which one each document is checked against."""
    generated = _generated(spec_path, out)
    if generated is not None:
        entry, document = generated
        return _chosen(entry.VALIDATORS, document, entry.POINTERS, entry.TASK, entry.BODY, definition)
    from generator.compiler.inmemory import validators_for
    from generator.spec import project

    spec = project.load_specs([spec_path])[0]
    module = validators_for(spec)
    body = spec.task.body.title if spec.task and spec.task.body else None
    pointers = {schema.title: schema.pointer for schema in spec.schemas}
    return _chosen(module.VALIDATORS, spec.source.document, pointers, spec.schemas[0].title, body, definition)


def _chosen(
    validators: Any, document: Any, pointers: dict[str, str], task: str, body: str | None, definition: str | None
) -> Schemas:
    try:
        return command.schemas(validators, document, pointers, task, body, definition)
    except LookupError as error:
        raise SpecgenError.at(str(error.args[0])) from None


def _generated(spec_path: Path, out: Path) -> tuple[Any, Any] | None:
    """The generated package's `__main__` (its validators and names) and the spec's document, when
    the package is up to date with the spec; None when it is not, or cannot tell."""
    try:
        text = jsonread.decode(spec_path.read_bytes())
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # the slow path reports an unreadable spec with its place
    digest = hashlib.sha256(text.encode()).hexdigest()
    if not isinstance(manifest, dict) or manifest.get("generator") != f"specgen {__version__}":
        return None
    package = next((s.get("package") for s in manifest.get("specs", []) if s.get("sha256") == digest), None)
    if not isinstance(package, str) or not package.isidentifier():
        return None
    directory = (out / package).resolve()
    if str(out.resolve()) not in sys.path:
        sys.path.insert(0, str(out.resolve()))
    try:
        entry = importlib.import_module(f"{package}.__main__")
    except ImportError:
        return None
    if Path(entry.__file__ or "").resolve().parent != directory:
        return None  # a package of that name from elsewhere
    try:
        document = jsonread.parse(text)
    except jsonread.JsonError:
        return None
    return entry, document
