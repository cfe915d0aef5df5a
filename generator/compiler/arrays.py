"""The array keywords: uniqueItems, prefixItems, items, contains (with min/maxContains)."""

from __future__ import annotations

from typing import Any

from generator.compiler.checks import Message, after_value, plain
from generator.compiler.emit import Emitter, Target
from generator.compiler.predicates import predicate
from generator.core import pointer as jp


class ArrayKeywords(Emitter):
    def array(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        variable = target.variable
        if schema.get("uniqueItems") is True:
            self.ctx.use_helper("unique")
            message = after_value(" has non-unique elements")
            self.reject(f"not _is_unique({variable})", target, jp.child(pointer, "uniqueItems"), "uniqueItems", message)
        prefix_keyword, rest_keyword = self._item_keywords(schema, pointer)
        prefix = schema.get(prefix_keyword, [])
        for position, subschema in enumerate(prefix):
            if subschema is True:
                continue
            self.out.line(f"if len({variable}) > {position}:")
            with self.out.indented():
                item = self.names.fresh("x")
                self.out.line(f"{item} = {variable}[{position}]")
                here = jp.child(pointer, prefix_keyword, position)
                self.child(subschema, here, Target(item, target.path.key(str(position))))
        if rest_keyword in schema:
            rest = schema[rest_keyword]
            if rest is False:
                shown = "item" if len(prefix) == 1 else "items"
                wording = f"Expected at most {len(prefix)} {shown} but found "
                message = Message("", False, f"{wording!r} + str(len({variable}) - {len(prefix)}) + ' extra'")
                here = jp.child(pointer, rest_keyword)
                self.reject(f"len({variable}) > {len(prefix)}", target, here, rest_keyword, message)
            else:
                self.each(rest, jp.child(pointer, rest_keyword), target, start=len(prefix))
        if "contains" in schema:
            self.contains(schema, pointer, target)

    def _item_keywords(self, schema: dict[str, Any], pointer: str) -> tuple[str, str]:
        """The keywords for the first items and for the rest: `prefixItems` and `items` in
        2020-12; before it, an array-form `items` and `additionalItems` (ignored without one)."""
        if not self.ctx.dialect_at(pointer).array_items:
            return "prefixItems", "items"
        if isinstance(schema.get("items"), list):
            return "items", "additionalItems"
        return "prefixItems", "items"  # no prefix items: `prefixItems` is not a keyword here

    def contains(self, schema: dict[str, Any], pointer: str, target: Target) -> None:
        variable, here = target.variable, jp.child(pointer, "contains")
        minimum, maximum = schema.get("minContains", 1), schema.get("maxContains")
        if minimum == 0 and maximum is None:
            return
        item = self.names.fresh("x")
        matches = predicate(self.ctx, schema["contains"], here, item, bindings=self.bindings)
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
