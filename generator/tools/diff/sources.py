"""Where a spec comes from: a file, or `git:REV:path` for a version from history."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.core.errors import SpecgenError
from generator.spec.load import SpecSource, load_spec, parse_spec

GIT_PREFIX = "git:"


def read_spec(given: str) -> SpecSource:
    if not given.startswith(GIT_PREFIX):
        return load_spec(Path(given))
    revision, _, path = given[len(GIT_PREFIX) :].partition(":")
    if not revision or not path:
        raise SpecgenError.at(f"{given!r}: write git:REV:path, such as git:HEAD~1:spec/zai-glm-4-7.schema.json")
    try:
        shown = subprocess.run(["git", "show", f"{revision}:{path}"], capture_output=True, check=False)
    except FileNotFoundError:
        raise SpecgenError.at("git is not installed", file=given) from None
    if shown.returncode != 0:
        reason = shown.stderr.decode(errors="replace").strip().splitlines()
        raise SpecgenError.at(f"git cannot show it: {reason[-1] if reason else 'unknown error'}", file=given)
    return parse_spec(shown.stdout, given)
