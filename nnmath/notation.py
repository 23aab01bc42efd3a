"""Plain-text names and the one number formatter shared by the answer key and the video.

How indices are numbered where a reader sees or hears them, for every writer of names (plain text here, LaTeX in
``scenes/drawing/symbols.py``, words in ``nnmath/speech.py``): layers are numbered 0 (input) … L (output).
``W⁽ˡ⁾`` holds the weights into layer l, so trace index ``l`` (0-based, as in ``StepTrace.weights[l]``) is
``W⁽ˡ⁺¹⁾`` (``weight_layer``). Neurons, inputs and outputs are numbered from 1 (``number_of``).
"""

from __future__ import annotations

import math

_SUP = str.maketrans("0123456789()-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def format_number(value: float, decimals: int) -> str:
    """Fixed-point with ``decimals`` digits; a value that rounds to zero never shows a minus sign."""
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0.0:
        text = text[1:]
    return text


def rounded(value: float, decimals: int) -> float:
    """The value as displayed (what ``format_number`` prints), as a float."""
    return float(format_number(value, decimals))


def sup(text: str | int) -> str:
    return str(text).translate(_SUP)


def sub(text: str | int) -> str:
    return str(text).translate(_SUB)


def weight_layer(l: int) -> int:
    """The layer whose weights trace index ``l`` holds: ``StepTrace.weights[l]`` is W⁽ˡ⁺¹⁾."""
    return l + 1


def number_of(k: int) -> int:
    """A 0-based neuron (input, output) index as a reader sees and hears it: from 1."""
    return k + 1


def weight(l: int, j: int, i: int) -> str:
    """w⁽ˡ⁾ⱼᵢ for trace index l (weights into layer l + 1), 0-based j and i."""
    return f"w{sup(f'({weight_layer(l)})')}{sub(number_of(j))}{sub(number_of(i))}"


def bias(l: int, j: int) -> str:
    return f"b{sup(f'({weight_layer(l)})')}{sub(number_of(j))}"


def neuron_value(symbol: str, layer: int, j: int) -> str:
    """E.g. ``neuron_value('a', 1, 0)`` → a⁽¹⁾₁ (layer is the layer number, 0 = input)."""
    return f"{symbol}{sup(f'({layer})')}{sub(number_of(j))}"


def visible_decimals(value: float, decimals: int, digits: int = 2, most: int = 12) -> int:
    """``decimals``, or more when ``value`` is not zero but would read as one: enough for ``digits``
    significant digits (0.0000 for E = 0.000012 says nothing; 0.000012 does)."""
    if value == 0.0 or float(format_number(value, decimals)) != 0.0:
        return decimals
    leading_zeros = -math.floor(math.log10(abs(value))) - 1
    return min(most, max(decimals, leading_zeros + digits))
