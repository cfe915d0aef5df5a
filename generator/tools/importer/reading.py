"""Reading an OpenAPI document, JSON or YAML, into plain JSON data, strictly.

JSON goes through the project's one JSON reader (no NaN, no duplicate keys). YAML is read with
PyYAML's safe loader, narrowed to what JSON can say, since the document becomes a JSON spec:

* YAML 1.2's core schema for plain scalars (OpenAPI 3.1 asks for YAML 1.2): `yes`, `no`, `on`
  and `off` stay strings, `010` is ten, dates stay the strings they are, and `.inf` or `.nan`
  are refused, as JSON has neither;
* a key written twice is refused with its line (PyYAML would keep the last silently);
* aliases (`*name`) are refused: a few lines of them expand to billions of nodes, and real
  documents do not need them; so are tags JSON has no value for (`!!binary`, `!!set`, ...);
* mapping keys are the text written (`200:` is the key "200"), as JSON keys are strings;
* escaped surrogate pairs make one character, as in JSON; a lone surrogate is refused.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.core import jsontext
from generator.core.errors import SpecgenError

YAML_SUFFIXES = (".yaml", ".yml")
_NOT_JSON_TAGS = ("binary", "set", "omap", "pairs", "timestamp", "merge", "value")
_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null"))


class DocumentError(Exception):
    """A document that cannot be read as JSON data, with the 1-based line of the fault."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _line(node: yaml.Node | yaml.Event | None) -> int | None:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None


class _JsonLoader(yaml.SafeLoader):
    """PyYAML's safe loader, made to build JSON data only (see the module docstring)."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise DocumentError("a YAML alias (*name): not read, as aliases can expand without bound", _line(event))
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:  # type: ignore[override]
        if not isinstance(node, yaml.MappingNode):
            raise DocumentError("expected a mapping", _line(node))
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise DocumentError("a mapping key must be a plain value: JSON keys are strings", _line(key_node))
            key = _text(key_node)
            if key in mapping:
                raise DocumentError(f"duplicate key {key!r}; keys must be unique", _line(key_node))
            mapping[key] = self.construct_object(value_node, deep=True)
        return mapping


def _text(node: yaml.ScalarNode) -> str:
    """A scalar's text, with the surrogate pairs of its escapes (`"\\ud83d\\ude00"`) made the one
    character they stand for, as JSON reads them; PyYAML leaves them two halves."""
    text = str(node.value)
    if not any("\ud800" <= char <= "\udfff" for char in text):
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        raise DocumentError("a lone surrogate escape, which no UTF-8 text can hold", _line(node)) from None


def _construct_str(loader: _JsonLoader, node: yaml.ScalarNode) -> str:
    return _text(node)


def _construct_map(loader: _JsonLoader, node: yaml.MappingNode) -> dict[str, Any]:
    return loader.construct_mapping(node)


def _construct_int(loader: _JsonLoader, node: yaml.ScalarNode) -> int:
    text = node.value.replace("+", "", 1) if node.value.startswith("+") else node.value
    try:
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)
    except ValueError:  # more digits than Python converts
        raise DocumentError(f"an integer of more than {sys.get_int_max_str_digits()} digits", _line(node)) from None


def _construct_float(loader: _JsonLoader, node: yaml.ScalarNode) -> float:
    if node.value.lower().lstrip("+-") in (".inf", ".nan"):
        raise DocumentError(f"{node.value} is not a JSON value", _line(node))
    return float(node.value)


def _construct_bool(loader: _JsonLoader, node: yaml.ScalarNode) -> bool:
    return str(node.value).lower() == "true"


def _refuse_tag(loader: _JsonLoader, node: yaml.Node) -> Any:
    raise DocumentError(f"the YAML tag {node.tag} has no JSON value", _line(node))


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), for plain scalars, in
# place of PyYAML's YAML 1.1 resolvers (yes/no booleans, sexagesimal numbers, timestamps)
_JsonLoader.yaml_implicit_resolvers = {}
_JsonLoader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), None)
_JsonLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), None)
_JsonLoader.add_implicit_resolver(_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), None)
_JsonLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    None,
)
_JsonLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_JsonLoader.add_constructor(_STR, _construct_str)
_JsonLoader.add_constructor(_INT, _construct_int)
_JsonLoader.add_constructor(_FLOAT, _construct_float)
_JsonLoader.add_constructor(_BOOL, _construct_bool)
for _tag in _NOT_JSON_TAGS:
    _JsonLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_JsonLoader.add_constructor(None, _refuse_tag)  # any other tag


def is_yaml(path: Path, data: bytes) -> bool:
    """By the name, else by the text: a JSON document starts with `{`."""
    if path.suffix.lower() in YAML_SUFFIXES:
        return True
    if path.suffix.lower() == ".json":
        return False
    return not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def parse_yaml(text: str) -> Any:
    """JSON data from YAML text (see the module docstring); DocumentError with the line."""
    try:
        return yaml.load(text, Loader=_JsonLoader)
    except DocumentError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise DocumentError(
            f"not valid YAML: {error.problem or error.context}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as error:
        raise DocumentError(f"not valid YAML: {error}", None) from None
    except RecursionError:
        raise DocumentError("nested deeper than Python reads", None) from None


def parse_json(text: str) -> Any:
    """JSON data from JSON text, strictly, duplicate keys refused with their line."""
    try:
        document = jsontext.loads(text)
    except jsontext.JsonTextError as error:
        raise DocumentError(str(error), error.line) from None
    duplicates = jsontext.index_lines(text).duplicates
    if duplicates:
        pointer, line = duplicates[0]
        raise DocumentError(f"{pointer}: duplicate key; JSON keys must be unique", line)
    return document


def read_document(path: Path) -> Any:
    """The document at `path` as JSON data; SpecgenError (exit 2) with the file and line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SpecgenError.at("no such file", file=str(path)) from None
    except IsADirectoryError:
        raise SpecgenError.at("is a directory, not an OpenAPI document", file=str(path)) from None
    except OSError as error:
        raise SpecgenError.at(f"cannot be read: {error.strerror}", file=str(path)) from None
    try:
        text = jsontext.decode(data)
        return parse_yaml(text) if is_yaml(path, data) else parse_json(text)
    except jsontext.JsonTextError as error:
        raise SpecgenError.at(str(error), file=str(path), line=error.line) from None
    except DocumentError as error:
        raise SpecgenError.at(error.message, file=str(path), line=error.line) from None
