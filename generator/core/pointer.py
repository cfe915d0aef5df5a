"""JSON pointers (RFC 6901): building, splitting and resolving them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(*tokens: str | int) -> str:
    """`join("properties", "a/b")` is `/properties/a~1b`; no tokens is the root, `""`."""
    return "".join("/" + escape(token) for token in tokens)


def child(pointer: str, *tokens: str | int) -> str:
    return pointer + join(*tokens)


def split(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"{pointer!r} is not a JSON pointer: it must be empty or start with '/'")
    return [unescape(token) for token in pointer[1:].split("/")]


def resolve(document: Any, pointer: str) -> Any:
    """The value at `pointer`; KeyError naming the first token that leads nowhere."""
    value = document
    for token in split(pointer):
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            raise KeyError(token)
    return value


def from_tokens(tokens: Iterable[str | int]) -> str:
    return join(*tokens)
