"""LaTeX for the video's notation (the seeds'): z = Σ w·a + b, a = f(z), ŷ, y, E, η, ∂E/∂w.

Layers and neurons are numbered as :mod:`nnmath.notation` says (``weight_layer``, ``number_of``).
"""

from __future__ import annotations

from nnmath import ACTIVATIONS, Config
from nnmath.notation import number_of, weight_layer

LOSS_BEFORE = r"E_{\text{before}}"  # the loss before the update, and after it
LOSS_AFTER = r"E_{\text{after}}"
BATCH_ERROR = (
    r"\bar E"  # a dataset's batch error Ē = (1/m) Σ Eₛ (nnmath.notation.BATCH_ERROR): what its update descends
)


def error(batch: bool) -> str:
    """The error an update descends: Ē for a dataset's batch, E for one sample."""
    return BATCH_ERROR if batch else "E"


def loss_before(batch: bool) -> str:
    return rf"{BATCH_ERROR}_{{\text{{before}}}}" if batch else LOSS_BEFORE


def loss_after(batch: bool) -> str:
    return rf"{BATCH_ERROR}_{{\text{{after}}}}" if batch else LOSS_AFTER


def x(i: int) -> str:
    return rf"x_{{{number_of(i)}}}"


# Output k's term of the loss, written in general (where the terms are first named): the o of "output" with k under
# it, so that it never reads "E ok" (a lecturer's review 12); the rows write output 1's E_{o_1} alike (review 14).
LOSS_TERM = r"E_{o_k}"


def loss_term(k: int) -> str:
    """E_{o_k} for output k: its share of the loss (of several; one output's is E itself). The o keeps it apart from
    a batch sample's error E_s (E_1 is sample 1's)."""
    return rf"E_{{o_{{{number_of(k)}}}}}"


def weight(l: int, j: int, i: int) -> str:
    return rf"w^{{({weight_layer(l)})}}_{{{number_of(j)}{number_of(i)}}}"


def bias(l: int, j: int) -> str:
    return rf"b^{{({weight_layer(l)})}}_{{{number_of(j)}}}"


def z(layer: int, j: int) -> str:
    return rf"z^{{({layer})}}_{{{number_of(j)}}}"


def a(layer: int, j: int, config: Config | None = None) -> str:
    """a⁽ˡ⁾ⱼ; for the output layer of ``config``, ŷⱼ."""
    if config is not None and layer == len(config.layers) - 1:
        return rf"\hat y_{{{number_of(j)}}}"
    return rf"a^{{({layer})}}_{{{number_of(j)}}}"


def delta(layer: int, j: int) -> str:
    return rf"\delta^{{({layer})}}_{{{number_of(j)}}}"


def partial(of: str, by: str) -> str:
    return rf"\frac{{\partial {of}}}{{\partial {by}}}"


def activation_open(name: str) -> str:
    """The opening of f(…) for an activation, e.g. ``\\sigma(``."""
    return ACTIVATIONS[name].latex + "("


def activation(name: str) -> str:
    """The activation's LaTeX name, e.g. ``\\sigma``."""
    return ACTIVATIONS[name].latex


def y_hat(k: int) -> str:
    return rf"\hat y_{{{number_of(k)}}}"


def y(k: int) -> str:
    return rf"y_{{{number_of(k)}}}"
