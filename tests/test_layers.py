"""The house: the layers you can see, read from every module's imports (ast), and the public names of DESIGN.md.

engine (autograd_lite/*.py) → autograd_lite.nn, autograd_lite.viz → the app (autograd_lite.cli, __main__),
with the examples used by the app alone. No arrow points against that order, and no module imports itself
back through others. One named exception: an engine object's Jupyter display hook (`_repr_html_`, ...) may
import viz inside the hook, so that a notebook shows a Stepper's stepping view; the engine works without viz.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import autograd_lite

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"autograd_lite": ROOT / "autograd_lite", "autograd_lite.cli": ROOT / "autograd_lite" / "cli"}
FOLDERS |= {f"autograd_lite.{name}": ROOT / name for name in ("nn", "viz", "examples")}
LAYER_OF_PACKAGE = {"autograd_lite": "engine", "autograd_lite.cli": "app", "autograd_lite.nn": "nn"}
LAYER_OF_PACKAGE |= {"autograd_lite.viz": "viz", "autograd_lite.examples": "examples"}
# What each layer may import (besides itself).
ALLOWED = {
    "engine": set(),
    "nn": {"engine"},
    "viz": {"engine", "nn"},
    "examples": {"engine", "nn", "viz"},
    "app": {"engine", "nn", "viz", "examples"},
}


def modules() -> dict[str, Path]:
    found = {}
    for package, folder in FOLDERS.items():
        for path in sorted(folder.glob("*.py")):
            found[package if path.stem == "__init__" else f"{package}.{path.stem}"] = path
    return found


MODULES = modules()


def layer(module: str) -> str:
    if module == "autograd_lite.__main__":
        return "app"
    package = max((p for p in LAYER_OF_PACKAGE if module == p or module.startswith(p + ".")), key=len)
    return LAYER_OF_PACKAGE[package]


def imports(module: str) -> list[tuple[str, str | None]]:
    """(imported autograd_lite module, the function it is imported in or None) for every import statement."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: list[tuple[str, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            inside = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # for type checkers only: never run
            if isinstance(child, ast.Import):
                found.extend((alias.name, function) for alias in child.names if alias.name.startswith("autograd_lite"))
            elif isinstance(child, ast.ImportFrom) and (child.module or "").startswith("autograd_lite"):
                for alias in child.names:  # `from autograd_lite import backprop` imports a module
                    target = f"{child.module}.{alias.name}"
                    found.append((target if target in MODULES else child.module, function))
            visit(child, inside)

    visit(tree, None)
    return [(target, function) for target, function in found if target in MODULES]


def test_every_module_is_found():
    assert {
        "autograd_lite.value",
        "autograd_lite.cli.main",
        "autograd_lite.nn.layers",
        "autograd_lite.viz.graph",
    } <= set(MODULES)
    assert all(imports(m) is not None for m in MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_points_against_the_layers(module):
    mine = layer(module)
    for target, function in imports(module):
        theirs = layer(target)
        if theirs == mine or theirs in ALLOWED[mine]:
            continue
        display_hook = mine == "engine" and theirs == "viz" and function and function.startswith("_repr_")
        assert display_hook, f"{module} ({mine}) imports {target} ({theirs}) in {function or 'the module'}"


def _display_hook(module: str, target: str, function: str | None) -> bool:
    return layer(module) == "engine" and layer(target) == "viz" and (function or "").startswith("_repr_")


def test_no_import_cycle():
    # A display hook's import (the named exception above) runs when Jupyter shows an object, long after both
    # modules are loaded: it is no cycle. Every other import counts, lazy or not.
    graph = {m: {t for t, f in imports(m) if t != m and not _display_hook(m, t, f)} for m in MODULES}
    # a package's __init__ is run before any of its modules: importing `autograd_lite.x` runs `autograd_lite` too
    state: dict[str, str] = {}
    for start in sorted(graph):
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        if state.get(start):
            continue
        state[start] = "open"
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = "done"
                stack.pop()
                path.pop()
                continue
            assert state.get(child) != "open", "import cycle: " + " → ".join([*path[path.index(child) :], child])
            if child not in state:
                state[child] = "open"
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)


def test_the_layer_test_sees_a_bad_arrow(tmp_path, monkeypatch):
    """The checks above can fail: an engine module importing nn is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from autograd_lite.nn import MLP\n")
    monkeypatch.setitem(MODULES, "autograd_lite.bad", bad)
    with pytest.raises(AssertionError, match=r"autograd_lite.bad \(engine\) imports autograd_lite.nn"):
        test_no_import_points_against_the_layers("autograd_lite.bad")


def test_the_cycle_test_sees_a_cycle(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text("from autograd_lite import b\n")
    (tmp_path / "b.py").write_text("def f():\n    from autograd_lite.a import x\n")  # lazy: still a cycle
    monkeypatch.setitem(MODULES, "autograd_lite.a", tmp_path / "a.py")
    monkeypatch.setitem(MODULES, "autograd_lite.b", tmp_path / "b.py")
    with pytest.raises(AssertionError, match=r"import cycle: autograd_lite.a → autograd_lite.b → autograd_lite.a"):
        test_no_import_cycle()


def test_the_engine_works_without_nn_viz_and_the_app():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[:2] in (['autograd_lite', n] for n in ('nn', 'viz', 'cli', 'examples')):\n"
        "            raise ImportError(f'blocked: {name}')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import autograd_lite as ag\n"
        "a, b = ag.Value(2.0, 'a'), ag.Value(3.0, 'b')\n"
        "e = (a + b) * b\n"
        "st = ag.Stepper(e); st.run()\n"
        "print(a.grad, b.grad, ag.explain(e, b).value)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["3.0", "8.0", "8.0"]


ENGINE_NAMES = {"Value", "sum", "dot", "softmax", "log_softmax", "logsumexp", "no_grad", "grad", "value_and_grad"}
TEACHING_NAMES = {"Stepper", "Step", "explain", "gradcheck", "detect_anomaly"}


def test_engine_exports_the_contract():
    assert set(dir(autograd_lite)) >= ENGINE_NAMES | TEACHING_NAMES
    for name in autograd_lite.__all__:
        assert hasattr(autograd_lite, name), name
    assert callable(autograd_lite.explain)
    assert callable(autograd_lite.gradcheck)
    assert isinstance(autograd_lite.Stepper, type)
    assert isinstance(autograd_lite.Step, type)
