"""Write the data tables of the format checkers into validators snippets, which are checked in.

The generated validators import only the standard library, so the tables are copied into
templates/validators/formats/: IDNA2008's from the `idna` package (pinned in the dev extras) into
idna_tables.py, and the names ECMA-262's `\\p{...}` accepts, from generator/compiler/patterns (the
`pattern` keyword's Unicode data), into regex_properties.py. A test checks that both are what this
script makes; after a new release of either: `.venv/bin/python -m generator.compiler.format_tables`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path

SNIPPETS = Path(__file__).parent.parent / "templates" / "validators" / "formats"


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


def _table(variable: str, tables: dict[str, str]) -> list[str]:
    """`variable = {name: "words ..."}`, each text wrapped into adjacent string literals."""
    lines = [f"{variable} = {{"]
    for name, text in tables.items():
        lines.append(f'    "{name}": (')
        lines.extend(f'        "{chunk} "' for chunk in textwrap.wrap(text, 100))
        lines.append("    ),")
    lines.append("}")
    return lines


def idna_snippet() -> str:
    from idna import idnadata  # only here: the generated code must not need it

    tables = {"PVALID": _bounds(idnadata.codepoint_classes["PVALID"])}
    tables.update({f"joining {kind}": _bounds(idnadata.joining_types[kind]) for kind in ("D", "L", "R", "T")})
    scripts = ("Greek", "Han", "Hebrew", "Hiragana", "Katakana")
    tables.update({f"script {name}": _bounds(idnadata.scripts[name]) for name in scripts})
    lines = [
        f"# IDNA2008 data (RFC 5892 code point classes, Unicode {idnadata.__version__} joining types and scripts),",
        "# written by generator/compiler/format_tables.py from the idna package: do not edit.",
        "# Each table is ascending hex boundaries: a code point is in it when an odd number of them are <= it.",
        *_table("_IDNA_DATA", tables),
    ]
    return "\n".join(lines) + "\n"


def regex_snippet() -> str:
    from generator.compiler.patterns.unicode import UNICODE_VERSION, property_names

    names = property_names()
    tables = {kind: " ".join(sorted(names[kind])) for kind in ("general_category", "binary", "script")}
    lines = [
        f"# The names ECMA-262's \\p{{...}} accepts (Unicode {UNICODE_VERSION}), by kind, aliases included,",
        "# written by generator/compiler/format_tables.py from generator/compiler/patterns: do not edit.",
        *_table("_REGEX_PROPERTY_NAMES", tables),
    ]
    return "\n".join(lines) + "\n"


SNIPPET_MAKERS = {"idna_tables": idna_snippet, "regex_properties": regex_snippet}

if __name__ == "__main__":
    for name, make in SNIPPET_MAKERS.items():
        (SNIPPETS / f"{name}.py").write_text(make())
