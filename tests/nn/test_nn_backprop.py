"""The scalar engine's gradients of an MLP equal the lecture notes' matrix equations (seeds 000 and 002).

Forward: z^l = W^l a^(l−1) + b^l, a^l = g(z^l). Backward: δ^L = ∇_a C ∘ g′(z^L),
δ^(l−1) = (W^l)ᵀ δ^l ∘ g′(z^(l−1)), ∂C/∂W^l = δ^l (a^(l−1))ᵀ, ∂C/∂b^l = δ^l.
Softmax + cross-entropy: δ^L = softmax(z^L) − onehot(y).
"""

import numpy as np
import pytest

from autograd_lite.nn import MLP, cross_entropy, mse_loss

G = {
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "leaky_relu": (lambda z: np.where(z > 0, z, 0.01 * z), lambda z: np.where(z > 0, 1.0, 0.01)),
    None: (lambda z: z, lambda z: np.ones_like(z)),
}
X = np.array([0.5, -1.2, 2.0])
Y = np.array([0.3, -0.4])


def matrix_forward(model: MLP, x: np.ndarray):
    """z^l and a^l for every layer, from the layers' matrices (a^0 = x)."""
    zs, acts = [], [x]
    for layer in model.layers:
        z = layer.weight_matrix() @ acts[-1] + layer.bias_vector()
        zs.append(z)
        acts.append(G[layer.activation][0](z))
    return zs, acts


def matrix_backward(model: MLP, zs, acts, delta_last):
    """[(∂C/∂W^l, ∂C/∂b^l)] by the recursion δ^(l−1) = (W^l)ᵀ δ^l ∘ g′(z^(l−1))."""
    deltas = [delta_last]
    for l in range(len(model.layers) - 1, 0, -1):  # noqa: E741  (l is the notes' layer index)
        W = model.layers[l].weight_matrix()  # noqa: N806
        deltas.insert(0, (W.T @ deltas[0]) * G[model.layers[l - 1].activation][1](zs[l - 1]))
    return [(np.outer(d, a), d) for d, a in zip(deltas, acts[:-1], strict=True)]


def assert_engine_matches(model: MLP, expected):
    for layer, (dW, db) in zip(model.layers, expected, strict=True):  # noqa: N806
        assert np.allclose(layer.weight_grad_matrix(), dW, rtol=1e-12, atol=1e-14)
        assert np.allclose(layer.bias_grad_vector(), db, rtol=1e-12, atol=1e-14)
        assert np.abs(dW).max() > 0


@pytest.mark.parametrize("hidden", ["tanh", "sigmoid", "relu", "leaky_relu"])
@pytest.mark.parametrize("output", [None, "sigmoid"])
def test_three_layer_mlp_weight_grads_are_delta_times_previous_activation(hidden, output):
    model = MLP(3, [4, 5, 2], activation=hidden, output_activation=output, seed=4)
    mse_loss(model(X), Y).backward()  # C = mean over the 2 outputs of (a − y)²
    zs, acts = matrix_forward(model, X)
    grad_a = 2 * (acts[-1] - Y) / len(Y)
    delta_last = grad_a * G[output][1](zs[-1])  # δ^L = ∇_a C ∘ g′(z^L)
    assert_engine_matches(model, matrix_backward(model, zs, acts, delta_last))


def test_batch_gradient_is_the_mean_of_the_per_sample_gradients():
    """Seed 002, Algorithm 2: ∂ℓ/∂W^l = (1/n) Σᵢ δᵢ^l (aᵢ^(l−1))ᵀ."""
    model = MLP(3, [4, 5, 1], activation="tanh", seed=6)
    batch = np.random.default_rng(1).normal(size=(6, 3))
    targets = np.linspace(-1, 1, 6)
    mse_loss([model(x) for x in batch], targets).backward()
    per_sample = []
    for x, y in zip(batch, targets, strict=True):
        zs, acts = matrix_forward(model, x)
        per_sample.append(matrix_backward(model, zs, acts, 2 * (acts[-1] - y)))
    mean = [tuple(np.mean([s[i][k] for s in per_sample], axis=0) for k in range(2)) for i in range(3)]
    assert_engine_matches(model, mean)


@pytest.mark.parametrize("label", [0, 1, 2])
def test_softmax_cross_entropy_gives_delta_softmax_minus_onehot(label):
    model = MLP(3, [4, 4, 3], activation="sigmoid", output_activation=None, seed=9)
    cross_entropy(model(X), label).backward()
    zs, acts = matrix_forward(model, X)
    softmax = np.exp(zs[-1] - zs[-1].max())
    softmax /= softmax.sum()
    delta_last = softmax - np.eye(3)[label]
    assert np.allclose(model.layers[-1].bias_grad_vector(), delta_last, rtol=1e-12, atol=1e-15)
    assert_engine_matches(model, matrix_backward(model, zs, acts, delta_last))
