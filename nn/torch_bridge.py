"""MLP ⇄ torch.nn.Sequential (float64): the way out when a learner outgrows scalars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

    from autograd_lite.nn.layers import MLP

INSTALL_HINT = "pip install 'autograd-lite[torch]'"
# Activation name ↔ torch module class name (LeakyReLU with torch's default slope 0.01, as Value.leaky_relu).
TORCH_ACTIVATIONS = {"tanh": "Tanh", "relu": "ReLU", "sigmoid": "Sigmoid", "leaky_relu": "LeakyReLU"}
LEAKY_SLOPE = 0.01


def import_torch(what: str) -> Any:
    """The torch module, or an ImportError that says how to install it."""
    try:
        import torch
    except ImportError:
        raise ImportError(f"{what} needs PyTorch, which is not installed: {INSTALL_HINT}") from None
    return torch


def mlp_to_torch(mlp: MLP) -> torch.nn.Sequential:
    """Linear(float64) + activation modules with the MLP's weights; W is nout × nin in both."""
    torch = import_torch("MLP.to_torch()")
    modules = []
    for layer in mlp.layers:
        linear = torch.nn.Linear(layer.nin, layer.nout, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(layer.weight_matrix()))
            linear.bias.copy_(torch.from_numpy(layer.bias_vector()))
        modules.append(linear)
        if layer.activation is not None:
            modules.append(getattr(torch.nn, TORCH_ACTIVATIONS[layer.activation])())
    return torch.nn.Sequential(*modules)


def mlp_from_torch(seq: Any, cls: type[MLP]) -> MLP:
    """An MLP from Linear layers, each followed by at most one Tanh/ReLU/Sigmoid/LeakyReLU."""
    torch = import_torch("MLP.from_torch()")
    if not isinstance(seq, torch.nn.Sequential):
        raise TypeError(f"from_torch() takes a torch.nn.Sequential, got {type(seq).__name__}")
    linears: list[Any] = []
    activations: list[str | None] = []
    for index, module in enumerate(seq):
        if isinstance(module, torch.nn.Linear):
            if module.bias is None:
                raise ValueError(f"from_torch(): layer {index} is Linear(bias=False); every neuron here has a bias")
            if linears and module.in_features != linears[-1].out_features:
                raise ValueError(
                    f"from_torch(): layer {index} takes {module.in_features} inputs but the layer before gives "
                    f"{linears[-1].out_features}"
                )
            linears.append(module)
            activations.append(None)
        else:
            name = _activation_name(module)
            if name is None or not linears or activations[-1] is not None:
                raise ValueError(
                    f"from_torch(): layer {index} is {module!r}; an MLP is Linear layers, each followed by at most "
                    "one of Tanh, ReLU, Sigmoid, LeakyReLU(0.01)"
                )
            activations[-1] = name
    if not linears:
        raise ValueError("from_torch(): the Sequential has no Linear layer")
    hidden = set(activations[:-1])
    if len(hidden) > 1:
        raise ValueError(f"from_torch(): an MLP has one hidden activation, got {sorted(map(str, hidden))}")
    mlp = cls(
        linears[0].in_features,
        [m.out_features for m in linears],
        activation=activations[0] if len(linears) > 1 else "tanh",
        output_activation=activations[-1],
        seed=0,
    )
    state = {}
    for i, (layer, linear) in enumerate(zip(mlp.layers, linears)):
        weight = linear.weight.detach().to(torch.float64).cpu().numpy()
        bias = linear.bias.detach().to(torch.float64).cpu().numpy()
        for j in range(layer.nout):
            state.update({f"layers.{i}.neurons.{j}.w.{k}": float(v) for k, v in enumerate(weight[j])})
            state[f"layers.{i}.neurons.{j}.b"] = float(bias[j])
    mlp.load_state_dict(state)
    return mlp


def _activation_name(module: Any) -> str | None:
    """Our name for a torch activation module, None for anything else (or a LeakyReLU of another slope)."""
    for name, class_name in TORCH_ACTIVATIONS.items():
        if type(module).__name__ == class_name and type(module).__module__.startswith("torch.nn"):
            if name == "leaky_relu" and module.negative_slope != LEAKY_SLOPE:
                return None
            return name
    return None
