"""Numbers as JSON means them: decimals, compared exactly.

A JSON number is a decimal. A float from `json.loads` stands for its shortest decimal form,
`repr(x)`, so 0.29 is a multiple of 0.01 and 0.30000000000000004 is not, where binary division
says otherwise. `multipleOf: p/q` (in lowest terms) is decided in two ways:

* fast, when q = 2^a * 5^b (every decimal step): a multiple n / q is a decimal of k = max(a, b)
  fractional digits, so for |x| < 10^(15 - k) it has at most 15 significant digits. A decimal that
  short survives the trip through a float, and is its float's shortest repr; so with
  n = round(x * q), x is a multiple exactly when x == n / q (int / int is correctly rounded) and
  n % p == 0. (A bound of 10^15 / q would be wrong when q carries more twos than fives: with
  q = 128, 7812499999999.008 is the float of 7812499999999.0078125, a multiple, yet its repr is not.)
* exact: otherwise, `_multiple_of(x, p, q)` compares on `Fraction(repr(x))`; a `decimal.Decimal`
  (what a strict reader gives for numbers no float holds exactly) always goes this way.
"""

from __future__ import annotations

from fractions import Fraction

from generator.core import exactnumbers

_FAST_DIGITS = 10**15


def as_fraction(number: int | float) -> Fraction:
    """The decimal a JSON number stands for, exactly."""
    return exactnumbers.exact(number)


def literal(number: int | float) -> str:
    """A Python literal that reads back as the same number (floats of integral value stay floats);
    one a float cannot hold is a `decimal.Decimal` (see `needs_decimal`), which compares exactly."""
    if isinstance(number, exactnumbers.InexactFloat):
        return f"decimal.Decimal({number.text!r})"
    return repr(number)


def needs_decimal(number: object) -> bool:
    return isinstance(number, exactnumbers.InexactFloat)


def shown(number: int | float) -> str:
    """The number as a message shows it: as the spec wrote it."""
    return number.text if isinstance(number, exactnumbers.InexactFloat) else repr(number)


def decimal_places(denominator: int) -> int | None:
    """k such that 1 / denominator has exactly k decimal places, or None when it has no finite
    decimal expansion (a denominator with a prime factor other than 2 and 5)."""
    twos = fives = 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    return max(twos, fives) if denominator == 1 else None


def fast_bound(denominator: int) -> int | None:
    """The |x| below which the fast path decides `multipleOf: p / denominator` exactly, if any."""
    places = decimal_places(denominator)
    if places is None:
        return None
    scale: int = 10**places
    return _FAST_DIGITS // scale if scale < _FAST_DIGITS else None


def multiple_of_test(variable: str, step: int | float, temporary: str) -> str:
    """A Python expression, true when the JSON number in `variable` is a multiple of `step`."""
    fraction = as_fraction(step)
    p, q = fraction.numerator, fraction.denominator
    limit = fast_bound(q)
    bound = repr(float(limit)) if limit is not None else None
    if bound is None:
        return f"_multiple_of({variable}, {p}, {q})"
    scaled = f"round({variable} * {q})" if q != 1 else f"round({variable})"
    if p != 1:  # the count of steps is needed twice: once to go back, once to test it
        scaled = f"({temporary} := {scaled})"
    fast = f"{variable} == {scaled} / {q}" if q != 1 else f"{variable} == {scaled}"
    if p != 1:
        fast += f" and {temporary} % {p} == 0"
    # A Decimal takes the exact way: compared with the float n / q, 0.29 would not be a multiple of 0.01.
    fits = f"(type({variable}) is float or type({variable}) is int) and -{bound} < {variable} < {bound}"
    return f"(({fast}) if {fits} else _multiple_of({variable}, {p}, {q}))"
