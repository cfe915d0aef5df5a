"""The `format` values the compiler asserts, each as an expression and the helpers it needs.

Formats are asserted, not just annotated: a payload with `"taskUUID": "not a uuid"` is invalid.
A format not listed here is refused at generation time rather than silently let through.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    test: str  # a Python expression, true when the string `{v}` is in this format
    snippets: tuple[str, ...]  # helper templates under templates/validators/formats/, in order
    imports: tuple[str, ...] = ()


FORMATS = {
    fmt.name: fmt
    for fmt in (
        Format("uuid", "_FORMAT_UUID.fullmatch({v}) is not None", ("uuid",), ("re",)),
        Format("uri", "_format_uri({v})", ("uri_parts", "uri"), ("re",)),
        Format("uri-reference", "_format_uri_reference({v})", ("uri_parts", "uri_reference"), ("re",)),
        Format("ipv4", "_FORMAT_IPV4.fullmatch({v}) is not None", ("ipv4",), ("re",)),
        Format("ipv6", "_format_ipv6({v})", ("ipv6",)),
        Format("date", "_format_date({v})", ("date_parts", "date"), ("calendar", "re")),
        Format("time", "_format_time({v})", ("date_parts", "time"), ("calendar", "re")),
        Format("date-time", "_format_date_time({v})", ("date_parts", "date_time"), ("calendar", "re")),
    )
}
