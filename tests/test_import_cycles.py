"""pmkit's modules import one another without cycles, counting imports inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "pmkit"

KNOWN: list[frozenset[str]] = []
"""Cycles tolerated for now, each a set of modules that import one another: none."""


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of pmkit: dotted name -> (file, whether it is a package)."""
    found: dict[str, tuple[Path, bool]] = {}
    for path in sorted((SOURCE / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts.pop()
        found[".".join(parts)] = (path, package)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import anywhere in ``tree`` (in functions too), except under ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return found


def _resolve(
    node: ast.Import | ast.ImportFrom, module: str, package: bool, known: set[str]
) -> set[str]:
    """The pmkit modules an import statement in ``module`` loads."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
        return {_nearest(name, known) for name in names if name.split(".")[0] == PACKAGE}
    if node.level:
        base = module.split(".") if package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        origin = ".".join([*base, node.module] if node.module else base)
    else:
        origin = node.module or ""
    if origin.split(".")[0] != PACKAGE:
        return set()
    targets = set()
    for alias in node.names:
        submodule = f"{origin}.{alias.name}"
        targets.add(submodule if submodule in known else _nearest(origin, known))
    return targets


def _nearest(name: str, known: set[str]) -> str:
    """``name`` if it is a module, else the closest package or module above it."""
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def import_graph() -> dict[str, set[str]]:
    """Which pmkit modules each pmkit module imports."""
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, (path, package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets: set[str] = set()
        for node in _imports(tree):
            targets |= _resolve(node, name, package, known)
        targets.discard(name)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(start: str) -> None:
        # Iterative, so that a long chain of imports cannot exhaust the recursion limit.
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def test_no_import_cycles() -> None:
    found = [cycle for cycle in cycles(import_graph()) if cycle not in KNOWN]
    assert not found, "import cycles: " + "; ".join(" <-> ".join(sorted(cycle)) for cycle in found)


def test_a_cycle_is_found_whatever_its_length() -> None:
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": set(),
        "e": {"f"},
        "f": {"e"},
        "g": {"g"},
    }
    assert sorted(sorted(cycle) for cycle in cycles(graph)) == [["a", "b", "c"], ["e", "f"]]


def test_the_graph_counts_imports_in_functions_but_not_for_type_checking() -> None:
    graph = import_graph()
    # cli/review.py imports the quarter's review inside the command...
    assert "pmkit.review.quarter" in graph["pmkit.cli.review"]
    # ...and the workspace only for type checking.
    assert "pmkit.monitoring.workspace" not in graph["pmkit.cli.review"]
    # A name imported from a package is an edge to the package; a submodule, to it.
    assert "pmkit.load" in graph["pmkit.validate"]
    assert "pmkit.cli.baseline" in graph["pmkit.cli"]


def test_relative_imports_are_resolved() -> None:
    known = {"pmkit", "pmkit.a", "pmkit.a.b", "pmkit.a.c", "pmkit.d"}
    statement = ast.parse("from . import c\nfrom ..d import thing\nfrom .b import x").body
    resolved = [_resolve(node, "pmkit.a.b", False, known) for node in statement]
    assert resolved == [{"pmkit.a.c"}, {"pmkit.d"}, {"pmkit.a.b"}]
    in_package = ast.parse("from .c import y").body[0]
    assert _resolve(in_package, "pmkit.a", True, known) == {"pmkit.a.c"}
