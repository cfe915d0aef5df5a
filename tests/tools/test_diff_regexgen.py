"""The strings `specgen diff` tries for a changed pattern cover every choice the pattern spells."""

from __future__ import annotations

import re

from generator.tools.diff import regexgen
from tests.tools.test_diff_language import changes

WORDS = [f"w{n}x" for n in range(30)]


def test_every_branch_of_an_alternation_is_tried() -> None:
    pattern = "^(" + "|".join(WORDS) + ")$"
    assert set(regexgen.samples(pattern, limit=len(WORDS))) == set(WORDS)


def test_both_ends_of_a_range_and_more_repeats_are_tried() -> None:
    found = regexgen.samples("^[b-y]{2,}$", limit=50)
    assert {"bb", "yy", "bbb", "bbbb"} <= set(found)  # each end at the least count, then two more
    assert all(re.search("^[b-y]{2,}$", text) for text in found)


def test_a_branch_dropped_late_in_a_long_alternation_is_witnessed() -> None:
    old = {"type": "string", "pattern": "^(" + "|".join(WORDS) + ")$"}
    new = {"type": "string", "pattern": "^(" + "|".join(WORDS[:-1]) + ")$"}
    [change] = changes(old, new)
    assert change.kind == "breaking" and change.witness == WORDS[-1]
