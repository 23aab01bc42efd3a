"""How the answer key writes numbers and tables: one formatter (with the rounding gap's footnote mark), rows."""

from __future__ import annotations

from collections.abc import Iterable

from nnmath.by_hand import APPROX_TEXT, relation
from nnmath.notation import entry_decimals, format_setting, format_value, gradient_number, written_number
from nnmath.regimes import DIVERGED
from nnmath.rounding import RoundingGap

# Said once, under the title: why a result may not be what its shown numbers give.
ROUNDING_NOTE = (
    "Each value is computed from the unrounded values before it, then rounded for display, "
    "so a result can differ in the last digit from what the rounded numbers shown give."
)
FOOTNOTE_MARK = "†"  # not ¹: the key writes layers as w⁽¹⁾ and squares as ²


def footnote(gap: RoundingGap) -> str:
    """The footnote for ``gap``, e.g. "† From the rounded numbers shown, 0.013 · 0.813 would give 0.011; …"."""
    return (
        f"{FOOTNOTE_MARK} From the rounded numbers shown, {gap.expression} would give {gap.from_shown}; "
        f"the unrounded values give {gap.shown} (see the note at the top)."
    )


def result_cell(expression: str, result: str) -> str:
    """A table's result beside the cells it is worked from (``expression``, as the shown numbers read): itself, or
    "≈ result" where those numbers give another by hand (``nnmath.by_hand``), as the video writes its row."""
    return f"{APPROX_TEXT} {result}" if relation(expression, result) == APPROX_TEXT else result


def named(name: str, expression: str, result: str) -> str:
    """``name = result``, or ``name ≈ result`` where the shown numbers of ``expression`` give another by hand."""
    return f"{name} {relation(expression, result)} {result}"


def row(*cells: object) -> str:
    """One Markdown table row."""
    return "| " + " | ".join(map(str, cells)) + " |"


def human(name: str) -> str:
    """A config name as words: "half_squared_error" → "half squared error"."""
    return name.replace("_", " ")


class Formatter:
    """Numbers as the key shows them, and the rounding gap's footnote mark (placed once, then its footnote)."""

    def __init__(self, decimals: int, gap: RoundingGap | None = None) -> None:
        self.decimals = decimals
        self.gap = gap
        self._marked = False  # the mark is in the key, its footnote not yet

    def mark(self, *entry: str | int) -> str:
        """The footnote mark when ``entry`` is the rounding gap's result, else nothing."""
        if self.gap is None or entry != self.gap.entry:
            return ""
        self._marked = True
        return FOOTNOTE_MARK

    def footnote(self) -> list[str]:
        """After a table or list: a blank line and the footnote, if its mark is in that table or list."""
        if not self._marked or self.gap is None:
            return []
        self._marked = False
        return ["", footnote(self.gap)]

    def __call__(self, value: float, gradient: bool = False) -> str:
        """ "−0.3000", as the video writes it; ``gradient``: a gradient or a gradient formula's factor, with at
        least two significant digits ("0.00067", ``nnmath.notation.entry_decimals``)."""
        if gradient:
            return gradient_number(float(value), self.decimals).replace("-", "−")
        return written_number(float(value), self.decimals)

    def entry(self, value: float, *entry: str | int) -> str:
        """Trace entry ``entry``'s ``value`` with the digits the video gives it (``nnmath.notation.entry_decimals``:
        a gradient, or a step η · ∂E/∂w, with at least two significant digits, 0.00067 not 0.0007)."""
        return written_number(float(value), entry_decimals(entry, float(value), self.decimals))

    def small(self, value: float) -> str:
        """As the epilogue shows it: m × 10ⁿ when fixed-point would read as zero; a diverged value as such."""
        if not abs(value) < DIVERGED:
            return "> 10⁶ (diverged)" if value == value else "not a number (diverged)"
        return format_value(float(value), self.decimals)

    @staticmethod
    def setting(value: float) -> str:
        """A setting (η) as a person writes it: 16, 0.5."""
        return format_setting(value)

    def factor(self, value: float, gradient: bool = False) -> str:
        """A number inside a product: negatives in parentheses."""
        text = self(value, gradient)
        return f"({text})" if text.startswith("−") else text

    def list(self, values: Iterable[float]) -> str:
        return ", ".join(self(v) for v in values)

    def vector(self, values: Iterable[float]) -> str:
        """One value as itself, several in parentheses: "0.7514", "(0.2, 0.5, 0.3)"."""
        shown = [self(v) for v in values]
        return shown[0] if len(shown) == 1 else f"({', '.join(shown)})"
