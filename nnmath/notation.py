"""Plain-text names and the one number formatter shared by the answer key and the video.

How indices are numbered where a reader sees or hears them, for every writer of names (plain text here, LaTeX in
``scenes/drawing/symbols.py``, words in ``nnmath/speech.py``): layers are numbered 0 (input) … L (output).
``W⁽ˡ⁾`` holds the weights into layer l, so trace index ``l`` (0-based, as in ``StepTrace.weights[l]``) is
``W⁽ˡ⁺¹⁾`` (``weight_layer``). Neurons, inputs and outputs are numbered from 1 (``number_of``).

How many digits a number gets: the config's ``decimals``, but a gradient (and a factor a gradient formula multiplies)
at least two significant digits (``entry_decimals``, ``GRADIENT_FIELDS``): the one rule for the screen, the words
and the answer key.
"""

from __future__ import annotations

import math
from decimal import Decimal

_SUP = str.maketrans("0123456789()-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_FROM_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


# From this size on a number is written in scientific notation, 1.2346×10⁶: wider than the diagram's slots
# (the config's numbers are within ±100; a diverging run's error, as the epilogue says, reads beyond a million).
SCIENTIFIC_FROM = 1e6
MOST_DECIMALS = 12  # asked for more digits after the point (a tiny value to show), a power of ten instead
INFINITY = "∞"  # a value beyond the largest float (the arithmetic overflowed)
UNDEFINED = "undefined"  # no number at all (e.g. ∞ − ∞ after an overflow)


def format_number(value: float, decimals: int) -> str:
    """Fixed-point with ``decimals`` digits; a value that rounds to zero never shows a minus sign. From
    SCIENTIFIC_FROM on, ``decimals`` digits of mantissa times a power of ten; ∞ or "undefined" when not finite.
    More than MOST_DECIMALS digits asked for (to show a tiny value), two significant digits times a power of ten."""
    if not math.isfinite(value):
        return UNDEFINED if math.isnan(value) else (INFINITY if value > 0 else f"-{INFINITY}")
    if decimals > MOST_DECIMALS and value != 0.0:  # enough digits to show a tiny value: its two first, × a power
        return scientific(f"{value:.1e}")
    if abs(value) < SCIENTIFIC_FROM:
        text = f"{value:.{decimals}f}"
        if abs(float(text)) < SCIENTIFIC_FROM:
            return text[1:] if text.startswith("-") and float(text) == 0.0 else text
    return scientific(f"{value:.{decimals}e}")


def scientific(text: str) -> str:
    """Python's ``1.2346e+07`` as a student writes it: ``1.2346×10⁷``."""
    mantissa, exponent = text.lower().split("e")
    return f"{mantissa}×10{sup(int(exponent))}"


def written_number(value: float, decimals: int) -> str:
    """``format_number`` as the screen writes it, for text a person reads (the answer key): a minus sign "−", not a
    hyphen ("−0.3000"). Machine output (JSON, CSV) keeps ``format_number``'s or the float's own notation."""
    return format_number(value, decimals).replace("-", "−")


def shown_text(text: str) -> str:
    """A formatted number back in Python's notation (``1.2346×10⁷`` → ``1.2346e7``, ∞ → ``inf``)."""
    if text in (INFINITY, f"-{INFINITY}"):
        return text.replace(INFINITY, "inf")
    if text == UNDEFINED:
        return "nan"
    if "×10" not in text:
        return text
    mantissa, exponent = text.split("×10")
    return f"{mantissa}e{unsup(exponent)}"


def rounded(value: float, decimals: int) -> float:
    """The value as displayed (what ``format_number`` prints), as a float."""
    return float(shown_text(format_number(value, decimals)))


def sup(text: str | int) -> str:
    return str(text).translate(_SUP)


def unsup(text: str) -> str:
    """Superscript digits back to plain ones (``³⁰⁰`` → ``300``)."""
    return text.translate(_FROM_SUP)


def sub(text: str | int) -> str:
    return str(text).translate(_SUB)


# The errors of a dataset's video, told apart: E is the error of the sample worked in full (as in a one-sample
# video), Eₛ the error of sample s, and Ē = (1/m) Σ Eₛ the batch's mean error, which the update descends.
BATCH_ERROR = "Ē"


LN_MEANING = "ln: natural log"  # said where a loss with ln is first written: the video's words and the key's


def error_name(batch: bool) -> str:
    """The error an update descends: Ē (the batch's mean) for a dataset, E for one sample."""
    return BATCH_ERROR if batch else "E"


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
    if rounded(value, decimals) != 0.0:
        return decimals
    return significant_decimals(value, decimals, digits, most, extra=None)


GRADIENT_EXTRA = 2  # a gradient gets at most this many decimals more than the config's, then m × 10ⁿ (as wide)


def significant_decimals(
    value: float, decimals: int, digits: int = 2, most: int = MOST_DECIMALS + 1, extra: int | None = GRADIENT_EXTRA
) -> int:
    """``decimals``, or more when they would give ``value`` fewer than ``digits`` significant digits: with 4
    decimals 0.00067 and 0.00075 (not 0.0007 twice), 0.0013, 0.0822 unchanged. Only a value below
    10^-(decimals - 1) (0.001 at 4 decimals) ever gets more, so this is the same as "every value gets at least two
    significant digits". Zero, ∞ and "undefined" keep ``decimals``. A value needing more than ``extra`` decimals
    beyond ``decimals`` (0.0000085 at 4) gets ``most``: past MOST_DECIMALS ``format_number`` writes it 8.5×10⁻⁶,
    no wider than 0.000085 on an edge."""
    if value == 0.0 or not math.isfinite(value):
        return decimals
    leading_zeros = -math.floor(math.log10(abs(value))) - 1
    needed = max(decimals, leading_zeros + digits)
    return most if extra is not None and needed > decimals + extra else min(most, needed)


# The trace entries that are gradients (∂E/∂w, ∂E/∂b, δ = ∂E/∂z, ∂E/∂a, ∂E/∂ŷ), the factors a gradient formula
# multiplies (f′(z) = ∂a/∂z, ∂z/∂w, softmax's ∂ŷₘ/∂zₖ), a long chain's path products and their sum, and the update's
# steps η · ∂E/∂w and η · ∂E/∂b (a gradient times η: the key's update table shows them): written with
# at least two significant digits (``significant_decimals``), wherever they are shown, said or keyed, so two
# different gradients never read the same (0.0007 for both 6.7×10⁻⁴ and 7.5×10⁻⁴) while their weights step apart.
GRADIENT_FIELDS = frozenset(
    {
        "grad_weights",
        "grad_biases",
        "focus_grads",
        "delta",
        "dE_da",
        "dE_dyhat",
        "da_dz",
        "dz_dw",
        "output_jacobian",
        "path",
        "path_sum",
        "weight_steps",
        "bias_steps",
    }
)


def is_gradient(entry: tuple[str | int, ...]) -> bool:
    """Whether a trace entry (("grad_weights", l, j, i), a dataset's ("batch", "grad_weights", …)) is one of
    GRADIENT_FIELDS; a mantissa ("mantissa", …) is not: it has its own two digits."""
    return entry[:1] != ("mantissa",) and any(part in GRADIENT_FIELDS for part in entry if isinstance(part, str))


def entry_decimals(entry: tuple[str | int, ...], value: float, decimals: int) -> int:
    """The digits after the point ``entry``'s ``value`` is written with: a gradient's at least two significant
    (``significant_decimals``), every other value's the config's ``decimals``. The one rule for screen, words and key."""
    return significant_decimals(value, decimals) if is_gradient(entry) else decimals


def gradient_number(value: float, decimals: int) -> str:
    """A gradient (or a gradient formula's factor) as ``format_number`` writes it with ``entry_decimals``."""
    return format_number(value, significant_decimals(value, decimals))


SCIENTIFIC_ABOVE = 1e6  # beyond this a value is written as m × 10ⁿ (a diverging error stays readable)


def needs_scientific(value: float, decimals: int) -> bool:
    """True when fixed-point with ``decimals`` would hide the value: fewer than two significant digits
    (0.0000 for 3.2e-8) or more digits than a label holds (beyond SCIENTIFIC_ABOVE)."""
    if value == 0.0 or not math.isfinite(value):
        return False
    return abs(value) < 10.0 ** (1 - decimals) or abs(value) >= SCIENTIFIC_ABOVE


def scientific_parts(value: float, digits: int = 2) -> tuple[str, int]:
    """``value`` as mantissa text and power of ten with ``digits`` significant digits: 3.2e-8 → ("3.2", -8)."""
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return mantissa, int(exponent)


def format_value(value: float, decimals: int) -> str:
    """As ``format_number``, but a value it would hide is written m × 10ⁿ (3.2 × 10⁻⁸), never 0.0000."""
    if not math.isfinite(value):
        return "not a number" if math.isnan(value) else ("∞" if value > 0 else "−∞")
    if value == 0.0:
        return "0"
    if not needs_scientific(value, decimals):
        return format_number(value, decimals)
    mantissa, exponent = scientific_parts(value)
    return f"{mantissa.replace('-', '−')} × 10{sup(exponent)}"


SETTING_DECIMALS = 4  # a setting below 1 with at most this many digits after the point is written as a decimal
PLAIN_DECIMALS = 6  # … and one that is not a power of two's fraction with at most this many (0.003125, not 0.1/32)
LARGEST_DENOMINATOR = 8192  # a halved setting's 2ᵏ up to this is written out (1/256); beyond, as a power (2⁻²⁰)


def halvings(value: float) -> tuple[float, int] | None:
    """A small setting as a short value halved k times, ``value = m / 2ᵏ`` (m = 1 for a power of two, else the
    shortest m, e.g. 0.00078125 = 0.1 / 2⁷), when its decimal has more than SETTING_DECIMALS digits after the
    point; None for any other value (1 or more, a short decimal, no such m, or an m ≠ 1 whose value has at most
    PLAIN_DECIMALS digits: 0.003125 reads as itself, not 0.1/32)."""
    places = _decimals(f"{value:.7g}")
    if not (math.isfinite(value) and 0 < value < 1) or places <= SETTING_DECIMALS:
        return None
    found = []
    for k in range(1, 64):
        m = math.ldexp(value, k)
        text = f"{m:.7g}"
        if "e" not in text and float(text) == m and len(text) <= 5 and m < 1000:
            found.append((len(text), m != 1.0, k, m))
    if not found or (min(found)[3] != 1.0 and places <= PLAIN_DECIMALS):
        return None
    return min(found)[3], min(found)[2]


def _decimals(text: str) -> int:
    """Digits after the point in a decimal's text (a power of ten's: many)."""
    return 99 if "e" in text else len(text.partition(".")[2])


def format_setting(value: float) -> str:
    """A setting as a person writes it: η = 16, 0.5, 0.0625; a smaller halved one as a fraction, 1/32, 1/256,
    0.1/128, or with a power of two past 1/LARGEST_DENOMINATOR (2⁻²⁰, 0.1·2⁻²⁰); any other value in its shortest
    exact form (a power of ten when tiny or huge)."""
    halved = halvings(value)
    if halved is None and math.isfinite(value) and halvings(float(f"{value:.7g}")) is not None:
        return format_setting(float(f"{value:.7g}"))  # 2/64 off by a float's last bit: written as 1/32 all the same
    if halved is not None:
        m, k = halved
        top = "" if m == 1.0 else f"{m:.7g}"
        if 2**k <= LARGEST_DENOMINATOR:
            return f"{top or 1}/{2**k}"
        return f"{top}·2{sup(-k)}" if top else f"2{sup(-k)}"
    text = f"{value:.7g}"
    if "e" not in text:
        return text
    mantissa, exponent = scientific_parts(value, 3)
    return f"{mantissa.rstrip('0').rstrip('.')}×10{sup(exponent)}"  # as format_number writes a power of ten


def setting_decimals(value: float) -> int:
    """Digits after the point that write ``value`` exactly (16 → 0, 0.5 → 1, 1/256 → 8; 0 when scientific)."""
    if halvings(value) is not None:  # written as a fraction: the digits of its exact decimal (1/256 → 8)
        return max(0, -int(Decimal(repr(value)).as_tuple().exponent))
    text = format_setting(value)
    mantissa = text.split("×")[0].split("e")[0]  # a power of ten: its mantissa's digits (1.11×10¹⁹⁶ → 2)
    digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
    if "×" in text and 0 < abs(value) < 1:  # a tiny setting needs its leading zeros too (format_number then goes
        digits -= math.floor(math.log10(abs(value)))  # to a power of ten past MOST_DECIMALS): never shown as 0
    return digits
