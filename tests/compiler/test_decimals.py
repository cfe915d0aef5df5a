"""Decimal payloads (what a strict reader gives for numbers no float holds exactly) are judged
as the decimals they are, against every numeric keyword; the oracle is Fraction arithmetic on
the decimal the spec wrote."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from generator.compiler.inmemory import validators_at
from generator.spec.load import parse_spec

KEYWORDS = {
    "minimum": lambda x, b: x >= b,
    "exclusiveMinimum": lambda x, b: x > b,
    "maximum": lambda x, b: x <= b,
    "exclusiveMaximum": lambda x, b: x < b,
    "multipleOf": lambda x, b: (x / b).denominator == 1,
}
BOUNDS = ["0.1", "0.3", "0.5", "2", "0.01"]
VALUES = ["0.1", "0.10000000000000000001", "0.09999999999999999999", "0.3", "0.30000000000000000001", "0.5", "2",
          "2.0000000000000000001", "0.29", "1E+400", "-1E+400", "1E-400", "0"]  # fmt: skip


def entry(keyword: str, bound: str) -> Any:
    text = json.dumps({"type": "number"})[:-1] + f', "{keyword}": {bound}}}'
    module, _ = validators_at(parse_spec(text, "decimals.schema.json"), [""])
    return module.VALIDATORS["entry_0"]


@pytest.mark.parametrize("keyword", list(KEYWORDS))
@pytest.mark.parametrize("bound", BOUNDS)
def test_a_decimal_meets_each_numeric_keyword_exactly(keyword: str, bound: str) -> None:
    check = entry(keyword, bound)
    for text in VALUES:
        expected = KEYWORDS[keyword](Fraction(text), Fraction(bound))
        assert check.is_valid(Decimal(text)) is expected, (keyword, bound, text)
        assert (not check.validate(Decimal(text))) is expected, (keyword, bound, text)


def test_decimal_integers_and_non_finite_decimals() -> None:
    module, _ = validators_at(parse_spec('{"type": "integer"}', "int.schema.json"), [""])
    check = module.VALIDATORS["entry_0"]
    assert check.is_valid(Decimal("4E+1")) and check.is_valid(Decimal("1E+400"))
    assert not check.is_valid(Decimal("40.5"))
    for odd in ("NaN", "Infinity", "-Infinity"):
        assert not check.is_valid(Decimal(odd))
    shown = check.validate(Decimal("40.5"))[0].message
    assert shown.startswith("40.5 is not of type"), "a Decimal is shown as it was written"
