"""`multipleOf` as generated code decides it, against an exact oracle: decimals, as JSON means them."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from functools import cache

from hypothesis import example, given
from hypothesis import strategies as st

from generator.compiler import numbers
from generator.compiler.inmemory import validators_at
from generator.spec.load import parse_spec
from tests.helpers import DIALECT


@cache
def _is_multiple(step: int | float) -> Callable[[object], bool]:
    """The boolean check a generated module compiles for `{"multipleOf": step}`."""
    source = parse_spec(json.dumps({"$schema": DIALECT, "multipleOf": step}), "step.schema.json")
    module, [entry] = validators_at(source, [""])
    check: Callable[[object], bool] = getattr(module, f"is_valid_{entry.python_name}")
    return check


def decide(value: int | float, step: int | float) -> bool:
    return _is_multiple(step)(value)


def oracle(value: int | float, step: int | float) -> bool:
    return (numbers.as_fraction(value) / numbers.as_fraction(step)).denominator == 1


def test_decimal_places() -> None:
    assert [numbers.decimal_places(q) for q in (1, 2, 10, 100, 128, 3, 12)] == [0, 1, 1, 2, 7, None, None]


steps = st.one_of(
    st.builds(lambda digits, places: float(Fraction(digits, 10**places)), st.integers(1, 999), st.integers(0, 6)),
    st.builds(lambda k: 2.0**-k, st.integers(0, 20)),
    st.builds(lambda k: 5.0**-k, st.integers(0, 9)),
    st.integers(1, 10**6),
)


@st.composite
def near_multiples(draw: st.DrawFn) -> tuple[float, int | float]:
    """A step and a value on or just beside its grid, at any magnitude."""
    step = draw(steps)
    count = draw(st.integers(-(10**17), 10**17))
    value = float(numbers.as_fraction(step) * count)
    nudge = draw(st.sampled_from([0.0, 1e-9, -1e-9]))
    return value + nudge * abs(value) if nudge else value, step


@example((7812499999999.008, 0.0078125))  # found by differential fuzzing: 16 digits, a step of 2^-7
@example((0.30000000000000004, 0.1))
@example((0.29, 0.01))
@example((1e300, 0.01))
@given(near_multiples())
def test_the_generated_test_agrees_with_exact_decimals(case: tuple[float, int | float]) -> None:
    value, step = case
    assert decide(value, step) is oracle(value, step)


@given(st.floats(allow_nan=False, allow_infinity=False), steps)
def test_any_float_against_any_decimal_step(value: float, step: int | float) -> None:
    assert decide(value, step) is oracle(value, step)


@given(st.integers(-(10**30), 10**30), steps)
def test_integers_of_any_size(value: int, step: int | float) -> None:
    assert decide(value, step) is oracle(value, step)
