"""The tour of the lecture notes' worked examples, in the order of a course (`autograd-lite demo` runs it).

Each lesson is a module of this package with `main(out_dir)`; `python examples/NAME.py` runs one alone.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from autograd_lite.examples import (
    bias_units,
    chain_rule,
    finite_differences,
    four_equations,
    moons,
    polar,
    saturation,
    small_network,
    tanh_softmax,
    two_layer_sigmoid,
)


class Lesson(NamedTuple):
    """One worked example: its module, what it shows, and the seed sections it reproduces."""

    module: ModuleType
    title: str
    seeds: str

    @property
    def name(self) -> str:
        """The module's own name: `chain_rule`."""
        return self.module.__name__.rpartition(".")[2]


LESSONS = [
    Lesson(chain_rule, "The chain rule, one node at a time", "seed 000 §2.1; seed 004 §2 Figure 6"),
    Lesson(polar, "The multivariable chain rule: two paths that cancel", "seed 000 §1.3"),
    Lesson(small_network, "A small network's gradients vs its closed forms", "seed 000 §2.3"),
    Lesson(four_equations, "The four backprop equations vs the matrix recursion", "seed 000 §2.2; seed 002 theorem"),
    Lesson(tanh_softmax, "A 2→500→2 tanh/softmax network and the errors of its notes", "seed 001 eqs. (1)–(17)"),
    Lesson(two_layer_sigmoid, "Equations (A) and (B), then gradient descent", "seed 003"),
    Lesson(bias_units, "A 3-3-1 network with bias units: Δ, D and λ", "seed 004 §4–5"),
    Lesson(finite_differences, "Finite differences vs backpropagation", "seed 000 §2.4"),
    Lesson(saturation, "Saturation: vanishing and exploding gradients", "seed 002 Saturation; seed 000 §2.4.1"),
    Lesson(moons, "An MLP learns two moons (micrograd's classic)", "seed 002 Algorithm 2; micrograd"),
]


def find(name: str) -> Lesson | None:
    """The lesson called `name`, or numbered `name` (1-based); None if there is none."""
    if name.isdigit() and 1 <= int(name) <= len(LESSONS):
        return LESSONS[int(name) - 1]
    return next((lesson for lesson in LESSONS if lesson.name == name), None)


def run_lesson(lesson: Lesson, out_dir: Path | None) -> None:
    """Run the lesson's main(out_dir)."""
    lesson.module.main(out_dir)


def print_list() -> None:
    """The lessons as a numbered table."""
    width = max(len(lesson.name) for lesson in LESSONS)
    for number, lesson in enumerate(LESSONS, start=1):
        print(f"{number:>2}  {lesson.name:<{width}}  {lesson.title}  ({lesson.seeds})")
