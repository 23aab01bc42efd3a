"""LaTeX for the video's notation (the seeds'): z = Σ w·a + b, a = f(z), ŷ, y, E, η, ∂E/∂w.

Layers are numbered 0 (input) … L (output); trace weight index ``l`` is W⁽ˡ⁺¹⁾; neurons are 1-based.
"""

from __future__ import annotations

from nnmath import ACTIVATIONS, Config

LOSS_BEFORE = r"E_{\text{before}}"  # the loss before the update, and after it
LOSS_AFTER = r"E_{\text{after}}"


def x(i: int) -> str:
    return rf"x_{{{i + 1}}}"


def loss_term(k: int) -> str:
    """E_k: output k's share of the loss."""
    return rf"E_{{{k + 1}}}"


def weight(l: int, j: int, i: int) -> str:
    return rf"w^{{({l + 1})}}_{{{j + 1}{i + 1}}}"


def bias(l: int, j: int) -> str:
    return rf"b^{{({l + 1})}}_{{{j + 1}}}"


def z(layer: int, j: int) -> str:
    return rf"z^{{({layer})}}_{{{j + 1}}}"


def a(layer: int, j: int, config: Config | None = None) -> str:
    """a⁽ˡ⁾ⱼ; for the output layer of ``config``, ŷⱼ."""
    if config is not None and layer == len(config.layers) - 1:
        return rf"\hat y_{{{j + 1}}}"
    return rf"a^{{({layer})}}_{{{j + 1}}}"


def delta(layer: int, j: int) -> str:
    return rf"\delta^{{({layer})}}_{{{j + 1}}}"


def partial(of: str, by: str) -> str:
    return rf"\frac{{\partial {of}}}{{\partial {by}}}"


def activation_open(name: str) -> str:
    """The opening of f(…) for an activation, e.g. ``\\sigma(``."""
    return ACTIVATIONS[name].latex + "("


def activation(name: str) -> str:
    """The activation's LaTeX name, e.g. ``\\sigma``."""
    return ACTIVATIONS[name].latex


def y_hat(k: int) -> str:
    return rf"\hat y_{{{k + 1}}}"


def y(k: int) -> str:
    return rf"y_{{{k + 1}}}"
