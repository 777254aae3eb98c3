"""No import circle and no import upward, read from the source (AST) of every module of ``huabei_tui``.

The layers, lowest first: ``domain`` (the rules); the base (``strings``, ``i18n``, ``textwidth``, ``clock``,
``paths``, ``profiles``, ``record``: text, time, where files are and small immutable values, usable from every
layer above the rules); ``storage``, ``io`` and
``startup`` (the start-up frame cache); ``session`` and ``views``; the front ends ``ui``, ``cli`` and ``web``;
then the package's entry point (``__main__``). A module may import its own layer and the layers below.
Every import counts, wherever it is written — at the top, inside a function (a lazy import is still a
dependency) or under ``if TYPE_CHECKING:`` (a type is a dependency too) — as ``python ../shared/checks/structure.py``
counts them. A new top-level module or package must be given a layer here, or this test fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import huabei_tui

PACKAGE = Path(huabei_tui.__file__).parent
NAME = PACKAGE.name

LAYERS: dict[str, int] = {
    "domain": 0,
    "strings": 1, "i18n": 1, "textwidth": 1, "clock": 1, "paths": 1, "profiles": 1, "record": 1,
    "storage": 2, "io": 2, "startup": 2,
    "session": 3, "views": 3,
    "ui": 4, "cli": 4, "web": 4,
    "__main__": 5, "": 5,  # the package's __init__
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports (a ``from package import module`` names the module)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # "huabei_tui.domain.dates.Month" → the module
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def layer(module: str) -> int:
    top = module.removeprefix(NAME).removeprefix(".").split(".")[0]
    assert top in LAYERS, f"{module}: give {top!r} a layer in tests/domain/test_imports.py"
    return LAYERS[top]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import circles (strongly connected components of more than one module, or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_is_read() -> None:
    edges = graph()
    assert f"{NAME}.domain.dates" in edges[f"{NAME}.clock"]
    assert f"{NAME}.ui.registry" in edges[f"{NAME}.ui.app"]
    assert f"{NAME}.ui.screens.help" in edges[f"{NAME}.ui.app"]  # imported inside a method: still an edge
    assert f"{NAME}.storage.store" in edges[f"{NAME}.storage"]  # the package's __init__


def test_no_import_circle() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_circles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}}) == [["a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_upward() -> None:
    upward = [f"{module} ({layer(module)}) imports {target} ({layer(target)})"
              for module, targets in graph().items() for target in sorted(targets) if layer(target) > layer(module)]
    assert upward == []


def test_every_module_has_a_layer() -> None:
    for module in modules():
        layer(module)
