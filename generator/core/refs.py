"""`$ref` values: what they point at. Every module that follows a reference asks here."""

from __future__ import annotations

from typing import TypeGuard
from urllib.parse import unquote


def is_local(ref: object) -> TypeGuard[str]:
    """A reference into the same document: `#`, `#/$defs/Message`."""
    return isinstance(ref, str) and ref.startswith("#")


def local_pointer(ref: str) -> str:
    """The JSON pointer a local reference names: `#/$defs/My%20Name` -> `/$defs/My Name`
    (the fragment is a URI fragment, so it is percent-decoded first)."""
    if not is_local(ref):
        raise ValueError(f"{ref!r} is not a reference into this document")
    return unquote(ref[1:])


def target_name(ref: str) -> str:
    """The name a reference gives what it points at: the last token of its pointer
    (`#/$defs/Usage` -> `Usage`), else its anchor (`#node`), else the last part of its URI
    (`other.json` -> `other`, `urn:uuid:d0e2` -> `d0e2`)."""
    address, _, fragment = ref.partition("#")
    if fragment.startswith("/"):
        return unquote(fragment).rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
    if fragment:
        return unquote(fragment)
    last = address.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return last.split(".", 1)[0] or "schema"
