"""draw_graph(root, highlight=stepper): the backward pass so far, node by node and edge by edge."""

import re
from pathlib import Path

import pytest
from seed_graph import seed_example

from autograd_lite import Stepper, Value, topological_order
from autograd_lite.viz import draw_graph
from autograd_lite.viz.graph import STYLE, graph_style
from autograd_lite.viz.progress import ACTIVE, FINAL, PARTIAL, WAITING, progress

GOLDEN = Path(__file__).resolve().parent / "golden"


def seed_graph() -> Value:
    return seed_example()[-1]


def shared_graph() -> Value:
    """y = x·x + x: x is reached by two nodes, so its grad is partial in between."""
    x = Value(3.0, label="x")
    s = x * x
    s.label = "s"
    y = s + x
    y.label = "y"
    return y


def states(stepper: Stepper) -> dict[str, str]:
    return {stepper.names[v]: state for v, state in progress(stepper, topological_order(stepper.root)).items()}


def record_border(source: str, node: str) -> str:
    line = next(line for line in source.splitlines() if line.strip().startswith(f"{node} [label=<"))
    return re.search(r'<table[^>]* color="([^"]+)"', line)[1]


def carrying_edges(source: str) -> list[str]:
    return [line.strip().split(" [")[0] for line in source.splitlines() if " -> " in line and "dir=back" in line]


def test_before_any_step_only_the_root_is_final():
    stepper = Stepper(seed_graph())
    assert states(stepper) == {"a": WAITING, "b": WAITING, "c": WAITING, "d": WAITING, "e": FINAL}
    source = draw_graph(stepper.root, highlight=stepper).source
    assert record_border(source, "n4") == STYLE[FINAL]["border"]
    assert record_border(source, "n0") == STYLE[WAITING]["border"]
    assert carrying_edges(source) == []


def test_after_the_first_step_the_root_is_active_and_its_edges_carry_gradient():
    stepper = Stepper(seed_graph())
    stepper.step()
    assert states(stepper) == {"a": WAITING, "b": WAITING, "c": FINAL, "d": FINAL, "e": ACTIVE}
    source = draw_graph(stepper.root, highlight=stepper).source
    assert record_border(source, "n4") == STYLE[ACTIVE]["border"]
    assert record_border(source, "n3") == STYLE[FINAL]["border"]
    assert carrying_edges(source) == ["n3 -> n4_op", "n2 -> n4_op", "n4_op -> n4"]
    assert "grad −10" in source  # d received ∂e/∂d


def test_after_the_last_step_everything_is_final():
    stepper = Stepper(seed_graph())
    stepper.run()
    assert states(stepper) == {"a": FINAL, "b": FINAL, "c": FINAL, "d": ACTIVE, "e": FINAL}
    assert carrying_edges(draw_graph(stepper.root, highlight=stepper).source) == [
        "n0 -> n3_op",
        "n1 -> n3_op",
        "n3_op -> n3",
    ]


def test_a_node_reached_by_one_of_two_paths_is_partial():
    stepper = Stepper(shared_graph())
    stepper.step()  # y = s + x pushes to s and x; x still waits for s = x·x
    assert states(stepper) == {"x": PARTIAL, "s": FINAL, "y": ACTIVE}
    source = draw_graph(stepper.root, highlight=stepper).source
    assert record_border(source, "n0") == STYLE[PARTIAL]["border"]
    assert "dashed" in STYLE[PARTIAL]["style"]
    stepper.step()  # s = x·x: x is used twice by s, both uses reached in this step
    assert states(stepper) == {"x": FINAL, "s": ACTIVE, "y": FINAL}
    assert carrying_edges(draw_graph(stepper.root, highlight=stepper).source) == [
        "n0 -> n1_op",
        "n0 -> n1_op",
        "n1_op -> n1",
    ]


def test_back_returns_to_the_previous_picture():
    stepper = Stepper(seed_graph())
    stepper.step()
    after_one = draw_graph(stepper.root, highlight=stepper).source
    stepper.step()
    stepper.back()
    assert draw_graph(stepper.root, highlight=stepper).source == after_one


def lightness(colour: str) -> float:
    """Relative luminance (WCAG) of #rrggbb: what is left of a colour for a reader who cannot tell its hue."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_states_differ_by_more_than_hue(theme):
    style = graph_style(theme)
    looks = [style[state] for state in (ACTIVE, FINAL, PARTIAL, WAITING)]
    assert len({(look["fill"], look["border"]) for look in looks}) == 4
    # Final, partial and waiting differ by their border: solid, dashed, dotted ...
    assert [style[state]["style"] for state in (FINAL, PARTIAL, WAITING)] == [
        "rounded",
        "rounded,dashed",
        "rounded,dotted",
    ]
    # ... and the active node by a fill far darker (light theme) or far lighter than the others' (contrast ≥ 2.5)
    active = lightness(style[ACTIVE]["fill"])
    for state in (FINAL, PARTIAL, WAITING):
        other = lightness(style[state]["fill"])
        assert (max(active, other) + 0.05) / (min(active, other) + 0.05) >= 2.5, state
    assert style["carrying"]["color"] in (style[ACTIVE]["fill"], style[ACTIVE]["border"])  # edges match their node
    assert float(style["carrying"]["penwidth"]) >= 2


def test_stepper_frame_matches_golden_file():
    stepper = Stepper(shared_graph())
    stepper.step()
    source = draw_graph(stepper.root, highlight=stepper).source
    assert source == (GOLDEN / "shared_graph_step1.dot").read_text(encoding="utf-8")


def test_a_stepper_of_another_graph_is_refused():
    stepper = Stepper(seed_graph())
    with pytest.raises(ValueError, match=r"highlight is a Stepper of another graph; draw its own"):
        draw_graph(shared_graph(), highlight=stepper)


def test_highlighted_frame_renders(tmp_path):
    stepper = Stepper(shared_graph())
    stepper.step()
    svg = draw_graph(stepper.root, highlight=stepper).svg()
    assert svg.count(STYLE["carrying"]["color"]) >= 3  # three orange edges (and their arrowheads)
