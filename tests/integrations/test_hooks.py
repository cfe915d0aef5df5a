"""The pre-commit hook (.pre-commit-hooks.yaml) and the GitHub Action (action.yml), run as their
users run them: the hook by pre-commit in a throwaway git repository, the action's script with
the inputs a workflow gives it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

TASK = {
    "taskType": "textInference",
    "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    "model": "zai-glm-4-7",
    "messages": [{"role": "user", "content": "Hello"}],
}
BAD = {**TASK, "messages": []}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Another repository, with payloads of its own."""
    repo = tmp_path / "consumer"
    (repo / "payloads").mkdir(parents=True)
    (repo / "payloads" / "good.json").write_text(json.dumps(TASK, indent=2))
    (repo / "payloads" / "batch.jsonl").write_text(f"{json.dumps(TASK)}\n{json.dumps([TASK])}\n")
    (repo / "notes.txt").write_text("not a payload")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.com")
    _git(repo, "config", "user.name", "test")
    return repo


def _pre_commit(repo: Path, tmp_path: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    return subprocess.run(
        [str(Path(sys.executable).with_name("pre-commit")), "try-repo", str(ROOT), "zai-glm-4-7", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_manifest_names_an_executable_entry() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == ["zai-glm-4-7"]
    entry = ROOT / hooks[0]["entry"].split()[0]
    assert entry.is_file() and os.access(entry, os.X_OK)


def test_the_hook_passes_valid_payloads_and_fails_an_invalid_one(project: Path, tmp_path: Path) -> None:
    _git(project, "add", ".")
    passed = _pre_commit(project, tmp_path, "payloads/good.json", "payloads/batch.jsonl", "notes.txt")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    (project / "payloads" / "bad.json").write_text(json.dumps(BAD, indent=2))
    _git(project, "add", ".")
    failed = _pre_commit(project, tmp_path, "payloads/good.json", "payloads/bad.json")
    assert failed.returncode == 1
    assert (
        "Failed" in failed.stdout
        and "payloads/bad.json:5:" in failed.stdout
        and "[] should be non-empty" in failed.stdout
    )


def _action_step() -> dict[str, Any]:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    (step,) = action["runs"]["steps"]
    return {"action": action, "step": step}


def run_action(cwd: Path, **given: str) -> subprocess.CompletedProcess[str]:
    """The step as the runner runs it: `${{ inputs.x }}` in `env` replaced by the inputs (or their
    defaults), GITHUB_ACTION_PATH the action's checkout, the script run by bash."""
    parts = _action_step()
    inputs = {name: spec.get("default", "") for name, spec in parts["action"]["inputs"].items()}
    inputs.update(given)
    env = {**os.environ, "GITHUB_ACTION_PATH": str(ROOT)}
    for name, value in parts["step"]["env"].items():
        key = value.removeprefix("${{ inputs.").removesuffix(" }}")
        env[name] = inputs[key]
    return subprocess.run(
        [shutil.which(parts["step"]["shell"]) or "bash", "-c", parts["step"]["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_action_annotates_errors_on_their_lines(project: Path) -> None:
    (project / "payloads" / "bad.json").write_text(json.dumps(BAD, indent=2))
    result = run_action(project, paths="payloads")
    assert result.returncode == 1
    assert "::error file=payloads/bad.json,line=5,col=" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("3 valid, 1 invalid")


def test_the_action_takes_globs_excludes_and_an_output_file(project: Path) -> None:
    (project / "payloads" / "bad.json").write_text(json.dumps(BAD, indent=2))
    result = run_action(
        project, paths="payloads/*.json\npayloads/*.jsonl", exclude="bad.json", format="sarif", output="report.sarif"
    )
    assert result.returncode == 0, result.stderr
    log = json.loads((project / "report.sarif").read_text())
    assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []


def test_action_inputs_are_not_run_as_shell(project: Path) -> None:
    result = run_action(project, paths="payloads", definition="$(touch pwned)")
    assert result.returncode == 2 and "no such definition" in result.stderr
    assert not (project / "pwned").exists()
