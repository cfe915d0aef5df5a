"""The object keywords: required, properties, patternProperties, additionalProperties,
propertyNames, dependentRequired and dependentSchemas."""

from __future__ import annotations

from typing import Any

from generator.compiler import checks
from generator.compiler.checks import Message, plain
from generator.compiler.context import Mode
from generator.compiler.emit import Emitter, Target
from generator.core import pointer as jp


def _dependencies(schema: dict[str, Any], kind: type | tuple[type, ...]) -> list[tuple[str, str, Any]]:
    """(keyword, property, what it requires) for the dependencies whose value is of `kind`: a list
    of names (`dependentRequired`) or a schema (`dependentSchemas`); before 2019-09 both were
    spelled `dependencies`."""
    keyword = "dependentRequired" if kind is list else "dependentSchemas"
    found = [(keyword, name, value) for name, value in schema.get(keyword, {}).items()]
    found += [("dependencies", name, value) for name, value in schema.get("dependencies", {}).items()]
    return [(k, name, value) for k, name, value in found if isinstance(value, kind)]


class ObjectKeywords(Emitter):
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
        for keyword, name, dependents in _dependencies(schema, list):
            self.out.line(f"if {name!r} in {variable}:")
            with self.out.indented():
                for dependent in dependents:
                    message = plain(f"{dependent!r} is a dependency of {name!r}")
                    here = jp.child(pointer, keyword, name)
                    self.reject(f"{dependent!r} not in {variable}", target, here, keyword, message)
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
        for keyword, name, subschema in _dependencies(schema, (dict, bool)):
            self.out.line(f"if {name!r} in {variable}:")
            with self.out.indented():
                self.child(subschema, jp.child(pointer, keyword, name), target)

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
        names = self.ctx.constant("NAMES", f"frozenset({declared!r})", jp.child(pointer, "properties"))
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
