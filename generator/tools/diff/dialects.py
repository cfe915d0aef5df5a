"""Older dialects (draft-04, -06, -07, 2019-09) rewritten to what they mean in 2020-12, so that one
walk of the differ serves every schema history (the payloads it finds are checked by validators
compiled from the original documents, in their own dialect).

What changes between the dialects, and so what is rewritten:
* before 2019-09 a `$ref` replaces its schema: keywords beside it are ignored, so they are dropped;
* `items: [..]` is `prefixItems`, and `additionalItems` the `items` after them (ignored beside a
  single `items` schema);
* draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum` turn `minimum`/`maximum` exclusive;
* `definitions` is `$defs` (references follow);
* draft-04's `id` is `$id`, and an `id`/`$id` that is only a fragment (`#name`) is an `$anchor`;
* `dependencies` splits into `dependentRequired` (lists) and `dependentSchemas` (schemas);
* 2019-09's `$recursiveRef`/`$recursiveAnchor` are `$dynamicRef`/`$dynamicAnchor` on one name.
Everything else means the same in all five; a keyword none of them knows is an annotation, and
goes.
"""

from __future__ import annotations

from typing import Any

from generator.core import pointer as jp
from generator.core import refs
from generator.core.vocabulary import is_annotation
from generator.tools.diff.schemas import KNOWN

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
DIALECTS = {
    "http://json-schema.org/draft-04/schema": "draft-04",
    "http://json-schema.org/draft-06/schema": "draft-06",
    "http://json-schema.org/draft-07/schema": "draft-07",
    "https://json-schema.org/draft/2019-09/schema": "2019-09",
    DRAFT_2020_12: "2020-12",
}
_RECURSIVE = "specgenRecursive"
_KEPT = KNOWN | {"$id", "$anchor", "$dynamicAnchor", "$vocabulary", "format", "definitions", "$defs"}
_OLD = ("id", "dependencies", "additionalItems", "$recursiveRef", "$recursiveAnchor")
_SINGLE = ("additionalProperties", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else",
           "unevaluatedItems", "unevaluatedProperties", "contentSchema")  # fmt: skip
_MAPPED = ("definitions", "$defs", "properties", "patternProperties", "dependentSchemas")
_LISTED = ("prefixItems", "allOf", "anyOf", "oneOf")


def dialect_of(document: Any) -> str | None:
    """The dialect a document declares ("draft-07", ...), "2020-12" when it declares none, or None
    for a `$schema` this module does not know."""
    declared = document.get("$schema", DRAFT_2020_12) if isinstance(document, dict) else DRAFT_2020_12
    if not isinstance(declared, str):
        return None
    return DIALECTS.get(
        declared.rstrip("#").replace("https://json-schema.org/draft-0", "http://json-schema.org/draft-0")
    )


def to_2020_12(document: dict[str, Any]) -> dict[str, Any]:
    """`document` as a 2020-12 schema that accepts exactly what the original accepts."""
    dialect = dialect_of(document) or "2020-12"
    rewritten = _schema(document, dialect)
    assert isinstance(rewritten, dict)
    rewritten["$schema"] = DRAFT_2020_12
    _retarget(rewritten, rewritten)
    return rewritten


def _retarget(node: Any, root: dict[str, Any]) -> None:
    """Point references at `$defs` where `definitions` became `$defs`."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and "/definitions/" in ref + "/":
            moved = ref.replace("/definitions/", "/$defs/")
            if moved.endswith("/definitions"):
                moved = moved[: -len("definitions")] + "$defs"
            if not _resolves(root, ref) and _resolves(root, moved):
                node["$ref"] = moved
        for value in node.values():
            _retarget(value, root)
    elif isinstance(node, list):
        for value in node:
            _retarget(value, root)


def _resolves(root: dict[str, Any], ref: str) -> bool:
    try:
        jp.resolve(root, refs.local_pointer(ref))
    except (KeyError, ValueError, IndexError):
        return False
    return True


def _schema(node: Any, dialect: str) -> Any:
    if not isinstance(node, dict):
        return node
    old = dialect in ("draft-04", "draft-06", "draft-07")
    if old and "$ref" in node:
        node = {k: v for k, v in node.items() if k in ("$ref", "definitions", "$defs")}
    out: dict[str, Any] = {}
    for keyword, value in node.items():
        if keyword not in _KEPT and not is_annotation(keyword) and keyword not in _OLD:
            continue  # an unknown keyword is an annotation: it constrains nothing
        if keyword in _SINGLE:
            out[keyword] = _schema(value, dialect)
        elif keyword in _MAPPED and isinstance(value, dict):
            renamed = "$defs" if keyword == "definitions" and "$defs" not in node else keyword
            out[renamed] = {name: _schema(sub, dialect) for name, sub in value.items()}
        elif keyword in _LISTED and isinstance(value, list):
            out[keyword] = [_schema(sub, dialect) for sub in value]
        elif keyword == "items":
            out[keyword] = [_schema(s, dialect) for s in value] if isinstance(value, list) else _schema(value, dialect)
        elif keyword == "dependencies" and isinstance(value, dict):
            listed = {k: v for k, v in value.items() if isinstance(v, list)}
            schemas = {k: _schema(v, dialect) for k, v in value.items() if not isinstance(v, list)}
            if listed:
                out["dependentRequired"] = listed
            if schemas:
                out["dependentSchemas"] = schemas
        elif keyword in ("id", "$id") and isinstance(value, str) and (keyword == "$id" or dialect == "draft-04"):
            _identify(out, value)
        elif keyword == "id" and dialect == "draft-04":
            continue
        elif keyword == "$recursiveAnchor":
            if value is True:
                out["$dynamicAnchor"] = _RECURSIVE
        elif keyword == "$recursiveRef":
            out["$dynamicRef"] = f"#{_RECURSIVE}"
        else:
            out[keyword] = value
    _items(out)
    if dialect == "draft-04":
        _exclusive_bounds(out)
    return out


def _identify(out: dict[str, Any], value: str) -> None:
    base, _, fragment = value.partition("#")
    if base:
        out["$id"] = base
    if fragment and not fragment.startswith("/"):
        out["$anchor"] = fragment


def _items(out: dict[str, Any]) -> None:
    rest = out.pop("additionalItems", None)
    if isinstance(out.get("items"), list):
        out["prefixItems"] = out.pop("items")
        if rest is not None:
            out["items"] = rest


def _exclusive_bounds(out: dict[str, Any]) -> None:
    for flag, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(flag), bool) and out.pop(flag) and bound in out:
            out[flag] = out.pop(bound)
