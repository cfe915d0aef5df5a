# ECMA-262 (2024), section 22.2.1: the syntax of a Pattern read with the u flag, so without the
# leniency of Annex B ("\a", a lone "{" or "]"). One pass without recursion: a long or deeply nested
# string costs linear time.
_REGEX_SYNTAX_CHARACTERS = frozenset("^$\\.*+?()[]{}|")
_REGEX_NAMES = {kind: frozenset(names.split()) for kind, names in _REGEX_PROPERTY_NAMES.items()}
_REGEX_PROPERTY = re.compile(r"([A-Za-z_]+)(?:=([A-Za-z0-9_]+))?")
_REGEX_QUANTIFIER = re.compile(r"\{([0-9]++)(,([0-9]*+))?\}")


def _regex_number(digits: str) -> tuple[int, str]:
    """A decimal numeral as a key that orders like its value, without int() (limited to 4,300 digits)."""
    digits = digits.lstrip("0")
    return len(digits), digits


class _RegexSyntax:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.at = 0
        self.groups = 0
        self.names: set[str] = set()
        self.backreferences: list[tuple[int, str]] = []
        self.named_references: set[str] = set()

    def ok(self) -> bool:
        pattern = self.pattern
        lookarounds = [False]  # for every open group, whether it is a lookaround; the first stands for the whole
        quantifiable = False  # whether the term just read may take a quantifier
        while self.at < len(pattern):
            char = pattern[self.at]
            if char == "|":
                quantifiable = False
                self.at += 1
            elif char == "(":
                lookaround = self._group_opening()
                if lookaround is None:
                    return False
                lookarounds.append(lookaround)
                quantifiable = False
            elif char == ")":
                if len(lookarounds) == 1:
                    return False
                quantifiable = not lookarounds.pop()  # with the u flag a lookaround takes no quantifier
                self.at += 1
            elif char in "*+?{":
                if not quantifiable or not self._quantifier():
                    return False
                quantifiable = False
            elif char in "^$":
                quantifiable = False
                self.at += 1
            elif char == "\\":
                if pattern[self.at + 1 : self.at + 2] in ("b", "B"):
                    quantifiable = False
                    self.at += 2
                elif self._escape(in_class=False) is None:
                    return False
                else:
                    quantifiable = True
            elif char == "[":
                if not self._class():
                    return False
                quantifiable = True
            elif char in ")]}":
                return False
            else:
                quantifiable = True
                self.at += 1
        if len(lookarounds) != 1 or not self.named_references <= self.names:
            return False
        return all(number <= _regex_number(str(self.groups)) for number in self.backreferences)

    def _quantifier(self) -> bool:
        if self.pattern[self.at] == "{":
            match = _REGEX_QUANTIFIER.match(self.pattern, self.at)
            if match is None:
                return False
            low, comma, high = match.groups()
            if comma and high and _regex_number(high) < _regex_number(low):
                return False
            self.at = match.end()
        else:
            self.at += 1
        if self.pattern[self.at : self.at + 1] == "?":
            self.at += 1
        return True

    def _group_opening(self) -> bool | None:
        """Read "(" and what follows it up to the group's contents; whether it is a lookaround, or None."""
        pattern, at = self.pattern, self.at + 1
        if pattern[at : at + 1] != "?":
            self.groups += 1
            self.at = at
            return False
        for opening in ("?=", "?!", "?<=", "?<!"):
            if pattern.startswith(opening, at):
                self.at = at + len(opening)
                return True
        if pattern.startswith("?<", at):
            self.at = at + 1
            name = self._group_name()
            if name is None or name in self.names:
                return None
            self.names.add(name)
            self.groups += 1
            return False
        if pattern.startswith("?:", at):
            self.at = at + 2
            return False
        return None  # "(?i)", "(?P<name>", "(?#": not ECMA-262

    def _group_name(self) -> str | None:
        """Read "<name>" at the cursor (after "(?" or "\\k"): an identifier, escapes allowed."""
        pattern = self.pattern
        if pattern[self.at : self.at + 1] != "<":
            return None
        self.at += 1
        name = ""
        while self.at < len(pattern) and pattern[self.at] != ">":
            char = pattern[self.at]
            if char == "\\":
                if pattern[self.at + 1 : self.at + 2] != "u":
                    return None
                self.at += 2
                code = self._unicode_escape()
                if code is None:
                    return None
                char = chr(code)
            else:
                self.at += 1
            if not (char in "$_" or (char.isidentifier() if not name else ("a" + char).isidentifier() or char in "\u200c\u200d")):
                return None
            name += char
        if not name or self.at >= len(pattern):
            return None
        self.at += 1
        return name

    def _unicode_escape(self) -> int | None:
        """After "\\u": "{hex}" up to 10FFFF, or four hex digits (a surrogate pair of two such escapes is one code point)."""
        pattern, at = self.pattern, self.at
        if pattern[at : at + 1] == "{":
            end = pattern.find("}", at)
            digits = pattern[at + 1 : end] if end > 0 else ""
            if not digits or not all(c in "0123456789abcdefABCDEF" for c in digits):
                return None
            digits = digits.lstrip("0") or "0"
            if len(digits) > 6 or int(digits, 16) > 0x10FFFF:
                return None
            self.at = end + 1
            return int(digits, 16)
        code = _regex_hex(pattern[at : at + 4], 4)
        if code is None:
            return None
        self.at = at + 4
        if 0xD800 <= code <= 0xDBFF and pattern.startswith("\\u", self.at):
            low = _regex_hex(pattern[self.at + 2 : self.at + 6], 4)
            if low is not None and 0xDC00 <= low <= 0xDFFF:
                self.at += 6
                return 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        return code

    def _escape(self, in_class: bool) -> int | bool | None:
        """Read an escape at the cursor ("\\"): the code point it stands for, True for a set of
        characters (\\d, \\p{...}, a back reference), or None if it is not ECMA-262 syntax."""
        pattern = self.pattern
        char = pattern[self.at + 1 : self.at + 2]
        self.at += 2
        if not char:
            return None
        if char in _REGEX_SYNTAX_CHARACTERS or char == "/" or (in_class and char == "-"):
            return ord(char)
        if char in "dDsSwW":
            return True
        if char in "fnrtv":
            return ord({"f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}[char])
        if char == "b" and in_class:
            return 8
        if char == "0":
            return None if "0" <= pattern[self.at : self.at + 1] <= "9" else 0
        if "1" <= char <= "9" and not in_class:
            start = self.at - 1
            while self.at < len(pattern) and "0" <= pattern[self.at] <= "9":
                self.at += 1
            self.backreferences.append(_regex_number(pattern[start : self.at]))
            return True
        if char == "c":
            letter = pattern[self.at : self.at + 1]
            if not (letter.isascii() and letter.isalpha()):
                return None
            self.at += 1
            return ord(letter) % 32
        if char == "x":
            code = _regex_hex(pattern[self.at : self.at + 2], 2)
            self.at += 2
            return code
        if char == "u":
            return self._unicode_escape()
        if char == "k" and not in_class:
            name = self._group_name()
            if name is None:
                return None
            self.named_references.add(name)
            return True
        if char in ("p", "P"):
            end = pattern.find("}", self.at)
            if pattern[self.at : self.at + 1] != "{" or end < 0:
                return None
            match = _REGEX_PROPERTY.fullmatch(pattern, self.at + 1, end)
            self.at = end + 1
            if match is None:
                return None
            name, value = match.groups()
            if value is None:
                known = name in _REGEX_NAMES["general_category"] or name in _REGEX_NAMES["binary"]
            elif name in ("General_Category", "gc"):
                known = value in _REGEX_NAMES["general_category"]
            else:
                known = name in ("Script", "sc", "Script_Extensions", "scx") and value in _REGEX_NAMES["script"]
            return True if known else None
        return None

    def _class(self) -> bool:
        """Read a character class "[...]" at the cursor: ranges run between single characters, upwards."""
        pattern = self.pattern
        self.at += 2 if pattern.startswith("[^", self.at) else 1
        while self.at < len(pattern):
            if pattern[self.at] == "]":
                self.at += 1
                return True
            low = self._class_atom()
            if low is None:
                return False
            if pattern[self.at : self.at + 1] == "-" and pattern[self.at + 1 : self.at + 2] not in ("]", ""):
                self.at += 1
                high = self._class_atom()
                if high is None or low is True or high is True or high < low:
                    return False
        return False

    def _class_atom(self) -> int | bool | None:
        char = self.pattern[self.at]
        if char == "\\":
            return self._escape(in_class=True)
        self.at += 1
        return ord(char)


def _regex_hex(digits: str, size: int) -> int | None:
    if len(digits) != size or not all(c in "0123456789abcdefABCDEF" for c in digits):
        return None
    return int(digits, 16)


def _format_regex(value: str) -> bool:
    return _RegexSyntax(value).ok()
