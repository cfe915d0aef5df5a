"""Render: pure functions from the intermediate model to files, `{relative path: text}`.

`generate`, `check` and the golden tests all call `render_all`; only `write.py` touches disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from generator import __version__
from generator.core import controls, manifest
from generator.core.errors import ExitCode, SpecgenError
from generator.core.pysource import check_syntax
from generator.core.templating import templates_digest
from generator.render import docs, package
from generator.render.plan import Plan, plan
from generator.spec.model import Spec

Renderer = Callable[[Plan], dict[PurePosixPath, str]]

# One renderer per artifact; each returns paths relative to the output directory.
RENDERERS: dict[str, Renderer] = {
    "package": package.render,  # validators, models and client
    "docs": docs.render,
}

MANIFEST = PurePosixPath(manifest.NAME)


def render_spec(spec: Spec) -> dict[PurePosixPath, str]:
    shared = plan(spec)
    files: dict[PurePosixPath, str] = {}
    for renderer in RENDERERS.values():
        files.update(renderer(shared))
    for path, text in files.items():
        if path.suffix == ".py":
            check_syntax(path.as_posix(), text)  # generated source is parsed before anything is written
    return files


def _check_text(path: PurePosixPath, text: str) -> None:
    """Every generated file is text: a control character left in one is a renderer's bug."""
    offset = controls.first(text)
    if offset is not None:
        raise SpecgenError.at(
            f"a renderer left the control character {text[offset]!r} in the output; please report it",
            file=path.as_posix(),
            line=text.count("\n", 0, offset) + 1,
            exit_code=ExitCode.INTERNAL,
        )


def render_all(specs: Sequence[Spec]) -> dict[PurePosixPath, str]:
    """Every file of every spec, plus the manifest that records their provenance."""
    files: dict[PurePosixPath, str] = {}
    entries = []
    for spec in sorted(specs, key=lambda s: s.model_id):
        rendered = render_spec(spec)
        files.update(rendered)
        entries.append(
            {
                "spec": spec.source.display,
                "sha256": spec.source.sha256,
                "model": spec.model_id,
                "package": spec.package,
                "files": sorted(path.as_posix() for path in rendered),
            }
        )
    files.update(docs.render_index(specs))
    listed = (path.as_posix() for path in files)
    files[MANIFEST] = manifest.text(f"specgen {__version__}", templates_digest(), entries, listed)
    for path, text in files.items():
        _check_text(path, text)
    return dict(sorted(files.items()))
