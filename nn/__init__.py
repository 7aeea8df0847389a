"""autograd_lite.nn: neural networks built from Values — modules, losses, optimizers, toy data sets."""

from autograd_lite.nn.datasets import make_circles, make_moons, make_spirals, make_xor
from autograd_lite.nn.layers import MLP, Layer, Neuron
from autograd_lite.nn.losses import binary_cross_entropy, cross_entropy, hinge_loss, l2_penalty, mse_loss
from autograd_lite.nn.module import Module
from autograd_lite.nn.optim import SGD, Adam, Optimizer
from autograd_lite.nn.serialization import ModelFileError, read_state_dict

__all__ = [
    "MLP",
    "SGD",
    "Adam",
    "Layer",
    "ModelFileError",
    "Module",
    "Neuron",
    "Optimizer",
    "binary_cross_entropy",
    "cross_entropy",
    "hinge_loss",
    "l2_penalty",
    "make_circles",
    "make_moons",
    "make_spirals",
    "make_xor",
    "mse_loss",
    "read_state_dict",
]
