"""A parser of ECMA-262 patterns as read with the `u` flag (JSON Schema's reading), to `nodes`.

It follows the grammar of ECMA-262 §22.2.1 with [+UnicodeMode, +NamedCaptureGroups]: no Annex B
leniency, so `a{,2}`, `a++`, `(?#c)`, `\\a`, a lone `{` or `]` and `\\-` outside a class are syntax
errors, as node's `new RegExp(p, "u")` says. Errors carry the offset where reading stopped.
"""

from __future__ import annotations

from generator.compiler.patterns import charset
from generator.compiler.patterns.errors import PatternSyntaxError
from generator.compiler.patterns.nodes import (
    EMPTY,
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
)
from generator.compiler.patterns.unicode import Ranges, UnknownPropertyError, property_ranges

_SYNTAX = frozenset("^$\\.*+?()[]{}|")
_CONTROL = {"f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B}
_HEX = frozenset("0123456789abcdefABCDEF")
_DIGITS = frozenset("0123456789")
_ID_START = charset.union(property_ranges("ID_Start", None), charset.single(ord("$")), charset.single(ord("_")))
_ID_CONTINUE = charset.union(property_ranges("ID_Continue", None), charset.single(ord("$")), ((0x200C, 0x200D),))


def _contains(ranges: Ranges, code: int) -> bool:
    return any(first <= code <= last for first, last in ranges)


def _joined(text: str) -> list[int]:
    """The code points of `text`, a surrogate pair taken as the one code point it encodes."""
    codes = [ord(c) for c in text]
    joined: list[int] = []
    i = 0
    while i < len(codes):
        code = codes[i]
        if 0xD800 <= code <= 0xDBFF and i + 1 < len(codes) and 0xDC00 <= codes[i + 1] <= 0xDFFF:
            joined.append(0x10000 + ((code - 0xD800) << 10) + (codes[i + 1] - 0xDC00))
            i += 2
        else:
            joined.append(code)
            i += 1
    return joined


def parse(pattern: str) -> ParsedPattern:
    """The pattern's tree; PatternSyntaxError where ECMA-262 (u flag) rejects it."""
    return _Parser(pattern).parse()


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.source = pattern
        self.codes = _joined(pattern)
        self.text = "".join(chr(c) if not 0xD800 <= c <= 0xDFFF else "\ufffd" for c in self.codes)
        self.i = 0
        self.groups = 0
        self.names: dict[str, int] = {}
        self.references: list[BackReference] = []

    # -- reading
    def error(self, message: str, position: int | None = None) -> PatternSyntaxError:
        return PatternSyntaxError(message, self.source, self.i if position is None else position)

    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.text[j] if j < len(self.text) else ""

    def eat(self, expected: str) -> bool:
        if self.text.startswith(expected, self.i):
            self.i += len(expected)
            return True
        return False

    def parse(self) -> ParsedPattern:
        root = self.disjunction()
        if self.i < len(self.text):
            raise self.error("unmatched ')'" if self.peek() == ")" else f"unexpected {self.peek()!r}")
        for reference in self.references:
            if reference.name is not None:
                if reference.name not in self.names:
                    raise self.error(f"no group named {reference.name!r}", reference.position)
                reference.index = self.names[reference.name]
            elif reference.index > self.groups:
                raise self.error(f"\\{reference.index} refers to no group", reference.position)
        return ParsedPattern(self.source, root, self.groups, dict(self.names))

    # -- structure
    def disjunction(self) -> Node:
        branches = [self.alternative()]
        while self.eat("|"):
            branches.append(self.alternative())
        return branches[0] if len(branches) == 1 else Alternation(tuple(branches))

    def alternative(self) -> Node:
        items: list[Node] = []
        while self.i < len(self.text) and self.peek() not in ("|", ")"):
            items.append(self.term())
        return items[0] if len(items) == 1 else Sequence(tuple(items))

    def term(self) -> Node:
        start = self.i
        atom, quantifiable = self.atom()
        quantified = self.quantifier(atom)
        if quantified is not atom and not quantifiable:
            raise self.error("an assertion cannot be repeated", start)
        return quantified

    def quantifier(self, atom: Node) -> Node:
        char = self.peek()
        start = self.i
        if char in ("*", "+", "?"):
            self.i += 1
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
        elif char == "{":
            bounds = self.braces()
            if bounds is None:
                raise self.error("a lone '{' (write \\{ for the character)")
            low, high = bounds
        else:
            return atom
        greedy = not self.eat("?")
        if high is not None and low > high:
            raise self.error("numbers out of order in {} quantifier", start)
        if self.peek() in ("*", "+", "?") or (self.peek() == "{" and self.braces(peek_only=True) is not None):
            raise self.error("nothing to repeat")
        return Repeat(atom, low, high, greedy)

    def braces(self, peek_only: bool = False) -> tuple[int, int | None] | None:
        """`{n}`, `{n,}` or `{n,m}` at the current offset, or None when it is not one."""
        j = self.i + 1
        low_start = j
        while j < len(self.text) and self.text[j] in _DIGITS:
            j += 1
        if j == low_start:
            return None
        low = int(self.text[low_start:j])
        high: int | None = low
        if j < len(self.text) and self.text[j] == ",":
            j += 1
            high_start = j
            while j < len(self.text) and self.text[j] in _DIGITS:
                j += 1
            high = int(self.text[high_start:j]) if j > high_start else None
        if j >= len(self.text) or self.text[j] != "}":
            return None
        if not peek_only:
            self.i = j + 1
        return low, high

    def atom(self) -> tuple[Node, bool]:
        """The next atom, and whether a quantifier may follow it."""
        char = self.peek()
        start = self.i
        if char == "^":
            self.i += 1
            return Assertion("start"), False
        if char == "$":
            self.i += 1
            return Assertion("end"), False
        if char == ".":
            self.i += 1
            return CharSet(charset.DOT), True
        if char == "(":
            return self.group()
        if char == "[":
            return CharSet(self.char_class()), True
        if char == "\\":
            return self.atom_escape()
        if char in ("*", "+", "?"):
            raise self.error("nothing to repeat")
        if char == "{":
            raise self.error("nothing to repeat" if self.braces(peek_only=True) else "a lone '{' (write \\{ for it)")
        if char in ("}", "]"):
            raise self.error(f"a lone {char!r} (write \\{char} for it)")
        self.i += 1
        return CharSet(charset.single(self.codes[start])), True

    def group(self) -> tuple[Node, bool]:
        start = self.i
        self.i += 1
        if self.eat("?"):
            for prefix, ahead, negative in (
                ("=", True, False),
                ("!", True, True),
                ("<=", False, False),
                ("<!", False, True),
            ):
                if self.eat(prefix):
                    body = self.disjunction()
                    self.close(start)
                    return Look(body, ahead, negative), False
            if self.eat(":"):
                body = self.disjunction()
                self.close(start)
                return body if not isinstance(body, Sequence) or body.items else EMPTY, True
            if self.eat("<"):
                name = self.group_name()
                if name in self.names:
                    raise self.error(f"duplicate group name {name!r}", start)
                self.groups += 1
                index = self.groups
                self.names[name] = index
                body = self.disjunction()
                self.close(start)
                return Group(body, index, name), True
            raise self.error("invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'")
        self.groups += 1
        index = self.groups
        body = self.disjunction()
        self.close(start)
        return Group(body, index), True

    def close(self, start: int) -> None:
        if not self.eat(")"):
            raise self.error("unterminated group", start)

    def group_name(self) -> str:
        """A RegExpIdentifierName up to and including its `>`."""
        name: list[str] = []
        while not self.eat(">"):
            if self.i >= len(self.text):
                raise self.error("unterminated group name")
            position = self.i
            if self.eat("\\"):
                if not self.eat("u"):
                    raise self.error("invalid escape in a group name", position)
                code = self.unicode_escape(position)
            else:
                code = self.codes[self.i]
                self.i += 1
            allowed = _ID_CONTINUE if name else _ID_START
            if not _contains(allowed, code):
                raise self.error("invalid character in a group name", position)
            name.append(chr(code))
        if not name:
            raise self.error("empty group name")
        return "".join(name)

    # -- escapes
    def atom_escape(self) -> tuple[Node, bool]:
        start = self.i
        self.i += 1
        char = self.peek()
        if char == "":
            raise self.error("\\ at end of pattern", start)
        if char == "b" or char == "B":
            self.i += 1
            return Assertion("word" if char == "b" else "not-word"), False
        if char in "123456789":
            j = self.i
            while j < len(self.text) and self.text[j] in _DIGITS:
                j += 1
            reference = BackReference(int(self.text[self.i : j]), position=start)
            self.i = j
            self.references.append(reference)
            return reference, True
        if char == "k":
            self.i += 1
            if not self.eat("<"):
                raise self.error("\\k must be followed by <name>", start)
            reference = BackReference(0, self.group_name(), position=start)
            self.references.append(reference)
            return reference, True
        return CharSet(self.class_or_character_escape(start, in_class=False)), True

    def class_or_character_escape(self, start: int, in_class: bool) -> Ranges:
        """After a backslash (at `start`): a class escape's set, or one escaped character."""
        char = self.peek()
        if char in charset.CLASS_ESCAPES:
            self.i += 1
            return charset.CLASS_ESCAPES[char]
        if char in ("p", "P"):
            self.i += 1
            ranges = self.property(start)
            return charset.complement(ranges) if char == "P" else ranges
        return charset.single(self.character_escape(start, in_class))

    def character_escape(self, start: int, in_class: bool) -> int:
        char = self.peek()
        self.i += 1
        if char in _CONTROL:
            return _CONTROL[char]
        if char == "c":
            letter = self.peek()
            if letter.isascii() and letter.isalpha():
                self.i += 1
                return ord(letter) % 32
            raise self.error("\\c must be followed by an ASCII letter", start)
        if char == "0":
            if self.peek() in _DIGITS:
                raise self.error("octal escapes are not allowed", start)
            return 0
        if char == "x":
            digits = self.text[self.i : self.i + 2]
            if len(digits) == 2 and all(d in _HEX for d in digits):
                self.i += 2
                return int(digits, 16)
            raise self.error("\\x must be followed by two hex digits", start)
        if char == "u":
            return self.unicode_escape(start)
        if char in _SYNTAX or char == "/" or (in_class and char == "-"):
            return self.codes[self.i - 1]
        if in_class and char in _DIGITS:
            raise self.error("a backreference or octal escape inside a class", start)
        raise self.error(f"invalid escape \\{char}", start)

    def unicode_escape(self, start: int) -> int:
        """After `\\u`: `{hex}` or four hex digits, a surrogate pair of escapes read as one code point."""
        if self.eat("{"):
            j = self.i
            while j < len(self.text) and self.text[j] in _HEX:
                j += 1
            if j == self.i or j >= len(self.text) or self.text[j] != "}" or int(self.text[self.i : j], 16) > 0x10FFFF:
                raise self.error("invalid \\u{...} escape", start)
            code = int(self.text[self.i : j], 16)
            self.i = j + 1
            return code
        code = self.four_hex(start)
        if 0xD800 <= code <= 0xDBFF and self.text.startswith("\\u", self.i):
            saved = self.i
            self.i += 2
            digits = self.text[self.i : self.i + 4]
            if len(digits) == 4 and all(d in _HEX for d in digits) and 0xDC00 <= int(digits, 16) <= 0xDFFF:
                self.i += 4
                return 0x10000 + ((code - 0xD800) << 10) + (int(digits, 16) - 0xDC00)
            self.i = saved
        return code

    def four_hex(self, start: int) -> int:
        digits = self.text[self.i : self.i + 4]
        if len(digits) == 4 and all(d in _HEX for d in digits):
            self.i += 4
            return int(digits, 16)
        raise self.error("\\u must be followed by four hex digits or {...}", start)

    def property(self, start: int) -> Ranges:
        if not self.eat("{"):
            raise self.error("\\p needs a property in braces: \\p{Name}", start)
        end = self.text.find("}", self.i)
        if end < 0:
            raise self.error("unterminated \\p{...}", start)
        body = self.text[self.i : end]
        name, equals, value = body.partition("=")
        if (
            not name
            or (equals and not value)
            or not all(c.isascii() and (c.isalnum() or c == "_") for c in name + value)
        ):
            raise self.error(f"invalid property escape \\p{{{body}}}", start)
        try:
            ranges = property_ranges(name, value if equals else None)
        except UnknownPropertyError as error:
            raise self.error(str(error), start) from None
        self.i = end + 1
        return ranges

    # -- classes
    def char_class(self) -> Ranges:
        start = self.i
        self.i += 1
        negated = self.eat("^")
        parts: list[Ranges] = []
        while not self.eat("]"):
            if self.i >= len(self.text):
                raise self.error("unterminated character class", start)
            first_start = self.i
            first = self.class_atom()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                last_start = self.i
                last = self.class_atom()
                if first[1] or last[1]:
                    raise self.error("a class escape cannot bound a range", first_start if first[1] else last_start)
                low, high = first[0][0][0], last[0][0][0]
                if low > high:
                    raise self.error("range out of order in character class", first_start)
                parts.append(((low, high),))
            else:
                parts.append(first[0])
        ranges = charset.union(*parts)
        return charset.complement(ranges) if negated else ranges

    def class_atom(self) -> tuple[Ranges, bool]:
        """One class atom, and whether it is a class escape (a set rather than one character)."""
        start = self.i
        if self.eat("\\"):
            char = self.peek()
            if char == "":
                raise self.error("\\ at end of pattern", start)
            if char == "b":
                self.i += 1
                return charset.single(8), False
            is_set = char in charset.CLASS_ESCAPES or char in ("p", "P")
            return self.class_or_character_escape(start, in_class=True), is_set
        code = self.codes[self.i]
        self.i += 1
        return charset.single(code), False
