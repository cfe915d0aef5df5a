"""Spec text is untrusted: whatever names, descriptions, values and patterns a spec holds, the
generated modules compile, behave, and never run a line the spec smuggled in."""

from __future__ import annotations

import ast
import builtins
import json
import re
import unicodedata
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.compiler.inmemory import load_module
from generator.render import render_all
from generator.spec.build import build
from generator.spec.load import parse_spec

# Each payload sets builtins.HACKED if it ever runs as code.
PAYLOADS = [
    "__import__('builtins').__setattr__('HACKED', 1)",
    "'); __import__('builtins').__setattr__('HACKED', 1); ('",
    "\"); __import__('builtins').__setattr__('HACKED', 1); (\"",
    '"""\n__import__(\'builtins\').__setattr__(\'HACKED\', 1)\n"""',
    "'''\n__import__('builtins').__setattr__('HACKED', 1)\n'''",
    "\\\n__import__('builtins').__setattr__('HACKED', 1)",
    "{{ 7 * 7 }}{% for x in range(3) %}{{ x }}{% endfor %}",
    "<script>alert(1)</script>",
    "# comment\n__import__('builtins').__setattr__('HACKED', 1)",
    "class",
    "def",
    "None",
    "__init__",
    "x\u2028y\x00z\r",
    "\x00\x07\x1b[31mred\x7f\x85\x9b\u202eevil\u2066\ufeff",  # NUL, bell, a terminal escape, C1, bidi overrides
]
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS), st.text(max_size=30), st.sampled_from(PAYLOADS).map(lambda p: p + "|*_`[]")
)


def ecma_escape(text: str) -> str:
    """A pattern matching `text` literally, escaping only ECMA-262's syntax characters (with the
    u flag, `\\ ` or `\\'` are syntax errors, where Python's re.escape writes them)."""
    return re.sub(r"([\\^$.|?*+()\[\]{}/])", r"\\\1", text)


@st.composite
def hostile_specs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A spec full of hostile text, and an instance it must accept."""
    names = draw(st.lists(hostile_text, min_size=1, max_size=5, unique=True))
    properties: dict[str, Any] = {}
    instance: dict[str, Any] = {}
    for name in names:
        kind = draw(st.sampled_from(["enum", "oneOf", "pattern", "integer", "const"]))
        text = draw(hostile_text)
        schema: dict[str, Any] = {"description": draw(hostile_text)}
        if kind == "enum":
            schema |= {"type": "string", "enum": [text, text + "2"], "default": text}
        elif kind == "oneOf":
            schema |= {"type": "string", "oneOf": [{"const": text, "description": draw(hostile_text)}]}
        elif kind == "pattern":
            schema |= {
                "type": "string",
                "pattern": ecma_escape(text) if text.isascii() else "x",
                "examples": [text if text.isascii() else "x"],
            }
            text = text if text.isascii() else "x"
        elif kind == "const":
            schema |= {"const": text}
        else:
            schema |= {"type": "integer", "minimum": 0}
            text = 0  # type: ignore[assignment]
        properties[name] = schema
        instance[name] = text
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": draw(hostile_text),
        "description": draw(hostile_text),
        "x-runware": {"modelId": "hostile", "name": draw(hostile_text), "overview": draw(hostile_text)},
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": {draw(hostile_text): {"description": draw(hostile_text), "type": "string"}},
    }
    return document, instance


BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def is_control(char: str) -> bool:
    """What makes a file read as binary or out of order, as the Unicode database says."""
    if char in "\n\t":
        return False
    return unicodedata.category(char) in ("Cc", "Cs") or unicodedata.bidirectional(char) in BIDI_CONTROLS


@given(hostile_specs())
# shrunk on CI: Python reads the identifier ª as a, so the model lost the property's JSON name
@example(
    (
        {"type": "object", "properties": {"ª": {"description": "x", "const": "x"}}, "additionalProperties": False},
        {"ª": "x"},
    )
)
@example(
    (
        {
            "title": "x",
            "type": "object",
            "properties": {p: {"description": p, "const": p} for p in PAYLOADS},
            "additionalProperties": False,
        },
        {p: p for p in PAYLOADS},
    )
)
def test_hostile_specs_generate_safe_working_code(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    document, instance = case
    spec = build(parse_spec(json.dumps(document), "hostile.schema.json"))
    files = render_all([spec])
    for path, text in files.items():
        if path.suffix == ".py":
            ast.parse(text, filename=str(path))  # render_all also checks this; here it is the point
    validators = load_module("hostile_validators", files[next(p for p in files if p.name == "validators.py")])
    models = load_module("hostile_models", files[next(p for p in files if p.name == "models.py")])
    assert not hasattr(builtins, "HACKED"), "spec text ran as code"
    root_model = getattr(models, spec.schemas[0].class_name)
    assert root_model.model_validate(instance).model_dump(by_alias=True, exclude_unset=True) == instance
    root = spec.schemas[0].python_name
    assert getattr(validators, f"is_valid_{root}")(instance)
    assert getattr(validators, f"validate_{root}")(instance) == []
    assert not getattr(validators, f"is_valid_{root}")({**instance, "\x7f unknown": 1})
    for path, text in files.items():
        assert not [c for c in text if is_control(c)], f"{path} is not plain text"
    html = next(text for path, text in files.items() if path.suffix == ".html")
    assert html.count("<script>") == 1, "only the page's own script tag is raw HTML"
    markdown = next(text for path, text in files.items() if path.suffix == ".md")
    assert "<script>" not in MarkdownIt("commonmark").render(markdown), "Markdown renders spec text as text"
    if any(PAYLOADS[6] in str(schema.get("description")) for schema in document["properties"].values()):
        assert PAYLOADS[6] in html, "Jinja syntax in a description is shown as text, not evaluated"


def test_two_names_that_map_to_one_python_name_stay_apart() -> None:
    document = {
        "type": "object",
        "properties": {"top-k": {"type": "integer"}, "top_k": {"type": "string"}, "topK": {"type": "boolean"}},
        "$defs": {"a b": {"type": "string"}, "a-b": {"type": "integer"}},
    }
    spec = build(parse_spec(json.dumps(document), "clash.schema.json"))
    assert [p.python_name for p in spec.parameters] == ["top_k", "top_k_2", "top_k_3"]
    assert [s.python_name for s in spec.schemas[1:]] == ["a_b", "a_b_2"]
    validators = load_module("clash", next(t for p, t in render_all([spec]).items() if p.name == "validators.py"))
    assert validators.is_valid_a_b("text") and not validators.is_valid_a_b(1)
    assert validators.is_valid_a_b_2(1) and not validators.is_valid_a_b_2("text")


def test_names_python_would_normalise_keep_their_json_names() -> None:
    # Python identifiers are NFKC-normalised: a field named ª would be a field named a
    document = {
        "type": "object",
        "properties": {"ª": {"type": "string"}, "a": {"type": "integer"}},
        "additionalProperties": False,
    }
    spec = build(parse_spec(json.dumps(document), "nfkc.schema.json"))
    models = load_module("nfkc_models", next(t for p, t in render_all([spec]).items() if p.name == "models.py"))
    root = getattr(models, spec.schemas[0].class_name)
    instance = {"ª": "ordinal", "a": 1}
    assert root.model_validate(instance).model_dump(by_alias=True, exclude_unset=True) == instance
