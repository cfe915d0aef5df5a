"""Patterns compiled to the program that runtime.py's linear-time matcher runs."""

from __future__ import annotations

from generator.compiler.patterns.errors import UnsupportedPatternError
from generator.compiler.patterns.nodes import (
    Alternation,
    Assertion,
    CharSet,
    Group,
    Node,
    Repeat,
    Sequence,
)
from generator.compiler.patterns.unicode import Ranges

LARGEST_PROGRAM = 50_000  # instructions: counted repetitions are written out, so bound them
_ASSERTIONS = {"start": 0, "end": 1, "word": 2, "not-word": 3}
_TAKE, _SPLIT, _ASSERT, _MATCH, _JUMP = range(5)


class Automaton:
    """The sets and instructions of a compiled pattern, as runtime.py reads them."""

    def __init__(self, sets: tuple[tuple[int, ...], ...], program: tuple[tuple[int, ...], ...]) -> None:
        self.sets = sets
        self.program = program

    def literal(self) -> str:
        """Python source building the matcher: `_LinearPattern(sets, program)`."""
        return f"_LinearPattern({self.sets!r}, {self.program!r})"


class _Builder:
    def __init__(self) -> None:
        self.program: list[tuple[int, ...]] = [(_JUMP, 0)]  # pc 0: the start, patched at the end
        self.sets: list[tuple[int, ...]] = []
        self.set_ids: dict[Ranges, int] = {}

    def add(self, instruction: tuple[int, ...]) -> int:
        if len(self.program) >= LARGEST_PROGRAM:
            raise UnsupportedPatternError(
                f"the pattern needs more than {LARGEST_PROGRAM:,} automaton states (smaller repetition counts)"
            )
        self.program.append(instruction)
        return len(self.program) - 1

    def set_id(self, ranges: Ranges) -> int:
        if ranges not in self.set_ids:
            self.set_ids[ranges] = len(self.sets)
            self.sets.append(tuple(bound for first, last in ranges for bound in (first, last + 1)))
        return self.set_ids[ranges]

    def compile(self, node: Node, following: int) -> int:
        """The entry of `node`'s instructions, which go on at `following` once it has matched."""
        if isinstance(node, CharSet):
            return self.add((_TAKE, self.set_id(node.ranges), following))
        if isinstance(node, Sequence):
            for item in reversed(node.items):
                following = self.compile(item, following)
            return following
        if isinstance(node, Alternation):
            entries = [self.compile(branch, following) for branch in node.branches]
            entry = entries[-1]
            for other in reversed(entries[:-1]):
                entry = self.add((_SPLIT, other, entry))
            return entry
        if isinstance(node, Group):
            return self.compile(node.body, following)
        if isinstance(node, Assertion):
            return self.add((_ASSERT, _ASSERTIONS[node.kind], following))
        if isinstance(node, Repeat):
            return self.repeat(node, following)
        raise UnsupportedPatternError("lookarounds and backreferences have no automaton")  # the caller keeps re

    def repeat(self, node: Repeat, following: int) -> int:
        entry = following
        if node.max is None:
            loop = self.add((_SPLIT, 0, 0))
            self.program[loop] = (_SPLIT, self.compile(node.body, loop), following)
            entry = loop
        else:
            for _ in range(node.max - node.min):
                entry = self.add((_SPLIT, self.compile(node.body, entry), following))
        for _ in range(node.min):
            entry = self.compile(node.body, entry)
        return entry


def build(root: Node) -> Automaton:
    builder = _Builder()
    match = builder.add((_MATCH,))
    builder.program[0] = (_JUMP, builder.compile(root, match))
    return Automaton(tuple(builder.sets), tuple(builder.program))
