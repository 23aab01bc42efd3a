"""Every import points down: the project's modules in a declared order of layers, read with ast (imports inside
functions and under TYPE_CHECKING count too). A module imports only from its own layer or those below it, and no
chain of imports comes back to where it started."""

from __future__ import annotations

import ast
from pathlib import Path

import scenes.steps_table

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("nnmath", "scenes")
STEP_MODULES = tuple(f"scenes.{module}" for module in sorted({p.module for p in scenes.steps_table.PARTS}))
# From the bottom up. A module belongs to the layer of the most specific name it is or lies under.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("nnmath",),  # the numbers: never imports manim or the scenes
    ("scenes.environment", "scenes.steps_table"),  # facts: environment variables, the table of the video's parts
    ("scenes.drawing",),  # what is drawn: numbers, formulas, the diagram, colours, timings
    ("scenes.voice",),  # what a scene speaks through: speech engines, their cache, the narrator
    ("scenes.stage",),  # what every step stands on: context, board, base scene, LaTeX cache and batching, encoder
    ("scenes.words", "scenes.formulas"),  # each step's words and formula builders
    (
        *STEP_MODULES,
        "scenes.long_chain",
        "scenes.softmax_delta",
        "scenes.forward_layers",
        "scenes.softmax_forward",
        "scenes.delta_rows",
        "scenes.layer_deltas",
        "scenes.error_gaps",
        "scenes.repeat_rates",
        "scenes.rate_keys",
        "scenes.run_panel",
        "scenes.backward_terms",
        "scenes.gradient_idea",
        "scenes.batch_steps",
        "scenes.dataset_intro",
        "scenes.update_tables",
    ),  # the parts' choreography
    ("scenes.full_video", "scenes.slides"),  # every part as one scene; the slide variants
    ("scenes",),  # the front door: `from scenes import ForwardPass`
    ("scenes.pipeline",),  # the command: renders in manim processes, then assembles, voices, publishes
    ("scenes.homework",),  # homework for a class: sheets, the class folder, the students' videos (uses the renderer)
    ("scenes.pipeline.cli",),  # the command line: every command, render and homework alike
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def layer_of(module: str) -> int:
    """The layer of the most specific name ``module`` is or lies under (``scenes`` alone: the package's __init__)."""
    found = [
        (len(name), k)
        for k, names in enumerate(LAYERS)
        for name in names
        if module == name or (module.startswith(name + ".") and name != "scenes")
    ]
    assert found, f"{module} is in no layer"
    return max(found)[1]


def imports(path: Path, known: set[str]) -> set[str]:
    """The project's modules that ``path`` imports (a package's module named in ``from package import module``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & known
            found |= submodules
            if len(submodules) < len(node.names):  # a name defined in the module itself (not one of its modules)
                found.add(node.module)
    return found & known


def graph() -> dict[str, set[str]]:
    found = modules()
    return {module: imports(path, set(found)) - {module} for module, path in found.items()}


def test_every_module_is_in_a_layer() -> None:
    for module in modules():
        layer_of(module)


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in sorted(edges.items())
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]


def import_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, set())):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return cycles


def test_no_import_points_up() -> None:
    assert upward_imports(graph()) == []


def test_no_import_cycles() -> None:
    assert import_cycles(graph()) == []


def test_the_checks_see_an_upward_import_and_a_cycle() -> None:
    edges = graph()
    assert "scenes.pipeline.worker" in edges["scenes.pipeline.clips"]  # imports inside a package are seen
    assert "scenes.drawing.theme" in edges["scenes.stage.step"]
    wrong = {
        **edges,
        "scenes.stage.tex_batch": {"scenes.pipeline.render"},
        "scenes.pipeline.worker": {"scenes.pipeline.clips"},
    }
    assert upward_imports(wrong) == ["scenes.stage.tex_batch (layer 4) imports scenes.pipeline.render (layer 9)"]
    assert ["scenes.pipeline.clips", "scenes.pipeline.worker", "scenes.pipeline.clips"] in import_cycles(wrong)


def test_each_package_index_names_its_modules() -> None:
    """The packages whose docstring is an index of their modules (one per line) name every one of them."""
    import importlib
    import re

    for package in ("scenes.pipeline", "scenes.voice"):
        doc = importlib.import_module(package).__doc__ or ""
        named = set(re.findall(r"^(\w+) {2,}", doc, re.MULTILINE))
        files = {p.stem for p in (ROOT / package.replace(".", "/")).glob("*.py") if p.stem != "__init__"}
        assert named == files, package
