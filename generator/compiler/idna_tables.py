"""Write the IDNA2008 data the hostname checkers need into a validators snippet, from the `idna` package.

The generated validators import only the standard library, so the tables are copied into
templates/validators/formats/idna_tables.py, which is checked in. The `idna` release is pinned in
the dev extras and a test checks that the snippet is what this script makes from it; after a new
release: `.venv/bin/python -m generator.compiler.idna_tables`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path

SNIPPET = Path(__file__).parent.parent / "templates" / "validators" / "formats" / "idna_tables.py"


def _bounds(ranges: Iterable[int]) -> str:
    """idna's ranges (start << 32 | end, end exclusive) as hex boundaries, merged where they touch."""
    merged: list[list[int]] = []
    for packed in sorted(ranges):
        start, end = packed >> 32, packed & 0xFFFFFFFF
        if merged and merged[-1][1] == start:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return " ".join(f"{start:x} {end:x}" for start, end in merged)


def snippet() -> str:
    from idna import idnadata  # only here: the generated code must not need it

    tables = {"PVALID": idnadata.codepoint_classes["PVALID"]}
    tables.update({f"joining {kind}": idnadata.joining_types[kind] for kind in ("D", "L", "R", "T")})
    tables.update(
        {f"script {name}": idnadata.scripts[name] for name in ("Greek", "Han", "Hebrew", "Hiragana", "Katakana")}
    )
    lines = [
        f"# IDNA2008 data (RFC 5892 code point classes, Unicode {idnadata.__version__} joining types and scripts),",
        "# written by generator/compiler/idna_tables.py from the idna package: do not edit.",
        "# Each table is ascending hex boundaries: a code point is in it when an odd number of them are <= it.",
        "_IDNA_DATA = {",
    ]
    for name, ranges in tables.items():
        chunks = textwrap.wrap(_bounds(ranges), 100)
        lines.append(f'    "{name}": (')
        lines.extend(f'        "{chunk} "' for chunk in chunks)
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    SNIPPET.write_text(snippet())
