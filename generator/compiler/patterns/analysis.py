"""Whether Python's backtracking `re` runs a pattern in linear time.

A pattern is *deterministic* when, at every choice (an alternation, or whether a repetition goes
on), at most one option can take the next character, or the end of the input: then a backtracking
engine abandons a wrong option after one step, and one match attempt costs time linear in what it
reads. `re.search` makes an attempt at every offset, so the whole search is linear when attempts
are also short: the pattern is anchored at the start (`^`), or every unbounded repetition in it
is followed only by what cannot fail. Anything else runs on the linear-time automaton.

First sets are sets of code points, with two pseudo code points: END (the end of the input) and
ACCEPT (the pattern has matched). The analysis over-approximates (assertions are transparent),
so it may send a safe pattern to the automaton, never an unsafe one to `re`.
"""

from __future__ import annotations

from generator.compiler.patterns import charset
from generator.compiler.patterns.nodes import (
    Alternation,
    Assertion,
    BackReference,
    CharSet,
    Group,
    Look,
    Node,
    Repeat,
    Sequence,
    children,
)
from generator.compiler.patterns.unicode import Ranges

END: Ranges = ((-1, -1),)
ACCEPT: Ranges = ((-2, -2),)


def nullable(node: Node) -> bool:
    if isinstance(node, CharSet):
        return False
    if isinstance(node, Sequence):
        return all(nullable(item) for item in node.items)
    if isinstance(node, Alternation):
        return any(nullable(branch) for branch in node.branches)
    if isinstance(node, Repeat):
        return node.min == 0 or nullable(node.body)
    if isinstance(node, Group):
        return nullable(node.body)
    return True  # assertions, lookarounds, and a backreference (it may match empty)


def first(node: Node, follow: Ranges) -> Ranges:
    """What the next symbol may be when `node` starts, followed by something starting with `follow`."""
    if isinstance(node, CharSet):
        return node.ranges
    if isinstance(node, Sequence):
        for item in reversed(node.items):
            follow = first(item, follow)
        return follow
    if isinstance(node, Alternation):
        return charset.union(*(first(branch, follow) for branch in node.branches))
    if isinstance(node, Repeat):
        if node.max == 0:
            return follow
        body = first(node.body, follow)
        return charset.union(body, follow) if node.min == 0 else body
    if isinstance(node, Group):
        return first(node.body, follow)
    if isinstance(node, Assertion) and node.kind == "end":
        return END
    if isinstance(node, BackReference):
        return charset.union(charset.ANY, follow)
    return follow


def deterministic(node: Node, follow: Ranges = ACCEPT) -> bool:
    if isinstance(node, Sequence):
        follows = []
        for item in reversed(node.items):
            follows.append(follow)
            follow = first(item, follow)
        return all(deterministic(item, f) for item, f in zip(node.items, reversed(follows), strict=True))
    if isinstance(node, Alternation):
        seen: Ranges = ()
        for branch in node.branches:
            options = first(branch, follow)
            if charset.intersects(seen, options):
                return False
            seen = charset.union(seen, options)
        return all(deterministic(branch, follow) for branch in node.branches)
    if isinstance(node, Repeat):
        if node.max == 0:
            return True
        again = first(node.body, follow)
        if node.max != node.min and (nullable(node.body) or charset.intersects(again, follow)):
            return False
        after = follow if node.max == 1 else charset.union(again, follow)
        return deterministic(node.body, after)
    if isinstance(node, Group | Look):
        return deterministic(node.body, follow if isinstance(node, Group) else ACCEPT)
    return True


def anchored(node: Node) -> bool:
    """Every match starts with `^`: `re.search` fails at once at every other offset."""
    if isinstance(node, Assertion):
        return node.kind == "start"
    if isinstance(node, Sequence):
        return bool(node.items) and anchored(node.items[0])
    if isinstance(node, Alternation):
        return all(anchored(branch) for branch in node.branches)
    if isinstance(node, Group):
        return anchored(node.body)
    return False


def _cannot_fail(node: Node) -> bool:
    """Matches empty wherever it is tried (so what comes before it is never retried)."""
    if isinstance(node, Sequence):
        return all(_cannot_fail(item) for item in node.items)
    if isinstance(node, Alternation):
        return any(_cannot_fail(branch) for branch in node.branches)
    if isinstance(node, Repeat):
        return node.min == 0 or _cannot_fail(node.body)
    if isinstance(node, Group):
        return _cannot_fail(node.body)
    return False


def unbounded_only_at_the_end(node: Node, at_end: bool = True) -> bool:
    """Every unbounded repetition is followed by nothing that can fail."""
    if isinstance(node, Sequence):
        ok = True
        for position, item in enumerate(node.items):
            rest = all(_cannot_fail(later) for later in node.items[position + 1 :])
            ok = ok and unbounded_only_at_the_end(item, at_end and rest)
        return ok
    if isinstance(node, Repeat):
        if node.max is None and not at_end:
            return False
        return unbounded_only_at_the_end(node.body, at_end and node.min <= 1)
    if isinstance(node, Look):
        return unbounded_only_at_the_end(node.body, True)
    return all(unbounded_only_at_the_end(child, at_end) for child in children(node))


def linear_on_backtracking(node: Node) -> bool:
    """Python's `re.search` takes time linear in the input's length for this pattern."""
    return deterministic(node) and (anchored(node) or unbounded_only_at_the_end(node))


def worst_case(node: Node) -> str:
    """A derived bound on `re.search`'s time for the input length n, for lint's report."""
    if linear_on_backtracking(node):
        return "O(n)"
    if deterministic(node):
        return "O(n^2)"
    return "exponential" if _nested_choice(node) else "polynomial"


def _nested_choice(node: Node, inside_loop: bool = False) -> bool:
    if isinstance(node, Repeat) and node.max != node.min:
        if inside_loop and (node.max is None or node.max > 1):
            return True
        return _nested_choice(node.body, inside_loop or node.max is None or (node.max or 0) > 1)
    if isinstance(node, Alternation) and inside_loop:
        return True
    return any(_nested_choice(child, inside_loop) for child in children(node))
