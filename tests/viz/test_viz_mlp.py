"""draw_mlp: neurons in layers at computed positions, weights as coloured edges, biases and gradients shown."""

import re
from pathlib import Path

import pytest

from autograd_lite import Value
from autograd_lite.nn import MLP, Layer, Neuron, mse_loss
from autograd_lite.viz import draw_mlp
from autograd_lite.viz.mlp import MAX_PENWIDTH, MIN_PENWIDTH
from autograd_lite.viz.text import number
from autograd_lite.viz.theme import palette

LIGHT = palette("light")
POSITIVE, NEGATIVE = LIGHT["positive"], LIGHT["negative"]

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
    assert f'fillcolor="{LIGHT["positive tint"]}"' in node(source, "l0n1")
    assert "b −1.5" in node(source, "l0n2")
    assert f'fillcolor="{LIGHT["negative tint"]}"' in node(source, "l0n2")
    assert "b 0" in node(source, "l0n0")


def test_gradients_are_shown_once_there_are_some_naming_the_loss():
    model = small()
    labels = [line.split("tooltip")[0] for line in draw_mlp(model).source.splitlines() if "label=" in line]
    assert not any("∂" in label for label in labels if "legend" not in label)
    mse_loss(model([1.0, -2.0]), 0.5).backward()
    source = draw_mlp(model).source
    b = model.layers[1].neurons[0].b
    assert f"∂L/∂b<br/>{number(b.grad, 2)}" in node(source, "l1n0")
    assert f"∂C/∂b<br/>{number(b.grad, 2)}" in node(draw_mlp(model, loss_name="C").source, "l1n0")
    assert "∂C/∂b" in node(draw_mlp(model, loss_name="C").source, "legend")
    plain = draw_mlp(model, show_grad=False).source
    labels = [line.split("tooltip")[0] for line in plain.splitlines() if "label=" in line]
    assert not any("∂" in label for label in labels if "legend" not in label)


def test_edges_can_show_gradients_instead_of_weights():
    model = small()
    mse_loss(model([1.0, -2.0]), 0.5).backward()
    ws = [w for layer in model.layers for n in layer.neurons for w in n.w]
    for line, w in zip(edges(draw_mlp(model, edges="grad").source), ws):
        expected = POSITIVE if w.grad > 0 else NEGATIVE if w.grad < 0 else LIGHT["zero"]
        assert re.search(r'color="(#[0-9a-f]{6})', line)[1] == expected


def test_tooltips_name_each_parameter_as_a_teacher_writes_it_and_in_full():
    model = small()
    w = model.layers[0].neurons[2].w[1]
    tooltip = f'tooltip="W1[2,1] (layers.0.neurons.2.w.1) = {number(w.data)}, ∂L/∂W1[2,1] = 0"'
    assert tooltip in edges(draw_mlp(model).source)[5]
    assert 'tooltip="b2[0] (layers.1.neurons.0.b) = 0, ∂L/∂b2[0] = 0"' in node(draw_mlp(model).source, "l1n0")


def test_weight_labels_only_where_they_fit():
    assert draw_mlp(small()).source.count("_l0n") == 6  # every weight of a small network has its number
    assert "_l0n0 [" not in draw_mlp(small(), edge_labels=False).source
    big = draw_mlp(MLP(2, [16, 16, 1], seed=0)).source
    labelled = len(re.findall(r"^\s*\w+_l\d+n\d+ \[", big, flags=re.MULTILINE))
    assert 16 < labelled < len(edges(big)) * 2 // 3  # some fit, many of the 304 do not
    assert "where it fits" in node(big, "legend")
    assert "hover an edge" in node(big, "legend")


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


def boxes(svg: str, pattern: str) -> list[tuple[str, float, float, float, float]]:
    """(name, left, top, right, bottom) of each node group whose <title> matches `pattern`, from its shapes."""
    found = []
    for group in re.findall(r'<g id="[^"]*" class="node">(.*?)</g>', svg, flags=re.DOTALL):
        name = re.search(r"<title>(.*?)</title>", group)[1]
        if not re.fullmatch(pattern, name):
            continue
        xs, ys = [], []
        for points in re.findall(r'<polygon[^>]* points="([^"]+)"', group):
            for point in points.split():
                x, y = point.split(",")
                xs.append(float(x))
                ys.append(float(y))
        ellipse = r'<ellipse[^>]* cx="([-\d.]+)" cy="([-\d.]+)" rx="([\d.]+)" ry="([\d.]+)"'
        for cx, cy, rx, ry in re.findall(ellipse, group):
            xs += [float(cx) - float(rx), float(cx) + float(rx)]
            ys += [float(cy) - float(ry), float(cy) + float(ry)]
        if xs:
            found.append((name, min(xs), min(ys), max(xs), max(ys)))
    return found


def overlapping(a: tuple, b: tuple) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


@pytest.mark.parametrize("hidden", [[4, 4], [16, 16]])
def test_no_two_labels_overlap_and_no_label_covers_a_neuron(hidden):
    model = MLP(2, [*hidden, 1], seed=0)
    mse_loss(model([1.0, -2.0]), 0.5).backward()
    svg = draw_mlp(model).svg()
    labels = boxes(svg, r"\w+_l\d+n\d+")  # the weight labels' background patches
    neurons = boxes(svg, r"x\d+|l\d+n\d+")
    assert len(labels) > 10
    assert len(neurons) == 2 + sum(hidden) + 1
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not overlapping(a, b), (a, b)
        for b in neurons:
            assert not overlapping(a, b), (a, b)
    texts = boxes(svg, r"heading\d+|legend")
    assert len(texts) == 0 or all(not overlapping(a, b) for a in texts for b in neurons + labels)


def test_the_legend_is_under_the_diagram_and_names_what_it_shows():
    model = MLP(2, [4, 4, 1], seed=0)
    mse_loss(model([1.0, -2.0]), 0.5).backward()
    legend = node(draw_mlp(model).source, "legend")
    assert "blue w &gt; 0, vermillion w &lt; 0, width ∝ |w|" in legend
    assert "in a neuron: its bias b and ∂L/∂b" in legend
    assert "∂L/∂w" in node(draw_mlp(model, edges="grad").source, "legend")
    source = draw_mlp(model).source
    lowest_neuron = min(position(source, f"l0n{i}")[1] for i in range(4))
    assert position(source, "legend")[1] < lowest_neuron - 0.4


def test_dark_theme_colours_every_part():
    model = small()
    mse_loss(model([1.0, -2.0]), 0.5).backward()
    dark = palette("dark")
    source = draw_mlp(model, theme="dark").source
    assert f'bgcolor="{dark["background"]}"' in source
    assert f'fontcolor="{dark["ink"]}"' in source
    assert dark["grad"] in node(source, "l1n0")
    assert f'bgcolor="{dark["label patch"]}"' in source
    assert "#ffffff" not in source
