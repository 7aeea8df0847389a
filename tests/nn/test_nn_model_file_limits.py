"""Model files that can't hurt: the architecture is checked before anything is built, the file is read within
limits, and every malformed file is a ModelFileError naming what is wrong."""

import json
import math
import tracemalloc

import pytest

from autograd_lite.nn import MLP, Layer, ModelFileError, Module, Neuron, read_state_dict, serialization
from autograd_lite.nn.serialization import MAX_FILE_BYTES, MAX_PARAMETERS


def model_file(tmp_path, class_name, architecture, parameters=None, **fields):
    document = {
        "format": "autograd-lite-model",
        "version": 1,
        "class": class_name,
        "architecture": architecture,
        "parameters": {} if parameters is None else parameters,
        **fields,
    }
    path = tmp_path / "model.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "model.json"
    MLP(2, [3, 1], seed=0).save(path)
    return path


@pytest.mark.timeout(30)  # a hang guard: building the layer took 67 s and 1.2 GB before being refused
@pytest.mark.parametrize(
    ("class_name", "architecture", "needs"),
    [
        ("Layer", {"nin": 40_000, "nout": 40_000, "activation": "tanh"}, "more than 1,000,000"),  # the audit's file
        ("MLP", {"nin": 2, "nouts": [10**6, 10**6, 1], "activation": "tanh"}, "more than 1,000,000"),
        ("Neuron", {"nin": 10**4000, "activation": "tanh"}, "more than 1,000,000"),  # 4,001 digits: under the limit
        ("MLP", {"nin": 2, "nouts": [300, 300, 1], "activation": "tanh"}, "91,501"),
    ],
)
def test_an_architecture_needing_more_parameters_than_the_file_holds_is_refused_before_building(
    tmp_path, monkeypatch, class_name, architecture, needs
):
    path = model_file(tmp_path, class_name, architecture, {"w": 0.5})
    assert path.stat().st_size < 4100 + 200
    built = []
    monkeypatch.setattr(Module.registry[class_name], "__init__", lambda self, *a, **k: built.append(1))
    with pytest.raises(ModelFileError, match=rf"its architecture needs {needs} parameters.* the file holds 1\b"):
        Module.load(path)
    assert built == []


def test_the_parameter_count_of_each_class_is_what_it_builds():
    for module in [Neuron(5), Layer(4, 3), MLP(3, [4, 5, 2]), MLP(1, [1])]:
        assert type(module)._count_parameters(module.architecture()) == len(module.parameters())
    assert MLP._count_parameters({"nin": 2, "nouts": "16"}) is None  # malformed: the constructor names it
    assert Layer._count_parameters({"nin": True, "nout": 3}) is None


def test_a_file_of_more_than_max_parameters_is_refused_and_so_is_saving_one(tmp_path, monkeypatch):
    assert MAX_PARAMETERS == 1_000_000
    monkeypatch.setattr(serialization, "MAX_PARAMETERS", 20)
    model = MLP(2, [3, 3, 1], seed=0)  # 25 parameters
    with pytest.raises(ValueError, match="cannot save a MLP of 25 parameters: a model file holds at most 20"):
        model.save(tmp_path / "m.json")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(serialization, "MAX_PARAMETERS", 1_000_000)
    model.save(tmp_path / "m.json")
    monkeypatch.setattr(serialization, "MAX_PARAMETERS", 20)
    for read in (MLP.load, read_state_dict):
        with pytest.raises(ModelFileError, match="holds 25 parameters, more than the 20 a model file may hold"):
            read(tmp_path / "m.json")


@pytest.mark.timeout(30)  # a hang guard: /dev/zero never ends
def test_a_file_larger_than_max_file_bytes_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    assert MAX_FILE_BYTES == 128 * 2**20
    monkeypatch.setattr(serialization, "MAX_FILE_BYTES", 1000)
    path = model_file(tmp_path, "Neuron", {"nin": 1}, {"w.0": 0.0, "b": 0.0}, padding="x" * 1000)
    with pytest.raises(ModelFileError, match="is larger than"):
        MLP.load(path)
    with pytest.raises(ModelFileError, match="/dev/zero is larger than"):
        Module.load("/dev/zero")


MALFORMED = {
    # name: (the file's text from a good file's text, what the error must say)
    "nested 100,000 deep": (
        lambda text: text.replace('"architecture": {', '"architecture": {"x": ' + "[" * 100_000 + "]" * 100_000 + ", "),
        "its JSON nests too deeply to be a model file",
    ),
    "an integer of 5,000 digits": (
        lambda text: text.replace('"nin": 2', '"nin": 1' + "0" * 5000),
        "is damaged: an integer of more than 4300 digits",
    ),
    "version true": (lambda text: text.replace('"version": 1', '"version": true'), '"version" .* integer, got true'),
    "version 1.0": (lambda text: text.replace('"version": 1', '"version": 1.0'), '"version" .* integer, got 1.0'),
    "version NaN": (lambda text: text.replace('"version": 1', '"version": NaN'), '"version" .* integer, got NaN'),
    "version 10^50": (
        lambda text: text.replace('"version": 1', '"version": 1' + "0" * 50),
        "version an integer of more than 40 digits; this autograd-lite reads version 1; upgrade",
    ),
    "nin NaN": (lambda text: text.replace('"nin": 2', '"nin": NaN'), r'architecture\["nin"\] is not a finite number'),
    "nouts Infinity": (
        lambda text: json.dumps({**json.loads(text), "architecture": {"nin": 2, "nouts": [3, -math.inf]}}),
        r'architecture\["nouts"\]\[1\] is not a finite number',
    ),
    "a duplicate key": (  # json.loads would keep the last one
        lambda text: text.replace('"version": 1', '"version": 1, "version": 1'),
        'the key "version" appears twice in one object',
    ),
    "a duplicate parameter": (
        lambda text: text.replace('"parameters": {', '"parameters": {"layers.0.neurons.0.b": 7.0, '),
        'the key "layers.0.neurons.0.b" appears twice in one object',
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_every_malformed_file_is_a_model_file_error_naming_what_is_wrong(saved, case):
    damage, message = MALFORMED[case]
    text = saved.read_text(encoding="utf-8")
    damaged = damage(text)
    assert damaged != text
    saved.write_text(damaged, encoding="utf-8")
    for read in (MLP.load, read_state_dict):
        with pytest.raises(ModelFileError, match=message) as raised:
            read(saved)
        assert str(raised.value).startswith(f"{saved} ")
        assert str(raised.value).count(str(saved)) == 1
        assert len(str(raised.value)) < 300  # one line, never the 5,000 digits


def test_nan_and_infinite_parameters_still_round_trip(tmp_path):
    """Only parameter values may be NaN or ±Infinity: a diverged model saves and loads as it is."""
    model = Neuron(2, seed=0)
    model.w[0].data, model.b.data = float("nan"), float("-inf")
    model.save(tmp_path / "n.json")
    assert "NaN" in (tmp_path / "n.json").read_text(encoding="utf-8")
    loaded = Neuron.load(tmp_path / "n.json")
    assert repr(loaded.b.data) == "-inf"


def test_a_huge_value_in_a_file_makes_a_short_message(tmp_path):
    huge_activation = {"nin": 2, "nouts": [1], "activation": "x" * 10**6}
    parameters = {f"layers.0.neurons.0.{name}": 0.5 for name in ("w.0", "w.1", "b")}
    for class_name, architecture in [("Conv" * 100_000, {}), ("MLP", huge_activation)]:
        path = model_file(tmp_path, class_name, architecture, parameters)
        with pytest.raises(ModelFileError) as raised:
            Module.load(path)
        assert len(str(raised.value)) < len(str(path)) + 300
        assert "…" in str(raised.value)


def test_reading_a_small_file_allocates_little(tmp_path):
    """Reading at most MAX_FILE_BYTES must not mean allocating them: f.read(128 MiB) does, even for 100 bytes."""
    path = model_file(tmp_path, "Layer", {"nin": 40_000, "nout": 40_000})
    tracemalloc.start()
    try:
        with pytest.raises(ModelFileError, match="needs more than 1,000,000 parameters"):
            Module.load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20
