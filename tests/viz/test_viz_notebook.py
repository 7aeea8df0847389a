"""The stepping view a notebook cell shows for a Stepper: its HTML, checked as text (the browser tests click it)."""

import re

import pytest
from seed_graph import seed_example

from autograd_lite import Stepper, Value
from autograd_lite.viz.notebook import MAX_NODES


def sections(markup: str) -> list[str]:
    return re.findall(r'<section class="frame.*?</section>', markup, flags=re.DOTALL)


def test_a_stepper_shows_every_frame_and_starts_at_its_current_step():
    *_, e = seed_example()
    stepper = Stepper(e)
    stepper.step()
    markup = stepper._repr_html_()
    assert isinstance(markup, str)
    frames = sections(markup)
    assert len(frames) == 3
    assert [("current" in f.split(">")[0]) for f in frames] == [False, True, False]  # step 1 of 2, as the Stepper
    assert "Step 1 of 2" in markup
    assert "Step 1 of 2: e = d * c" in frames[1]
    assert "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10" in frames[1]
    assert "grad −10" in markup  # the diagram shown is the one after step 1: d holds ∂e/∂d
    assert markup.count("<svg") == 1


def test_the_view_leaves_the_stepper_and_the_grads_as_they_were():
    a, b, c, d, e = seed_example()
    stepper = Stepper(e)
    stepper.step()
    before = [v.grad for v in (a, b, c, d, e)]
    stepper._repr_html_()
    assert [v.grad for v in (a, b, c, d, e)] == before
    assert len(stepper.history) == 1
    stepper.step()
    assert a.grad == -10.0


def test_two_views_have_their_own_ids():
    *_, e = seed_example()
    stepper = Stepper(e)
    one, two = stepper._repr_html_(), stepper._repr_html_()
    ids = re.findall(r'id="(agl-[0-9a-f]+)"', one + two)
    assert len(ids) == len(set(ids)) == 2
    assert not re.search(r'\bid="(?!agl-)', one)  # nothing else has an id that another view could share


def test_the_view_is_self_contained():
    *_, e = seed_example()
    markup = Stepper(e)._repr_html_()
    assert not re.search(r"<(link|img|iframe|object|embed)\b", markup)
    assert not re.search(r"<script[^>]*\bsrc=|\b(src|href)=\"|url\(", markup)
    assert set(re.findall(r"https?://[^\"' )]+", markup)) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_a_leaf_has_zero_steps():
    markup = Stepper(Value(2.0, label="x"))._repr_html_()
    assert len(sections(markup)) == 1
    assert "Step 0 of 0" in markup
    assert re.search(r'class="prev"[^>]*disabled', markup)
    assert re.search(r'class="next"[^>]*disabled', markup)


@pytest.mark.timeout(60)
def test_a_huge_graph_is_refused_in_one_line():
    x = Value(0.5, label="x")
    y = x
    for _ in range(2500):
        y = y * 1.0001 + x
    stepper = Stepper(y)
    markup = stepper._repr_html_()
    assert markup.count("\n") == 0
    assert "<svg" not in markup
    assert "<script" not in markup
    assert f"No stepping view: graph has 5001 nodes, more than max_nodes={MAX_NODES}" in markup
    assert "print(stepper)" in markup


def test_hostile_labels_are_escaped():
    x = Value(2.0, label='x</script><b>&"')
    y = x * x
    y.label = "y"
    markup = Stepper(y)._repr_html_()
    assert "x</script>" not in markup
    assert "<b>" not in markup
    assert markup.count("</script>") == 2  # the view's own two scripts, nothing more
    assert "x&lt;/script&gt;&lt;b&gt;&amp;&quot;" in markup
