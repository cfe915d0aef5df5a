"""How the project words a spec's facts, and how it escapes text for Markdown: one module, so
that the reference docs, the client's docstrings and `specgen diff` say the same thing."""

from __future__ import annotations

import json
import re
from typing import Any

from generator.core import refs
from generator.spec.model import Bounds, Parameter

_TYPE_WORDS = {"number": "float"}  # the source page's word; the others read as JSON Schema names them
_FORMAT_WORDS = {"uuid": "UUID", "uri": "URI"}
INFERRED = "The allowed values are inferred, not confirmed by a source."
# How each `x-provenance` is labelled where a parameter's values are shown, and in one-line summaries.
PROVENANCE_LABELS = {"inferred": "Inferred, not confirmed", "secondary": "Not named on the source page"}
PROVENANCE_SHORT = {"inferred": "values inferred, not confirmed", "secondary": "values not named on the source page"}


def json_text(value: Any) -> str:
    """A value as JSON, on one line, non-ASCII kept."""
    return json.dumps(value, ensure_ascii=False)


def type_label(parameter: Parameter) -> str:
    """As the source page words types: `float`, `array of objects`, `string`."""
    if parameter.types == ("array",):
        if parameter.children:
            return "array of objects"
        item = _TYPE_WORDS.get(parameter.item_types[0], parameter.item_types[0]) if parameter.item_types else "value"
        return f"array of {item}s"
    return " or ".join(_TYPE_WORDS.get(t, t) for t in parameter.types) or "any"


def field_type(schema: Any) -> str:
    """A response field's type in a few words: `Usage`, `array of ErrorItem`, `"stop" | "length"`."""
    if not isinstance(schema, dict):
        return "any"
    if isinstance(schema.get("$ref"), str):
        return refs.target_name(schema["$ref"])
    if "enum" in schema:
        return " | ".join(json_text(v) for v in schema["enum"])
    if "const" in schema:
        return json_text(schema["const"])
    declared = schema.get("type", "any")
    if declared == "array" and isinstance(schema.get("items"), dict):
        return f"array of {field_type(schema['items'])}"
    return declared if isinstance(declared, str) else " | ".join(declared)


def constraint_phrases(bounds: Bounds) -> list[str]:
    """`min: 0`, `max: 2`, `step: 0.01`, `min length: 1`... in the source page's words."""
    phrases = []
    for label, number in (
        ("min", bounds.minimum),
        ("exclusive min", bounds.exclusive_minimum),
        ("max", bounds.maximum),
        ("exclusive max", bounds.exclusive_maximum),
        ("step", bounds.multiple_of),
    ):
        if number is not None:
            phrases.append(f"{label}: {json_text(number)}")
    for label, size in (
        ("min length", bounds.min_length),
        ("max length", bounds.max_length),
        ("min items", bounds.min_items),
        ("max items", bounds.max_items),
    ):
        if size is not None:
            phrases.append(f"{label}: {size}")
    if bounds.format:
        phrases.append(_FORMAT_WORDS.get(bounds.format, bounds.format))
    if bounds.pattern:
        phrases.append(f"pattern: {bounds.pattern}")
    return phrases


def inferred_note(parameter: Parameter) -> str | None:
    """What to tell readers when the parameter's allowed values are not confirmed by a source."""
    if parameter.provenance != "inferred":
        return None
    return parameter.provenance_note or INFERRED


def provenance_note(parameter: Parameter) -> tuple[str, str] | None:
    """(label, note) when the parameter's values do not come from the source page itself."""
    if parameter.provenance not in PROVENANCE_LABELS:
        return None
    return PROVENANCE_LABELS[parameter.provenance], parameter.provenance_note or INFERRED


def learn_more(parameter: Parameter) -> str | None:
    """The source page's "Learn more" pointer, which the page gives as a count of resources."""
    count = parameter.learn_more
    if not count:
        return None
    return f"Learn more: {count} resource{'s' if count != 1 else ''} on the source page"


def summary(parameter: Parameter) -> str:
    """The parameter in one line: its description, then its constraints, values and default."""
    facts = constraint_phrases(parameter.bounds)
    values = parameter.choices or parameter.item_choices
    if values:
        facts.append("one of " + ", ".join(json_text(c.value) for c in values))
    if parameter.sentinels:
        facts.append(
            "or "
            + ", ".join(
                f"{json_text(c.value)} ({c.description})" if c.description else json_text(c.value)
                for c in parameter.sentinels
            )
        )
    if parameter.has_default:
        facts.append(f"default {json_text(parameter.default)}")
    if parameter.provenance in PROVENANCE_SHORT:
        facts.append(PROVENANCE_SHORT[parameter.provenance])
    text = " ".join(parameter.description.split())
    return f"{text} ({'; '.join(facts)})" if facts else text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")


def markdown_escape(text: str) -> str:
    """Text shown as itself in Markdown: metacharacters and HTML are escaped, lines joined."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split())).replace("&", "&amp;")


def markdown_code(text: str) -> str:
    """An inline code span that holds any text (backticks inside lengthen the fence)."""
    text = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def markdown_fence(text: str, language: str) -> str:
    """A fenced code block that holds any text: the fence is longer than any backtick run in it."""
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence}{language}\n{text}\n{fence}"
