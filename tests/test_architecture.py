"""The house shows the pipeline: packages by stage, small modules, small classes, no import
circle, and one public API at the top."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

MAX_MODULE_LINES = 600
MAX_CLASS_METHODS = 25
PACKAGES = ("storymap", "gazetteer")


def project_modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the project's packages."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """Nodes under ``if TYPE_CHECKING:``: imports for annotations only, never run."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                skipped.update(id(sub) for sub in ast.walk(node))
    return skipped


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports, at module level or inside functions.
    ``from pkg import sub`` depends on ``pkg.sub`` only (not on ``pkg``'s ``__init__``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            subs = {f"{base}.{alias.name}" for alias in node.names} & modules.keys()
            found.update(subs)
            if len(subs) < len(node.names):
                found.add(base)
    return {target for target in found if target in modules and target != name}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
    return cycles


def test_no_module_is_longer_than_600_lines():
    long = {name: path.read_text(encoding="utf-8").count("\n")
            for name, path in project_modules().items()}
    assert {name: lines for name, lines in long.items() if lines > MAX_MODULE_LINES} == {}


def test_no_class_has_more_than_25_methods():
    big = []
    for name, path in project_modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods = sum(isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                              for item in node.body)
                if methods > MAX_CLASS_METHODS:
                    big.append((name, node.name, methods))
    assert big == []


def test_no_import_circle():
    modules = project_modules()
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_circle():
    """Counter-case: the check above can fail."""
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_the_story_model_imports_neither_building_nor_rendering():
    modules = project_modules()
    model = imports_of("storymap.story.model", modules["storymap.story.model"], modules)
    assert not {m for m in model if m.startswith(("storymap.render", "storymap.story.build",
                                                    "storymap.story.assemble"))}


def test_import_storymap_is_light_and_exposes_the_api():
    """``import storymap`` loads no pipeline (names come on first use), and every public
    name resolves."""
    code = (
        "import sys, storymap\n"
        "heavy = [m for m in ('storymap.geoparse', 'storymap.render.page', 'folium')"
        " if m in sys.modules]\n"
        "assert heavy == [], heavy\n"
        "names = ['geoparse', 'build_story', 'Story', 'load_story', 'render_html', 'save_map']\n"
        "assert all(callable(getattr(storymap, n)) for n in names)\n"
        "assert storymap.__version__\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr


def test_unknown_names_are_attribute_errors():
    import storymap

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        storymap.nothing  # noqa: B018
