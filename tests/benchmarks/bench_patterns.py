"""The super-linear pattern families on hostile strings: the generated validators stay linear.

For each family of tests/compiler/patterns/families.py, the generated `is_valid` is timed on its
hostile string at 1,000, 10,000 and 100,000 characters; linear time means the time per character
stays flat (the 100,000 / 10,000 ratio is near 10). Python's `re` on the same pattern is shown at
a length where it still finishes. Run alone with `python -m tests.benchmarks.bench_patterns`.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable

from tests.compiler.patterns.families import FAMILIES, validator_of

LENGTHS = (1_000, 10_000, 100_000)
RE_LENGTH = 20  # (a+)+$ already takes tens of milliseconds here, and doubles with each character


def best_time(check: Callable[[str], object], text: str, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        check(text)
        best = min(best, time.perf_counter() - start)
    return best


def report() -> bool:
    """Print the table and the target; True when every family grows linearly."""
    print("\nsuper-linear pattern families on hostile strings (generated is_valid; best of 5)\n")
    heads = " | ".join(f"{n:,} chars" for n in LENGTHS)
    print(f"| pattern | {heads} | ns/char at 10,000 | 100k / 10k | Python re at {RE_LENGTH} chars |")
    print(f"| --- | {' | '.join('---:' for _ in LENGTHS)} | ---: | ---: | ---: |")
    worst_growth = 0.0
    for pattern, hostile in FAMILIES.items():
        check = validator_of(pattern).is_valid_entry_0
        times = {n: best_time(check, hostile(n)) for n in LENGTHS}
        growth = times[100_000] / times[10_000]
        worst_growth = max(worst_growth, growth)
        backtracking = best_time(re.compile(pattern).search, hostile(RE_LENGTH), repeats=1)
        cells = " | ".join(f"{times[n] * 1e3:.2f} ms" for n in LENGTHS)
        per_char = times[10_000] / 10_000 * 1e9
        print(f"| `{pattern}` | {cells} | {per_char:.0f} | {growth:.1f}x | {backtracking * 1e3:.1f} ms |")
    linear = worst_growth <= 15  # 10x the input: 10x the time, with room for noise and caches
    print(
        f"\n- {'PASS' if linear else 'FAIL'} every family decides a 10,000-character hostile string in linear time: "
        f"time at 100,000 / at 10,000 characters at most {worst_growth:.1f}x"
    )
    return linear


if __name__ == "__main__":
    sys.exit(0 if report() else 1)
