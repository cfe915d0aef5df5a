"""The `format` values the compiler asserts, each as an expression and the helpers it needs.

Formats are asserted, not just annotated: a payload with `"taskUUID": "not a uuid"` is invalid.
A format not listed here is refused at generation time rather than silently let through.
Every checker is standard-library Python that runs in time linear in the string (or bounded by
the format's own length limit), whatever the string.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    test: str  # a Python expression, true when the string `{v}` is in this format
    snippets: tuple[str, ...]  # helper templates under templates/validators/formats/, in order
    imports: tuple[str, ...] = ()


_URI = ("uri_parts",)
_IRI = ("uri_parts", "iri_chars", "iri_parts")
_DATE = ("date_parts",)
_HOSTNAME = ("idna_tables", "idna_rules", "hostname")
_IDNA_IMPORTS = ("bisect", "re", "unicodedata")
_EMAIL = ("ipv4", "ipv6", "email_parts")

FORMATS = {
    fmt.name: fmt
    for fmt in (
        Format("uuid", "_FORMAT_UUID.fullmatch({v}) is not None", ("uuid",), ("re",)),
        Format("uri", "_format_uri({v})", (*_URI, "uri"), ("re",)),
        Format("uri-reference", "_format_uri_reference({v})", (*_URI, "uri_reference"), ("re",)),
        Format("iri", "_format_iri({v})", (*_IRI, "iri"), ("re",)),
        Format("iri-reference", "_format_iri_reference({v})", (*_IRI, "iri_reference"), ("re",)),
        Format(
            "uri-template", "_FORMAT_URI_TEMPLATE.fullmatch({v}) is not None", ("iri_chars", "uri_template"), ("re",)
        ),
        Format("ipv4", "_FORMAT_IPV4.fullmatch({v}) is not None", ("ipv4",), ("re",)),
        Format("ipv6", "_format_ipv6({v})", ("ipv6",)),
        Format("hostname", "_format_hostname({v})", _HOSTNAME, _IDNA_IMPORTS),
        Format("idn-hostname", "_format_idn_hostname({v})", (*_HOSTNAME, "idn_hostname"), _IDNA_IMPORTS),
        Format("email", "_format_email({v})", (*_HOSTNAME, *_EMAIL, "email"), _IDNA_IMPORTS),
        Format(
            "idn-email",
            "_format_idn_email({v})",
            (*_HOSTNAME, "idn_hostname", *_EMAIL, "idn_email"),
            _IDNA_IMPORTS,
        ),
        Format("date", "_format_date({v})", (*_DATE, "date"), ("calendar", "re")),
        Format("time", "_format_time({v})", (*_DATE, "time"), ("calendar", "re")),
        Format("date-time", "_format_date_time({v})", (*_DATE, "date_time"), ("calendar", "re")),
        Format("duration", "_FORMAT_DURATION.fullmatch({v}) is not None", ("duration",), ("re",)),
        Format("json-pointer", "_FORMAT_JSON_POINTER.fullmatch({v}) is not None", ("json_pointer",), ("re",)),
        Format(
            "relative-json-pointer",
            "_FORMAT_RELATIVE_JSON_POINTER.fullmatch({v}) is not None",
            ("json_pointer", "relative_json_pointer"),
            ("re",),
        ),
        # ECMA-262 syntax, checked at run time by a scanner of its own (the patterns package is
        # generation-time code), with the \p{...} names of the patterns package's Unicode data.
        Format("regex", "_format_regex({v})", ("regex_properties", "regex"), ("re",)),
    )
}
