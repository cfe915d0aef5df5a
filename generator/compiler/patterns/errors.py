"""What a pattern that cannot be compiled raises."""

from __future__ import annotations


class UnsupportedPatternError(ValueError):
    """A pattern the validators cannot honour exactly (the compiler and lint report it at its pointer)."""


class PatternSyntaxError(UnsupportedPatternError):
    """Not a pattern at all under ECMA-262 with the `u` flag; `position` is where reading stopped."""

    def __init__(self, message: str, pattern: str, position: int) -> None:
        self.pattern = pattern
        self.position = position
        self.reason = message
        super().__init__(f"not an ECMA-262 regular expression (u flag): {message} at offset {position}")
