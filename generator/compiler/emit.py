"""What every part of the compiler writes with: the target instance, failing, and children.

`Emitter` holds one generated function's lines; the keyword families (arrays.py, objects.py,
applicators.py) extend it, and `nodes.BodyCompiler` puts them together with `schema()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from generator.compiler import checks
from generator.compiler.checks import Message
from generator.compiler.code import Block, LocalNames, PathExpr
from generator.compiler.context import Bindings, Mode, ModuleContext
from generator.compiler.predicates import is_reference_only, references_in
from generator.core import schemawalk

# Deeper than this, a child schema becomes a call: Python limits nesting of blocks and indentation.
MAX_INLINE_DEPTH = 8


@dataclass(frozen=True)
class Target:
    """The instance being checked: the local variable holding it and how to build its pointer."""

    variable: str
    path: PathExpr


class Emitter:
    """Writes the body of one generated function."""

    def __init__(self, ctx: ModuleContext, mode: Mode, bindings: Bindings = ()) -> None:
        self.ctx = ctx
        self.mode = mode
        self.bindings = bindings  # the dynamic scope: where each $dynamicRef anchor is bound
        self.out = Block()
        self.names = LocalNames()
        self.exact_dicts: set[str] = set()  # variables known to hold a plain dict

    # -- failing
    def fail(self, target: Target, pointer: str, keyword: str, message: Message, context: str | None = None) -> None:
        """Fail here; in errors mode, with the errors of the subschemas that explain it, if any."""
        if self.mode is Mode.BOOL:
            self.out.line("return False")
            return
        # what never changes at this place in the schema is one constant: the error stays cheap to make
        site = self.ctx.constant("ERROR", repr((pointer, keyword, message.text, message.shows_value)), pointer)
        detail = f", {message.expression}" if message.expression else ""
        if context:
            detail = f"{detail or ', None'}, {context}"
        self.out.line(f"errors.append(ValidationError({target.path.source()}, {target.variable}, {site}{detail}))")

    def reject(self, fails: str, target: Target, pointer: str, keyword: str, message: Message) -> None:
        """Fail when the condition `fails` holds."""
        self.out.line(f"if {fails}:")
        with self.out.indented():
            self.fail(target, pointer, keyword, message)

    def emit(self, check: checks.Check, target: Target) -> None:
        self.reject(check.fails, target, check.pointer, check.keyword, check.message)

    def schema(self, schema: Any, pointer: str, target: Target, known: frozenset[str] | None = None) -> None:
        raise NotImplementedError  # nodes.BodyCompiler

    # -- children
    def call(self, pointer: str, target: Target) -> None:
        """Check `target` with the function generated for `pointer`."""
        function = self.ctx.function(pointer, self.mode, self.bindings)
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
        has_references = any(references_in(s) for _, s in subschemas)
        return not has_references and len(subschemas) <= largest and self.out.depth < MAX_INLINE_DEPTH - 2

    def references(self, schema: dict[str, Any], pointer: str) -> list[str]:
        """Where the schema's `$ref`, `$dynamicRef` and `$recursiveRef` lead, in the current dynamic
        scope (a reference that leads nowhere is refused, with its place, and left out)."""
        found = []
        for keyword in ("$ref", "$dynamicRef", "$recursiveRef"):
            if keyword in schema:
                if keyword == "$ref":
                    referenced = self.ctx.reference(schema, pointer)
                else:
                    referenced = self.ctx.dynamic_reference(schema, pointer, self.bindings)
                if referenced is not None:
                    found.append(referenced)
        return found

    def referenced(self, schema: Any, pointer: str) -> str | None:
        """Where a schema that is only a `$ref` leads (None when it is not one, or leads nowhere)."""
        if not is_reference_only(self.ctx.view(schema, pointer)):
            return None
        return self.ctx.reference(schema, pointer)

    @contextmanager
    def entered(self, pointer: str) -> Iterator[None]:
        """Within: the dynamic scope includes the resource of the schema at `pointer`."""
        outer = self.bindings
        self.bindings = self.ctx.enter(pointer, outer)
        try:
            yield
        finally:
            self.bindings = outer

    def child(self, schema: Any, pointer: str, target: Target) -> None:
        with self.entered(pointer):
            self._child(schema, pointer, target)

    def _child(self, schema: Any, pointer: str, target: Target) -> None:
        referenced = self.referenced(schema, pointer)
        if referenced is not None:
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
        if start:
            loop = f"for {index} in range({start}, len({variable})):"
        with self.entered(pointer):
            referenced = self.referenced(schema, pointer) if start == 0 else None
            if referenced is not None and not self._inlinable(referenced) and self.mode is Mode.BOOL:
                function = self.ctx.function(referenced, Mode.BOOL, self.bindings)
                self.out.line(f"if not all(map({function}, {variable})):")
                with self.out.indented():
                    self.out.line("return False")
                return
            self.out.line(loop)
            with self.out.indented():
                if start:
                    self.out.line(f"{item} = {variable}[{index}]")
                child = Target(item, target.path.index(index))
                if referenced is not None and self._inlinable(referenced):
                    # a call per item costs more than the checks of a small object: inline them
                    self.schema(self.ctx.schema_at(referenced), referenced, child)
                else:
                    self._child(schema, pointer, child)
