"""Witnesses: whole payloads that show a narrowing, built from an example payload."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from generator.tools.diff.narrowing import Narrowing


def set_path(payload: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of `payload` with `value` at `path` (arrays get an item where one is needed)."""
    if not path:
        return value
    copied = copy.deepcopy(payload)
    target = copied
    for token, following in itertools.pairwise(path):
        if isinstance(token, int):
            while len(target) <= token:
                target.append([] if isinstance(following, int) else {})
            target = target[token]
        else:
            if not isinstance(target.get(token), (dict, list)):
                target[token] = [] if isinstance(following, int) else {}
            target = target[token]
    last = path[-1]
    if isinstance(last, int):
        while len(target) <= last:
            target.append(None)
    target[last] = value
    return copied


def witness(narrowing: Narrowing, base: Any) -> Any:
    if narrowing.presence is not None:
        action, name = narrowing.presence
        parent = narrowing.path[:-1] if action == "drop" else narrowing.path
        holder = _get(base, parent)
        holder = dict(holder) if isinstance(holder, dict) else {}
        if action == "drop":
            holder.pop(name, None)
        else:
            holder[name] = 1
        return set_path(base, parent, holder)
    return set_path(base, narrowing.path, narrowing.value)


def _get(value: Any, path: tuple[str | int, ...]) -> Any:
    for token in path:
        if isinstance(token, int):
            value = value[token] if isinstance(value, list) and len(value) > token else {}
        else:
            value = value.get(token, {}) if isinstance(value, dict) else {}
    return value
