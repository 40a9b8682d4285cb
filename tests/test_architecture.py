"""The layout keeps its promises: no import cycles, no private Hydra APIs, each behaviour
parameter read in one module, small functions and modules, each folder importing only
what the README's development section says it may."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from sim.config.behaviour import Behaviour

SIM = Path(__file__).resolve().parents[1] / "sim"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400
# What each folder of the package may import from the others (besides itself).
MAY_IMPORT = {
    "core": {"config", "policies"},
    "policies": {"config", "core"},
    "config": {"core", "policies"},
    "output": {"config", "core", "policies"},
    "analysis": {"config", "core", "policies", "output"},
    "app": {"config", "core", "policies", "output"},
    "cli": {"config", "core", "policies", "output", "analysis", "app"},
}


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    out = {}
    for path in sorted(SIM.rglob("*.py")):
        parts = path.relative_to(SIM.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports at run time (type-checking-only
    imports left out), at module level or inside functions."""
    tree = ast.parse(path.read_text())
    skip = {id(n) for t in ast.walk(tree) if _type_checking_only(t) for n in ast.walk(t)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "sim"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sim"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in known else node.module)
    return {m for m in found if m in known}


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports(path, set(mods)) - {name} for name, path in mods.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle in the import graph, or None (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycles_among_the_package_modules() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_folders_import_only_what_the_layout_allows() -> None:
    wrong = []
    for module, targets in graph().items():
        parts = module.split(".")
        if len(parts) < 3:  # sim itself and the command aliases at the top
            continue
        folder = parts[1]
        for target in targets:
            other = target.split(".")[1] if target.count(".") else ""
            if other and other != folder and other not in MAY_IMPORT.get(folder, set()):
                wrong.append(f"{module} imports {target}")
    assert not wrong, wrong


def test_no_private_hydra_api_and_no_launcher_class_names() -> None:
    for path in modules().values():
        text = path.read_text()
        assert "hydra._internal" not in text, path
        assert not re.search(r"\w+Launcher\b", text), f"{path} names a launcher class"


class BehaviourReads(ast.NodeVisitor):
    """Reads of behaviour fields: ``<x>.behaviour.<field>``, or ``<alias>.<field>`` where
    the alias was bound to a behaviour object in the same module."""

    def __init__(self, fields: set[str]) -> None:
        self.fields = fields
        self.aliases = {"_b"}
        self.reads: set[str] = set()

    def visit_Assign(self, node: ast.Assign) -> None:
        if _is_behaviour(node.value, self.aliases):
            for t in node.targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name | ast.Attribute):
                        self.aliases.add(n.id if isinstance(n, ast.Name) else n.attr)
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        if _is_behaviour(node.value, self.aliases):
            self.aliases.add(node.target.id)
        self.generic_visit(node)

    def visit_arg(self, node: ast.arg) -> None:
        if node.annotation is not None and "Behaviour" in ast.unparse(node.annotation):
            self.aliases.add(node.arg)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in self.fields and _is_behaviour(node.value, self.aliases):
            self.reads.add(node.attr)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if (isinstance(node.func, ast.Name) and node.func.id == "getattr" and node.args
                and _is_behaviour(node.args[0], self.aliases)):
            self.reads.add("getattr")
        self.generic_visit(node)


def _is_behaviour(node: ast.AST, aliases: set[str]) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "behaviour" or node.attr in aliases
    return isinstance(node, ast.Name) and node.id in aliases


def behaviour_reads() -> dict[str, set[str]]:
    fields = {f.name for f in dataclasses.fields(Behaviour)}
    out = {}
    for name, path in modules().items():
        if name.startswith("sim.config"):  # where the schema is defined and checked
            continue
        visitor = BehaviourReads(fields)
        tree = ast.parse(path.read_text())
        visitor.visit(tree)  # twice: aliases bound later in the module count too
        visitor.visit(tree)
        if visitor.reads:
            out[name] = visitor.reads
    return out


def test_each_behaviour_parameter_is_read_in_one_module_only() -> None:
    reads = behaviour_reads()
    assert set(reads) == {"sim.core.rules"}, {k: sorted(v) for k, v in reads.items()}
    unread = {f.name for f in dataclasses.fields(Behaviour)} - reads["sim.core.rules"]
    assert not unread, f"behaviour parameters no rule reads: {sorted(unread)}"


def test_the_behaviour_read_check_sees_reads() -> None:
    tree = ast.parse("def f(m):\n    b = m.cfg.behaviour\n    return b.move_rate\n"
                     "def g(m):\n    return m.cfg.behaviour.accept_prob\n")
    visitor = BehaviourReads({"move_rate", "accept_prob", "search_base"})
    visitor.visit(tree)
    assert visitor.reads == {"move_rate", "accept_prob"}


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_and_functions_stay_small(name: str) -> None:
    path = modules()[name]
    text = path.read_text()
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{name}: {len(text.splitlines())} lines"
    long = [f"{f.name}: {f.end_lineno - f.lineno + 1}" for f in _functions(ast.parse(text))
            if f.end_lineno - f.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{name}: functions over {MAX_FUNCTION_LINES} lines: {long}"
