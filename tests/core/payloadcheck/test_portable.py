"""The checker is copied verbatim into generated packages: it may import the standard library and
its own modules (relatively), nothing else, and the copy must be the source."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from generator.core import payloadcheck
from tests.conftest import ROOT

SOURCE = Path(payloadcheck.__file__).parent


def test_it_imports_only_the_standard_library_and_itself() -> None:
    for path in SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    continue
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in sys.stdlib_module_names, f"{path.name} imports {name}"


def test_the_generated_copy_is_the_source() -> None:
    for path in SOURCE.glob("*.py"):
        copy = ROOT / "generated" / "zai_glm_4_7" / "_check" / path.name
        assert copy.read_text().split("\n", 1)[1] == path.read_text()
