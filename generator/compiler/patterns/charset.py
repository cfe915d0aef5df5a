"""Sets of code points as sorted, disjoint, inclusive ranges, and the sets ECMA-262 names."""

from __future__ import annotations

from collections.abc import Iterable

from generator.compiler.patterns.unicode import Ranges, property_ranges

MAX_CODE_POINT = 0x10FFFF


def normalized(ranges: Iterable[tuple[int, int]]) -> Ranges:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return tuple(merged)


def union(*sets: Ranges) -> Ranges:
    return normalized(r for ranges in sets for r in ranges)


def complement(ranges: Ranges) -> Ranges:
    result = []
    start = 0
    for first, last in ranges:
        if first > start:
            result.append((start, first - 1))
        start = last + 1
    if start <= MAX_CODE_POINT:
        result.append((start, MAX_CODE_POINT))
    return tuple(result)


def intersects(a: Ranges, b: Ranges) -> bool:
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


def single(code: int) -> Ranges:
    return ((code, code),)


DIGIT: Ranges = ((0x30, 0x39),)
WORD: Ranges = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
LINE_TERMINATORS: Ranges = ((0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029))
# WhiteSpace (TAB, VT, FF, ZWNBSP and every Zs) and LineTerminator: what \s means.
SPACE: Ranges = union(((0x09, 0x0D), (0xFEFF, 0xFEFF)), property_ranges("Zs", None), LINE_TERMINATORS)
DOT: Ranges = complement(LINE_TERMINATORS)
ANY: Ranges = ((0, MAX_CODE_POINT),)
NOTHING: Ranges = ()

CLASS_ESCAPES: dict[str, Ranges] = {
    "d": DIGIT,
    "D": complement(DIGIT),
    "w": WORD,
    "W": complement(WORD),
    "s": SPACE,
    "S": complement(SPACE),
}
