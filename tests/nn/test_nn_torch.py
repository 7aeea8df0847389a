"""MLP ⇄ torch.nn.Sequential, and SGD/Adam step for step against torch.optim on the same model."""

import sys

import numpy as np
import pytest

from autograd_lite.nn import MLP, SGD, Adam, make_moons, mse_loss

torch = pytest.importorskip("torch", reason="the bridge and the optimizers are checked against PyTorch")
BATCH, TARGETS = make_moons(12, noise=0.2, seed=3)
TARGETS = TARGETS.astype(float)


def forward_and_grads(model: MLP):
    """Our outputs on BATCH and every parameter's gradient of the batch MSE, as NumPy arrays."""
    model.zero_grad()
    outputs = [model(x) for x in BATCH]
    mse_loss(outputs, TARGETS).backward()
    return np.array([o.data for o in outputs]), [
        (layer.weight_grad_matrix(), layer.bias_grad_vector()) for layer in model.layers
    ]


def torch_forward_and_grads(seq):
    seq.zero_grad()
    out = seq(torch.tensor(BATCH)).squeeze(1)
    torch.nn.functional.mse_loss(out, torch.tensor(TARGETS)).backward()
    linears = [m for m in seq if isinstance(m, torch.nn.Linear)]
    return out.detach().numpy(), [(m.weight.grad.numpy(), m.bias.grad.numpy()) for m in linears]


@pytest.mark.parametrize(
    ("activation", "output"), [("tanh", None), ("relu", "sigmoid"), ("sigmoid", "tanh"), ("leaky_relu", "relu")]
)
def test_to_torch_gives_the_same_outputs_and_every_gradient(activation, output):
    model = MLP(2, [5, 4, 1], activation=activation, output_activation=output, seed=1)
    seq = model.to_torch()
    kinds = [type(m).__name__ for m in seq]
    names = {"tanh": "Tanh", "relu": "ReLU", "sigmoid": "Sigmoid", "leaky_relu": "LeakyReLU"}
    expected = ["Linear", names[activation], "Linear", names[activation], "Linear"] + (
        [names[output]] if output else []
    )
    assert kinds == expected
    assert all(p.dtype == torch.float64 for p in seq.parameters())
    ours, our_grads = forward_and_grads(model)
    theirs, their_grads = torch_forward_and_grads(seq)
    assert np.allclose(ours, theirs, rtol=0, atol=1e-12)
    for (gw, gb), (tw, tb) in zip(our_grads, their_grads, strict=True):
        assert np.allclose(gw, tw, rtol=0, atol=1e-12)
        assert np.allclose(gb, tb, rtol=0, atol=1e-12)
    assert np.abs(our_grads[0][0]).max() > 0  # the comparison is not between zeros


def test_round_trip_keeps_every_weight_exactly():
    model = MLP(3, [4, 2], activation="leaky_relu", output_activation="sigmoid", seed=5)
    back = MLP.from_torch(model.to_torch())
    assert repr(back) == repr(model)
    assert back.state_dict() == model.state_dict()


def test_from_torch_reads_a_model_made_in_torch():
    torch.manual_seed(0)
    seq = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))  # float32
    model = MLP.from_torch(seq)
    assert (model.nin, model.nouts, model.activation, model.output_activation) == (2, [8, 3], "tanh", None)
    assert np.array_equal(model.layers[1].weight_matrix(), seq[2].weight.detach().double().numpy())
    x = np.array([0.25, -1.5])
    out = seq(torch.tensor(x, dtype=torch.float32)).detach().double().numpy()
    assert np.allclose([v.data for v in model(x)], out, atol=1e-6)  # torch computed in float32


@pytest.mark.parametrize(
    ("modules", "message"),
    [
        (lambda nn: [nn.Linear(2, 3, bias=False)], "bias=False"),
        (lambda nn: [nn.Linear(2, 3), nn.Dropout(0.5), nn.Linear(3, 1)], "Dropout"),
        (lambda nn: [nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 1)], "one hidden activation"),
        (lambda nn: [nn.Linear(2, 3), nn.Linear(4, 1)], "takes 4 inputs but the layer before gives 3"),
        (lambda nn: [nn.Linear(2, 3), nn.LeakyReLU(0.2), nn.Linear(3, 1)], "LeakyReLU"),
        (lambda nn: [nn.Linear(2, 3), nn.ReLU(), nn.ReLU()], "at most one"),
        (lambda nn: [nn.ReLU()], "at most one"),
        (lambda nn: [], "no Linear"),
    ],
)
def test_from_torch_explains_what_it_cannot_read(modules, message):
    with pytest.raises(ValueError, match=message):
        MLP.from_torch(torch.nn.Sequential(*modules(torch.nn)))


def test_from_torch_takes_only_a_sequential():
    with pytest.raises(TypeError, match=r"torch\.nn\.Sequential, got Linear"):
        MLP.from_torch(torch.nn.Linear(2, 1))


def test_without_torch_the_error_says_how_to_install_it(monkeypatch):
    model = MLP(2, [3, 1], seed=0)
    seq = model.to_torch()
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` now raises ImportError
    with pytest.raises(ImportError, match=r"pip install 'autograd-lite\[torch\]'"):
        model.to_torch()
    with pytest.raises(ImportError, match=r"MLP.from_torch\(\) needs PyTorch"):
        MLP.from_torch(seq)


OPTIMIZERS = [
    (lambda p: SGD(p, lr=0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    (lambda p: SGD(p, lr=0.05, momentum=0.9), lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9)),
    (
        lambda p: SGD(p, lr=0.05, momentum=0.5, weight_decay=0.01),
        lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.5, weight_decay=0.01),
    ),
    (lambda p: SGD(p, lr=0.1, weight_decay=0.1), lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.1)),
    (lambda p: Adam(p), lambda p: torch.optim.Adam(p)),
    (lambda p: Adam(p, lr=0.05), lambda p: torch.optim.Adam(p, lr=0.05)),
    (
        lambda p: Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
        lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
    ),
]


@pytest.mark.parametrize(("ours", "theirs"), OPTIMIZERS)
def test_optimizers_step_for_step_as_torch_optim(ours, theirs):
    model = MLP(2, [6, 6, 1], activation="tanh", seed=2)
    seq = model.to_torch()
    opt, topt = ours(model.parameters()), theirs(seq.parameters())
    linears = [m for m in seq if isinstance(m, torch.nn.Linear)]
    start = model.state_dict()
    for _ in range(6):
        opt.zero_grad()
        mse_loss([model(x) for x in BATCH], TARGETS).backward()
        opt.step()
        topt.zero_grad()
        torch.nn.functional.mse_loss(seq(torch.tensor(BATCH)).squeeze(1), torch.tensor(TARGETS)).backward()
        topt.step()
        for layer, linear in zip(model.layers, linears, strict=True):
            assert np.allclose(layer.weight_matrix(), linear.weight.detach().numpy(), rtol=0, atol=1e-12)
            assert np.allclose(layer.bias_vector(), linear.bias.detach().numpy(), rtol=0, atol=1e-12)
    moved = max(abs(model.state_dict()[k] - v) for k, v in start.items())
    assert moved > 1e-3  # the steps did something


def test_optimizers_check_their_arguments():
    params = MLP(2, [2, 1], seed=0).parameters()
    with pytest.raises(ValueError, match="empty parameter list"):
        SGD([], lr=0.1)
    with pytest.raises(TypeError, match="takes Values to optimise, got float"):
        SGD([1.0], lr=0.1)
    with pytest.raises(ValueError, match="lr must be ≥ 0, got -1"):
        SGD(params, lr=-1)
    with pytest.raises(ValueError, match=r"betas\[1\] must be in \[0, 1\), got 1.0"):
        Adam(params, betas=(0.9, 1.0))
    with pytest.raises(TypeError, match="momentum"):
        SGD(params, lr=0.1, momentum="0.9")


def test_zero_grad_and_a_learning_rate_schedule():
    model = MLP(2, [2, 1], seed=0)
    opt = SGD(model.parameters(), lr=1.0)
    model([1.0, 2.0]).backward()
    grads = [p.grad for p in model.parameters()]
    before = [p.data for p in model.parameters()]
    opt.lr = 0.5
    opt.step()
    assert [p.data for p in model.parameters()] == [b - 0.5 * g for b, g in zip(before, grads, strict=True)]
    opt.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())
