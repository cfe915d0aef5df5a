"""The one-way house, checked over the real import graph: no cycles anywhere in generator/, and
no renderer or importer that knows Runware's names (spec/runware.py decides them)."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

from generator.spec import runware

ROOT = Path(__file__).resolve().parents[2]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm), plus
    modules that import themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _graph() -> dict[str, set[str]]:
    # an import under `if TYPE_CHECKING:` only names a type for annotations: it never runs
    graph = grimp.build_graph("generator", cache_dir=None, exclude_type_checking_imports=True)
    return {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}


def test_the_generator_has_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _runware_names() -> set[str]:
    """Runware's distinctive names (camelCase or PascalCase: `taskUUID`, `StreamChunk`); plain
    words such as `model` or `settings` say nothing about who knows what."""
    values = [value for value in vars(runware).values() if isinstance(value, str)] + list(runware.API_OPTIONS)
    return {value for value in values if value.isidentifier() and not value.islower()}


def _string_literals(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_renderers_and_the_importer_do_not_know_runware_names() -> None:
    names = _runware_names()
    assert {"taskUUID", "numberResults", "StreamChunk", "GetResponseResult"} <= names
    modules = [
        *sorted((ROOT / "generator" / "render").glob("*.py")),
        *sorted((ROOT / "generator" / "tools" / "importer").glob("*.py")),
    ]
    known = {path.relative_to(ROOT).as_posix(): sorted(_string_literals(path) & names) for path in modules}
    assert {path: found for path, found in known.items() if found} == {}
