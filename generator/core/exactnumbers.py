"""JSON numbers that a float cannot hold, kept with the decimal they were written as.

`1e400` is a finite number in JSON, and `0.290000000000000000001` is not 0.29; a float would make
the first infinite and the second equal to 0.29. The reader turns such numbers into an
`InexactFloat`: a float (the nearest one, so code that only needs a float keeps working) that
carries its exact decimal text, for the places that must be exact (bounds, steps, constants).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

_EXACT_LENGTH = 16  # a decimal of at most 15 digits (with a sign and a point) survives a float


class InexactFloat(float):
    """The float nearest a JSON number it cannot represent, and that number's decimal text."""

    text: str

    def __new__(cls, text: str) -> InexactFloat:
        number = super().__new__(cls, text)
        number.text = text
        return number

    def __reduce__(self) -> tuple[type[InexactFloat], tuple[str]]:
        return InexactFloat, (self.text,)

    @property
    def exact(self) -> Fraction:
        return Fraction(self.text)


def parse_float(text: str) -> float:
    """`json` parse_float: a plain float when it holds the decimal exactly, else an InexactFloat."""
    number = float(text)
    if len(text) <= _EXACT_LENGTH and "e" not in text and "E" not in text:
        return number
    if number in (float("inf"), float("-inf")) or Decimal(repr(number)) != Decimal(text):
        return InexactFloat(text)
    return number


def exact(number: int | float) -> Fraction:
    """The decimal a JSON number stands for: a float stands for its shortest repr."""
    if isinstance(number, InexactFloat):
        return number.exact
    return Fraction(number) if isinstance(number, int) else Fraction(repr(number))
