"""Control characters in spec text are shown as their JSON escapes, so every generated file is
plain text; a lone surrogate, which no UTF-8 file can hold, is refused with its pointer."""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path, PurePosixPath

import pytest

from generator import render
from generator.core.errors import ExitCode, SpecgenError
from generator.render import render_all
from generator.spec import project
from tests.e2e.test_hostile_specs import is_control
from tests.helpers import run, tiny_spec, write_spec

DESCRIPTION = "a\x00b\x07c\x1bd\x7fe\x9bf\u202eg"  # no Markdown metacharacters: shown as they are


def test_a_description_with_control_characters_generates_plain_text_files(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, tiny_spec(name={"type": "string", "description": DESCRIPTION}))
    out = tmp_path / "generated"
    result = run("generate", spec, "--out", out)
    assert result.exit_code == 0, result.output
    for path in (p for p in out.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8")
        assert not [c for c in text if is_control(c)], path
    shown = json.dumps(DESCRIPTION)[1:-1]  # as the spec's JSON text spells it: a\u0000b\u0007...
    assert shown.isascii() and shown in (out / "docs" / "demo.md").read_text()
    assert shown in (out / "docs" / "demo.html").read_text()


def test_the_models_describe_a_field_as_the_docs_do(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, tiny_spec(name={"type": "string", "description": DESCRIPTION}))
    files = render_all(project.load_specs([spec], tmp_path))
    module = ast.parse(files[PurePosixPath("demo", "models.py")])
    [model] = [node for node in module.body if isinstance(node, ast.ClassDef)]
    docstrings = [
        inspect.cleandoc(node.value.value)
        for node in model.body
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    ]
    assert docstrings == [json.dumps(DESCRIPTION)[1:-1]]  # what pydantic reads as the field's description


@pytest.mark.parametrize("where", ["value", "key"])
def test_a_lone_surrogate_is_refused_with_its_pointer(tmp_path: Path, where: str) -> None:
    text = json.dumps(tiny_spec(name={"type": "string", "description": "PLACE"}))
    if where == "key":
        text = text.replace('"name"', '"na\\ud800me"')
        pointer = "/properties/na\\ud800me"  # printed escaped: a terminal cannot show it either
    else:
        text = text.replace("PLACE", "x\\udc00y")
        pointer = "/properties/name/description"
    spec = write_spec(tmp_path, text)
    result = run("generate", spec, "--out", tmp_path / "generated")
    assert result.exit_code == 2, result.output
    assert f"demo.schema.json:1: {pointer}: this {'key' if where == 'key' else 'string'} holds a lone surrogate" in (
        result.output
    )
    assert not (tmp_path / "generated").exists()


def test_a_renderer_that_leaves_a_control_character_is_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = write_spec(tmp_path, tiny_spec())
    monkeypatch.setitem(render.RENDERERS, "broken", lambda plan: {PurePosixPath("x.txt"): "one\ntwo\x00"})
    with pytest.raises(SpecgenError) as raised:
        render_all(project.load_specs([spec], tmp_path))
    assert raised.value.exit_code == ExitCode.INTERNAL
    assert str(raised.value).startswith("x.txt:2: a renderer left the control character '\\x00' in the output")
