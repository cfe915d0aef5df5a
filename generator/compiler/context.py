"""What one generated module accumulates while its schemas compile: names, constants, helpers."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum
from typing import Any

from generator.compiler import types
from generator.compiler.formats import Format
from generator.core import pointer as jp
from generator.core import refs
from generator.core.errors import Problem
from generator.core.vocabulary import is_annotation
from generator.spec.load import SpecSource

SUPPORTED = frozenset(
    {
        "$ref", "type", "const", "enum",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "pattern", "format",
        "minItems", "maxItems", "uniqueItems", "prefixItems", "items", "contains", "minContains", "maxContains",
        "required", "properties", "additionalProperties", "patternProperties", "propertyNames",
        "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    }
)  # fmt: skip


class Mode(Enum):
    """A boolean function stops at the first failure; an errors function reports every one."""

    BOOL = "b"
    ERRORS = "e"


@dataclass(frozen=True)
class CompiledFunction:
    name: str
    mode: Mode
    pointer: str
    body: tuple[str, ...]


class ModuleContext:
    def __init__(self, source: SpecSource) -> None:
        self.source = source
        self.constants: dict[str, str] = {}  # source expression -> name
        self.snippets: list[str] = []
        self.imports: set[str] = set()
        self.helpers: set[str] = set()
        self.functions: dict[tuple[str, Mode], str] = {}
        self.pending: deque[tuple[str, Mode]] = deque()
        self.problems: list[Problem] = []
        self._inspected: set[str] = set()
        self._temporaries = 0

    # -- the schema document
    def schema_at(self, pointer: str) -> Any:
        return jp.resolve(self.source.document, pointer)

    def ref_target(self, schema: dict[str, Any]) -> str:
        return refs.local_pointer(schema["$ref"])

    def inspect(self, schema: dict[str, Any], pointer: str) -> None:
        """Refuse, once per schema, every keyword the compiler cannot honour."""
        if pointer in self._inspected:
            return
        self._inspected.add(pointer)
        for keyword in schema:
            if keyword in SUPPORTED or is_annotation(keyword):
                continue
            if keyword == "$id" and pointer == "":
                continue
            self.refuse(
                jp.child(pointer, keyword), f"the keyword {keyword!r} is not supported by the validator compiler"
            )

    def refuse(self, pointer: str, message: str) -> None:
        self.problems.append(self.source.problem(pointer, message))

    # -- what the generated module needs
    def constant(self, stem: str, expression: str) -> str:
        if expression not in self.constants:
            self.constants[expression] = f"_{stem}_{len(self.constants) + 1}"
        return self.constants[expression]

    def temporary(self) -> str:
        self._temporaries += 1
        return f"_t{self._temporaries}"

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

    def function(self, pointer: str, mode: Mode) -> str:
        """The name of the generated function checking the schema at `pointer`, queued if new."""
        key = (pointer, mode)
        if key not in self.functions:
            self.functions[key] = f"_{mode.value}{len(self.functions) + 1}"
            self.pending.append(key)
        return self.functions[key]
