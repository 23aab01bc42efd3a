"""What the per-layer sizes of δ show, in words with their numbers: one home for the video's sentence, its
subtitle and the answer key. Every claim is read from the sizes (``nnmath.vanishing``)."""

from __future__ import annotations

from nnmath.notation import format_number, format_value, sub, sup
from nnmath.vanishing import GROWS, SAME, SHRINKS, GradientSizes, size_decimals

HEADING = "mean |δ| in each layer (δ = ∂E/∂z)"


def heading(batch_size: int | None = None) -> str:
    """What the sizes are means of: one sample's neurons, or (a dataset) its first batch's samples too."""
    if batch_size is None:
        return HEADING
    return f"mean |δ| in each layer (δ = ∂Eₛ/∂z of sample s), over the {batch_size} samples of the first batch"


BOUND = {"sigmoid": "σ′(z) is at most 0.25", "tanh": "tanh′(z) is at most 1"}  # said where it explains a shrink
NAMES = {"sigmoid": "σ′(z)", "tanh": "tanh′(z)", "relu": "relu′(z)", "linear": "f′(z)"}


def size_text(value: float, decimals: int) -> str:
    """A mean |δ| with two significant digits (0.00027), or m × 10ⁿ when that would take more than two
    extra digits."""
    places = size_decimals(value, decimals)
    return format_number(value, places) if places <= decimals + 2 else format_value(value, decimals)


def layer_delta(layer: int) -> str:
    """δ⁽ˡ⁾, the name of layer ``layer``'s δ (layer 1 … L)."""
    return f"δ{sup(f'({layer})')}"


def times(ratio: float) -> str:
    """ "9.8 times" (one decimal, enough for a ratio a student compares)."""
    return f"{format_value(ratio, 1) if ratio >= 10 else format_number(ratio, 1)} times"


def smaller_by(later: float, earlier: float) -> str:
    """ "shrinks 9.8 times", or "shrinks to 0" (no ratio to a zero)."""
    return f"shrinks {times(later / earlier)}" if earlier > 0 else "shrinks to 0"


def step_words(sizes: GradientSizes, l: int, decimals: int) -> str:
    """What going back from layer l + 2 to layer l + 1 does: "from layer 2 back to layer 1, mean |δ| shrinks
    9.8 times (0.1385 → 0.0142)"."""
    later, earlier = float(sizes.sizes[l + 1]), float(sizes.sizes[l])
    values = f"({size_text(later, decimals)} → {size_text(earlier, decimals)})"
    where = f"from layer {l + 2} back to layer {l + 1}"
    what = sizes.steps[l]
    if what == SHRINKS:
        return f"{where}, mean |δ| {smaller_by(later, earlier)} {values}"
    if what == GROWS:
        return f"{where}, mean |δ| grows {times(earlier / later) if later > 0 else 'from 0'} {values}"
    return f"{where}, mean |δ| stays about the same {values}"


def listed(sizes: GradientSizes, decimals: int) -> str:
    """ "δ⁽¹⁾ 0.0142, δ⁽²⁾ 0.1385"."""
    return ", ".join(f"{layer_delta(l + 1)} {size_text(float(v), decimals)}" for l, v in enumerate(sizes.sizes))


def why(sizes: GradientSizes, activation: str, decimals: int) -> str:
    """Why δ shrinks going back to layer 1: the factor f′(z) there, with its number (and the activation's bound);
    where f′(z) is 1 for every neuron of layer 1, the weights alone shrink it, and the words say so."""
    slope = format_number(float(sizes.slopes[0]), decimals)
    name = NAMES.get(activation, "f′(z)")
    if float(sizes.slopes[0]) == 1.0:  # |f′| ≤ 1 for relu and linear: a mean of 1 is 1 for every neuron
        return f"each layer back multiplies δ by the weights and by {name}, which is 1 for every neuron of layer 1 here: the weights alone shrink it"
    bound = f" ({BOUND[activation]})" if activation in BOUND else ""
    return f"each layer back multiplies δ by the weights and by {name}, which averages {slope} in layer 1 here{bound}"


def meaning(sizes: GradientSizes, activation: str, decimals: int) -> str:
    """The lesson, claiming only what the sizes show (empty for a network without a hidden layer)."""
    if not sizes.has_lesson:
        return ""
    first, last = layer_delta(1), layer_delta(len(sizes.sizes))
    if sizes.trend == SHRINKS:
        reason = why(sizes, activation, decimals)
        finite = sizes.sizes[0] > 0
        if len(sizes.sizes) > 2:
            how = f"{first} is {times(sizes.ratio)} smaller than {last}" if finite else f"{first} is 0"
            return (
                f"Going back, δ shrinks at every layer: {how}, because {reason}. "
                "The first layers learn slowest: the vanishing gradient."
            )
        how = f"δ is {times(sizes.ratio)} smaller" if finite else "δ shrinks to 0"
        return (
            f"One layer back, {how}, because {reason}. If δ shrank like this at every layer of a deeper network, "
            "its first layers would learn slowest: that is called the vanishing gradient."
        )
    if sizes.trend == SAME:
        return (
            f"Here mean |δ| stays about the same size in every layer (at most {times(spread(sizes))} apart): "
            "in this network the gradient does not vanish."
        )
    if sizes.trend == GROWS and sizes.ratio > 0:
        return f"Here δ grows going back: {first} is {times(1 / sizes.ratio)} larger than {last}. It does not vanish."
    steps = "; ".join(step_words(sizes, l, decimals) for l in reversed(range(len(sizes.steps))))
    return f"Here δ does not shrink at every layer: {steps}."


def spread(sizes: GradientSizes) -> float:
    """How many times apart the largest and the smallest mean |δ| are (inf with a 0)."""
    return max(sizes.sizes) / min(sizes.sizes) if min(sizes.sizes) > 0 else float("inf")


def short_meaning(sizes: GradientSizes) -> str:
    """The lesson in one short sentence for the screen (the subtitle says why)."""
    if not sizes.has_lesson:
        return ""
    first, last = layer_delta(1), layer_delta(len(sizes.sizes))
    if sizes.trend == SHRINKS and sizes.sizes[0] > 0 and len(sizes.sizes) == 2:
        return f"One layer back, δ is {times(sizes.ratio)} smaller: {first} against {last}."
    if sizes.trend == SHRINKS and sizes.sizes[0] > 0:
        return f"Going back, δ shrinks at every layer: {first} is {times(sizes.ratio)} smaller than {last}."
    if sizes.trend == SAME:  # how far apart, as the subtitle reads it
        return f"Mean |δ| stays about the same size in every layer (at most {times(spread(sizes))} apart): here the gradient does not vanish."
    if sizes.trend == GROWS:
        return "Going back, δ grows at every layer: here the gradient does not vanish."
    return "Going back, δ does not shrink at every layer."


def screen_meaning(sizes: GradientSizes, activation: str, decimals: int) -> str:
    """The sentence on screen: the lesson, and where δ shrinks, why (the f′(z) average the subtitle says too)."""
    short = short_meaning(sizes)
    if sizes.trend != SHRINKS or not short:
        return short
    reason = why(sizes, activation, decimals)
    return f"{short} {reason[0].upper()}{reason[1:]}."


def caption(sizes: GradientSizes, activation: str, decimals: int) -> str:
    """The subtitle of the gradient-size section: the sizes, then what they show."""
    return f"How big is the error signal δ in each layer? Mean |δ|: {listed(sizes, decimals)}. " + meaning(
        sizes, activation, decimals
    )


__all__ = ["HEADING", "caption", "heading", "layer_delta", "listed", "meaning", "screen_meaning", "step_words", "sub"]
