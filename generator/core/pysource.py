"""Putting untrusted text into Python source safely: every value goes in as a literal."""

from __future__ import annotations

import ast
import re
import textwrap

_UNPRINTABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u2028\u2029\ud800-\udfff]")


def docstring(text: str, indent: str = "") -> str:
    """A triple-quoted literal whose value is `text` (wrapped), whatever `text` contains."""
    paragraphs = [
        textwrap.fill(p, width=92, break_long_words=False, break_on_hyphens=False) for p in text.strip().split("\n\n")
    ]
    body = "\n\n".join(paragraphs).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    body = _UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", body
    )
    if "\n" in body:
        body = body.replace("\n", "\n" + indent).replace("\n" + indent + "\n", "\n\n") + "\n" + indent
    return f'"""{body}"""'


def docline(text: str) -> str:
    """One line of text that can sit inside a triple-quoted docstring, whatever it contains."""
    line = " ".join(text.split()).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def comment(text: str) -> str:
    """A one-line comment body: newlines and the like cannot escape the comment."""
    return repr(text)[1:-1] if text.isprintable() else repr(text)


def check_syntax(path: str, source: str) -> None:
    """Raise SyntaxError naming `path` when `source` is not valid Python."""
    ast.parse(source, filename=path)


def isort_key(name: str) -> tuple[int, str]:
    """The order isort (and ruff) give imported names: CONSTANTS, then Classes, then functions."""
    if name.isupper() or (name.upper() == name and "_" in name):
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)
