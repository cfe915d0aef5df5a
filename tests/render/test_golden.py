"""Golden output: each one-feature spec under tests/specs renders to exactly tests/golden/<name>/.

To accept a deliberate change:  SPECGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.core.write import compare, write_tree
from generator.render import render_all
from generator.spec import project
from tests.conftest import ROOT

SPECS = sorted((ROOT / "tests" / "specs").glob("*.schema.json"))
GOLDEN = ROOT / "tests" / "golden"
UPDATE = "SPECGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py"


def golden_dir(spec: Path) -> Path:
    return GOLDEN / spec.name.removesuffix(".schema.json")


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: p.name)
def test_renders_exactly_the_golden_output(spec_path: Path) -> None:
    expected = golden_dir(spec_path)
    files = render_all(project.load_specs([spec_path], ROOT))
    if os.environ.get("SPECGEN_UPDATE_GOLDEN"):
        shutil.rmtree(expected, ignore_errors=True)
        write_tree(expected, files)
    drift = compare(expected, files)
    problems = [f"{kind}: {path}" for kind in ("changed", "missing", "orphaned") for path in getattr(drift, kind)]
    assert not drift, "\n".join([*problems, "".join(drift.diff)[:6000], f"If the change is intended, run: {UPDATE}"])


def test_every_golden_directory_has_a_spec() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(golden_dir(s).name for s in SPECS)
