"""`specgen changelog`: each revision of a spec in git, diffed with the one before it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SPEC
from tests.helpers import run


def git(folder: Path, *args: str) -> None:
    identity = ["-c", "user.name=Spec Author", "-c", "user.email=author@example.com"]
    subprocess.run(["git", *identity, *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose spec was committed three times: first, with a tighter maximum, with a new default."""
    git(tmp_path, "init", "-q")
    (tmp_path / "spec").mkdir()
    spec = tmp_path / "spec" / SPEC.name
    shutil.copy(SPEC, spec)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "First spec")

    def edit(change: Any) -> None:
        document = json.loads(spec.read_text())
        change(document["$defs"]["Settings"]["properties"])
        spec.write_text(json.dumps(document, indent=2))

    edit(lambda settings: settings["temperature"].update(maximum=1.5))
    git(tmp_path, "commit", "-qam", "Temperature up to 1.5")
    edit(lambda settings: settings["maxTokens"].update(default=1024))
    git(tmp_path, "commit", "-qam", "Shorter answers by default")
    monkeypatch.chdir(tmp_path)
    return spec


def test_each_revision_says_what_it_breaks(history: Path) -> None:
    result = run("changelog", history)
    assert result.exit_code == 0, result.output
    text = result.output
    working, tightened, first = (text.index(s) for s in ("Shorter answers", "Temperature up to 1.5", "First spec"))
    assert working < tightened < first, "newest first"
    assert "### Defaults changed" in text[working:tightened] and "settings.maxTokens" in text[working:tightened]
    breaking = text[tightened:first]
    assert "### Breaking for senders" in breaking and "settings.temperature" in breaking
    assert "The first version." in text[first:]


def test_the_html_changelog_is_one_page(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "changelog.html"
    result = run("changelog", history, "--format", "html", "--out", out)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "Breaking for senders" in page
    assert "<script" not in page and "src=" not in page


def test_a_spec_outside_git_is_a_clear_error(tmp_path: Path) -> None:
    spec = tmp_path / SPEC.name
    shutil.copy(SPEC, spec)
    result = run("changelog", spec)
    assert result.exit_code == 2 and "git" in result.output and "Traceback" not in result.output
