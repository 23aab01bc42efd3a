"""Rounding gaps: a shown result that its shown (rounded) numbers do not give, found and footnoted in the key."""

from __future__ import annotations

from fractions import Fraction
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnmath import Config, RoundingGap, StepTrace, first_rounding_gap, load_config, parse_config, train_step
from nnmath.answer_key import FOOTNOTE_MARK, ROUNDING_NOTE, answer_key, minus_signs
from nnmath.config import DEFAULT_CONFIG, MAX_DECIMALS, MIN_DECIMALS
from nnmath.notation import entry_decimals, format_number, gradient_number
from nnmath.rounding import rounding_gaps, update_gaps
from tests.strategies import config_documents, toml_document

MAZUR = DEFAULT_CONFIG.parent / "mazur-2-2-2.toml"
FOOTNOTE_START = f"{FOOTNOTE_MARK} From the rounded numbers shown, "


def default_with(decimals: int, x: str = "0.05, 0.10", y: str = "0.01") -> Config:
    text = DEFAULT_CONFIG.read_text()
    text = text.replace("decimals = 4", f"decimals = {decimals}").replace("x = [0.05, 0.10]", f"x = [{x}]")
    return parse_config(text.replace("y = [0.01]", f"y = [{y}]"), "three.toml")


def value_of(trace: StepTrace, entry: tuple[str | int, ...]) -> float:
    """The trace value an entry names, e.g. ("delta", 1, 0) → trace.delta[1][0]."""
    value: Any = getattr(trace, str(entry[0]))
    indices = entry[1:]
    if indices and isinstance(value, tuple):
        value, indices = value[indices[0]], indices[1:]
    return float(value[tuple(indices)] if indices else value)


def by_hand(*texts: str, decimals: int) -> str:
    """The product of the shown numbers, exactly (fractions), rounded half away from zero; a tie unrounded."""
    product = Fraction(1)
    for text in texts:
        product *= Fraction(text)
    scaled = abs(product) * 10**decimals
    if scaled - int(scaled) == Fraction(1, 2):
        return f"{float(product):.{decimals + 1}f}"
    digits = int(scaled) + (1 if scaled - int(scaled) >= Fraction(1, 2) else 0)
    sign = "-" if product < 0 and digits else ""
    return f"{sign}{digits // 10**decimals}.{digits % 10**decimals:0{decimals}d}"


def marked_lines(key: str) -> list[str]:
    return [line for line in key.splitlines() if FOOTNOTE_MARK in line and not line.startswith(FOOTNOTE_START)]


def footnotes(key: str) -> list[str]:
    return [line for line in key.splitlines() if line.startswith(FOOTNOTE_START)]


def test_output_delta_with_three_decimals_is_a_gap_and_footnoted() -> None:
    # x = (0.9, 0.1): δ⁽²⁾₁ = 0.748 · 0.184 = 0.137632… reads 0.138 by hand, while the unrounded values give 0.137.
    config = default_with(3, x="0.9, 0.1")
    trace = train_step(config)
    gap = first_rounding_gap(trace, 3, config.focus)
    assert gap == RoundingGap(
        step="backward",
        entry=("delta", 1, 0),
        expression="0.748 · 0.184",
        shown="0.137",
        from_shown="0.138",
        formula="0.748 · 0.184 = 0.137",
    )
    key = answer_key(config, trace)
    assert marked_lines(key) == ["| a⁽²⁾₁ | ∂E/∂ŷ₁ = 0.748 | 0.184 | δ⁽²⁾₁ ≈ 0.137† |"]
    footnote = (
        "† From the rounded numbers shown, 0.748 · 0.184 would give 0.138; "
        "the unrounded values give 0.137 (see the note at the top)."
    )
    assert footnotes(key) == [footnote]
    lines = key.splitlines()
    table_end = lines.index(marked_lines(key)[0])  # the output layer's δ table: its one row
    assert lines[table_end + 1 : table_end + 4] == ["", footnote, ""]


@pytest.mark.parametrize(
    ("x", "y", "entry"),
    [("0.9, 0.1", "0.01", ("delta", 1, 0)), ("0.1, 0.1", "0.5", ("delta", 0, 0))],
)
def test_the_gap_is_recomputed_from_the_shown_numbers(x: str, y: str, entry: tuple[str | int, ...]) -> None:
    """Independently: the shown factors of δ = ∂E/∂a · f′(z), multiplied here, give ``from_shown``; δ and its
    factors are gradients, each shown with at least two significant digits (0.019 · 0.241 = 0.0045, not 0.005)."""
    config = default_with(3, x=x, y=y)
    trace = train_step(config)
    gap = first_rounding_gap(trace, 3, config.focus)
    assert gap is not None and gap.entry == entry
    _, l, j = entry
    assert isinstance(l, int) and isinstance(j, int)
    factors = (gradient_number(trace.dE_da[l][j], 3), gradient_number(trace.da_dz[l][j], 3))
    assert gap.expression == " · ".join(factors)
    places = len(gap.shown.split(".")[1])
    assert gap.from_shown == by_hand(*factors, decimals=places) != gap.shown == gradient_number(trace.delta[l][j], 3)
    assert float(gap.from_shown) == pytest.approx(round(float(factors[0]) * float(factors[1]), places))


def test_the_default_s_updates_add_up_with_two_significant_digits_of_gradient() -> None:
    """FINDINGS-6 #4: with one significant digit the default's w⁽¹⁾₁₁ and w⁽¹⁾₂₁ both read ∂E/∂w = 0.0007 (true
    6.7 × 10⁻⁴ and 7.5 × 10⁻⁴) yet stepped by 0.0003 and 0.0004 (0.1500 − 0.5 · 0.0007 = 0.14965, a tie). With
    two, 0.1500 − 0.5 · 0.00067 = 0.1497 and 0.2500 − 0.5 · 0.00075 = 0.2496, as shown. (Other steps still meet a
    tie, 0.2000 − 0.5 · 0.0013 = 0.19935: the screen's note stays.)"""
    config = load_config()
    trace = train_step(config)
    focus = {gap.entry: gap for gap in rounding_gaps(trace, config.decimals, config.focus)}
    every = {gap.entry: gap for gap in update_gaps(trace, config.decimals)}
    first, second = ("new_weights", 0, 0, 0), ("new_weights", 0, 1, 0)
    assert first not in focus and first not in every and second not in every
    assert ("new_weights", 0, 0, 1) in every  # 0.19935: a tie of the shown numbers
    key = answer_key(config, trace)
    assert "| ∂E/∂w⁽¹⁾₁₁ | 0.0134 | 0.0500 | 0.00067 |" in key and "| ∂E/∂w⁽¹⁾₂₁ | 0.0150 | 0.0500 | 0.00075 |" in key
    assert "0.0554 · 0.2413 · 0.0500 = 0.00067" in key and FOOTNOTE_MARK not in key  # no focus formula has a gap


def test_every_parameter_s_update_is_checked_as_the_diagram_shows_it() -> None:
    """Not only the focus weights' formulas: every parameter of the diagram, with its gradient as shown."""
    config = default_with(3, x="0.1, 0.1", y="0.2")
    gaps = {gap.entry: gap for gap in update_gaps(train_step(config), config.decimals)}
    assert gaps[("new_weights", 1, 0, 0)].formula == "0.400 − 0.500 · 0.061 = 0.369"
    assert gaps[("new_weights", 1, 0, 0)].from_shown == "0.3695"  # a tie: only the unrounded values decide it


def test_no_gap_no_footnote_but_the_note_is_always_there() -> None:
    config = default_with(4, x="0.2, 0.1", y="0.2")  # every formula adds up as shown
    trace = train_step(config)
    assert first_rounding_gap(trace, config.decimals, config.focus) is None
    key = answer_key(config, trace)
    assert FOOTNOTE_MARK not in key
    lines = key.splitlines()
    config_line = next(k for k, line in enumerate(lines) if line.startswith("Numbers are rounded"))
    assert lines[config_line] == (
        "Numbers are rounded to 4 decimals; a gradient (∂E/∂…, δ), the slopes it multiplies and a step η·∂E/∂w, to "
        "at least two significant digits (0.00067, not 0.0007)."
    )
    assert lines[config_line + 1] == ROUNDING_NOTE


def test_a_forward_sum_gap_with_every_digit_exact() -> None:
    # 0.250·0.050 + 0.300·0.100 + 0.350 is 0.3925 exactly (0.393 by hand); the float z is 0.39249999… (0.392).
    config = default_with(3)
    gap = next(g for g in rounding_gaps(train_step(config), 3, config.focus) if g.entry == ("z", 1, 1))
    assert (gap.step, gap.entry, gap.shown, gap.from_shown) == ("forward", ("z", 1, 1), "0.392", "0.3925")
    assert gap.formula == "0.250·0.050 + 0.300·0.100 + 0.350 = 0.392"


# Where each kind of entry is marked in the key (mazur 2-2-2: two outputs, so E is a sum too).
PLACES = [
    (RoundingGap("forward", ("z", 2, 1), "x", "1.2249", "9", "x = 1.2249"), "| a⁽²⁾₂ |"),
    (RoundingGap("error", ("loss_terms", 1), "x", "0.0236", "9", "x = 0.0236"), "| 2 |"),
    (RoundingGap("error", ("loss",), "x", "0.2984", "9", "x = 0.2984"), "E = "),
    (RoundingGap("error", ("dE_dyhat", 0), "x", "0.7414", "9", "x = 0.7414"), "- ∂E/∂ŷ₁ = "),
    (RoundingGap("backward", ("dE_da", 0, 1), "x", "0.0190", "9", "x = 0.0190"), "| a⁽¹⁾₂ |"),
    (RoundingGap("backward", ("delta", 0, 1), "x", "0.0045", "9", "x = 0.0045"), "| a⁽¹⁾₂ |"),
    (RoundingGap("backward", ("grad_weights", 0, 0, 0), "x", "0.0004", "9", "x"), "- ∂E/∂w⁽¹⁾₁₁ = "),
    (RoundingGap("update", ("new_weights", 1, 0, 1), "x", "0.4087", "9", "x"), "| w⁽²⁾₁₂ | 0.4500 |"),
]


@pytest.mark.parametrize(("gap", "prefix"), PLACES, ids=[str(gap.entry) for gap, _ in PLACES])
def test_each_kind_of_gap_is_marked_at_its_row_and_footnoted_after_its_block(gap: RoundingGap, prefix: str) -> None:
    config = load_config(MAZUR)
    trace = train_step(config)
    with mock.patch("nnmath.answer_key.first_rounding_gap", return_value=None):
        plain = answer_key(config, trace)
    with mock.patch("nnmath.answer_key.first_rounding_gap", return_value=gap):
        key = answer_key(config, trace)
    lines = key.split("\n")
    [marked] = marked_lines(key)
    [note] = footnotes(key)
    assert marked.startswith(prefix)
    shown = value_of(trace, gap.entry)
    value = format_number(shown, entry_decimals(gap.entry, shown, config.decimals))  # a gradient: 2 significant
    assert f"{value}{FOOTNOTE_MARK}" in marked.replace("**", "")  # E is bold, its mark after
    # The footnote follows the marked line's table or list, after a blank line, and one blank line ends it.
    at, after = lines.index(marked), lines.index(note)
    block = lines[at + 1 : after - 1]
    assert all(line.startswith(marked[:2]) for line in block) and lines[after - 1] == "" and lines[after + 1] == ""
    # Everything else is the key without a gap.
    rest = lines[: after - 1] + lines[after + 1 :]
    rest[at] = marked.replace(FOOTNOTE_MARK, "", 1)
    assert "\n".join(rest) == plain


def test_the_update_is_checked_output_layer_first_and_with_eta() -> None:
    config = default_with(3, x="0.1, 0.1", y="0.2")
    trace = train_step(config)
    gap = first_rounding_gap(trace, 3, config.focus)
    assert gap is not None and gap.entry == ("new_weights", 1, 0, 0)
    assert gap.formula == "0.400 − 0.500 · 0.061 = 0.369" and gap.from_shown == "0.3695"  # a tie: unrounded


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=config_documents(), decimals=st.integers(MIN_DECIMALS, MAX_DECIMALS), data=st.data())
def test_any_network_one_footnote_exactly_when_there_is_a_gap(doc: dict[str, Any], decimals: int, data: Any) -> None:
    layers = doc["network"]["layers"]
    focus = [
        [data.draw(st.integers(0, layers[l + 1] - 1)), data.draw(st.integers(0, layers[l] - 1))]
        for l in range(len(layers) - 1)
    ]
    doc["display"] = {"decimals": decimals, "focus": focus}
    config = parse_config(toml_document(doc), "random.toml")
    trace = train_step(config)
    gap = first_rounding_gap(trace, decimals, config.focus)
    key = answer_key(config, trace)
    assert ROUNDING_NOTE in key.splitlines()
    if gap is None:
        assert FOOTNOTE_MARK not in key
        return
    assert gap.shown != gap.from_shown
    value = value_of(trace, gap.entry)
    assert gap.shown == format_number(value, entry_decimals(gap.entry, value, decimals))
    assert gap.formula == f"{gap.expression} = {gap.shown}"
    assert len(marked_lines(key)) == 1
    assert footnotes(key) == [
        minus_signs(
            f"{FOOTNOTE_START}{gap.expression} would give {gap.from_shown}; "
            f"the unrounded values give {gap.shown} (see the note at the top)."
        )
    ]


@given(
    a=st.floats(1e-9, 1e3, allow_nan=False),
    b=st.floats(1e-9, 1e3, allow_nan=False),
    decimals=st.integers(MIN_DECIMALS, MAX_DECIMALS),
)
def test_gradients_that_differ_at_two_significant_digits_never_read_the_same(a: float, b: float, decimals: int) -> None:
    """FINDINGS-6 #4: 6.7 × 10⁻⁴ and 7.5 × 10⁻⁴ both read 0.0007 at 4 decimals. A gradient is written with at least
    two significant digits (and never fewer decimals than the config's), any other value with the config's."""
    if f"{a:.1e}" != f"{b:.1e}":
        assert gradient_number(a, decimals) != gradient_number(b, decimals)
    shown = gradient_number(a, decimals)
    assert len(shown.split("×")[0].replace(".", "").lstrip("0")) >= 2
    assert entry_decimals(("grad_weights", 0, 0, 0), a, decimals) >= decimals
    assert entry_decimals(("weights", 0, 0, 0), a, decimals) == decimals
    assert entry_decimals(("mantissa", "grad_weights", 0, 0, 0), a, decimals) == decimals


def test_the_default_s_hidden_gradients_read_two_significant_digits() -> None:
    """The values FINDINGS-6 names: 6.7 × 10⁻⁴, 7.5 × 10⁻⁴, 1.3 × 10⁻³, 1.5 × 10⁻³; the rest keep 4 decimals."""
    config = load_config()
    grads = train_step(config).grad_weights
    shown = [gradient_number(float(g), config.decimals) for g in np.ravel(grads[0])]
    assert shown == ["0.00067", "0.0013", "0.00075", "0.0015"]
    assert [gradient_number(float(g), config.decimals) for g in np.ravel(grads[1])] == ["0.0822", "0.0827"]
