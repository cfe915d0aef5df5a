from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.compiler.patterns.ecma import Node


@pytest.fixture(scope="session")
def node() -> Iterator[Node]:
    oracle = Node()
    yield oracle
    oracle.close()
