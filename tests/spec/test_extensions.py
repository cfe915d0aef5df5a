"""Every extension keyword a spec may use is one the generator knows, and the README documents it."""

from __future__ import annotations

import json
import re

from generator.core import schemawalk
from generator.spec.extensions import EXTENSIONS
from tests.conftest import ROOT, SPEC

README = ROOT / "README.md"


def readme_table() -> dict[str, tuple[str, str]]:
    text = README.read_text()
    table = text.split("<!-- extensions:start -->", 1)[1].split("<!-- extensions:end -->", 1)[0]
    rows = re.findall(r"^\| `(x-[a-z-]+)` \| (.+?) \| (.+) \|$", table, re.MULTILINE)
    return {keyword: (where, meaning) for keyword, where, meaning in rows}


def test_the_readme_documents_every_extension_keyword_as_the_generator_knows_it() -> None:
    assert readme_table() == EXTENSIONS


# x-creator is a keyword of the OpenAPI documents `specgen import` reads, not of a spec
NOT_SPEC_KEYWORDS = {"x-creator"}


def test_every_keyword_the_generator_reads_or_writes_is_a_known_extension() -> None:
    named = set()
    for module in (ROOT / "generator").rglob("*.py"):
        named |= set(re.findall(r'"(x-[a-z-]+)"', module.read_text()))
    assert named - NOT_SPEC_KEYWORDS <= set(EXTENSIONS), named - set(EXTENSIONS)


def test_the_shipped_specs_use_known_extensions_only() -> None:
    for spec in [SPEC, *sorted((ROOT / "tests" / "specs").glob("*.schema.json"))]:
        for _, schema in schemawalk.walk(json.loads(spec.read_text())):
            if isinstance(schema, dict):
                assert {k for k in schema if k.startswith("x-")} <= set(EXTENSIONS), spec.name
