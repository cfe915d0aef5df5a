"""`generate` replaces only what it wrote: a directory whose MANIFEST.json is specgen's and that
holds nothing else. Anything else is refused with exit 2 and left exactly as it was."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.core import manifest
from tests.conftest import SPEC
from tests.helpers import run


def snapshot(directory: Path) -> dict[str, bytes | str]:
    """Every entry under `directory`: files by content, links by target, directories by name."""
    found: dict[str, bytes | str] = {}
    for path in sorted(directory.rglob("*")):
        name = path.relative_to(directory).as_posix()
        found[name] = os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() else "dir"
    return found


@pytest.fixture
def out(tmp_path: Path) -> Path:
    directory = tmp_path / "generated"
    assert run("generate", SPEC, "--out", directory).exit_code == 0
    return directory


def real_manifest(out: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((out / manifest.NAME).read_text())
    return document


def test_the_manifest_lists_every_file_written_with_its_format(out: Path) -> None:
    document = real_manifest(out)
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {manifest.NAME}
    assert document["format"] == manifest.FORMAT
    assert set(document["files"]) == written
    assert {name for entry in document["specs"] for name in entry["files"]} <= written


def test_generate_accepts_its_own_output_and_the_first_manifest_shape(out: Path) -> None:
    owned = manifest.read_owned(out)
    assert owned is not None and manifest.foreign_entries(out, owned) == []
    first_shape = {key: value for key, value in real_manifest(out).items() if key not in ("format", "files")}
    (out / manifest.NAME).write_text(json.dumps(first_shape))  # as specgen wrote it before the format field
    result = run("generate", SPEC, "--out", out)
    assert result.exit_code == 0, result.output
    assert real_manifest(out)["format"] == manifest.FORMAT


def _forged(change: Callable[[dict[str, Any]], object]) -> Callable[[Path], None]:
    def forge(out: Path) -> None:
        document = real_manifest(out)
        change(document)
        (out / manifest.NAME).write_text(json.dumps(document))

    return forge


def _replace_manifest(text: str) -> Callable[[Path], None]:
    def replace(out: Path) -> None:
        (out / manifest.NAME).write_text(text)

    return replace


def _manifest_as_link(out: Path) -> None:
    (out.parent / "elsewhere.json").write_text((out / manifest.NAME).read_text())
    (out / manifest.NAME).unlink()
    (out / manifest.NAME).symlink_to(out.parent / "elsewhere.json")


def _manifest_as_directory(out: Path) -> None:
    (out / manifest.NAME).unlink()
    (out / manifest.NAME).mkdir()


def _no_manifest(out: Path) -> None:
    (out / manifest.NAME).unlink()


FOREIGN = {
    "an empty object": _replace_manifest("{}"),
    "not JSON": _replace_manifest("MANIFEST"),
    "a JSON array": _replace_manifest("[]"),
    "another generator": _forged(lambda d: d.update(generator="othergen 1.0")),
    "no templates digest": _forged(lambda d: d.pop("templates_sha256")),
    "a short digest": _forged(lambda d: d["specs"][0].update(sha256="abc")),
    "no specs": _forged(lambda d: d.update(specs=[])),
    "a later format": _forged(lambda d: d.update(format=manifest.FORMAT + 1)),
    "files missing a spec's file": _forged(lambda d: d.update(files=d["files"][1:])),
    "a file outside the directory": _forged(lambda d: d["files"].append("../outside.txt")),
    "an absolute file": _forged(lambda d: d["files"].append("/etc/passwd")),
    "a symbolic link for a manifest": _manifest_as_link,
    "a directory for a manifest": _manifest_as_directory,
    "no manifest": _no_manifest,
}


@pytest.mark.parametrize("forge", FOREIGN.values(), ids=FOREIGN.keys())
def test_a_manifest_specgen_did_not_write_is_refused_and_nothing_changes(out: Path, forge: Any) -> None:
    forge(out)
    (out / "precious.txt").write_text("keep me")
    before = snapshot(out.parent)
    result = run("generate", SPEC, "--out", out)
    assert result.exit_code == 2, result.output
    assert f"{out}: refusing to replace this directory" in result.output
    assert snapshot(out.parent) == before


def test_the_issue_case_a_bare_manifest_beside_a_precious_file(tmp_path: Path) -> None:
    directory = tmp_path / "d"
    directory.mkdir()
    (directory / manifest.NAME).write_text("{}")
    (directory / "precious.txt").write_text("keep me")
    result = run("generate", SPEC, "--out", directory)
    assert result.exit_code == 2 and "is not one specgen writes" in result.output
    assert snapshot(directory) == {manifest.NAME: b"{}", "precious.txt": b"keep me"}


def _add_file(relative: str) -> Callable[[Path], str]:
    def add(out: Path) -> str:
        (out / relative).parent.mkdir(exist_ok=True)
        (out / relative).write_text("mine")
        return relative

    return add


def _add_link(out: Path) -> str:
    (out / "link").symlink_to(out.parent)
    return "link"


ADDITIONS = {
    "a file at the top": _add_file("notes.txt"),
    "a file in a package": _add_file("zai_glm_4_7/helpers.py"),
    "a directory with a file": _add_file("mine/a.txt"),
    "a hidden file": _add_file("docs/.notes"),
    "a file named like a cache": _add_file("docs/__pycache__.txt"),
    "a link to elsewhere": _add_link,
}


@pytest.mark.parametrize("add", ADDITIONS.values(), ids=ADDITIONS.keys())
def test_anything_added_to_an_output_is_refused_and_named(out: Path, add: Callable[[Path], str]) -> None:
    added = add(out)
    before = snapshot(out.parent)
    result = run("generate", SPEC, "--out", out)
    assert result.exit_code == 2, result.output
    assert f"it holds what specgen did not write: {added};" in result.output
    assert snapshot(out.parent) == before


def test_caches_tools_leave_are_not_foreign(out: Path) -> None:
    cache = out / "zai_glm_4_7" / "__pycache__"
    cache.mkdir()
    (cache / "validators.cpython-311.pyc").write_bytes(b"\0")
    (out / ".mypy_cache").mkdir()
    (out / ".mypy_cache" / "x.json").write_text("{}")
    result = run("generate", SPEC, "--out", out)
    assert result.exit_code == 0 and "up to date" in result.output, result.output


def test_a_refusal_names_a_few_foreign_files_without_walking_them_all(out: Path) -> None:
    for index in range(50):
        (out / f"mine-{index:02}.txt").write_text("")
    result = run("generate", SPEC, "--out", out)
    assert result.exit_code == 2 and "mine-00.txt" in result.output and "and more" in result.output
    assert "mine-49.txt" not in result.output


@pytest.mark.parametrize("target", ["/usr", "/etc", str(Path.home())])
def test_a_system_directory_is_refused_without_listing_below_its_top(
    target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[str] = []
    for name in ("scandir", "listdir"):
        real = getattr(os, name)

        def spy(path: Any = ".", real: Any = real) -> Any:
            listed.append(os.fspath(path))
            return real(path)

        monkeypatch.setattr(os, name, spy)
    monkeypatch.setattr(os, "walk", lambda *args, **kwargs: pytest.fail("walked the tree"))
    result = run("generate", SPEC, "--out", target)
    assert result.exit_code == 2 and "it has no MANIFEST.json, so specgen did not write it" in result.output
    assert all(os.path.realpath(path) == os.path.realpath(target) for path in listed), listed


def test_the_filesystem_root_is_refused_at_once() -> None:
    result = run("generate", SPEC, "--out", "/")
    assert result.exit_code == 2 and "refusing to replace the root of the filesystem" in result.output


def test_check_refuses_a_foreign_directory_without_walking_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "rglob", lambda *args: pytest.fail("walked the tree"))
    result = run("check", SPEC, "--out", "/usr")
    assert result.exit_code == 2 and "refusing to check this directory" in result.output
