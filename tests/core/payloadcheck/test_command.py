"""`python -m zai_glm_4_7 validate`, the generated package alone (copied away from the project and
run without site-packages, so only the standard library is there), against each kind of bad
input the checker knows, with its exit code: 0 valid, 1 invalid, 2 unusable input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = "zai_glm_4_7"
TASK = {
    "taskType": "textInference",
    "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    "model": "zai-glm-4-7",
    "messages": [{"role": "user", "content": "Hello"}],
}
BAD = {**TASK, "messages": []}
DUPLICATE = b'{"model": "not-a-model", "model": "zai-glm-4-7"}'


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the generated package and nothing else."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "generated" / PACKAGE, site / PACKAGE)
    return site


def check(
    alone: Path, *args: str | Path, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    # -S: no site-packages (no specgen, no pydantic); -E: no PYTHONPATH; the package from `alone`.
    env = {**os.environ, "PYTHONPATH": ""}
    command = [sys.executable, "-S", "-E", "-c", _LAUNCH, str(alone), "validate", *map(str, args)]
    return subprocess.run(command, input=stdin, capture_output=True, cwd=cwd, env=env, timeout=60, text=False)  # type: ignore[return-value]


# `python -m` from `alone` as its working directory would do the same; this keeps the test's cwd free.
_LAUNCH = (
    "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'x'; "
    f"runpy.run_module('{PACKAGE}', run_name='__main__', alter_sys=True)"
)


def out(result: subprocess.CompletedProcess[str]) -> str:
    return bytes(result.stdout).decode()  # type: ignore[arg-type]


def err(result: subprocess.CompletedProcess[str]) -> str:
    return bytes(result.stderr).decode()  # type: ignore[arg-type]


def test_the_package_alone_validates_with_only_the_standard_library(alone: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(TASK))
    result = check(alone, good)
    assert result.returncode == 0, err(result)
    assert out(result).startswith("1 valid, 0 invalid")
    probe = subprocess.run(
        [sys.executable, "-S", "-E", "-c", f"import sys; sys.path.insert(0, {str(alone)!r}); import {PACKAGE}.__main__;"
         " print(sorted(m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('generator', 'pydantic', 'httpx')))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert probe.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("content", "suffix", "code", "expected"),
    [
        (DUPLICATE, ".json", 2, ":1:26: duplicate key 'model'"),
        (DUPLICATE + b"\n", ".jsonl", 2, ":1:26: duplicate key 'model'"),
        (b"\xef\xbb\xbf" + json.dumps(TASK).encode(), ".json", 0, "1 valid"),
        (b"\xef\xbb\xbf" + json.dumps(TASK).encode() + b"\n" + json.dumps(TASK).encode(), ".jsonl", 0, "2 valid"),
        (b'{"model": "\\ud800"}', ".json", 2, ":1:11: a lone surrogate"),
        (
            json.dumps({**TASK, "seed": 12345}).replace("12345", "1e400").encode(),
            ".json",
            1,
            "Decimal('1E+400') is greater",
        ),
        (
            json.dumps({**TASK, "seed": 12345}).replace("12345", "1e-400").encode(),
            ".json",
            1,
            "is not of type 'integer'",
        ),
        (
            json.dumps({**TASK, "settings": {"temperature": 12345}})
            .replace("12345", "0.290000000000000000001")
            .encode(),
            ".json",
            1,
            "is not a multiple of 0.01",
        ),
        (
            json.dumps({**TASK, "settings": {"temperature": 12345}}).replace("12345", "0.29").encode(),
            ".json",
            0,
            "1 valid",
        ),
        (b'{"seed": Infinity}', ".json", 2, ":1:10: not valid JSON: Infinity is not a JSON value"),
        (b"[" + json.dumps(TASK).encode() + b",", ".json", 2, "unexpected end of the document"),
    ],
)
def test_bad_input_is_refused_with_its_place_and_exit_code(
    alone: Path, tmp_path: Path, content: bytes, suffix: str, code: int, expected: str
) -> None:
    path = tmp_path / f"payload{suffix}"
    path.write_bytes(content)
    for output_format in ("text", "json", "github", "sarif", "junit"):
        result = check(alone, path, "--format", output_format)
        assert result.returncode == code, (output_format, out(result), err(result))
    text = out(check(alone, path))
    assert expected in text and "Traceback" not in text


def test_a_bom_on_stdin_is_skipped_in_both_shapes(alone: Path) -> None:
    bom = b"\xef\xbb\xbf"
    assert check(alone, "-", stdin=bom + json.dumps(TASK, indent=2).encode()).returncode == 0
    lines = bom + json.dumps(TASK).encode() + b"\n" + json.dumps(BAD).encode() + b"\n"
    result = check(alone, "-", stdin=lines)
    assert result.returncode == 1 and out(result).startswith("-:2:")


def test_a_malformed_first_line_on_stdin_does_not_stop_the_later_ones(alone: Path) -> None:
    lines = b'{"model": oops\n' + json.dumps(TASK).encode() + b"\n" + json.dumps(BAD).encode() + b"\n"
    result = check(alone, "-", stdin=lines)
    assert result.returncode == 2
    assert out(result).splitlines()[0].startswith("-:1:")
    assert "-:3:" in out(result) and out(result).splitlines()[-1].startswith("1 valid, 1 invalid, 1 unreadable")


def test_a_document_spread_over_lines_on_stdin_is_one_document(alone: Path) -> None:
    result = check(alone, "-", stdin=json.dumps([TASK, TASK], indent=2).encode())
    assert result.returncode == 0 and "checked arrays as RequestBody" in out(result)


def test_a_fifo_without_a_writer_is_reported_not_waited_for(alone: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "payload.json"
    os.mkfifo(fifo)
    result = check(alone, fifo, "--wait", "0.2")
    assert result.returncode == 2 and f"{fifo}: a FIFO with no writer" in out(result)


def test_a_pipe_given_as_a_path_is_read_by_its_shape(alone: Path, tmp_path: Path) -> None:
    source = tmp_path / "lines.txt"
    source.write_text(json.dumps(TASK) + "\n" + json.dumps(BAD) + "\n")
    launch = f'{sys.executable} -S -E -c "$LAUNCH" {alone} validate <(cat {source})'
    result = subprocess.run(
        ["bash", "-c", launch], capture_output=True, text=True, env={**os.environ, "LAUNCH": _LAUNCH}, timeout=60
    )
    assert result.returncode == 1 and ":2:" in result.stdout and "1 valid, 1 invalid" in result.stdout


def test_an_unreadable_directory_is_reported(alone: Path, tmp_path: Path) -> None:
    # Root reads any directory, so the walk is told of a failure as the OS would tell it.
    (tmp_path / "payloads").mkdir()
    (tmp_path / "payloads" / "good.json").write_text(json.dumps(TASK))
    code = (
        "import os, runpy, sys; real = os.scandir\n"
        "def scandir(path='.'):\n"
        "    if str(path).endswith('locked'): raise PermissionError(13, 'Permission denied', str(path))\n"
        "    return real(path)\n"
        "os.scandir = scandir\n" + _LAUNCH.replace("; ", "\n")
    )
    (tmp_path / "payloads" / "locked").mkdir()
    result = subprocess.run(
        [sys.executable, "-S", "-E", "-c", code, str(alone), "validate", str(tmp_path / "payloads")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"{tmp_path / 'payloads' / 'locked'}: cannot be read: Permission denied" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 valid, 0 invalid, 1 unreadable")


def test_a_closed_output_ends_the_run_quietly(alone: Path, tmp_path: Path) -> None:
    many = tmp_path / "many.jsonl"
    many.write_text((json.dumps(BAD) + "\n") * 20_000)
    launch = f'{sys.executable} -S -E -c "$LAUNCH" {alone} validate {many} | head -1; exit ${{PIPESTATUS[0]}}'
    result = subprocess.run(
        ["bash", "-c", launch], capture_output=True, text=True, env={**os.environ, "LAUNCH": _LAUNCH}, timeout=60
    )
    assert result.stdout.count("\n") == 1 and result.stderr == ""
    assert result.returncode == 1, "the documents checked before the output closed were invalid"


def test_a_newline_in_a_file_name_cannot_forge_a_line(alone: Path, tmp_path: Path) -> None:
    forged = tmp_path / "x.json\nforged.json:1:1: a forged line"
    forged.write_text(json.dumps(BAD))
    lines = out(check(alone, forged)).splitlines()
    assert len(lines) == 2 and lines[0].startswith(json.dumps(str(forged)) + ":1:")


def test_quoted_globs_expand_and_exclude_leaves_files_out(alone: Path, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "good.json").write_text(json.dumps(TASK))
    (tmp_path / "a" / "bad.json").write_text(json.dumps(BAD))
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "deep" / "more.json").write_text(json.dumps(TASK))
    assert out(check(alone, "a/**/*.json", cwd=tmp_path)).startswith("a/bad.json:")
    result = check(alone, "a/**/*.json", "--exclude", "bad.json", cwd=tmp_path)
    assert result.returncode == 0 and out(result).startswith("2 valid, 0 invalid")
    assert check(alone, "a", "--exclude", "a/deep/**", "--exclude", "bad.*", cwd=tmp_path).returncode == 0
    nothing = check(alone, "b/*.json", cwd=tmp_path)
    assert nothing.returncode == 2 and "b/*.json: no file matches this pattern" in out(nothing)


def test_a_long_array_streams_with_each_error_on_its_line(alone: Path, tmp_path: Path) -> None:
    body = [TASK] * 5000
    body[4321] = BAD
    path = tmp_path / "body.json"
    path.write_text(json.dumps(body, indent=1))
    result = check(alone, path)
    expected = 1 + next(n for n, text in enumerate(path.read_text().splitlines()) if '"messages": []' in text)
    assert result.returncode == 1
    assert out(result).startswith(f"{path}:{expected}:")
    assert "/4321/messages: [] should be non-empty" in out(result)
