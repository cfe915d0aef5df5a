"""One schema as Python statements, in either mode.

A boolean function returns False at the first failure, and once the type has been checked it
knows the instance's type: checks for other types are dead code and are left out. An errors
function appends a `ValidationError` for each failure and goes on, as jsonschema's `iter_errors`
does, so its checks stay guarded by their own type test.

Errors come out in a fixed order: `$ref`, type, const/enum, the number, string, array and object
keywords (properties in schema order, items in index order), then the applicators.
"""

from __future__ import annotations

from typing import Any

from generator.compiler import checks, types
from generator.compiler.applicators import Applicators
from generator.compiler.arrays import ArrayKeywords
from generator.compiler.checks import after_value
from generator.compiler.context import Mode
from generator.compiler.emit import Target
from generator.compiler.objects import ObjectKeywords
from generator.compiler.unevaluated import UnevaluatedKeywords
from generator.core.jsonvalues import json_types

_GROUP_KEYWORDS = {
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "string": ("minLength", "maxLength", "pattern", "format"),
    "array": ("minItems", "maxItems", "uniqueItems", "prefixItems", "items", "additionalItems", "contains"),
    "object": (
        "required", "minProperties", "maxProperties", "dependentRequired", "properties",
        "patternProperties", "additionalProperties", "propertyNames", "dependentSchemas", "dependencies",
    ),
}  # fmt: skip


# A type whose keyword group applies exactly when the type check passes. Not "integer": the number
# keywords also apply to 1.5, which fails it (jsonschema reports both).
_GROUP_OF_ONE_TYPE = {"number": "number", "string": "string", "array": "array", "object": "object"}


class BodyCompiler(ObjectKeywords, ArrayKeywords, Applicators, UnevaluatedKeywords):
    """Compiles the body of one generated function: a schema's keywords, in a fixed order."""

    def schema(self, schema: Any, pointer: str, target: Target, known: frozenset[str] | None = None) -> None:
        if schema is True:
            return
        if schema is False:
            self.fail(target, pointer, "false", after_value(" is not allowed: the schema is false"))
            return
        outer = self.bindings
        self.bindings = self.ctx.enter(pointer, outer)
        try:
            self._keywords(self.ctx.view(schema, pointer), pointer, target, known)
        finally:
            self.bindings = outer

    def _keywords(self, schema: dict[str, Any], pointer: str, target: Target, known: frozenset[str] | None) -> None:
        for referenced in self.references(schema, pointer):
            self.call(referenced, target)
        variable = target.variable
        groups = [group for group, keywords in _GROUP_KEYWORDS.items() if any(k in schema for k in keywords)]
        type_check = checks.type_check(schema, pointer, variable, self.ctx)
        declared = checks.declared_types(schema)
        value_checks_done = False
        if type_check and self.mode is Mode.ERRORS:
            value_checks_done = self.typed_errors(type_check, schema, pointer, target, groups)
        elif type_check:
            if schema["type"] == "object":
                self.exact_dict(target)
            else:
                self.emit(type_check, target)
            known = declared
        if not value_checks_done:
            for check in checks.value_checks(schema, pointer, variable, known, self.ctx):
                self.emit(check, target)
        if self.mode is Mode.BOOL and known is None:
            # once const or enum has passed, the instance's type is that of one of the values
            if "const" in schema:
                known = json_types([schema["const"]])
            elif "enum" in schema:
                known = json_types(schema["enum"])
        for group in groups:
            if self.mode is Mode.BOOL and types.group_impossible(group, known):
                continue
            if self.mode is Mode.BOOL and types.group_applies(group, known):
                self.group(group, schema, pointer, target)
                continue
            self.out.line(f"if {self.ctx.type_test(group, variable)}:")
            with self.out.indented():
                self.group(group, schema, pointer, target)
        self.applicators(schema, pointer, target, known)
        self.unevaluated(schema, pointer, target)

    def exact_dict(self, target: Target) -> None:
        """The boolean type check of an object, after which the variable holds an exact dict:
        its required properties can then be read at once, in a zero-cost `try`, without first
        asking for each whether it is there (a defaultdict would invent missing keys)."""
        variable = target.variable
        self.out.line(f"if type({variable}) is not dict:")
        with self.out.indented():
            self.out.line(f"if not isinstance({variable}, dict):")
            with self.out.indented():
                self.out.line("return False")
            self.out.line(f"{variable} = dict({variable})  # a subclass is checked as the plain dict it holds")
        self.exact_dicts.add(variable)

    def typed_errors(
        self, type_check: checks.Check, schema: dict[str, Any], pointer: str, target: Target, groups: list[str]
    ) -> bool:
        """In errors mode, branch once on the type: what only applies to that type goes under
        `else:`, instead of testing the type again for each keyword. True when const and enum
        were checked here."""
        declared = checks.declared_types(schema) or frozenset()
        own = _GROUP_OF_ONE_TYPE.get(schema["type"]) if isinstance(schema["type"], str) else None
        values = [schema["const"]] if "const" in schema else schema.get("enum", [])
        # when every allowed value is of the declared type, a value of another type fails them all
        values_fit = bool(values) and json_types(values) <= declared | ({"integer"} if "number" in declared else set())
        if own not in groups and not values_fit:
            self.emit(type_check, target)
            return False
        value_checks = checks.value_checks(schema, pointer, target.variable, declared if values_fit else None, self.ctx)
        self.emit(type_check, target)  # `if <the type fails>: <type error>`
        if values_fit:
            with self.out.indented():
                for check in value_checks:
                    self.fail(target, check.pointer, check.keyword, check.message)
        self.out.line("else:")
        with self.out.indented():
            if values_fit:
                for check in value_checks:
                    self.emit(check, target)
            if own in groups:
                self.group(own, schema, pointer, target)
                groups.remove(own)
        return values_fit

    def group(self, group: str, schema: dict[str, Any], pointer: str, target: Target) -> None:
        variable = target.variable
        if group == "number":
            group_checks = checks.number_checks(schema, pointer, variable, self.ctx)
        elif group == "string":
            group_checks = checks.string_checks(schema, pointer, variable, self.ctx)
        else:
            group_checks = [c for c in checks.size_checks(schema, pointer, variable) if c.group == group]
        for check in group_checks:
            self.emit(check, target)
        if group == "array":
            self.array(schema, pointer, target)
        elif group == "object":
            self.object(schema, pointer, target)
