"""Every format checker on the hostile strings of tests/compiler/test_formats.py: linear time.

Each generated checker is timed on each hostile string, its unit repeated to about 200,000
characters; one that backtracks quadratically would take minutes there. (The growth from 20,000 to
200,000 characters is not the target: past the CPU caches the time per character steps up once,
then stays flat.)
Run alone with `python -m tests.benchmarks.bench_formats`.
"""

from __future__ import annotations

import sys
import time

from generator.compiler.formats import FORMATS
from tests.compiler.test_formats import HOSTILE, checker, hostile

CHARACTERS = 200_000
TARGET_MS = 500


def report() -> bool:
    """Print the slowest verdict and the target; True when it holds."""
    slowest, where = 0.0, ""
    for fmt in FORMATS:
        check = checker(fmt)
        for name in HOSTILE:
            value = hostile(name, CHARACTERS // len(HOSTILE[name][1]))
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                check(value)
                best = min(best, time.perf_counter() - start)
            if best * 1000 > slowest:
                slowest, where = best * 1000, f"{fmt} on {name}, {len(value):,} characters"
    ok = slowest <= TARGET_MS
    print(
        f"- {'PASS' if ok else 'FAIL'} every format checker at most {TARGET_MS} ms on each hostile string of "
        f"about {CHARACTERS:,} characters ({len(FORMATS)} formats x {len(HOSTILE)} strings): slowest {slowest:.0f} ms ({where})"
    )
    return ok


if __name__ == "__main__":
    sys.exit(0 if report() else 1)
