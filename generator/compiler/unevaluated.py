"""unevaluatedProperties and unevaluatedItems: what the other keywords did not evaluate.

A property (or item) counts as evaluated when a keyword beside `unevaluated*` looked at it,
directly (`properties`, `prefixItems`, ...) or through a subschema applied in place that the
instance satisfies (`allOf`, a passing `anyOf` branch, `if`/`then`/`else`, `$ref`, ...). Each
schema that can contribute gets a generated function `_evaluated_properties_<place>(v, seen)`
(or `_evaluated_items_...`) that adds what it evaluated to `seen` and returns True when it
evaluated everything. They are generated only for schemas that use `unevaluated*`, so nothing
else pays for them.
"""

from __future__ import annotations

from typing import Any

from generator.compiler import checks
from generator.compiler.checks import Message
from generator.compiler.context import Mode
from generator.compiler.emit import Emitter, Target
from generator.compiler.predicates import predicate
from generator.core import pointer as jp

_IN_PLACE = ("allOf", "anyOf", "oneOf")
_OWN = {Mode.PROPERTIES: "unevaluatedProperties", Mode.ITEMS: "unevaluatedItems"}
_WORDING = {Mode.PROPERTIES: "Unevaluated properties are not allowed", Mode.ITEMS: "Unevaluated items are not allowed"}


class UnevaluatedKeywords(Emitter):
    """The keywords themselves, checked last, once everything beside them has run."""

    def unevaluated(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        for mode, group in ((Mode.ITEMS, "array"), (Mode.PROPERTIES, "object")):
            keyword = _OWN[mode]
            if keyword not in schema or schema[keyword] is True:
                continue
            self.out.line(f"if {self.ctx.type_test(group, target.variable)}:")
            with self.out.indented():
                self._unevaluated(mode, schema[keyword], pointer, target)

    def _unevaluated(self, mode: Mode, subschema: Any, pointer: str, target: Target) -> None:
        """One error for everything left unevaluated and not valid under the keyword's schema,
        as jsonschema reports it."""
        variable, keyword = target.variable, _OWN[mode]
        here = jp.child(pointer, keyword)
        seen, member, value = self.names.fresh("seen"), self.names.fresh("k"), self.names.fresh("x")
        members = f"enumerate({variable})" if mode is Mode.ITEMS else f"{variable}.items()"
        invalid = checks.negation(predicate(self.ctx, subschema, here, value, bindings=self.bindings))
        left = f"{member} not in {seen} and {invalid}"
        self.out.line(f"{seen}: set[object] = set()")
        self.out.line(f"if not {self.ctx.function(pointer, mode, self.bindings)}({variable}, {seen}):")
        with self.out.indented():
            if self.mode is Mode.BOOL:
                self.reject(f"any({left} for {member}, {value} in {members})", target, here, keyword, checks.plain(""))
                return
            extras = self.names.fresh("extra")
            shown = value if mode is Mode.ITEMS else member
            self.out.line(f"{extras} = [{shown} for {member}, {value} in {members} if {left}]")
            self.ctx.use_helper("unexpected")
            message = Message("", False, f"_unexpected({_WORDING[mode]!r}, {extras})")
            self.reject(extras, target, here, keyword, message)


class AnnotationCompiler(Emitter):
    """The body of `_evaluated_properties_<place>` or `_evaluated_items_<place>`: what the schema
    at a place evaluates of `v` (an object or an array), its own `unevaluated*` aside."""

    def body(self, schema: Any, pointer: str) -> None:
        self.bindings = self.ctx.enter(pointer, self.bindings)
        view = self.ctx.view(schema, pointer)
        if isinstance(view, dict):
            for referenced in self.references(view, pointer):
                self._subschema(referenced, None)
            if self.mode is Mode.PROPERTIES:
                self._properties(view, pointer)
            else:
                self._items(view, pointer)
            self._in_place(view, pointer)
        self.out.line("return False")

    def _properties(self, view: dict[str, Any], pointer: str) -> None:
        if "properties" in view:
            declared = f"frozenset({tuple(view['properties'])!r})"
            names = self.ctx.constant("NAMES", declared, jp.child(pointer, "properties"))
            self.out.line(f"seen.update({names}.intersection(v))")
        for pattern in view.get("patternProperties", {}):
            regex = checks.pattern_regex(pattern, jp.child(pointer, "patternProperties", pattern), self.ctx)
            if regex is not None:
                self.out.line(f"seen.update(k for k in v if {regex}.search(k) is not None)")
        if "additionalProperties" in view:
            here = jp.child(pointer, "additionalProperties")
            valid = predicate(self.ctx, view["additionalProperties"], here, "x", bindings=self.bindings)
            if valid == "True":
                self.out.line("return True")
            else:
                self.out.line(f"seen.update(k for k, x in v.items() if {valid})")
        for name in view.get("dependentSchemas", {}):
            self.out.line(f"if {name!r} in v:")
            with self.out.indented():
                self._subschema(jp.child(pointer, "dependentSchemas", name), None)

    def _items(self, view: dict[str, Any], pointer: str) -> None:
        dialect = self.ctx.dialect_at(pointer)
        items = view.get("items")
        if dialect.array_items and isinstance(items, list):
            self.out.line(f"seen.update(range({len(items)}))")
            if "additionalItems" in view:
                self.out.line("return True")
        elif "items" in view:
            self.out.line("return True")
        if "prefixItems" in view:
            self.out.line(f"seen.update(range({len(view['prefixItems'])}))")
        if "contains" in view and dialect.contains_evaluates:
            valid = predicate(self.ctx, view["contains"], jp.child(pointer, "contains"), "x", bindings=self.bindings)
            self.out.line(f"seen.update(i for i, x in enumerate(v) if {valid})")

    def _in_place(self, view: dict[str, Any], pointer: str) -> None:
        for keyword in _IN_PLACE:
            for position in range(len(view.get(keyword, []))):
                self._subschema(jp.child(pointer, keyword, position), view[keyword][position])
        if "if" in view:
            condition = predicate(self.ctx, view["if"], jp.child(pointer, "if"), "v", bindings=self.bindings)
            self.out.line(f"if {condition}:")
            with self.out.indented():
                self._subschema(jp.child(pointer, "if"), None)
                if "then" in view:
                    self._subschema(jp.child(pointer, "then"), None)
            if "else" in view:
                self.out.line("else:")
                with self.out.indented():
                    self._subschema(jp.child(pointer, "else"), None)

    def _subschema(self, where: str, guarded_by: Any) -> None:
        """Add what the subschema at `where` evaluates; with `guarded_by` (the subschema itself),
        only when the instance is valid under it."""
        view = self.ctx.view(self.ctx.schema_at(where), where)
        if not isinstance(view, dict) or not _may_evaluate(view, self.mode):
            return
        if guarded_by is not None:
            self.out.line(f"if {predicate(self.ctx, guarded_by, where, 'v', bindings=self.bindings)}:")
            with self.out.indented():
                self._evaluated(view, where)
        else:
            self._evaluated(view, where)

    def _evaluated(self, view: dict[str, Any], where: str) -> None:
        if view.get(_OWN[self.mode], False) is not False:
            self.out.line("return True")  # a valid subschema's own unevaluated* took the rest
            return
        function = self.ctx.function(where, self.mode, self.bindings)
        self.out.line(f"if {function}(v, seen):")
        with self.out.indented():
            self.out.line("return True")


_CONTRIBUTING = {
    Mode.PROPERTIES: ("properties", "patternProperties", "additionalProperties", "dependentSchemas"),
    Mode.ITEMS: ("prefixItems", "items", "additionalItems", "contains"),
}


def _may_evaluate(view: dict[str, Any], mode: Mode) -> bool:
    """Whether the schema could evaluate anything: a keyword of the kind, or one that leads on."""
    leads_on = ("$ref", "$dynamicRef", "$recursiveRef", "if", *_IN_PLACE, _OWN[mode])
    return any(keyword in view for keyword in (*_CONTRIBUTING[mode], *leads_on))
