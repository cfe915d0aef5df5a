"""What one generated module accumulates while its schemas compile: names, constants, helpers."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from generator.compiler import dialects, types
from generator.compiler.dialects import Dialect
from generator.compiler.formats import Format
from generator.compiler.resources import RefSources, Schemas, UnresolvableError, split_place
from generator.core import naming, templating
from generator.core import pointer as jp
from generator.core.errors import Problem
from generator.core.vocabulary import is_annotation
from generator.spec.load import SpecSource

ASSERT_FORMATS = "x-specgen-assert-formats"  # a spec's own switch: formats are checked, not only annotations

# Keywords that only hold subschemas under names: a function's name leaves them out.
_CONTAINERS = frozenset({"$defs", "definitions", "properties"})

Bindings = tuple[tuple[str, str], ...]  # dynamic anchor name -> the place the dynamic scope binds it to
RECURSIVE = "$recursiveAnchor"  # the binding 2019-09's $recursiveRef follows


@cache
def _template_names() -> frozenset[str]:
    """The names the validators template and its helper snippets define: taken for functions."""
    text = "".join(path.read_text() for path in (templating.TEMPLATES / "validators").rglob("*.py*"))
    return frozenset(re.findall(r"^def (_\w+)", text, re.MULTILINE))


class Mode(Enum):
    """A boolean function stops at the first failure; an errors function reports every one."""

    BOOL = "is"
    ERRORS = "errors"
    PROPERTIES = "evaluated_properties"  # adds the property names a schema evaluates (for unevaluated*)
    ITEMS = "evaluated_items"  # adds the item indices a schema evaluates


_SIGNATURES = {
    Mode.BOOL: "(v: Any) -> bool",
    Mode.ERRORS: "(v: Any, path: str, errors: list[ValidationError]) -> None",
    Mode.PROPERTIES: "(v: Any, seen: set[object]) -> bool",
    Mode.ITEMS: "(v: Any, seen: set[object]) -> bool",
}


@dataclass(frozen=True)
class CompiledFunction:
    name: str
    mode: Mode
    pointer: str
    body: tuple[str, ...]
    constants: tuple[tuple[str, str], ...] = ()  # (name, expression) first used here: written just above it

    @property
    def signature(self) -> str:
        return _SIGNATURES[self.mode]


class ModuleContext:
    def __init__(self, source: SpecSource, *, assert_formats: bool | None = None) -> None:
        self.source = source
        default = dialects.known(source.dialect) if source.dialect else None
        self.schemas = Schemas(
            source.document,
            source.path.resolve().as_uri() if source.path else "urn:specgen:spec",
            RefSources(tuple(source.ref_dirs) + ((source.path.parent,) if source.path else ()), source.url_dirs),
            default or dialects.DEFAULT,
        )
        root = source.document if isinstance(source.document, dict) else {}
        self.assert_formats = bool(root.get(ASSERT_FORMATS)) if assert_formats is None else assert_formats
        self.constants: dict[str, str] = {}  # source expression -> name
        self.snippets: list[str] = []
        self.imports: set[str] = set()
        self.helpers: set[str] = set()
        self.functions: dict[tuple[str, Mode, Bindings], str] = {}
        self.pending: deque[tuple[str, Mode, Bindings]] = deque()
        self.problems: list[Problem] = []
        self.ignored: list[Problem] = []  # keywords the dialect does not define: annotations, noted for lint
        self._viewed: set[str] = set()
        self._names: set[str] = set(_template_names())
        self._constant_names: set[str] = set()
        for where, message in self.schemas.problems:
            self.refuse(where, message)

    # -- the schema documents
    def schema_at(self, where: str) -> Any:
        return self.schemas.schema_at(where)

    def dialect_at(self, where: str) -> Dialect:
        return self.schemas.dialect_at(where)

    def view(self, schema: Any, where: str) -> Any:
        """The keywords of `schema` its dialect gives meaning to: an unknown keyword is an
        annotation, and up to draft 7 a `$ref` hides everything beside it."""
        if not isinstance(schema, dict):
            return schema
        dialect = self.dialect_at(where)
        if where not in self._viewed:
            self._viewed.add(where)
            self._note_ignored(schema, where, dialect)
        if dialect.ref_overrides_siblings and "$ref" in schema:
            return {"$ref": schema["$ref"]}
        return {keyword: value for keyword, value in schema.items() if dialect.has(keyword)}

    def _note_ignored(self, schema: dict[str, Any], where: str, dialect: Dialect) -> None:
        for keyword in schema:
            if keyword == "$ref" or keyword in dialects.STRUCTURAL or is_annotation(keyword):
                continue
            if not dialect.has(keyword):
                message = f"{keyword!r} is not a keyword of JSON Schema {dialect.name}: it checks nothing"
            elif dialect.ref_overrides_siblings and "$ref" in schema:
                message = f"{keyword!r} is ignored: in {dialect.name}, $ref overrides the keywords beside it"
            else:
                continue
            self.ignored.append(self.source.problem(jp.child(where, keyword), message))

    def asserts_formats(self, where: str) -> bool:
        return self.assert_formats or self.dialect_at(where).format_asserted

    def reference(self, schema: dict[str, Any], where: str, keyword: str = "$ref") -> str | None:
        """The place the reference in `schema` (at `where`) leads to; None, refused, if nowhere."""
        try:
            return self.schemas.resolve(schema[keyword], where)
        except UnresolvableError as error:
            self.refuse(jp.child(where, keyword), str(error))
            return None

    def dynamic_reference(self, schema: dict[str, Any], where: str, bindings: Bindings) -> str | None:
        """Where `$dynamicRef` or `$recursiveRef` leads once the dynamic scope (`bindings`) is
        known: the outermost resource in scope that defines the same dynamic anchor."""
        keyword = "$dynamicRef" if "$dynamicRef" in schema else "$recursiveRef"
        try:
            if keyword == "$dynamicRef":
                target, name = self.schemas.dynamic_target(schema[keyword], where)
            else:
                target = self.schemas.resolve(schema[keyword], where)
                name = RECURSIVE if target in self.schemas.recursive_roots else None
        except UnresolvableError as error:
            self.refuse(jp.child(where, keyword), str(error))
            return None
        return dict(bindings).get(name, target) if name else target

    def enter(self, where: str, bindings: Bindings) -> Bindings:
        """The dynamic scope once the schema at `where` is entered: its resource binds each of its
        dynamic anchors that no outer resource bound first."""
        if not self.schemas.uses_dynamic_scope:
            return bindings
        bound = dict(bindings)
        root = self.schemas.resource_root_of(where)
        for name, anchor in self.schemas.dynamic_anchors_of(root):
            bound.setdefault(name, anchor)
        if root in self.schemas.recursive_roots:
            bound.setdefault(RECURSIVE, root)
        elif self.dialect_at(where).has("$recursiveRef"):
            bound.pop(RECURSIVE, None)  # $recursiveRef looks outwards only while resources keep the anchor
        return tuple(sorted(bound.items()))

    def refuse(self, where: str, message: str) -> None:
        document, pointer = split_place(where)
        if document:
            self.problems.append(self.source.problem("", f"in {document}, at {pointer or '/'}: {message}"))
        else:
            self.problems.append(self.source.problem(pointer, message))

    # -- what the generated module needs
    def constant(self, stem: str, expression: str, where: str) -> str:
        """A module constant holding `expression`, named after the place that first needs it
        (`_ERROR_SETTINGS_TOP_K_MINIMUM`), so that an edit elsewhere renames nothing."""
        if expression not in self.constants:
            name = f"_{stem}_{self._place_name(where).upper()}"
            self.constants[expression] = naming.unique([name], self._constant_names)[0]
            self._constant_names.add(self.constants[expression])
        return self.constants[expression]

    def use_helper(self, name: str) -> None:
        self.helpers.add(name)

    def type_test(self, json_type: str, variable: str) -> str:
        """`types.test`, noting the helper the test calls for numbers and integers."""
        if json_type in ("number", "integer"):
            self.helpers.add(f"is_{json_type}")
        return types.test(json_type, variable)

    def types_test(self, json_types: tuple[str, ...], variable: str) -> str:
        tests = [self.type_test(json_type, variable) for json_type in json_types]
        return tests[0] if len(tests) == 1 else "(" + " or ".join(tests) + ")"

    def use_format(self, fmt: Format) -> None:
        for snippet in fmt.snippets:
            if snippet not in self.snippets:
                self.snippets.append(snippet)
        self.imports.update(fmt.imports)

    def function(self, where: str, mode: Mode, bindings: Bindings = ()) -> str:
        """The name of the generated function checking the schema at `where`, queued if new."""
        key = (where, mode, bindings)
        if key not in self.functions:
            name = naming.unique([f"_{mode.value}_{self._place_name(where)}"], self._names)[0]
            self._names.add(name)
            self.functions[key] = name
            self.pending.append(key)
        return self.functions[key]

    def _place_name(self, where: str) -> str:
        """`/$defs/Settings/properties/topK` -> `settings_top_k`: the schema's place, in words."""
        document, pointer = split_place(where)
        tokens = [token for token in jp.split(pointer) if token not in _CONTAINERS]
        if document:
            tokens.insert(0, document.rstrip("/").rsplit("/", 1)[-1].split(".")[0])
        return naming.snake("_".join(tokens), fallback="schema") if tokens else "root"
