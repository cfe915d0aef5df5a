"""Building Python source: indented blocks, fresh local names and lazily built instance paths."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class Block:
    """Lines of Python at a current indentation; `with block.indented():` opens a suite."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._depth = 0

    def line(self, text: str) -> None:
        self.lines.append("    " * self._depth + text)

    @contextmanager
    def indented(self) -> Iterator[None]:
        start = len(self.lines)
        self._depth += 1
        try:
            yield
        finally:
            if len(self.lines) == start:
                self.line("pass")
            self._depth -= 1

    @property
    def depth(self) -> int:
        return self._depth

    def __bool__(self) -> bool:
        return bool(self.lines)


class LocalNames:
    """Fresh local variable names inside one generated function."""

    def __init__(self) -> None:
        self._count = 0

    def fresh(self, stem: str) -> str:
        self._count += 1
        return f"{stem}{self._count}"


@dataclass(frozen=True)
class PathExpr:
    """A Python expression that builds an instance's JSON pointer, only evaluated on failure.

    Parts are either source expressions (`path`, `str(i)`, `_escape(k)`) or constant text, kept
    apart so that constants reach the source through `repr()` and nothing else.
    """

    parts: tuple[tuple[str, str], ...] = (("expr", "path"),)

    def constant(self, text: str) -> PathExpr:
        return PathExpr((*self.parts, ("text", text)))

    def key(self, name: str) -> PathExpr:
        return self.constant("/" + name.replace("~", "~0").replace("/", "~1"))

    def index(self, variable: str) -> PathExpr:
        return PathExpr((*self.parts, ("text", "/"), ("expr", f"str({variable})")))

    def dynamic_key(self, variable: str) -> PathExpr:
        return PathExpr((*self.parts, ("text", "/"), ("expr", f"_escape({variable})")))

    def source(self) -> str:
        merged: list[tuple[str, str]] = []
        for kind, value in self.parts:
            if merged and kind == "text" and merged[-1][0] == "text":
                merged[-1] = ("text", merged[-1][1] + value)
            else:
                merged.append((kind, value))
        return " + ".join(value if kind == "expr" else repr(value) for kind, value in merged)
