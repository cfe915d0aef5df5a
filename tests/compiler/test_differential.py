"""The compiler against jsonschema on schemas nobody wrote by hand.

Hypothesis builds schemas that mix every keyword the compiler supports (applicators, references,
`unevaluated*`, conditionals, every assertion) and instances around them; the boolean check,
the full check and the (instance path, keyword) of every error must agree with the oracle
(tests/oracle.py: jsonschema, corrected where it is known wrong, each correction listed there).
"""

from __future__ import annotations

import json
import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.compiler.inmemory import validators_at
from generator.spec.load import parse_spec
from tests.oracle import error_set, oracle_for

NAMES = ("a", "b", "c")
PATTERNS = ("^a", "b$", "[0-9]", "^[a-c]+$", "x|y")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from([0.5, 1.0, 2.5, -1.5, 0.01, 0.3]),
    st.sampled_from(["", "a", "b", "ab", "abc", "x1", "ba"]),
)
instances = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(NAMES), inner, max_size=3)),
    max_leaves=8,
)
names = st.sampled_from(NAMES)
counts = st.integers(0, 3)


def _assertions() -> st.SearchStrategy[dict[str, Any]]:
    one = st.one_of(
        st.builds(
            lambda t: {"type": t},
            st.sampled_from(["null", "boolean", "object", "array", "number", "string", "integer"]),
        ),
        st.builds(
            lambda ts: {"type": ts},
            st.lists(st.sampled_from(["string", "integer", "null", "array"]), min_size=1, max_size=2, unique=True),
        ),
        st.builds(lambda v: {"const": v}, instances),
        st.builds(lambda vs: {"enum": vs}, st.lists(scalars, min_size=1, max_size=3)),
        st.builds(
            lambda k, v: {k: v},
            st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
            st.sampled_from([-1, 0, 1, 2.5]),
        ),
        st.builds(lambda v: {"multipleOf": v}, st.sampled_from([1, 2, 0.5, 0.01, 0.1])),
        st.builds(
            lambda k, v: {k: v},
            st.sampled_from(["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]),
            counts,
        ),
        st.builds(lambda p: {"pattern": p}, st.sampled_from(PATTERNS)),
        st.just({"uniqueItems": True}),
        st.builds(lambda r: {"required": r}, st.lists(names, min_size=1, max_size=2, unique=True)),
        st.builds(lambda n, r: {"dependentRequired": {n: r}}, names, st.lists(names, max_size=2, unique=True)),
    )
    return one


def _schemas(leaf: st.SearchStrategy[Any], references: bool) -> st.SearchStrategy[Any]:
    """Schemas of a few levels; with `references`, some refer to `#/$defs/shared` (which itself
    has none, so that no reference loops without consuming the instance)."""

    def grow(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        applicators = st.one_of(
            st.builds(lambda ps: {"properties": ps}, st.dictionaries(names, inner, min_size=1, max_size=2)),
            st.builds(lambda p, s: {"patternProperties": {p: s}}, st.sampled_from(PATTERNS), inner),
            st.builds(lambda s: {"additionalProperties": s}, inner),
            st.builds(lambda s: {"propertyNames": s}, inner),
            st.builds(lambda n, s: {"dependentSchemas": {n: s}}, names, inner),
            st.builds(lambda s: {"items": s}, inner),
            st.builds(lambda ss: {"prefixItems": ss}, st.lists(inner, min_size=1, max_size=2)),
            st.builds(
                lambda s, lo, hi: {"contains": s, **lo, **hi},
                inner,
                st.sampled_from([{}, {"minContains": 0}, {"minContains": 2}]),
                st.sampled_from([{}, {"maxContains": 1}]),
            ),
            st.builds(
                lambda k, ss: {k: ss},
                st.sampled_from(["allOf", "anyOf", "oneOf"]),
                st.lists(inner, min_size=1, max_size=3),
            ),
            st.builds(lambda s: {"not": s}, inner),
            st.builds(
                lambda i, t, e: {"if": i, **t, **e},
                inner,
                st.one_of(st.just({}), inner.map(lambda s: {"then": s})),
                st.one_of(st.just({}), inner.map(lambda s: {"else": s})),
            ),
            st.builds(lambda s: {"unevaluatedProperties": s}, inner),
            st.builds(lambda s: {"unevaluatedItems": s}, inner),
            st.just({"$ref": "#/$defs/shared"} if references else {}),
        )
        return st.builds(lambda a, b: {**a, **b}, applicators, st.one_of(st.just({}), leaf))

    return st.recursive(st.one_of(leaf, st.booleans()), grow, max_leaves=6)


schemas = _schemas(_assertions(), references=True)
shared_schemas = _schemas(_assertions(), references=False)


def _document(root: Any, shared: Any) -> dict[str, Any]:
    document: dict[str, Any] = root if isinstance(root, dict) else {"allOf": [root]}
    return {**document, "$defs": {"shared": shared}}


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
@given(root=schemas, shared=shared_schemas, data=st.data())
def test_verdicts_and_errors_agree_with_the_oracle(root: Any, shared: Any, data: st.DataObject) -> None:
    document = _document(root, shared)
    module, _ = validators_at(parse_spec(json.dumps(document), "generated.schema.json"), [""])
    oracle = oracle_for(document)
    for instance in data.draw(st.lists(instances, min_size=1, max_size=4), label="instances"):
        expected = error_set(oracle, instance)
        assert module.is_valid_entry_0(instance) == (not expected), (document, instance)
        got = {(error.path, error.keyword) for error in module.validate_entry_0(instance)}
        assert got == expected, (document, instance)


def test_the_strategies_reach_every_keyword() -> None:
    """The generated schemas use every keyword named here (a guard against a strategy that
    silently stops producing one)."""
    seen: set[str] = set()

    @settings(max_examples=1000, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(schemas)
    def collect(schema: Any) -> None:
        seen.update(_keywords(schema))

    collect()
    expected = {
        "type", "const", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties",
        "maxProperties", "required", "dependentRequired", "properties", "patternProperties",
        "additionalProperties", "propertyNames", "dependentSchemas", "items", "prefixItems", "contains",
        "allOf", "anyOf", "oneOf", "not", "if", "unevaluatedProperties", "unevaluatedItems", "$ref",
    }  # fmt: skip
    assert expected <= seen, expected - seen


def _keywords(schema: Any) -> set[str]:
    if isinstance(schema, list):
        return set().union(*map(_keywords, schema)) if schema else set()
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for key, value in schema.items():
        if key not in ("const", "enum", "required", "dependentRequired"):
            found |= _keywords(
                list(value.values()) if key in ("properties", "patternProperties", "dependentSchemas") else value
            )
    return found - set(string.ascii_lowercase) - set(PATTERNS)
