"""The pre-commit hooks run exactly what `make lint` runs, so a commit that passes them passes CI's lint."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _make_lint_commands() -> set[str]:
    target = re.search(r"^lint:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert target is not None, "the Makefile has no lint target"
    return {line.strip().replace("$(BIN)/", ".venv/bin/") for line in target.group(1).splitlines()}


def _hook_commands() -> set[str]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    return {" ".join([hook["entry"], *hook.get("args", [])]) for hook in hooks}


def test_pre_commit_runs_what_make_lint_runs() -> None:
    assert _make_lint_commands() <= _hook_commands()
