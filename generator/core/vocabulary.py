"""What JSON Schema's keywords are, apart from what any one tool does with them."""

from __future__ import annotations

# Keywords that describe a schema without constraining instances.
ANNOTATIONS = frozenset(
    {
        "$schema", "$comment", "$defs", "title", "description", "default", "examples", "deprecated",
        "readOnly", "writeOnly", "contentMediaType", "contentEncoding", "contentSchema",
    }
)  # fmt: skip


def is_extension(keyword: str) -> bool:
    """A spec author's own keyword, such as `x-group`: never a constraint."""
    return keyword.startswith("x-")


def is_annotation(keyword: str) -> bool:
    return keyword in ANNOTATIONS or is_extension(keyword)
