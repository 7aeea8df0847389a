"""An optimizer loop with zero_grad() builds a new graph each step: accumulation, no StaleGradientWarning."""

import warnings

from autograd_lite import StaleGradientWarning
from autograd_lite.nn import MLP, SGD, mse_loss


def test_an_optimizer_loop_with_zero_grad_stays_silent():
    model = MLP(2, [3, 1], seed=0)
    opt = SGD(model.parameters(), lr=0.1)

    def loop():
        for _ in range(3):
            opt.zero_grad()
            loss = mse_loss([model([1.0, 2.0])], [0.5])
            loss.backward()
            opt.step()

    with warnings.catch_warnings():
        warnings.simplefilter("error", StaleGradientWarning)
        loop()  # an error if it warned
