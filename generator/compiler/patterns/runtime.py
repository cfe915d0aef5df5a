"""The linear-time matcher that generated validators include (standard library only).

`_LinearPattern(sets, program)` runs a Thompson NFA (built by automaton.py) as a lazily built DFA:
each step costs one dict lookup once the (state, character) pair has been seen, and never more
than the NFA's size, so a search takes time linear in the text whatever the pattern. Its source,
from the class on, is copied verbatim into every validator module that needs it (RUNTIME).

Instructions: (0, set, next) takes one character of `sets[set]` (flat half-open bounds:
(first, last + 1, ...));
(1, a, b) goes on at both a and b; (2, kind, next) asserts 0 start, 1 end, 2 \\b, 3 \\B;
(3,) is a match; (4, next) jumps.
"""

from __future__ import annotations

import bisect


class _LinearPattern:
    """An ECMA-262 pattern compiled to an automaton; `search` is True or None, like re's match."""

    __slots__ = ("_ids", "_program", "_rows", "_sets", "_states")

    _WORD = (48, 58, 65, 91, 95, 96, 97, 123)  # [0-9A-Z_a-z]: ECMA-262's \w and \b, as half-open bounds
    _LIMIT = 4096  # cached DFA states before the cache starts afresh (memory stays bounded)

    def __init__(self, sets: tuple[tuple[int, ...], ...], program: tuple[tuple[int, ...], ...]) -> None:
        self._sets = sets
        self._program = program
        self._states: list[tuple[tuple[int, ...], bool, bool]] = []
        self._ids: dict[tuple[tuple[int, ...], bool, bool], int] = {}
        self._rows: list[dict[str, int]] = []
        self._intern(((), False, True))

    def _intern(self, state: tuple[tuple[int, ...], bool, bool]) -> int:
        found = self._ids.get(state)
        if found is None:
            found = self._ids[state] = len(self._states)
            self._states.append(state)
            self._rows.append({})
        return found

    def _class(self, char: str) -> tuple[bool, frozenset[int]]:
        """Whether `char` is a word character, and which sets hold it."""
        code = ord(char)
        word = bisect.bisect_right(self._WORD, code) % 2 == 1
        holding = frozenset(index for index, bounds in enumerate(self._sets) if bisect.bisect_right(bounds, code) % 2)
        return word, holding

    def _closure(
        self, pending: tuple[int, ...], at_start: bool, before_word: bool, after: tuple[bool, frozenset[int]] | None
    ) -> tuple[list[int], bool]:
        """The character-taking instructions reachable from `pending` (and from the start, since the
        search may begin here), and whether a match is; `after` is the next character's class
        (None at the end of the text)."""
        program = self._program
        after_word = after is not None and after[0]
        seen: set[int] = set()
        stack = [0, *pending]
        taking = []
        matched = False
        while stack:
            pc = stack.pop()
            if pc in seen:
                continue
            seen.add(pc)
            op = program[pc]
            kind = op[0]
            if kind == 0:
                taking.append(pc)
            elif kind == 1:
                stack.append(op[2])
                stack.append(op[1])
            elif kind == 2:
                assertion = op[1]
                if (
                    (assertion == 0 and at_start)
                    or (assertion == 1 and after is None)
                    or (assertion == 2 and before_word != after_word)
                    or (assertion == 3 and before_word == after_word)
                ):
                    stack.append(op[2])
            elif kind == 3:
                matched = True
            else:
                stack.append(op[1])
        return taking, matched

    def _step(self, state: int, char: str) -> int:
        """The state after `char` (cached), or -1 when a match ends before it."""
        pending, before_word, at_start = self._states[state]
        after = self._class(char)
        taking, matched = self._closure(pending, at_start, before_word, after)
        if matched:
            return -1
        program = self._program
        following = tuple(sorted({program[pc][2] for pc in taking if program[pc][1] in after[1]}))
        if len(self._states) > self._LIMIT:
            current = self._states[state]
            self._states.clear()
            self._ids.clear()
            self._rows.clear()
            self._intern(((), False, True))
            state = self._intern(current)
        target = self._intern((following, after[0], False))
        self._rows[state][char] = target
        return target

    def search(self, text: str) -> bool | None:
        rows = self._rows
        state = 0
        for char in text:
            target = rows[state].get(char)
            if target is None:
                target = self._step(state, char)
                rows = self._rows
            if target < 0:
                return True
            state = target
        # the verdict at the end of the text is cached under "" (never a character of the text)
        end = rows[state].get("")
        if end is None:
            pending, before_word, at_start = self._states[state]
            end = rows[state][""] = -1 if self._closure(pending, at_start, before_word, None)[1] else -2
        return True if end == -1 else None
