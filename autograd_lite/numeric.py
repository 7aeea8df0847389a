"""IEEE-754 arithmetic on Python floats: inf and nan instead of Python exceptions."""

import math
import numbers

import numpy as np

INF = math.inf
NAN = math.nan


def as_real(x: object, who: str = "Value()") -> float:
    """The float a real number stands for; a TypeError naming anything else (bool, str, None, complex)."""
    if type(x) is float:  # fast path: almost every call
        return x
    if isinstance(x, bool | np.bool_) or not isinstance(x, numbers.Real):
        raise TypeError(f"{who} takes a real number, got {type(x).__name__}: {x!r}")
    try:
        return float(x)
    except OverflowError:  # an int beyond float range rounds to ±inf, as IEEE-754 does
        return INF if x > 0 else -INF  # (math.copysign(INF, x) would overflow converting x again)


def div(x: float, y: float) -> float:
    """x / y with 1/0 → inf, -1/0 → -inf, 0/0 → nan."""
    try:
        return x / y
    except ZeroDivisionError:
        if x == 0.0 or x != x:
            return NAN
        return math.copysign(INF, x) * math.copysign(1.0, y)


def fsum(xs: list[float]) -> float:
    """Σ x correctly rounded, with inf − inf → nan and overflow → ±inf (math.fsum raises on both)."""
    try:
        return math.fsum(xs)
    except (OverflowError, ValueError):
        return sum(xs)


def exp(x: float) -> float:
    """e^x with overflow → inf."""
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def log(x: float) -> float:
    """ln x with log(0) → -inf, log(x<0) → nan."""
    if x > 0.0:
        return math.log(x)
    return -INF if x == 0.0 else NAN


def sqrt(x: float) -> float:
    """√x with sqrt(x<0) → nan."""
    return math.sqrt(x) if x >= 0.0 else NAN


def power(x: float, y: float) -> float:
    """x ** y as C's pow: (-8) ** (1/3) → nan, 0 ** -1 → inf, 10 ** 400 → inf."""
    try:
        return math.pow(x, y)
    except (OverflowError, ValueError):  # rare edge cases: let NumPy's C pow decide
        with np.errstate(all="ignore"):
            return float(np.power(np.float64(x), np.float64(y)))


def sin(x: float) -> float:
    """sin x with sin(±inf) → nan."""
    return math.sin(x) if math.isfinite(x) else NAN


def cos(x: float) -> float:
    """cos x with cos(±inf) → nan."""
    return math.cos(x) if math.isfinite(x) else NAN


def sigmoid(x: float) -> float:
    """σ(x) = 1/(1+e^-x), computed without overflow on either side."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = exp(x)
    return e / (1.0 + e)
