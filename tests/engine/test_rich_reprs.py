"""What a notebook shows for Value, Step, explain and gradcheck (HTML, LaTeX), and name_nodes(locals())."""

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from seed_graph import seed_example

import autograd_lite as ag
from autograd_lite import Stepper, Value, explain, gradcheck, name_nodes

HOSTILE = 'x</script><b>&"\''


class Cells(HTMLParser):
    """The text of every table cell, in order, and the tags seen."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._in = False
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("td", "th"):
            self._in = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.cells[-1] += data


def test_a_value_is_a_small_table_and_its_text_repr_stays():
    _a, _b, _c, d, e = seed_example()
    e.backward()
    assert Cells(d._repr_html_()).cells == ["label", "data", "grad", "op", "d", "2", "-10", "+"]
    assert Cells(Value(3.5)._repr_html_()).cells[4:] == ["(no label)", "3.5", "0", "leaf"]
    assert repr(d) == "Value(data=2, grad=-10, op='+', label='d')"


def test_a_step_shows_what_each_input_receives():
    *_, e = seed_example()
    stepper = Stepper(e)
    step = stepper.step()
    markup = step._repr_html_()
    cells = Cells(markup).cells
    assert cells[:5] == ["input x", "∂e/∂x", "contribution (× 1)", "grad before", "grad after"]
    assert cells[5:] == ["d", "-10", "-10", "0", "-10", "c", "2", "2", "0", "2"]
    assert "step 1 of 2: e = d * c" in markup
    assert "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10" in markup
    assert repr(step).startswith("step 1 of 2: e = d * c\n  ∂e/∂d += ")


def test_explain_is_typeset_and_its_text_stays():
    a, _b, _c, _d, e = seed_example()
    result = explain(e, a)
    assert str(result) == "∂e/∂a = ∂e/∂d · ∂d/∂a = -10 · 1 = -10"
    latex = result._repr_latex_()
    assert latex.startswith("$$")
    assert latex.endswith("$$")
    assert latex.count(r"\frac{\partial ") == 3
    assert r"\frac{\partial \text{e}}{\partial \text{a}}" in latex
    assert r"\text{ = -10 · 1 = -10}" in latex


def test_every_line_of_a_long_explanation_is_a_row():
    x = Value(0.5, label="x")
    y = x * x + x.tanh()
    result = explain(y, x)
    rows = result._repr_latex_().count(r" \\ ") + 1
    assert rows == len(str(result).splitlines()) > 1


def test_the_gradcheck_report_is_an_html_table():
    report = gradcheck(lambda a, b: a * b + b.tanh(), [1.0, 2.0])
    cells = Cells(report._repr_html_()).cells
    assert cells[:7] == ["input", "value", "analytic", "numeric", "abs err", "rel err", "ok"]
    assert cells[7:10] == ["a", "1", "2"]
    assert cells[-1] == "yes"
    assert "all 2 gradients agree" in report._repr_html_()
    bad = gradcheck(lambda x: x.relu(), [0.0])
    assert Cells(bad._repr_html_()).cells[-1] == "NO"
    assert "DISAGREE" in bad._repr_html_()


def test_hostile_labels_are_escaped_everywhere():
    x = Value(2.0, label=HOSTILE)
    y = x * x
    y.label = "y"
    for markup in (x._repr_html_(), Stepper(y).step()._repr_html_()):
        assert "</script>" not in markup
        assert "<b>" not in markup
        assert "x&lt;/script&gt;&lt;b&gt;&amp;&quot;&#x27;" in markup

    latex = explain(y, x)._repr_latex_()
    assert not re.search(r"[<>&]", latex)  # safe wherever a page puts it; \lt \gt \And stand for them
    assert r"\lt " in latex
    assert r"\And " in latex


def test_name_nodes_labels_unlabelled_values_first_name_first():
    a, b = Value(-12.0), Value(14.0, label="kept")
    d = a + b
    also_d = d
    _ = d  # IPython's _ is skipped
    given = name_nodes({"_": d, "a": a, "b": b, "d": d, "also_d": also_d, "n": 3})
    assert given == ["a", "d"]
    assert (a.label, b.label, d.label) == ("a", "kept", "d")
    assert str(Stepper(d * 2).step()).startswith("∂out/")  # the unnamed root product keeps its automatic name, out


def test_name_nodes_with_locals_names_the_steps():
    a, b, c = Value(-12.0), Value(14.0), Value(-10.0)
    d = a + b
    e = d * c
    name_nodes(locals())
    assert [str(s).splitlines()[0] for s in Stepper(e).run()] == [
        "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10",
        "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10",
    ]
    assert name_nodes(locals()) == []  # already named: nothing changes


def test_name_nodes_refuses_what_is_not_a_mapping():
    with pytest.raises(TypeError, match=r"name_nodes\(\) takes a mapping .* got list"):
        name_nodes([Value(1.0)])


def test_name_nodes_is_public():
    assert "name_nodes" in ag.__all__
    assert ag.name_nodes is name_nodes


def test_a_stepper_without_viz_shows_its_text():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.startswith('autograd_lite.viz'):\n"
        "            raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import autograd_lite as ag\n"
        "a = ag.Value(2.0, 'a'); e = a * a\n"
        "s = ag.Stepper(e)\n"
        "print(s._repr_html_(), repr(s))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("None <Stepper ∂out: 0 of 1 steps done")
