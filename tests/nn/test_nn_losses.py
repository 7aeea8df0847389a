"""Losses: values and gradients against PyTorch (float64), single samples and batches, stability, errors."""

import math

import numpy as np
import pytest

from autograd_lite import Value
from autograd_lite.graph import topological_order
from autograd_lite.nn import binary_cross_entropy, cross_entropy, hinge_loss, l2_penalty, mse_loss

torch = pytest.importorskip("torch", reason="the losses are checked against PyTorch (the 'torch' extra)")
F = torch.nn.functional
RNG = np.random.default_rng(0)


def values(numbers):
    return [Value(float(v)) for v in numbers]


def check(loss, ours, torch_loss, theirs):
    """Same loss value and same gradient for every input, to 1e-12."""
    loss.backward()
    torch_loss.backward()
    assert loss.data == pytest.approx(torch_loss.item(), rel=1e-12, abs=1e-12)
    grads = theirs.grad.numpy().ravel()
    assert np.allclose([v.grad for v in ours], grads, rtol=1e-12, atol=1e-12)


def test_mse_batch_and_single():
    p, t = RNG.normal(size=7), RNG.normal(size=7)
    ours, theirs = values(p), torch.tensor(p, requires_grad=True)
    check(mse_loss(ours, t), ours, F.mse_loss(theirs, torch.tensor(t)), theirs)
    one = Value(0.3)
    loss = mse_loss(one, 1.0)
    loss.backward()
    assert loss.data == pytest.approx(0.49)
    assert one.grad == pytest.approx(2 * (0.3 - 1.0))


def test_mse_of_a_batch_of_output_rows_averages_every_entry():
    p, t = RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))
    ours = [values(row) for row in p]
    theirs = torch.tensor(p, requires_grad=True)
    flat = [v for row in ours for v in row]
    check(mse_loss(ours, t), flat, F.mse_loss(theirs, torch.tensor(t)), theirs)


@pytest.mark.parametrize("logits", [RNG.normal(scale=3, size=9), np.array([0.0, 1000.0, -1000.0, 40.0, -40.0, 0.0])])
def test_binary_cross_entropy_from_logits(logits):
    t = (np.arange(len(logits)) % 2).astype(float)
    ours, theirs = values(logits), torch.tensor(logits, requires_grad=True)
    check(binary_cross_entropy(ours, t), ours, F.binary_cross_entropy_with_logits(theirs, torch.tensor(t)), theirs)


def test_binary_cross_entropy_soft_targets_and_the_exact_gradient_at_zero():
    z = np.array([0.0, 0.7, -2.0])
    t = np.array([0.25, 0.5, 1.0])
    ours, theirs = values(z), torch.tensor(z, requires_grad=True)
    check(binary_cross_entropy(ours, t), ours, F.binary_cross_entropy_with_logits(theirs, torch.tensor(t)), theirs)
    zero = Value(0.0)
    binary_cross_entropy(zero, 1).backward()
    assert zero.grad == -0.5  # σ(0) − 1, also at the kink-free point where |z| = 0


def test_binary_cross_entropy_is_stable_for_huge_logits():
    z = Value(1000.0)
    loss = binary_cross_entropy(z, 0.0)
    loss.backward()
    assert loss.data == 1000.0
    assert z.grad == 1.0
    assert binary_cross_entropy(Value(-1000.0), 0.0).data == 0.0


def test_cross_entropy_batch():
    z = RNG.normal(scale=2, size=(5, 4))
    y = [3, 0, 1, 1, 2]
    ours = [values(row) for row in z]
    theirs = torch.tensor(z, requires_grad=True)
    flat = [v for row in ours for v in row]
    check(cross_entropy(ours, y), flat, F.cross_entropy(theirs, torch.tensor(y)), theirs)
    again = [values(row) for row in z]
    assert cross_entropy(again, np.array(y)).data == pytest.approx(F.cross_entropy(theirs, torch.tensor(y)).item())


def test_cross_entropy_single_sample_gives_softmax_minus_onehot_and_is_two_nodes():
    z = values([1000.0, -1000.0, 999.0])  # stable: no overflow at ±1000
    loss = cross_entropy(z, 2)
    loss.backward()
    theirs = torch.tensor([1000.0, -1000.0, 999.0], dtype=torch.float64, requires_grad=True)
    expected = F.cross_entropy(theirs[None], torch.tensor([2]))
    expected.backward()
    assert loss.data == pytest.approx(expected.item(), rel=1e-15)
    assert [v.grad for v in z] == pytest.approx(theirs.grad.tolist(), rel=1e-12, abs=1e-12)
    assert loss.op == "-"
    assert [v.op for v in topological_order(loss) if v.op] == ["logsumexp", "-"]


def test_hinge_loss_is_micrograds_max_margin_loss():
    s = np.array([0.3, -2.0, 1.5, 0.99, -0.2, 1.0])
    y = np.array([1, 1, -1, 1, -1, 1])
    ours, theirs = values(s), torch.tensor(s, requires_grad=True)
    check(hinge_loss(ours, y), ours, torch.relu(1 - torch.tensor(y) * theirs).mean(), theirs)
    single = Value(0.5)
    assert hinge_loss(single, -1).data == 1.5


def test_l2_penalty_is_lambda_times_sum_of_squares_as_one_dot_node():
    p = RNG.normal(size=6)
    ours, theirs = values(p), torch.tensor(p, requires_grad=True)
    penalty = l2_penalty(ours, 1e-3)
    check(penalty, ours, 1e-3 * (theirs**2).sum(), theirs)
    assert penalty.inputs[0].op == "dot"


@pytest.mark.parametrize("loss", [mse_loss, binary_cross_entropy, hinge_loss])
def test_losses_reject_mismatched_batches(loss):
    with pytest.raises(ValueError, match="got 3 predictions and 2 targets"):
        loss(values([0.1, 0.2, 0.3]), [1, 1])
    with pytest.raises(TypeError, match="one target"):
        loss(values([0.1, 0.2]), 1)
    with pytest.raises(ValueError, match="empty batch"):
        loss([], [])


def test_losses_name_bad_targets():
    with pytest.raises(ValueError, match=r"in \[0, 1\], got 2"):
        binary_cross_entropy(values([0.1]), [2])
    with pytest.raises(ValueError, match=r"-1 or \+1, got 0\.0; for 0/1 labels pass 2\*y - 1"):
        hinge_loss(values([0.1]), [0])
    with pytest.raises(ValueError, match=r"target 3 is not a class index 0\.\.2"):
        cross_entropy(values([0.1, 0.2, 0.3]), 3)
    with pytest.raises(ValueError, match="2 rows of logits and 1 targets"):
        cross_entropy([values([0.1, 0.2])] * 2, [1])
    with pytest.raises(TypeError, match="class indices"):
        cross_entropy(values([0.1, 0.2]), 1.0)
    with pytest.raises(TypeError, match="a list of logits per sample"):
        cross_entropy(values([0.1, 0.2]), [0, 1])
    with pytest.raises(ValueError, match="at least one parameter"):
        l2_penalty([], 0.1)
    with pytest.raises(TypeError, match="str"):
        mse_loss(values([0.1]), ["a"])


def test_losses_accept_numpy_targets_and_give_floats():
    z = values([0.5, -0.5])
    assert math.isfinite(binary_cross_entropy(z, np.array([1, 0])).data)
    assert mse_loss(z, np.array([0.5, -0.5])).data == 0.0
