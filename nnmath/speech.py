"""Numbers and symbols as a voice says them: words only, no digits, no LaTeX, no sub- or superscripts.

The screen carries every digit; the voice says a number rounded to what an ear holds (two significant
digits: "about zero point seven five"), and a symbol by its name ("delta one in layer two").
Layers and neurons are numbered as :mod:`nnmath.notation` says (``weight_layer``, ``number_of``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from nnmath.notation import LARGEST_DENOMINATOR, SCIENTIFIC_FROM, halvings, number_of, weight_layer

SPOKEN_DIGITS = 2  # significant digits the voice says

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_POWERS = ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"), (100, "hundred"))


def integer_words(n: int) -> str:
    """A whole number in words: 42 → "forty two"."""
    if n < 0:
        return "minus " + integer_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    for size, name in _POWERS:
        if n >= size:
            high, rest = divmod(n, size)
            return f"{integer_words(high)} {name}" + (f" {integer_words(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover


def _digits_words(digits: str) -> str:
    return " ".join(_ONES[int(d)] for d in digits)


def number_words(value: float, digits: int = SPOKEN_DIGITS) -> str:
    """``value`` rounded to ``digits`` significant digits, in words, with "about" when that rounding changed
    it: 0.7513 → "about zero point seven five", 0.5 → "zero point five", −1.37 → "about minus one point four".
    Values below a thousandth, and from a million on (as the screen writes them), are said with their power of
    ten; ∞ and an undefined value as the screen shows them."""
    if not math.isfinite(value):
        return "undefined" if math.isnan(value) else ("minus infinity" if value < 0 else "infinity")
    if value == 0:
        return "zero"
    text = f"{value:.{digits - 1}e}"  # the value rounded to ``digits`` significant digits (no overflow, no 1/0)
    mantissa, exponent = float(text.partition("e")[0]), int(text.partition("e")[2])
    about = "about " if not math.isclose(float(text), value, rel_tol=1e-12, abs_tol=0.0) else ""
    if abs(value) < 1e-3 or abs(value) >= SCIENTIFIC_FROM:
        power = f"minus {integer_words(-exponent)}" if exponent < 0 else integer_words(exponent)
        return f"{about}{_plain(mantissa, digits - 1)} times ten to the {power}"
    return about + _plain(float(text), max(0, digits - 1 - exponent))


def _plain(value: float, places: int) -> str:
    """A rounded value with ``places`` digits after the point, trailing zeros dropped: "zero point seven five"."""
    text = f"{abs(value):.{places}f}".rstrip("0").rstrip(".") if places else f"{abs(round(value)):d}"
    whole, _, fraction = text.partition(".")
    words = integer_words(int(whole)) + (f" point {_digits_words(fraction)}" if fraction else "")
    return ("minus " + words) if value < 0 and text.strip("0.") else words


def setting_words(value: float) -> str:
    """A setting (η) as the ear hears it, as ``format_setting`` writes it: "five hundred twelve", "zero point five",
    "one over two hundred fifty six" (1/256), "zero point one over one hundred twenty eight", "two to the minus
    twenty"."""
    halved = halvings(value)
    if halved is not None:
        m, k = halved
        top = "one" if m == 1.0 else number_words(m)
        if 2**k <= LARGEST_DENOMINATOR:
            return f"{top} over {integer_words(2**k)}"
        power = f"two to the minus {integer_words(k)}"
        return power if m == 1.0 else f"{top} times {power}"
    text = f"{value:.7g}"  # a setting is said as written, every digit (0.0625: "zero point zero six two five")
    if "e" in text or not math.isfinite(value):
        return number_words(value)
    return _plain(value, len(text.partition(".")[2]))


def numbers_words(values: Iterable[float], digits: int = SPOKEN_DIGITS) -> str:
    """Several numbers: "a, b and c"."""
    return and_list([number_words(float(v), digits) for v in values])


def and_list(items: list[str]) -> str:
    """``["a", "b", "c"]`` → "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- symbols -----------------------------------------------------------------------------------------------


def in_layer(layer: int) -> str:
    return f"in layer {integer_words(layer)}"


def weight_words(l: int, j: int, i: int) -> str:
    """w⁽ˡ⁺¹⁾ⱼᵢ: "w one two in layer two"."""
    return f"w {integer_words(number_of(j))} {integer_words(number_of(i))} {in_layer(weight_layer(l))}"


def bias_words(l: int, j: int) -> str:
    return f"b {integer_words(number_of(j))} {in_layer(weight_layer(l))}"


def neuron_words(symbol: str, layer: int, j: int) -> str:
    """z, a or delta of neuron j of ``layer``: "delta one in layer two"."""
    return f"{symbol} {integer_words(number_of(j))} {in_layer(layer)}"


def output_words(k: int, outputs: int) -> str:
    """ŷₖ: "y hat", or "y hat two" when there are several outputs."""
    return "y hat" + (f" {integer_words(number_of(k))}" if outputs > 1 else "")


def target_words(k: int, outputs: int) -> str:
    return "y" + (f" {integer_words(number_of(k))}" if outputs > 1 else "")


def partial_words(of: str, by: str) -> str:
    """∂of/∂by: "the partial derivative of E with respect to w one one in layer two"."""
    return f"the partial derivative of {of} with respect to {by}"


def name_words(name: str) -> str:
    """A config name as words: "half_squared_error" → "half squared error", "relu" → "ReLU"."""
    return {"relu": "ReLU", "tanh": "tanh", "mse": "mean squared error"}.get(name, name.replace("_", " "))


def pair_words(before: float, after: float, most: int = 6) -> tuple[str, str]:
    """Two numbers the voice contrasts ("from … to …"), with digits enough that they do not sound alike."""
    digits = SPOKEN_DIGITS

    def heard(value: float, digits: int) -> str:
        return number_words(value, digits).removeprefix("about ")

    while digits < most and before != after and heard(before, digits) == heard(after, digits):
        digits += 1
    return number_words(before, digits), number_words(after, digits)
