"""The super-linear families finish on 10,000-character hostile strings in the generated validators.

The figures (linear growth) are in the benchmark (`make bench`); this is only a hang guard: each
family runs in a child process that must finish within a generous limit, where Python's `re`
would take longer than the age of the universe.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.compiler.patterns.ecma import Node
from tests.compiler.patterns.families import FAMILIES

_CHILD = """
import sys
from tests.compiler.patterns.families import FAMILIES, validator_of
pattern = sys.argv[1]
module = validator_of(pattern)
text = FAMILIES[pattern](10_000)
print(module.is_valid_entry_0(text), len(module.validate_entry_0(text)))
"""


@pytest.mark.parametrize("pattern", sorted(FAMILIES))
def test_a_hostile_string_of_10000_characters_is_decided(node: Node, pattern: str) -> None:
    # node (a backtracking engine too) can only decide a short string of the family's shape
    answer = node.ask(pattern, [FAMILIES[pattern](16)])
    assert answer is not None
    [expected] = answer
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, pattern], capture_output=True, text=True, timeout=60, check=True
    )
    valid, errors = done.stdout.split()
    assert (valid, errors) == (("True", "0") if expected else ("False", "1"))
