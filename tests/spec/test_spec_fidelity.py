"""Every parameter, bound, default and step on the source page is in the spec, with the same value.

The page is parsed (tests/seedpage.py); nothing from it is retyped here.
"""

from __future__ import annotations

import re

import pytest

from generator.spec.model import Parameter, Spec
from tests.seedpage import PAGE, PageParameter, parse

PAGE_PARAMETERS = parse()
_TYPES = {"float": ("number",), "integer": ("integer",), "string": ("string",), "boolean": ("boolean",)}


def find(spec: Spec, path: tuple[str, ...]) -> Parameter:
    candidates = spec.parameters
    found = None
    for name in path:
        found = next(p for p in candidates if p.name == name)
        candidates = found.children
    assert found is not None
    return found


def test_the_page_parses_into_every_documented_parameter() -> None:
    names = [".".join(p.path) for p in PAGE_PARAMETERS]
    assert len(names) == 24, names
    assert "settings.topK" in names and "messages.role" in names and "taskUUID" in names


@pytest.mark.parametrize("page", PAGE_PARAMETERS, ids=lambda p: ".".join(p.path))
def test_each_page_parameter_is_in_the_spec_as_documented(spec: Spec, page: PageParameter) -> None:
    parameter = find(spec, page.path)
    assert parameter.required == page.required
    assert page.description.rstrip(".") in parameter.description
    if page.type.startswith("array of"):
        assert parameter.types == ("array",)
        items = page.type.removeprefix("array of ")
        assert bool(parameter.children) == (items == "objects")
        if items == "strings":
            assert parameter.item_types == ("string",)
    else:
        assert parameter.types == _TYPES[page.type]
    attributes = dict(page.attributes)
    if "default" in attributes:
        assert parameter.default == attributes.pop("default")
    if "value" in attributes:
        assert attributes.pop("value") in [choice.value for choice in parameter.choices]
    if "step" in attributes:
        assert parameter.bounds.multiple_of == attributes.pop("step")
    bounds = parameter.bounds
    low, high = {
        "string": (bounds.min_length, bounds.max_length),
        "array": (bounds.min_items, bounds.max_items),
    }.get(parameter.types[0], (bounds.minimum, bounds.maximum))
    if "min items" in attributes:
        assert bounds.min_items == attributes.pop("min items")
    if "min" in attributes:
        assert low == attributes.pop("min")
    if "max" in attributes:
        assert high == attributes.pop("max")
    assert attributes == {}, f"page attributes the test does not know how to compare: {attributes}"
    assert parameter.bounds.format == page.format
    if page.allowed_count is not None:
        assert len(parameter.choices) == page.allowed_count


def test_the_documented_top_k_default_is_a_valid_value(spec: Spec) -> None:
    from generator.compiler.inmemory import validators_for

    top_k = find(spec, ("settings", "topK"))
    assert [choice.value for choice in top_k.sentinels] == [top_k.default]
    module = validators_for(spec)
    assert module.is_valid_settings({"topK": top_k.default})
    assert not module.is_valid_settings({"topK": 0})


def test_inferred_values_are_marked(spec: Spec) -> None:
    level = find(spec, ("settings", "thinkingLevel"))
    assert level.provenance == "inferred" and "not confirmed" in level.provenance_note
    assert [c.value for c in level.choices] == ["none", "low", "medium", "high"]


def test_values_the_page_does_not_name_are_flagged_with_their_provenance(spec: Spec) -> None:
    """The page counts allowed values ("Allowed values 4 values") without always naming them; a
    parameter with a value the page never writes and no per-value description must say where its
    values come from (thinkingLevel's are inferred, role's come from Runware's SDK)."""
    words = set(re.findall(r"[\w:@.-]+", PAGE.read_text()))
    flagged = []
    for page in PAGE_PARAMETERS:
        parameter = find(spec, page.path)
        choices = parameter.choices or parameter.item_choices
        if not page.allowed_count or any(c.description for c in choices):
            continue
        if any(str(c.value) not in words for c in choices):
            assert parameter.provenance in ("inferred", "secondary"), page.path
            assert parameter.provenance_note, page.path
            flagged.append(page.path)
    assert ("messages", "role") in flagged and ("settings", "thinkingLevel") in flagged
