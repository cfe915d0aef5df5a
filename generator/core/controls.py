"""Control characters in untrusted text: spec text is shown, never obeyed.

A NUL, a bell, an escape sequence or a bidirectional override in a description would make a
generated page read as binary, ring a terminal, or show text in an order other than its own.
Every generated file is free of them: each is written as its JSON escape (`\\u0000`), which is
how the spec itself spells it, and means the same in the JSON examples and Python strings.
"""

from __future__ import annotations

import re

# C0 but tab and newline, DEL, C1, the bidirectional embeddings, overrides and isolates, and lone surrogates
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def escape(text: str) -> str:
    """`text` with each control character written as `\\uXXXX`."""
    return CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def first(text: str) -> int | None:
    """The offset of the first control character in `text`, or None."""
    match = CONTROL.search(text)
    return match.start() if match else None


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    """Whether `text` holds a lone surrogate: JSON text can escape one, UTF-8 cannot encode it."""
    return _SURROGATE.search(text) is not None
