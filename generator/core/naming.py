"""Python names for spec names: identifiers that are valid, never keywords, and never collide."""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections.abc import Iterable

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[\W_]+", re.ASCII)


def words(name: str) -> list[str]:
    """`taskUUID` -> ['task', 'UUID']; `webhookURL` -> ['webhook', 'URL']; `max-tokens` -> ['max', 'tokens']."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    spaced = _WORD_BOUNDARY.sub(" ", ascii_name)
    return _SEPARATORS.sub(" ", spaced).split()


def _safe(identifier: str, fallback: str) -> str:
    if not identifier:
        identifier = fallback
    if identifier[0].isdigit():
        identifier = f"{fallback}_{identifier}"
    if keyword.iskeyword(identifier) or keyword.issoftkeyword(identifier):
        identifier += "_"
    return identifier


def snake(name: str, fallback: str = "field") -> str:
    """A snake_case identifier: `taskUUID` -> `task_uuid`, `class` -> `class_`, `2x` -> `field_2x`."""
    return _safe("_".join(word.lower() for word in words(name)), fallback)


def pascal(name: str, fallback: str = "Model") -> str:
    """A PascalCase identifier: `text-inference result` -> `TextInferenceResult`."""
    return _safe("".join(word[:1].upper() + word[1:] for word in words(name)), fallback)


# Names a generated models module imports or that Python gives meaning to: a class must not take them.
_TAKEN_CLASS_NAMES = frozenset(
    {
        "None", "True", "False", "Any", "Annotated", "Literal", "Optional", "Union", "BaseModel", "RootModel",
        "ConfigDict", "Field", "MISSING", "StrictStr", "StrictInt", "StrictFloat", "StrictBool",
    }
)  # fmt: skip


def class_name(name: str) -> str:
    """A class name that datamodel-code-generator keeps as it is: PascalCase letters and digits only,
    not a keyword nor a name the module imports (`None` -> `NoneModel`)."""
    pascal_name = "".join(word[:1].upper() + word[1:] for word in words(name)) or "Model"
    if pascal_name[0].isdigit():
        pascal_name = "Model" + pascal_name
    if keyword.iskeyword(pascal_name) or keyword.issoftkeyword(pascal_name) or pascal_name in _TAKEN_CLASS_NAMES:
        pascal_name += "Model"
    return pascal_name


# The modules a generated package imports, with theirs: a package of the same name would shadow one
# (or be shadowed), and `import httpx` inside the client would find the wrong code.
CLIENT_DEPENDENCY_MODULES = frozenset(
    {
        "httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi", "pydantic", "pydantic_core",
        "annotated_types", "typing_extensions", "typing_inspection",
    }
)  # fmt: skip


def package(model_id: str) -> str:
    """The Python package a model's code is generated into: `zai-glm-4-7` -> `zai_glm_4_7`; a name
    the standard library or a client dependency already uses gets `_model`: `json` -> `json_model`."""
    name = snake(model_id, fallback="model")
    while name in sys.stdlib_module_names or name in CLIENT_DEPENDENCY_MODULES:
        name += "_model"
    return name


def unique(names: Iterable[str], taken: Iterable[str] = (), separator: str = "_") -> list[str]:
    """The names in order, each made distinct from those before it (and from `taken`) with a
    number: `top_k`, `top_k_2`; with `separator=""`, `Settings`, `Settings2` (for class names,
    which datamodel-code-generator would otherwise rewrite)."""
    seen = set(taken)
    result = []
    for name in names:
        candidate, number = name, 2
        while candidate in seen:
            candidate, number = f"{name}{separator}{number}", number + 1
        seen.add(candidate)
        result.append(candidate)
    return result
