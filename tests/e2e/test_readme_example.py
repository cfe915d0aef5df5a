"""The README's complete example runs: `specgen serve` in a process of its own, and the client
script (tests/example_client.py, which the README shows verbatim) calling it sync, streamed and
async."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

EXAMPLE = ROOT / "tests" / "example_client.py"


def test_the_readme_shows_the_example_verbatim() -> None:
    readme = (ROOT / "README.md").read_text()
    assert EXAMPLE.read_text() in readme


def test_the_example_runs_against_specgen_serve(served: str) -> None:
    environment = {**os.environ, "RUNWARE_API_KEY": "any-key-will-do", "RUNWARE_BASE_URL": served}
    completed = subprocess.run(
        [sys.executable, str(EXAMPLE)], env=environment, capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0].startswith("sync: You said: Write a haiku about JSON Schema. | prompt_tokens=6")
    assert lines[1] == "stream: You said: Write a haiku about JSON Schema."
    assert lines[2] == "async: You said: Write a haiku about JSON Schema."
