"""ECMA-262 patterns (with the `u` flag, as JSON Schema reads them) compiled for generated validators.

`compile_pattern(p)` parses the pattern (`parser.py`; a syntax error is a PatternSyntaxError with
its offset) and picks how the validators will run it:

* `python_regex`: Python `re` source with exactly the pattern's meaning (`to_python.py`), when
  `re`'s backtracking is linear on it (`analysis.py`), or when the pattern needs backtracking
  anyway (backreferences, lookarounds): then `backtracking` is True and `worst_case` says how bad;
* `automaton`: otherwise, a program for the linear-time matcher of `runtime.py`, whose source
  (`RUNTIME`) the generated module includes.

`CompiledPattern.expression` is the Python expression a module constant is set to; either way the
object has `.search(text)`, not None when the pattern matches somewhere in `text`.
`is_ecma_regex(text)` says whether text is a valid pattern (the `regex` format), and
`property_names()` lists the names `\\p{...}` accepts, for a syntax-only check of that format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from generator.compiler.patterns import analysis, automaton, to_python
from generator.compiler.patterns.errors import PatternSyntaxError, UnsupportedPatternError
from generator.compiler.patterns.nodes import BackReference, Look, walk
from generator.compiler.patterns.parser import parse
from generator.compiler.patterns.unicode import UNICODE_VERSION, property_names

__all__ = [
    "RUNTIME",
    "UNICODE_VERSION",
    "CompiledPattern",
    "PatternSyntaxError",
    "Searcher",
    "UnsupportedPatternError",
    "compile_pattern",
    "is_ecma_regex",
    "property_names",
]


def _runtime_source() -> str:
    text = (Path(__file__).parent / "runtime.py").read_text()
    return text[text.index("class _LinearPattern") :].rstrip("\n")


RUNTIME = _runtime_source()
"""The matcher's source (the `_LinearPattern` class; it needs `import bisect`), for generated code."""
RUNTIME_IMPORTS = ("bisect",)


@dataclass(frozen=True)
class CompiledPattern:
    pattern: str
    python_regex: str | None  # `re` source to search with, no flags; None when `automaton` is set
    automaton: automaton.Automaton | None
    backtracking: bool  # True: runs on `re` and its time may grow faster than the input
    worst_case: str  # a derived bound on the search time in the input length n: "O(n)", "O(n^2)", ...

    @property
    def expression(self) -> str:
        """The Python expression of the compiled matcher, for a module constant."""
        if self.automaton is not None:
            return self.automaton.literal()
        return f"re.compile({self.python_regex!r})"

    @property
    def imports(self) -> tuple[str, ...]:
        return RUNTIME_IMPORTS if self.automaton is not None else ("re",)

    def matcher(self) -> Searcher:
        """The compiled matcher in this process (what the generated constant evaluates to)."""
        if self.automaton is not None:
            from generator.compiler.patterns.runtime import _LinearPattern

            return _LinearPattern(self.automaton.sets, self.automaton.program)
        assert self.python_regex is not None
        return re.compile(self.python_regex)


class Searcher(Protocol):  # the one method both kinds of matcher have
    def search(self, text: str, /) -> object: ...


@cache
def compile_pattern(pattern: str) -> CompiledPattern:
    """Compile an ECMA-262 pattern; UnsupportedPatternError (PatternSyntaxError for syntax) says why not."""
    parsed = parse(pattern)
    needs_backtracking = any(isinstance(node, BackReference | Look) for node in walk(parsed.root))
    bound = analysis.worst_case(parsed.root)
    if needs_backtracking or bound == "O(n)":
        source = to_python.python_source(parsed)
        try:
            re.compile(source)
        except (re.error, OverflowError, RecursionError) as error:  # a translation Python cannot take
            raise UnsupportedPatternError(f"Python's re refuses the translation: {error}") from None
        return CompiledPattern(pattern, source, None, needs_backtracking and bound != "O(n)", bound)
    return CompiledPattern(pattern, None, automaton.build(parsed.root), False, "O(n)")


def is_ecma_regex(text: str) -> bool:
    """Whether `text` is a regular expression under ECMA-262 with the `u` flag (the `regex` format)."""
    try:
        parse(text)
    except PatternSyntaxError:
        return False
    return True
