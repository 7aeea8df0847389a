"""save/load: JSON round trips, clear errors for bad files with the model untouched, and atomic writes under SIGKILL."""

import json
import math
import os
import random
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from autograd_lite.nn import MLP, Layer, ModelFileError, Module, Neuron, read_state_dict


@pytest.fixture
def saved(tmp_path):
    model = MLP(2, [5, 3, 1], activation="relu", output_activation="sigmoid", seed=3)
    path = tmp_path / "model.json"
    model.save(path)
    return model, path


def test_round_trip_rebuilds_the_same_model(saved):
    model, path = saved
    loaded = MLP.load(path)
    assert repr(loaded) == repr(model)
    assert loaded.state_dict() == model.state_dict()  # bit for bit: floats are written with repr
    x = np.array([0.3, -0.8])
    assert loaded(x).data == model(x).data
    assert type(Module.load(path)) is MLP
    assert loaded.layers[0].neurons[0].w[0].label == "layers.0.neurons.0.w.0"


@pytest.mark.parametrize("module", [Layer(3, 2, "tanh", seed=0), Neuron(4, None, seed=0)])
def test_layers_and_neurons_round_trip_too(module, tmp_path):
    module.save(tmp_path / "m.json")
    loaded = type(module).load(tmp_path / "m.json")
    assert repr(loaded) == repr(module)
    assert loaded.state_dict() == module.state_dict()


def test_the_file_is_plain_json_with_a_format_version(saved):
    model, path = saved
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "autograd-lite-model"
    assert document["version"] == 1
    assert document["class"] == "MLP"
    assert document["architecture"] == {
        "nin": 2,
        "nouts": [5, 3, 1],
        "activation": "relu",
        "output_activation": "sigmoid",
    }
    assert document["parameters"] == model.state_dict()
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_odd_floats_survive(tmp_path):
    model = Neuron(3, seed=0)
    for w, v in zip(model.w, [0.1 + 0.2, math.inf, 5e-324], strict=True):
        w.data = v
    model.b.data = math.nan
    model.save(tmp_path / "n.json")
    loaded = Neuron.load(tmp_path / "n.json")
    assert [w.data for w in loaded.w] == [0.1 + 0.2, math.inf, 5e-324]
    assert math.isnan(loaded.b.data)


def test_the_file_mode_is_the_usual_one(saved, tmp_path):
    _, path = saved
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert os.stat(path).st_mode == os.stat(plain).st_mode


BAD_FILES = {
    "truncated": (lambda text: text[: len(text) // 2], "truncated"),
    "empty": (lambda text: "", "truncated"),
    "foreign JSON": (lambda text: '{"weights": [1, 2, 3]}', "not an autograd-lite model file"),
    "a JSON list": (lambda text: "[1, 2]", "not an autograd-lite model file"),
    "newer version": (lambda text: text.replace('"version": 1', '"version": 2'), "version 2.*upgrade"),
    "no parameters": (lambda text: text.replace('"parameters"', '"params"'), "'parameters' should be a JSON dict"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_raise_a_clear_error_and_leave_the_model_untouched(saved, case):
    model, path = saved
    damage, message = BAD_FILES[case]
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = model.state_dict()
    with pytest.raises(ModelFileError, match=message):
        MLP.load(path)
    with pytest.raises(ModelFileError, match=message):
        model.load_state_dict(read_state_dict(path))
    assert model.state_dict() == before


def test_binary_file_is_not_a_model(tmp_path):
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(ModelFileError, match="not an autograd-lite model file"):
        MLP.load(path)


def test_wrong_architecture_is_refused_and_the_model_kept(saved):
    _, path = saved
    other = MLP(2, [4, 1], seed=0)
    before = other.state_dict()
    with pytest.raises(ValueError, match="another shape"):
        other.load_state_dict(read_state_dict(path))
    assert other.state_dict() == before
    with pytest.raises(ModelFileError, match=r"holds a MLP, not a Layer; load it with MLP\.load"):
        Layer.load(path)


def test_architecture_and_parameters_must_agree(saved):
    _, path = saved
    document = json.loads(path.read_text(encoding="utf-8"))
    document["architecture"]["nouts"] = [6, 3, 1]
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"does not describe a valid MLP: .*missing"):
        MLP.load(path)
    document["architecture"] = {"nin": "two"}
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ModelFileError, match="does not describe a valid MLP"):
        MLP.load(path)
    document["class"] = "Conv2d"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"'Conv2d', which is not an autograd-lite\.nn module"):
        Module.load(path)


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temporary(saved, monkeypatch):
    model, path = saved
    old = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    for p in model.parameters():
        p.data = 0.0
    with pytest.raises(OSError, match="No space left"):
        model.save(path)
    assert path.read_bytes() == old
    assert list(path.parent.iterdir()) == [path]
    with pytest.raises(FileNotFoundError):
        model.save(path.parent / "missing-folder" / "m.json")


SAVER = """
import sys
from autograd_lite.nn import MLP
model = MLP(2, [128, 128, 1], seed=0)  # 17,025 parameters, a 0.9 MB file
params = model.parameters()
i = int(sys.argv[2])
while True:
    i += 1
    for p in params:
        p.data = float(i)
    model.save(sys.argv[1])
    print(i, flush=True)
"""


def test_sigkill_during_save_always_leaves_a_whole_file(tmp_path):
    """A process saves a big model in a loop and is killed with SIGKILL: the file always loads and holds one whole
    version (every parameter equal), never a mix or a fragment. Odd trials kill at a random moment, even ones as
    soon as a temporary file shows up (plus a random delay up to 15 ms), to be sure to hit writes in progress."""
    path = tmp_path / "model.json"
    rng = random.Random(0)
    version, killed_mid_save = 0, 0
    for trial in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(version)], stdout=subprocess.PIPE, text=True
        )
        child.stdout.readline()  # one save finished, so the file exists
        if trial % 2:
            time.sleep(rng.uniform(0.0, 0.1))
        else:
            deadline = time.monotonic() + 10
            while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
                pass
            time.sleep(rng.uniform(0.0, 0.015))
        child.send_signal(signal.SIGKILL)
        child.wait()
        finished = [int(line) for line in child.stdout.read().split()]
        child.stdout.close()
        values = {p.data for p in MLP.load(path).parameters()}
        assert len(values) == 1, f"trial {trial}: a file mixing versions {sorted(values)[:5]}"
        (saved_version,) = values
        assert saved_version >= (finished[-1] if finished else version)
        version = int(saved_version)
        leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        killed_mid_save += bool(leftovers)
        for p in leftovers:
            p.unlink()
    assert killed_mid_save >= 4  # the kills did land in the middle of writes, not only between them
