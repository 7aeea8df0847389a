"""`Module`: the parameters of a model by name, their gradients, and saving them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from os import PathLike
from typing import Any, ClassVar, TypeVar

from autograd_lite import Value
from autograd_lite.nn.serialization import MAX_PARAMETERS, ModelFileError, read_model_file, write_model_file
from autograd_lite.numeric import as_real

M = TypeVar("M", bound="Module")


class Module:
    """A model made of Values: Neuron, Layer and MLP are Modules.

    A subclass defines `named_parameters()` (stable dotted names, e.g. `layers.0.neurons.3.w.1`),
    `parameters()` (the same Values, in the same order, without building names: a training loop may
    call it every step, e.g. for `l2_penalty`) and `architecture()` (the constructor arguments that
    rebuild it, for `load`).
    """

    # Class name → class, filled by `__init_subclass__`: `Module.load` rebuilds the class a file names.
    # The first class of a name keeps it, so a user's own `class MLP(Module)` cannot take over ours.
    registry: ClassVar[dict[str, type[Module]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Module.registry.setdefault(cls.__name__, cls)

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        """(name, Value) for every parameter, in a fixed order."""
        raise NotImplementedError(f"{type(self).__name__} must define named_parameters()")

    def parameters(self) -> list[Value]:
        """Every parameter Value, in the order of `named_parameters()`."""
        return [p for _, p in self.named_parameters()]

    def architecture(self) -> dict[str, Any]:
        """The keyword arguments of the constructor that rebuilds this module's shape."""
        raise NotImplementedError(f"{type(self).__name__} must define architecture()")

    @classmethod
    def _count_parameters(cls, architecture: Mapping[str, Any]) -> int | None:
        """How many parameters the module of this architecture has, without building it; None: cannot tell
        (malformed sizes, which the constructor refuses before it allocates anything)."""
        return None

    def zero_grad(self) -> None:
        """Set every parameter's grad to 0 (leaves accumulate across `backward()` calls)."""
        for p in self.parameters():
            p.grad = 0.0

    def state_dict(self) -> dict[str, float]:
        """{name: value} of every parameter, as plain floats."""
        return {name: p.data for name, p in self.named_parameters()}

    def load_state_dict(self, state: Mapping[str, object]) -> None:
        """Set every parameter from `state`; checks everything first, so an error changes nothing."""
        if not isinstance(state, Mapping):
            raise TypeError(f"load_state_dict() takes a dict of name → number, got {type(state).__name__}")
        named = dict(self.named_parameters())
        missing = [name for name in named if name not in state]
        unexpected = [name for name in state if name not in named]
        if missing or unexpected:
            raise ValueError(
                f"state does not fit this {self!r}: {_few(missing)} missing, {_few(unexpected)} unexpected; "
                "it was saved from a model of another shape"
            )
        values = {name: as_real(state[name], f"state_dict entry {name!r}") for name in named}
        for name, p in named.items():
            p.data = values[name]

    def save(self, path: str | PathLike[str]) -> None:
        """Write the architecture and parameters as JSON, atomically (a crash leaves the old file)."""
        write_model_file(path, type(self).__name__, self.architecture(), self.state_dict())

    @classmethod
    def load(cls: type[M], path: str | PathLike[str]) -> M:
        """A new module rebuilt from a file written by `save` (`MLP.load(p)` also checks it is an MLP).

        Nothing is built for an architecture that needs more parameters than the file holds.
        """
        document = read_model_file(path)
        name = document["class"]
        found = Module.registry.get(name)
        if found is None:
            raise ModelFileError(f"{path} holds a {_shortened(repr(name))}, which is not an autograd-lite.nn module")
        if not issubclass(found, cls):
            raise ModelFileError(f"{path} holds a {name}, not a {cls.__name__}; load it with {name}.load()")
        needed, held = found._count_parameters(document["architecture"]), len(document["parameters"])
        if needed is not None and needed > held:  # refused before a single Value is made
            needs = (
                f"{needed:,} parameters and the file holds {held:,} ({needed - held:,} missing)"
                if needed <= MAX_PARAMETERS
                else f"more than {MAX_PARAMETERS:,} parameters (the most a model file holds); the file holds {held:,}"
            )
            raise ModelFileError(f"{path} does not describe a valid {name}: its architecture needs {needs}")
        try:
            module = found(**document["architecture"])
            module.load_state_dict(document["parameters"])
        except (TypeError, ValueError) as e:
            raise ModelFileError(f"{path} does not describe a valid {name}: {_shortened(str(e))}") from None
        return module

    def _label_parameters(self) -> None:
        """Label each parameter with its name, so graphs, `explain` and the Stepper show `layers.0.…w.1`."""
        for name, p in self.named_parameters():
            p.label = name


def _few(names: list[str], limit: int = 3) -> str:
    """'none', or a count and the first few names."""
    if not names:
        return "none"
    shown = ", ".join(names[:limit]) + (", …" if len(names) > limit else "")
    return f"{len(names)} ({shown})"


def _shortened(text: str, limit: int = 200) -> str:
    """A message part quoting the file, cut with "…": a 100 MB value in a file makes no 100 MB message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
