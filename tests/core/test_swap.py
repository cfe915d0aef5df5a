"""The swap of the output directory survives anything: a kill -9 or a failure before any of its
steps is finished or undone by the next `generate`, which says so, and nothing is left beside
the output. Every step comes from `swap.STEPS`, so a step added there is tested here."""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from generator.core import swap, write
from generator.render import render_all
from generator.spec import project
from tests.conftest import ROOT
from tests.helpers import run, write_spec

RECOVERED = "recovered an interrupted specgen generate of "


SMALL = ROOT / "tests" / "specs" / "strings.schema.json"  # small: renders in milliseconds, in many processes


@pytest.fixture
def specs(tmp_path: Path) -> tuple[Path, Path]:
    """A small spec, and a copy with one description changed: what the old and the new tree render from."""
    document = json.loads(SMALL.read_text())
    document["description"] = "The new tree."
    (tmp_path / "specs").mkdir()
    return SMALL, write_spec(tmp_path / "specs", document, SMALL.name)


@pytest.fixture
def out(tmp_path: Path, specs: tuple[Path, Path]) -> Path:
    """An output directory, alone in its parent, generated from the old spec."""
    directory = tmp_path / "project" / "generated"
    assert run("generate", specs[0], "--out", directory).exit_code == 0
    return directory


def rendered(spec: Path, out: Path) -> dict[str, str]:
    files = render_all(project.load_specs([spec], project.project_root(out)))
    return {path.as_posix(): text for path, text in files.items()}


def on_disk(out: Path) -> dict[str, str] | None:
    if not out.exists():
        return None
    return {p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.rglob("*")) if p.is_file()}


def beside(out: Path) -> list[str]:
    return sorted(path.name for path in out.parent.iterdir())


def kill_at(step: str, spec: Path, out: Path) -> None:
    """Run `specgen generate` in a process of its own that kills itself (SIGKILL) before `step`."""
    program = f"""
import os, signal
from generator.core import swap
from generator.cli import main

def crash(step):
    if step == {step!r}:
        os.kill(os.getpid(), signal.SIGKILL)

swap.checkpoint = crash
main(["generate", {str(spec)!r}, "--out", {str(out)!r}])
"""
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr


@pytest.mark.parametrize("step", swap.STEPS)
def test_a_kill_before_any_step_is_put_right_by_the_next_run(step: str, specs: tuple[Path, Path], out: Path) -> None:
    old, new = rendered(specs[0], out), rendered(specs[1], out)
    kill_at(step, specs[1], out)
    left = on_disk(out)
    assert left in (old, new) or (left is None and step == "install"), "the output is one tree or the other"
    result = run("generate", specs[1], "--out", out)
    assert result.exit_code == 0, result.output
    assert (RECOVERED + str(out) in result.output) == (step != "journal"), result.output
    assert on_disk(out) == new
    assert beside(out) == ["generated"], "nothing is left beside the output"


def test_a_kill_while_the_new_tree_is_half_written_is_undone(specs: tuple[Path, Path], out: Path) -> None:
    program = f"""
import os, signal
from pathlib import Path, PurePosixPath
from generator.cli import main

real = Path.write_bytes
calls = []

def write_bytes(self, data):
    calls.append(self)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, data)

Path.write_bytes = write_bytes
main(["generate", {str(specs[1])!r}, "--out", {str(out)!r}])
"""
    before = on_disk(out)
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert on_disk(out) == before and len(beside(out)) == 3  # the output, the half-written tree, the journal
    result = run("generate", specs[0], "--out", out)
    assert "it had not finished writing its new tree; generated is as it was" in result.output
    assert "up to date" in result.output and on_disk(out) == before and beside(out) == ["generated"]


def test_a_first_generation_killed_between_the_renames_is_finished(tmp_path: Path) -> None:
    out = tmp_path / "fresh" / "generated"
    kill_at("install", SMALL, out)
    assert not out.exists()
    result = run("generate", SMALL, "--out", out)
    assert "finished its swap: generated holds the tree it wrote" in result.output, result.output
    assert on_disk(out) == rendered(SMALL, out) and beside(out) == ["generated"]


def _fail_at(failing: str) -> object:
    def checkpoint(step: str) -> None:
        if step == failing:
            raise OSError(28, "No space left on device")

    return checkpoint


@pytest.mark.parametrize("step", swap.STEPS[: swap.STEPS.index("install") + 1])
def test_a_failure_before_the_new_tree_is_in_place_leaves_the_old_one(
    step: str, specs: tuple[Path, Path], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = on_disk(out)
    monkeypatch.setattr(swap, "checkpoint", _fail_at(step))
    result = run("generate", specs[1], "--out", out)
    assert result.exit_code == 2 and f"{out}: could not write the output: No space left on device" in result.output
    assert on_disk(out) == before and beside(out) == ["generated"]


@pytest.mark.parametrize("step", swap.STEPS[swap.STEPS.index("install") + 1 :])
def test_a_failure_after_the_new_tree_is_in_place_is_a_warning_and_cleaned_next_time(
    step: str, specs: tuple[Path, Path], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(swap, "checkpoint", _fail_at(step))
    result = run("generate", specs[1], "--out", out)
    assert result.exit_code == 0 and "is left beside it (No space left on device)" in result.output, result.output
    assert on_disk(out) == rendered(specs[1], out)
    monkeypatch.undo()
    result = run("generate", specs[1], "--out", out)
    assert RECOVERED in result.output and "up to date" in result.output
    assert beside(out) == ["generated"]


@pytest.mark.parametrize("step", swap.STEPS[: swap.STEPS.index("install") + 1])
def test_ctrl_c_during_the_swap_puts_the_old_tree_back(
    step: str, specs: tuple[Path, Path], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = on_disk(out)

    def interrupt(at: str) -> None:
        if at == step:
            raise KeyboardInterrupt

    monkeypatch.setattr(swap, "checkpoint", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write.write_tree(out, {PurePosixPath(name): text for name, text in rendered(specs[1], out).items()})
    assert on_disk(out) == before and beside(out) == ["generated"]


def test_a_second_run_at_the_same_time_is_refused(out: Path) -> None:
    with swap.locked(out):
        result = run("generate", SMALL, "--out", out)
    assert result.exit_code == 2 and "another specgen is writing here now" in result.output


def test_check_says_when_a_swap_was_interrupted(specs: tuple[Path, Path], out: Path) -> None:
    kill_at("install", specs[1], out)
    result = run("check", specs[1], "--out", out)
    assert result.exit_code == 1 and "half-swapped; the next generate finishes it" in result.output


@pytest.mark.parametrize(
    "record",
    [
        {"staging": "../../victim", "retired": ".generated.old-00000000"},
        {"staging": ".generated.new-00000000", "retired": "/etc"},
        {"staging": ".other.new-00000000", "retired": ".generated.old-00000000"},
    ],
)
def test_a_journal_naming_anything_but_its_own_trees_is_refused(out: Path, record: dict[str, str]) -> None:
    victim = out.parent.parent / "victim"
    victim.mkdir()
    (victim / "data.txt").write_text("keep")
    full = {"format": 1, "out": "generated", "sealed": True, **record}
    swap.journal_path(out).write_text(json.dumps(full))
    result = run("generate", SMALL, "--out", out)
    assert result.exit_code == 2 and "cannot recover the interrupted generate" in result.output
    assert (victim / "data.txt").read_text() == "keep" and on_disk(out) is not None


# -- a read-only output: tried as an ordinary user, for whom permissions hold ---------------------

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3


def _drop_root_powers() -> None:
    """In the child: leave out of the capability bounding set what lets root ignore file modes,
    so that the program it runs meets permissions as an ordinary owner does."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def as_owner(program: str) -> subprocess.CompletedProcess[str]:
    """Python `program` run as the owner of the files, with no power past their modes (root's
    powers are dropped when the tests run as root, who could remove anything)."""
    return subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_drop_root_powers if os.geteuid() == 0 else None,
    )


def test_a_read_only_output_is_replaced_and_nothing_is_left_beside_it(specs: tuple[Path, Path], out: Path) -> None:
    for top, directories, _ in os.walk(out, topdown=False):
        for name in directories:
            Path(top, name).chmod(0o555)
    out.chmod(0o555)
    denied = as_owner(f"open({str(out / 'docs' / 'probe')!r}, 'w')")
    assert "PermissionError" in denied.stderr, "the modes hold for the program"
    done = as_owner(f"from generator.cli import main; main(['generate', {str(specs[1])!r}, '--out', {str(out)!r}])")
    assert done.returncode == 0, done.stderr
    expected = rendered(specs[1], out)
    assert done.stderr == "" and f"wrote {len(expected)} files" in done.stdout
    assert on_disk(out) == expected
    assert beside(out) == ["generated"]
