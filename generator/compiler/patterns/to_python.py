"""Python `re` source with exactly the meaning of an ECMA-262 pattern (u flag) for `re.search`.

Every capturing group keeps its number (groups that a backreference names also get a Python name,
`g<N>`, so that references past 99 stay unambiguous); classes are written as explicit code point
ranges; `.` excludes the four line terminators; `$` is `\\Z`; `\\b` is ASCII. A backreference to a
group that has not taken part matches empty, as in ECMA-262 (`(?(gN)(?P=gN))`).

Where Python cannot express ECMA's meaning (a variable-width lookbehind; a backreference whose
group ECMA-262 resets when its repetition goes round again, and which that iteration may skip) the
translation raises UnsupportedPatternError rather than guess.
"""

from __future__ import annotations

from generator.compiler.patterns import charset
from generator.compiler.patterns.analysis import nullable
from generator.compiler.patterns.errors import UnsupportedPatternError
from generator.compiler.patterns.nodes import (
    Alternation,
    Assertion,
    BackReference,
    CharSet,
    Group,
    Look,
    Node,
    ParsedPattern,
    Repeat,
    Sequence,
    children,
    walk,
)
from generator.compiler.patterns.unicode import Ranges

_PYTHON_MAX_REPEAT = 4_294_967_294  # sre's limit; a longer run of one string is not a real input
_WORD = "[0-9A-Z_a-z]"
# Python's \B fails on an empty string, where ECMA-262's matches: spelled out instead
_ASSERTIONS = {
    "start": "^",
    "end": "\\Z",
    "word": "(?a:\\b)",
    "not-word": f"(?:(?<!{_WORD})(?!{_WORD})|(?<={_WORD})(?={_WORD}))",
}


_CONTROLS = {"\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
_PLAIN = frozenset("_ !\"#%&',/:;<=>@`~")  # never special to Python's re, in a class or out


def code_point(code: int) -> str:
    """One character as re source: plain when harmless, `\\` + it for ASCII punctuation, else hex."""
    char = chr(code)
    if char.isascii() and (char.isalnum() or char in _PLAIN):
        return char
    if 0x21 <= code <= 0x7E:
        return "\\" + char
    if char in _CONTROLS:
        return _CONTROLS[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def class_source(ranges: Ranges) -> str:
    """A class for the set: a single character bare, else `[...]` or `[^...]`, whichever is shorter."""
    if not ranges:
        return "(?!)"
    if ranges == charset.ANY:
        return "(?s:.)"
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return code_point(ranges[0][0])
    inverse = charset.complement(ranges)
    negated = len(inverse) < len(ranges)
    shown = inverse if negated else ranges
    body = "".join(
        code_point(a) if a == b else code_point(a) + code_point(b) if b == a + 1 else f"{code_point(a)}-{code_point(b)}"
        for a, b in shown
    )
    return f"[{'^' if negated else ''}{body}]"


def width(node: Node) -> int | None:
    """How many characters the node always matches, or None when that varies."""
    if isinstance(node, CharSet):
        return 1
    if isinstance(node, Sequence):
        widths = [width(item) for item in node.items]
        return None if None in widths else sum(w for w in widths if w is not None)
    if isinstance(node, Alternation):
        lengths = {width(branch) for branch in node.branches}
        return lengths.pop() if len(lengths) == 1 else None
    if isinstance(node, Repeat):
        inner = width(node.body)
        return inner * node.min if inner is not None and (node.min == node.max or inner == 0) else None
    if isinstance(node, Group):
        return width(node.body)
    if isinstance(node, BackReference):
        return None
    return 0


class _Translator:
    def __init__(self, parsed: ParsedPattern) -> None:
        self.parsed = parsed
        self.referenced = {n.index for n in walk(parsed.root) if isinstance(n, BackReference)}
        self.order = _Order(parsed.root)

    def source(self, node: Node) -> str:
        if isinstance(node, CharSet):
            return class_source(node.ranges)
        if isinstance(node, Sequence):
            return "".join(self.wrapped(item, Alternation) for item in node.items)
        if isinstance(node, Alternation):
            return "|".join(self.source(branch) for branch in node.branches)
        if isinstance(node, Repeat):
            return self.repeat(node)
        if isinstance(node, Group):
            name = f"?P<g{node.index}>" if node.index in self.referenced else ""
            return f"({name}{self.source(node.body)})"
        if isinstance(node, Assertion):
            return _ASSERTIONS[node.kind]
        if isinstance(node, Look):
            return self.look(node)
        return self.reference(node)

    def wrapped(self, node: Node, *kinds: type) -> str:
        text = self.source(node)
        return f"(?:{text})" if isinstance(node, kinds) else text

    def repeat(self, node: Repeat) -> str:
        if node.min > _PYTHON_MAX_REPEAT:
            raise UnsupportedPatternError(f"a repetition count above {_PYTHON_MAX_REPEAT:,} is not supported")
        high = None if node.max is not None and node.max > _PYTHON_MAX_REPEAT else node.max
        body = self.source(node.body)
        if not (isinstance(node.body, CharSet | Group) or (body.startswith("(?") and _one_group(body))):
            body = f"(?:{body})"
        if (node.min, high) == (0, None):
            quantifier = "*"
        elif (node.min, high) == (1, None):
            quantifier = "+"
        elif (node.min, high) == (0, 1):
            quantifier = "?"
        elif high is None:
            quantifier = f"{{{node.min},}}"
        elif high == node.min:
            quantifier = f"{{{node.min}}}"
        else:
            quantifier = f"{{{node.min},{high}}}"
        return body + quantifier + ("" if node.greedy else "?")

    def look(self, node: Look) -> str:
        if node.ahead:
            return f"(?{'!' if node.negative else '='}{self.source(node.body)})"
        branches = node.body.branches if isinstance(node.body, Alternation) else (node.body,)
        if any(width(branch) is None for branch in branches):
            raise UnsupportedPatternError(
                "a lookbehind whose length varies is not supported (Python needs a fixed width)"
            )
        if any(isinstance(n, BackReference) for n in walk(node.body)):
            raise UnsupportedPatternError("a backreference inside a lookbehind is not supported")
        # Python wants one width per lookbehind: `(?<=a|bc)` is `(?<=a)` or `(?<=bc)`
        parts = [f"(?<{'!' if node.negative else '='}{self.source(branch)})" for branch in branches]
        if len(parts) == 1:
            return parts[0]
        return "".join(parts) if node.negative else "(?:" + "|".join(parts) + ")"

    def reference(self, node: BackReference) -> str:
        group = self.order.groups[node.index]
        if group.index in self.order.enclosing(node) or self.order.position(group) > self.order.position(node):
            return ""  # the group is open, or not yet reached: ECMA-262 matches empty
        for ancestor in self.order.ancestors(group):
            if isinstance(ancestor, Look) and (ancestor.negative or not ancestor.ahead):
                raise UnsupportedPatternError(
                    f"a backreference to group {node.index}, inside a negative lookaround or a lookbehind, is not supported"
                )
            if not isinstance(ancestor, Repeat) or ancestor.max == 1:
                continue
            if not _always_sets(ancestor.body, group) or nullable(ancestor.body):
                raise UnsupportedPatternError(
                    f"a backreference to group {node.index}, which a repetition may skip on its next round, "
                    "is not supported (ECMA-262 forgets it each round; Python keeps it)"
                )
        return f"(?(g{group.index})(?P=g{group.index}))"


def _one_group(text: str) -> bool:
    """Whether `text`, starting with `(`, is one parenthesised group (so a quantifier binds to all of it)."""
    depth = 0
    escaped = in_class = False
    for position, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return position == len(text) - 1
    return False


def _always_sets(node: Node, group: Group) -> bool:
    """Every match of `node` goes through `group`."""
    if node is group:
        return True
    if isinstance(node, Sequence):
        return any(_always_sets(item, group) for item in node.items)
    if isinstance(node, Alternation):
        return all(_always_sets(branch, group) for branch in node.branches)
    if isinstance(node, Repeat):
        return node.min >= 1 and _always_sets(node.body, group)
    if isinstance(node, Group):
        return _always_sets(node.body, group)
    return False


class _Order:
    """Parents and pattern order of every node, for the backreference rules."""

    def __init__(self, root: Node) -> None:
        self.parents: dict[int, Node] = {}
        self.positions: dict[int, int] = {}
        self.groups: dict[int, Group] = {}
        self._visit(root, None)

    def _visit(self, node: Node, parent: Node | None) -> None:
        self.positions[id(node)] = len(self.positions)
        if parent is not None:
            self.parents[id(node)] = parent
        if isinstance(node, Group):
            self.groups[node.index] = node
        for child in children(node):
            self._visit(child, node)

    def position(self, node: Node) -> int:
        return self.positions[id(node)]

    def ancestors(self, node: Node) -> list[Node]:
        found = []
        while id(node) in self.parents:
            node = self.parents[id(node)]
            found.append(node)
        return found

    def enclosing(self, node: Node) -> set[int]:
        return {a.index for a in self.ancestors(node) if isinstance(a, Group)}


def python_source(parsed: ParsedPattern) -> str:
    """The Python `re` source for the parsed pattern (to be used with `re.search`, no flags)."""
    return _Translator(parsed).source(parsed.root)
