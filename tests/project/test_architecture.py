"""The package shows its plan: every module sits in the folder of its stage, imports run one way
(data → checks → render → publish, then the editors' tools and the MkDocs adapter, then the
command line), nothing imports itself round a circle, and only the adapter imports MkDocs, so a
move off Material (end of life May 2027) only touches ``microsite.mkdocs_plugin``.

Imports are read with ``ast`` from the source, those inside functions included: an import
deferred into a function is still a dependency.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import REPO

PACKAGE = REPO / "src" / "microsite"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("data",),
    ("checks",),
    ("render",),
    ("publish",),
    ("editing", "mkdocs_plugin"),
    ("cli",),
)
"""Stages in the order data passes through them. A module imports from its own stage and from
earlier layers only; the two stages of one layer do not import each other."""

TOP_LEVEL_MODULES = {"__init__", "cli"}
MKDOCS_PACKAGES = {"mkdocs", "material", "mkdocs_static_i18n", "properdocs"}
RANK = {stage: rank for rank, layer in enumerate(LAYERS) for stage in layer}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "__pycache__" not in p.parts}


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, as dotted names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(
        ".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            # ``from microsite.data import loading`` imports the module microsite.data.loading
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def project_imports() -> dict[str, set[str]]:
    """Module → the project's modules it imports."""
    known = modules()
    graph = {}
    for name, path in known.items():
        graph[name] = {target for target in imports(path) if target in known and target != name}
    return graph


def stage(name: str) -> str:
    """``microsite.data.loading`` → ``data``; ``microsite.cli`` → ``cli``."""
    return name.split(".")[1]


def test_every_module_sits_in_a_stage_folder() -> None:
    misplaced = []
    for name, path in modules().items():
        parts = name.split(".")
        if len(parts) == 1:
            continue  # the package itself
        if len(parts) == 2 and path.name != "__init__.py":
            if parts[1] not in TOP_LEVEL_MODULES:
                misplaced.append(str(path.relative_to(REPO)))
        elif parts[1] not in RANK:
            misplaced.append(str(path.relative_to(REPO)))
    assert misplaced == [], f"modules outside the stage folders {sorted(RANK)}: {misplaced}"
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(RANK) - {"cli"}, "every stage has its folder, and nothing else does"


@pytest.mark.parametrize("folder", sorted(set(RANK) - {"cli"}))
def test_each_folder_says_its_job_in_one_line(folder: str) -> None:
    init = PACKAGE / folder / "__init__.py"
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert docstring, f"{init.relative_to(REPO)} says what the folder is for"
    assert "\n" not in docstring.strip(), f"{init.relative_to(REPO)}: one line"


def test_imports_run_one_way_between_stages() -> None:
    backwards = []
    for name, targets in project_imports().items():
        if name == "microsite":
            assert not targets, "the package's __init__ imports nothing"
            continue
        for target in targets:
            if target == "microsite":
                continue
            own, other = stage(name), stage(target)
            if own != other and RANK[other] >= RANK[own]:
                backwards.append(f"{name} -> {target}")
    assert backwards == [], "imports against the stage order " + " → ".join(
        "/".join(layer) for layer in LAYERS) + ":\n" + "\n".join(sorted(backwards))


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
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
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle() -> None:
    assert circles(project_imports()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_only_the_adapter_imports_mkdocs() -> None:
    outside = []
    for name, path in modules().items():
        if name.startswith("microsite.mkdocs_plugin"):
            continue
        used = {target.split(".")[0] for target in imports(path)} & MKDOCS_PACKAGES
        if used:
            outside.append(f"{name}: {sorted(used)}")
    assert outside == []


PROBE = """
import importlib, pkgutil, sys
sys.modules["mkdocs"] = None  # any import of MkDocs now fails
sys.modules["material"] = None
sys.modules["mkdocs_static_i18n"] = None
import microsite
names = [m.name for m in pkgutil.walk_packages(microsite.__path__, "microsite.")
         if not m.name.startswith("microsite.mkdocs_plugin")]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_everything_but_the_adapter_imports_without_mkdocs() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 40  # every module outside the adapter was imported


ADAPTER_LINES = 230
"""A third of the 690 lines the plugin had when it injected pages and filled template context
itself (issue 21); the work is in the engine-free stage and finish steps now."""


def test_the_adapter_stays_thin() -> None:
    lines = sum(len(path.read_text(encoding="utf-8").splitlines())
                for path in (PACKAGE / "mkdocs_plugin").glob("*.py"))
    assert 0 < lines <= ADAPTER_LINES, lines
