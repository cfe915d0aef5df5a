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
from generator import schemawalk
from generator.compiler import checks, types
from generator.compiler.checks import Message, after_value, plain
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


# A type whose keyword group applies exactly when the type check passes. Not "integer": the number
# keywords also apply to 1.5, which fails it (jsonschema reports both).
_GROUP_OF_ONE_TYPE = {"number": "number", "string": "string", "array": "array", "object": "object"}


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
        self.exact_dicts: set[str] = set()  # variables known to hold a plain dict

    # -- failing
    def fail(self, target: Target, pointer: str, keyword: str, message: Message) -> None:
        if self.mode is Mode.BOOL:
            self.out.line("return False")
            return
        # what never changes at this place in the schema is one constant: the error stays cheap to make
        site = self.ctx.constant("ERROR", repr((pointer, keyword, message.text, message.shows_value)))
        detail = f", {message.expression}" if message.expression else ""
        self.out.line(f"errors.append(ValidationError({target.path.source()}, {target.variable}, {site}{detail}))")

    def reject(self, fails: str, target: Target, pointer: str, keyword: str, message: Message) -> None:
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
            self.fail(target, pointer, "false", after_value(" is not allowed: the schema is false"))
            return
        self.ctx.inspect(schema, pointer)
        if "$ref" in schema:
            self.call(self.ctx.ref_target(schema), target)
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
                known = checks.value_types([schema["const"]])
            elif "enum" in schema:
                known = checks.value_types(schema["enum"])
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
        values_fit = bool(values) and checks.value_types(values) <= declared | (
            {"integer"} if "number" in declared else set()
        )
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

    # -- children
    def call(self, pointer: str, target: Target) -> None:
        """Check `target` with the function generated for `pointer`."""
        function = self.ctx.function(pointer, self.mode)
        if self.mode is Mode.BOOL:
            self.out.line(f"if not {function}({target.variable}):")
            with self.out.indented():
                self.out.line("return False")
        else:
            self.out.line(f"{function}({target.variable}, {target.path.source()}, errors)")

    def _inlinable(self, pointer: str, largest: int = 12) -> bool:
        """A referenced schema small and self-contained enough to copy in place of a call."""
        schema = self.ctx.schema_at(pointer)
        subschemas = list(schemawalk.walk(schema, pointer))
        has_references = any(isinstance(s, dict) and "$ref" in s for _, s in subschemas)
        return not has_references and len(subschemas) <= largest and self.out.depth < MAX_INLINE_DEPTH - 2

    def child(self, schema: Any, pointer: str, target: Target) -> None:
        if is_reference_only(schema):
            referenced = self.ctx.ref_target(schema)
            if self._inlinable(referenced, largest=32):  # once per payload: a bigger schema is still worth it
                self.schema(self.ctx.schema_at(referenced), referenced, target)
            else:
                self.call(referenced, target)
        elif self.out.depth >= MAX_INLINE_DEPTH and isinstance(schema, dict):
            self.call(pointer, target)
        else:
            self.schema(schema, pointer, target)

    def each(self, schema: Any, pointer: str, target: Target, start: int = 0) -> None:
        """Check every item of the array in `target` from `start` on against `schema`."""
        if schema is True:
            return
        variable = target.variable
        item, index = self.names.fresh("x"), self.names.fresh("i")
        loop = (
            f"for {item} in {variable}:" if self.mode is Mode.BOOL else f"for {index}, {item} in enumerate({variable}):"
        )
        if start == 0 and is_reference_only(schema):
            referenced = self.ctx.ref_target(schema)
            if self._inlinable(referenced):
                # a call per item costs more than the checks of a small object: inline them
                self.out.line(loop)
                with self.out.indented():
                    self.schema(self.ctx.schema_at(referenced), referenced, Target(item, target.path.index(index)))
                return
            if self.mode is Mode.BOOL:
                self.out.line(f"if not all(map({self.ctx.function(referenced, Mode.BOOL)}, {variable})):")
                with self.out.indented():
                    self.out.line("return False")
                return
        if start == 0:
            self.out.line(loop)
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
            message = after_value(" has non-unique elements")
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
                wording = f"Expected at most {len(prefix)} {shown} but found "
                message = Message("", False, f"{wording!r} + str(len({variable}) - {len(prefix)}) + ' extra'")
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
            message = after_value(" does not contain items matching the given schema")
            self.reject(f"not any({matches} for {item} in {variable})", target, here, "contains", message)
            return
        count = self.names.fresh("n")
        self.out.line(f"{count} = sum(1 for {item} in {variable} if {matches})")
        if minimum > 0:
            self.out.line(f"if {count} == 0:")
            with self.out.indented():
                self.fail(target, here, "contains", after_value(" does not contain items matching the given schema"))
            if minimum > 1:
                wording = f"Too few items match the given schema (expected at least {minimum} but only "
                message = Message("", False, f"{wording!r} + str({count}) + ' matched)'")
                self.reject(
                    f"0 < {count} < {minimum}", target, jp.child(pointer, "minContains"), "minContains", message
                )
        if maximum is not None:
            message = plain(f"Too many items match the given schema (expected at most {maximum})")
            self.reject(f"{count} > {maximum}", target, jp.child(pointer, "maxContains"), "maxContains", message)

    # -- objects
    def object(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        variable = target.variable
        required = list(dict.fromkeys(schema.get("required", [])))
        declared = schema.get("properties", {})
        fetched: dict[str, str] = {}  # required properties already read into a variable
        if required and self.mode is Mode.BOOL:
            if variable in self.exact_dicts:
                fetched = {name: self.names.fresh("x") for name in required if declared.get(name, True) is not True}
            if fetched:
                self.out.line("try:")
                with self.out.indented():
                    for name, value in fetched.items():
                        self.out.line(f"{value} = {variable}[{name!r}]")
                self.out.line("except KeyError:")
                with self.out.indented():
                    self.out.line("return False")
            unread = [name for name in required if name not in fetched]
            if unread:
                missing = " or ".join(f"{name!r} not in {variable}" for name in unread)
                self.reject(missing, target, jp.child(pointer, "required"), "required", plain(""))
        for name in required if self.mode is Mode.ERRORS else ():
            if name not in declared:  # the others are reported where their property is checked
                self._missing(name, target, pointer)
        for name, dependents in schema.get("dependentRequired", {}).items():
            self.out.line(f"if {name!r} in {variable}:")
            with self.out.indented():
                for dependent in dependents:
                    message = plain(f"{dependent!r} is a dependency of {name!r}")
                    here = jp.child(pointer, "dependentRequired", name)
                    self.reject(f"{dependent!r} not in {variable}", target, here, "dependentRequired", message)
        for name, subschema in declared.items():
            here = jp.child(pointer, "properties", name)
            self.property(name, subschema, here, target, name in required, pointer, fetched.get(name))
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

    def _missing(self, name: str, target: Target, pointer: str) -> None:
        message = plain(f"{name!r} is a required property")
        self.reject(f"{name!r} not in {target.variable}", target, jp.child(pointer, "required"), "required", message)

    def property(
        self, name: str, subschema: Any, pointer: str, target: Target, required: bool, parent: str, fetched: str | None
    ) -> None:
        """Check one property where present; where required, the boolean mode has already checked
        that it is (and maybe read it into `fetched`), and the errors mode reports its absence here,
        in the same lookup."""
        value = fetched or self.names.fresh("x")
        child = Target(value, target.path.key(name))
        if required and self.mode is Mode.BOOL:
            if subschema is not True:
                if not fetched:
                    self.out.line(f"{value} = {target.variable}[{name!r}]")
                self.child(subschema, pointer, child)
            return
        if subschema is True:
            if required:
                self._missing(name, target, parent)
            return
        self.out.line(f"if {name!r} in {target.variable}:")
        with self.out.indented():
            self.out.line(f"{value} = {target.variable}[{name!r}]")
            self.child(subschema, pointer, child)
        if required:
            self.out.line("else:")
            with self.out.indented():
                message = plain(f"{name!r} is a required property")
                self.fail(target, jp.child(parent, "required"), "required", message)

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
            elif declared and set(declared) <= set(schema.get("required", [])):
                fails = f"len({variable}) != {len(declared)}"  # all declared are present: any more is extra
            else:
                fails = f"not {names}.issuperset({variable})" if declared else variable
            self.reject(fails, target, here, "additionalProperties", plain(""))
            return
        extras = self.names.fresh("extra")
        if additional is False and not regexes:
            # the common case, valid, costs one C-level set check; the list is built only on failure
            self.out.line(f"if not {names}.issuperset({variable}):" if declared else f"if {variable}:")
            with self.out.indented():
                self._report_extras(extras, key, variable, is_extra, patterns, target, here)
            return
        if additional is False:
            self._report_extras(extras, key, variable, is_extra, patterns, target, here)
            return
        self.out.line(f"{extras} = [{key} for {key} in {variable} if {is_extra}]")
        self.out.line(f"for {key} in {extras}:")
        with self.out.indented():
            value = self.names.fresh("x")
            self.out.line(f"{value} = {variable}[{key}]")
            self.child(additional, here, Target(value, target.path.dynamic_key(key)))

    def _report_extras(
        self, extras: str, key: str, variable: str, is_extra: str, patterns: dict[str, Any], target: Target, here: str
    ) -> None:
        """One error for all unexpected properties, worded as jsonschema words it."""
        self.ctx.use_helper("extras")
        self.out.line(f"{extras} = [{key} for {key} in {variable} if {is_extra}]")
        shown = ", ".join(repr(p) for p in sorted(patterns))
        self.out.line(f"if {extras}:")
        with self.out.indented():
            self.fail(target, here, "additionalProperties", Message("", False, f"_extras_message({extras}, {shown!r})"))

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
            message = after_value(" should not be valid under " + _shown(schema["not"]))
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
            self.reject(" + ".join(f"bool({r})" for r in results) + " != 1", target, pointer, "oneOf", plain(""))
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
                target, pointer, "oneOf", Message("", True, f"{wording!r} + ', oneOf/'.join(map(str, {matched}))")
            )


def _none_message(variable: str, values: list[Any] | None) -> Message:
    wording = " is not valid under any of the given schemas"
    if values is not None:
        wording += f" (expected one of {', '.join(repr(v) for v in values)})"
    return after_value(wording)


def _shown(schema: Any) -> str:
    text = repr(schema)
    return text if len(text) <= 80 else text[:77] + "..."
