"""draw_mlp: neurons in layers at computed positions, weights as coloured edges, biases and gradients shown."""

import re
from pathlib import Path

import pytest

from autograd_lite import Value
from autograd_lite.nn import MLP, Layer, Neuron, mse_loss
from autograd_lite.viz import draw_mlp
from autograd_lite.viz.mlp import MAX_PENWIDTH, MIN_PENWIDTH, NEGATIVE, POSITIVE, TINTS
from autograd_lite.viz.text import number

GOLDEN = Path(__file__).resolve().parent / "golden"


def small() -> MLP:
    return MLP(2, [3, 1], seed=0)


def edges(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if " -> " in line]


def node(source: str, name: str) -> str:
    return next(line.strip() for line in source.splitlines() if line.strip().startswith(f"{name} ["))


def position(source: str, name: str) -> tuple[float, float]:
    x, y = re.search(r'pos="([-\d.]+),([-\d.]+)!"', node(source, name)).groups()
    return float(x), float(y)


def test_small_network_matches_golden_file():
    model = small()
    loss = mse_loss(model([1.0, -2.0]), 0.5)
    loss.backward()
    source = draw_mlp(model).source
    assert source == (GOLDEN / "mlp_2_3_1.dot").read_text(encoding="utf-8")


def test_one_edge_per_weight_from_each_input_or_neuron_to_the_next_layer():
    source = draw_mlp(small()).source
    assert len(edges(source)) == 2 * 3 + 3 * 1
    assert edges(source)[0].startswith("x0 -> l0n0 ")
    assert edges(source)[-1].startswith("l0n2 -> l1n0 ")
    assert all("arrowhead" not in e for e in edges(source))  # set once for the graph


def test_colour_by_sign_and_width_by_magnitude():
    model = small()
    ws = [w for layer in model.layers for n in layer.neurons for w in n.w]
    largest = max(abs(w.data) for w in ws)
    for line, w in zip(edges(draw_mlp(model).source), ws):
        colour = re.search(r'color="(#[0-9a-f]{6})', line)[1]
        width = float(re.search(r"penwidth=([\d.]+)", line)[1])
        assert colour == (POSITIVE if w.data > 0 else NEGATIVE)
        assert width == pytest.approx(MIN_PENWIDTH + (MAX_PENWIDTH - MIN_PENWIDTH) * abs(w.data) / largest, abs=0.01)
    widths = [float(re.search(r"penwidth=([\d.]+)", line)[1]) for line in edges(draw_mlp(model).source)]
    assert max(widths) == MAX_PENWIDTH


def test_biases_are_written_in_the_neurons_and_tint_them():
    model = small()
    model.layers[0].neurons[1].b.data = 0.25
    model.layers[0].neurons[2].b.data = -1.5
    source = draw_mlp(model).source
    assert "b 0.25" in node(source, "l0n1")
    assert f'fillcolor="{TINTS[POSITIVE]}"' in node(source, "l0n1")
    assert "b −1.5" in node(source, "l0n2")
    assert f'fillcolor="{TINTS[NEGATIVE]}"' in node(source, "l0n2")
    assert "b 0" in node(source, "l0n0")


def test_gradients_are_shown_once_there_are_some():
    model = small()
    assert "∂" not in draw_mlp(model).source
    mse_loss(model([1.0, -2.0]), 0.5).backward()
    source = draw_mlp(model).source
    b = model.layers[1].neurons[0].b
    assert f"∂ {number(b.grad, 2)}" in node(source, "l1n0")
    assert "∂" not in draw_mlp(model, show_grad=False).source


def test_edges_can_show_gradients_instead_of_weights():
    model = small()
    mse_loss(model([1.0, -2.0]), 0.5).backward()
    ws = [w for layer in model.layers for n in layer.neurons for w in n.w]
    for line, w in zip(edges(draw_mlp(model, edges="grad").source), ws):
        expected = POSITIVE if w.grad > 0 else NEGATIVE if w.grad < 0 else "#94a3b8"
        assert re.search(r'color="(#[0-9a-f]{6})', line)[1] == expected


def test_tooltips_name_each_parameter():
    model = small()
    w = model.layers[0].neurons[2].w[1]
    assert f'tooltip="layers.0.neurons.2.w.1 = {number(w.data)}, grad 0"' in edges(draw_mlp(model).source)[5]


def test_weight_labels_only_on_small_networks():
    assert "_l0n0 [" in draw_mlp(small()).source
    assert "_l0n0 [" not in draw_mlp(small(), edge_labels=False).source
    assert "_l0n0 [" not in draw_mlp(MLP(2, [16, 16, 1], seed=0)).source


def test_layers_are_columns_in_order_and_wide_networks_go_top_to_bottom():
    source = draw_mlp(small()).source  # LR: x grows with the layer, y falls with the neuron index
    assert position(source, "x0")[0] < position(source, "l0n0")[0] < position(source, "l1n0")[0]
    assert position(source, "l0n0")[1] > position(source, "l0n1")[1] > position(source, "l0n2")[1]
    assert position(source, "l0n1")[1] == pytest.approx(0.0)  # each column centred
    wide = draw_mlp(MLP(2, [16, 16, 1], seed=0)).source  # TB: y falls with the layer
    assert position(wide, "x0")[1] > position(wide, "l0n0")[1] > position(wide, "l2n0")[1]
    assert position(wide, "l0n0")[0] < position(wide, "l0n15")[0]
    assert "bold" not in wide
    assert "<b>hidden 2</b><br/>16 × tanh" in wide
    assert "<b>output</b><br/>1 × linear" in wide


def test_mlp_2_16_16_1_renders_as_a_landscape_picture(tmp_path):
    model = MLP(2, [16, 16, 1], seed=0)
    mse_loss(model([0.5, -0.5]), 1.0).backward()
    png = draw_mlp(model).save(tmp_path / "mlp.png").read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert 1.3 < width / height < 2.2  # landscape: fits a slide


def test_a_layer_or_a_neuron_alone_can_be_drawn():
    layer_source = draw_mlp(Layer(3, 2, activation="relu", seed=0)).source
    assert len(edges(layer_source)) == 6
    assert "2 × relu" in layer_source
    neuron_source = draw_mlp(Neuron(2, activation=None, seed=0)).source
    assert len(edges(neuron_source)) == 2
    assert "1 × linear" in neuron_source


def test_over_max_weights_is_a_clear_error():
    model = MLP(100, [60, 1], seed=0)  # 6,060 weights
    with pytest.raises(ValueError, match="the model has 6060 weights, more than max_weights=5000; raise max_weights"):
        draw_mlp(model)
    assert draw_mlp(model, max_weights=6060).source.count(" -> ") == 6060


def test_bad_arguments_are_clear_errors():
    with pytest.raises(
        TypeError, match=r"draw_mlp\(\) takes an MLP, a Layer or a Neuron of autograd_lite.nn, got Value"
    ):
        draw_mlp(Value(1.0))
    with pytest.raises(ValueError, match="rankdir must be one of LR, TB, got 'BT'"):
        draw_mlp(small(), rankdir="BT")
    with pytest.raises(ValueError, match="edges must be 'weight'"):
        draw_mlp(small(), edges="bias")


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (0.0, "0"),
        (0.25, "0.25"),
        (-1.534, "−1.5"),
        (12.34, "12"),
        (0.0123, "0.012"),
        (-0.00123, "−0.0012"),
        (2.5e-7, "2.5e−7"),
        (12345.0, "1.2e4"),
    ],
)
def test_short_numbers_fit_in_a_neuron(x, text):
    assert number(x, 2) == text
