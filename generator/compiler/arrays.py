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
