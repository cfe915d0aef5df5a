"""One schema as Python statements, in either mode.

A boolean function returns False at the first failure, and once the type has been checked it
knows the instance's type: checks for other types are dead code and are left out. An errors
function appends a `ValidationError` for each failure and goes on, as jsonschema's `iter_errors`
does, so its checks stay guarded by their own type test.

Errors come out in a fixed order: `$ref`, type, const/enum, the number, string, array and object
keywords (properties in schema order, items in index order), then the applicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import pointer as jp
from generator.compiler import checks, types
from generator.compiler.code import Block, LocalNames, PathExpr
from generator.compiler.context import Mode, ModuleContext
from generator.compiler.predicates import constants_only, is_reference_only, predicate

# Deeper than this, a child schema becomes a call: Python limits nesting of blocks and indentation.
MAX_INLINE_DEPTH = 8

_GROUP_KEYWORDS = {
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "string": ("minLength", "maxLength", "pattern", "format"),
    "array": ("minItems", "maxItems", "uniqueItems", "prefixItems", "items", "contains"),
    "object": (
        "required", "minProperties", "maxProperties", "dependentRequired", "properties",
        "patternProperties", "additionalProperties", "propertyNames", "dependentSchemas",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Target:
    """The instance being checked: the local variable holding it and how to build its pointer."""

    variable: str
    path: PathExpr


class BodyCompiler:
    """Compiles the body of one generated function."""

    def __init__(self, ctx: ModuleContext, mode: Mode) -> None:
        self.ctx = ctx
        self.mode = mode
        self.out = Block()
        self.names = LocalNames()

    # -- failing
    def fail(self, target: Target, pointer: str, keyword: str, message: str) -> None:
        if self.mode is Mode.BOOL:
            self.out.line("return False")
        else:
            self.out.line(
                f"errors.append(ValidationError({target.path.source()}, {pointer!r}, {keyword!r}, {message}, {target.variable}))"
            )

    def reject(self, fails: str, target: Target, pointer: str, keyword: str, message: str) -> None:
        """Fail when the condition `fails` holds."""
        self.out.line(f"if {fails}:")
        with self.out.indented():
            self.fail(target, pointer, keyword, message)

    def emit(self, check: checks.Check, target: Target) -> None:
        self.reject(check.fails, target, check.pointer, check.keyword, check.message)

    # -- a schema
    def schema(self, schema: Any, pointer: str, target: Target, known: frozenset[str] | None = None) -> None:
        if schema is True:
            return
        if schema is False:
            self.fail(target, pointer, "false", f"'False schema does not allow ' + _show({target.variable})")
            return
        self.ctx.inspect(schema, pointer)
        if "$ref" in schema:
            self.call(self.ctx.ref_target(schema), target)
        variable = target.variable
        type_check = checks.type_check(schema, pointer, variable, self.ctx)
        if type_check:
            self.emit(type_check, target)
            if self.mode is Mode.BOOL:
                known = checks.declared_types(schema)
        for check in checks.value_checks(schema, pointer, variable, known, self.ctx):
            self.emit(check, target)
        if self.mode is Mode.BOOL and known is None:
            # once const or enum has passed, the instance's type is that of one of the values
            if "const" in schema:
                known = checks.value_types([schema["const"]])
            elif "enum" in schema:
                known = checks.value_types(schema["enum"])
        for group, keywords in _GROUP_KEYWORDS.items():
            if not any(keyword in schema for keyword in keywords):
                continue
            if self.mode is Mode.BOOL and types.group_impossible(group, known):
                continue
            if self.mode is Mode.BOOL and types.group_applies(group, known):
                self.group(group, schema, pointer, target)
                continue
            self.out.line(f"if {self.ctx.type_test(group, variable)}:")
            with self.out.indented():
                self.group(group, schema, pointer, target)
        self.applicators(schema, pointer, target, known)

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

    # -- children
    def call(self, pointer: str, target: Target) -> None:
        function = self.ctx.function(pointer, self.mode)
        if self.mode is Mode.BOOL:
            self.out.line(f"if not {function}({target.variable}):")
            with self.out.indented():
                self.out.line("return False")
        else:
            self.out.line(f"{function}({target.variable}, {target.path.source()}, errors)")

    def child(self, schema: Any, pointer: str, target: Target) -> None:
        if is_reference_only(schema):
            self.call(self.ctx.ref_target(schema), target)
        elif self.out.depth >= MAX_INLINE_DEPTH and isinstance(schema, dict):
            self.call(pointer, target)
        else:
            self.schema(schema, pointer, target)

    def each(self, schema: Any, pointer: str, target: Target, start: int = 0) -> None:
        """Check every item of the array in `target` from `start` on against `schema`."""
        if schema is True:
            return
        variable = target.variable
        if self.mode is Mode.BOOL and start == 0 and is_reference_only(schema):
            function = self.ctx.function(self.ctx.ref_target(schema), Mode.BOOL)
            self.out.line(f"if not all(map({function}, {variable})):")
            with self.out.indented():
                self.out.line("return False")
            return
        item, index = self.names.fresh("x"), self.names.fresh("i")
        if self.mode is Mode.BOOL and start == 0:
            self.out.line(f"for {item} in {variable}:")
        elif start == 0:
            self.out.line(f"for {index}, {item} in enumerate({variable}):")
        else:
            self.out.line(f"for {index} in range({start}, len({variable})):")
        with self.out.indented():
            if start:
                self.out.line(f"{item} = {variable}[{index}]")
            self.child(schema, pointer, Target(item, target.path.index(index)))

    # -- arrays
    def array(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        variable = target.variable
        if schema.get("uniqueItems") is True:
            self.ctx.use_helper("unique")
            message = f"_show({variable}) + ' has non-unique elements'"
            self.reject(f"not _is_unique({variable})", target, jp.child(pointer, "uniqueItems"), "uniqueItems", message)
        prefix = schema.get("prefixItems", [])
        for position, subschema in enumerate(prefix):
            if subschema is True:
                continue
            self.out.line(f"if len({variable}) > {position}:")
            with self.out.indented():
                item = self.names.fresh("x")
                self.out.line(f"{item} = {variable}[{position}]")
                self.child(
                    subschema, jp.child(pointer, "prefixItems", position), Target(item, target.path.key(str(position)))
                )
        if "items" in schema:
            items = schema["items"]
            if items is False:
                shown = "item" if len(prefix) == 1 else "items"
                message = f"'Expected at most {len(prefix)} {shown} but found ' + str(len({variable}) - {len(prefix)}) + ' extra'"
                self.reject(f"len({variable}) > {len(prefix)}", target, jp.child(pointer, "items"), "items", message)
            else:
                self.each(items, jp.child(pointer, "items"), target, start=len(prefix))
        if "contains" in schema:
            self.contains(schema, pointer, target)

    def contains(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        variable, here = target.variable, jp.child(pointer, "contains")
        minimum, maximum = schema.get("minContains", 1), schema.get("maxContains")
        if minimum == 0 and maximum is None:
            return
        item = self.names.fresh("x")
        matches = predicate(self.ctx, schema["contains"], here, item)
        if maximum is None and minimum == 1:
            message = f"_show({variable}) + ' does not contain items matching the given schema'"
            self.reject(f"not any({matches} for {item} in {variable})", target, here, "contains", message)
            return
        count = self.names.fresh("n")
        self.out.line(f"{count} = sum(1 for {item} in {variable} if {matches})")
        if minimum > 0:
            self.out.line(f"if {count} == 0:")
            with self.out.indented():
                self.fail(
                    target, here, "contains", f"_show({variable}) + ' does not contain items matching the given schema'"
                )
            if minimum > 1:
                wording = f"Too few items match the given schema (expected at least {minimum} but only "
                message = f"{wording!r} + str({count}) + ' matched)'"
                self.reject(
                    f"0 < {count} < {minimum}", target, jp.child(pointer, "minContains"), "minContains", message
                )
        if maximum is not None:
            message = repr(f"Too many items match the given schema (expected at most {maximum})")
            self.reject(f"{count} > {maximum}", target, jp.child(pointer, "maxContains"), "maxContains", message)

    # -- objects
    def object(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        variable = target.variable
        required = list(dict.fromkeys(schema.get("required", [])))
        if required and self.mode is Mode.BOOL:
            missing = " or ".join(f"{name!r} not in {variable}" for name in required)
            self.reject(missing, target, jp.child(pointer, "required"), "required", "")
        for name in required if self.mode is Mode.ERRORS else ():
            message = repr(f"{name!r} is a required property")
            self.reject(f"{name!r} not in {variable}", target, jp.child(pointer, "required"), "required", message)
        for name, dependents in schema.get("dependentRequired", {}).items():
            self.out.line(f"if {name!r} in {variable}:")
            with self.out.indented():
                for dependent in dependents:
                    message = repr(f"{dependent!r} is a dependency of {name!r}")
                    here = jp.child(pointer, "dependentRequired", name)
                    self.reject(f"{dependent!r} not in {variable}", target, here, "dependentRequired", message)
        for name, subschema in schema.get("properties", {}).items():
            self.property(
                name, subschema, jp.child(pointer, "properties", name), target, known_present=name in required
            )
        self.pattern_properties(schema, pointer, target)
        self.additional_properties(schema, pointer, target)
        if "propertyNames" in schema:
            key = self.names.fresh("k")
            self.out.line(f"for {key} in {variable}:")
            with self.out.indented():
                # jsonschema reports property-name errors at the object, not at the name
                self.child(schema["propertyNames"], jp.child(pointer, "propertyNames"), Target(key, target.path))
        for name, subschema in schema.get("dependentSchemas", {}).items():
            self.out.line(f"if {name!r} in {variable}:")
            with self.out.indented():
                self.child(subschema, jp.child(pointer, "dependentSchemas", name), target)

    def property(self, name: str, subschema: Any, pointer: str, target: Target, known_present: bool) -> None:
        if subschema is True:
            return
        value = self.names.fresh("x")
        child = Target(value, target.path.key(name))
        if known_present and self.mode is Mode.BOOL:
            self.out.line(f"{value} = {target.variable}[{name!r}]")
            self.child(subschema, pointer, child)
            return
        self.out.line(f"if {name!r} in {target.variable}:")
        with self.out.indented():
            self.out.line(f"{value} = {target.variable}[{name!r}]")
            self.child(subschema, pointer, child)

    def pattern_properties(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        for pattern, subschema in schema.get("patternProperties", {}).items():
            here = jp.child(pointer, "patternProperties", pattern)
            regex = checks.pattern_regex(pattern, here, self.ctx)
            if regex is None or subschema is True:
                continue
            key, value = self.names.fresh("k"), self.names.fresh("x")
            self.out.line(f"for {key}, {value} in {target.variable}.items():")
            with self.out.indented():
                self.out.line(f"if {regex}.search({key}) is not None:")
                with self.out.indented():
                    self.child(subschema, here, Target(value, target.path.dynamic_key(key)))

    def additional_properties(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        additional = schema.get("additionalProperties", True)
        if additional is True or additional == {}:
            return
        here = jp.child(pointer, "additionalProperties")
        variable = target.variable
        key = self.names.fresh("k")
        declared = tuple(schema.get("properties", {}))
        names = self.ctx.constant("NAMES", f"frozenset({declared!r})")
        patterns = schema.get("patternProperties", {})
        regexes = [checks.pattern_regex(p, jp.child(pointer, "patternProperties", p), self.ctx) for p in patterns]
        tests = ([f"{key} not in {names}"] if declared else []) + [f"{r}.search({key}) is None" for r in regexes if r]
        is_extra = " and ".join(tests) or "True"
        if additional is False and self.mode is Mode.BOOL:
            if regexes:
                fails = f"any({is_extra} for {key} in {variable})"
            else:
                fails = f"not {names}.issuperset({variable})" if declared else variable
            self.reject(fails, target, here, "additionalProperties", "")
            return
        extras = self.names.fresh("extra")
        self.out.line(f"{extras} = [{key} for {key} in {variable} if {is_extra}]")
        if additional is False:
            self.ctx.use_helper("extras")
            shown = ", ".join(repr(p) for p in sorted(patterns))
            message = f"_extras_message({extras}, {shown!r})"
            self.out.line(f"if {extras}:")
            with self.out.indented():
                self.fail(target, here, "additionalProperties", message)
            return
        self.out.line(f"for {key} in {extras}:")
        with self.out.indented():
            value = self.names.fresh("x")
            self.out.line(f"{value} = {variable}[{key}]")
            self.child(additional, here, Target(value, target.path.dynamic_key(key)))

    # -- applicators
    def applicators(self, schema: dict[str, Any], pointer: str, target: Target, known: frozenset[str] | None) -> None:
        variable = target.variable
        for position, branch in enumerate(schema.get("allOf", [])):
            self.child(branch, jp.child(pointer, "allOf", position), target)
        if "anyOf" in schema:
            self.any_of(schema["anyOf"], jp.child(pointer, "anyOf"), target, known)
        if "oneOf" in schema:
            self.one_of(schema["oneOf"], jp.child(pointer, "oneOf"), target, known)
        if "not" in schema:
            passes = predicate(self.ctx, schema["not"], jp.child(pointer, "not"), variable, known)
            message = f"_show({variable}) + {' should not be valid under ' + _shown(schema['not'])!r}"
            self.reject(passes, target, jp.child(pointer, "not"), "not", message)
        if "if" in schema and ("then" in schema or "else" in schema):
            condition = predicate(self.ctx, schema["if"], jp.child(pointer, "if"), variable, known)
            self.out.line(f"if {condition}:")
            with self.out.indented():
                self.child(schema.get("then", True), jp.child(pointer, "then"), target)
            if "else" in schema:
                self.out.line("else:")
                with self.out.indented():
                    self.child(schema["else"], jp.child(pointer, "else"), target)

    def _branches(self, branches: list[Any], pointer: str, variable: str, known: frozenset[str] | None) -> list[str]:
        return [
            predicate(self.ctx, branch, jp.child(pointer, position), variable, known)
            for position, branch in enumerate(branches)
        ]

    def any_of(self, branches: list[Any], pointer: str, target: Target, known: frozenset[str] | None) -> None:
        variable = target.variable
        values = constants_only(branches)
        if values:
            passes = checks.one_of_values(variable, values, known, self.ctx)
        else:
            passes = " or ".join(self._branches(branches, pointer, variable, known))
        self.reject(checks.negation(passes), target, pointer, "anyOf", _none_message(variable, values))

    def one_of(self, branches: list[Any], pointer: str, target: Target, known: frozenset[str] | None) -> None:
        variable = target.variable
        values = constants_only(branches)
        if values:
            passes = checks.one_of_values(variable, values, known, self.ctx)
            self.reject(checks.negation(passes), target, pointer, "oneOf", _none_message(variable, values))
            return
        results = self._branches(branches, pointer, variable, known)
        if self.mode is Mode.BOOL:
            self.reject(" + ".join(f"bool({r})" for r in results) + " != 1", target, pointer, "oneOf", "")
            return
        verdicts, matched = self.names.fresh("verdicts"), self.names.fresh("matched")
        self.out.line(f"{verdicts} = ({', '.join(results)},)")  # apart: a := may not sit in a comprehension's iterable
        self.out.line(f"{matched} = [position for position, ok in enumerate({verdicts}) if ok]")
        self.out.line(f"if not {matched}:")
        with self.out.indented():
            self.fail(target, pointer, "oneOf", _none_message(variable, None))
        self.out.line(f"elif len({matched}) > 1:")
        with self.out.indented():
            wording = " is valid under more than one of the given schemas: oneOf/"
            self.fail(
                target, pointer, "oneOf", f"_show({variable}) + {wording!r} + ', oneOf/'.join(map(str, {matched}))"
            )


def _none_message(variable: str, values: list[Any] | None) -> str:
    wording = " is not valid under any of the given schemas"
    if values is not None:
        wording += f" (expected one of {', '.join(repr(v) for v in values)})"
    return f"_show({variable}) + {wording!r}"


def _shown(schema: Any) -> str:
    text = repr(schema)
    return text if len(text) <= 80 else text[:77] + "..."
