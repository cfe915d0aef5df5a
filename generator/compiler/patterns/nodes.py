"""The parsed form of a pattern: what the translators and the analysis read."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.compiler.patterns.unicode import Ranges


@dataclass(frozen=True)
class CharSet:
    """One code point from `ranges` (a literal is a set of one)."""

    ranges: Ranges


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alternation:
    branches: tuple[Node, ...]


@dataclass(frozen=True)
class Repeat:
    body: Node
    min: int
    max: int | None  # None: no upper bound
    greedy: bool = True


@dataclass(frozen=True)
class Group:
    """A capturing group, numbered from 1 in the order of its opening parenthesis."""

    body: Node
    index: int
    name: str | None = None


@dataclass(frozen=True)
class Assertion:
    kind: str  # "start" (^), "end" ($), "word" (\b), "not-word" (\B)


@dataclass(frozen=True)
class Look:
    body: Node
    ahead: bool
    negative: bool


@dataclass(eq=False)
class BackReference:
    """`\\N` or `\\k<name>`: `index` is settled once the whole pattern is read."""

    index: int
    name: str | None = None
    position: int = field(default=0, compare=False)


Node = CharSet | Sequence | Alternation | Repeat | Group | Assertion | Look | BackReference
EMPTY = Sequence(())


@dataclass(frozen=True)
class ParsedPattern:
    source: str
    root: Node
    group_count: int
    names: dict[str, int]


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Sequence):
        return node.items
    if isinstance(node, Alternation):
        return node.branches
    if isinstance(node, Repeat | Group | Look):
        return (node.body,)
    return ()


def walk(node: Node) -> list[Node]:
    """Every node of the tree, parents before children."""
    found = [node]
    for child in children(node):
        found.extend(walk(child))
    return found
