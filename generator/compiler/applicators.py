"""The applicators: allOf, anyOf, oneOf, not, if/then/else. Branches that only need a verdict
are predicates (predicates.py); allOf, then and else are checked in place."""

from __future__ import annotations

from typing import Any

from generator.compiler import checks
from generator.compiler.checks import Message, after_value, plain
from generator.compiler.context import Mode
from generator.compiler.emit import Emitter, Target
from generator.compiler.predicates import predicate
from generator.core import pointer as jp
from generator.core.jsonvalues import constant_branches


class Applicators(Emitter):
    def applicators(self, schema: dict[str, Any], pointer: str, target: Target, known: frozenset[str] | None) -> None:
        variable = target.variable
        for position, branch in enumerate(schema.get("allOf", [])):
            self.child(branch, jp.child(pointer, "allOf", position), target)
        if "anyOf" in schema:
            self.any_of(schema["anyOf"], jp.child(pointer, "anyOf"), target, known)
        if "oneOf" in schema:
            self.one_of(schema["oneOf"], jp.child(pointer, "oneOf"), target, known)
        if "not" in schema:
            passes = predicate(self.ctx, schema["not"], jp.child(pointer, "not"), variable, known, self.bindings)
            message = after_value(" should not be valid under " + _shown(schema["not"]))
            self.reject(passes, target, jp.child(pointer, "not"), "not", message)
        if "if" in schema and ("then" in schema or "else" in schema):
            condition = predicate(self.ctx, schema["if"], jp.child(pointer, "if"), variable, known, self.bindings)
            self.out.line(f"if {condition}:")
            with self.out.indented():  # an empty block is `pass`
                if "then" in schema:  # without one there is no place to enter (nor anything to check)
                    self.child(schema["then"], jp.child(pointer, "then"), target)
            if "else" in schema:
                self.out.line("else:")
                with self.out.indented():
                    self.child(schema["else"], jp.child(pointer, "else"), target)

    def _branches(self, branches: list[Any], pointer: str, variable: str, known: frozenset[str] | None) -> list[str]:
        return [
            predicate(self.ctx, branch, jp.child(pointer, position), variable, known, self.bindings)
            for position, branch in enumerate(branches)
        ]

    def _branch_errors(self, branches: list[Any], pointer: str, target: Target) -> str | None:
        """In errors mode, the errors of every branch, for the failing error's `context` (as
        jsonschema reports them); collected only once the applicator has failed."""
        if self.mode is Mode.BOOL:
            return None
        context = self.names.fresh("context")
        self.out.line(f"{context}: list[ValidationError] = []")
        for position in range(len(branches)):
            function = self.ctx.function(jp.child(pointer, position), Mode.ERRORS, self.bindings)
            self.out.line(f"{function}({target.variable}, {target.path.source()}, {context})")
        return context

    def any_of(self, branches: list[Any], pointer: str, target: Target, known: frozenset[str] | None) -> None:
        variable = target.variable
        values = constant_branches(branches)
        if values:
            passes = checks.one_of_values(variable, values, known, self.ctx, pointer)
            self.reject(checks.negation(passes), target, pointer, "anyOf", _none_message(values, branches))
            return
        passes = " or ".join(self._branches(branches, pointer, variable, known))
        self.out.line(f"if {checks.negation(passes)}:")
        with self.out.indented():
            context = self._branch_errors(branches, pointer, target)
            self.fail(target, pointer, "anyOf", _none_message(values, branches), context)

    def one_of(self, branches: list[Any], pointer: str, target: Target, known: frozenset[str] | None) -> None:
        variable = target.variable
        values = constant_branches(branches)
        if values:
            passes = checks.one_of_values(variable, values, known, self.ctx, pointer)
            self.reject(checks.negation(passes), target, pointer, "oneOf", _none_message(values))
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
            context = self._branch_errors(branches, pointer, target)
            self.fail(target, pointer, "oneOf", _none_message(None, branches), context)
        self.out.line(f"elif len({matched}) > 1:")
        with self.out.indented():
            wording = " is valid under more than one of the given schemas: oneOf/"
            self.fail(
                target, pointer, "oneOf", Message("", True, f"{wording!r} + ', oneOf/'.join(map(str, {matched}))")
            )


_BOUND_WORDS = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "above", "exclusiveMaximum": "below"}


def _none_message(values: list[Any] | None, branches: list[Any] | None = None) -> Message:
    """jsonschema's wording, and what was expected when the branches are simple enough to say:
    `0 is not valid under any of the given schemas (expected -1, or at least 1)`."""
    wording = " is not valid under any of the given schemas"
    if values is not None:
        wording += f" (expected one of {', '.join(repr(v) for v in values)})"
    elif branches is not None:
        said = [_said(branch) for branch in branches]
        if all(said):
            wording += f" (expected {', or '.join(str(s) for s in said)})"
    return after_value(wording)


def _said(branch: Any) -> str | None:
    """A branch in a few words, if it is only a constant or bounds."""
    if not isinstance(branch, dict):
        return None
    keywords = {
        k: v for k, v in branch.items() if k not in ("description", "title", "$comment") and not k.startswith("x-")
    }
    if set(keywords) == {"const"}:
        return repr(keywords["const"])
    if keywords and set(keywords) <= set(_BOUND_WORDS):
        return " and ".join(f"{_BOUND_WORDS[k]} {v!r}" for k, v in keywords.items())
    return None


def _shown(schema: Any) -> str:
    text = repr(schema)
    return text if len(text) <= 80 else text[:77] + "..."
