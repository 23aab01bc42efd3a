"""The long chain: ∂E/∂w⁽¹⁾ⱼᵢ as a sum over paths, each a product of partial derivatives.

The seeds write the gradient of a first-layer weight as one long product of partial derivatives,
from the error back to the weight. In a network with hidden layers there is one such product per
path: a path picks one neuron in each layer 2 … L (layer 1's neuron is j, the weight's own), and,
for a softmax output (which mixes its layer), the output ŷₘ the error reaches it through. The
gradient is the sum of all paths' products; backprop gets the same number by carrying δ = ∂E/∂z
layer by layer (δ⁽ˡ⁾ = f′(z) Σ w δ⁽ˡ⁺¹⁾): one multiply-add per edge instead of one product per path.

Paths are numbered from 0 in the order of their choices read from the error back: (m,) nₗ, …, n₂
— ``np.ravel_multi_index(choices, path_shape(trace))``; m only for a softmax output.
Every factor names the trace entry it is read from, e.g. ``("weights", 1, m, n)`` for w⁽²⁾ₘₙ.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import product

import numpy as np

from nnmath.by_hand import worked
from nnmath.notation import (
    bias,
    entry_decimals,
    format_number,
    format_value,
    gradient_number,
    neuron_value,
    significant_decimals,
    sub,
    visible_decimals,
    weight,
)
from nnmath.rounding import hand_rounded, mixes_output
from nnmath.trace import StepTrace

Entry = tuple[str | int, ...]


@dataclass(frozen=True)
class Factor:
    """One partial derivative of a path: its name (plain text and LaTeX), trace entry and value."""

    text: str
    latex: str
    entry: Entry
    value: float


@dataclass(frozen=True)
class Path:
    """One path from E back to w⁽¹⁾ⱼᵢ: its number, its neuron in each layer 1 … L (``neurons[0]`` = j),
    the output ŷₘ it leaves E through, its factors in order from the error, and their product."""

    index: int
    neurons: tuple[int, ...]
    output: int
    factors: tuple[Factor, ...]
    product: float


def has_long_chain(trace: StepTrace) -> bool:
    """Only a network with a hidden layer (L ≥ 2) has a chain longer than the first layer's own."""
    return trace.depth >= 2


def path_shape(trace: StepTrace) -> tuple[int, ...]:
    """How many choices each step of a path has, from the error back: (m,) n_L, …, n_2."""
    hidden = tuple(trace.layers[layer] for layer in range(trace.depth, 1, -1))
    return ((trace.layers[-1],) if mixes_output(trace) else ()) + hidden


def path_count(trace: StepTrace) -> int:
    return math.prod(path_shape(trace))


def factors_per_path(trace: StepTrace) -> int:
    """∂E/∂ŷ, ∂ŷ/∂z, then w and f′ for each hidden layer, then a⁽⁰⁾ᵢ: 2L + 1."""
    return 2 * trace.depth + 1


def reuse_sentence(trace: StepTrace, focus: Sequence[tuple[int, int]], decimals: int, value: bool = True) -> str:
    """Why backprop goes through δ, in words true of this network (one home: the video's panel and subtitle and
    the answer key say it alike): each δ once, from the next layer's δ; the same δ⁽¹⁾ⱼ serves every weight
    into neuron j and its bias, where path by path each of those gradients lists its own paths. ``value``: δ⁽¹⁾ⱼ's
    value with it (not on screen, where a number is drawn as one, never inside words)."""
    j, _ = focus[0]
    inputs, n = trace.layers[0], path_count(trace)
    delta = neuron_value("δ", 1, j) + (f" = {gradient_number(float(trace.delta[0][j]), decimals)}" if value else "")
    grads = [f"∂E/∂{weight(0, j, i)}" for i in range(inputs)] + [f"∂E/∂{bias(0, j)}"]
    listed_grads = grads[:-1] if inputs <= 2 else [f"{grads[0]} … {grads[-2]}"]  # many inputs: the first … last
    named = ", ".join(listed_grads) + f" and {grads[-1]}"
    return (
        "Backprop lists no paths: it computes each δ once, from the next layer's δ. "
        f"The same {delta} gives all {len(grads)} gradients of neuron {j + 1}, {named}; "
        f"{without_delta(n)}."
    )


def without_delta(paths: int) -> str:
    """What each gradient would do without a shared δ: true of one path as of many."""
    if paths == 1:
        return "without δ, each would redo its whole path"
    return f"path by path, each would add up its own {paths} paths"


def path_at(trace: StepTrace, focus: tuple[int, int], index: int) -> Path:
    """Path number ``index`` to the first layer's weight ``focus`` = (j, i), 0-based."""
    choices = tuple(int(c) for c in np.unravel_index(index, path_shape(trace)))
    return _path(trace, focus, choices)


def all_paths(trace: StepTrace, focus: tuple[int, int]) -> list[Path]:
    """Every path, in the order of their numbers."""
    return [_path(trace, focus, choices) for choices in product(*(range(n) for n in path_shape(trace)))]


def path_sum(trace: StepTrace, focus: tuple[int, int]) -> float:
    """Σ over all paths of their products: ∂E/∂w⁽¹⁾ⱼᵢ, as backprop finds it (``trace.grad_weights[0][j, i]``)."""
    return float(sum(p.product for p in all_paths(trace, focus)))


def _path(trace: StepTrace, focus: tuple[int, int], choices: tuple[int, ...]) -> Path:
    j, i = focus
    L, mixed = trace.depth, mixes_output(trace)
    m = choices[0] if mixed else None
    hidden = choices[1:] if mixed else choices  # neurons of layers L, L − 1, …, 2
    neurons = (j, *reversed(hidden))  # neurons[layer - 1]: the path's neuron of layer 1 … L
    k = neurons[L - 1]
    out = k if m is None else m
    factors = [_dE_dyhat(trace, out), _output_slope(trace, out, k)]
    for layer in range(L - 1, 0, -1):  # ∂z⁽ˡ⁺¹⁾/∂a⁽ˡ⁾ = w⁽ˡ⁺¹⁾, then ∂a⁽ˡ⁾/∂z⁽ˡ⁾ = f′(z⁽ˡ⁾)
        upper, lower = neurons[layer], neurons[layer - 1]
        factors += [_edge(trace, layer, upper, lower), _slope(layer, lower, trace)]
    factors.append(_input(trace, j, i))
    value = 1.0
    for factor in factors:
        value *= factor.value
    index = int(np.ravel_multi_index(choices, path_shape(trace)))
    return Path(index, neurons, out, tuple(factors), value)


def _y_hat(k: int) -> tuple[str, str]:
    return f"ŷ{sub(k + 1)}", rf"\hat y_{{{k + 1}}}"


def _z(layer: int, k: int) -> tuple[str, str]:
    return neuron_value("z", layer, k), rf"z^{{({layer})}}_{{{k + 1}}}"


def _a(layer: int, k: int) -> tuple[str, str]:
    return neuron_value("a", layer, k), rf"a^{{({layer})}}_{{{k + 1}}}"


def _partial(of: tuple[str, str], by: tuple[str, str], entry: Entry, value: float) -> Factor:
    return Factor(f"∂{of[0]}/∂{by[0]}", rf"\frac{{\partial {of[1]}}}{{\partial {by[1]}}}", entry, float(value))


def _dE_dyhat(trace: StepTrace, m: int) -> Factor:
    return _partial(("E", "E"), _y_hat(m), ("dE_dyhat", m), trace.dE_dyhat[m])


def _output_slope(trace: StepTrace, m: int, k: int) -> Factor:
    """∂ŷₘ/∂z⁽ᴸ⁾ₖ: the Jacobian's entry for softmax, f′(z⁽ᴸ⁾ₖ) (m = k) otherwise."""
    L = trace.depth
    if mixes_output(trace):
        return _partial(_y_hat(m), _z(L, k), ("output_jacobian", m, k), trace.output_jacobian[m, k])
    return _partial(_y_hat(k), _z(L, k), ("da_dz", L - 1, k), trace.da_dz[L - 1][k])


def _edge(trace: StepTrace, layer: int, upper: int, lower: int) -> Factor:
    """∂z⁽ˡ⁺¹⁾ₘ/∂a⁽ˡ⁾ₙ = w⁽ˡ⁺¹⁾ₘₙ."""
    return _partial(
        _z(layer + 1, upper), _a(layer, lower), ("weights", layer, upper, lower), trace.weights[layer][upper, lower]
    )


def _slope(layer: int, n: int, trace: StepTrace) -> Factor:
    """∂a⁽ˡ⁾ₙ/∂z⁽ˡ⁾ₙ = f′(z⁽ˡ⁾ₙ)."""
    return _partial(_a(layer, n), _z(layer, n), ("da_dz", layer - 1, n), trace.da_dz[layer - 1][n])


def _input(trace: StepTrace, j: int, i: int) -> Factor:
    """∂z⁽¹⁾ⱼ/∂w⁽¹⁾ⱼᵢ = a⁽⁰⁾ᵢ."""
    w = (weight(0, j, i), rf"w^{{(1)}}_{{{j + 1}{i + 1}}}")
    return _partial(_z(1, j), w, ("dz_dw", 0, i), trace.dz_dw[0][i])


def zero_paths_reason(trace: StepTrace, paths: Sequence[Path]) -> str:
    """Why the paths whose product is 0 add nothing, read off their factors (empty when none is 0): those that
    start with ∂E/∂ŷₘ = 0 named by their outputs ŷₘ (with yₘ = 0 when that is why), the rest by their first zero
    factor, or as a product too small for a float."""
    zero = [p for p in paths if p.product == 0.0]
    first = [next((f for f in p.factors if f.value == 0.0), None) for p in zero]
    at_error = sorted(
        {p.output for p, f in zip(zero, first, strict=True) if f is not None and f.entry[0] == "dE_dyhat"}
    )
    parts: list[str] = []
    if at_error:
        n = sum(f is not None and f.entry[0] == "dE_dyhat" for f in first)
        names = [_y_hat(m)[0] for m in at_error]
        through = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        slope = "∂E/∂ŷ" if len(names) > 1 else f"∂E/∂{names[0]}"
        targets = all(float(trace.y[m]) == 0.0 for m in at_error) and trace.loss_name == "cross_entropy"
        paths_word = "paths" if n > 1 else "path"
        # a path reaches ŷₘ from some z of the output layer (softmax mixes them): the words name that step, since a
        # lit edge into an output neuron reaches its z, not its ŷ
        parts.append(
            f"the {n} {paths_word} from a z into {through} start with {slope} = 0" + (" (y = 0)" if targets else "")
        )
    others: dict[str, int] = {}
    for f in first:
        if f is None or f.entry[0] != "dE_dyhat":
            key = f"the factor {f.text} = 0" if f is not None else "a product too small for a float"
            others[key] = others.get(key, 0) + 1
    parts += [f"{n} {'paths have' if n > 1 else 'path has'} {key}" for key, n in others.items()]
    return "; ".join(parts)


def zero_paths_sentence(trace: StepTrace, paths: Sequence[Path]) -> str:
    """``zero_paths_reason`` as a sentence of the subtitles and the answer key, e.g. "The 6 paths through ŷ₁ and ŷ₃
    start with ∂E/∂ŷ = 0 (y = 0): they add nothing." (empty when no product is 0)."""
    reason = zero_paths_reason(trace, paths)
    if not reason:
        return ""
    adds = "they add" if sum(p.product == 0.0 for p in paths) > 1 else "it adds"
    return f"{reason[0].upper()}{reason[1:]}: {adds} nothing."


def softmax_step(trace: StepTrace, path: Path) -> str:
    """Where a path crosses a softmax output layer, e.g. "z⁽²⁾₁ → ŷ₂": from the z of the neuron it enters to the
    output ŷₘ it leaves E through (empty for an output that does not mix its layer)."""
    if not mixes_output(trace):
        return ""
    return f"{_z(trace.depth, path.neurons[-1])[0]} → {_y_hat(path.output)[0]}"


def route(path: Path) -> tuple[str, str]:
    """A path named by the z it enters in each layer 2 … L and the output ŷₘ it leaves E through, e.g.
    "z⁽²⁾₁ → ŷ₂" (plain text, LaTeX): where it leaves the first layer's neuron j, which every path shares."""
    steps = [_z(layer, n) for layer, n in enumerate(path.neurons[1:], start=2)] + [_y_hat(path.output)]
    return " → ".join(text for text, _ in steps), r" \to ".join(latex for _, latex in steps)


def written_out(paths: Sequence[Path], shown: Path, most: int) -> list[Path]:
    """The paths besides ``shown`` whose product is not 0, when there are at most ``most`` of them (each written out
    as a row of its factors before the sum); none when there are more (the sum lists their products only)."""
    others = [p for p in paths if p.product != 0.0 and p.index != shown.index]
    return others if len(others) <= most else []


# --- the path the video highlights ---------------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """The path shown in full, and why it is that one (``reason`` is empty for the focus path)."""

    path: Path
    focus_path: Path
    reason: str


def focus_choices(trace: StepTrace, focus: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """The focus path: through the focus neuron of each layer 2 … L (``focus[l - 1][0]`` for layer l);
    for softmax through ŷₘ with m the focus output neuron (so m = k)."""
    hidden = tuple(focus[layer - 1][0] for layer in range(trace.depth, 1, -1))
    return ((focus[-1][0],) if mixes_output(trace) else ()) + hidden


def highlighted_path(trace: StepTrace, focus: Sequence[tuple[int, int]]) -> Highlight:
    """The focus path; if its product is exactly 0 (a factor is 0: ∂E/∂ŷₘ of a class that is not the
    true one, a ReLU that is off, a zero input), the path nearest to it (fewest neurons changed, then the
    lowest number) whose product is not 0 — unless every path's product is 0 (the gradient is 0)."""
    chosen = focus_choices(trace, focus)
    first = _path(trace, focus[0], chosen)
    if first.product != 0.0:
        return Highlight(first, first, "")
    # A factor that is 0, or (tiny factors) a product below the smallest float: both read 0.
    zero = next((f for f in first.factors if f.value == 0.0), None)
    why = f"{zero.text} = 0" if zero is not None else "the factors' product is too small for a float"
    others = [p for p in all_paths(trace, focus[0]) if p.product != 0.0]
    if not others:
        return Highlight(first, first, f"every path's product is 0 here; on the path through the worked neurons {why}")
    shape = path_shape(trace)

    def changed(p: Path) -> int:
        return sum(a != b for a, b in zip(np.unravel_index(p.index, shape), chosen, strict=True))

    nearest = min(others, key=lambda p: (changed(p), p.index))
    return Highlight(
        nearest,
        first,
        f"on the path through the worked neurons {why}, so its product is 0: shown instead, the nearest path "
        "whose product is not",
    )


# --- the answer key's section -----------------------------------------------------------------------------


def summed_paths(paths: Sequence[Path], shown: int) -> tuple[list[Path], bool]:
    """The paths a written-out sum lists: those whose product is not 0 (a path with a zero factor adds
    nothing), the first ``shown`` and the last when there are more; and whether some are left out (⋯)."""
    terms = [p for p in paths if p.product != 0.0] or list(paths[:1])
    if len(terms) <= shown + 1:
        return terms, False
    return [*terms[:shown], terms[-1]], True


def added_as_shown(values: Sequence[float], total: float, decimals: int) -> str | None:
    """What ``values`` (path products), each as the key writes it (a gradient's digits: ``gradient_number``), add up
    to by hand, rounded as ``total`` is shown, when that differs from ``total`` as shown (0.0147 + 0.0089 + 0.0100
    gives 0.0336, not 0.0335); None when they agree or a number is not plain (m × 10ⁿ)."""
    texts = [gradient_number(v, decimals) for v in values]
    shown = gradient_number(total, decimals)
    if any("×" in t for t in (*texts, shown)):
        return None
    by_hand = hand_rounded(sum((Decimal(t) for t in texts), Decimal(0)), significant_decimals(total, decimals))
    return None if by_hand == shown else by_hand


def route_nodes(trace: StepTrace, path: Path) -> list[str]:
    """The values a path passes from the output's z back to the weight, one per factor: z⁽ᴸ⁾, then a⁽ˡ⁾ and z⁽ˡ⁾ of
    each hidden layer (∂z/∂a is the weight, ∂a/∂z the slope), e.g. z⁽²⁾₂, a⁽¹⁾₁, z⁽¹⁾₁."""
    nodes: list[str] = []
    for layer in range(trace.depth, 0, -1):
        n = path.neurons[layer - 1]
        nodes += ([] if layer == trace.depth else [neuron_value("a", layer, n)]) + [neuron_value("z", layer, n)]
    return nodes


def long_chain_markdown(trace: StepTrace, focus: Sequence[tuple[int, int]], decimals: int) -> list[str]:
    """The answer key's section: the highlighted path with its factors and product, and the sum over
    every path = ∂E/∂w⁽¹⁾ⱼᵢ = δ⁽¹⁾ⱼ · a⁽⁰⁾ᵢ. Empty for a network without a hidden layer."""
    if not has_long_chain(trace):
        return []

    def f(value: float, more: bool = False) -> str:  # ``more``: a tiny value as m × 10ⁿ, not 0 (a path's product)
        v = float(value)
        # a gradient (a path's product, δ, a) as the video writes it, with at least two significant digits
        # (0.00067, not 0.0007); a product that would read 0 at ``decimals``, as m × 10ⁿ (never a row of zeros)
        text = gradient_number(v, decimals)
        if more and visible_decimals(v, decimals) != decimals:
            text = format_value(v, decimals)
        return f"({text})" if text.startswith(("-", "−")) else text

    j, i = focus[0]
    shown = highlighted_path(trace, focus)
    path, w = shown.path, weight(0, j, i)
    route = " → ".join(["E", _y_hat(path.output)[0], *route_nodes(trace, path), w])
    paths = all_paths(trace, focus[0])
    n, zeros = len(paths), zero_paths_sentence(trace, paths)
    terms, cut = summed_paths(paths, 3)
    listed = " + ".join(f(p.product, True) for p in (terms[:-1] if cut else terms))
    listed += f" + … + {f(terms[-1].product, True)}" if cut else ""
    total = path_sum(trace, focus[0])
    by_hand = None if cut else added_as_shown([p.product for p in terms], total, decimals)
    some = f"This network has {n} such paths; one of them" if n > 1 else "This network has one such path"
    out = [
        f"### The long chain to {w}, path by path",
        "",
        f"By the chain rule, ∂E/∂{w} adds up one product of partial derivatives for every path from the error",
        f"back to the weight. {some}: {route}.",
    ]
    if shown.reason:
        out.append(f"({shown.reason[0].upper()}{shown.reason[1:]}.)")
    out += ["", "| factor | value |", "|---|---|"]
    out += [f"| {factor.text} | {_entry_text(factor.entry, factor.value, decimals)} |" for factor in path.factors]
    product = f"Product of the {factors_per_path(trace)} factors: {f(path.product, True)}"
    out += [
        "",
        f"{product} (one term of the sum, not yet the gradient)." if n > 1 else f"{product}.",
        "",
        (
            (f"{zeros} " if zeros else "")
            + f"Summed over all {n} paths: {worked(listed, gradient_number(total, decimals))}"
            if n > 1
            else "It is the only path, so its product is the whole gradient"
        )
        + f" = ∂E/∂{w} = δ⁽¹⁾{sub(j + 1)} · a⁽⁰⁾{sub(i + 1)} = "
        + worked(
            f"{f(trace.delta[0][j])} · {f(trace.dz_dw[0][i])}", gradient_number(trace.grad_weights[0][j, i], decimals)
        )
        + "."
        + (f" (The rounded terms shown add to {by_hand}; the sum is of the unrounded products.)" if by_hand else ""),
        "",
        reuse_sentence(trace, focus, decimals),
        "",
    ]
    return out


def _entry_text(entry: Entry, value: float, decimals: int) -> str:
    """A path's factor as the video writes it: a gradient's with at least two significant digits, a weight's at
    ``decimals`` (``nnmath.notation.entry_decimals``)."""
    return format_number(value, entry_decimals(entry, value, decimals))
