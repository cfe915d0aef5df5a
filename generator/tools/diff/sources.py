"""Where a spec comes from: a file, or `git:REV:path` for a version from history (any dialect the
loader reads, draft-04 to 2020-12)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from generator.core.errors import SpecgenError
from generator.spec.load import SpecSource, parse_spec

GIT_PREFIX = "git:"
# A revision as git names one (a hash, branch, tag, HEAD~2, main^, v1.0): never an option.
_REVISION = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./@{}~^-]*")


def read_spec(given: str) -> SpecSource:
    if not given.startswith(GIT_PREFIX):
        return parse_spec(_read_file(Path(given), given), given)
    revision, _, path = given[len(GIT_PREFIX) :].partition(":")
    if not revision or not path:
        raise SpecgenError.at(f"{given!r}: write git:REV:path, such as git:HEAD~1:spec/zai-glm-4-7.schema.json")
    return parse_spec(git_show(revision, path, given), given)


def git_show(revision: str, path: str, display: str) -> bytes:
    """The file at `path` in `revision`; neither can reach git as an option."""
    check_revision(revision, display)
    check_path(path, display)
    shown = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], display)
    if shown.returncode != 0:
        raise SpecgenError.at(f"git cannot show it: {revision!r} is not a commit here", file=display)
    commit = shown.stdout.decode().strip()
    shown = _git(["show", "--end-of-options", f"{commit}:{path}"], display)
    if shown.returncode != 0:
        reason = shown.stderr.decode(errors="replace").strip().splitlines()
        raise SpecgenError.at(f"git cannot show it: {reason[-1] if reason else 'unknown error'}", file=display)
    return shown.stdout


def check_path(path: str, display: str) -> None:
    """A path in the repository, never an option or a pathspec magic word."""
    if not path or path.startswith(("-", ":")) or "\0" in path:
        raise SpecgenError.at(f"{path!r} is not a file path in the repository", file=display)


def git_lines(arguments: list[str], display: str) -> list[str]:
    shown = _git(arguments, display)
    if shown.returncode != 0:
        reason = shown.stderr.decode(errors="replace").strip().splitlines()
        raise SpecgenError.at(f"git cannot read the history: {reason[-1] if reason else 'unknown error'}", file=display)
    return shown.stdout.decode(errors="replace").splitlines()


def check_revision(revision: str, display: str) -> None:
    if not _REVISION.fullmatch(revision) or ".." in revision:
        raise SpecgenError.at(f"{revision!r} is not a git revision (a commit, branch or tag name)", file=display)


def _git(arguments: list[str], display: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *arguments], capture_output=True, check=False)
    except FileNotFoundError:
        raise SpecgenError.at("git is not installed", file=display) from None


def _read_file(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SpecgenError.at("no such file", file=display) from None
    except IsADirectoryError:
        raise SpecgenError.at("is a directory, not a spec file", file=display) from None
    except OSError as error:
        raise SpecgenError.at(f"cannot be read: {error.strerror}", file=display) from None
