"""Every schema of the official test suite, taken as a spec: generate, lint and diff either
work or refuse with a located message (SpecgenError), and never fail otherwise."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.build import build
from generator.diff import diff
from generator.errors import SpecgenError
from generator.lint import lint
from generator.load import parse_spec
from generator.render import render_all
from tests.conformance import SUITE


def suite_schemas() -> list[Any]:
    schemas = []
    for path in sorted(SUITE.rglob("*.json")):
        for group in json.loads(path.read_text()):
            schema = group["schema"]
            schemas.append(
                pytest.param(
                    schema if isinstance(schema, dict) else {"allOf": [schema]},
                    id=f"{path.stem}: {group['description']}"[:90],
                )
            )
    return schemas


@pytest.mark.parametrize("document", suite_schemas())
def test_any_schema_is_handled_or_refused_with_its_place(document: dict[str, Any]) -> None:
    try:
        source = parse_spec(json.dumps(document), "suite.schema.json")
        lint(source)
        diff(source, source)
        render_all([build(source)])
    except SpecgenError as error:
        assert all(problem.location.file == "suite.schema.json" for problem in error.problems)
