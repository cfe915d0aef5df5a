"""Numbers as JSON means them: decimals, compared exactly.

A JSON number is a decimal. A float from `json.loads` stands for its shortest decimal form,
`repr(x)`, so 0.29 is a multiple of 0.01 and 0.30000000000000004 is not, where binary division
says otherwise. `multipleOf: p/q` (in lowest terms) is decided in two ways:

* fast: for |x| < 1e15 / q, n = round(x * q) is exact enough, and x is a multiple exactly when
  x == n / q (Python's int / int is correctly rounded, and a decimal of at most 15 significant
  digits survives the trip through a float unchanged) and n % p == 0;
* exact: otherwise, `_multiple_of(x, p, q)` compares on `Fraction(repr(x))`.
"""

from __future__ import annotations

from fractions import Fraction

_FAST_DIGITS = 10**15


def as_fraction(number: int | float) -> Fraction:
    """The decimal a JSON number stands for, exactly."""
    return Fraction(number) if isinstance(number, int) else Fraction(repr(number))


def literal(number: int | float) -> str:
    """A Python literal that reads back as the same number (floats of integral value stay floats)."""
    return repr(number)


def multiple_of_test(variable: str, step: int | float, temporary: str) -> str:
    """A Python expression, true when the JSON number in `variable` is a multiple of `step`."""
    fraction = as_fraction(step)
    p, q = fraction.numerator, fraction.denominator
    bound = repr(float(_FAST_DIGITS // q)) if q < _FAST_DIGITS else None
    if bound is None:
        return f"_multiple_of({variable}, {p}, {q})"
    scaled = f"round({variable} * {q})" if q != 1 else f"round({variable})"
    back = f"({temporary} := {scaled}) / {q}" if q != 1 else f"({temporary} := {scaled})"
    fast = f"{variable} == {back}"
    if p != 1:
        fast += f" and {temporary} % {p} == 0"
    return f"(({fast}) if -{bound} < {variable} < {bound} else _multiple_of({variable}, {p}, {q}))"
