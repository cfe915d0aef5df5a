"""A parser for the source documentation page, so tests compare the spec and docs with the page
itself rather than with values retyped into the tests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import SHARED

PAGE = SHARED / "seed" / "runware-glm-4.7-parameters.txt"
_TYPE_LINE = re.compile(r"^(string|integer|float|boolean|array of \w+)\b(.*)$")
_ATTRIBUTE = re.compile(r"(min items|min|max|step|default|value):\s*(\S+)")


@dataclass
class PageParameter:
    path: tuple[str, ...]  # ("settings", "temperature"), ("messages", "role")
    type: str  # as the page words it: "float", "array of objects"
    required: bool
    description: str
    attributes: dict[str, Any] = field(default_factory=dict)  # min, max, step, default, value, min items
    format: str | None = None  # "uuid" or "uri"
    allowed_count: int | None = None  # "Allowed values N values"


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text  # a bare word such as TEXT or textInference


def parse(path: Path = PAGE) -> list[PageParameter]:
    lines = [line.strip() for line in path.read_text().splitlines()]
    meaningful = [line for line in lines if line]
    parameters: list[PageParameter] = []
    for index, line in enumerate(meaningful):
        match = _TYPE_LINE.match(line)
        if not match or index == 0:
            continue
        name = meaningful[index - 1]
        if not re.fullmatch(r"[A-Za-z]+", name):
            continue
        parent = meaningful[index - 2] if index >= 2 else ""
        path_ = tuple(part.strip() for part in parent.split("»")) if f"» {name}" in parent else (name,)
        rest = match.group(2)
        attributes = {key: _value(value) for key, value in _ATTRIBUTE.findall(rest)}
        page_format = "uuid" if "UUID" in rest else "uri" if re.search(r"\bURI\b", rest) else None
        parameter = PageParameter(
            path_, match.group(1), "required" in rest.split(), meaningful[index + 1], attributes, page_format
        )
        for following in meaningful[index + 1 : index + 6]:
            allowed = re.match(r"Allowed values (\d+) values?", following)
            if allowed:
                parameter.allowed_count = int(allowed.group(1))
                break
            if _TYPE_LINE.match(following):
                break
        parameters.append(parameter)
    return parameters
